// How an Error is shown to a person on stderr: "error: <message>" and indented hint lines.
#pragma once

#include <ostream>

#include "lib/util/error.hpp"

namespace eks {

// `width`: the terminal's columns to wrap the message and hints to (lib/util/wrap.hpp; a hint that
// is a command is never broken), 0 = as they are.
void print_error(std::ostream& err, const Error& error, bool color, int width = 0);

}  // namespace eks
