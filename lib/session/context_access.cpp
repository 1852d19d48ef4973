#include "lib/session/context_access.hpp"

#include "lib/aws/cli_version_cache.hpp"
#include "lib/aws/config.hpp"
#include "lib/kube/credential_cache.hpp"
#include "lib/kube/kubeconfig_validation.hpp"
#include "lib/os/process.hpp"
#include "lib/session/wrapper.hpp"

namespace eks {

Result<ContextAccess> open_context(const KubeconfigSources& sources, std::string_view context_name, const Env& env,
                                   WrapperPolicy wrappers) {
  TRY_ASSIGN(auto loaded, load_kubeconfig(sources));
  ContextAccess access;
  access.config = std::make_shared<const Kubeconfig>(std::move(loaded));
  TRY_ASSIGN(auto sel, select_context(*access.config, context_name));
  // kubectl's ConfirmUsable and transport checks, before any plugin runs or request is sent.
  TRY(validate_selection(sel, open_file_error));
  access.selection = sel;
  access.context_name = sel.context->name;
  bind_user(access, sel.user, env);
  if (wrappers == WrapperPolicy::follow) {
    TRY(follow_wrapper_in(access, sources, env));
  }
  return access;
}

void bind_user(ContextAccess& access, const AuthInfo* user, const Env& process_env) {
  access.selection.user = user;
  access.auth = summarize_auth(*user, process_env);
  access.plugin_env = user->exec ? plugin_environment(*user->exec, process_env) : process_env;
  access.memo = std::make_shared<ContextMemo>();
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
  access.wrapped_config = wrapped->config;
  // The wrapped plugin runs in the wrapper's environment (its exec env applied) plus its own.
  bind_user(access, wrapped->user, wrapped->env);
  access.auth.wrapped_context = wrapped->context;
  access.auth.wrapped_user = wrapped->user->name;
  return Ok{};
}

namespace {

std::optional<SsoSummary> read_sso_summary(const ContextAccess& access, Deps& deps, int cli_major) {
  const AuthInfo& user = *access.selection.user;
  if (!user.exec || (access.auth.plugin != PluginKind::aws_cli && access.auth.plugin != PluginKind::aws_iam_authenticator)) {
    return std::nullopt;
  }
  auto aws = load_aws_config(access.plugin_env, deps.home);
  if (!aws) {
    return summarize_sso_config_error(access.auth.resolution, aws.error());
  }
  return summarize_sso(SsoStateInput{*aws, access.auth.resolution, deps.home, deps.clock, cli_major});
}

}  // namespace

std::optional<SsoSummary> sso_summary_for(const ContextAccess& access, Deps& deps, int cli_major) {
  if (cli_major != 2) {
    return read_sso_summary(access, deps, cli_major);
  }
  if (!access.memo->sso) {
    access.memo->sso = read_sso_summary(access, deps, cli_major);
  }
  return *access.memo->sso;
}

void apply_cli_major(ContextAccess& access, const Env& env, int cli_major) {
  if (cli_major == 1) {
    access.auth = summarize_auth(*access.selection.user, env, 1);
    auto memo = std::make_shared<ContextMemo>();
    memo->aws_cli_version = access.memo->aws_cli_version;
    access.memo = std::move(memo);
  }
}

void enrich_login_required(LoginRequired& login, const ContextAccess& original, Deps& deps) {
  const auto version = detect_aws_cli_version(original, deps);
  const int cli_major = version && version->major == 1 ? 1 : 2;
  ContextAccess access = original;
  apply_cli_major(access, deps.env, cli_major);
  if (login.profile == original.auth.profile) {
    login.profile = access.auth.profile;
  }
  if (const auto sso = sso_summary_for(access, deps, cli_major)) {
    if (!sso->sso_profile.empty() && sso->sso_profile != login.profile) {
      login.requested_profile = login.profile;
      login.profile = sso->sso_profile;
    }
    if (!sso->via.empty()) {
      login.via = sso->via;
    }
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
  if (version) {
    login.aws_cli_v1 = version->major == 1;
  }
}

std::optional<AwsCliVersion> detect_aws_cli_version(const ContextAccess& access, Deps& deps) {
  if (!access.memo->aws_cli_version) {
    const AuthInfo& user = *access.selection.user;
    access.memo->aws_cli_version = !user.exec || access.auth.plugin != PluginKind::aws_cli
                                       ? std::nullopt
                                       : detect_aws_cli_version(*user.exec, deps);
  }
  return *access.memo->aws_cli_version;
}

bool profile_depends_on_cli_major(const ExecConfig& exec, const Env& process_env) {
  if (parse_get_token_args(exec.args).profile) {
    return false;
  }
  const Env env = plugin_environment(exec, process_env);
  const auto profile = env.get("AWS_PROFILE");
  const auto default_profile = env.get("AWS_DEFAULT_PROFILE");
  return profile && default_profile && *profile != *default_profile;
}

std::optional<AwsCliVersion> detect_aws_cli_version(const ExecConfig& exec, Deps& deps) {
  const Env plugin_env = plugin_environment(exec, deps.env);
  // Remembered per binary across runs (lib/aws/cli_version_cache.hpp): the kubectl wrapper must
  // not pay for `aws --version` on every credential request.
  const std::string resolved = exec.command.find('/') != std::string::npos
                                   ? exec.command
                                   : look_path(exec.command, plugin_env.get_or_empty("PATH"));
  const std::optional<BinaryStamp> stamp = resolved.empty() ? std::nullopt : binary_stamp(resolved);
  const std::filesystem::path cache_dir = credential_cache_dir(deps.env, deps.home);
  if (stamp) {
    if (auto remembered = remembered_cli_version(cache_dir, *stamp)) {
      if (deps.verbosity >= 1) {
        deps.err << "aws-cli version: " << stamp->path << " is " << remembered->to_string()
                 << " (remembered for its size and mtime; aws --version not run)\n";
      }
      return remembered;
    }
  }
  ProcessSpec spec;
  spec.program = exec.command;
  spec.args = {"--version"};
  spec.env = plugin_env.to_strings();
  spec.timeout = std::chrono::milliseconds(15000);
  spec.stdout_limit = 64 * 1024;
  const ProcessResult r = deps.runner.run(spec);
  if (r.outcome != ProcessResult::Outcome::exited || r.exit_code != 0) {
    return std::nullopt;
  }
  const auto version = parse_aws_cli_version(r.out, r.err);
  if (version && stamp) {
    remember_cli_version(cache_dir, *stamp, *version);
  }
  return version;
}

}  // namespace eks
