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
