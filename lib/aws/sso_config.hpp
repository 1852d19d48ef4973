// What kind of credentials an AWS profile yields, and its SSO settings, decided from the config
// alone as botocore's provider chain would (env keys are handled by resolve_profile). Problems are
// reported as findings carrying the exact AWS CLI message, so doctor can show what get-token will
// print. Spec: docs/spec/aws.md 3, 7 (InvalidConfigError), 8 ("SSO keys"); transcripts 20,
// 21, 24, 26, 27.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/aws/config.hpp"

namespace eks {

enum class ProfileKind {
  sso_legacy,          // sso_start_url/sso_region/sso_account_id/sso_role_name in the profile
  sso_session,         // sso_session = X -> [sso-session X]
  static_keys,         // aws_access_key_id in the profile (config or credentials file)
  assume_role,         // role_arn (+ source_profile chain or credential_source)
  web_identity,        // web_identity_token_file
  credential_process,  // credential_process = command
  login_session,       // login_session = arn (`aws login`, v2 >= 2.32)
  none,                // nothing: get-token fails with "Unable to locate credentials"
  not_found,           // the profile does not exist in either file
};
// "sso-legacy", "sso-session", "static-keys", "assume-role", "web-identity",
// "credential-process", "login-session", "none", "not-found".
[[nodiscard]] const char* profile_kind_name(ProfileKind kind);

struct SsoSettings {
  std::string session_name;  // "" for legacy profiles
  std::string start_url;
  std::string region;
  std::string account_id;
  std::string role_name;
  std::string registration_scopes;  // raw, comma-separated
  [[nodiscard]] bool uses_session() const { return !session_name.empty(); }
};

enum class FindingSeverity { error, warning, note };

struct ProfileFinding {
  std::string id;       // stable: "profile-not-found", "sso-missing-config", ...
  FindingSeverity severity = FindingSeverity::error;
  std::string message;  // the AWS CLI's own words where it has them
  std::string fix;      // a copy-pasteable command, or "" when none applies
};

struct ProfileAnalysis {
  std::string profile;
  ProfileKind kind = ProfileKind::none;
  // assume_role: the profiles followed through source_profile, starting with `profile`; the last
  // one's kind is source_kind. Otherwise {profile} and source_kind == kind.
  std::vector<std::string> chain;
  ProfileKind source_kind = ProfileKind::none;
  std::string sso_profile;           // the profile holding the SSO settings ("" when not SSO)
  std::optional<SsoSettings> sso;    // complete and consistent settings only
  std::string login_session;         // the login_session ARN for login_session profiles
  // credential_process wrapping an SSO profile (credential_process.hpp): the wrapped profile,
  // whose analysis is merged in (its chain appended, sso_profile and sso taken from it).
  std::string wrapped_profile;
  std::vector<ProfileFinding> findings;

  [[nodiscard]] bool has_error() const;
  // How the SSO profile was reached from `profile`: "" (it is the profile itself),
  // "source_profile" (a role chain) or "credential_process" (a wrapper, possibly after a chain).
  [[nodiscard]] std::string via() const;
  // True when the credentials come from IAM Identity Center (directly or under a role chain).
  [[nodiscard]] bool uses_sso() const {
    return source_kind == ProfileKind::sso_legacy || source_kind == ProfileKind::sso_session;
  }
};

// Classifies `profile_name` in botocore's provider order (assume-role, web identity, SSO,
// credentials-file keys, login_session, credential_process, config-file keys), following
// source_profile chains as botocore's AssumeRoleProvider does (at most 16 links; a profile visited
// twice is botocore's InfiniteLoopConfigError, a configuration error: exit 7), and a
// credential_process whose command line names a profile (credential_process.hpp) into that
// profile (each profile followed once).
// Messages, exactly as botocore words them:
//   The config profile (P) could not be found
//   The profile "P" is configured to use SSO but is missing required configuration: a, b
//   The specified sso-session does not exist: "S"
//   The value for K is inconsistent between profile (X) and sso-session (Y).
//   The source_profile "S" referenced in the profile "P" does not exist.
//   Infinite loop in credential configuration detected. Attempting to load from profile P which
//     has already been visited. Visited profiles: ['a', 'b']
//   Unable to locate credentials
[[nodiscard]] ProfileAnalysis resolve_sso(std::string_view profile_name, const AwsConfig& config);

}  // namespace eks
