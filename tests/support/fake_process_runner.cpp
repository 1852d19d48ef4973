#include "support/fake_process_runner.hpp"

#include <doctest/doctest.h>

namespace eks::test {

FakeProcessRunner::~FakeProcessRunner() {
  if (!m_allow_unused && !m_queue.empty()) {
    FAIL_CHECK("FakeProcessRunner: " << m_queue.size() << " expected call(s) never happened (after "
                                     << m_calls.size() << " call(s)); call allow_unused() if that is the point");
  }
}

void FakeProcessRunner::expect_exit(int exit_code, std::string out, std::string err) {
  ProcessResult r;
  r.outcome = ProcessResult::Outcome::exited;
  r.exit_code = exit_code;
  r.out = std::move(out);
  r.err = std::move(err);
  expect(std::move(r));
}

void FakeProcessRunner::expect_outcome(ProcessResult::Outcome outcome, std::string error_text) {
  ProcessResult r;
  r.outcome = outcome;
  r.error_text = std::move(error_text);
  expect(std::move(r));
}

ProcessResult FakeProcessRunner::run(const ProcessSpec& spec) {
  m_calls.push_back(spec);
  if (m_queue.empty()) {
    ++m_unexpected;
    ProcessResult r;
    r.outcome = ProcessResult::Outcome::spawn_failed;
    r.error_text = "FakeProcessRunner: unexpected call to " + spec.program;
    return r;
  }
  ProcessResult r = std::move(m_queue.front());
  m_queue.pop_front();
  if (r.resolved_program.empty()) {
    r.resolved_program = spec.program;
  }
  return r;
}

std::string env_value(const ProcessSpec& spec, const std::string& name) {
  const std::string prefix = name + "=";
  std::string value;
  for (const std::string& entry : spec.env) {
    if (entry.rfind(prefix, 0) == 0) {
      value = entry.substr(prefix.size());
    }
  }
  return value;
}

}  // namespace eks::test
