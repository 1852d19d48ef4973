// A snapshot of the process environment, taken once in main and passed down (no getenv below main).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eks {

class Env {
 public:
  Env() = default;
  explicit Env(std::map<std::string, std::string> vars) : m_vars(std::move(vars)) {}
  // Builds a snapshot from an environ-style array ("NAME=value" strings, null-terminated).
  static Env from_environ(char** environ_array);

  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  // The value, or "" when unset.
  [[nodiscard]] std::string get_or_empty(std::string_view name) const;
  // True when set to a non-empty value.
  [[nodiscard]] bool has(std::string_view name) const;
  void set(std::string name, std::string value);
  void unset(std::string_view name);
  [[nodiscard]] const std::map<std::string, std::string>& vars() const { return m_vars; }
  // "NAME=value" strings, for execve.
  [[nodiscard]] std::vector<std::string> to_strings() const;

 private:
  std::map<std::string, std::string> m_vars;
};

}  // namespace eks
