// parse_aws_cli_version and the version gates (aws.md 9; transcript 34).
#include <doctest/doctest.h>

#include "lib/aws/cli_version.hpp"

namespace eks {
namespace {

TEST_CASE("aws cli version: parse the --version formats") {
  struct Row {
    std::string_view out;
    std::string_view err;
    std::optional<std::string> version;
  };
  const Row rows[] = {
      {"aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44-fc-v509 botocore/1.43.11\n", "", "1.45.11"},
      {"aws-cli/2.9.19 Python/3.11.2 Linux/6.18.44-fc-v509 source/x86_64.debian.12 prompt/off\n",
       "", "2.9.19"},
      {"aws-cli/2.36.7 Python/3.11.2 Linux/6.18.44-fc-v509 source/x86_64.debian.12\n", "",
       "2.36.7"},
      {"aws-cli/2.33.1 Python/3.13.11 Linux/6.14.0-37-generic exe/x86_64.linuxmint.22\n", "",
       "2.33.1"},
      {"aws-cli/2.15.30 Python/3.11.8 Windows/10 exe/AMD64 prompt/off\r\n", "", "2.15.30"},
      {"", "aws-cli/1.16.0 Python/2.7.15 Linux/4.15.0 botocore/1.12.0\n", "1.16.0"},  // old v1
      {"\naws-cli/2.9.19 Python/3\n", "", "2.9.19"},
      {"aws-cli/2.9.19", "", "2.9.19"},  // end of text as the separator
      {"aws-cli/2.9 Python/3\n", "", std::nullopt},
      {"aws-cli/2.9.19rc1 Python/3\n", "", std::nullopt},
      {"aws-cli/x.y.z Python/3\n", "", std::nullopt},
      {"awscli/2.9.19 Python/3\n", "", std::nullopt},
      {"usage: aws [options]\n", "aws: error: argument", std::nullopt},
      {"aws-cli/99999999999.0.0 x\n", "", std::nullopt},
  };
  for (const auto& row : rows) {
    CAPTURE(row.out);
    const auto v = parse_aws_cli_version(row.out, row.err);
    REQUIRE(v.has_value() == row.version.has_value());
    if (v) {
      CHECK(v->to_string() == *row.version);
    }
  }
  const auto v = parse_aws_cli_version("aws-cli/2.36.7 Python/3.11.2\n");
  REQUIRE(v);
  CHECK(v->major == 2);
  CHECK(v->minor == 36);
  CHECK(v->patch == 7);
}

TEST_CASE("aws cli version: gates") {
  const auto v = [](std::string_view text) {
    auto parsed = parse_aws_cli_version(std::string(text) + " x\n");
    REQUIRE(parsed.has_value());
    return *parsed;
  };
  CHECK_FALSE(supports_sso_login(v("aws-cli/1.45.11")));
  CHECK(supports_sso_login(v("aws-cli/2.0.0")));
  CHECK_FALSE(supports_device_code_flag(v("aws-cli/2.21.99")));
  CHECK(supports_device_code_flag(v("aws-cli/2.22.0")));
  CHECK_FALSE(supports_device_code_flag(v("aws-cli/1.45.11")));
  CHECK_FALSE(uses_error_prefix(v("aws-cli/2.33.1")));
  CHECK(uses_error_prefix(v("aws-cli/2.34.0")));
  CHECK(uses_error_prefix(v("aws-cli/2.36.7")));
  CHECK_FALSE(supports_aws_login(v("aws-cli/2.31.9")));
  CHECK(supports_aws_login(v("aws-cli/2.32.0")));
  CHECK_FALSE(checks_legacy_expiry_locally(v("aws-cli/2.9.19")));
  CHECK_FALSE(checks_legacy_expiry_locally(v("aws-cli/2.25.2")));
  CHECK(checks_legacy_expiry_locally(v("aws-cli/2.25.3")));
  CHECK(checks_legacy_expiry_locally(v("aws-cli/1.45.11")));
  CHECK_FALSE(checks_legacy_expiry_locally(v("aws-cli/1.41.14")));
  CHECK_FALSE(caches_sso_role_credentials(v("aws-cli/1.45.11")));
  CHECK(caches_sso_role_credentials(v("aws-cli/2.9.19")));
  CHECK(effective_major(std::nullopt) == 2);
  CHECK(effective_major(v("aws-cli/1.45.11")) == 1);
  CHECK(effective_major(v("aws-cli/3.0.0")) == 2);
}

}  // namespace
}  // namespace eks
