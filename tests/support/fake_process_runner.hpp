// FakeProcessRunner: a ProcessRunner for tests (model: ninja's FakeCommandRunner). Results are
// queued in order; every ProcessSpec it is given is recorded; a call with nothing queued is
// recorded as unexpected and answered with spawn_failed, so a test can assert it never happened.
// Like gh's internal/run/stub.go, it checks itself: a result queued but never asked for fails the
// test when the fake goes out of scope (allow_unused() opts out, for the few tests that leave one
// queued on purpose).
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <vector>

#include "lib/os/process.hpp"

namespace eks::test {

class FakeProcessRunner final : public ProcessRunner {
 public:
  FakeProcessRunner() = default;
  FakeProcessRunner(const FakeProcessRunner&) = delete;
  FakeProcessRunner& operator=(const FakeProcessRunner&) = delete;
  ~FakeProcessRunner() override;

  // The test leaves queued results unused on purpose: the destructor does not fail it.
  void allow_unused() { m_allow_unused = true; }
  // Queues the answer for the next run().
  void expect(ProcessResult result) { m_queue.push_back(std::move(result)); }
  // Shorthands for the common answers.
  void expect_exit(int exit_code, std::string out, std::string err = "");
  void expect_outcome(ProcessResult::Outcome outcome, std::string error_text = "");

  ProcessResult run(const ProcessSpec& spec) override;

  [[nodiscard]] const std::vector<ProcessSpec>& calls() const { return m_calls; }
  [[nodiscard]] std::size_t unused() const { return m_queue.size(); }
  [[nodiscard]] std::size_t unexpected_calls() const { return m_unexpected; }
  // True when every queued result was used and no call came without one.
  [[nodiscard]] bool all_used() const { return m_queue.empty() && m_unexpected == 0; }

 private:
  std::deque<ProcessResult> m_queue;
  std::vector<ProcessSpec> m_calls;
  std::size_t m_unexpected = 0;
  bool m_allow_unused = false;
};

// The value of NAME in a spec's env ("" when absent); the last duplicate wins, as in execve users.
[[nodiscard]] std::string env_value(const ProcessSpec& spec, const std::string& name);

}  // namespace eks::test
