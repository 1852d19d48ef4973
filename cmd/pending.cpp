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


}  // namespace eks::cmd
