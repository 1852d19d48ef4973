#include "lib/session/context_access.hpp"

#include "lib/aws/config.hpp"
#include "lib/os/process.hpp"

namespace eks {

Result<ContextAccess> open_context(const KubeconfigSources& sources, std::string_view context_name, const Env& env) {
  TRY_ASSIGN(auto loaded, load_kubeconfig(sources));
  ContextAccess access;
  access.config = std::make_shared<const Kubeconfig>(std::move(loaded));
  TRY_ASSIGN(auto sel, select_context(*access.config, context_name));
  access.selection = sel;
  access.context_name = sel.context->name;
  bind_user(access, sel.user, env);
  return access;
}

void bind_user(ContextAccess& access, const AuthInfo* user, const Env& process_env) {
  access.selection.user = user;
  access.auth = summarize_auth(*user, process_env);
  access.plugin_env = user->exec ? plugin_environment(*user->exec, process_env) : process_env;
  access.memo = std::make_shared<ContextMemo>();
}

namespace {

std::optional<SsoSummary> read_sso_summary(const ContextAccess& access, Deps& deps) {
  const AuthInfo& user = *access.selection.user;
  if (!user.exec || (access.auth.plugin != PluginKind::aws_cli && access.auth.plugin != PluginKind::aws_iam_authenticator)) {
    return std::nullopt;
  }
  auto aws = load_aws_config(access.plugin_env, deps.home);
  if (!aws) {
    return summarize_sso_config_error(access.auth.resolution, aws.error());
  }
  return summarize_sso(SsoStateInput{*aws, access.auth.resolution, deps.home, deps.clock, 2});
}

std::optional<AwsCliVersion> run_aws_cli_version(const ContextAccess& access, Deps& deps) {
  const AuthInfo& user = *access.selection.user;
  if (!user.exec || access.auth.plugin != PluginKind::aws_cli) {
    return std::nullopt;
  }
  ProcessSpec spec;
  spec.program = user.exec->command;
  spec.args = {"--version"};
  spec.env = access.plugin_env.to_strings();
  spec.timeout = std::chrono::milliseconds(15000);
  spec.stdout_limit = 64 * 1024;
  const ProcessResult r = deps.runner.run(spec);
  if (r.outcome != ProcessResult::Outcome::exited || r.exit_code != 0) {
    return std::nullopt;
  }
  return parse_aws_cli_version(r.out, r.err);
}

}  // namespace

std::optional<SsoSummary> sso_summary_for(const ContextAccess& access, Deps& deps) {
  if (!access.memo->sso) {
    access.memo->sso = read_sso_summary(access, deps);
  }
  return *access.memo->sso;
}

void enrich_login_required(LoginRequired& login, const ContextAccess& access, Deps& deps) {
  if (const auto sso = sso_summary_for(access, deps)) {
    if (login.start_url.empty()) {
      login.start_url = sso->start_url;
    }
    if (login.session.empty()) {
      login.session = sso->session;
    }
    if (sso->state == SsoState::expired && sso->expires_at) {
      // "session invalid" from a legacy profile is how the AWS CLI reports an expired token.
      if (login.reason == LoginReason::sso_session_invalid) {
        login.reason = LoginReason::sso_token_expired;
      }
      login.expired_at = sso->expires_at;
    }
  }
  if (const auto version = detect_aws_cli_version(access, deps)) {
    login.aws_cli_v1 = version->major == 1;
  }
}

std::optional<AwsCliVersion> detect_aws_cli_version(const ContextAccess& access, Deps& deps) {
  if (!access.memo->aws_cli_version) {
    access.memo->aws_cli_version = run_aws_cli_version(access, deps);
  }
  return *access.memo->aws_cli_version;
}

}  // namespace eks
