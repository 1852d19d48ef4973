// sso_login_target, plan_sso_login and probe_aws_cli: what `eks-sso login` runs (aws.md 6.1, 6.2).
#include <doctest/doctest.h>

#include "lib/aws/sso_login.hpp"
#include "support/fake_process_runner.hpp"

namespace eks {
namespace {

constexpr std::string_view k_config = R"([profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile modern]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[profile chained]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = modern

[profile static]
region = us-east-1

[profile web]
login_session = arn:aws:iam::123456789012:user/jane

[profile broken]
sso_account_id = 1
sso_start_url = https://d-1234567890.awsapps.com/start
)";

AwsConfig config() {
  auto parsed = parse_aws_ini(k_config, "/home/u/.aws/config", FileKind::config);
  REQUIRE(parsed.ok());
  auto creds = parse_aws_ini("[static]\naws_access_key_id = AKIA\naws_secret_access_key = s\n",
                             "/home/u/.aws/credentials", FileKind::credentials);
  REQUIRE(creds.ok());
  AwsConfig c = build_aws_config(*parsed, *creds);
  c.config_path = "/home/u/.aws/config";
  c.credentials_path = "/home/u/.aws/credentials";
  return c;
}

TEST_CASE("sso login: target profile") {
  const AwsConfig c = config();
  auto t = sso_login_target("modern", c);
  REQUIRE(t.ok());
  CHECK(t->profile == "modern");
  CHECK(t->session == "my-sso");
  CHECK(t->start_url == "https://d-1234567890.awsapps.com/start");

  t = sso_login_target("legacy", c);
  REQUIRE(t.ok());
  CHECK(t->profile == "legacy");
  CHECK(t->session.empty());

  // aws sso login --profile chained would fail (no SSO keys there): the source profile is logged in.
  t = sso_login_target("chained", c);
  REQUIRE(t.ok());
  CHECK(t->profile == "modern");
  CHECK(t->requested_profile == "chained");
}

TEST_CASE("sso login: profiles aws sso login cannot help") {
  const AwsConfig c = config();
  auto t = sso_login_target("static", c);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().kind == ErrorKind::config);
  CHECK(t.error().message == "AWS profile \"static\" does not use AWS SSO (static-keys): aws sso login cannot help");

  t = sso_login_target("web", c);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message == "AWS profile \"web\" uses \"aws login\", not AWS SSO");
  CHECK(t.error().hints == std::vector<std::string>{"aws login --profile web"});

  t = sso_login_target("nope", c);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().kind == ErrorKind::config);
  CHECK(t.error().message == "AWS profile \"nope\" not found in /home/u/.aws/config");

  t = sso_login_target("broken", c);
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message == "AWS profile \"broken\": The profile \"broken\" is configured to use SSO but is "
                             "missing required configuration: sso_role_name, sso_region");
}

SsoLoginRequest request(std::optional<AwsCliVersion> version) {
  SsoLoginRequest r;
  r.program = "aws";
  r.target = {"modern", "modern", "my-sso", "https://d-1234567890.awsapps.com/start"};
  r.version = version;
  return r;
}

TEST_CASE("sso login: plan") {
  SsoLoginRequest r = request(AwsCliVersion{2, 9, 19});
  r.no_browser = true;
  auto plan = plan_sso_login(r);
  REQUIRE(plan.ok());
  CHECK(plan->args == std::vector<std::string>{"sso", "login", "--profile", "modern", "--no-browser"});
  CHECK(plan->display == "aws sso login --profile modern --no-browser");
  REQUIRE(plan->notes.size() == 1);
  CHECK(plan->notes[0] == "profile \"modern\" uses sso-session \"my-sso\": \"aws sso login --sso-session my-sso\" "
                          "would log in every profile sharing it");

  // 2.9.19 rejects --use-device-code (exit 252 "Unknown options"): dropped with a note.
  r = request(AwsCliVersion{2, 9, 19});
  r.use_device_code = true;
  r.target.session.clear();
  plan = plan_sso_login(r);
  REQUIRE(plan.ok());
  CHECK(plan->args == std::vector<std::string>{"sso", "login", "--profile", "modern"});
  REQUIRE(plan->notes.size() == 1);
  CHECK(plan->notes[0] == "aws-cli/2.9.19 has no --use-device-code (it needs 2.22 or later) and uses the device "
                          "code flow anyway: flag dropped");

  r.version = AwsCliVersion{2, 22, 0};
  plan = plan_sso_login(r);
  REQUIRE(plan.ok());
  CHECK(plan->args.back() == "--use-device-code");
  CHECK(plan->notes.empty());

  r.version = std::nullopt;  // unknown version: pass what was asked
  r.program = "/opt/my aws/aws";
  r.target.requested_profile = "chained";
  plan = plan_sso_login(r);
  REQUIRE(plan.ok());
  CHECK(plan->display == "'/opt/my aws/aws' sso login --profile modern --use-device-code");
  REQUIRE(plan->notes.size() == 1);
  CHECK(plan->notes[0] == "profile \"chained\" takes its SSO settings from profile \"modern\"");
}

TEST_CASE("sso login: AWS CLI v1 has no sso login (aws.md 6.1)") {
  const auto plan = plan_sso_login(request(AwsCliVersion{1, 45, 11}));
  REQUIRE_FALSE(plan.ok());
  CHECK(plan.error().kind == ErrorKind::config);
  CHECK(plan.error().message == "SSO login needs AWS CLI v2: \"aws\" is aws-cli/1.45.11, which has no \"aws sso "
                                "login\"");
  CHECK(plan.error().hints == std::vector<std::string>{
                                  "install AWS CLI v2: "
                                  "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html"});
}

TEST_CASE("sso login: probe_aws_cli") {
  test::FakeProcessRunner fake;
  fake.expect_exit(0, "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off\n");
  fake.expect_outcome(ProcessResult::Outcome::not_found);
  fake.expect_outcome(ProcessResult::Outcome::spawn_failed, "permission denied");
  fake.expect_exit(0, "something else\n");
  const Env env(std::map<std::string, std::string>{{"PATH", "/usr/bin"}});

  AwsCliProbe p = probe_aws_cli("aws", env, fake);
  CHECK(p.found);
  REQUIRE(p.version.has_value());
  CHECK(p.version->to_string() == "2.9.19");
  CHECK(fake.calls()[0].args == std::vector<std::string>{"--version"});
  CHECK(test::env_value(fake.calls()[0], "PATH") == "/usr/bin");

  p = probe_aws_cli("aws", env, fake);
  CHECK_FALSE(p.found);
  CHECK(aws_cli_missing_error("aws", p).message == "the AWS CLI \"aws\": not found in PATH");
  p = probe_aws_cli("/opt/aws", env, fake);
  CHECK_FALSE(p.found);
  CHECK(p.problem == "permission denied");
  p = probe_aws_cli("aws", env, fake);
  CHECK(p.found);
  CHECK_FALSE(p.version.has_value());
  CHECK(fake.all_used());
}

}  // namespace
}  // namespace eks
