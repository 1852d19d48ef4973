// Base64 (standard and URL-safe alphabets), as Go's encoding/base64 decodes []byte fields of a
// kubeconfig (certificate-authority-data, ...) and as EKS tokens are encoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eks {

[[nodiscard]] std::string base64_encode(std::string_view bytes);
// URL-safe alphabet without '=' padding (base64.RawURLEncoding).
[[nodiscard]] std::string base64url_encode_nopad(std::string_view bytes);

struct Base64Error {
  std::size_t offset = 0;  // "illegal base64 data at input byte N", as Go reports it
  bool bad_length = false;  // the text ended inside a group (else: a character that does not belong)
};

// Standard alphabet, padding required when the length is not a multiple of 4 (Go StdEncoding).
// Whitespace (\r, \n) is ignored as Go does. On failure returns nullopt and fills *error.
[[nodiscard]] std::optional<std::string> base64_decode(std::string_view text, Base64Error* error = nullptr);
// Standard alphabet, the API client's reading of *-data fields: spaces, tabs and line breaks are
// ignored, padding is optional (at most two '=', nothing after them).
[[nodiscard]] std::optional<std::string> base64_decode_lenient(std::string_view text, Base64Error* error = nullptr);
// URL-safe alphabet; padding optional.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace eks
