// `eks-sso status`: one short line for shell prompts (kube-ps1, starship; README "Shell prompt"):
// the current context's AWS profile and how long its SSO token has left, `sso: 3h12m`,
// `sso: expired`, `sso: none` (an SSO profile without a token), `sso: n/a` (not an SSO context).
// Files only, in a few milliseconds: it never runs a plugin, `aws`, or opens a connection (issue 16).
// Exit 3 when a login is required (expired or none), 0 otherwise.
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/session/contexts_view.hpp"
#include "lib/util/timefmt.hpp"

namespace eks::cmd {
namespace {

struct StatusLine {
  std::string sso;  // after "sso: "
  bool login_required = false;
  long long seconds_left = -1;  // -1 when unknown
};

StatusLine status_of(const ContextEntry& e, TimePoint now) {
  StatusLine s;
  if (e.sso.state == "valid") {
    s.sso = "valid";
    if (!e.sso.expires_at.empty()) {
      if (const auto t = parse_rfc3339(e.sso.expires_at)) {
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(*t - now);
        s.seconds_left = left.count() < 0 ? 0 : left.count();
        s.sso = short_duration(left);
      }
    }
  } else if (e.sso.state == "expired") {
    s.sso = "expired";
    s.login_required = true;
    s.seconds_left = 0;
  } else if (e.sso.state == "missing") {
    s.sso = "none";
    s.login_required = true;
  } else if (e.sso.state == "not-sso") {
    s.sso = "n/a";
  } else {
    s.sso = "unknown";
  }
  return s;
}

}  // namespace

CLI::App* bind_status(CLI::App& app, StatusOptions& /*opts*/) {
  CLI::App* sub = app.add_subcommand("status", "One line for shell prompts: the current context's AWS profile and "
                                               "SSO time left (files only, never runs a plugin)");
  sub->footer("Examples:\n  eks-sso status\n  eks-sso status --context prod -o json\n"
              "Output: PROFILE sso: 3h12m | sso: expired | sso: none (no token) | sso: n/a (not SSO)\n"
              "Exit codes: 0, or 3 when an AWS SSO login is required.");
  return sub;
}

int run_status(GlobalOptions& global, const StatusOptions& /*opts*/, Deps& deps) {
  if (auto s = validate_global(global, {"table", "json", "yaml"}, "status"); !s) {
    return fail(deps, s.error());
  }
  Result<std::string> context = single_context(global, "status");
  if (!context) {
    return fail(deps, context.error());
  }
  const KubeconfigSources sources = kubeconfig_sources(global, deps);
  auto loaded = load_kubeconfig(sources);
  if (!loaded) {
    return fail(deps, loaded.error());
  }
  const auto config = std::make_shared<const Kubeconfig>(std::move(*loaded));
  auto sel = select_context(*config, *context);
  if (!sel) {
    return fail(deps, sel.error());
  }
  std::vector<ContextEntry> entries = list_contexts(*config, deps.env);
  std::erase_if(entries, [&](const ContextEntry& e) { return e.name != sel->context->name; });
  follow_wrapper_entries(entries, config, sources, deps.env);
  fill_sso_column(entries, deps);
  const ContextEntry& e = entries.at(0);
  const StatusLine line = status_of(e, deps.clock.now());
  const int code = line.login_required ? exit_code_for(ErrorKind::login_required) : 0;
  if (global.output == "table") {
    deps.out << (e.auth.profile.empty() || e.sso.state == "not-sso" ? "" : e.auth.profile + " ") << "sso: " << line.sso
             << '\n';
    return code;
  }
  nlohmann::json sso = {{"state", e.sso.state}, {"text", line.sso}, {"loginRequired", line.login_required}};
  if (!e.sso.expires_at.empty()) {
    sso["expiresAt"] = e.sso.expires_at;
  }
  if (line.seconds_left >= 0) {
    sso["secondsLeft"] = line.seconds_left;
  }
  nlohmann::json out = {{"context", e.name}, {"profile", e.auth.profile}, {"region", e.auth.region}, {"sso", sso}};
  print_structured(deps, out, global.output);
  return code;
}

}  // namespace eks::cmd
