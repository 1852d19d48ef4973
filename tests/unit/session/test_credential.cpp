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
