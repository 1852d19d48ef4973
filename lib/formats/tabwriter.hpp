// Go's text/tabwriter as kubectl's cli-runtime configures it (docs/spec/kube.md section 3):
// minwidth 6, tabwidth 4, padding 3, padchar ' ', flags RememberWidths (liggitt/tabwriter).
//
// Rules, all from Go's implementation:
// - Text is split into lines at '\n'; a line is split into cells at '\t'. Cells are
//   tab-terminated, so the text after the last tab of a line is not part of any column and is
//   written as is (never padded). A line "a\tb\t\n" therefore ends with b's padding.
// - A column block is a run of consecutive lines that have a (tab-terminated) cell in that
//   column; its width is max(minwidth, widest cell + padding), measured in runes (UTF-8).
// - RememberWidths: a later block of the same column is at least as wide as an earlier one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace eks {

struct TabwriterOptions {
  int min_width = 6;
  int padding = 3;
  char pad_char = ' ';
  bool remember_widths = true;
};

class Tabwriter {
 public:
  explicit Tabwriter(TabwriterOptions options = {}) : m_options(options) {}

  // Buffers text; nothing is formatted until flush().
  void write(std::string_view text) { m_buffer.append(text); }

  // Formats and returns everything written since the last flush. With remember_widths, column
  // widths seen so far still apply to later flushes (as kubectl's printers rely on).
  [[nodiscard]] std::string flush();

 private:
  struct Cell {
    std::string_view text;
    int width = 0;  // in runes
  };
  using Line = std::vector<Cell>;

  void format(std::string& out, const std::vector<Line>& lines, size_t line0, size_t line1);
  void write_lines(std::string& out, const std::vector<Line>& lines, size_t line0,
                   size_t line1) const;

  TabwriterOptions m_options;
  std::string m_buffer;
  std::vector<int> m_widths;      // widths of the enclosing column blocks while formatting
  std::vector<int> m_max_widths;  // RememberWidths
};

// One-shot helper: formats `text` with the kubectl options.
[[nodiscard]] std::string tabwrite(std::string_view text, TabwriterOptions options = {});

// Number of runes (UTF-8 code points; invalid bytes count as one each), as Go's utf8.RuneCount.
[[nodiscard]] int rune_count(std::string_view text);

}  // namespace eks
