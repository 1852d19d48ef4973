// Hidden entry points for the completion scripts and the tests (issue 8). They are CLI11
// subcommands in the empty group, so `--help` never lists them.
//   eks-sso __complete contexts [--kubeconfig FILE]   context names, one per line (files only)
//   eks-sso __tree                                    the command tree as JSON
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "cmd/global_options.hpp"
#include "lib/os/deps.hpp"

namespace eks::cmd {

struct CompleteOptions {
  std::string what;  // "contexts"
};
CLI::App* bind_complete(CLI::App& app, CompleteOptions& opts);
// Reads the kubeconfig files only: never runs an exec plugin, never opens a connection. Prints
// nothing and exits 7 when the kubeconfig cannot be read (a completion must stay quiet).
int run_complete(GlobalOptions& global, const CompleteOptions& opts, Deps& deps);

CLI::App* bind_tree(CLI::App& app);
// The visible command tree of `root` as JSON (see tree.cpp for the shape).
int run_tree(const CLI::App& root, Deps& deps);

// Both hidden commands, bound and dispatched from main with one line each.
struct HiddenCommands {
  CompleteOptions complete_opts;
  CLI::App* complete = nullptr;
  CLI::App* tree = nullptr;
};
void bind_hidden(CLI::App& app, HiddenCommands& hidden);
// Whether main selected one of them; run_hidden runs the one selected.
[[nodiscard]] bool hidden_selected(const HiddenCommands& hidden);
int run_hidden(const HiddenCommands& hidden, const CLI::App& root, GlobalOptions& global, Deps& deps);

}  // namespace eks::cmd
