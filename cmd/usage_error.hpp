// Usage errors in kubectl's words (issue 16, polish) instead of CLI11's raw texts ("The following
// argument was not expected: --foo"): `error: unknown flag: --foo`, a did-you-mean among the flags
// that command accepts (its own and the global ones; lib/util/suggest.hpp, as for -o values), and
// `See 'eks-sso COMMAND --help' for usage.` Exit code 2 (CONTRACT.md, usage error).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace eks::cmd {

struct UsageError {
  std::string message;             // "unknown flag: --foo"
  std::vector<std::string> hints;  // "did you mean \"--force\"?"
  std::string command;             // "eks-sso get nodes": the command the arguments reached
};

// Explains the CLI11 parse error `cli11_message` raised for `args` (argv without the program
// name) by walking `args` through `app`'s tree: the first unknown flag or command, a flag without
// its value, an argument a command does not take; else CLI11's message.
[[nodiscard]] UsageError explain_usage_error(const CLI::App& app, const std::vector<std::string>& args,
                                             const std::string& cli11_message);

// "error: MESSAGE", each hint indented by two spaces, then "See 'COMMAND --help' for usage."
void print_usage_error(std::ostream& err, const UsageError& error);

}  // namespace eks::cmd
