// Classifying the AWS CLI's stderr (a failed `aws eks get-token`, `aws sts ...`) into what the
// user must do. The exit code cannot tell "login required" from a network failure; only stderr
// can (docs/spec/aws.md sections 1, 7, 10, 13). Pure: text in, classification out.
#pragma once

#include <string>
#include <string_view>

#include "lib/util/error.hpp"

namespace eks {

enum class AwsErrorClass {
  sso_login_required,     // `aws sso login` fixes it (see SsoLoginReason)
  aws_login_required,     // login_session profile: `aws login` fixes it (v2 >= 2.32)
  network,                // endpoint unreachable / timeout / TLS / proxy; no verdict on login
  role_access_denied,     // ForbiddenException on GetRoleCredentials: no account/role assignment
  bad_static_credentials, // expired or invalid keys / assumed-role credentials (not SSO)
  profile_not_found,      // The config profile (X) could not be found
  sso_config_error,       // profile/sso-session misconfigured
  credential_config_error,  // role chain misconfigured: InfiniteLoopConfigError, missing source_profile
  no_credentials,         // Unable to locate credentials
  config_parse_error,     // Unable to parse config file
  invalid_region,         // Provided region_name '…' doesn't match a supported format
  cli_unsupported,        // this AWS CLI cannot do it: missing botocore[crt], known CLI bug
  usage_error,            // bad arguments to the aws command
  unknown,
};

enum class SsoLoginReason {
  none,
  token_missing,    // Token for X does not exist
  token_expired,    // old wording "The SSO access token has either expired or is otherwise invalid."
  session_invalid,  // The SSO session associated with this profile has expired or is otherwise invalid
  refresh_failed,   // Token has expired and refresh failed
  cache_corrupt,    // bare quoted 40-hex cache key, or "Token for X is invalid"
};

enum class AwsEndpoint {
  none,
  oidc_refresh,  // oidc.<region>.amazonaws.com: an sso-session token refresh was attempted
  sso_portal,    // portal.sso.<region>.amazonaws.com: exchanging the SSO token for role credentials
  sts,           // sts.*: AssumeRole
  other,
};

struct AwsFailure {
  AwsErrorClass kind = AwsErrorClass::unknown;
  SsoLoginReason sso_reason = SsoLoginReason::none;
  AwsEndpoint endpoint = AwsEndpoint::none;
  std::string profile;       // from "The config profile (X)" / `The profile "X"`
  std::string sso_subject;   // start URL or sso-session name from "Token for X does not exist|is invalid"
  std::string sso_session;   // from `The specified sso-session does not exist: "X"`
  std::string endpoint_url;  // from `… endpoint URL: "X"`
  std::string cache_key;     // the 40-hex from a corrupt cache file
  std::string message;       // the normalised message (see normalize_aws_stderr)
  // The failure came from a credential_process ("Error when retrieving credentials from
  // custom-process: ..."); the classification is that of the process's own stderr.
  bool custom_process = false;
};

// Strips what differs between CLI versions: a leading newline, `aws: [ERROR]: ` (v2 >= 2.34),
// the `An error occurred (Code): ` wrapper of handled errors (not of service ClientErrors,
// which read `An error occurred (Code) when calling …`), and trailing whitespace.
[[nodiscard]] std::string normalize_aws_stderr(std::string_view stderr_text);

// Applies the substring rules of aws.md section 10 in order, and extracts the details.
[[nodiscard]] AwsFailure classify_aws_stderr(std::string_view stderr_text);

// The exit-code kind of a class: login → login_required; profile, SSO config, credential
// config, no credentials, parse and region → config; network → unreachable; the rest → general.
[[nodiscard]] ErrorKind error_kind_for(AwsErrorClass kind);

// The one-line explanation of an AwsErrorClass::network failure, the same in every command:
// "could not reach <endpoint URL> (the AWS SSO OIDC endpoint): check the network, proxy or VPN; a
// login would not help". "AWS" stands in when the CLI named no URL.
[[nodiscard]] std::string network_failure_message(const AwsFailure& failure);

// Stable snake_case names, for JSON output and test messages.
[[nodiscard]] const char* aws_error_class_name(AwsErrorClass kind);
[[nodiscard]] const char* sso_login_reason_name(SsoLoginReason reason);
[[nodiscard]] const char* aws_endpoint_name(AwsEndpoint endpoint);

}  // namespace eks
