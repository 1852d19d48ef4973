// Small string helpers shared across lib/ (ASCII semantics, as the formats we parse are ASCII).
#pragma once

#include <string>
#include <string_view>

namespace eks {

// Without leading and trailing whitespace (space, \t, \n, \v, \f, \r), like Go's TrimSpace on ASCII.
[[nodiscard]] std::string_view trim_view(std::string_view s);
[[nodiscard]] inline std::string trim_copy(std::string_view s) { return std::string(trim_view(s)); }

// ASCII lower case.
[[nodiscard]] std::string to_lower(std::string_view s);

}  // namespace eks
