#include "lib/util/error.hpp"

#include <utility>

namespace eks {

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::general: return 1;
    case ErrorKind::usage: return 2;
    case ErrorKind::login_required: return 3;
    case ErrorKind::unauthorized: return 4;
    case ErrorKind::forbidden: return 5;
    case ErrorKind::unreachable: return 6;
    case ErrorKind::config: return 7;
    case ErrorKind::interrupted: return 130;
  }
  return 1;
}

const char* kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::general: return "error";
    case ErrorKind::usage: return "usage";
    case ErrorKind::login_required: return "login_required";
    case ErrorKind::unauthorized: return "unauthorized";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::unreachable: return "unreachable";
    case ErrorKind::config: return "config";
    case ErrorKind::interrupted: return "interrupted";
  }
  return "error";
}

Error make_error(ErrorKind kind, std::string message, std::vector<std::string> hints) {
  return Error{kind, std::move(message), std::move(hints)};
}

}  // namespace eks
