// Internal to lib/formats/go_yaml*.cpp: go-yaml v2's resolve() and libyaml's scalar analysis.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eks::yaml_detail {

// Would the plain scalar read back as something other than a string (YAML 1.1 bool, null,
// int, float, timestamp, merge key)? Then go-yaml double-quotes it.
[[nodiscard]] bool resolves_to_non_string(std::string_view in);
[[nodiscard]] bool is_base60_float(const std::string& s);

[[nodiscard]] size_t width_of(unsigned char c);
[[nodiscard]] unsigned char at(std::string_view s, size_t i);
[[nodiscard]] bool is_printable(std::string_view b, size_t i);
[[nodiscard]] bool is_space(std::string_view b, size_t i);
[[nodiscard]] bool is_break(std::string_view b, size_t i);

struct Analysis {
  bool multiline = false;
  bool block_plain_allowed = true;
  bool single_quoted_allowed = true;
  bool block_allowed = true;
};

// libyaml yaml_emitter_analyze_scalar (block context only).
[[nodiscard]] Analysis analyze(std::string_view v);

}  // namespace eks::yaml_detail
