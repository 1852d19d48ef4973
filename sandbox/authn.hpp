// Who is calling, and may they do it: the EKS authenticator (token -> STS identity -> access entry,
// eks.md 1.3 and 2.3) plus a tiny RBAC stand-in (access-entry rules).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/clock.hpp"
#include "sandbox/state.hpp"

namespace sandbox {

struct UserInfo {
  std::string username;
  std::string uid;
  std::vector<std::string> groups;
  std::map<std::string, std::vector<std::string>> extra;
  std::vector<Rule> rules;
};

enum class AuthOutcome {
  authenticated,
  anonymous,     // no bearer token at all: system:anonymous
  unauthorized,  // a token was sent and rejected: 401, whatever the reason
};

struct AuthResult {
  AuthOutcome outcome = AuthOutcome::anonymous;
  UserInfo user;
  std::string reason;  // why it was rejected (authenticator log line; never sent to the client)
};

[[nodiscard]] AuthResult authenticate(const State& state, std::string_view authorization_header,
                                      eks::TimePoint now);

[[nodiscard]] bool is_allowed(const UserInfo& user, std::string_view verb, std::string_view resource);

// "arn:aws:iam::A:role/aws-reserved/sso.amazonaws.com/R/Name" -> "arn:aws:iam::A:role/Name".
[[nodiscard]] std::string strip_arn_path(std::string_view arn);

}  // namespace sandbox
