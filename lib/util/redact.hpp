// Masking secrets in what we show people, the one place for it: free text (plugin stderr/stdout,
// verbose logs) through redact_secrets, one known token through mask_token, an Authorization
// header value through mask_authorization. A token is never printed at any verbosity
// (CONTRACT.md); everything plugin-provided goes through redact_secrets first.
#pragma once

#include <string>
#include <string_view>

namespace eks {

// The mask put in place of a secret.
inline constexpr std::string_view k_redacted = "<redacted>";

// Returns `text` with these replaced by <redacted> (the surrounding key/prefix is kept):
// - EKS tokens:   k8s-aws-v1.<base64url>          → k8s-aws-v1.<redacted>
// - HTTP bearer:  Bearer <anything up to space>   → Bearer <redacted>
// - JSON values (and YAML "key: value" lines) of token, accessToken, refreshToken, clientSecret,
//   SecretAccessKey, SessionToken, clientKeyData (a JSON value without its closing quote is
//   masked to the end of the text)
// - INI lines:    aws_secret_access_key = …, aws_session_token = …
// - PEM private key blocks (also a truncated block without its END line)
// Linear in the size of `text` (no std::regex: it recursed per character and overflowed the stack).
[[nodiscard]] std::string redact_secrets(std::string_view text);

// A token we hold (ExecCredential::masked_token): reveals a known prefix only, never the length.
// "k8s-aws-v1.****" for EKS tokens, "abc****" for others over 12 bytes, "****", "" for no token.
[[nodiscard]] std::string mask_token(std::string_view token);

// An Authorization (or Proxy-Authorization) header value in a verbose log: the scheme stays,
// the credential goes ("Bearer <masked>"; "<masked>" when there is no scheme).
[[nodiscard]] std::string mask_authorization(std::string_view value);

}  // namespace eks
