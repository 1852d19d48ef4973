// RecordingProcessRunner and starts_login: what logout-test reports as "processes" and "loginStarted".
#include <doctest/doctest.h>

#include "lib/os/recording_runner.hpp"
#include "support/fake_process_runner.hpp"

namespace eks {
namespace {

TEST_CASE("recording runner: records argv and outcome, passes the spec on") {
  test::FakeProcessRunner fake;
  fake.expect_exit(255, "", "\nError loading SSO Token: Token for dev does not exist\n");
  fake.expect_outcome(ProcessResult::Outcome::not_found);
  RecordingProcessRunner rec(fake);
  ProcessSpec a;
  a.program = "aws";
  a.args = {"eks", "get-token", "--cluster-name", "demo"};
  a.env = {"AWS_PROFILE=dev"};
  const ProcessResult r = rec.run(a);
  CHECK(r.exit_code == 255);
  CHECK(r.err == "\nError loading SSO Token: Token for dev does not exist\n");
  ProcessSpec b;
  b.program = "/opt/aws";
  b.args = {"--version"};
  CHECK(rec.run(b).outcome == ProcessResult::Outcome::not_found);

  REQUIRE(rec.processes().size() == 2);
  CHECK(rec.processes()[0].argv == std::vector<std::string>{"aws", "eks", "get-token", "--cluster-name", "demo"});
  CHECK(rec.processes()[0].exit_code == 255);
  CHECK(rec.processes()[1].argv == std::vector<std::string>{"/opt/aws", "--version"});
  CHECK(rec.processes()[1].outcome == ProcessResult::Outcome::not_found);
  REQUIRE(fake.calls().size() == 2);
  CHECK(test::env_value(fake.calls()[0], "AWS_PROFILE") == "dev");
  CHECK(fake.all_used());
  CHECK_FALSE(rec.login_started());
}

TEST_CASE("recording runner: starts_login") {
  using Argv = std::vector<std::string>;
  CHECK(starts_login(Argv{"aws", "sso", "login", "--profile", "dev"}));
  CHECK(starts_login(Argv{"/usr/bin/aws", "--region", "us-east-1", "sso", "login"}));
  CHECK(starts_login(Argv{"aws", "login", "--profile", "dev"}));
  CHECK(starts_login(Argv{"aws", "configure", "sso"}));
  CHECK(starts_login(Argv{"aws2", "sso", "login", "--sso-session", "s"}));
  CHECK_FALSE(starts_login(Argv{"aws", "sso", "logout", "--profile", "dev"}));
  CHECK_FALSE(starts_login(Argv{"aws", "eks", "get-token", "--cluster-name", "login-cluster"}));
  CHECK_FALSE(starts_login(Argv{"aws", "--version"}));
  CHECK_FALSE(starts_login(Argv{"aws", "configure", "sso-session"}));
  CHECK_FALSE(starts_login(Argv{"kubelogin", "login"}));  // not the AWS CLI
  CHECK_FALSE(starts_login(Argv{}));

  test::FakeProcessRunner fake;
  fake.expect_exit(0, "");
  RecordingProcessRunner rec(fake);
  ProcessSpec s;
  s.program = "aws";
  s.args = {"sso", "login", "--profile", "dev"};
  (void)rec.run(s);
  CHECK(rec.login_started());
}

}  // namespace
}  // namespace eks
