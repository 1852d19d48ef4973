// Subcommands whose issues have not landed yet: their flags are bound (so --help is complete)
// but running them says so and exits with the usage code. Each moves to its own file when built.
#include <fmt/format.h>

#include "cmd/commands.hpp"

namespace eks::cmd {

int not_implemented(const char* command, Deps& deps) {
  deps.err << fmt::format("error: \"eks-sso {}\" is not implemented yet\n", command);
  return 2;
}

CLI::App* bind_doctor(CLI::App& app, DoctorOptions& opts) {
  CLI::App* sub = app.add_subcommand("doctor", "Run every check of the EKS SSO guide, in order, each with the fix");
  sub->add_flag("--all-contexts", opts.all_contexts, "Check every context of the kubeconfig, in parallel");
  return sub;
}
int run_doctor(GlobalOptions&, const DoctorOptions&, Deps& deps) { return not_implemented("doctor", deps); }

CLI::App* bind_connect(CLI::App& app, ConnectOptions& opts) {
  CLI::App* sub = app.add_subcommand("connect", "Run the exec plugin, reach the API server and say who we are");
  sub->add_flag("--use-cache", opts.use_cache, "Use the on-disk credential cache");
  sub->add_flag("--no-cache", opts.no_cache, "Bypass the credential cache");
  return sub;
}
int run_connect(GlobalOptions&, const ConnectOptions&, Deps& deps) { return not_implemented("connect", deps); }

CLI::App* bind_get_nodes(CLI::App& app, GetNodesOptions& opts) {
  CLI::App* get = app.add_subcommand("get", "Display resources (like kubectl get)");
  get->require_subcommand(1);
  CLI::App* nodes = get->add_subcommand("nodes", "List the cluster's nodes, as kubectl get nodes prints them");
  nodes->alias("node");
  nodes->alias("no");
  nodes->add_option("names", opts.names, "Only these nodes")->type_name("NAME");
  nodes->add_option("-l,--selector", opts.selector, "Label selector (e.g. -l key1=value1,key2=value2)");
  nodes->add_flag("--no-headers", opts.no_headers, "Do not print the header line");
  nodes->add_option("--chunk-size", opts.chunk_size, "Return large lists in chunks (default 500, 0 disables)");
  nodes->add_flag("--no-cache", opts.no_cache, "Bypass the credential cache");
  get->fallthrough();
  nodes->fallthrough();
  return nodes;
}
int run_get_nodes(GlobalOptions&, const GetNodesOptions&, Deps& deps) { return not_implemented("get nodes", deps); }

}  // namespace eks::cmd
