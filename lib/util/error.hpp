// Errors and the exit codes of the command-line contract (docs/CONTRACT.md, "Exit codes").
// Every fallible function in lib/ returns Result<T>; the kind is mapped to an exit code in exactly
// one place: exit_code_for().
#pragma once

#include <string>
#include <vector>

namespace eks {

enum class ErrorKind {
  general,         // 1: plugin failed for an unrecognised reason, invalid ExecCredential, odd answer
  usage,           // 2: unknown command or flag, bad value
  login_required,  // 3: the SSO token is missing, expired or no longer valid
  unauthorized,    // 4: the cluster rejected the credential (HTTP 401)
  forbidden,       // 5: the cluster refused the action (HTTP 403)
  unreachable,     // 6: DNS, connect, TLS, timeout
  config,          // 7: kubeconfig/AWS config unreadable, malformed or incomplete
  interrupted,     // 130: Ctrl-C
};

// The one mapping from error kinds to the contract's exit codes.
[[nodiscard]] int exit_code_for(ErrorKind kind);

// The stable lowercase name of a kind ("login_required", "config", ...), used in JSON output.
[[nodiscard]] const char* kind_name(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::general;
  std::string message;             // one line, lowercase start, user values quoted
  std::vector<std::string> hints;  // copy-pasteable fixes or extra explanation lines
};

[[nodiscard]] Error make_error(ErrorKind kind, std::string message,
                               std::vector<std::string> hints = {});

}  // namespace eks
