// `eks-sso version`.
#include "cmd/commands.hpp"
#include "cmd/render.hpp"

namespace eks::cmd {

CLI::App* bind_version(CLI::App& app, VersionOptions& /*opts*/) {
  CLI::App* sub = app.add_subcommand("version", "Print the eks-sso version");
  sub->footer("Examples:\n  eks-sso version\n  eks-sso version -o json");
  return sub;
}

int run_version(GlobalOptions& global, const VersionOptions& /*opts*/, Deps& deps) {
  if (auto s = validate_global(global, {"table", "json", "yaml"}, "version"); !s) {
    return fail(deps, s.error());
  }
  if (global.output == "table") {
    // The commit and build date (EKS_SSO_COMMIT, EKS_SSO_BUILD_DATE) are not shown yet: the action's
    // install step, the .deb check and test_versions read this line as "eks-sso X.Y.Z".
    deps.out << "eks-sso " << EKS_SSO_VERSION << '\n';
    return 0;
  }
  print_structured(deps, {{"version", EKS_SSO_VERSION}}, global.output);
  return 0;
}

}  // namespace eks::cmd
