#include "lib/util/base64.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

namespace eks {
namespace {

constexpr std::string_view k_std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view k_url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string encode(std::string_view bytes, std::string_view alphabet, bool pad) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  while (i + 3 <= bytes.size()) {
    const uint32_t v = (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
    i += 3;
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t v = static_cast<uint8_t>(bytes[i]) << 16;
    if (rest == 2) {
      v |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    }
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (rest == 2) {
      out += alphabet[(v >> 6) & 63];
    }
    if (pad) {
      out.append(rest == 1 ? 2 : 1, '=');
    }
  }
  return out;
}

std::array<int, 256> table_for(std::string_view alphabet) {
  std::array<int, 256> t{};
  t.fill(-1);
  for (size_t i = 0; i < alphabet.size(); ++i) {
    t[static_cast<uint8_t>(alphabet[i])] = static_cast<int>(i);
  }
  return t;
}

enum class Padding { required, optional, ignored };  // ignored: '=' ends the data, groups unchecked

std::optional<std::string> decode(std::string_view text, std::string_view alphabet, Padding padding,
                                  Base64Error* error) {
  const bool require_pad = padding == Padding::required;
  const bool lenient = padding == Padding::ignored;
  const auto table = table_for(alphabet);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  size_t quantum = 0;  // characters in the current 4-char group (including '=')
  size_t pads = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r' || c == '\n' || (lenient && (c == ' ' || c == '\t'))) {
      continue;
    }
    if (c == '=') {
      ++pads;
      if (!lenient) {
        quantum = (quantum + 1) % 4;
      }
      continue;
    }
    const int v = table[static_cast<uint8_t>(c)];
    if (v < 0 || pads > 0) {
      if (error != nullptr) {
        error->offset = i;
      }
      return std::nullopt;
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
    quantum = (quantum + 1) % 4;
  }
  if ((require_pad && quantum != 0) || quantum == 1 || pads > 2) {
    if (error != nullptr) {
      error->bad_length = true;
      // Go reports an unfinished last quantum at its first byte ("YWJjYQ" -> byte 4).
      error->offset = text.size() - std::min(quantum, text.size());
    }
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::string base64_encode(std::string_view bytes) { return encode(bytes, k_std, true); }

std::string base64url_encode_nopad(std::string_view bytes) { return encode(bytes, k_url, false); }

std::optional<std::string> base64_decode(std::string_view text, Base64Error* error) {
  return decode(text, k_std, Padding::required, error);
}

std::optional<std::string> base64_decode_lenient(std::string_view text, Base64Error* error) {
  return decode(text, k_std, Padding::ignored, error);
}

std::optional<std::string> base64url_decode(std::string_view text) { return decode(text, k_url, Padding::optional, nullptr); }

}  // namespace eks
