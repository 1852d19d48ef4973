// Prose wrapped to the terminal's width (issue 16, polish): doctor's report, the login block and
// error hints at 60 columns were cut by the terminal in the middle of words and commands. Lines
// are wrapped at spaces only, by display width (UTF-8 runes; ANSI colour sequences take no room).
// A command to copy is never broken: a command line stays whole even when it overflows, and a
// "LABEL:  COMMAND" line that does not fit puts its command alone on the next line. Callers wrap
// only for a terminal (width 0 otherwise: piped output, -o json/yaml are never wrapped). Pure.
#pragma once

#include <string>
#include <string_view>

namespace eks {

// The columns `s` takes: one per UTF-8 rune, none for ESC [ ... sequences.
[[nodiscard]] int text_columns(std::string_view s);

// Whether `text` is a command to copy and paste: it starts with a command word (aws, eks-sso,
// kubectl, eksctl, export, sudo, ...), with NAME=value, or with "$ ".
[[nodiscard]] bool looks_like_command(std::string_view text);

// One line, greedily wrapped at its spaces to `width` columns; continuation lines start with
// `hang` spaces. Words are never split (a word wider than the room overflows on a line of its
// own); a run quoted with '...' or `...` counts as one word. width <= 0, or a line that fits:
// unchanged.
[[nodiscard]] std::string wrap_line(std::string_view line, int width, int hang);

// Every line of `text`: a command line (after its indent) unchanged; a "LABEL: COMMAND" line
// that does not fit split after the label, the command on the next line 4 columns further in;
// any other line wrap_line'd, hanging at the column after its first run of two or more spaces
// (a label column, as in doctor's "✓ kubeconfig        loaded ..."), else its indent + 2.
[[nodiscard]] std::string wrap_prose(std::string_view text, int width);

}  // namespace eks
