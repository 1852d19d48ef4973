#include "lib/util/error_output.hpp"

namespace eks {

void print_error(std::ostream& err, const Error& error, bool color) {
  const char* red = color ? "\033[31m" : "";
  const char* reset = color ? "\033[0m" : "";
  err << red << "error: " << reset << error.message << '\n';
  for (const auto& hint : error.hints) {
    err << "  " << hint << '\n';
  }
}

}  // namespace eks
