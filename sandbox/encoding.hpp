// Byte encodings and digests the sandbox needs on both sides of the wire: base64/base64url
// (tokens), hex, SHA-1 (SSO cache file names), SHA-256 and HMAC-SHA256 (SigV4), URL encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sandbox {

[[nodiscard]] std::string base64_encode(std::string_view bytes);
// base64url without '=' padding (Go's base64.RawURLEncoding, Python's urlsafe_b64encode().rstrip('=')).
[[nodiscard]] std::string base64url_nopad_encode(std::string_view bytes);
// Accepts base64url with or without padding; nullopt on any invalid character or length.
[[nodiscard]] std::optional<std::string> base64url_decode(std::string_view text);

[[nodiscard]] std::string hex_lower(std::string_view bytes);
[[nodiscard]] std::string sha1_hex(std::string_view bytes);
[[nodiscard]] std::string sha256_raw(std::string_view bytes);
[[nodiscard]] std::string sha256_hex(std::string_view bytes);
[[nodiscard]] std::string hmac_sha256_raw(std::string_view key, std::string_view data);

// RFC 3986 percent-encoding as SigV4 wants it (unreserved characters kept, everything else %XX).
[[nodiscard]] std::string uri_encode(std::string_view text);
// Decodes %XX and '+' as space is NOT applied (query values from SigV4 never use '+').
[[nodiscard]] std::optional<std::string> uri_decode(std::string_view text);

// `n` random bytes from OpenSSL's CSPRNG.
[[nodiscard]] std::string random_bytes(std::size_t n);

}  // namespace sandbox
