#include <doctest/doctest.h>

#include "lib/kube/kubeconfig.hpp"
#include "support/temp_dir.hpp"

using eks::ErrorKind;
using eks::KubeconfigSources;
using eks::load_kubeconfig;
using eks::parse_kubeconfig;
using eks::select_context;
using eks::test::TempDir;

namespace {

constexpr const char* k_first = R"(apiVersion: v1
kind: Config
current-context: ctx-first
clusters:
- name: shared
  cluster:
    server: https://first.example:443
    certificate-authority: certs/ca.crt
users:
- name: shared-user
  user:
    token: tok-ok
contexts:
- name: ctx-first
  context: {cluster: shared, user: shared-user}
)";

constexpr const char* k_second = R"(apiVersion: v1
kind: Config
current-context: ctx-second
clusters:
- name: shared
  cluster:
    server: https://second.example:443
- name: only-second
  cluster:
    server: https://only.example
users:
- name: shared-user
  user:
    token: tok-403
    as: someone
contexts:
- name: ctx-second
  context: {cluster: only-second, user: shared-user, namespace: team-x}
)";

constexpr const char* k_no_current = R"(clusters:
- name: c
  cluster: {server: https://c.example}
contexts:
- name: ctx-nocur
  context: {cluster: c, user: u}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./plugins/relplugin
      args: [--region, us-east-1]
      env: [{name: AWS_PROFILE, value: dev-sso}]
      installHint: install it
      provideClusterInfo: true
      interactiveMode: Never
)";

}  // namespace

TEST_CASE("kubeconfig: first file wins per name; current-context from the first file that sets one") {
  TempDir dir;
  const auto a = dir.write("a/first.yaml", k_first);
  const auto b = dir.write("b/second.yaml", k_second);
  const auto n = dir.write("nocur.yaml", k_no_current);

  KubeconfigSources src;
  src.kubeconfig_env = a.string() + ":" + b.string();
  auto cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->current_context == "ctx-first");
  CHECK(cfg->clusters.at("shared").server == "https://first.example:443");
  CHECK(cfg->clusters.at("shared").origin == a);
  CHECK(cfg->clusters.at("only-second").server == "https://only.example");
  CHECK(cfg->users.at("shared-user").token == "tok-ok");
  CHECK(cfg->contexts.size() == 2);
  CHECK(cfg->files.size() == 2);

  src.kubeconfig_env = b.string() + ":" + a.string();
  cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->current_context == "ctx-second");
  CHECK(cfg->clusters.at("shared").server == "https://second.example:443");
  CHECK(cfg->users.at("shared-user").token == "tok-403");

  src.kubeconfig_env = n.string() + ":" + b.string();
  cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->current_context == "ctx-second");
  CHECK(cfg->current_context_origin == b);
}

TEST_CASE("kubeconfig: KUBECONFIG list drops duplicates and empty elements, skips missing files") {
  TempDir dir;
  const auto a = dir.write("first.yaml", k_first);
  KubeconfigSources src;
  src.kubeconfig_env = "::" + (dir.path() / "missing.yaml").string() + ":" + a.string() + ":" + a.string() + ":";
  const auto paths = eks::kubeconfig_paths(src);
  REQUIRE(paths.size() == 2);
  CHECK(paths[0] == dir.path() / "missing.yaml");
  CHECK(paths[1] == a);
  auto cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->files.size() == 1);
  CHECK(cfg->current_context == "ctx-first");

  src.kubeconfig_env = (dir.path() / "nope1").string() + ":" + (dir.path() / "nope2").string();
  cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->contexts.empty());
  CHECK(cfg->files.empty());
}

TEST_CASE("kubeconfig: sources precedence") {
  KubeconfigSources src;
  src.home = "/home/u";
  CHECK(eks::kubeconfig_paths(src) == std::vector<std::filesystem::path>{"/home/u/.kube/config"});
  src.kubeconfig_env = "";
  CHECK(eks::kubeconfig_paths(src) == std::vector<std::filesystem::path>{"/home/u/.kube/config"});
  src.kubeconfig_env = "/x:/y";
  CHECK(eks::kubeconfig_paths(src).size() == 2);
  src.explicit_path = "/only";
  CHECK(eks::kubeconfig_paths(src) == std::vector<std::filesystem::path>{"/only"});
}

TEST_CASE("kubeconfig: a missing --kubeconfig file is a config error; a missing default is empty") {
  TempDir dir;
  KubeconfigSources src;
  src.explicit_path = dir.path() / "does-not-exist.yaml";
  src.kubeconfig_env = (dir.path() / "ignored.yaml").string();
  auto cfg = load_kubeconfig(src);
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.error().kind == ErrorKind::config);
  CHECK(cfg.error().message == "kubeconfig " + (dir.path() / "does-not-exist.yaml").string() + " does not exist");

  KubeconfigSources home_only;
  home_only.home = dir.path();
  cfg = load_kubeconfig(home_only);
  REQUIRE(cfg.ok());
  CHECK(cfg->contexts.empty());
}

TEST_CASE("kubeconfig: an empty file is an empty config; a directory is an error") {
  TempDir dir;
  const auto empty = dir.write("empty.yaml", "");
  KubeconfigSources src;
  src.explicit_path = empty;
  auto cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->contexts.empty());
  CHECK(cfg->current_context.empty());

  src.explicit_path = dir.path();
  cfg = load_kubeconfig(src);
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.error().message == "cannot read kubeconfig " + dir.path().string() + ": is a directory");
}

TEST_CASE("kubeconfig: relative paths resolve against the defining file's folder; no ~ expansion") {
  TempDir dir;
  const auto a = dir.write("cfg/first.yaml", k_first);
  const auto n = dir.write("cfg/sub/nocur.yaml", k_no_current);
  KubeconfigSources src;
  src.kubeconfig_env = a.string() + ":" + n.string();
  auto cfg = load_kubeconfig(src);
  REQUIRE(cfg.ok());
  CHECK(cfg->clusters.at("shared").certificate_authority == (dir.path() / "cfg/certs/ca.crt").string());
  const auto& exec = *cfg->users.at("u").exec;
  CHECK(exec.command == (dir.path() / "cfg/sub/plugins/relplugin").string());
  CHECK(exec.command_as_written == "./plugins/relplugin");
  CHECK(exec.env.size() == 1);
  CHECK(exec.env[0].name == "AWS_PROFILE");
  CHECK(exec.install_hint == "install it");
  CHECK(exec.provide_cluster_info);
  CHECK(exec.interactive_mode == "Never");

  auto tilde = parse_kubeconfig("clusters:\n- name: c\n  cluster:\n    certificate-authority: ~/ca.crt\n",
                                dir.path() / "t.yaml");
  REQUIRE(tilde.ok());
  CHECK(tilde->clusters.at("c").certificate_authority == (dir.path() / "~/ca.crt").string());

  auto bare = parse_kubeconfig("users:\n- name: u\n  user:\n    exec: {apiVersion: x, command: aws}\n", "/k/t.yaml");
  REQUIRE(bare.ok());
  CHECK(bare->users.at("u").exec->command == "aws");
}

TEST_CASE("kubeconfig: malformed YAML and wrong shapes name file:line:col") {
  auto bad = parse_kubeconfig("clusters:\n- name: a\n  cluster: {server: x\n", "cfg/malformed.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == ErrorKind::config);
  // libyaml's problem text, as kubectl prints it ("yaml: line 3: did not find expected ',' or '}'").
  CHECK(bad.error().message == "cfg/malformed.yaml:4:1: did not find expected ',' or '}'");

  auto list = parse_kubeconfig("apiVersion: v1\nclusters: \"oops\"\n", "k.yaml");
  REQUIRE_FALSE(list.ok());
  CHECK(list.error().message == "k.yaml:2:11: \"clusters\" must be a list, got a scalar");

  auto scalar = parse_kubeconfig("just text\n", "k.yaml");
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.error().message.rfind("k.yaml:1:1: a kubeconfig must be a mapping", 0) == 0);

  auto dup = parse_kubeconfig("contexts:\n- name: a\n  context: {}\n- name: a\n  context: {}\n", "k.yaml");
  REQUIRE_FALSE(dup.ok());
  // client-go conversion.go Convert_Slice_v1_NamedContext_To_Map_string_To_Pointer_api_Context; kubectl 1.32 wording
  CHECK(dup.error().message == "k.yaml:4:3: error converting *[]NamedContext into *map[string]*api.Context: duplicate name \"a\" in list");

  auto b64 = parse_kubeconfig("clusters:\n- name: c\n  cluster:\n    certificate-authority-data: \"not*base64\"\n",
                              "k.yaml");
  REQUIRE_FALSE(b64.ok());
  CHECK(b64.error().message ==
        "k.yaml:4:33: \"certificate-authority-data\" is not valid base64 (illegal base64 data at input byte 3)");

  auto boolean = parse_kubeconfig("clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: maybe\n", "k.yaml");
  REQUIRE_FALSE(boolean.ok());
  CHECK(boolean.error().message == "k.yaml:4:31: \"insecure-skip-tls-verify\" must be true or false, got \"maybe\"");
}

TEST_CASE("kubeconfig: one malformed file breaks the load even after a good one") {
  TempDir dir;
  const auto good = dir.write("good.yaml", k_first);
  const auto bad = dir.write("bad.yaml", "clusters: [\n");
  KubeconfigSources src;
  src.kubeconfig_env = good.string() + ":" + bad.string();
  auto cfg = load_kubeconfig(src);
  REQUIRE_FALSE(cfg.ok());
  CHECK(cfg.error().message.rfind(bad.string() + ":", 0) == 0);
}

TEST_CASE("kubeconfig: context selection and its errors") {
  auto cfg = parse_kubeconfig(k_first, "/k/first.yaml");
  REQUIRE(cfg.ok());
  auto sel = select_context(*cfg, "");
  REQUIRE(sel.ok());
  CHECK(sel->context->name == "ctx-first");
  CHECK(sel->cluster->server == "https://first.example:443");
  CHECK(sel->user->token == "tok-ok");

  auto nope = select_context(*cfg, "nope");
  REQUIRE_FALSE(nope.ok());
  CHECK(nope.error().kind == ErrorKind::config);
  CHECK(nope.error().message == "context \"nope\" does not exist in /k/first.yaml");
  REQUIRE(nope.error().hints.size() == 2);
  CHECK(nope.error().hints[0] == "available contexts: \"ctx-first\"");
  CHECK(nope.error().hints[1] == "list them with their AWS profile and SSO state: eks-sso contexts");

  cfg->current_context = "ghost";
  auto ghost = select_context(*cfg, "");
  REQUIRE_FALSE(ghost.ok());
  CHECK(ghost.error().message == "current-context \"ghost\" (set in /k/first.yaml) does not exist in /k/first.yaml");

  cfg->current_context.clear();
  auto unset = select_context(*cfg, "");
  REQUIRE_FALSE(unset.ok());
  CHECK(unset.error().message == "no context selected: current-context is not set (/k/first.yaml)");

  auto dangling = parse_kubeconfig("contexts:\n- name: x\n  context: {cluster: gone, user: u}\n", "/k/d.yaml");
  REQUIRE(dangling.ok());
  auto d = select_context(*dangling, "x");
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message == "context \"x\" refers to cluster \"gone\", which does not exist in /k/d.yaml");
}

TEST_CASE("kubeconfig: every field later issues need is parsed") {
  auto cfg = parse_kubeconfig(R"(clusters:
- name: c
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: Zm9v
    insecure-skip-tls-verify: true
    tls-server-name: localhost
    proxy-url: http://127.0.0.1:3128
    disable-compression: true
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: sts.amazonaws.com, clusterName: dev, region: us-west-2}
users:
- name: u
  user:
    client-certificate: c.crt
    client-key-data: Zm9v
    tokenFile: tok.txt
    auth-provider: {name: oidc, config: {idp-issuer-url: https://x}}
)",
                              "/k/all.yaml");
  REQUIRE(cfg.ok());
  const auto& c = cfg->clusters.at("c");
  CHECK(c.certificate_authority_data == "Zm9v");
  CHECK(c.insecure_skip_tls_verify);
  CHECK(c.tls_server_name == "localhost");
  CHECK(c.proxy_url == "http://127.0.0.1:3128");
  CHECK(c.disable_compression);
  CHECK(c.extensions.at("client.authentication.k8s.io/exec")["clusterName"] == "dev");
  const auto& u = cfg->users.at("u");
  CHECK(u.client_certificate == "/k/c.crt");
  CHECK(u.client_key_data == "Zm9v");
  CHECK(u.token_file == "/k/tok.txt");
  REQUIRE(u.auth_provider.has_value());
  CHECK(u.auth_provider->name == "oidc");
}

// client-go clientcmd/api/v1 AuthInfo: as, as-uid, as-groups, as-user-extra (loader_test.go
// round-trips them; client_config_test.go TestFullImpersonateConfig reads them).
TEST_CASE("kubeconfig: impersonation fields") {
  auto cfg = parse_kubeconfig(R"(users:
- name: u
  user:
    token: t
    as: alice
    as-uid: abc123
    as-groups: [group-1, group-2]
    as-user-extra:
      some-key: [some-value, other]
      empty:
)",
                              "k.yaml");
  REQUIRE(cfg.ok());
  const eks::AuthInfo& u = cfg->users.at("u");
  CHECK(u.impersonate == "alice");
  CHECK(u.impersonate_uid == "abc123");
  CHECK(u.impersonate_groups == std::vector<std::string>{"group-1", "group-2"});
  CHECK(u.impersonate_user_extra.at("some-key") == std::vector<std::string>{"some-value", "other"});
  CHECK(u.impersonate_user_extra.at("empty").empty());
  CHECK(u.impersonates());
  auto bad = parse_kubeconfig("users:\n- name: u\n  user:\n    as-user-extra: [a]\n", "k.yaml");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "k.yaml:4:20: \"as-user-extra\" must be a mapping of lists of strings, got a list");
}

// loader_test.go TestDuplicateClusterName / TestDuplicateContextName / TestDuplicateUserName,
// with kubectl 1.32's text (the list dump it appends is left out: it holds secrets).
TEST_CASE("kubeconfig: duplicate names in each named list") {
  auto users = parse_kubeconfig("users:\n- name: a\n  user: {}\n- name: a\n  user: {}\n", "k.yaml");
  REQUIRE_FALSE(users.ok());
  CHECK(users.error().message ==
        "k.yaml:4:3: error converting *[]NamedAuthInfo into *map[string]*api.AuthInfo: duplicate name \"a\" in list");
  auto clusters = parse_kubeconfig("clusters:\n- name: c\n  cluster: {}\n- name: c\n  cluster: {}\n", "k.yaml");
  REQUIRE_FALSE(clusters.ok());
  CHECK(clusters.error().message ==
        "k.yaml:4:3: error converting *[]NamedCluster into *map[string]*api.Cluster: duplicate name \"c\" in list");
  CHECK(clusters.error().hints.empty());  // one line, like every malformed-file error
}
