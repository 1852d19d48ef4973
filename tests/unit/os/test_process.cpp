// PosixProcessRunner and look_path against real tiny shell scripts in a private temp dir.
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "lib/os/process.hpp"

namespace fs = std::filesystem;
using eks::ProcessResult;
using eks::ProcessSpec;

namespace {

class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "eks-sso-process-XXXXXX").string();
    m_path = ::mkdtemp(tmpl.data());
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  [[nodiscard]] const fs::path& path() const { return m_path; }

  fs::path write(const std::string& name, const std::string& text, fs::perms perms) const {
    const fs::path p = m_path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    fs::permissions(p, perms);
    return p;
  }
  fs::path script(const std::string& name, const std::string& body) const {
    return write(name, "#!/bin/sh\n" + body + "\n", fs::perms::owner_all);
  }

 private:
  fs::path m_path;
};

// Restores the working directory when the test ends (look_path's "." rules depend on it).
class ScopedCwd {
 public:
  explicit ScopedCwd(const fs::path& dir) : m_old(fs::current_path()) { fs::current_path(dir); }
  ~ScopedCwd() { fs::current_path(m_old); }

 private:
  fs::path m_old;
};

ProcessSpec spec_for(const fs::path& program, std::chrono::milliseconds timeout = std::chrono::milliseconds(10000)) {
  ProcessSpec spec;
  spec.program = program.string();
  spec.env = {"PATH=/usr/bin:/bin"};
  spec.timeout = timeout;
  return spec;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// True once `pid` no longer exists (or is a zombie waiting for init to reap it).
bool process_gone(pid_t pid) {
  for (int i = 0; i < 100; ++i) {
    if (::kill(pid, 0) != 0) {
      return true;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const auto close_paren = text.rfind(')');
    if (close_paren != std::string::npos && close_paren + 2 < text.size() && text[close_paren + 2] == 'Z') {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

pid_t read_pid(const fs::path& p) {
  for (int i = 0; i < 100 && !fs::exists(p); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return static_cast<pid_t>(std::stol(read_file(p)));
}

}  // namespace

TEST_CASE("process: exit code, stdout and stderr are captured separately") {
  ScratchDir dir;
  const fs::path script = dir.script("plugin", "echo out-line\necho err-line >&2\nexit 3");
  eks::PosixProcessRunner runner;
  const ProcessResult r = runner.run(spec_for(script));
  CHECK(r.outcome == ProcessResult::Outcome::exited);
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out-line\n");
  CHECK(r.err == "err-line\n");
  CHECK(r.resolved_program == script.string());
}

TEST_CASE("process: Stdout::to_stderr sends the child's stdout where its stderr goes") {
  // eks-sso login -o json: the AWS CLI's prompt must reach the person without touching stdout.
  ScratchDir dir;
  const fs::path script = dir.script("login", "echo prompt-line\necho err-line >&2");
  eks::PosixProcessRunner runner;
  ProcessSpec spec = spec_for(script);
  spec.stdout_mode = ProcessSpec::Stdout::to_stderr;
  const ProcessResult r = runner.run(spec);
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err == "prompt-line\nerr-line\n");
}

TEST_CASE("process: the environment is exactly the spec's, and argv is passed without a shell") {
  eks::PosixProcessRunner runner;
  ProcessSpec spec = spec_for("/usr/bin/env");
  spec.env = {"A=1", "B=two words; $(echo no)"};
  const ProcessResult r = runner.run(spec);
  CHECK(r.outcome == ProcessResult::Outcome::exited);
  CHECK(r.out == "A=1\nB=two words; $(echo no)\n");

  ScratchDir dir;
  const fs::path script = dir.script("args", "for a in \"$@\"; do echo \"[$a]\"; done");
  ProcessSpec args_spec = spec_for(script);
  args_spec.args = {"--cluster-name", "a b", "$HOME", "*"};
  const ProcessResult ra = runner.run(args_spec);
  CHECK(ra.out == "[--cluster-name]\n[a b]\n[$HOME]\n[*]\n");
}

TEST_CASE("process: stdin is /dev/null by default") {
  ScratchDir dir;
  const fs::path script = dir.script("reader", "cat; echo done");
  eks::PosixProcessRunner runner;
  const ProcessResult r = runner.run(spec_for(script, std::chrono::milliseconds(5000)));
  CHECK(r.outcome == ProcessResult::Outcome::exited);
  CHECK(r.out == "done\n");
}

TEST_CASE("process: a signal is reported as signaled") {
  ScratchDir dir;
  const fs::path script = dir.script("selfkill", "kill -9 $$");
  eks::PosixProcessRunner runner;
  const ProcessResult r = runner.run(spec_for(script));
  CHECK(r.outcome == ProcessResult::Outcome::signaled);
  CHECK(r.signal == SIGKILL);
}

TEST_CASE("process: stdout over the cap kills the group") {
  eks::PosixProcessRunner runner;
  ProcessSpec spec = spec_for("/usr/bin/yes");
  spec.stdout_limit = 1000;
  const ProcessResult r = runner.run(spec);
  CHECK(r.outcome == ProcessResult::Outcome::output_too_large);
  CHECK(r.out.size() == 1000);
}

TEST_CASE("process: stderr over its cap is truncated, not fatal") {
  ScratchDir dir;
  const fs::path script = dir.script("noisy", "head -c 50000 /dev/zero | tr '\\0' x >&2; echo ok");
  eks::PosixProcessRunner runner;
  ProcessSpec spec = spec_for(script);
  spec.stderr_limit = 100;
  const ProcessResult r = runner.run(spec);
  CHECK(r.outcome == ProcessResult::Outcome::exited);
  CHECK(r.err == std::string(100, 'x'));
  CHECK(r.out == "ok\n");
}

TEST_CASE("process: timeout kills the plugin and its children") {
  ScratchDir dir;
  const fs::path pidfile = dir.path() / "grandchild.pid";
  const fs::path script = dir.script("slow", "sleep 30 &\necho $! > '" + pidfile.string() + "'\nwait");
  eks::PosixProcessRunner runner;
  const ProcessResult r = runner.run(spec_for(script, std::chrono::milliseconds(400)));
  CHECK(r.outcome == ProcessResult::Outcome::timed_out);
  CHECK(r.elapsed >= std::chrono::milliseconds(400));
  CHECK(r.elapsed < std::chrono::milliseconds(5000));
  CHECK(process_gone(read_pid(pidfile)));
}

TEST_CASE("process: a plugin that exits while a background child holds stdout does not hang") {
  ScratchDir dir;
  const fs::path pidfile = dir.path() / "bg.pid";
  const fs::path script = dir.script("bg", "sleep 30 &\necho $! > '" + pidfile.string() + "'\necho token\nexit 0");
  eks::PosixProcessRunner runner;
  const ProcessResult r = runner.run(spec_for(script, std::chrono::milliseconds(20000)));
  CHECK(r.outcome == ProcessResult::Outcome::exited);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "token\n");
  CHECK(r.elapsed < std::chrono::milliseconds(5000));
  CHECK(process_gone(read_pid(pidfile)));
}

TEST_CASE("process: the interrupted flag kills the group") {
  ScratchDir dir;
  const fs::path script = dir.script("sleeper", "sleep 30");
  std::atomic<bool> interrupted{false};
  eks::PosixProcessRunner runner(&interrupted);
  std::thread pressing_ctrl_c([&interrupted] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    interrupted = true;
  });
  const ProcessResult r = runner.run(spec_for(script));
  pressing_ctrl_c.join();
  CHECK(r.outcome == ProcessResult::Outcome::interrupted);
  CHECK(r.elapsed < std::chrono::milliseconds(5000));
}

TEST_CASE("process: bare names are looked up in the spec's PATH, not ours") {
  ScratchDir dir;
  dir.script("bin/my-plugin", "echo found");
  eks::PosixProcessRunner runner;
  ProcessSpec spec = spec_for("my-plugin");
  spec.env = {"PATH=/nonexistent:" + (dir.path() / "bin").string()};
  const ProcessResult r = runner.run(spec);
  CHECK(r.outcome == ProcessResult::Outcome::exited);
  CHECK(r.out == "found\n");
  CHECK(r.resolved_program == (dir.path() / "bin/my-plugin").string());

  spec.env = {"PATH=/usr/bin:/bin"};
  const ProcessResult missing = runner.run(spec);
  CHECK(missing.outcome == ProcessResult::Outcome::not_found);
  CHECK(missing.resolved_program == "my-plugin");
}

TEST_CASE("look_path: skips non-executables and directories, first absolute match wins") {
  ScratchDir dir;
  dir.write("a/tool", "#!/bin/sh\n", fs::perms::owner_read | fs::perms::owner_write);
  fs::create_directories(dir.path() / "b/tool");
  dir.script("c/tool", "true");
  dir.script("d/tool", "true");
  const std::string path_var = (dir.path() / "a").string() + ":" + (dir.path() / "b").string() + ":" +
                               (dir.path() / "c").string() + ":" + (dir.path() / "d").string();
  bool dot_only = true;
  CHECK(eks::look_path("tool", path_var, &dot_only) == (dir.path() / "c/tool").string());
  CHECK_FALSE(dot_only);
  CHECK(eks::look_path("tool", "", &dot_only).empty());
  CHECK_FALSE(dot_only);
  CHECK(eks::look_path("tool", (dir.path() / "a").string(), &dot_only).empty());
  CHECK_FALSE(dot_only);
}

TEST_CASE("look_path: a match through \".\", an empty element or a relative element is ErrDot") {
  ScratchDir dir;
  dir.script("tool", "true");
  dir.script("rel/tool2", "true");
  const ScopedCwd cwd(dir.path());
  bool dot_only = false;
  CHECK(eks::look_path("tool", ".:/usr/bin", &dot_only).empty());
  CHECK(dot_only);
  dot_only = false;
  CHECK(eks::look_path("tool", "/nonexistent::/usr/bin", &dot_only).empty());
  CHECK(dot_only);
  dot_only = false;
  CHECK(eks::look_path("tool2", "rel", &dot_only).empty());
  CHECK(dot_only);

  eks::PosixProcessRunner runner;
  ProcessSpec spec = spec_for("tool");
  spec.env = {"PATH=.:/usr/bin"};
  const ProcessResult r = runner.run(spec);
  CHECK(r.outcome == ProcessResult::Outcome::not_found);
}

TEST_CASE("process: exec failures of explicit paths say why") {
  ScratchDir dir;
  const fs::path noexec = dir.write("noexec", "#!/bin/sh\necho hi\n", fs::perms::owner_read | fs::perms::owner_write);
  eks::PosixProcessRunner runner;

  const ProcessResult missing = runner.run(spec_for(dir.path() / "missing"));
  CHECK(missing.outcome == ProcessResult::Outcome::spawn_failed);
  CHECK(missing.error_text == "no such file or directory");
  CHECK(missing.resolved_program == (dir.path() / "missing").string());

  const ProcessResult denied = runner.run(spec_for(noexec));
  CHECK(denied.outcome == ProcessResult::Outcome::spawn_failed);
  CHECK(denied.error_text == "permission denied");

  const ProcessResult directory = runner.run(spec_for(dir.path()));
  CHECK(directory.outcome == ProcessResult::Outcome::spawn_failed);
  CHECK(directory.error_text == "permission denied");
}
