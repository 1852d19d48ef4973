// A ProcessRunner decorator that records every process it starts, so a command can prove what it
// ran (logout-test: "no aws sso login, no browser"). It passes each spec on unchanged.
#pragma once

#include <string>
#include <vector>

#include "lib/os/process.hpp"

namespace eks {

struct RecordedProcess {
  std::vector<std::string> argv;  // program as given (not the resolved path), then the args
  ProcessResult::Outcome outcome = ProcessResult::Outcome::exited;
  int exit_code = -1;
};

class RecordingProcessRunner final : public ProcessRunner {
 public:
  explicit RecordingProcessRunner(ProcessRunner& inner) : m_inner(inner) {}
  ProcessResult run(const ProcessSpec& spec) override;

  [[nodiscard]] const std::vector<RecordedProcess>& processes() const { return m_processes; }
  // True when any recorded process was an interactive login (see starts_login).
  [[nodiscard]] bool login_started() const;

 private:
  ProcessRunner& m_inner;
  std::vector<RecordedProcess> m_processes;
};

// True for an AWS CLI argv that starts a login a person must complete: `aws sso login`,
// `aws login` (v2 >= 2.32) or `aws configure sso`, whatever the options around the words.
[[nodiscard]] bool starts_login(const std::vector<std::string>& argv);

}  // namespace eks
