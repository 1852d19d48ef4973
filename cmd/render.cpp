#include "cmd/render.hpp"

#include <map>
#include <optional>
#include <utility>

#include "lib/aws/config.hpp"
#include "lib/util/error_output.hpp"
#include "lib/formats/go_format.hpp"
#include "lib/aws/sso_state.hpp"
#include "lib/util/timefmt.hpp"

namespace eks::cmd {

int fail(Deps& deps, const Error& error) {
  print_error(deps.err, error, deps.term.color, deps.term.wrap_err);
  return exit_code_for(error.kind);
}

Deps with_progress(const Deps& deps, ProgressLine& progress) {
  Deps d{deps.env,         deps.home,      deps.runner, deps.clock,     deps.http,
         progress.out(),   progress.err(), deps.term,   deps.verbosity, deps.interrupted};
  d.in = deps.in;
  return d;
}

std::string plugin_wait_text(const ContextAccess& access) {
  const AuthInfo* user = access.selection.user;
  if (user == nullptr || !user->exec) {
    return "";
  }
  return "running the exec plugin " + std::filesystem::path(user->exec->command).filename().string();
}

std::string server_wait_text(const ContextAccess& access) {
  return "waiting for " + access.selection.cluster->server;
}

void print_structured(Deps& deps, const nlohmann::json& value, const std::string& format) {
  if (format == "yaml") {
    deps.out << go_yaml_marshal(value);
    return;
  }
  // Invalid UTF-8 (from a file we did not validate) becomes U+FFFD, as Go's json.Marshal does,
  // instead of an exception.
  deps.out << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void fill_sso_column(std::vector<ContextEntry>& entries, Deps& deps) {
  // Contexts usually share one AWS config: read each (config, credentials) pair once.
  std::map<std::pair<std::string, std::string>, std::optional<AwsConfig>> aws_configs;
  std::map<std::string, int> cli_majors;  // "command\nPATH" -> AWS CLI major version
  for (auto& e : entries) {
    if (e.sso.state == "not-sso") {
      continue;
    }
    if (!e.plugin_env) {
      continue;
    }
    // The AWS config the plugin will read: its own environment decides AWS_CONFIG_FILE.
    const Env& plugin_env = *e.plugin_env;
    const AwsConfigPaths paths = aws_config_paths(plugin_env, deps.home);
    auto [cached, fresh] = aws_configs.try_emplace({paths.config.string(), paths.credentials.string()});
    if (fresh) {
      if (auto loaded = load_aws_config(plugin_env, deps.home)) {
        cached->second = std::move(*loaded);
      }
    }
    const std::optional<AwsConfig>& aws = cached->second;
    if (!aws) {
      e.sso.state = "unknown";
      e.sso.text = "unknown (AWS config unreadable)";
      continue;
    }
    SsoSummary s = summarize_sso(SsoStateInput{*aws, e.auth.resolution, deps.home, deps.clock, 2});
    // Only when the answer depends on it, ask the plugin's AWS CLI its version (never the plugin).
    if (e.auth.plugin == PluginKind::aws_cli && e.auth_user && e.auth_user->exec &&
        (profile_depends_on_cli_major(*e.auth_user->exec, e.auth_env) || s.role_credentials_until)) {
      const std::string key = e.auth_user->exec->command + '\n' + plugin_env.get_or_empty("PATH");
      auto [major, unseen] = cli_majors.try_emplace(key, 2);
      if (unseen) {
        const auto version = detect_aws_cli_version(*e.auth_user->exec, deps);
        major->second = version && version->major == 1 ? 1 : 2;
      }
      if (major->second == 1) {
        e.auth = summarize_auth(*e.auth_user, e.auth_env, 1);
        s = summarize_sso(SsoStateInput{*aws, e.auth.resolution, deps.home, deps.clock, 1});
      }
    }
    e.sso.state = sso_state_name(s.state);
    e.sso.profile = s.sso_profile;
    e.sso.via = s.via;
    e.sso.login_required = s.login_required;
    e.sso.reason = s.reason;
    e.sso.start_url = s.start_url;
    e.sso.session = s.session;
    if (s.expires_at) {
      e.sso.expires_at = format_rfc3339(*s.expires_at);
    }
    const TimePoint now = deps.clock.now();
    switch (s.state) {
      case SsoState::valid:
        e.sso.text = s.expires_at ? "valid (" + short_duration(std::chrono::duration_cast<std::chrono::seconds>(
                                                    *s.expires_at - now)) + " left)"
                                  : "valid";
        break;
      case SsoState::expired:
        e.sso.text = s.expires_at ? "expired " + relative_to_now(*s.expires_at, now) : "expired";
        break;
      case SsoState::missing: e.sso.text = "missing"; break;
      case SsoState::not_sso: e.sso.text = "not SSO"; break;
      case SsoState::unknown: e.sso.text = "unknown"; break;
    }
  }
}

}  // namespace eks::cmd
