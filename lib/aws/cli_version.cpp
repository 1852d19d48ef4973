#include "lib/aws/cli_version.hpp"

#include <cctype>
#include <limits>
#include <tuple>

namespace eks {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool read_number(std::string_view s, std::size_t& pos, int& out) {
  const std::size_t start = pos;
  long long v = 0;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) != 0) {
    v = v * 10 + (s[pos] - '0');
    if (v > std::numeric_limits<int>::max()) {
      return false;
    }
    ++pos;
  }
  out = static_cast<int>(v);
  return pos > start;
}

std::optional<AwsCliVersion> parse_one(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size() && is_space(text[pos])) {
    ++pos;
  }
  constexpr std::string_view k_prefix = "aws-cli/";
  if (text.substr(pos, k_prefix.size()) != k_prefix) {
    return std::nullopt;
  }
  pos += k_prefix.size();
  AwsCliVersion v;
  if (!read_number(text, pos, v.major) || pos >= text.size() || text[pos++] != '.' ||
      !read_number(text, pos, v.minor) || pos >= text.size() || text[pos++] != '.' ||
      !read_number(text, pos, v.patch)) {
    return std::nullopt;
  }
  if (pos < text.size() && !is_space(text[pos])) {
    return std::nullopt;  // "2.9.19rc1", "2.9.19.1": not the format
  }
  return v;
}

}  // namespace

bool AwsCliVersion::at_least(int maj, int min, int pat) const {
  return std::tie(major, minor, patch) >= std::tie(maj, min, pat);
}

std::string AwsCliVersion::to_string() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<AwsCliVersion> parse_aws_cli_version(std::string_view stdout_text,
                                                   std::string_view stderr_text) {
  if (auto v = parse_one(stdout_text)) {
    return v;
  }
  return parse_one(stderr_text);
}

int effective_major(const std::optional<AwsCliVersion>& version) {
  return version && version->major == 1 ? 1 : 2;
}

bool supports_sso_login(const AwsCliVersion& v) { return v.major >= 2; }

bool supports_device_code_flag(const AwsCliVersion& v) { return v.at_least(2, 22, 0); }

bool uses_error_prefix(const AwsCliVersion& v) { return v.at_least(2, 34, 0); }

bool supports_aws_login(const AwsCliVersion& v) { return v.at_least(2, 32, 0); }

bool checks_legacy_expiry_locally(const AwsCliVersion& v) {
  return v.major == 1 ? v.at_least(1, 41, 15) : v.at_least(2, 25, 3);
}

bool caches_sso_role_credentials(const AwsCliVersion& v) { return v.major >= 2; }

}  // namespace eks
