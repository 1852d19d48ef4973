// The clock, injected so tests can fix "now" (expiry arithmetic, ages, token windows).
#pragma once

#include <chrono>

namespace eks {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// A clock that says what it is told (tests).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : m_now(t) {}
  [[nodiscard]] TimePoint now() const override { return m_now; }
  void set(TimePoint t) { m_now = t; }
  void advance(std::chrono::seconds d) { m_now += d; }

 private:
  TimePoint m_now;
};

}  // namespace eks
