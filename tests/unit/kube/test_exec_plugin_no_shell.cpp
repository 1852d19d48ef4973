// Issue 9: exec plugins are executed without a shell. Arguments, env values and the command from a
// kubeconfig containing shell metacharacters reach the plugin byte for byte, and nothing they
// spell is ever executed (a real plugin script, a real PosixProcessRunner).
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lib/kube/exec_plugin.hpp"
#include "lib/os/process.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\0') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

eks::FileReader no_files() {
  return [](const fs::path& p) -> eks::Result<std::string> {
    return eks::make_error(eks::ErrorKind::config, "unexpected read of " + p.string());
  };
}

eks::Env path_env() {
  eks::Env env;
  env.set("PATH", "/usr/bin:/bin");
  return env;
}

}  // namespace

TEST_CASE("plugins run without a shell: metacharacters in args and env reach the plugin verbatim") {
  const eks::test::TempDir dir;
  const fs::path d = dir.path();
  // The plugin records each argument NUL-terminated and the value of EVIL, then prints a credential.
  const fs::path plugin = dir.write("bin/plugin",
                                    "#!/bin/sh\n"
                                    "for a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$ARGS_FILE\"\n"
                                    "printf '%s' \"$EVIL\" > \"$ENV_FILE\"\n"
                                    "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\","
                                    "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"t\"}}'\n");
  fs::permissions(plugin, fs::perms::owner_all);
  const std::string m = d.string() + "/marker-";
  const std::vector<std::string> args = {
      "$(touch " + m + "subst)",
      "`touch " + m + "backtick`",
      "; touch " + m + "semicolon",
      "&& touch " + m + "and",
      "| touch " + m + "pipe",
      "> " + m + "redirect",
      "$HOME '$PATH' \"quoted\" \\back * ? ~",
      "line1\nline2; touch " + m + "newline",
      "",
  };
  eks::ExecConfig exec;
  exec.api_version = "client.authentication.k8s.io/v1beta1";
  exec.command = plugin.string();
  exec.command_as_written = plugin.string();
  exec.args = args;
  exec.env = {{"ARGS_FILE", (d / "args").string()},
              {"ENV_FILE", (d / "env").string()},
              {"EVIL", "$(touch " + m + "env); `touch " + m + "env2`"}};
  eks::Cluster cluster;
  cluster.server = "https://127.0.0.1:6443";
  eks::PosixProcessRunner runner;
  const auto run = eks::run_exec_plugin("u", exec, cluster, path_env(), {}, no_files(),
                                        runner);
  REQUIRE(run.ok());
  CHECK_FALSE(run->failure.has_value());
  CHECK(run->result.outcome == eks::ProcessResult::Outcome::exited);
  CHECK(run->result.exit_code == 0);
  CHECK(split_nul(read_all(d / "args")) == args);
  CHECK(read_all(d / "env") == "$(touch " + m + "env); `touch " + m + "env2`");
  for (const auto& entry : fs::directory_iterator(d)) {
    CHECK_MESSAGE(entry.path().filename().string().rfind("marker-", 0) != 0,
                  "a shell ran something: " << entry.path().string());
  }
}

TEST_CASE("plugins run without a shell: a command with metacharacters is a file name, not a script") {
  const eks::test::TempDir dir;
  const std::string m = dir.path().string() + "/marker-";
  eks::Cluster cluster;
  cluster.server = "https://127.0.0.1:6443";
  eks::PosixProcessRunner runner;
  for (const std::string command : {"/bin/true; touch " + m + "a", "true $(touch " + m + "b)",
                                    "true`touch " + m + "c`", "/bin/sh -c 'touch " + m + "d'"}) {
    CAPTURE(command);
    eks::ExecConfig exec;
    exec.api_version = "client.authentication.k8s.io/v1beta1";
    exec.command = command;
    exec.command_as_written = command;
    const auto run = eks::run_exec_plugin("u", exec, cluster, path_env(), {},
                                          no_files(), runner);
    REQUIRE(run.ok());
    REQUIRE(run->failure.has_value());
    CHECK((run->result.outcome == eks::ProcessResult::Outcome::not_found ||
           run->result.outcome == eks::ProcessResult::Outcome::spawn_failed));
  }
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    CHECK_MESSAGE(false, "a shell ran something: " << entry.path().string());
  }
}
