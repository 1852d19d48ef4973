#include "lib/util/redact.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace eks {

namespace {

// PEM private key bodies, done by hand: std::regex recurses per character and a long body could
// exhaust the stack. A block without its END line is masked to the end of the text.
std::string redact_pem_keys(std::string text) {
  const std::string begin_marker = "-----BEGIN ";
  const std::string key_suffix = "PRIVATE KEY-----";
  std::size_t pos = 0;
  while ((pos = text.find(begin_marker, pos)) != std::string::npos) {
    const std::size_t line_end = text.find("-----", pos + begin_marker.size());
    if (line_end == std::string::npos) {
      break;
    }
    const std::size_t header_end = line_end + 5;
    const std::string header = text.substr(pos, header_end - pos);
    if (header.size() < key_suffix.size() || header.compare(header.size() - key_suffix.size(), key_suffix.size(), key_suffix) != 0) {
      pos = header_end;
      continue;
    }
    const std::size_t end = text.find("-----END ", header_end);
    const std::size_t body_end = end == std::string::npos ? text.size() : end;
    text.replace(header_end, body_end - header_end, std::string(k_redacted));
    pos = header_end + k_redacted.size();
  }
  return text;
}

constexpr std::string_view k_secret_keys[] = {"token",        "accessToken",   "refreshToken", "clientSecret",
                                               "SecretAccessKey", "SessionToken", "clientKeyData"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::size_t skip(std::string_view text, std::size_t i, bool (*pred)(char)) {
  while (i < text.size() && pred(text[i])) {
    ++i;
  }
  return i;
}

bool starts_with_icase(std::string_view text, std::size_t at, std::string_view word) {
  if (at + word.size() > text.size()) {
    return false;
  }
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(text[at + k])) != word[k]) {
      return false;
    }
  }
  return true;
}

// Scans `text` left to right; at each position `match` returns {value_begin, value_end} of a
// secret to mask (value_end > value_begin), or {npos, npos}. Replaced spans never overlap.
template <typename Match>
std::string mask_spans(std::string_view text, Match match) {
  std::string out;
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto [begin, end] = match(text, i);
    if (begin == std::string_view::npos) {
      ++i;
      continue;
    }
    out.append(text.substr(copied, begin - copied));
    out.append(k_redacted);
    copied = end;
    i = end;
  }
  out.append(text.substr(copied));
  return out;
}

using Span = std::pair<std::size_t, std::size_t>;
constexpr Span k_none{std::string_view::npos, std::string_view::npos};

// JSON: "key" : "value" (escaped quotes inside the value are part of it). An unterminated value
// (output cut short) is masked to the end of the text.
Span json_value(std::string_view text, std::size_t i) {
  if (text[i] != '"') {
    return k_none;
  }
  for (const std::string_view key : k_secret_keys) {
    if (text.compare(i + 1, key.size(), key) != 0 || i + 1 + key.size() >= text.size() ||
        text[i + 1 + key.size()] != '"') {
      continue;
    }
    std::size_t p = skip(text, i + key.size() + 2, is_space);
    if (p >= text.size() || text[p] != ':') {
      return k_none;
    }
    p = skip(text, p + 1, is_space);
    if (p >= text.size() || text[p] != '"') {
      return k_none;
    }
    const std::size_t begin = p + 1;
    std::size_t q = begin;
    while (q < text.size() && text[q] != '"') {
      q += text[q] == '\\' ? 2 : 1;
    }
    return {begin, std::min(q, text.size())};
  }
  return k_none;
}

// YAML: a line "[ \t-]*key[ \t]*:[ \t]*value"; the rest of the line is masked when not blank.
Span yaml_value(std::string_view text, std::size_t i) {
  if (i != 0 && text[i - 1] != '\n') {
    return k_none;
  }
  const std::size_t key_at = skip(text, i, [](char c) { return c == ' ' || c == '\t' || c == '-'; });
  for (const std::string_view key : k_secret_keys) {
    if (text.compare(key_at, key.size(), key) != 0) {
      continue;
    }
    std::size_t p = skip(text, key_at + key.size(), is_blank);
    if (p >= text.size() || text[p] != ':') {
      continue;
    }
    p = skip(text, p + 1, is_blank);
    const std::size_t line_end = std::min(text.find('\n', p), text.size());
    if (p == line_end) {
      return k_none;  // "token:" with nothing after it
    }
    return {p, line_end};
  }
  return k_none;
}

// INI (~/.aws/credentials, any case): aws_secret_access_key = value, aws_session_token = value.
Span ini_value(std::string_view text, std::size_t i) {
  for (const std::string_view key : {std::string_view("aws_secret_access_key"), std::string_view("aws_session_token")}) {
    if (!starts_with_icase(text, i, key)) {
      continue;
    }
    std::size_t p = skip(text, i + key.size(), is_blank);
    if (p >= text.size() || text[p] != '=') {
      return k_none;
    }
    p = skip(text, p + 1, is_blank);
    const std::size_t end = skip(text, p, [](char c) { return !is_space(c); });
    return end > p ? Span{p, end} : k_none;
  }
  return k_none;
}

// "Bearer <token>": the run of token characters after it.
Span bearer_token(std::string_view text, std::size_t i) {
  if (text.compare(i, 6, "Bearer") != 0) {
    return k_none;
  }
  const std::size_t p = skip(text, i + 6, is_blank);
  if (p == i + 6) {
    return k_none;
  }
  const std::size_t end = skip(text, p, [](char c) { return !is_space(c) && c != '"' && c != '\''; });
  return end > p ? Span{p, end} : k_none;
}

// EKS tokens: k8s-aws-v1.<base64url>.
Span eks_token(std::string_view text, std::size_t i) {
  constexpr std::string_view prefix = "k8s-aws-v1.";
  if (text.compare(i, prefix.size(), prefix) != 0) {
    return k_none;
  }
  const std::size_t p = i + prefix.size();
  const std::size_t end = skip(text, p, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '=';
  });
  return end > p ? Span{p, end} : k_none;
}

}  // namespace

// Hand-written scanners, not std::regex: libstdc++'s regex recurses once per character of a
// repeated match, so a 100 KB token-like run (plugin stderr is read up to 1 MiB) overflowed the
// stack and crashed eks-sso (issue 9). Each pass is linear.
std::string redact_secrets(std::string_view input) {
  std::string text = redact_pem_keys(std::string(input));
  text = mask_spans(text, json_value);
  text = mask_spans(text, yaml_value);
  text = mask_spans(text, ini_value);
  text = mask_spans(text, bearer_token);
  text = mask_spans(text, eks_token);
  return text;
}

std::string mask_token(std::string_view token) {
  constexpr std::string_view k_eks_prefix = "k8s-aws-v1.";
  if (token.empty()) {
    return {};
  }
  if (token.rfind(k_eks_prefix, 0) == 0) {
    return std::string(k_eks_prefix) + "****";
  }
  if (token.size() > 12) {
    return std::string(token.substr(0, 3)) + "****";
  }
  return "****";
}

std::string mask_authorization(std::string_view value) {
  const size_t space = value.find(' ');
  if (space == std::string_view::npos) {
    return "<masked>";
  }
  return std::string(value.substr(0, space)) + " <masked>";
}

}  // namespace eks
