// Running child processes: the OS boundary for exec plugins and the AWS CLI. Commands are never
// run through a shell. Abstract so tests can replace it (model: ninja's CommandRunner).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace eks {

struct ProcessSpec {
  // A bare name is looked up in the PATH of `env` (like Go's exec.LookPath, which ignores "."
  // and empty PATH elements: ErrDot); a name containing '/' is used as is.
  std::string program;
  std::vector<std::string> args;  // argv[1..]
  std::vector<std::string> env;   // the complete environment, "NAME=value"
  enum class Stdin { null, inherit };
  Stdin stdin_mode = Stdin::null;
  // capture: stderr is read into ProcessResult::err; inherit: the child writes to our stderr.
  enum class Stderr { capture, inherit };
  Stderr stderr_mode = Stderr::capture;
  // capture: stdout is read into ProcessResult::out; inherit: the child writes to our stdout;
  // to_stderr: the child's stdout goes where its stderr goes (keeps our stdout for data).
  enum class Stdout { capture, inherit, to_stderr };
  Stdout stdout_mode = Stdout::capture;
  std::chrono::milliseconds timeout{30000};  // 0 = none
  std::size_t stdout_limit = 4 * 1024 * 1024;
  std::size_t stderr_limit = 1024 * 1024;
};

struct ProcessResult {
  enum class Outcome {
    exited,              // exit_code is valid
    signaled,            // killed by signal `signal`
    timed_out,           // killed (with its process group) after spec.timeout
    interrupted,         // killed because the user pressed Ctrl-C
    not_found,           // bare name not found in PATH (or only via "." / empty element)
    spawn_failed,        // exec failed: error_text says why (no such file, permission denied)
    output_too_large,    // stdout exceeded stdout_limit; the process group was killed
  };
  Outcome outcome = Outcome::exited;
  int exit_code = -1;
  int signal = 0;
  std::string out;
  std::string err;
  std::string resolved_program;  // the path that was executed (or attempted)
  std::string error_text;        // for spawn_failed: e.g. "no such file or directory"
  std::chrono::milliseconds elapsed{0};
};

// How a run ended, for logs: "exited with 0", "was killed by signal 9", "timed out", "interrupted",
// "not found", "could not start: <why>", "stopped: its output was too large".
[[nodiscard]] std::string describe_outcome(const ProcessResult& result);

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  virtual ProcessResult run(const ProcessSpec& spec) = 0;
};

// The real runner: fork/exec in a new process group, poll()-based capture with caps, SIGKILL to
// the whole group on timeout, on overflow or when *interrupted becomes true.
class PosixProcessRunner final : public ProcessRunner {
 public:
  explicit PosixProcessRunner(const std::atomic<bool>* interrupted = nullptr) : m_interrupted(interrupted) {}
  ProcessResult run(const ProcessSpec& spec) override;

 private:
  const std::atomic<bool>* m_interrupted;
};

// PATH lookup as Go's exec.LookPath does it. Returns "" when not found; sets `dot_only` when the
// only match was through a relative PATH element ("." or empty), which Go refuses (ErrDot).
[[nodiscard]] std::string look_path(const std::string& name, const std::string& path_var, bool* dot_only = nullptr);

}  // namespace eks
