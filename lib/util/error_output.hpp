// How an Error is shown to a person on stderr: "error: <message>" and indented hint lines.
#pragma once

#include <ostream>

#include "lib/util/error.hpp"

namespace eks {

void print_error(std::ostream& err, const Error& error, bool color);

}  // namespace eks
