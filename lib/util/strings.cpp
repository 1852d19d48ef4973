#include "lib/util/strings.hpp"

namespace eks {

namespace {
constexpr std::string_view k_space = " \t\n\v\f\r";
}

std::string_view trim_view(std::string_view s) {
  const auto b = s.find_first_not_of(k_space);
  if (b == std::string_view::npos) {
    return {};
  }
  return s.substr(b, s.find_last_not_of(k_space) - b + 1);
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace eks
