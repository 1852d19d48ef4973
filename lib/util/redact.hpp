// Masking secrets in text we show people (plugin stderr/stdout, verbose logs). A token is never
// printed at any verbosity (CONTRACT.md); everything plugin-provided goes through this first.
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

}  // namespace eks
