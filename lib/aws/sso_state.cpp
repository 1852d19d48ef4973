#include "lib/aws/sso_state.hpp"

#include "lib/os/bounded_file.hpp"
#include "lib/util/timefmt.hpp"

namespace eks {
namespace {

std::string dq(std::string_view s) { return "\"" + std::string(s) + "\""; }

// What the env-key provider does with the profile: only when the profile exists (a missing one
// fails first, transcript 23) and it did not come from --profile.
bool apply_env_keys(const ProfileResolution& profile, const ProfileAnalysis& analysis,
                    SsoSummary& out) {
  if (!profile.env_keys_win || analysis.kind == ProfileKind::not_found) {
    return false;
  }
  out.state = SsoState::not_sso;
  if (profile.env_keys == EnvKeys::partial) {
    out.findings.push_back({"env-keys-partial", FindingSeverity::error,
                            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY",
                            "unset AWS_ACCESS_KEY_ID"});
    out.detail = "AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY: get-token fails";
    return true;
  }
  out.detail = "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment take precedence over " +
               std::string(profile_source_name(profile.source)) + "=" + profile.name +
               ": AWS SSO is not used";
  out.findings.push_back({"env-keys-win", FindingSeverity::warning, out.detail,
                          "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY"});
  return true;
}

// The web-identity provider with AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN answers before SSO, unless
// the profile assumes a role itself (the assume-role provider is earlier still) or does not exist.
bool apply_env_web_identity(const ProfileResolution& profile, const ProfileAnalysis& analysis, SsoSummary& out) {
  if (!profile.env_web_identity || analysis.kind == ProfileKind::not_found ||
      analysis.kind == ProfileKind::assume_role) {
    return false;
  }
  out.state = SsoState::not_sso;
  out.detail = "AWS_WEB_IDENTITY_TOKEN_FILE/AWS_ROLE_ARN in the environment take precedence over " +
               std::string(profile_source_name(profile.source)) + "=" + profile.name + ": AWS SSO is not used";
  out.findings.push_back({"env-web-identity-wins", FindingSeverity::warning, out.detail,
                          "unset AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN"});
  return true;
}

// CLI v2 role-credential cache: reused while >= 15 min remain, without reading the SSO token.
void check_role_cache(const SsoStateInput& in, const SsoSettings& sso, SsoSummary& out) {
  const auto path = role_credentials_path(in.home, sso);
  auto text = read_bounded_file(path);
  if (!text.ok() || !text.value()) {
    return;  // the CLI treats an unreadable cache entry as a miss
  }
  auto info = parse_role_credentials_file(**text, path.string());
  if (!info.ok() || !role_credentials_usable(*info, in.clock.now())) {
    return;
  }
  out.role_credentials_until = info->expiration;
}

}  // namespace

const char* sso_state_name(SsoState state) {
  switch (state) {
    case SsoState::valid: return "valid";
    case SsoState::expired: return "expired";
    case SsoState::missing: return "missing";
    case SsoState::not_sso: return "not-sso";
    case SsoState::unknown: return "unknown";
  }
  return "unknown";
}

SsoSummary summarize_sso_config_error(const ProfileResolution& profile, const Error& error) {
  SsoSummary out;
  out.profile = profile.name;
  out.state = SsoState::unknown;
  out.detail = error.message;
  out.findings.push_back({"aws-config", FindingSeverity::error, error.message, ""});
  return out;
}

SsoSummary summarize_sso(const SsoStateInput& in) {
  SsoSummary out;
  out.profile = in.profile.name;
  const ProfileAnalysis analysis = resolve_sso(in.profile.name, in.config);
  out.findings = analysis.findings;
  if (apply_env_keys(in.profile, analysis, out) || apply_env_web_identity(in.profile, analysis, out)) {
    return out;
  }
  if (!analysis.uses_sso()) {
    const bool config_problem = analysis.has_error() && analysis.kind != ProfileKind::none;
    out.state = config_problem ? SsoState::unknown : SsoState::not_sso;
    if (analysis.source_kind == ProfileKind::login_session) {
      out.login_command = "aws login --profile " + analysis.chain.back();
    }
    out.detail = analysis.findings.empty()
                     ? "profile " + dq(out.profile) + " does not use AWS SSO"
                     : analysis.findings.back().message;
    return out;
  }
  out.sso_profile = analysis.sso_profile.empty() ? analysis.chain.back() : analysis.sso_profile;
  out.via = analysis.via();
  out.login_command = "aws sso login --profile " + out.sso_profile;
  if (!analysis.sso) {
    out.state = SsoState::unknown;  // incomplete or contradictory SSO settings
    out.detail = analysis.findings.empty() ? "incomplete SSO settings"
                                           : analysis.findings.back().message;
    return out;
  }
  const SsoSettings& sso = *analysis.sso;
  out.start_url = sso.start_url;
  out.session = sso.session_name;
  out.token_path = sso_token_path(in.home, sso);
  if (in.cli_major == 1) {
    out.findings.push_back({"aws-cli-v1", FindingSeverity::warning,
                            "AWS CLI v1 has no \"aws sso login\"; log in with AWS CLI v2",
                            "aws --version"});
  }
  auto token = read_sso_token_file(out.token_path);
  if (!token.ok()) {
    out.state = SsoState::unknown;
    out.detail = token.error().message;
    out.findings.push_back({"sso-cache-unreadable", FindingSeverity::error,
                            token.error().message, ""});
    return out;
  }
  const TimePoint now = in.clock.now();
  const SsoTokenEvaluation eval = evaluate_sso_token(
      *token, now, sso.uses_session() ? SsoTokenKind::session : SsoTokenKind::legacy);
  out.token_state = eval.state;
  out.expires_at = eval.expires_at;
  if (eval.expires_at) {
    out.time_left = eval.time_left;
  }
  out.detail = eval.detail;
  switch (eval.state) {
    case SsoTokenState::missing:
      out.state = SsoState::missing;
      out.reason = "sso_token_missing";
      out.detail = "no cached SSO token for " +
                   (sso.uses_session() ? "sso-session " + dq(sso.session_name)
                                       : dq(sso.start_url)) +
                   " (never logged in, or logged out)";
      break;
    case SsoTokenState::corrupt:
    case SsoTokenState::invalid:
      out.state = SsoState::missing;
      out.reason = "sso_session_invalid";
      break;
    case SsoTokenState::expired:
      out.state = SsoState::expired;
      out.reason = "sso_token_expired";
      break;
    case SsoTokenState::refreshable:
      // Expired but refreshable: the CLI refreshes it (online), so no login is asked for yet.
      out.state = eval.time_left.count() > 0 ? SsoState::valid : SsoState::expired;
      break;
    case SsoTokenState::valid:
      out.state = SsoState::valid;
      break;
    case SsoTokenState::unusable:
      out.state = SsoState::unknown;  // the CLI crashes: neither a login verdict nor a token
      out.findings.push_back({"sso-cache-unusable", FindingSeverity::error, eval.detail,
                              "rm " + out.token_path.string()});
      break;
  }
  out.login_required = !out.reason.empty();
  if (out.login_required && in.cli_major != 1) {
    check_role_cache(in, sso, out);
    if (out.role_credentials_until) {
      out.login_required = false;
      out.detail += "; cached role credentials until " +
                    format_rfc3339(*out.role_credentials_until) +
                    " (usable while at least 15 min are left)";
    }
  }
  if (!out.login_required) {
    out.reason.clear();
  }
  return out;
}

}  // namespace eks
