#include "lib/redact.hpp"

#include <regex>

namespace eks {

namespace {

struct Rule {
  std::regex pattern;
  std::string replacement;  // std::regex_replace format ($1 = kept prefix)
};

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

// Built per call: no function-local statics (STYLE.md 4); the texts are small.
std::string apply(std::string text, const Rule& rule) {
  return std::regex_replace(text, rule.pattern, rule.replacement);
}

}  // namespace

std::string redact_secrets(std::string_view input) {
  const std::string mask(k_redacted);
  const std::string keys = "token|accessToken|refreshToken|clientSecret|SecretAccessKey|SessionToken|clientKeyData";
  const Rule rules[] = {
      // JSON: "key": "value" (escaped quotes inside the value are part of it).
      {std::regex("(\"(?:" + keys + ")\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*\""), "$1" + mask + "\""},
      // YAML: key: value (optionally quoted), one line.
      {std::regex("((?:^|\\n)[ \\t-]*(?:" + keys + ")[ \\t]*:[ \\t]*)(?![ \\t]*(?:\\n|$))[^\\n]+"),
       "$1" + mask},
      // INI (~/.aws/credentials).
      {std::regex(R"(((?:aws_secret_access_key|aws_session_token)[ \t]*=[ \t]*)[^\s]+)", std::regex::icase),
       "$1" + mask},
      {std::regex(R"((Bearer[ \t]+)[^\s"']+)"), "$1" + mask},
      {std::regex(R"((k8s-aws-v1\.)[A-Za-z0-9_\-=]+)"), "$1" + mask},
  };
  std::string text = redact_pem_keys(std::string(input));
  for (const Rule& rule : rules) {
    text = apply(std::move(text), rule);
  }
  return text;
}

}  // namespace eks
