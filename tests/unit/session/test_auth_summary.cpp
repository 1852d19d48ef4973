#include <doctest/doctest.h>

#include "lib/session/auth_summary.hpp"
#include "support/kube_test_support.hpp"

using eks::Env;

using eks::test::aws_user;

TEST_CASE("auth summary: AWS profile, region and cluster from the plugin's args and env") {
  const std::vector<std::string> args{"--region", "us-east-1", "eks", "get-token", "--cluster-name", "demo"};
  auto s = eks::summarize_auth(aws_user(args, {{"AWS_PROFILE", "k8studio-sso"}}), Env(std::map<std::string, std::string>{{"AWS_PROFILE", "host"}}));
  CHECK(s.type == "exec");
  CHECK(s.plugin == eks::PluginKind::aws_cli);
  CHECK(s.profile == "k8studio-sso");
  CHECK(s.profile_source == "exec env AWS_PROFILE");
  CHECK(s.region == "us-east-1");
  CHECK(s.cluster_name == "demo");

  auto with_flag = args;
  with_flag.insert(with_flag.end(), {"--profile", "flagged"});
  s = eks::summarize_auth(aws_user(with_flag, {{"AWS_PROFILE", "k8studio-sso"}}), Env());
  CHECK(s.profile == "flagged");
  CHECK(s.profile_source == "--profile");

  // v2: AWS_PROFILE beats AWS_DEFAULT_PROFILE; v1 the reverse.
  const Env both({{"AWS_PROFILE", "p"}, {"AWS_DEFAULT_PROFILE", "dp"}});
  CHECK(eks::summarize_auth(aws_user(args, {}), both, 2).profile == "p");
  CHECK(eks::summarize_auth(aws_user(args, {}), both, 1).profile == "dp");
  CHECK(eks::summarize_auth(aws_user(args, {}), both).profile_source == "environment AWS_PROFILE");
  CHECK(eks::summarize_auth(aws_user(args, {}), Env()).profile == "default");

  s = eks::summarize_auth(aws_user(args, {{"AWS_PROFILE", "x"}}),
                          Env(std::map<std::string, std::string>{{"AWS_ACCESS_KEY_ID", "AKIA"}, {"AWS_SECRET_ACCESS_KEY", "s"}}));
  CHECK(s.env_static_keys);

  eks::AuthInfo tok = aws_user(args, {});
  tok.token = "t";
  CHECK(eks::summarize_auth(tok, Env()).type == "token");
  eks::AuthInfo none;
  CHECK(eks::summarize_auth(none, Env()).type == "none");
}
