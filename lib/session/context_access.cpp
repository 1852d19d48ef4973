#include "lib/session/context_access.hpp"

#include "lib/aws/config.hpp"
#include "lib/os/process.hpp"
#include "lib/session/wrapper.hpp"

namespace eks {

Result<ContextAccess> open_context(const KubeconfigSources& sources, std::string_view context_name, const Env& env,
                                   WrapperPolicy wrappers) {
  auto loaded = load_kubeconfig(sources);
  if (!loaded) {
    return loaded.take_error();
  }
  ContextAccess access;
  access.config = std::make_shared<const Kubeconfig>(std::move(*loaded));
  auto sel = select_context(*access.config, context_name);
  if (!sel) {
    return sel.take_error();
  }
  access.selection = *sel;
  access.context_name = sel->context->name;
  access.auth = summarize_auth(*sel->user, env);
  if (wrappers == WrapperPolicy::follow) {
    if (Status followed = follow_wrapper_in(access, sources, env); !followed) {
      return followed.error();
    }
  }
  return access;
}

Status follow_wrapper_in(ContextAccess& access, const KubeconfigSources& sources, const Env& env) {
  const AuthInfo& user = *access.selection.user;
  if (!user.exec || !parse_wrapper(*user.exec)) {
    return Ok{};
  }
  auto wrapped = follow_wrapper(*user.exec, user.name, access.config, sources, env);
  if (!wrapped) {
    return wrapped.take_error();
  }
  access.wrapper_user = user.name;
  access.selection.user = wrapped->user;
  access.wrapped_config = wrapped->config;
  access.auth = summarize_auth(*wrapped->user, wrapped->env);
  access.auth.wrapped_context = wrapped->context;
  access.auth.wrapped_user = wrapped->user->name;
  return Ok{};
}

CredentialOutcome get_credential(const ContextAccess& access, const AccessOptions& options, Deps& deps) {
  CredentialOptions copts;
  copts.exec.terminal = options.terminal;
  copts.exec.stdin_is_tty = deps.term.stdin_tty;
  copts.exec.timeout = options.exec_timeout;
  CredentialOutcome outcome;
  outcome.attempt =
      acquire_credential(access.selection, deps.env, copts, deps.runner, deps.clock, read_small_file);
  if (outcome.attempt.aws) {
    outcome.login = login_required_from(*outcome.attempt.aws, access.context_name, access.auth.profile);
    if (outcome.login) {
      outcome.login->kubeconfig = options.kubeconfig_flag;
      enrich_login_required(*outcome.login, access, deps);
    }
  }
  return outcome;
}

std::optional<SsoSummary> sso_summary_for(const ContextAccess& access, Deps& deps) {
  const AuthInfo& user = *access.selection.user;
  if (!user.exec || (access.auth.plugin != PluginKind::aws_cli && access.auth.plugin != PluginKind::aws_iam_authenticator)) {
    return std::nullopt;
  }
  const Env plugin_env = plugin_environment(*user.exec, deps.env);
  auto aws = load_aws_config(plugin_env, deps.home);
  if (!aws) {
    return summarize_sso_config_error(access.auth.resolution, aws.error());
  }
  return summarize_sso(SsoStateInput{*aws, access.auth.resolution, deps.home, deps.clock, 2});
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
  const AuthInfo& user = *access.selection.user;
  if (!user.exec || access.auth.plugin != PluginKind::aws_cli) {
    return std::nullopt;
  }
  ProcessSpec spec;
  spec.program = user.exec->command;
  spec.args = {"--version"};
  spec.env = plugin_environment(*user.exec, deps.env).to_strings();
  spec.timeout = std::chrono::milliseconds(15000);
  spec.stdout_limit = 64 * 1024;
  const ProcessResult r = deps.runner.run(spec);
  if (r.outcome != ProcessResult::Outcome::exited || r.exit_code != 0) {
    return std::nullopt;
  }
  return parse_aws_cli_version(r.out, r.err);
}

}  // namespace eks
