// UTF-8 decoding, the one implementation (Go's utf8.DecodeRune rules): validation for text read
// from files people edit (kubeconfig, AWS config; Go's YAML reader and Python's decoder both
// refuse invalid UTF-8, and JSON output cannot carry it, so it is rejected where the text comes
// in), and the per-rune decoding the Go encoders and the tab writer need.
#pragma once

#include <cstddef>
#include <string_view>

namespace eks {

// Decodes the sequence that starts at s[i] (i < s.size()): its length in bytes (1 to 4) with the
// code point in `cp`, or 0 when it is not valid UTF-8 (bad lead byte, truncated or bad
// continuation, overlong, surrogate, above U+10FFFF), where Go yields RuneError for one byte.
[[nodiscard]] std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp);

// The offset of the first byte that does not start a valid UTF-8 sequence (bad lead byte,
// truncated or bad continuation, overlong, surrogate, above U+10FFFF), or npos when `s` is valid.
[[nodiscard]] std::size_t invalid_utf8_offset(std::string_view s);

}  // namespace eks
