// `eks-sso completion bash|zsh|fish`: prints the completion script. The scripts live in
// completions/ and are embedded at build time, so `source <(eks-sso completion bash)` and the
// installed files are the same bytes.
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/completion_scripts.hpp"
#include "cmd/render.hpp"

namespace eks::cmd {
namespace {

std::optional<std::string_view> completion_script(std::string_view shell) {
  if (shell == "bash") {
    return k_bash_completion;
  }
  if (shell == "zsh") {
    return k_zsh_completion;
  }
  if (shell == "fish") {
    return k_fish_completion;
  }
  return std::nullopt;
}

}  // namespace

CLI::App* bind_completion(CLI::App& app, CompletionOptions& opts) {
  CLI::App* sub = app.add_subcommand("completion", "Print the shell completion script (bash, zsh, fish)");
  sub->add_option("shell", opts.shell, "bash, zsh or fish")->required()->type_name("SHELL");
  sub->footer(
      "Examples:\n"
      "  source <(eks-sso completion bash)                 # bash, this shell only\n"
      "  source <(eks-sso completion zsh)                  # zsh, after compinit\n"
      "  eks-sso completion fish | source                  # fish\n"
      "Installed packages put the scripts where each shell finds them by itself.");
  return sub;
}

int run_completion(GlobalOptions& /*global*/, const CompletionOptions& opts, Deps& deps) {
  const auto script = completion_script(opts.shell);
  if (!script) {
    return fail(deps, make_error(ErrorKind::usage, fmt::format("unsupported shell \"{}\"", opts.shell),
                                 {"use one of bash, zsh, fish: eks-sso completion bash"}));
  }
  deps.out << *script;
  return 0;
}

}  // namespace eks::cmd
