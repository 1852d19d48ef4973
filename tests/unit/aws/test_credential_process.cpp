// credential_process_profile and is_custom_process_error (issue 18; botocore ProcessProvider).
#include <doctest/doctest.h>

#include "lib/aws/credential_process.hpp"

namespace eks {
namespace {

TEST_CASE("credential process: the wrapped profile read from the command line") {
  struct Row {
    std::string_view command;
    std::optional<std::string> profile;
  };
  const Row rows[] = {
      {"aws configure export-credentials --profile dev-sso", "dev-sso"},
      {"/usr/bin/aws configure export-credentials --profile=dev-sso --format process", "dev-sso"},
      {"granted credential-process --profile 'my sso'", "my sso"},
      {"aws-vault exec dev-sso --json", "dev-sso"},
      {"aws-vault exec --duration 1h dev-sso --json", "dev-sso"},
      {"aws-vault exec --duration=1h dev-sso --json", "dev-sso"},
      {"/opt/bin/aws-vault export --format=json dev-sso", "dev-sso"},
      {"script.sh --profile a --profile b", "b"},  // the last one, as argparse
      {"/usr/local/bin/get-creds", std::nullopt},
      {"aws configure export-credentials", std::nullopt},
      {"aws-vault list", std::nullopt},
      {"tool --profile 'unterminated", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& row : rows) {
    CAPTURE(row.command);
    CHECK(credential_process_profile(row.command) == row.profile);
  }
}

TEST_CASE("credential process: the AWS CLI's failure marker") {
  CHECK(is_custom_process_error(
      "\nError when retrieving credentials from custom-process: \nError loading SSO Token: Token "
      "for https://x.awsapps.com/start does not exist\n"));
  CHECK_FALSE(is_custom_process_error("Error loading SSO Token: Token for x does not exist"));
}

}  // namespace
}  // namespace eks
