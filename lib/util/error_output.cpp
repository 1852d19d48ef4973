#include "lib/util/error_output.hpp"

#include <string>

#include "lib/util/wrap.hpp"

namespace eks {

void print_error(std::ostream& err, const Error& error, bool color, int width) {
  const char* red = color ? "\033[31m" : "";
  const char* reset = color ? "\033[0m" : "";
  std::string text = std::string(red) + "error: " + reset + error.message + '\n';
  for (const auto& hint : error.hints) {
    text += "  " + hint + '\n';
  }
  err << wrap_prose(text, width);
}

}  // namespace eks
