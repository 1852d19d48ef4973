// `eks-sso version`.
#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "cmd/build_info.hpp"  // generated: EKS_SSO_COMMIT, EKS_SSO_BUILD_DATE

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
    deps.out << "eks-sso " << EKS_SSO_VERSION << " (commit " << EKS_SSO_COMMIT << ", built " << EKS_SSO_BUILD_DATE
             << ")\n";
    return 0;
  }
  print_structured(deps, {{"version", EKS_SSO_VERSION}, {"commit", EKS_SSO_COMMIT}, {"buildDate", EKS_SSO_BUILD_DATE}},
                   global.output);
  return 0;
}

}  // namespace eks::cmd
