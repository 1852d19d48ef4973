// classify_aws_stderr against every real AWS CLI failure in tests/data/aws-cli-failures.json,
// plus hand-written variants of other versions' wording.
#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/aws/errors.hpp"

using eks::AwsEndpoint;
using eks::AwsErrorClass;
using eks::SsoLoginReason;
using eks::classify_aws_stderr;

namespace {

// What each recorded scenario means (aws.md 4.2 and the scenario names). A row applies when the
// scenario matches and, if set, the CLI version and a substring of the command.
struct Expectation {
  std::string scenario;
  std::string cli;              // "" = any version
  std::string command_contains; // "" = any command
  AwsErrorClass kind;
  SsoLoginReason reason = SsoLoginReason::none;
  AwsEndpoint endpoint = AwsEndpoint::none;
};

const std::vector<Expectation>& expectations() {
  static const std::vector<Expectation> rows = {
      {"03-static-get-token-output-formats", "", "", AwsErrorClass::usage_error},
      {"04-static-get-token-variants", "", "--role-arn", AwsErrorClass::network, SsoLoginReason::none, AwsEndpoint::sts},
      {"04-static-get-token-variants", "", "", AwsErrorClass::usage_error},
      {"10-sso-legacy-corrupt-json", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::cache_corrupt},
      // v2 < 2.25.3 does not check legacy expiry locally: offline it is a network error (aws.md 11).
      {"10-sso-legacy-expired-refreshable", "2.9.19", "", AwsErrorClass::network, SsoLoginReason::none,
       AwsEndpoint::sso_portal},
      {"10-sso-legacy-expired-refreshable", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::session_invalid},
      {"10-sso-legacy-expiresAt-offset-format", "", "", AwsErrorClass::network, SsoLoginReason::none,
       AwsEndpoint::sso_portal},
      {"10-sso-legacy-missing-accessToken", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::cache_corrupt},
      {"10-sso-legacy-nocache", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::token_missing},
      {"10-sso-modern-corrupt-json", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::cache_corrupt},
      {"10-sso-modern-expired-refreshable", "", "", AwsErrorClass::network, SsoLoginReason::none,
       AwsEndpoint::oidc_refresh},
      {"10-sso-modern-expired-regexpired", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::refresh_failed},
      {"10-sso-modern-nocache", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::token_missing},
      {"20-profile-not-found", "", "", AwsErrorClass::profile_not_found},
      {"21-profile-no-credentials", "", "", AwsErrorClass::no_credentials},
      {"22-no-config-files", "", "", AwsErrorClass::profile_not_found},
      {"24-sso-invalid-config", "", "", AwsErrorClass::sso_config_error},
      {"25-config-parse-error", "", "", AwsErrorClass::config_parse_error},
      {"26-login-session-profile", "1.45.11", "", AwsErrorClass::cli_unsupported},
      {"26-login-session-profile", "", "", AwsErrorClass::aws_login_required},
      {"27-sso-source-profile-chain", "", "", AwsErrorClass::cli_unsupported},
      {"36-config-syntax", "", "", AwsErrorClass::profile_not_found},
      {"36b-config-inline-comments", "", "", AwsErrorClass::invalid_region},
      {"51-mock-legacy-expired", "", "", AwsErrorClass::sso_login_required, SsoLoginReason::session_invalid},
      {"53-mock-forbidden", "", "", AwsErrorClass::role_access_denied},
  };
  return rows;
}

const Expectation* find_expectation(const nlohmann::json& entry) {
  const std::string scenario = entry.at("scenario").get<std::string>();
  const std::string cli = entry.at("cli").get<std::string>();
  const std::string command = entry.at("command").get<std::string>();
  for (const Expectation& row : expectations()) {
    if (row.scenario == scenario && (row.cli.empty() || row.cli == cli) &&
        (row.command_contains.empty() || command.find(row.command_contains) != std::string::npos)) {
      return &row;
    }
  }
  return nullptr;
}

std::string name(AwsErrorClass k) { return eks::aws_error_class_name(k); }
std::string name(SsoLoginReason r) { return eks::sso_login_reason_name(r); }
std::string name(AwsEndpoint e) { return eks::aws_endpoint_name(e); }

std::string profile_argument(const std::string& command) {
  const std::size_t at = command.find("--profile ");
  return at == std::string::npos ? std::string() : command.substr(at + 10);
}

}  // namespace

TEST_CASE("aws_errors: every recorded AWS CLI failure is classified as its scenario means") {
  std::ifstream in(std::string(EKS_SSO_TEST_DATA_DIR) + "/aws-cli-failures.json");
  REQUIRE(in.good());
  const nlohmann::json entries = nlohmann::json::parse(in);
  REQUIRE(entries.size() >= 73);
  for (const nlohmann::json& entry : entries) {
    const std::string label = entry.at("scenario").get<std::string>() + " [" + entry.at("cli").get<std::string>() +
                              "] " + entry.at("command").get<std::string>();
    CAPTURE(label);
    const Expectation* expected = find_expectation(entry);
    REQUIRE_MESSAGE(expected != nullptr, "no expectation for a new fixture entry: add one");
    const eks::AwsFailure f = classify_aws_stderr(entry.at("stderr").get<std::string>());
    CHECK(name(f.kind) == name(expected->kind));
    CHECK(name(f.sso_reason) == name(expected->reason));
    CHECK(name(f.endpoint) == name(expected->endpoint));
    if (f.kind == AwsErrorClass::profile_not_found) {
      CHECK(f.profile == profile_argument(entry.at("command").get<std::string>()));
    }
    if (f.sso_reason == SsoLoginReason::token_missing) {
      const bool modern = entry.at("scenario").get<std::string>().find("modern") != std::string::npos;
      CHECK(f.sso_subject == (modern ? "my-sso" : "https://d-1234567890.awsapps.com/start"));
    }
    if (f.kind == AwsErrorClass::network) {
      CHECK(f.endpoint_url.rfind("https://", 0) == 0);
    }
  }
}

TEST_CASE("aws_errors: details are extracted") {
  const auto corrupt = classify_aws_stderr("\naws: [ERROR]: '0ad374308c5a4e22f723adf10145eafad7c4031c'\n");
  CHECK(corrupt.cache_key == "0ad374308c5a4e22f723adf10145eafad7c4031c");

  const auto invalid = classify_aws_stderr(
      "\nError loading SSO Token: Token for https://d-1234567890.awsapps.com/start is invalid\n");
  CHECK(invalid.sso_subject == "https://d-1234567890.awsapps.com/start");

  const auto portal = classify_aws_stderr(
      "\nCould not connect to the endpoint URL: \"https://portal.sso.us-east-1.amazonaws.com/federation/"
      "credentials?role_name=ReadOnly&account_id=123456789012\"\n");
  CHECK(portal.endpoint_url ==
        "https://portal.sso.us-east-1.amazonaws.com/federation/credentials?role_name=ReadOnly&account_id=123456789012");

  const auto missing_role = classify_aws_stderr(
      "\nThe profile \"bad-missing-role\" is configured to use SSO but is missing required configuration: "
      "sso_role_name\n");
  CHECK(missing_role.profile == "bad-missing-role");

  const auto no_session = classify_aws_stderr("\nThe specified sso-session does not exist: \"does-not-exist\"\n");
  CHECK(no_session.kind == AwsErrorClass::sso_config_error);
  CHECK(no_session.sso_session == "does-not-exist");
}

TEST_CASE("aws_errors: normalisation removes only the version-specific wrappers") {
  CHECK(eks::normalize_aws_stderr("\naws: [ERROR]: An error occurred (NoCredentials): Unable to locate credentials. "
                                  "You can configure credentials by running \"aws login\".\n") ==
        "Unable to locate credentials. You can configure credentials by running \"aws login\".");
  CHECK(eks::normalize_aws_stderr("\nAn error occurred (ForbiddenException) when calling the GetRoleCredentials "
                                  "operation: No access\n") ==
        "An error occurred (ForbiddenException) when calling the GetRoleCredentials operation: No access");
  CHECK(eks::normalize_aws_stderr("\nToken has expired and refresh failed\n\n") == "Token has expired and refresh failed");
}

TEST_CASE("aws_errors: other versions' wording") {
  struct Case {
    std::string stderr_text;
    AwsErrorClass kind;
    SsoLoginReason reason;
    AwsEndpoint endpoint;
  };
  const std::vector<Case> cases = {
      // Old loader (v2 <= 2.7.31, botocore <= 1.27.59), seen in lensapp/lens#5605.
      {"\nError loading SSO Token: The SSO access token has either expired or is otherwise invalid.\n",
       AwsErrorClass::sso_login_required, SsoLoginReason::token_expired, AwsEndpoint::none},
      {"\naws: [ERROR]: Error when retrieving token from sso: Token has expired and refresh failed\n",
       AwsErrorClass::sso_login_required, SsoLoginReason::refresh_failed, AwsEndpoint::none},
      {"'7487B5B67D5FA1132CF33FA93AE51EF38CC37752'", AwsErrorClass::sso_login_required,
       SsoLoginReason::cache_corrupt, AwsEndpoint::none},
      {"\n'7487b5b67d5fa1132cf33fa93ae51ef38cc3775'\n", AwsErrorClass::unknown, SsoLoginReason::none,
       AwsEndpoint::none},
      {"\naws: [ERROR]: Your session has expired. Please reauthenticate using 'aws login'.\n",
       AwsErrorClass::aws_login_required, SsoLoginReason::none, AwsEndpoint::none},
      {"\nConnect timeout on endpoint URL: \"https://oidc.eu-west-1.amazonaws.com/token\"\n", AwsErrorClass::network,
       SsoLoginReason::none, AwsEndpoint::oidc_refresh},
      {"\nRead timeout on endpoint URL: \"https://eks.us-east-1.amazonaws.com/\"\n", AwsErrorClass::network,
       SsoLoginReason::none, AwsEndpoint::other},
      {"\nSSL validation failed for https://sts.amazonaws.com/ [SSL: CERTIFICATE_VERIFY_FAILED]\n",
       AwsErrorClass::network, SsoLoginReason::none, AwsEndpoint::other},
      {"\nAn error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token "
       "included in the request is expired\n",
       AwsErrorClass::bad_static_credentials, SsoLoginReason::none, AwsEndpoint::none},
      {"\nAn error occurred (AccessDenied) when calling the AssumeRole operation: not authorized\n",
       AwsErrorClass::bad_static_credentials, SsoLoginReason::none, AwsEndpoint::none},
      {"\nThe profile \"p\" is configured to use the SSO token provider but the \"s\" sso_session configuration "
       "does not exist.\n",
       AwsErrorClass::sso_config_error, SsoLoginReason::none, AwsEndpoint::none},
      {"\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n",
       AwsErrorClass::no_credentials, SsoLoginReason::none, AwsEndpoint::none},
      {"\nsomething nobody has seen before\n", AwsErrorClass::unknown, SsoLoginReason::none, AwsEndpoint::none},
      {"", AwsErrorClass::unknown, SsoLoginReason::none, AwsEndpoint::none},
  };
  for (const Case& c : cases) {
    CAPTURE(c.stderr_text);
    const eks::AwsFailure f = classify_aws_stderr(c.stderr_text);
    CHECK(name(f.kind) == name(c.kind));
    CHECK(name(f.sso_reason) == name(c.reason));
    CHECK(name(f.endpoint) == name(c.endpoint));
  }
}

TEST_CASE("aws_errors: each class maps to the contract's exit code kind") {
  CHECK(eks::error_kind_for(AwsErrorClass::sso_login_required) == eks::ErrorKind::login_required);
  CHECK(eks::error_kind_for(AwsErrorClass::aws_login_required) == eks::ErrorKind::login_required);
  CHECK(eks::error_kind_for(AwsErrorClass::profile_not_found) == eks::ErrorKind::config);
  CHECK(eks::error_kind_for(AwsErrorClass::sso_config_error) == eks::ErrorKind::config);
  CHECK(eks::error_kind_for(AwsErrorClass::no_credentials) == eks::ErrorKind::config);
  CHECK(eks::error_kind_for(AwsErrorClass::config_parse_error) == eks::ErrorKind::config);
  CHECK(eks::error_kind_for(AwsErrorClass::invalid_region) == eks::ErrorKind::config);
  CHECK(eks::error_kind_for(AwsErrorClass::network) == eks::ErrorKind::unreachable);
  CHECK(eks::error_kind_for(AwsErrorClass::role_access_denied) == eks::ErrorKind::general);
  CHECK(eks::error_kind_for(AwsErrorClass::bad_static_credentials) == eks::ErrorKind::general);
  CHECK(eks::error_kind_for(AwsErrorClass::usage_error) == eks::ErrorKind::general);
  CHECK(eks::error_kind_for(AwsErrorClass::unknown) == eks::ErrorKind::general);
}

TEST_CASE("aws_errors: role-chain configuration errors are exit 7, not 1 (issue 18)") {
  // Both real CLIs, AWS_PROFILE=loopa with loopa -> loopb -> loopa.
  const eks::AwsFailure loop = classify_aws_stderr(
      "\nInfinite loop in credential configuration detected. Attempting to load from profile loopa which has "
      "already been visited. Visited profiles: ['loopa', 'loopb']\n");
  CHECK(name(loop.kind) == "credential_config_error");
  CHECK(eks::error_kind_for(loop.kind) == eks::ErrorKind::config);
  const eks::AwsFailure dangling = classify_aws_stderr(
      "\nThe source_profile \"nowhere\" referenced in the profile \"dangling\" does not exist.\n");
  CHECK(name(dangling.kind) == "credential_config_error");
  CHECK(dangling.profile == "dangling");
  CHECK(name(classify_aws_stderr("The profile \"both\" contains both source_profile and credential_source.").kind) ==
        "credential_config_error");
}

TEST_CASE("aws_errors: a credential_process carrying the SSO error texts (issue 18)") {
  // AWS CLI v2 2.9.19, credential_process = aws configure export-credentials --profile sso.
  const eks::AwsFailure f = classify_aws_stderr(
      "\nError when retrieving credentials from custom-process: \nError loading SSO Token: Token for "
      "https://x.awsapps.com/start does not exist\n\n");
  CHECK(f.custom_process);
  CHECK(name(f.kind) == "sso_login_required");
  CHECK(name(f.sso_reason) == "token_missing");
  CHECK(f.sso_subject == "https://x.awsapps.com/start");
  const eks::AwsFailure other =
      classify_aws_stderr("Error when retrieving credentials from custom-process: boom: exit status 2");
  CHECK(other.custom_process);
  CHECK(name(other.kind) == "unknown");
  CHECK_FALSE(classify_aws_stderr("Unable to locate credentials").custom_process);
}
