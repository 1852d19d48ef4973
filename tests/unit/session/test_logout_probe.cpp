// The throwaway home, the isolated context and the "why a credential without SSO" reasons of
// logout-test (guide step 10).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include "support/aws_test_support.hpp"
#include "lib/session/logout_probe.hpp"

namespace eks {
namespace {

namespace fs = std::filesystem;

// One context per user kind; the kubeconfig is written as aws eks update-kubeconfig does.
constexpr std::string_view k_kubeconfig = R"(apiVersion: v1
kind: Config
current-context: sso
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1"}
- name: arn:aws:eks:eu-west-1:123456789012:cluster/prod
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: prod-token
  context: {cluster: "arn:aws:eks:eu-west-1:123456789012:cluster/prod", user: token}
- name: sso
  context: {cluster: c, user: sso}
- name: static
  context: {cluster: c, user: static}
- name: envkeys
  context: {cluster: c, user: envkeys}
- name: token
  context: {cluster: c, user: token}
- name: other
  context: {cluster: c, user: other}
- name: custom
  context: {cluster: c, user: custom}
users:
- name: sso
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]
      env: [{name: AWS_PROFILE, value: modern}]
- name: static
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, demo, --profile, static]
- name: envkeys
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, demo]
      env: [{name: AWS_PROFILE, value: modern}, {name: AWS_ACCESS_KEY_ID, value: AKIA}, {name: AWS_SECRET_ACCESS_KEY, value: s}]
- name: token
  user: {token: abc}
- name: other
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token]}
- name: custom
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, demo]
      env: [{name: HOME, value: /home/other}, {name: AWS_CONFIG_FILE, value: "~/cfg"}]
)";

constexpr std::string_view k_aws_config = R"([profile modern]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
)";

struct Fixture {
  test::TempDir tmp;
  Env env{std::map<std::string, std::string>{{"HOME", "/home/u"}, {"PATH", "/usr/bin"}}};
  Fixture() { test::write_file(tmp.path() / "kubeconfig", k_kubeconfig); }
  ContextAccess open(std::string_view name) {
    KubeconfigSources s;
    s.explicit_path = (tmp.path() / "kubeconfig").string();
    s.home = "/home/u";
    auto a = open_context(s, name, env);
    REQUIRE(a.ok());
    return *a;
  }
  static Result<AwsConfig> aws() {
    auto c = parse_aws_ini(k_aws_config, "/home/u/.aws/config", FileKind::config);
    auto k = parse_aws_ini("[static]\naws_access_key_id = AKIA\naws_secret_access_key = s\n",
                           "/home/u/.aws/credentials", FileKind::credentials);
    AwsConfig out = build_aws_config(*c, *k);
    out.config_path = "/home/u/.aws/config";
    out.credentials_path = "/home/u/.aws/credentials";
    return out;
  }
};

std::string exec_env(const ContextAccess& a, const std::string& name) {
  return plugin_environment(*a.selection.user->exec, Env{}).get_or_empty(name);
}

TEST_CASE("logout probe: throwaway home") {
  test::TempDir tmp;
  fs::path where;
  {
    auto home = ThrowawayHome::create(Env(std::map<std::string, std::string>{{"TMPDIR", tmp.path().string()}}));
    REQUIRE(home.ok());
    where = (*home)->path();
    CHECK(where.parent_path() == tmp.path());
    CHECK(where.filename().string().rfind("eks-sso-logout-test-", 0) == 0);
    struct stat st {};
    REQUIRE(::stat(where.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(fs::is_directory(where / ".aws" / "sso" / "cache"));
    CHECK(fs::is_empty(where / ".aws" / "sso" / "cache"));
    CHECK_FALSE(fs::exists(where / ".aws" / "cli"));
    test::write_file(where / ".aws" / "cli" / "cache" / "x.json", "{}");  // what a plugin may leave
  }
  CHECK_FALSE(fs::exists(where));  // removed with its contents

  auto bad = ThrowawayHome::create(Env(std::map<std::string, std::string>{{"TMPDIR", "/nonexistent/dir"}}));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message ==
        "cannot create a throwaway home in \"/nonexistent/dir\": No such file or directory");
}

TEST_CASE("logout probe: isolate_access keeps the real AWS files and swaps HOME") {
  Fixture f;
  const ContextAccess sso = f.open("sso");
  const IsolatedAccess iso = isolate_access(sso, f.env, "/home/u", "/tmp/fake");
  CHECK(iso.real_paths.config == "/home/u/.aws/config");
  CHECK(iso.real_paths.credentials == "/home/u/.aws/credentials");
  CHECK(exec_env(iso.access, "HOME") == "/tmp/fake");
  CHECK(exec_env(iso.access, "AWS_CONFIG_FILE") == "/home/u/.aws/config");
  CHECK(exec_env(iso.access, "AWS_SHARED_CREDENTIALS_FILE") == "/home/u/.aws/credentials");
  CHECK(exec_env(iso.access, "AWS_PROFILE") == "modern");  // the rest of the exec env stays
  CHECK(iso.access.selection.user == iso.user.get());
  CHECK(sso.selection.user->exec->env.size() == 1);  // the original is untouched
  CHECK(iso.access.selection.user->exec->args == sso.selection.user->exec->args);

  // The process env's AWS_CONFIG_FILE (with ~) is resolved against the real home.
  f.env.set("AWS_CONFIG_FILE", "~/work/aws-config");
  const IsolatedAccess iso2 = isolate_access(sso, f.env, "/home/u", "/tmp/fake");
  CHECK(exec_env(iso2.access, "AWS_CONFIG_FILE") == "/home/u/work/aws-config");

  // An exec env HOME and AWS_CONFIG_FILE are the plugin's real ones; ours come later and win.
  const ContextAccess custom = f.open("custom");
  const IsolatedAccess iso3 = isolate_access(custom, f.env, "/home/u", "/tmp/fake");
  CHECK(iso3.real_paths.config == "/home/other/cfg");
  CHECK(iso3.real_paths.credentials == "/home/other/.aws/credentials");
  CHECK(exec_env(iso3.access, "HOME") == "/tmp/fake");
  CHECK(plugin_home(custom, f.env, "/home/u") == "/home/other");

  const ContextAccess token = f.open("token");
  const IsolatedAccess iso4 = isolate_access(token, f.env, "/home/u", "/tmp/fake");
  CHECK(iso4.access.selection.user->token == "abc");
  CHECK_FALSE(iso4.access.selection.user->exec.has_value());
}

TEST_CASE("logout probe: why the plugin got a credential without SSO") {
  Fixture f;
  const auto aws = Fixture::aws();
  NotSsoReason r = explain_credential_without_sso(f.open("static"), aws);
  CHECK(r.id == "static-keys");
  CHECK(r.message == "AWS profile \"static\" has static keys (aws_access_key_id in /home/u/.aws/credentials): the "
                     "context does not depend on AWS SSO");
  // The plugin's --cluster-name fills the entry; the region stays a placeholder: nothing tells it.
  CHECK(r.fix ==
        "to depend on AWS SSO, point the kubeconfig user at an SSO profile: aws eks update-kubeconfig "
        "--name demo --region REGION --profile SSO_PROFILE");
  // A token user of an EKS cluster: its ARN gives the name and region (issue 16, defect 8).
  CHECK(explain_credential_without_sso(f.open("prod-token"), aws).fix ==
        "aws eks update-kubeconfig --name prod --region eu-west-1 --profile SSO_PROFILE");
  CHECK(explain_credential_without_sso(f.open("token"), aws).fix ==
        "aws eks update-kubeconfig --name CLUSTER --region REGION --profile SSO_PROFILE");

  r = explain_credential_without_sso(f.open("envkeys"), aws);
  CHECK(r.id == "env-keys");
  CHECK(r.message == "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the plugin's environment take precedence over "
                     "AWS_PROFILE=modern: the context does not depend on AWS SSO");
  CHECK(r.fix == "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN");

  r = explain_credential_without_sso(f.open("token"), aws);
  CHECK(r.id == "kubeconfig-credential");
  CHECK(r.message == "the context authenticates with a token from the kubeconfig (user \"token\"), not through an "
                     "exec plugin: it does not depend on AWS SSO");

  r = explain_credential_without_sso(f.open("other"), aws);
  CHECK(r.id == "not-aws-plugin");
  CHECK(r.message == "the exec plugin \"kubelogin\" is not the AWS CLI and got a credential without an SSO token: "
                     "the context does not depend on AWS SSO");

  r = explain_credential_without_sso(f.open("sso"), aws);
  CHECK(r.id == "sso-yet-credential");

  r = explain_credential_without_sso(f.open("sso"), Result<AwsConfig>(make_error(ErrorKind::config, "bad file")));
  CHECK(r.id == "aws-config");
  CHECK(r.message == "the plugin got a credential without an SSO token, and the AWS config could not be read to say "
                     "why: bad file");
}

}  // namespace
}  // namespace eks
