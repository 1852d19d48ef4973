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
