#include "lib/os/recording_runner.hpp"

#include <filesystem>

namespace eks {

ProcessResult RecordingProcessRunner::run(const ProcessSpec& spec) {
  RecordedProcess rec;
  rec.argv.push_back(spec.program);
  rec.argv.insert(rec.argv.end(), spec.args.begin(), spec.args.end());
  ProcessResult result = m_inner.run(spec);
  rec.outcome = result.outcome;
  rec.exit_code = result.exit_code;
  m_processes.push_back(std::move(rec));
  return result;
}

bool RecordingProcessRunner::login_started() const {
  for (const auto& p : m_processes) {
    if (starts_login(p.argv)) {
      return true;
    }
  }
  return false;
}

bool starts_login(const std::vector<std::string>& argv) {
  if (argv.empty()) {
    return false;
  }
  const std::string base = std::filesystem::path(argv.front()).filename().string();
  if (base != "aws" && base != "aws.exe" && base != "aws2") {
    return false;
  }
  // Conservative on purpose (a false alarm is safe, a miss is not): any non-option word "login"
  // (`aws sso login`, `aws login`, even a profile named "login"), or `configure sso`, which runs
  // the same browser flow.
  std::string previous;
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    if (word.rfind("-", 0) == 0) {
      continue;
    }
    if (word == "login" || (previous == "configure" && word == "sso")) {
      return true;
    }
    previous = word;
  }
  return false;
}

}  // namespace eks
