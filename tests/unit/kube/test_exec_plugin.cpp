// exec_plugin: validation texts (E22, E27-E31), interactiveMode (E26, E32), env merge (E37),
// KUBERNETES_EXEC_INFO bytes (E01, E23-E25) and run errors (E02, E05, E06, E38, E40), through a
// FakeProcessRunner.
#include <doctest/doctest.h>

#include <string>

#include "lib/kube/exec_plugin.hpp"
#include "support/fake_process_runner.hpp"

using eks::ExecConfig;
using eks::ExecPluginOptions;
using eks::ProcessResult;
using eks::test::FakeProcessRunner;
using eks::test::env_value;

namespace {

constexpr const char* k_user = "arn:aws:eks:us-west-2:111122223333:cluster/dev";

ExecConfig aws_exec() {
  ExecConfig exec;
  exec.api_version = "client.authentication.k8s.io/v1beta1";
  exec.command = "aws";
  exec.command_as_written = "aws";
  exec.args = {"--region", "us-west-2", "eks", "get-token", "--cluster-name", "dev", "--output", "json"};
  exec.env = {{"AWS_PROFILE", "dev-sso"}};
  return exec;
}

eks::Cluster cluster() {
  eks::Cluster c;
  c.name = "dev";
  c.server = "https://127.0.0.1:6443";
  return c;
}

eks::Env host_env() { return eks::Env({{"PATH", "/usr/bin:/bin"}, {"AWS_PROFILE", "host-profile"}, {"HOME", "/h"}}); }

eks::FileReader no_files() {
  return [](const std::filesystem::path& p) -> eks::Result<std::string> {
    return eks::make_error(eks::ErrorKind::config, "unexpected read of " + p.string());
  };
}

std::string validation_error(const ExecConfig& exec) {
  const eks::Status s = eks::validate_exec_config(exec, k_user);
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().kind == eks::ErrorKind::config);
  return s.error().message;
}

eks::Result<eks::PluginRun> run_with(FakeProcessRunner& runner, const ExecConfig& exec,
                                     const ExecPluginOptions& options = {}) {
  return eks::run_exec_plugin(k_user, exec, cluster(), host_env(), options, no_files(), runner);
}

}  // namespace

TEST_CASE("exec_plugin: validation uses client-go's texts") {
  CHECK(eks::validate_exec_config(aws_exec(), k_user).ok());
  ExecConfig e = aws_exec();
  e.command.clear();
  CHECK(validation_error(e) == std::string("command must be specified for ") + k_user +
                                   " to use exec authentication plugin");
  e = aws_exec();
  e.api_version.clear();
  CHECK(validation_error(e) == std::string("apiVersion must be specified for ") + k_user +
                                   " to use exec authentication plugin");
  const eks::Status both = eks::validate_exec_config(e, k_user);
  REQUIRE(both.error().hints.size() == 1);
  CHECK(both.error().hints[0] == std::string("interactiveMode must be specified for ") + k_user +
                                     " to use exec authentication plugin");
  e = aws_exec();
  e.env.push_back({"", "x"});
  CHECK(validation_error(e) == std::string("env variable name must be specified for ") + k_user +
                                   " to use exec authentication plugin");
  e = aws_exec();
  e.api_version = "client.authentication.k8s.io/v1";
  CHECK(validation_error(e) == std::string("interactiveMode must be specified for ") + k_user +
                                   " to use exec authentication plugin");
  e.interactive_mode = "Sometimes";
  CHECK(validation_error(e) == std::string("invalid interactiveMode for ") + k_user + ": \"Sometimes\"");
  e = aws_exec();
  e.api_version = "client.authentication.k8s.io/v1alpha1";
  CHECK(validation_error(e) == "exec plugin: invalid apiVersion \"client.authentication.k8s.io/v1alpha1\"");
  CHECK(eks::effective_interactive_mode(aws_exec()) == "IfAvailable");
}

TEST_CASE("exec_plugin: env is the host env, then exec.env (later wins), then KUBERNETES_EXEC_INFO (E01, E37)") {
  FakeProcessRunner runner;
  runner.expect_exit(0, "{}");
  ExecConfig exec = aws_exec();
  exec.env.push_back({"EXTRA", "1"});
  exec.env.push_back({"EXTRA", "2"});
  const auto run = run_with(runner, exec);
  REQUIRE(run.ok());
  CHECK_FALSE(run->failure.has_value());
  REQUIRE(runner.calls().size() == 1);
  const eks::ProcessSpec& spec = runner.calls()[0];
  CHECK(spec.program == "aws");
  CHECK(spec.args == exec.args);
  CHECK(spec.stdin_mode == eks::ProcessSpec::Stdin::null);
  CHECK(spec.stderr_mode == eks::ProcessSpec::Stderr::capture);
  CHECK(spec.timeout == std::chrono::milliseconds(30000));
  CHECK(spec.env == std::vector<std::string>{
                        "AWS_PROFILE=dev-sso", "EXTRA=2", "HOME=/h",
                        "KUBERNETES_EXEC_INFO={\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/"
                        "v1beta1\",\"spec\":{\"interactive\":false}}",
                        "PATH=/usr/bin:/bin"});
  CHECK(runner.all_used());
}

TEST_CASE("exec_plugin: KUBERNETES_EXEC_INFO with provideClusterInfo (E23, E24, E25)") {
  ExecConfig exec = aws_exec();
  exec.api_version = "client.authentication.k8s.io/v1";
  exec.interactive_mode = "Never";
  exec.provide_cluster_info = true;
  eks::Cluster c = cluster();
  c.tls_server_name = "localhost";
  c.certificate_authority_data = "LS0tLS1CRUdJTi\nBDRVJU";
  c.extensions["client.authentication.k8s.io/exec"] =
      nlohmann::json{{"region", "us-west-2"}, {"clusterName", "dev"}, {"audience", "sts.amazonaws.com"}};
  CHECK(*eks::build_exec_info(exec, c, false, no_files()) ==
        R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"cluster":{"server":"https://127.0.0.1:6443","tls-server-name":"localhost","certificate-authority-data":"LS0tLS1CRUdJTiBDRVJU","config":{"audience":"sts.amazonaws.com","clusterName":"dev","region":"us-west-2"}},"interactive":false}})");

  eks::Cluster proxied = cluster();
  proxied.certificate_authority = "/cfg/ca.crt";
  proxied.proxy_url = "http://127.0.0.1:3128";
  proxied.disable_compression = true;
  const eks::FileReader reader = [](const std::filesystem::path& p) -> eks::Result<std::string> {
    CHECK(p == "/cfg/ca.crt");
    return std::string("-----BEGIN CERTIFICATE-----\n");
  };
  CHECK(*eks::build_exec_info(exec, proxied, false, reader) ==
        R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"cluster":{"server":"https://127.0.0.1:6443","certificate-authority-data":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==","proxy-url":"http://127.0.0.1:3128","disable-compression":true,"config":null},"interactive":false}})");

  eks::Cluster insecure = cluster();
  insecure.insecure_skip_tls_verify = true;
  CHECK(*eks::build_exec_info(exec, insecure, true, no_files()) ==
        R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"cluster":{"server":"https://127.0.0.1:6443","insecure-skip-tls-verify":true,"config":null},"interactive":true}})");

  const eks::FileReader failing = [](const std::filesystem::path&) -> eks::Result<std::string> {
    return eks::make_error(eks::ErrorKind::config, "open /cfg/ca.crt: no such file or directory");
  };
  const auto missing = eks::build_exec_info(exec, proxied, false, failing);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "open /cfg/ca.crt: no such file or directory");
}

TEST_CASE("exec_plugin: interactiveMode and the terminal policy (E26, E32)") {
  ExecPluginOptions tty_allowed;
  tty_allowed.stdin_is_tty = true;
  tty_allowed.terminal = eks::TerminalPolicy::allow;
  ExecPluginOptions tty_never = tty_allowed;
  tty_never.terminal = eks::TerminalPolicy::never;

  FakeProcessRunner runner;
  runner.expect_exit(0, "");
  runner.expect_exit(0, "");
  REQUIRE(run_with(runner, aws_exec(), tty_allowed).ok());
  REQUIRE(run_with(runner, aws_exec(), tty_never).ok());
  CHECK(runner.calls()[0].stdin_mode == eks::ProcessSpec::Stdin::inherit);
  CHECK(env_value(runner.calls()[0], "KUBERNETES_EXEC_INFO").find("\"interactive\":true") != std::string::npos);
  CHECK(runner.calls()[1].stdin_mode == eks::ProcessSpec::Stdin::null);
  CHECK(env_value(runner.calls()[1], "KUBERNETES_EXEC_INFO").find("\"interactive\":false") != std::string::npos);

  ExecConfig never = aws_exec();
  never.interactive_mode = "Never";
  const auto call = eks::prepare_exec_plugin(k_user, never, cluster(), host_env(), tty_allowed, no_files());
  REQUIRE(call.ok());
  CHECK_FALSE(call->interactive);

  ExecConfig always = aws_exec();
  always.interactive_mode = "Always";
  const auto no_tty = run_with(runner, always);
  REQUIRE_FALSE(no_tty.ok());
  CHECK(no_tty.error().kind == eks::ErrorKind::config);
  CHECK(no_tty.error().message == "exec plugin cannot support interactive mode: standard input is not a terminal");
  const auto refused = run_with(runner, always, tty_never);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message == "exec plugin cannot support interactive mode: standard input is unavailable");
  CHECK(runner.calls().size() == 2);
  CHECK(runner.all_used());
}

TEST_CASE("exec_plugin: a failing plugin keeps its stderr, redacted for display (E02)") {
  FakeProcessRunner runner;
  runner.expect_exit(255, "", "\nError when retrieving token from sso: Token has expired and refresh failed\n");
  const auto run = run_with(runner, aws_exec());
  REQUIRE(run.ok());
  REQUIRE(run->failure.has_value());
  CHECK(run->failure->kind == eks::ErrorKind::general);
  CHECK(run->failure->message == "exec: executable aws failed with exit code 255");
  CHECK(run->result.err == "\nError when retrieving token from sso: Token has expired and refresh failed\n");

  runner.expect_exit(1, "", "Bearer abc.def\n");
  const auto leaky = run_with(runner, aws_exec());
  REQUIRE(leaky.ok());
  CHECK(leaky->stderr_redacted == "Bearer <redacted>\n");
  CHECK(runner.all_used());
}

TEST_CASE("exec_plugin: run errors in client-go's words, improved (E05, E06, E38, E40)") {
  ExecConfig exec = aws_exec();
  exec.install_hint = "Install the AWS CLI v2:\n  https://docs.aws.amazon.com/cli/\x1b[1mbold\x1b[0m";
  FakeProcessRunner runner;

  runner.expect_outcome(ProcessResult::Outcome::not_found, "executable file not found in $PATH");
  const auto not_found = run_with(runner, exec);
  REQUIRE(not_found->failure.has_value());
  CHECK(not_found->failure->kind == eks::ErrorKind::config);
  CHECK(not_found->failure->message == "exec: executable aws not found");
  CHECK(not_found->failure->hints ==
        std::vector<std::string>{
            "It looks like you are trying to use a client-go credential plugin that is not installed.",
            "To learn more about this feature, consult the documentation available at:\n      "
            "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins",
            "Install the AWS CLI v2:\n  https://docs.aws.amazon.com/cli/U+001B[1mboldU+001B[0m"});

  runner.expect_outcome(ProcessResult::Outcome::not_found, "found only in a relative PATH element (\".\" or empty)");
  const auto dot = run_with(runner, aws_exec());
  REQUIRE(dot->failure->hints.size() == 3);
  CHECK(dot->failure->hints[2] ==
        "\"aws\" was found only through a relative PATH entry (\".\" or empty), which kubectl refuses; put it in a "
        "directory listed in PATH by absolute path");

  ExecConfig abs = aws_exec();
  abs.command = "/opt/homebrew/bin/aws";
  ProcessResult spawn;
  spawn.outcome = ProcessResult::Outcome::spawn_failed;
  spawn.error_text = "no such file or directory";
  runner.expect(spawn);
  const auto spawn_failed = run_with(runner, abs);
  CHECK(spawn_failed->failure->message == "exec: fork/exec /opt/homebrew/bin/aws: no such file or directory");
  CHECK(spawn_failed->failure->hints.empty());

  ProcessResult killed;
  killed.outcome = ProcessResult::Outcome::signaled;
  killed.signal = 9;
  runner.expect(killed);
  const auto signaled = run_with(runner, aws_exec());
  CHECK(signaled->failure->message == "exec: executable aws failed with exit code -1");
  CHECK(signaled->failure->hints == std::vector<std::string>{"the plugin was killed by signal 9"});
  CHECK(runner.all_used());
}

TEST_CASE("exec_plugin: timeout, oversized output and Ctrl-C") {
  FakeProcessRunner runner;
  ExecPluginOptions options;
  options.timeout = std::chrono::milliseconds(90000);
  runner.expect_outcome(ProcessResult::Outcome::timed_out);
  const auto timed_out = run_with(runner, aws_exec(), options);
  CHECK(runner.calls()[0].timeout == std::chrono::milliseconds(90000));
  CHECK(timed_out->failure->message ==
        "exec plugin \"aws --region us-west-2 eks get-token --cluster-name dev --output json\" timed out after 1m30s; "
        "it and its child processes were killed");

  runner.expect_outcome(ProcessResult::Outcome::output_too_large);
  const auto big = run_with(runner, aws_exec());
  CHECK(big->failure->message ==
        "exec plugin \"aws --region us-west-2 eks get-token --cluster-name dev --output json\" printed more than "
        "4 MiB on stdout; it and its child processes were killed");

  runner.expect_outcome(ProcessResult::Outcome::interrupted);
  const auto interrupted = run_with(runner, aws_exec());
  REQUIRE_FALSE(interrupted.ok());
  CHECK(interrupted.error().kind == eks::ErrorKind::interrupted);
  CHECK(runner.all_used());
}

TEST_CASE("exec_plugin: display command and install hint cleaning") {
  ExecConfig exec = aws_exec();
  exec.args = {"eks", "get-token", "--cluster-name", "my cluster", ""};
  CHECK(eks::plugin_display_command(exec) == "aws eks get-token --cluster-name 'my cluster' ''");
  exec.args = {"--token", "k8s-aws-v1.abcdef"};
  CHECK(eks::plugin_display_command(exec) == "aws --token k8s-aws-v1.<redacted>");
  CHECK(eks::clean_install_hint("tab\tok\x07" "bell\x7f") == "tab\tokU+0007bellU+007F");
}
