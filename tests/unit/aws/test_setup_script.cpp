#include <doctest/doctest.h>

#include "lib/aws/setup_script.hpp"

namespace {

eks::SetupValues sample() {
  eks::SetupValues v;
  v.cluster = "k8studio-auth-eks";
  v.region = "us-east-1";
  v.account = "111122223333";
  v.start_url = "https://d-9067example.awsapps.com/start";
  v.group = "eks users";
  v.profile = "k8studio-sso";
  v.admin_profile = "cloudops";
  return v;
}

}  // namespace

TEST_CASE("setup script: defaults filled, values quoted, steps in guide order") {
  auto v = eks::validate_setup_values(sample());
  REQUIRE(v);
  CHECK(v->sso_region == "us-east-1");
  CHECK(v->sso_session == "k8studio-sso");
  CHECK(v->context == "k8studio-sso@k8studio-auth-eks");
  const std::string s = eks::setup_script(*v);
  CHECK(s.rfind("#!/usr/bin/env bash\n", 0) == 0);
  CHECK(s.find("set -euo pipefail\n") != std::string::npos);
  CHECK(s.find("CLUSTER='k8studio-auth-eks'\n") != std::string::npos);
  CHECK(s.find("PRINCIPAL_TYPE='GROUP'\nPRINCIPAL_NAME='eks users'\n") != std::string::npos);
  CHECK(s.find("ADMIN_PROFILE='cloudops'\n") != std::string::npos);
  size_t last = 0;
  for (const char* step : {"1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7"}) {
    const size_t at = s.find(std::string("say \"") + step);
    REQUIRE(at != std::string::npos);
    CHECK(at > last);
    last = at;
  }
  CHECK(s.find("exec eks-sso doctor --context \"$CONTEXT\"") != std::string::npos);
  CHECK(s.find("aws sso login --profile") != std::string::npos);
  // Never runs the login itself: the only mention is in messages.
  CHECK(s.find("\naws sso login") == std::string::npos);
  CHECK(s.find("aws configure sso") == std::string::npos);
}

TEST_CASE("setup script: user instead of group; each step looks before it creates") {
  auto in = sample();
  in.group.clear();
  in.user = "jane.doe@example.com";
  auto v = eks::validate_setup_values(in);
  REQUIRE(v);
  const std::string s = eks::setup_script(*v);
  CHECK(s.find("PRINCIPAL_TYPE='USER'\n") != std::string::npos);
  for (const auto& [look, create] : std::vector<std::pair<std::string, std::string>>{
           {"list-permission-sets", "create-permission-set"},
           {"list-groups", "create-group"},
           {"list-account-assignments", "create-account-assignment"},
           {"list-permission-sets-provisioned-to-account", "provision-permission-set"},
           {"describe-access-entry", "create-access-entry"},
           {"list-associated-access-policies", "associate-access-policy"},
           {"accessConfig.authenticationMode", "update-cluster-config"}}) {
    CAPTURE(create);
    REQUIRE(s.find(look) != std::string::npos);
    CHECK(s.find(look) < s.find(create));
  }
}

TEST_CASE("setup script: bad values are usage errors naming the flag") {
  const auto err = [](auto mutate) {
    auto v = sample();
    mutate(v);
    auto r = eks::validate_setup_values(v);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == eks::ErrorKind::usage);
    return r.error().message;
  };
  CHECK(err([](auto& v) { v.account = "1234"; }).find("--account") != std::string::npos);
  CHECK(err([](auto& v) { v.region = "mars"; }).find("--region") != std::string::npos);
  CHECK(err([](auto& v) { v.start_url = "http://x"; }).find("--start-url") != std::string::npos);
  CHECK(err([](auto& v) { v.user = "x"; }).find("exactly one of --group and --user") != std::string::npos);
  CHECK(err([](auto& v) { v.cluster.clear(); }).find("--cluster is required") != std::string::npos);
  CHECK(err([](auto& v) { v.group = "a\nb"; }).find("--group") != std::string::npos);
  CHECK(err([](auto& v) { v.group = "a\x7f"; }).find("--group") != std::string::npos);
  CHECK(err([](auto& v) { v.group = "\xff"; }).find("--group") != std::string::npos);
  CHECK(err([](auto& v) {
          v.group.clear();
          v.user = "jane doe";
        }).find("--user") != std::string::npos);
  CHECK(err([](auto& v) { v.access_policy = "AdminView"; }).find("--access-policy") != std::string::npos);
  CHECK(err([](auto& v) { v.permission_set = std::string(40, 'a'); }).find("--permission-set") != std::string::npos);
}

TEST_CASE("setup script: a name with a space, quotes, $ and a backslash stays one quoted value") {
  auto in = sample();
  in.group = R"(Platform team's "EKS" $HOME \n)";
  auto v = eks::validate_setup_values(in);
  REQUIRE(v);
  const std::string s = eks::setup_script(*v);
  CHECK(s.find(R"(PRINCIPAL_NAME='Platform team'\''s "EKS" $HOME \n')"
               "\n") != std::string::npos);
  // The filter is JSON (the CLI's shorthand would split at , and =), its quotes escaped for JSON.
  CHECK(
      s.find(
          R"(PRINCIPAL_FILTER='[{"AttributePath":"DisplayName","AttributeValue":"Platform team'\''s \"EKS\" $HOME \\n"}]')"
          "\n") != std::string::npos);
  CHECK(s.find("--filters \"$PRINCIPAL_FILTER\"") != std::string::npos);
  // $ in a value: shellcheck is told the single quotes are meant (SC2016), for that line only.
  CHECK(s.find("# shellcheck disable=SC2016\nPRINCIPAL_NAME=") != std::string::npos);
  CHECK(s.find("# shellcheck disable=SC2016\nCLUSTER=") == std::string::npos);
}

TEST_CASE("setup script: every failure names its step") {
  auto v = eks::validate_setup_values(sample());
  REQUIRE(v);
  const std::string s = eks::setup_script(*v);
  CHECK(s.find("set -E ") != std::string::npos);
  CHECK(s.find("trap 'die \"$STEP\" ") != std::string::npos);
  CHECK(s.find("printf 'setup-script: step %s failed: %s\\n'") != std::string::npos);
  CHECK(s.find("exec eks-sso doctor --context \"$CONTEXT\"") != std::string::npos);
}
