// `aws --version` parsing and the version-dependent behaviour we rely on.
// Spec: docs/spec/aws.md 9 (formats), 1 (error prefix), 6.2 (device code), 11.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eks {

struct AwsCliVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;

  [[nodiscard]] bool at_least(int maj, int min, int pat) const;
  [[nodiscard]] std::string to_string() const;  // "2.9.19"
};

// `^aws-cli/(\d+)\.(\d+)\.(\d+)\s` on stdout, else on stderr (very old v1 on Python 2 printed
// there). Leading blank lines are skipped; the end of the text counts as the whitespace.
[[nodiscard]] std::optional<AwsCliVersion> parse_aws_cli_version(std::string_view stdout_text,
                                                                 std::string_view stderr_text = {});

// The major version used by profile/region precedence: 1 for v1, 2 otherwise (unknown -> 2).
[[nodiscard]] int effective_major(const std::optional<AwsCliVersion>& version);

// `aws sso login` exists only in v2.
[[nodiscard]] bool supports_sso_login(const AwsCliVersion& v);
// `aws sso login --use-device-code`: v2 >= 2.22.0 (older ones exit 252 "Unknown options").
[[nodiscard]] bool supports_device_code_flag(const AwsCliVersion& v);
// Errors printed as "\naws: [ERROR]: <msg>\n": v2 >= 2.34.0.
[[nodiscard]] bool uses_error_prefix(const AwsCliVersion& v);
// `aws login` and login_session profiles: v2 >= 2.32.0.
[[nodiscard]] bool supports_aws_login(const AwsCliVersion& v);
// An expired legacy token is reported locally ("The SSO session associated with this profile has
// expired ...") instead of surfacing as a portal/network error: v2 >= 2.25.3, v1 >= 1.41.15.
[[nodiscard]] bool checks_legacy_expiry_locally(const AwsCliVersion& v);
// SSO role credentials are cached in ~/.aws/cli/cache: v2 only.
[[nodiscard]] bool caches_sso_role_credentials(const AwsCliVersion& v);

}  // namespace eks
