#include "sandbox/encoding.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>

namespace sandbox {
namespace {

constexpr std::string_view k_b64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string encode_with(std::string_view bytes, char c62, char c63, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto emit = [&](unsigned v) {
    const char c = k_b64_alphabet[v & 63U];
    out.push_back(c == '+' ? c62 : (c == '/' ? c63 : c));
  };
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16U) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8U) |
                       static_cast<unsigned char>(bytes[i + 2]);
    emit(n >> 18U);
    emit(n >> 12U);
    emit(n >> 6U);
    emit(n);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    const unsigned n = static_cast<unsigned char>(bytes[i]) << 16U;
    emit(n >> 18U);
    emit(n >> 12U);
    if (pad) {
      out += "==";
    }
  } else if (rest == 2) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16U) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8U);
    emit(n >> 18U);
    emit(n >> 12U);
    emit(n >> 6U);
    if (pad) {
      out += "=";
    }
  }
  return out;
}

int b64url_value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a' + 26;
  }
  if (c >= '0' && c <= '9') {
    return c - '0' + 52;
  }
  if (c == '-') {
    return 62;
  }
  if (c == '_') {
    return 63;
  }
  return -1;
}

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode_with(bytes, '+', '/', true); }

std::string base64url_nopad_encode(std::string_view bytes) {
  return encode_with(bytes, '-', '_', false);
}

std::optional<std::string> base64url_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') {
    text.remove_suffix(1);
  }
  if (text.size() % 4 == 1) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (const char c : text) {
    const int v = b64url_value(c);
    if (v < 0) {
      return std::nullopt;
    }
    acc = (acc << 6U) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> static_cast<unsigned>(bits)) & 0xFFU));
    }
  }
  return out;
}

std::string hex_lower(std::string_view bytes) {
  constexpr std::string_view k_digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(k_digits[b >> 4U]);
    out.push_back(k_digits[b & 15U]);
  }
  return out;
}

std::string sha1_hex(std::string_view bytes) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> md{};
  SHA1(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md.data());
  return hex_lower(std::string_view(reinterpret_cast<const char*>(md.data()), md.size()));
}

std::string sha256_raw(std::string_view bytes) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> md{};
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), md.data());
  return {reinterpret_cast<const char*>(md.data()), md.size()};
}

std::string sha256_hex(std::string_view bytes) { return hex_lower(sha256_raw(bytes)); }

std::string hmac_sha256_raw(std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md.data(), &len);
  return {reinterpret_cast<const char*>(md.data()), len};
}

std::string uri_encode(std::string_view text) {
  constexpr std::string_view k_digits = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' ||
        b == '_' || b == '.' || b == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(k_digits[b >> 4U]);
      out.push_back(k_digits[b & 15U]);
    }
  }
  return out;
}

std::optional<std::string> uri_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) {
      return std::nullopt;
    }
    int v = 0;
    for (size_t k = 1; k <= 2; ++k) {
      const char c = text[i + k];
      v <<= 4;
      if (c >= '0' && c <= '9') {
        v |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        v |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        v |= c - 'A' + 10;
      } else {
        return std::nullopt;
      }
    }
    out.push_back(static_cast<char>(v));
    i += 2;
  }
  return out;
}

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n));
  return out;
}

}  // namespace sandbox
