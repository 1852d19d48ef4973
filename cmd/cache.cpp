// `eks-sso cache clear`: empties the on-disk credential cache (issue 7), removing only the files
// eks-sso wrote there (entries, locks, leftover temp files, the remembered AWS CLI versions).
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/aws/cli_version_cache.hpp"
#include "lib/kube/credential_cache.hpp"

namespace eks::cmd {

CLI::App* bind_cache(CLI::App& app, CacheClearOptions& /*opts*/) {
  CLI::App* cache = app.add_subcommand("cache", "Manage the on-disk credential cache");
  cache->require_subcommand(1);
  CLI::App* clear = cache->add_subcommand("clear", "Remove every cached credential (the next command runs the exec "
                                                   "plugin again)");
  cache->footer("Examples:\n  eks-sso cache clear");
  clear->footer("Examples:\n  eks-sso cache clear");
  cache->fallthrough();
  clear->fallthrough();
  return clear;
}

int run_cache_clear(GlobalOptions& global, const CacheClearOptions& /*opts*/, Deps& deps) {
  if (auto s = validate_global(global, {"table", "json", "yaml"}, "cache clear"); !s) {
    return fail(deps, s.error());
  }
  const std::filesystem::path dir = credential_cache_dir(deps.env, deps.home);
  Result<int> removed = clear_credential_cache(dir);
  if (!removed) {
    return fail(deps, removed.error());
  }
  forget_cli_versions(dir);  // the AWS CLI versions remembered there are asked again too
  if (global.output == "table") {
    deps.out << fmt::format("removed {} cached credential{} from {}\n", *removed, *removed == 1 ? "" : "s",
                            dir.string());
  } else {
    print_structured(deps, {{"dir", dir.string()}, {"removed", *removed}}, global.output);
  }
  return 0;
}

}  // namespace eks::cmd
