#include <doctest/doctest.h>

#include "lib/session/credential.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/util/timefmt.hpp"
#include "support/fake_process_runner.hpp"
#include "support/temp_dir.hpp"

using eks::CredentialAttempt;
using eks::ErrorKind;
using eks::test::FakeProcessRunner;

namespace {

struct World {
  eks::Cluster cluster;
  eks::AuthInfo user;
  eks::Context context;
  eks::FixedClock clock{*eks::parse_rfc3339("2026-11-29T16:00:00Z")};
  FakeProcessRunner runner;

  World() {
    cluster.name = "c";
    cluster.server = "https://127.0.0.1:6443";
    user.name = "u";
    context = eks::Context{"ctx", "c", "u", "", "/k"};
  }
  void aws_exec(std::vector<eks::ExecEnvVar> env = {{"AWS_PROFILE", "k8studio-sso"}}) {
    eks::ExecConfig e;
    e.api_version = "client.authentication.k8s.io/v1beta1";
    e.command = e.command_as_written = "aws";
    e.args = {"--region", "us-east-1", "eks", "get-token", "--cluster-name", "demo", "--output", "json"};
    e.env = std::move(env);
    user.exec = e;
  }
  CredentialAttempt acquire() {
    eks::Selection sel{&context, &cluster, &user};
    eks::CredentialOptions opts;
    return eks::read_credential_source(sel, eks::Env(), opts, runner, clock, eks::read_small_file);
  }
};

}  // namespace

TEST_CASE("credential: a token wins and the plugin never runs") {
  World w;
  w.aws_exec();
  w.user.token = "static-token";
  const auto a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "token");
  CHECK(a.credential->token == "static-token");
  CHECK(w.runner.calls().empty());
}

TEST_CASE("credential: a legacy auth-provider is a config error; the hint names the cluster of the ARN") {
  World w;
  w.user.auth_provider = eks::AuthProvider{};
  w.user.auth_provider->name = "oidc";
  auto a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::config);
  CHECK(a.error->hints ==
        std::vector<std::string>{
            "EKS uses an exec plugin: aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE"});
  w.cluster.name = "arn:aws:eks:eu-west-1:111122223333:cluster/prod";  // issue 16, defect 8
  a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->hints ==
        std::vector<std::string>{
            "EKS uses an exec plugin: aws eks update-kubeconfig --name prod --region eu-west-1 --profile PROFILE"});
}

TEST_CASE("credential: tokenFile is trimmed; a missing one is a config error naming it") {
  eks::test::TempDir dir;
  World w;
  w.user.token_file = dir.write("tok.txt", "  tok-ok\n\n").string();
  auto a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "tokenFile");
  CHECK(a.credential->token == "tok-ok");

  w.user.token_file = (dir.path() / "missing.txt").string();
  a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::config);
  CHECK(a.error->message == "open " + (dir.path() / "missing.txt").string() + ": no such file or directory");
}

TEST_CASE("credential: an exec plugin's ExecCredential is validated and timed") {
  World w;
  w.aws_exec();
  w.runner.expect_exit(0,
                       R"({"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1", "spec": {},
                          "status": {"expirationTimestamp": "2026-11-29T16:14:00Z", "token": "k8s-aws-v1.abc"}})");
  const auto a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "exec");
  CHECK(a.credential->token == "k8s-aws-v1.abc");
  CHECK(a.credential->api_version == "client.authentication.k8s.io/v1beta1");
  CHECK(eks::format_rfc3339(*a.credential->expiration) == "2026-11-29T16:14:00Z");
  REQUIRE(w.runner.calls().size() == 1);
  CHECK(eks::test::env_value(w.runner.calls()[0], "AWS_PROFILE") == "k8studio-sso");
  CHECK(w.runner.calls()[0].stdin_mode == eks::ProcessSpec::Stdin::null);
  CHECK(w.runner.all_used());
}

TEST_CASE("credential: an expired SSO token becomes the login-required outcome, never a login") {
  World w;
  w.aws_exec();
  w.runner.expect_exit(255, "", "\nError when retrieving token from sso: Token has expired and refresh failed\n");
  const auto a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::login_required);
  REQUIRE(a.aws.has_value());
  const auto login = eks::login_required_from(*a.aws, "ctx", "k8studio-sso");
  REQUIRE(login.has_value());
  CHECK(login->reason == eks::LoginReason::sso_token_expired);
  CHECK(eks::aws_login_command(*login) == "aws sso login --profile k8studio-sso");
  REQUIRE(w.runner.calls().size() == 1);
  for (const auto& arg : w.runner.calls()[0].args) {
    CHECK(arg != "login");
  }

  World missing;
  missing.aws_exec();
  missing.runner.expect_exit(255, "", "\naws: [ERROR]: Error loading SSO Token: Token for my-sso does not exist\n");
  const auto m = missing.acquire();
  REQUIRE(m.aws.has_value());
  const auto lm = eks::login_required_from(*m.aws, "ctx", "k8studio-sso");
  REQUIRE(lm.has_value());
  CHECK(lm->reason == eks::LoginReason::sso_token_missing);
  CHECK(lm->session == "my-sso");
}

TEST_CASE("credential: network and profile failures are not login prompts") {
  World w;
  w.aws_exec();
  w.runner.expect_exit(255, "", "\nThe config profile (nope) could not be found\n");
  auto a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::config);
  CHECK_FALSE(eks::login_required_from(*a.aws, "ctx", "nope").has_value());

  World n;
  n.aws_exec();
  n.runner.expect_exit(255, "",
                       "\nCould not connect to the endpoint URL: \"https://portal.sso.us-east-1.amazonaws.com/federation/"
                       "credentials?role_name=R&account_id=1\"\n");
  a = n.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::unreachable);
  // Issue 16, defect 6: every command says what offline means, not "exec: ... exit code 255".
  CHECK(a.error->message ==
        "could not reach https://portal.sso.us-east-1.amazonaws.com/federation/credentials?role_name=R&account_id=1 "
        "(the AWS SSO portal endpoint): check the network, proxy or VPN; a login would not help");
  REQUIRE(a.error->hints.size() == 2);
  CHECK(a.error->hints[0].find("failed: Could not connect to the endpoint URL") != std::string::npos);
  CHECK(a.error->hints[1] == "exec: executable aws failed with exit code 255");
}

TEST_CASE("credential: other plugins' failures are shown as they are") {
  World w;
  eks::ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1beta1";
  e.command = e.command_as_written = "kubelogin";
  w.user.exec = e;
  w.runner.expect_exit(1, "", "Error when retrieving token from sso: Token has expired and refresh failed\n");
  const auto a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::general);
  CHECK_FALSE(a.aws.has_value());
  CHECK(a.error->message == "exec: executable kubelogin failed with exit code 1");
  REQUIRE_FALSE(a.error->hints.empty());
  CHECK(a.error->hints[0] == "the plugin said: Error when retrieving token from sso: Token has expired and refresh failed");
}

// client-go client_config_test.go TestPrecedenceTokenFile with kubectl 1.32 as the judge: the
// rest.Config keeps the token, but the round tripper sends the file's token (round_trippers.go
// NewBearerAuthWithRefreshRoundTripper); an unreadable or empty file falls back to the token.
TEST_CASE("credential: tokenFile wins over token when both are set") {
  eks::test::TempDir dir;
  World w;
  w.aws_exec();
  w.user.token = "token-from-kubeconfig";
  w.user.token_file = dir.write("tok.txt", "token-from-file\n").string();
  auto a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "tokenFile");
  CHECK(a.credential->token == "token-from-file");
  CHECK(w.runner.calls().empty());
  w.user.token_file = (dir.path() / "missing.txt").string();
  a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "token");
  CHECK(a.credential->token == "token-from-kubeconfig");
  w.user.token_file = dir.write("empty.txt", " \n").string();
  a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->token == "token-from-kubeconfig");
  // TestBasicTokenFile: a tokenFile alone; an empty one is refused (CachedFileTokenSource).
  w.user.token.clear();
  a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->kind == ErrorKind::config);
  CHECK(a.error->message == "read empty token from file \"" + (dir.path() / "empty.txt").string() + "\"");
}

// exec.go UpdateTransportConfig: basic auth (client_config_test.go TestBasicAuthData) or a client
// certificate with its key means the plugin is not run; a token next to basic auth is refused
// earlier (validation), a tokenFile next to it by the transport.
TEST_CASE("credential: basic auth or a client certificate means the exec plugin is not run") {
  eks::test::TempDir dir;
  World w;
  w.aws_exec();
  w.user.username = "myuser";
  w.user.password = "mypass";
  auto a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "basic-auth");
  CHECK(a.credential->username == "myuser");
  CHECK(a.credential->password == "mypass");
  CHECK(w.runner.calls().empty());

  w.user.token_file = dir.write("tok.txt", "token-from-file").string();
  a = w.acquire();
  REQUIRE(a.error.has_value());
  CHECK(a.error->message == "username/password or bearer token may be set, but not both");

  World cert;
  cert.aws_exec();
  cert.user.client_certificate_data = "Q0VSVA==";  // "CERT"
  cert.user.client_key_data = "S0VZ";              // "KEY"
  a = cert.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "client-certificate");
  CHECK(a.credential->client_certificate_pem == "CERT");
  CHECK(cert.runner.calls().empty());

  // A key alone is not cert auth (HasCertAuth): the plugin runs.
  World key_only;
  key_only.aws_exec();
  key_only.user.client_key_data = "S0VZ";
  key_only.runner.expect_exit(0, R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"k8s-aws-v1.x"}})");
  a = key_only.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->source == "exec");
  CHECK(key_only.runner.calls().size() == 1);
}

// exec.go: an already expired credential is used for the request, with a warning (never cached).
TEST_CASE("credential: an exec credential that already expired is used, with a warning") {
  World w;
  w.aws_exec();
  w.runner.expect_exit(0, R"({"apiVersion":"client.authentication.k8s.io/v1beta1",
                              "status":{"token":"k8s-aws-v1.x","expirationTimestamp":"2026-11-29T15:00:00Z"}})");
  const auto a = w.acquire();
  REQUIRE(a.credential.has_value());
  CHECK(a.credential->token == "k8s-aws-v1.x");
  CHECK(a.credential->expired_warning.find("expired at 2026-11-29T15:00:00Z (1h ago)") != std::string::npos);
  CHECK(a.credential->expired_warning.rfind("warning: ", 0) == 0);
}
