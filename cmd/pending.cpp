// Subcommands whose issues have not landed yet: their flags are bound (so --help is complete)
// but running them says so and exits with the usage code. Each moves to its own file when built.
#include <fmt/format.h>

#include "cmd/commands.hpp"

namespace eks::cmd {

int not_implemented(const char* command, Deps& deps) {
  deps.err << fmt::format("error: \"eks-sso {}\" is not implemented yet\n", command);
  return 2;
}

CLI::App* bind_connect(CLI::App& app, ConnectOptions& opts) {
  CLI::App* sub = app.add_subcommand("connect", "Run the exec plugin, reach the API server and say who we are");
  sub->add_flag("--use-cache", opts.use_cache, "Use the on-disk credential cache");
  sub->add_flag("--no-cache", opts.no_cache, "Bypass the credential cache");
  return sub;
}
int run_connect(GlobalOptions&, const ConnectOptions&, Deps& deps) { return not_implemented("connect", deps); }

CLI::App* bind_login(CLI::App& app, LoginOptions& opts) {
  CLI::App* sub = app.add_subcommand("login", "Run 'aws sso login' for the context's profile (the only place a "
                                              "login starts), then verify it");
  sub->add_option("--profile", opts.profile, "The AWS profile (default: the one the context's plugin uses)");
  sub->add_flag("--no-browser", opts.no_browser, "Pass --no-browser to aws sso login");
  sub->add_flag("--use-device-code", opts.use_device_code, "Pass --use-device-code to aws sso login");
  sub->add_option("--login-timeout", opts.login_timeout, "Limit for the login (default 5m)")->type_name("DURATION");
  return sub;
}
int run_login(GlobalOptions&, const LoginOptions&, Deps& deps) { return not_implemented("login", deps); }

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

CLI::App* bind_logout_test(CLI::App& app, LogoutTestOptions& opts) {
  CLI::App* sub = app.add_subcommand("logout-test", "Prove that the logged-out state is detected and the login "
                                                    "action shown (guide step 10)");
  sub->add_flag("--real", opts.real, "Really run aws sso logout first (asks on a terminal)");
  sub->add_flag("--yes", opts.yes, "With --real: do not ask");
  return sub;
}
int run_logout_test(GlobalOptions&, const LogoutTestOptions&, Deps& deps) {
  return not_implemented("logout-test", deps);
}

}  // namespace eks::cmd
