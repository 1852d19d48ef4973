// `eks-sso help [COMMAND...]`: the same text as `eks-sso [COMMAND...] --help` (issue 16, polish),
// as kubectl and git accept `help` as a command.
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/util/suggest.hpp"

namespace eks::cmd {

CLI::App* bind_help(CLI::App& app, HelpOptions& opts) {
  CLI::App* sub = app.add_subcommand("help", "Print the help of eks-sso or of a command");
  sub->add_option("command", opts.command, "The command, e.g. get nodes")->type_name("COMMAND");
  sub->footer("Examples:\n  eks-sso help\n  eks-sso help doctor\n  eks-sso help get nodes");
  return sub;
}

int run_help(CLI::App& app, const HelpOptions& opts, Deps& deps) {
  CLI::App* target = &app;
  std::string prev;  // CLI11's help() prefix: the names above the target, as --help builds it
  for (const auto& name : opts.command) {
    CLI::App* next = nullptr;
    std::vector<std::string> names;
    for (CLI::App* sub : target->get_subcommands({})) {
      if (sub->get_name().rfind("__", 0) == 0) {
        continue;  // hidden helpers for the completion scripts
      }
      names.push_back(sub->get_name());
      if (sub->get_name() == name) {
        next = sub;
      }
    }
    if (next == nullptr) {
      std::vector<std::string> hints;
      if (const auto close = closest_match(name, names)) {
        hints.push_back(fmt::format("did you mean \"{}\"?", *close));
      }
      hints.push_back("run 'eks-sso help' for the commands");
      return fail(deps, make_error(ErrorKind::usage, fmt::format("unknown command \"{}\" for help", name), hints));
    }
    prev = prev.empty() ? target->get_name() : prev + " " + target->get_name();
    target = next;
  }
  deps.out << target->help(prev);
  return 0;
}

}  // namespace eks::cmd
