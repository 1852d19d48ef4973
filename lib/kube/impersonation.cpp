#include "lib/kube/impersonation.hpp"

#include <cctype>

#include <fmt/format.h>

namespace eks {
namespace {

// RFC 7230 tchar, Go's httpguts.IsTokenRune for bytes.
bool is_token_byte(unsigned char c) {
  if (std::isalnum(c) != 0) {
    return true;
  }
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.': case '^':
    case '_': case '`': case '|': case '~':
      return true;
    default: return false;
  }
}

}  // namespace

Impersonation impersonation_of(const AuthInfo& user) {
  return Impersonation{user.impersonate, user.impersonate_uid, user.impersonate_groups, user.impersonate_user_extra};
}

std::string header_key_escape(std::string_view key) {
  std::string out;
  for (char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    if (!is_token_byte(c) || c == '%') {
      out += fmt::format("%{:02X}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string canonical_header_key(std::string_view key) {
  for (char ch : key) {
    if (!is_token_byte(static_cast<unsigned char>(ch))) {
      return std::string(key);
    }
  }
  std::string out(key);
  bool upper = true;
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    ch = static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
    upper = ch == '-';
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> impersonation_headers(const Impersonation& as) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!as.user.empty()) {
    out.emplace_back("Impersonate-User", as.user);
  }
  if (!as.uid.empty()) {
    out.emplace_back("Impersonate-Uid", as.uid);
  }
  for (const auto& g : as.groups) {
    out.emplace_back("Impersonate-Group", g);
  }
  for (const auto& [key, values] : as.extra) {
    const std::string name = canonical_header_key("Impersonate-Extra-" + header_key_escape(key));
    for (const auto& v : values) {
      out.emplace_back(name, v);
    }
  }
  return out;
}

std::string describe_impersonation(const Impersonation& as) {
  std::string out = fmt::format("user \"{}\"", as.user);
  std::vector<std::string> parts;
  if (!as.uid.empty()) {
    parts.push_back(fmt::format("uid \"{}\"", as.uid));
  }
  if (!as.groups.empty()) {
    std::string g = "groups";
    for (std::size_t i = 0; i < as.groups.size(); ++i) {
      g += fmt::format("{} \"{}\"", i == 0 ? "" : ",", as.groups[i]);
    }
    parts.push_back(std::move(g));
  }
  if (!as.extra.empty()) {
    std::string e = "extra";
    bool first = true;
    for (const auto& [key, values] : as.extra) {
      for (const auto& v : values) {
        e += fmt::format("{} {}=\"{}\"", first ? "" : ",", key, v);
        first = false;
      }
    }
    parts.push_back(std::move(e));
  }
  if (!parts.empty()) {
    out += " (";
    for (std::size_t i = 0; i < parts.size(); ++i) {
      out += (i == 0 ? "" : ", ") + parts[i];
    }
    out += ")";
  }
  return out;
}

}  // namespace eks
