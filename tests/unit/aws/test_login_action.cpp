#include <doctest/doctest.h>

#include <sstream>

#include "lib/aws/login_action.hpp"
#include "lib/util/timefmt.hpp"

TEST_CASE("login action: the contract's human form") {
  eks::LoginRequired o;
  o.context = "k8studio-sso@k8studio-auth-eks.us-east-1.eksctl.io";
  o.profile = "k8studio-sso";
  o.reason = eks::LoginReason::sso_token_expired;
  o.expired_at = eks::parse_rfc3339("2026-11-29T14:08:49Z");
  const auto now = *eks::parse_rfc3339("2026-11-29T16:08:49Z");
  std::ostringstream err;
  eks::print_login_required(err, o, now, false);
  CHECK(err.str() ==
        "AWS SSO login required for context \"k8studio-sso@k8studio-auth-eks.us-east-1.eksctl.io\"\n"
        "  profile \"k8studio-sso\": the SSO token expired 2h ago (2026-11-29T14:08:49Z)\n"
        "  → Login with AWS SSO:  eks-sso login --context k8studio-sso@k8studio-auth-eks.us-east-1.eksctl.io\n"
        "    (runs: aws sso login --profile k8studio-sso)\n");
}

TEST_CASE("login action: JSON, quoting, aws login profiles, --kubeconfig carried over") {
  eks::LoginRequired o;
  o.context = "my ctx";
  o.profile = "dev's";
  o.kubeconfig = "/tmp/k config";
  o.session = "my-sso";
  const auto j = eks::login_required_json(o);
  CHECK(j["status"] == "login_required");
  CHECK(j["reason"] == "sso_token_missing");
  CHECK(j["action"]["label"] == "Login with AWS SSO");
  CHECK(j["action"]["command"] == "eks-sso login --kubeconfig '/tmp/k config' --context 'my ctx'");
  CHECK(j["action"]["awsCommand"] == "aws sso login --profile 'dev'\\''s'");
  CHECK(j["session"] == "my-sso");
  CHECK_FALSE(j.contains("expiredAt"));

  o.aws_login = true;
  o.profile = "signin";
  CHECK(eks::aws_login_command(o) == "aws login --profile signin");
  CHECK(eks::login_required_json(o)["action"]["label"] == "Login with AWS");
  CHECK(eks::shell_quote("arn:aws:eks:us-east-1:1:cluster/x") == "arn:aws:eks:us-east-1:1:cluster/x");
  CHECK(eks::shell_quote("") == "''");
}

TEST_CASE("login action: single_quote quotes every word, ' included") {
  CHECK(eks::single_quote("abc") == "'abc'");
  CHECK(eks::single_quote("") == "''");
  CHECK(eks::single_quote("it's") == "'it'\\''s'");
  CHECK(eks::shell_quote("it's") == eks::single_quote("it's"));
}

TEST_CASE("login action: a role chain or a credential_process names the profile owning the SSO session") {
  eks::LoginRequired o;
  o.context = "prod";
  o.profile = "corp-sso";
  o.requested_profile = "prod-admin";
  o.via = "source_profile";
  const auto now = *eks::parse_rfc3339("2026-11-29T16:08:49Z");
  std::ostringstream err;
  eks::print_login_required(err, o, now, false);
  CHECK(err.str() ==
        "AWS SSO login required for context \"prod\"\n"
        "  profile \"corp-sso\": no SSO token is cached (never logged in, or logged out)\n"
        "  (the plugin's profile \"prod-admin\" gets its credentials from it via source_profile)\n"
        "  → Login with AWS SSO:  eks-sso login --context prod\n"
        "    (runs: aws sso login --profile corp-sso)\n");
  const auto j = eks::login_required_json(o);
  CHECK(j["profile"] == "corp-sso");
  CHECK(j["requestedProfile"] == "prod-admin");
  CHECK(j["via"] == "source_profile");
  CHECK(j["action"]["awsCommand"] == "aws sso login --profile corp-sso");

  // A credential_process whose command line names no profile: the process's own profile.
  eks::LoginRequired p;
  p.profile = "opaque";
  p.via = "credential_process";
  const auto pj = eks::login_required_json(p);
  CHECK(pj["via"] == "credential_process");
  CHECK_FALSE(pj.contains("requestedProfile"));
  std::ostringstream perr;
  eks::print_login_required(perr, p, now, false);
  CHECK(perr.str().find("  (profile \"opaque\" runs a credential_process whose SSO login is needed") !=
        std::string::npos);

  const eks::AwsFailure f = eks::classify_aws_stderr(
      "Error when retrieving credentials from custom-process: \nError loading SSO Token: Token for my-sso does "
      "not exist");
  const auto from = eks::login_required_from(f, "ctx", "opaque");
  REQUIRE(from.has_value());
  CHECK(from->via == "credential_process");
  CHECK(from->profile == "opaque");
}
