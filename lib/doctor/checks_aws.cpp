// doctor checks of the AWS side: aws-cli (step 4), aws-profile (4), sso-token (5) from files only,
// and credential (9), the one check that runs the exec plugin.
#include <fmt/format.h>

#include <filesystem>

#include "lib/session/auth_summary.hpp"
#include "lib/doctor/checks.hpp"
#include "lib/kube/exec_plugin.hpp"
#include "lib/os/http.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/timefmt.hpp"

namespace eks::doctor {
namespace {

constexpr std::string_view k_install_v2 =
    "install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";
constexpr auto k_expiring_soon = std::chrono::minutes(15);

std::string dq(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

std::string configure_sso(std::string_view profile) {
  return "aws configure sso --profile " + shell_quote(profile.empty() ? std::string("PROFILE") : std::string(profile));
}

Finding not_aws(std::string_view id) {
  return make_finding(id, CheckStatus::skip, "skipped: the user does not run an AWS exec plugin");
}

std::string why_login(const LoginRequired& o, TimePoint now) {
  switch (o.reason) {
    case LoginReason::sso_token_missing: return "no SSO token is cached (never logged in, or logged out)";
    case LoginReason::sso_token_expired:
      return o.expired_at ? fmt::format("the SSO token expired {} ({})", relative_to_now(*o.expired_at, now),
                                        format_rfc3339(*o.expired_at))
                          : std::string("the SSO token has expired");
    case LoginReason::sso_session_invalid: return "the SSO session has expired or is otherwise invalid";
  }
  return "";
}


LoginReason reason_from(std::string_view name) {
  if (name == "sso_token_expired") {
    return LoginReason::sso_token_expired;
  }
  if (name == "sso_session_invalid") {
    return LoginReason::sso_session_invalid;
  }
  return LoginReason::sso_token_missing;
}

std::string describe_profile(const ProfileAnalysis& a) {
  std::string text = "profile " + dq(a.profile) + ": ";
  if (a.kind == ProfileKind::assume_role) {
    std::string chain;
    for (size_t i = 1; i < a.chain.size(); ++i) {
      chain += (chain.empty() ? "" : " -> ") + dq(a.chain[i]);
    }
    text += "assumes a role through " + chain + ", ";
  }
  if (!a.sso) {
    return text + profile_kind_name(a.source_kind);
  }
  const SsoSettings& sso = *a.sso;
  text += sso.uses_session() ? "sso-session " + dq(sso.session_name) : std::string("legacy SSO settings");
  return text + fmt::format(" (start URL {}, region {}), account {}, role {}", sso.start_url, sso.region,
                            sso.account_id, sso.role_name);
}

}  // namespace

Finding login_finding(std::string_view id, const LoginRequired& login, TimePoint now) {
  Finding f = make_finding(id, CheckStatus::fail, "AWS SSO login required: " + why_login(login, now));
  f.kind = ErrorKind::login_required;
  if (!login.session.empty() || !login.start_url.empty()) {
    std::string line;
    if (!login.session.empty()) {
      line = "sso-session " + dq(login.session) + (login.start_url.empty() ? "" : ", ");
    }
    if (!login.start_url.empty()) {
      line += "start URL " + login.start_url;
    }
    f.detail.push_back(line);
  }
  if (login.aws_cli_v1) {
    f.detail.push_back("the AWS CLI found is version 1, which has no 'aws sso login': install AWS CLI v2 to log in");
  }
  f.fix = {eks_login_command(login), aws_login_command(login)};
  f.login = login;
  return f;
}

Finding check_aws_cli(State& s, Deps& deps) {
  if (!s.aws_plugin) {
    return not_aws("aws-cli");
  }
  const ExecConfig& exec = *s.access->selection.user->exec;
  const Env env = plugin_env(s, deps);
  std::string resolved;
  bool dot_only = false;
  if (exec.command.find('/') != std::string::npos) {
    std::error_code ec;
    resolved = std::filesystem::exists(exec.command, ec) ? exec.command : "";
  } else {
    resolved = look_path(exec.command, env.get_or_empty("PATH"), &dot_only);
  }
  if (resolved.empty() || dot_only) {
    Finding f = make_finding("aws-cli", CheckStatus::fail,
                             dot_only ? fmt::format("{} is found only through a relative PATH entry (\".\" or empty), "
                                                    "which kubectl refuses",
                                                    dq(exec.command))
                                      : fmt::format("{} not found on the plugin's PATH", dq(exec.command)));
    f.kind = ErrorKind::config;
    f.detail.push_back(fmt::format("kubectl would say: exec: executable {} not found", exec.command));
    f.detail.push_back(fmt::format("PATH={}", env.get_or_empty("PATH")));
    f.detail.push_back(std::string(k_install_v2));
    s.cli_missing = true;
    return f;
  }
  if (s.access->auth.plugin == PluginKind::aws_iam_authenticator) {
    return make_finding(
        "aws-cli", CheckStatus::pass,
        fmt::format("aws-iam-authenticator at {} (AWS SDK for Go; aws sso login needs AWS CLI v2)", resolved));
  }
  log_run(s, deps, exec.command + " --version");
  s.cli_version = detect_aws_cli_version(*s.access, deps);
  if (!s.cli_version) {
    Finding f = make_finding("aws-cli", CheckStatus::warn,
                             fmt::format("{} --version did not print an AWS CLI version", resolved));
    f.detail.push_back(std::string(k_install_v2));
    return f;
  }
  const std::string version = s.cli_version->to_string();
  if (s.cli_version->major == 1) {
    s.cli_major = 1;
    // v1 reads AWS_DEFAULT_PROFILE before AWS_PROFILE: predict the profile it will use.
    AuthSummary v1 = summarize_auth(*s.access->selection.user, deps.env, 1);
    v1.wrapped_context = s.access->auth.wrapped_context;
    v1.wrapped_user = s.access->auth.wrapped_user;
    s.access->auth = std::move(v1);
    Finding f = make_finding(
        "aws-cli", CheckStatus::fail,
        fmt::format("AWS CLI v1 ({}) at {}: AWS SSO needs AWS CLI v2 (v1 has no aws sso login)", version, resolved));
    f.kind = ErrorKind::config;
    f.detail.push_back(std::string(k_install_v2));
    f.detail.push_back("then make sure the v2 aws comes first on the PATH: aws --version");
    return f;
  }
  return make_finding("aws-cli", CheckStatus::pass, fmt::format("aws-cli/{} at {}", version, resolved));
}

Finding check_aws_profile(State& s, Deps& deps) {
  if (!s.aws_plugin) {
    return not_aws("aws-profile");
  }
  const ProfileResolution& res = s.access->auth.resolution;
  auto cfg = load_aws_config(plugin_env(s, deps), deps.home);
  if (!cfg) {
    Finding f = make_finding("aws-profile", CheckStatus::fail, cfg.error().message);
    f.kind = ErrorKind::config;
    f.detail = cfg.error().hints;
    return f;
  }
  s.aws_config = std::move(*cfg);
  if (s.region.empty()) {  // neither the plugin's args nor the cluster's ARN said: the profile's region
    s.region = resolve_region(parse_get_token_args(s.access->auth.args), plugin_env(s, deps),
                              s.aws_config->find_profile(res.name), s.cli_major)
                   .region;
  }
  // Keys in the environment with no profile named (GitHub OIDC through
  // aws-actions/configure-aws-credentials, an IAM user's keys in CI, IRSA's web identity):
  // botocore's environment providers answer before any profile is read, and the implicit "default"
  // profile need not exist (ProfileNotFound is raised only for a profile that was named;
  // docs/spec/aws.md).
  if (res.source == ProfileSource::default_profile && (res.env_keys == EnvKeys::complete || res.env_web_identity)) {
    const std::string what =
        res.env_keys == EnvKeys::complete ? "AWS_ACCESS_KEY_ID" : "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN";
    Finding f =
        make_finding("aws-profile", CheckStatus::warn,
                     fmt::format("credentials from the environment ({}), no profile: AWS SSO is not used", what));
    f.detail.push_back(
        "as set by aws-actions/configure-aws-credentials (GitHub OIDC), an IAM user's keys in CI or a pod's web "
        "identity; expected in CI, and then this warning is fine; the sso-token check does not apply");
    s.not_sso = fmt::format("{} in the plugin's environment", what);
    return f;
  }
  ProfileAnalysis a = resolve_sso(res.name, *s.aws_config);
  s.profile = a;
  // No profile named and the implicit "default" gives no credentials: botocore goes on to the
  // container provider (ECS task roles, EKS Pod Identity), after every profile provider.
  if (res.source == ProfileSource::default_profile &&
      (a.kind == ProfileKind::not_found || a.kind == ProfileKind::none)) {
    const Env env = plugin_env(s, deps);
    for (const std::string_view var :
         {"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"}) {
      if (env.get_or_empty(var).empty()) {
        continue;
      }
      Finding f = make_finding(
          "aws-profile", CheckStatus::warn,
          fmt::format("credentials from the container credential provider ({}), no profile: AWS SSO is not used", var));
      f.detail.push_back(
          "with no profile named and none of its own, the AWS CLI asks the container's credential endpoint (an ECS "
          "task role, EKS Pod Identity); expected there, and then this warning is fine");
      s.not_sso = fmt::format("the container credential provider's ({})", var);
      return f;
    }
  }
  if (a.kind == ProfileKind::not_found) {
    Finding f = make_finding("aws-profile", CheckStatus::fail,
                             fmt::format("The config profile ({}) could not be found", res.name));
    f.kind = ErrorKind::config;
    std::string names;
    for (const auto& [name, p] : s.aws_config->profiles) {
      names += (names.empty() ? "" : ", ") + name;
    }
    f.detail.push_back(fmt::format("the plugin uses profile {} ({}); profiles in {}: {}", dq(res.name),
                                   s.access->auth.profile_source, s.aws_config->config_path,
                                   names.empty() ? "none" : names));
    f.fix = {configure_sso(res.name), update_kubeconfig_fix(s)};
    return f;
  }
  std::vector<std::string> warnings;
  for (const auto& finding : a.findings) {
    if (finding.severity == FindingSeverity::error) {
      Finding f = make_finding("aws-profile", CheckStatus::fail, finding.message);
      f.kind = ErrorKind::config;
      for (const auto& other : a.findings) {
        if (&other != &finding) {
          f.detail.push_back(other.message);
        }
      }
      f.fix = {finding.fix.empty() ? configure_sso(a.sso_profile.empty() ? res.name : a.sso_profile) : finding.fix};
      return f;
    }
    warnings.push_back(finding.message);
  }
  if (res.env_keys_win || (res.env_web_identity && a.kind != ProfileKind::assume_role)) {
    // botocore's provider chain (docs/spec/aws.md 3): environment keys, then assume-role, then web
    // identity, and only then SSO. AWS_PROFILE does not turn the environment providers off; a
    // --profile in the plugin's args does.
    const bool keys = res.env_keys_win;
    const std::string what =
        keys ? std::string("AWS_ACCESS_KEY_ID") : std::string("AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN");
    Finding f = make_finding("aws-profile", CheckStatus::warn,
                             fmt::format("{} in the plugin's environment win{} over profile {}: AWS SSO is not used",
                                         what, keys ? "s" : "", dq(res.name)));
    f.detail.push_back(fmt::format(
        "the AWS CLI tries credentials in botocore's order: {}, and only then the profile's "
        "sso_* settings; {}={} does not change that order (only --profile in the plugin's args would)",
        keys ? "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) first"
             : "environment keys, a role_arn profile, then web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)",
        profile_source_name(res.source), res.name));
    if (keys && res.env_keys == EnvKeys::partial) {
      f.detail.push_back(
          "AWS_SECRET_ACCESS_KEY is missing: the plugin fails with \"Partial credentials found in env\"");
    }
    f.detail.push_back(
        "expected in CI, where these variables are the credentials; on a laptop, unset them to use "
        "AWS SSO");
    f.fix = {keys ? "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN"
                  : "unset AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN AWS_ROLE_SESSION_NAME"};
    s.not_sso =
        fmt::format("{} in the plugin's environment (it comes before profile {}'s SSO settings)", what, dq(res.name));
    return f;
  }
  if (!a.uses_sso()) {
    Finding f = make_finding(
        "aws-profile", CheckStatus::warn,
        fmt::format("profile {} uses {} credentials, not AWS SSO", dq(res.name), profile_kind_name(a.source_kind)));
    f.detail = warnings;
    f.detail.push_back("the sso-token check does not apply; to use AWS SSO: " + configure_sso(res.name));
    s.not_sso = fmt::format("profile {}'s {} credentials", dq(res.name), profile_kind_name(a.source_kind));
    return f;
  }
  Finding f =
      make_finding("aws-profile", warnings.empty() ? CheckStatus::pass : CheckStatus::warn, describe_profile(a));
  f.detail = warnings;
  return f;
}

Finding check_sso_token(State& s, Deps& deps) {
  if (!s.aws_plugin) {
    return not_aws("sso-token");
  }
  const ProfileResolution& res = s.access->auth.resolution;
  if (!s.profile || !s.profile->uses_sso() || res.env_keys_win ||
      (res.env_web_identity && s.profile->kind != ProfileKind::assume_role)) {
    return make_finding("sso-token", CheckStatus::skip,
                        fmt::format("skipped: profile {} does not use AWS SSO", dq(res.name)));
  }
  const SsoSummary sum = summarize_sso(SsoStateInput{*s.aws_config, res, deps.home, deps.clock, s.cli_major});
  s.sso = sum;
  const TimePoint now = deps.clock.now();
  const std::string where = sum.token_path.empty() ? std::string() : "token cache " + sum.token_path.string();
  if (sum.login_required) {
    LoginRequired login;
    login.context = s.access->context_name;
    login.profile = sum.sso_profile.empty() ? sum.profile : sum.sso_profile;
    login.reason = reason_from(sum.reason);
    if (login.reason == LoginReason::sso_token_expired) {
      login.expired_at = sum.expires_at;
    }
    login.start_url = sum.start_url;
    login.session = sum.session;
    login.aws_cli_v1 = s.cli_major == 1;
    login.evidence = "the SSO token cache";
    login.kubeconfig = s.input.kubeconfig_flag;
    Finding f = login_finding("sso-token", login, now);
    if (!where.empty()) {
      f.detail.insert(f.detail.begin(), where);
    }
    return f;
  }
  switch (sum.state) {
    case SsoState::valid: {
      std::string summary = "valid";
      bool soon = false;
      if (sum.expires_at) {
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(*sum.expires_at - now);
        summary = fmt::format("valid, {} left (expires {})", short_duration(left), format_rfc3339(*sum.expires_at));
        soon = left < k_expiring_soon;
      }
      Finding f = make_finding("sso-token", soon ? CheckStatus::warn : CheckStatus::pass,
                               soon ? "expiring soon: " + summary : summary);
      if (!where.empty()) {
        f.detail.push_back(where);
      }
      if (soon) {
        f.detail.push_back(sum.token_state == SsoTokenState::refreshable
                               ? "the AWS CLI will try to refresh it with its refresh token"
                               : "a login will be needed when it expires");
        f.fix = {"eks-sso login" + context_flags(s)};
      }
      return f;
    }
    case SsoState::expired: {
      const std::string when = sum.expires_at
                                   ? fmt::format("SSO token expired {} ({})", relative_to_now(*sum.expires_at, now),
                                                 format_rfc3339(*sum.expires_at))
                                   : std::string("SSO token expired");
      Finding f = make_finding("sso-token", CheckStatus::warn,
                               sum.role_credentials_until
                                   ? fmt::format("{}; cached role credentials until {}: a login will be needed then",
                                                 when, format_rfc3339(*sum.role_credentials_until))
                                   : when + "; the AWS CLI will try to refresh it with its refresh token");
      if (!where.empty()) {
        f.detail.push_back(where);
      }
      f.fix = {"eks-sso login" + context_flags(s)};
      return f;
    }
    case SsoState::not_sso:
      return make_finding("sso-token", CheckStatus::skip,
                          fmt::format("skipped: profile {} does not use AWS SSO", dq(res.name)));
    case SsoState::missing:
    case SsoState::unknown: break;
  }
  Finding f = make_finding("sso-token", CheckStatus::warn,
                           sum.detail.empty() ? std::string("could not tell the SSO token's state") : sum.detail);
  if (!where.empty()) {
    f.detail.push_back(where);
  }
  return f;
}

namespace {

void add_aws_failure_fix(Finding& f, const AwsFailure& aws, const State& s) {
  const std::string profile = s.access->auth.profile;
  switch (aws.kind) {
    case AwsErrorClass::profile_not_found:
    case AwsErrorClass::sso_config_error:
    case AwsErrorClass::no_credentials: f.fix = {configure_sso(aws.profile.empty() ? profile : aws.profile)}; break;
    case AwsErrorClass::network: break;  // the summary already says it (network_failure_message)
    case AwsErrorClass::role_access_denied:
      f.detail.push_back(
          "IAM Identity Center refused the role: the user or group is not assigned to the account with "
          "this permission set (guide step 3); a login would not help");
      break;
    case AwsErrorClass::bad_static_credentials:
      f.detail.push_back(
          fmt::format("the keys or role credentials of profile {} are expired or invalid: this is "
                      "not an AWS SSO problem",
                      dq(profile)));
      break;
    case AwsErrorClass::cli_unsupported: f.detail.push_back(std::string(k_install_v2)); break;
    case AwsErrorClass::invalid_region: f.fix = {update_kubeconfig_fix(s)}; break;
    default: break;
  }
}

}  // namespace

Finding check_credential(State& s, Deps& deps) {
  if (s.cli_missing) {
    return make_finding("credential", CheckStatus::skip, "skipped: needs aws-cli, which failed");
  }
  const AuthInfo& user = *s.access->selection.user;
  if (user.exec && user.token.empty() && user.token_file.empty() && user.client_certificate.empty() &&
      user.client_certificate_data.empty()) {
    std::string display = plugin_display_command(*user.exec);
    if (s.aws_plugin && !s.access->auth.profile.empty() && s.access->auth.resolution.source != ProfileSource::flag) {
      display = "AWS_PROFILE=" + shell_quote(s.access->auth.profile) + " " + display;
    }
    log_run(s, deps, display);
  }
  AccessOptions options;
  options.exec_timeout = s.input.exec_timeout;
  options.terminal = TerminalPolicy::never;  // the doctor never hands the plugin a terminal
  options.kubeconfig_flag = s.input.kubeconfig_flag;
  CredentialOutcome out = get_credential(*s.access, options, CacheSettings{}, deps);  // live state, never the cache
  const CredentialAttempt& a = out.attempt;
  if (out.login) {
    Finding f = login_finding("credential", *out.login, deps.clock.now());
    if (a.aws) {
      f.detail.insert(f.detail.begin(), "the exec plugin said: " + redact_secrets(a.aws->message));
    }
    s.credential = std::move(out);
    return f;
  }
  if (!a.credential) {
    const Error error = a.error.value_or(make_error(ErrorKind::general, "the exec plugin failed"));
    Finding f = make_finding("credential", CheckStatus::fail, error.message);
    f.kind = error.kind;
    f.detail = error.hints;
    if (a.aws) {
      add_aws_failure_fix(f, *a.aws, s);
    }
    if (error.message.find("timed out") != std::string::npos) {
      f.detail.push_back("a slow network or an SSO refresh can take long: retry with a larger --exec-timeout");
    }
    s.credential = std::move(out);
    return f;
  }
  const Credential& c = *a.credential;
  Finding f = make_finding("credential", CheckStatus::pass, "");
  if (c.source == "exec") {
    f.summary = fmt::format("{} returned an ExecCredential in {}", c.command, describe_duration(c.elapsed));
    if (c.expiration) {
      const auto left = std::chrono::duration_cast<std::chrono::seconds>(*c.expiration - deps.clock.now());
      f.summary += fmt::format(", expires in {} ({})", short_duration(left), format_rfc3339(*c.expiration));
    }
    f.detail.push_back("apiVersion " + c.api_version);
    if (!c.plugin_stderr.empty()) {
      f.status = CheckStatus::warn;
      f.detail.push_back("the plugin wrote on stderr: " + c.plugin_stderr.substr(0, c.plugin_stderr.find('\n')));
    }
  } else {
    f.summary = fmt::format("the kubeconfig's {} (no exec plugin runs)", c.source);
  }
  s.credential = std::move(out);
  return f;
}

void reconcile_sso_and_credential(Finding& sso, Finding& cred, State& /*s*/) {
  const bool sso_says_login = sso.status == CheckStatus::fail && sso.kind == ErrorKind::login_required;
  const bool plugin_says_login = cred.status == CheckStatus::fail && cred.kind == ErrorKind::login_required;
  if (sso_says_login && (cred.status == CheckStatus::pass || cred.status == CheckStatus::warn)) {
    sso.status = CheckStatus::warn;
    sso.kind = ErrorKind::general;
    sso.login.reset();
    sso.detail.push_back(
        "but the exec plugin still returned a credential, and the plugin is believed: the AWS CLI "
        "may be using cached role credentials; a login will be needed when they expire");
    cred.detail.push_back("the SSO token cache says a login is required (see sso-token), but the plugin succeeded");
  } else if ((sso.status == CheckStatus::pass || sso.status == CheckStatus::warn) && plugin_says_login) {
    sso.status = CheckStatus::warn;
    sso.detail.push_back(
        "but the AWS CLI rejected it or could not refresh it (see credential), and the plugin is "
        "believed: the session may have been revoked or ended elsewhere");
    cred.detail.push_back("the SSO token cache did not call for a login (see sso-token); the plugin is believed");
  }
}

}  // namespace eks::doctor
