#include "lib/util/env.hpp"

namespace eks {

Env Env::from_environ(char** environ_array) {
  Env env;
  for (char** p = environ_array; p != nullptr && *p != nullptr; ++p) {
    std::string_view entry(*p);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      continue;
    }
    // First occurrence wins, as getenv() does.
    env.m_vars.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

std::optional<std::string> Env::get(std::string_view name) const {
  const auto it = m_vars.find(std::string(name));
  if (it == m_vars.end()) {
    return std::nullopt;
  }
  return it->second;
}

std::string Env::get_or_empty(std::string_view name) const { return get(name).value_or(""); }

bool Env::has(std::string_view name) const {
  const auto v = get(name);
  return v.has_value() && !v->empty();
}

void Env::set(std::string name, std::string value) { m_vars[std::move(name)] = std::move(value); }

void Env::unset(std::string_view name) { m_vars.erase(std::string(name)); }

std::vector<std::string> Env::to_strings() const {
  std::vector<std::string> out;
  out.reserve(m_vars.size());
  for (const auto& [k, v] : m_vars) {
    out.push_back(k + "=" + v);
  }
  return out;
}

}  // namespace eks
