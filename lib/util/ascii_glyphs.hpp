// ASCII stand-ins for the glyphs eks-sso prints (issue 16, polish) when the terminal's locale is
// not UTF-8 (LANG=C, POSIX, a Latin-1 locale): "✓ ✗ – → · …" and the spinner's braille frames
// would show as mojibake there. Each stand-in is one column wide, as the glyph is, so tables,
// the doctor layout and the progress line keep their widths: ✓ +, ✗ x, – -, → >, · -, … ~,
// the spinner ⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏ | / - \ in turn. Other text (names from a kubeconfig) is left as it is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "lib/util/env.hpp"

namespace eks {

// The locale that decides LC_CTYPE, as setlocale(LC_CTYPE, "") and `locale charmap` read the
// environment: LC_ALL, else LC_CTYPE, else LANG (the first that is set and not empty), else "C".
[[nodiscard]] std::string ctype_locale_name(const Env& env);

// Whether a codeset (nl_langinfo(CODESET): "UTF-8") or a locale name's codeset ("en_US.UTF-8",
// "de_DE.utf8@euro") is UTF-8; "C", "POSIX" and names without a codeset are not.
[[nodiscard]] bool names_utf8(std::string_view codeset_or_locale);

// `text` with the glyphs above replaced by their ASCII stand-ins.
[[nodiscard]] std::string ascii_glyphs(std::string_view text);

// How many bytes at the end of `text` are the start of a UTF-8 sequence that is not complete yet
// (0 to 3): a stream filter keeps them until the rest arrives.
[[nodiscard]] std::size_t incomplete_utf8_tail(std::string_view text);

}  // namespace eks
