#include <doctest/doctest.h>

#include <memory>

#include "lib/session/contexts_view.hpp"
#include "lib/session/wrapper.hpp"
#include "support/kube_test_support.hpp"

namespace {

eks::ExecConfig wrapper_exec(std::string command, std::vector<std::string> args) {
  eks::ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1beta1";
  e.command = e.command_as_written = std::move(command);
  e.args = std::move(args);
  return e;
}

std::shared_ptr<const eks::Kubeconfig> config_with_wrapper(std::vector<std::string> wrapper_args) {
  eks::Kubeconfig cfg;
  cfg.current_context = "w";
  cfg.clusters["c"] = eks::Cluster{"c", "https://s", "", "", false, "", "", false, {}, "/k"};
  eks::AuthInfo real = eks::test::aws_user({"eks", "get-token", "--cluster-name", "demo", "--region", "eu-west-1"},
                                           {{"AWS_PROFILE", "p"}});
  real.name = "real";
  cfg.users["real"] = real;
  eks::AuthInfo w;
  w.name = "wrap";
  w.exec = wrapper_exec("/usr/local/bin/eks-sso", std::move(wrapper_args));
  cfg.users["wrap"] = w;
  cfg.contexts["plain"] = eks::Context{"plain", "c", "real", "", "/k"};
  cfg.contexts["w"] = eks::Context{"w", "c", "wrap", "", "/k"};
  return std::make_shared<const eks::Kubeconfig>(std::move(cfg));
}

}  // namespace

TEST_CASE("wrapper: parse_wrapper recognises eks-sso credential in both flag forms") {
  auto a = eks::parse_wrapper(wrapper_exec("eks-sso", {"--kubeconfig", "/k.yaml", "--context", "prod", "credential"}));
  REQUIRE(a);
  CHECK(a->kubeconfig == "/k.yaml");
  CHECK(a->context == "prod");
  auto b = eks::parse_wrapper(wrapper_exec("/bin/kubectl-eks_sso", {"--context=prod", "credential", "--no-cache"}));
  REQUIRE(b);
  CHECK(b->context == "prod");
  CHECK(b->kubeconfig.empty());
  CHECK_FALSE(eks::parse_wrapper(wrapper_exec("eks-sso", {"doctor"})));
  CHECK_FALSE(eks::parse_wrapper(wrapper_exec("aws", {"eks", "get-token", "credential"})));
  // A context literally named "credential" is a flag value, not the subcommand.
  CHECK_FALSE(eks::parse_wrapper(wrapper_exec("eks-sso", {"--context", "credential"})));
}

TEST_CASE("wrapper: follow_wrapper finds the wrapped user in the same kubeconfig") {
  const auto cfg = config_with_wrapper({"--context", "plain", "credential"});
  eks::KubeconfigSources sources;
  sources.kubeconfig_env = "/k";
  eks::Env env;
  env.set("KUBECONFIG", "/k");
  auto got = eks::follow_wrapper(*cfg->users.at("wrap").exec, "wrap", cfg, sources, env);
  REQUIRE(got);
  CHECK(got->context == "plain");
  CHECK(got->user->name == "real");
  CHECK(got->config == cfg);  // not loaded again

  // The contexts view shows the wrapped user's profile, region and cluster.
  auto entries = eks::list_contexts(*cfg, env);
  CHECK(entries[1].sso.state == "not-sso");  // before following: eks-sso is not an AWS plugin
  eks::follow_wrapper_entries(entries, cfg, sources, env);
  REQUIRE(entries[1].name == "w");
  CHECK(entries[1].auth.profile == "p");
  CHECK(entries[1].auth.region == "eu-west-1");
  CHECK(entries[1].auth.cluster_name == "demo");
  CHECK(entries[1].auth.wrapped_context == "plain");
  CHECK(entries[1].sso.state == "unknown");  // to be filled from the AWS files
  REQUIRE(entries[1].plugin_env);
  CHECK(entries[1].plugin_env->get("AWS_PROFILE") == "p");
  CHECK(eks::context_to_json(entries[1])["auth"]["wraps"]["user"] == "real");
}

TEST_CASE("wrapper: a wrapper of a wrapper and an unknown context are errors naming the wrapper") {
  eks::KubeconfigSources sources;
  sources.kubeconfig_env = "/k";
  eks::Env env;
  env.set("KUBECONFIG", "/k");
  const auto loop = config_with_wrapper({"--context", "w", "credential"});
  auto a = eks::follow_wrapper(*loop->users.at("wrap").exec, "wrap", loop, sources, env);
  REQUIRE_FALSE(a);
  CHECK(a.error().kind == eks::ErrorKind::config);
  CHECK(a.error().message.find("cannot wrap itself") != std::string::npos);
  const auto missing = config_with_wrapper({"--context", "nope", "credential"});
  auto b = eks::follow_wrapper(*missing->users.at("wrap").exec, "wrap", missing, sources, env);
  REQUIRE_FALSE(b);
  CHECK(b.error().message.find("the user \"wrap\" runs eks-sso credential") == 0);
  auto entries = eks::list_contexts(*missing, env);
  eks::follow_wrapper_entries(entries, missing, sources, env);
  CHECK(entries[1].sso.state == "unknown");
}
