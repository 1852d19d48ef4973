// `eks-sso __complete contexts`: the dynamic values the static completion scripts ask for.
// Completion runs on every <TAB>, so it must be fast and side-effect free: it reads kubeconfig
// files only (kubectl's own completion runs exec plugins, kubernetes/kubectl#1546).
#include "cmd/hidden.hpp"

#include "lib/util/error.hpp"
#include "lib/kube/kubeconfig.hpp"

namespace eks::cmd {

CLI::App* bind_complete(CLI::App& app, CompleteOptions& opts) {
  CLI::App* sub = app.add_subcommand("__complete", "Values for shell completion (hidden)");
  sub->group("");
  sub->add_option("what", opts.what, "contexts")->required()->check(CLI::IsMember({"contexts"}));
  return sub;
}

int run_complete(GlobalOptions& global, const CompleteOptions& /*opts*/, Deps& deps) {
  const auto config = load_kubeconfig(kubeconfig_sources(global, deps));
  if (!config) {
    return exit_code_for(ErrorKind::config);
  }
  for (const auto& [name, context] : config->contexts) {
    deps.out << name << '\n';
  }
  return 0;
}

void bind_hidden(CLI::App& app, HiddenCommands& hidden) {
  hidden.complete = bind_complete(app, hidden.complete_opts);
  hidden.tree = bind_tree(app);
}

bool hidden_selected(const HiddenCommands& hidden) {
  return hidden.complete->parsed() || hidden.tree->parsed();
}

int run_hidden(const HiddenCommands& hidden, const CLI::App& root, GlobalOptions& global, Deps& deps) {
  if (hidden.tree->parsed()) {
    return run_tree(root, deps);
  }
  return run_complete(global, hidden.complete_opts, deps);
}

}  // namespace eks::cmd
