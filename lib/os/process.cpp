// PosixProcessRunner and look_path (see process.hpp). fork + execve, never a shell.
#include "lib/os/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>

namespace eks {

namespace {

using SteadyClock = std::chrono::steady_clock;

// How long we keep reading after the direct child exited while a grandchild still holds a pipe.
constexpr std::chrono::milliseconds k_exit_grace{200};
// How often the interrupted flag and the deadline are checked.
constexpr int k_poll_tick_ms = 50;

// Go's findExecutable: exists, not a directory, executable for us.
bool is_executable_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    return false;
  }
  return ::faccessat(AT_FDCWD, path.c_str(), X_OK, AT_EACCESS) == 0;
}

std::string errno_text(int err) {
  switch (err) {
    case ENOENT:
      return "no such file or directory";
    case EACCES:
      return "permission denied";
    case ENOTDIR:
      return "not a directory";
    case ENOEXEC:
      return "exec format error";
    default: {
      std::string text = std::strerror(err);
      if (!text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
      }
      return text;
    }
  }
}

std::string path_from_env(const std::vector<std::string>& env) {
  // Go's os/exec takes the last duplicate; so do we.
  std::string path;
  for (const std::string& entry : env) {
    if (entry.rfind("PATH=", 0) == 0) {
      path = entry.substr(5);
    }
  }
  return path;
}

// A file descriptor that closes itself.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : m_fd(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return m_fd; }
  void reset(int fd = -1) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = fd;
  }

 private:
  int m_fd = -1;
};

// A pidfd (Linux 5.3+) becomes readable when the child exits, so the wait loop wakes at once
// instead of on its next tick; -1 where the kernel has none (the loop then ticks faster).
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  const long fd = ::syscall(SYS_pidfd_open, pid, 0);
  return fd < 0 ? -1 : static_cast<int>(fd);
#else
  (void)pid;
  return -1;
#endif
}

struct Pipe {
  Fd read;
  Fd write;
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      return false;
    }
    read.reset(fds[0]);
    write.reset(fds[1]);
    return true;
  }
};

std::chrono::milliseconds since(SteadyClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start);
}

// Runs in the forked child: only async-signal-safe calls until execve.
[[noreturn]] void child_exec(const ProcessSpec& spec, const char* path, char* const* argv, char* const* envp,
                             int out_fd, int err_fd, int report_fd) {
  ::setpgid(0, 0);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  ::signal(SIGPIPE, SIG_DFL);
  if (spec.stdin_mode == ProcessSpec::Stdin::null) {
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
      ::dup2(null_fd, STDIN_FILENO);
      ::close(null_fd);
    }
  }
  if (out_fd >= 0) {
    ::dup2(out_fd, STDOUT_FILENO);
  }
  if (err_fd >= 0) {
    ::dup2(err_fd, STDERR_FILENO);
  }
  if (spec.stdout_mode == ProcessSpec::Stdout::to_stderr) {
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
  }
  ::execve(path, argv, envp);
  const int err = errno;
  [[maybe_unused]] const ssize_t n = ::write(report_fd, &err, sizeof err);
  ::_exit(127);
}

// Reads what is available on `fd` into `sink`, up to `limit` bytes kept. Returns false at EOF/error.
bool drain(int fd, std::string& sink, std::size_t limit, bool& overflow) {
  char buf[8192];
  const ssize_t n = ::read(fd, buf, sizeof buf);
  if (n < 0) {
    return errno == EINTR || errno == EAGAIN;
  }
  if (n == 0) {
    return false;
  }
  const std::size_t got = static_cast<std::size_t>(n);
  if (sink.size() + got > limit) {
    sink.append(buf, limit - sink.size());
    overflow = true;
  } else {
    sink.append(buf, got);
  }
  return true;
}

}  // namespace

std::string look_path(const std::string& name, const std::string& path_var, bool* dot_only) {
  if (dot_only != nullptr) {
    *dot_only = false;
  }
  if (name.find('/') != std::string::npos) {
    return is_executable_file(name) ? name : std::string();
  }
  if (name.empty() || path_var.empty()) {
    return {};  // Go: filepath.SplitList("") is empty
  }
  std::string_view rest(path_var);
  while (true) {
    const std::size_t colon = rest.find(':');
    std::string dir(rest.substr(0, colon));
    if (dir.empty()) {
      dir = ".";  // Unix shell semantics: an empty element means "."
    }
    const std::string candidate = dir + "/" + name;
    if (is_executable_file(candidate)) {
      // Go returns the first match; a relative one is ErrDot.
      if (dir.front() != '/') {
        if (dot_only != nullptr) {
          *dot_only = true;
        }
        return {};
      }
      return candidate;
    }
    if (colon == std::string_view::npos) {
      break;
    }
    rest.remove_prefix(colon + 1);
  }
  return {};
}

ProcessResult PosixProcessRunner::run(const ProcessSpec& spec) {
  const SteadyClock::time_point start = SteadyClock::now();
  ProcessResult result;

  if (spec.program.find('/') != std::string::npos) {
    result.resolved_program = spec.program;
  } else {
    bool dot_only = false;
    result.resolved_program = look_path(spec.program, path_from_env(spec.env), &dot_only);
    if (result.resolved_program.empty()) {
      result.outcome = ProcessResult::Outcome::not_found;
      result.resolved_program = spec.program;
      result.error_text = dot_only ? "found only in a relative PATH element (\".\" or empty)"
                                   : "executable file not found in $PATH";
      result.elapsed = since(start);
      return result;
    }
  }

  // Everything the child needs is built before fork (no allocation after it).
  std::vector<std::string> argv_storage;
  argv_storage.reserve(spec.args.size() + 1);
  argv_storage.push_back(spec.program);
  argv_storage.insert(argv_storage.end(), spec.args.begin(), spec.args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  std::vector<std::string> env_storage = spec.env;
  std::vector<char*> envp;
  for (std::string& e : env_storage) {
    envp.push_back(e.data());
  }
  envp.push_back(nullptr);

  Pipe out_pipe;
  Pipe err_pipe;
  Pipe report_pipe;
  const bool capture_out = spec.stdout_mode == ProcessSpec::Stdout::capture;
  const bool capture_err = spec.stderr_mode == ProcessSpec::Stderr::capture;
  if ((capture_out && !out_pipe.open()) || (capture_err && !err_pipe.open()) || !report_pipe.open()) {
    result.outcome = ProcessResult::Outcome::spawn_failed;
    result.error_text = "pipe: " + errno_text(errno);
    result.elapsed = since(start);
    return result;
  }

  const pid_t pid = ::fork();
  if (pid < 0) {
    result.outcome = ProcessResult::Outcome::spawn_failed;
    result.error_text = "fork: " + errno_text(errno);
    result.elapsed = since(start);
    return result;
  }
  if (pid == 0) {
    child_exec(spec, result.resolved_program.c_str(), argv.data(), envp.data(), capture_out ? out_pipe.write.get() : -1,
               capture_err ? err_pipe.write.get() : -1, report_pipe.write.get());
  }
  ::setpgid(pid, pid);  // also in the parent, so the group exists before we might kill it
  out_pipe.write.reset();
  err_pipe.write.reset();
  report_pipe.write.reset();

  // The report pipe closes on a successful execve (CLOEXEC) or carries the exec errno.
  int exec_errno = 0;
  ssize_t n = 0;
  do {
    n = ::read(report_pipe.read.get(), &exec_errno, sizeof exec_errno);
  } while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(sizeof exec_errno)) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.outcome = ProcessResult::Outcome::spawn_failed;
    result.error_text = errno_text(exec_errno);
    result.elapsed = since(start);
    return result;
  }

  const bool has_deadline = spec.timeout.count() > 0;
  const SteadyClock::time_point deadline = start + spec.timeout;
  bool out_open = capture_out;
  bool err_open = capture_err;
  bool exited = false;
  int status = 0;
  SteadyClock::time_point exited_at{};
  bool out_overflow = false;
  bool err_overflow = false;
  std::optional<ProcessResult::Outcome> kill_reason;
  const Fd pidfd(open_pidfd(pid));
  int idle_tick_ms = 1;  // without a pidfd: 1, 2, 4 ... up to k_poll_tick_ms while only the exit is awaited

  while (true) {
    if (!exited) {
      const pid_t w = ::waitpid(pid, &status, WNOHANG);
      if (w == pid) {
        exited = true;
        exited_at = SteadyClock::now();
      }
    }
    if (exited && !out_open && !err_open) {
      break;
    }
    if (m_interrupted != nullptr && m_interrupted->load()) {
      kill_reason = ProcessResult::Outcome::interrupted;
      break;
    }
    if (has_deadline && SteadyClock::now() >= deadline) {
      kill_reason = ProcessResult::Outcome::timed_out;
      break;
    }
    if (exited && SteadyClock::now() - exited_at >= k_exit_grace) {
      break;  // a grandchild holds our pipe open; stop waiting for it (it is killed below)
    }
    pollfd fds[3];
    nfds_t count = 0;
    if (out_open) {
      fds[count++] = pollfd{out_pipe.read.get(), POLLIN, 0};
    }
    if (err_open) {
      fds[count++] = pollfd{err_pipe.read.get(), POLLIN, 0};
    }
    if (!exited && pidfd.get() >= 0) {
      fds[count++] = pollfd{pidfd.get(), POLLIN, 0};
    }
    if (count == 0) {
      // Output closed (or not captured) and no pidfd: wait for the exit with a growing tick.
      ::poll(nullptr, 0, idle_tick_ms);
      idle_tick_ms = std::min(idle_tick_ms * 2, k_poll_tick_ms);
      continue;
    }
    if (::poll(fds, count, k_poll_tick_ms) <= 0) {
      continue;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0 || fds[i].fd == pidfd.get()) {
        continue;  // the pidfd only wakes the loop; waitpid above reaps the child
      }
      if (out_open && fds[i].fd == out_pipe.read.get()) {
        out_open = drain(fds[i].fd, result.out, spec.stdout_limit, out_overflow);
      } else if (err_open && fds[i].fd == err_pipe.read.get()) {
        err_open = drain(fds[i].fd, result.err, spec.stderr_limit, err_overflow);
        if (err_overflow) {
          // Keep draining so the child never blocks on a full pipe; the excess is dropped.
          err_overflow = false;
        }
      }
    }
    if (out_overflow) {
      kill_reason = ProcessResult::Outcome::output_too_large;
      break;
    }
  }

  if (kill_reason || out_open || err_open) {
    // The whole group: the plugin and anything it started that is still attached.
    ::kill(-pid, SIGKILL);
  }
  if (!exited) {
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  result.elapsed = since(start);
  if (kill_reason) {
    result.outcome = *kill_reason;
    return result;
  }
  if (WIFEXITED(status)) {
    result.outcome = ProcessResult::Outcome::exited;
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.outcome = ProcessResult::Outcome::signaled;
    result.signal = WTERMSIG(status);
  }
  return result;
}

std::string describe_outcome(const ProcessResult& result) {
  using Outcome = ProcessResult::Outcome;
  switch (result.outcome) {
    case Outcome::exited: return "exited with " + std::to_string(result.exit_code);
    case Outcome::signaled: return "was killed by signal " + std::to_string(result.signal);
    case Outcome::timed_out: return "timed out";
    case Outcome::interrupted: return "interrupted";
    case Outcome::not_found: return "not found";
    case Outcome::spawn_failed: return "could not start: " + result.error_text;
    case Outcome::output_too_large: return "stopped: its output was too large";
  }
  return "ended";
}

}  // namespace eks
