#include "lib/util/strings.hpp"
#include "lib/aws/errors.hpp"

#include "lib/aws/credential_process.hpp"

#include <cctype>
#include <initializer_list>

namespace eks {

namespace {

bool contains(std::string_view text, std::string_view needle) { return text.find(needle) != std::string_view::npos; }

bool contains_any(std::string_view text, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles) {
    if (contains(text, n)) {
      return true;
    }
  }
  return false;
}

// The text between `open` (after its first occurrence) and the next `close`; "" when absent.
std::string between(std::string_view text, std::string_view open, std::string_view close) {
  const std::size_t start = text.find(open);
  if (start == std::string_view::npos) {
    return {};
  }
  const std::size_t from = start + open.size();
  const std::size_t end = text.find(close, from);
  if (end == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(from, end - from));
}

// A KeyError repr of a cache key: exactly '<40 lowercase hex>' (aws.md 4.2, corrupt cache file).
bool is_quoted_sha1(std::string_view s) {
  if (s.size() != 42 || s.front() != '\'' || s.back() != '\'') {
    return false;
  }
  for (char c : s.substr(1, 40)) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

AwsEndpoint endpoint_of(std::string_view url) {
  std::string_view host = url;
  if (const std::size_t scheme = host.find("://"); scheme != std::string_view::npos) {
    host.remove_prefix(scheme + 3);
  }
  if (host.rfind("oidc.", 0) == 0) {
    return AwsEndpoint::oidc_refresh;
  }
  if (host.rfind("portal.sso.", 0) == 0) {
    return AwsEndpoint::sso_portal;
  }
  if (host.rfind("sts.", 0) == 0 || host.rfind("sts-", 0) == 0) {
    return AwsEndpoint::sts;
  }
  return AwsEndpoint::other;
}

void classify_sso_login(std::string_view m, AwsFailure& f) {
  f.kind = AwsErrorClass::sso_login_required;
  if (contains(m, "The SSO access token has either expired or is otherwise invalid")) {
    f.sso_reason = SsoLoginReason::token_expired;
  } else if (contains(m, "Error loading SSO Token: Token for ") && contains(m, " does not exist")) {
    f.sso_reason = SsoLoginReason::token_missing;
    f.sso_subject = between(m, "Token for ", " does not exist");
  } else if (contains(m, "Error loading SSO Token: Token for ") && contains(m, " is invalid")) {
    f.sso_reason = SsoLoginReason::cache_corrupt;
    f.sso_subject = between(m, "Token for ", " is invalid");
  } else if (contains(m, "Token has expired and refresh failed")) {
    f.sso_reason = SsoLoginReason::refresh_failed;
  } else if (contains(m, "The SSO session associated with this profile has expired or is otherwise invalid")) {
    f.sso_reason = SsoLoginReason::session_invalid;
  } else {
    f.sso_reason = SsoLoginReason::token_expired;  // "Error loading SSO Token: <other suffix>"
  }
}

}  // namespace

std::string normalize_aws_stderr(std::string_view stderr_text) {
  std::string_view s = trim_view(stderr_text);
  constexpr std::string_view k_prefix = "aws: [ERROR]: ";
  if (s.rfind(k_prefix, 0) == 0) {
    s.remove_prefix(k_prefix.size());
  }
  // "An error occurred (NoCredentials): msg" (v2 >= 2.34 handled errors), but not the service
  // form "An error occurred (Code) when calling the Op operation: msg".
  constexpr std::string_view k_wrapper = "An error occurred (";
  if (s.rfind(k_wrapper, 0) == 0) {
    const std::size_t close = s.find(')');
    if (close != std::string_view::npos && s.substr(close, 3) == "): ") {
      s.remove_prefix(close + 3);
    }
  }
  return std::string(s);
}

AwsFailure classify_aws_stderr(std::string_view stderr_text) {
  AwsFailure f;
  f.message = normalize_aws_stderr(stderr_text);
  const std::string_view m = f.message;
  f.custom_process = is_custom_process_error(m);

  // 1. Configuration problems come first: they fail before any token is looked at.
  // v1 lets ConfigParseError escape as a traceback (exit 1); when the capture is cut before the
  // last line, the frame reading the config files still tells.
  if (contains(m, "Unable to parse config file") ||
      (contains(m, "Traceback (most recent call last):") && contains(m, "session.full_config"))) {
    f.kind = AwsErrorClass::config_parse_error;
    return f;
  }
  if (contains(m, "The config profile (") && contains(m, ") could not be found")) {
    f.kind = AwsErrorClass::profile_not_found;
    f.profile = between(m, "The config profile (", ") could not be found");
    return f;
  }
  if (contains_any(m, {"is configured to use SSO but is missing", "sso-session does not exist",
                       "is inconsistent between profile (", "is configured to use the SSO token provider but",
                       "Missing the following required SSO configuration values"})) {
    f.kind = AwsErrorClass::sso_config_error;
    f.profile = between(m, "The profile \"", "\"");
    f.sso_session = between(m, "sso-session does not exist: \"", "\"");
    if (f.sso_session.empty()) {
      f.sso_session = between(m, "but the \"", "\" sso_session");
    }
    return f;
  }
  // botocore AssumeRoleProvider (credentials.py _validate_source_profile, _get_role_config):
  // InfiniteLoopConfigError and InvalidConfigError are configuration errors, raised before any
  // token is read.
  if (contains_any(m, {"Infinite loop in credential configuration detected",
                       "contains both source_profile and credential_source",
                       "Partial credentials found in assume-role, missing: source_profile"}) ||
      (contains(m, "The source_profile \"") && contains(m, "\" does not exist."))) {
    f.kind = AwsErrorClass::credential_config_error;
    f.profile = between(m, "referenced in the profile \"", "\"");
    return f;
  }
  // 2. SSO login required.
  if (contains_any(m, {"Error loading SSO Token:",
                       "The SSO session associated with this profile has expired or is otherwise invalid",
                       "Token has expired and refresh failed"})) {
    classify_sso_login(m, f);
    return f;
  }
  if (is_quoted_sha1(m)) {
    f.kind = AwsErrorClass::sso_login_required;
    f.sso_reason = SsoLoginReason::cache_corrupt;
    f.cache_key = std::string(m.substr(1, 40));
    return f;
  }
  // 3. `aws login` (login_session profiles).
  if (contains(m, "Error loading login session token") ||
      (contains(m, "reauthenticate") && contains(m, "aws login"))) {
    f.kind = AwsErrorClass::aws_login_required;
    return f;
  }
  // 4. Network: never a login verdict.
  for (std::string_view marker : {"Could not connect to the endpoint URL: \"", "Connect timeout on endpoint URL: \"",
                                   "Read timeout on endpoint URL: \""}) {
    if (contains(m, marker)) {
      f.kind = AwsErrorClass::network;
      f.endpoint_url = between(m, marker, "\"");
      f.endpoint = endpoint_of(f.endpoint_url);
      return f;
    }
  }
  if (contains_any(m, {"SSLError", "SSL validation failed", "ProxyConnectionError", "Failed to connect to proxy"})) {
    f.kind = AwsErrorClass::network;
    f.endpoint_url = between(m, "endpoint URL: \"", "\"");
    f.endpoint = f.endpoint_url.empty() ? AwsEndpoint::other : endpoint_of(f.endpoint_url);
    return f;
  }
  // 5. Signed in to SSO, but no assignment for the account/role: a new login will not help.
  if (contains(m, "(ForbiddenException) when calling the GetRoleCredentials")) {
    f.kind = AwsErrorClass::role_access_denied;
    return f;
  }
  // 6. Static or assumed-role credentials are bad (not an SSO problem).
  if (contains_any(m, {"(ExpiredToken)", "(ExpiredTokenException)", "(InvalidClientTokenId)",
                       "(UnrecognizedClientException)", "(SignatureDoesNotMatch)",
                       "(AccessDenied) when calling the AssumeRole"})) {
    f.kind = AwsErrorClass::bad_static_credentials;
    return f;
  }
  if (contains(m, "Unable to locate credentials")) {
    f.kind = AwsErrorClass::no_credentials;
    return f;
  }
  if (contains(m, "Provided region_name '") && contains(m, "doesn't match a supported format")) {
    f.kind = AwsErrorClass::invalid_region;
    return f;
  }
  // v1 without awscrt meeting a login_session profile; v2 < 2.10.2 role_arn + sso-session bug.
  if (contains_any(m, {"Missing Dependency:", "object has no attribute 'get_frozen_token'"})) {
    f.kind = AwsErrorClass::cli_unsupported;
    return f;
  }
  if (m.rfind("usage:", 0) == 0 || contains_any(m, {"aws: error: ", "Either parameter --cluster-name or --cluster-id",
                                                    "the following arguments are required"})) {
    f.kind = AwsErrorClass::usage_error;
    return f;
  }
  return f;
}

ErrorKind error_kind_for(AwsErrorClass kind) {
  switch (kind) {
    case AwsErrorClass::sso_login_required:
    case AwsErrorClass::aws_login_required:
      return ErrorKind::login_required;
    case AwsErrorClass::profile_not_found:
    case AwsErrorClass::sso_config_error:
    case AwsErrorClass::credential_config_error:
    case AwsErrorClass::no_credentials:
    case AwsErrorClass::config_parse_error:
    case AwsErrorClass::invalid_region:
      return ErrorKind::config;
    case AwsErrorClass::network:
      return ErrorKind::unreachable;
    case AwsErrorClass::role_access_denied:
    case AwsErrorClass::bad_static_credentials:
    case AwsErrorClass::cli_unsupported:
    case AwsErrorClass::usage_error:
    case AwsErrorClass::unknown:
      return ErrorKind::general;
  }
  return ErrorKind::general;
}

std::string network_failure_message(const AwsFailure& failure) {
  std::string what = failure.endpoint_url.empty() ? std::string("AWS") : failure.endpoint_url;
  switch (failure.endpoint) {
    case AwsEndpoint::oidc_refresh: what += " (the AWS SSO OIDC endpoint)"; break;
    case AwsEndpoint::sso_portal: what += " (the AWS SSO portal endpoint)"; break;
    case AwsEndpoint::sts: what += " (AWS STS)"; break;
    default: break;
  }
  return "could not reach " + what + ": check the network, proxy or VPN; a login would not help";
}

const char* aws_error_class_name(AwsErrorClass kind) {
  switch (kind) {
    case AwsErrorClass::sso_login_required: return "sso_login_required";
    case AwsErrorClass::aws_login_required: return "aws_login_required";
    case AwsErrorClass::network: return "network";
    case AwsErrorClass::role_access_denied: return "role_access_denied";
    case AwsErrorClass::bad_static_credentials: return "bad_static_credentials";
    case AwsErrorClass::profile_not_found: return "profile_not_found";
    case AwsErrorClass::sso_config_error: return "sso_config_error";
    case AwsErrorClass::credential_config_error: return "credential_config_error";
    case AwsErrorClass::no_credentials: return "no_credentials";
    case AwsErrorClass::config_parse_error: return "config_parse_error";
    case AwsErrorClass::invalid_region: return "invalid_region";
    case AwsErrorClass::cli_unsupported: return "cli_unsupported";
    case AwsErrorClass::usage_error: return "usage_error";
    case AwsErrorClass::unknown: return "unknown";
  }
  return "unknown";
}

const char* sso_login_reason_name(SsoLoginReason reason) {
  switch (reason) {
    case SsoLoginReason::none: return "none";
    case SsoLoginReason::token_missing: return "token_missing";
    case SsoLoginReason::token_expired: return "token_expired";
    case SsoLoginReason::session_invalid: return "session_invalid";
    case SsoLoginReason::refresh_failed: return "refresh_failed";
    case SsoLoginReason::cache_corrupt: return "cache_corrupt";
  }
  return "none";
}

const char* aws_endpoint_name(AwsEndpoint endpoint) {
  switch (endpoint) {
    case AwsEndpoint::none: return "none";
    case AwsEndpoint::oidc_refresh: return "oidc_refresh";
    case AwsEndpoint::sso_portal: return "sso_portal";
    case AwsEndpoint::sts: return "sts";
    case AwsEndpoint::other: return "other";
  }
  return "none";
}

}  // namespace eks
