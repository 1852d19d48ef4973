// kubectl 1.32's configuration validation (client-go tools/clientcmd/validation.go and the
// transport checks), each case named after the client-go test it mirrors. The wording is kubectl
// 1.32's, observed (docs/spec/kube.md 1.6).
#include <doctest/doctest.h>

#include <set>

#include "lib/kube/kubeconfig_validation.hpp"

using eks::AuthInfo;
using eks::Cluster;

namespace {

// Files that "exist" for the probe.
eks::OpenProbe probe(std::set<std::string> existing = {}) {
  return [existing](const std::string& path) {
    return existing.count(path) != 0 ? std::string() : "open " + path + ": no such file or directory";
  };
}

std::vector<std::string> user_problems(const AuthInfo& u, std::set<std::string> existing = {}) {
  return eks::auth_info_problems(u, probe(std::move(existing)));
}

AuthInfo named(const std::string& name) {
  AuthInfo u;
  u.name = name;
  return u;
}

eks::ExecConfig exec_of(const std::string& api_version = "client.authentication.k8s.io/v1beta1") {
  eks::ExecConfig e;
  e.command = e.command_as_written = "aws";
  e.api_version = api_version;
  return e;
}

struct Sel {
  eks::Context context{"x", "c", "u", "", "/k"};
  Cluster cluster;
  AuthInfo user = named("u");
  Sel() {
    cluster.name = "c";
    cluster.server = "https://127.0.0.1:6443";
    cluster.origin = "/k";
    user.origin = "/k";
  }
  eks::Status validate(std::set<std::string> existing = {}) {
    return eks::validate_selection(eks::Selection{&context, &cluster, &user}, probe(std::move(existing)));
  }
};

}  // namespace

// validation_test.go TestValidateCleanAuthInfo, TestValidateCleanTokenAuthInfo,
// TestValidateCleanCertFilesAuthInfo.
TEST_CASE("validation: clean users") {
  CHECK(user_problems(named("u")).empty());
  AuthInfo token = named("u");
  token.token = "t";
  CHECK(user_problems(token).empty());
  AuthInfo cert = named("u");
  cert.client_certificate = "/c.crt";
  cert.client_key = "/c.key";
  CHECK(user_problems(cert, {"/c.crt", "/c.key"}).empty());
}

// validation_test.go TestValidateCertFilesNotFoundAuthInfo.
TEST_CASE("validation: unreadable client-cert and client-key files") {
  AuthInfo u = named("u");
  u.client_certificate = "/nonexist";
  u.client_key = "/nonexist2";
  CHECK(user_problems(u) ==
        std::vector<std::string>{
            "unable to read client-cert /nonexist for u due to open /nonexist: no such file or directory",
            "unable to read client-key /nonexist2 for u due to open /nonexist2: no such file or directory"});
}

// validation_test.go TestValidateCertDataOverridesFiles.
TEST_CASE("validation: client certificate (and key) as both file and data") {
  AuthInfo u = named("u");
  u.client_certificate = "/c.crt";
  u.client_certificate_data = "YWJj";
  u.client_key = "/c.key";
  u.client_key_data = "YWJj";
  CHECK(user_problems(u, {"/c.crt", "/c.key"}) ==
        std::vector<std::string>{
            "client-cert-data and client-cert are both specified for u. client-cert-data will override.",
            "client-key-data and client-key are both specified for u; client-key-data will override"});
  AuthInfo nokey = named("u");
  nokey.client_certificate_data = "YWJj";
  CHECK(user_problems(nokey) ==
        std::vector<std::string>{"client-key-data or client-key must be specified for u to use the clientCert "
                                 "authentication method."});
}

// validation_test.go TestValidateMultipleMethodsAuthInfo: token and basic auth; a client
// certificate or an exec plugin next to a token is not "more than one method".
TEST_CASE("validation: more than one authentication method") {
  AuthInfo u = named("u");
  u.token = "t";
  u.username = "a";
  u.password = "b";
  CHECK(user_problems(u) == std::vector<std::string>{"more than one authentication method found for u; found "
                                                     "[token basicAuth], only one is allowed"});
  AuthInfo pw_only = named("u");
  pw_only.token = "t";
  pw_only.password = "b";
  CHECK(user_problems(pw_only).size() == 1);
  AuthInfo token_exec = named("u");
  token_exec.token = "t";
  token_exec.exec = exec_of();
  CHECK(user_problems(token_exec).empty());
}

// validation_test.go TestValidateAuthInfoExecWithAuthProvider, TestValidateAuthInfoExecNoVersion,
// TestValidateAuthInfoExecNoCommand, TestValidateAuthInfoExecNoEnv,
// TestValidateAuthInfoExecInteractiveModeMissing, TestValidateAuthInfoExecInvalidInteractiveMode.
TEST_CASE("validation: exec") {
  AuthInfo u = named("u");
  u.exec = exec_of();
  u.auth_provider = eks::AuthProvider{"oidc", {}};
  CHECK(user_problems(u) ==
        std::vector<std::string>{"authProvider cannot be provided in combination with an exec plugin for u"});
  AuthInfo noversion = named("u");
  noversion.exec = exec_of("");
  noversion.exec->interactive_mode = "Never";
  CHECK(user_problems(noversion) ==
        std::vector<std::string>{"apiVersion must be specified for u to use exec authentication plugin"});
  AuthInfo nocommand = named("u");
  nocommand.exec = exec_of();
  nocommand.exec->command.clear();
  CHECK(user_problems(nocommand) ==
        std::vector<std::string>{"command must be specified for u to use exec authentication plugin"});
  AuthInfo noenv = named("u");
  noenv.exec = exec_of();
  noenv.exec->env = {{"", "v1"}, {"", "v2"}};
  CHECK(user_problems(noenv).size() == 2);
  // v1 has no default interactiveMode; neither has an unknown apiVersion (kubectl 1.32).
  AuthInfo v1 = named("u");
  v1.exec = exec_of("client.authentication.k8s.io/v1");
  CHECK(user_problems(v1) ==
        std::vector<std::string>{"interactiveMode must be specified for u to use exec authentication plugin"});
  AuthInfo other = named("u");
  other.exec = exec_of("foo/v9");
  CHECK(user_problems(other) ==
        std::vector<std::string>{"interactiveMode must be specified for u to use exec authentication plugin"});
  AuthInfo bad_mode = named("u");
  bad_mode.exec = exec_of();
  bad_mode.exec->interactive_mode = "Sometimes";
  CHECK(user_problems(bad_mode) == std::vector<std::string>{"invalid interactiveMode for u: \"Sometimes\""});
}

// validation_test.go TestValidateAuthInfoImpersonateUser, TestValidateAuthInfoImpersonateEverything,
// TestValidateAuthInfoImpersonateGroupsWithoutUserInvalid,
// TestValidateAuthInfoImpersonateExtraWithoutUserInvalid,
// TestValidateAuthInfoImpersonateUIDWithoutUserInvalid.
TEST_CASE("validation: impersonation needs a user") {
  AuthInfo u = named("u");
  u.impersonate = "alice";
  CHECK(user_problems(u).empty());
  u.impersonate_uid = "1";
  u.impersonate_groups = {"g"};
  u.impersonate_user_extra = {{"k", {"v"}}};
  CHECK(user_problems(u).empty());
  const std::string want = "requesting uid, groups or user-extra for u without impersonating a user";
  AuthInfo groups = named("u");
  groups.impersonate_groups = {"g"};
  CHECK(user_problems(groups) == std::vector<std::string>{want});
  AuthInfo extra = named("u");
  extra.impersonate_user_extra = {{"k", {"v"}}};
  CHECK(user_problems(extra) == std::vector<std::string>{want});
  AuthInfo uid = named("u");
  uid.impersonate_uid = "1";
  CHECK(user_problems(uid) == std::vector<std::string>{want});
}

// validation_test.go TestValidateCleanClusterInfo, TestValidateCleanWithCAClusterInfo,
// TestValidateMissingCAFileClusterInfo, TestValidateCertDataOverridesFiles (CA part).
TEST_CASE("validation: clusters") {
  Cluster c;
  c.name = "c";
  c.server = "https://127.0.0.1:6443";
  CHECK(eks::cluster_problems(c, probe()).empty());
  c.certificate_authority = "/ca.crt";
  CHECK(eks::cluster_problems(c, probe({"/ca.crt"})).empty());
  CHECK(eks::cluster_problems(c, probe()) ==
        std::vector<std::string>{
            "unable to read certificate-authority /ca.crt for c due to open /ca.crt: no such file or directory"});
  c.certificate_authority_data = "YWJj";
  CHECK(eks::cluster_problems(c, probe({"/ca.crt"})) ==
        std::vector<std::string>{"certificate-authority-data and certificate-authority are both specified for c. "
                                 "certificate-authority-data will override."});
}

// client_config_test.go TestProxyURL, through validateClusterInfo's wording (kubectl 1.32).
TEST_CASE("validation: proxy-url") {
  Cluster c;
  c.name = "c";
  c.server = "https://127.0.0.1:6443";
  c.proxy_url = "ftp://x";
  CHECK(eks::cluster_problems(c, probe()) ==
        std::vector<std::string>{
            "invalid 'proxy-url' \"ftp://x\" for cluster \"c\": unsupported scheme \"ftp\", must be http, https, or "
            "socks5"});
  c.proxy_url = "127.0.0.1:3128";
  CHECK(eks::cluster_problems(c, probe()) ==
        std::vector<std::string>{
            "invalid 'proxy-url' \"127.0.0.1:3128\" for cluster \"c\": could not parse: 127.0.0.1:3128"});
  c.proxy_url = "socks5://127.0.0.1:1080";
  CHECK(eks::cluster_problems(c, probe()).empty());
}

// The whole selection: kubectl's first error is the message, the rest follow, then the fix; the
// transport checks (exec apiVersion, insecure with a CA) come after validation.
TEST_CASE("validation: validate_selection") {
  Sel ok;
  CHECK(ok.validate().ok());

  Sel many;
  many.user.token = "t";
  many.user.username = "a";
  many.cluster.proxy_url = "ftp://x";
  auto s = many.validate();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().kind == eks::ErrorKind::config);
  CHECK(s.error().message == "more than one authentication method found for u; found [token basicAuth], only one is allowed");
  REQUIRE(s.error().hints.size() == 2);
  CHECK(s.error().hints[0] ==
        "also: invalid 'proxy-url' \"ftp://x\" for cluster \"c\": unsupported scheme \"ftp\", must be http, https, or "
        "socks5");
  CHECK(s.error().hints[1] == "fix user \"u\" and cluster \"c\" in /k (kubectl refuses this configuration too)");

  // transport/transport.go TLSConfigFor (client_config_test.go TestInsecureOverridesCA is the
  // flag override; in the file kubectl 1.32 refuses the pair).
  Sel insecure;
  insecure.cluster.insecure_skip_tls_verify = true;
  insecure.cluster.certificate_authority_data = "YWJj";
  s = insecure.validate();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == "specifying a root certificates file with the insecure flag is not allowed");

  // rest/transport.go: the exec authenticator is built even when a token wins.
  Sel bad_version;
  bad_version.user.token = "t";
  bad_version.user.exec = exec_of("client.authentication.k8s.io/v1alpha1");
  s = bad_version.validate();
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().message == "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\"");
}
