// The fake credentials that link the fake `aws` to the sandbox API server. Both sides derive them
// from the same inputs, so the server can tell which SSO role and user signed a token without the
// fake aws ever talking to it (the way STS knows who owns an access key).
//
// An SSO role session is (account, permission set, session name):
//   role name      AWSReservedSSO_<PermissionSet>_<16 hex>           (eks.md 2.4)
//   access key id  ASIA + 16 upper hex, bound to the whole session
//   session token  IQoJb3JpZ2luX2VjE + base64url(JSON claims)        (carries the session)
//   secret key     derived from the access key id (so SigV4 signatures can be checked)
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sandbox {

inline constexpr std::string_view k_default_user = "jane.doe@example.com";

// The sandbox's one IAM user with long-term keys (profile sandbox-static).
inline constexpr std::string_view k_static_user_name = "ci-bot";
inline constexpr std::string_view k_static_user_id = "AIDASANDBOXCIBOT00001";
inline constexpr std::string_view k_static_access_key_id = "AKIASANDBOXCIBOT0001";
inline constexpr std::string_view k_static_secret_key = "sandboxStaticSecretKey0000000000000000001";

struct SsoSession {
  std::string account_id;
  std::string role_name;     // AWSReservedSSO_<ps>_<hex>
  std::string session_name;  // the Identity Center user name, e.g. jane.doe@example.com
};

[[nodiscard]] std::string sso_role_name(std::string_view account_id, std::string_view permission_set);
// AROA… unique role id (21 characters like IAM's).
[[nodiscard]] std::string role_unique_id(std::string_view account_id, std::string_view role_name);
[[nodiscard]] std::string sso_access_key_id(const SsoSession& session);
[[nodiscard]] std::string derived_secret_key(std::string_view access_key_id);
[[nodiscard]] std::string security_token_for(const SsoSession& session);
[[nodiscard]] std::optional<SsoSession> decode_security_token(std::string_view token);

// arn:aws:sts::<account>:assumed-role/<role>/<session>
[[nodiscard]] std::string assumed_role_arn(const SsoSession& session);
// arn:aws:iam::<account>:role/<role> (no path: what the authenticator calls CanonicalARN)
[[nodiscard]] std::string canonical_role_arn(const SsoSession& session);
// The pathed IAM role ARN Identity Center creates: role/aws-reserved/sso.amazonaws.com/<region>/<role>
[[nodiscard]] std::string sso_role_iam_arn(std::string_view account_id, std::string_view sso_region,
                                           std::string_view role_name);

}  // namespace sandbox
