#include "sandbox/authn.hpp"

#include <algorithm>
#include <cctype>

#include "lib/util/strings.hpp"
#include "sandbox/identity.hpp"
#include "sandbox/token.hpp"

namespace sandbox {
using eks::to_lower;
namespace {

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

AuthResult reject(std::string reason) {
  AuthResult r;
  r.outcome = AuthOutcome::unauthorized;
  r.reason = std::move(reason);
  return r;
}

const AccessEntry* find_entry(const State& state, std::string_view canonical_arn) {
  if (state.admin.value("authenticationMode", "") == "CONFIG_MAP") {
    return nullptr;  // CONFIG_MAP mode ignores access entries (eks.md 2.2); aws-auth is not simulated
  }
  for (const auto& e : state.access_entries) {
    if (to_lower(strip_arn_path(e.principal_arn)) == to_lower(canonical_arn)) {
      return &e;
    }
  }
  return nullptr;
}

AuthResult mapped(const AccessEntry& entry, UserInfo user, const std::string& session,
                  const std::string& account, const std::string& akid) {
  // {{SessionName}} turns '@' into '-' (aws-iam-authenticator renderTemplate, eks.md 2.3).
  std::string name = replace_all(entry.username.empty() ? user.username : entry.username,
                                 "{{SessionName}}", replace_all(session, "@", "-"));
  name = replace_all(name, "{{AccountID}}", account);
  name = replace_all(name, "{{AccessKeyID}}", akid);
  user.username = name;
  user.groups = entry.groups;
  user.groups.emplace_back("system:authenticated");
  user.rules = entry.rules;
  AuthResult r;
  r.outcome = AuthOutcome::authenticated;
  r.user = std::move(user);
  return r;
}

AuthResult authenticate_aws(const State& state, std::string_view token, eks::TimePoint now) {
  auto parsed = parse_eks_token(token, now);
  if (!parsed) {
    return reject(parsed.error().message);
  }
  const std::string& akid = parsed->access_key_id;
  if (akid.rfind("ASIA", 0) == 0) {
    const auto session = decode_security_token(parsed->session_token);
    if (!session || sso_access_key_id(*session) != akid) {
      return reject("sts getCallerIdentity failed: InvalidClientTokenId: The security token included in the request is invalid");
    }
    if (!signature_matches(*parsed, derived_secret_key(akid), state.cluster_name)) {
      return reject("sts getCallerIdentity failed: SignatureDoesNotMatch (token for another cluster name?)");
    }
    const AccessEntry* entry = find_entry(state, canonical_role_arn(*session));
    if (entry == nullptr) {
      return reject("identity is not mapped: " + assumed_role_arn(*session));
    }
    const std::string role_id = role_unique_id(session->account_id, session->role_name);
    UserInfo user;
    user.uid = "aws-iam-authenticator:" + session->account_id + ":" + role_id;
    user.extra = {{"accessKeyId", {akid}},
                  {"arn", {assumed_role_arn(*session)}},
                  {"canonicalArn", {canonical_role_arn(*session)}},
                  {"principalId", {role_id}},
                  {"sessionName", {session->session_name}},
                  {"sigs.k8s.io/aws-iam-authenticator/principalId", {role_id}}};
    return mapped(*entry, user, session->session_name, session->account_id, akid);
  }
  for (const auto& iam_user : state.iam_users) {
    if (iam_user.access_key_id != akid) {
      continue;
    }
    if (!signature_matches(*parsed, iam_user.secret_access_key, state.cluster_name)) {
      return reject("sts getCallerIdentity failed: SignatureDoesNotMatch");
    }
    const AccessEntry* entry = find_entry(state, iam_user.arn);
    if (entry == nullptr) {
      return reject("identity is not mapped: " + iam_user.arn);
    }
    UserInfo user;
    user.username = iam_user.arn;
    user.uid = "aws-iam-authenticator:" + state.account_id + ":" + iam_user.user_id;
    user.extra = {{"accessKeyId", {akid}},
                  {"arn", {iam_user.arn}},
                  {"canonicalArn", {iam_user.arn}},
                  {"principalId", {iam_user.user_id}},
                  {"sigs.k8s.io/aws-iam-authenticator/principalId", {iam_user.user_id}}};
    return mapped(*entry, user, "", state.account_id, akid);
  }
  return reject("sts getCallerIdentity failed: InvalidClientTokenId: unknown access key " + akid);
}

}  // namespace

std::string strip_arn_path(std::string_view arn) {
  const auto role = arn.find(":role/");
  if (role == std::string_view::npos) {
    return std::string(arn);
  }
  const auto last = arn.rfind('/');
  return std::string(arn.substr(0, role + 6)) + std::string(arn.substr(last + 1));
}

AuthResult authenticate(const State& state, std::string_view header, eks::TimePoint now) {
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.front())) != 0) {
    header.remove_prefix(1);
  }
  while (!header.empty() && std::isspace(static_cast<unsigned char>(header.back())) != 0) {
    header.remove_suffix(1);
  }
  const auto space = header.find(' ');
  if (header.empty() || space == std::string_view::npos || to_lower(header.substr(0, space)) != "bearer") {
    AuthResult anon;
    anon.user.username = "system:anonymous";
    anon.user.groups = {"system:unauthenticated"};
    return anon;
  }
  std::string_view token = header.substr(space + 1);
  while (!token.empty() && token.front() == ' ') {
    token.remove_prefix(1);
  }
  if (token.empty() || token.find(' ') != std::string_view::npos) {
    return reject("invalid bearer token");
  }
  for (const auto& st : state.static_tokens) {
    if (st.token == token) {
      AuthResult r;
      r.outcome = AuthOutcome::authenticated;
      r.user.username = st.username;
      r.user.uid = "static-token:" + st.username;  // never the token itself
      r.user.groups = st.groups;
      r.user.groups.emplace_back("system:authenticated");
      r.user.rules = st.rules;
      return r;
    }
  }
  if (token.rfind(k_token_prefix_v1, 0) != 0) {
    return reject("invalid bearer token");
  }
  return authenticate_aws(state, token, now);
}

bool is_allowed(const UserInfo& user, std::string_view verb, std::string_view resource) {
  const auto has = [](const std::vector<std::string>& list, std::string_view v) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return x == "*" || x == v; });
  };
  return std::any_of(user.rules.begin(), user.rules.end(),
                     [&](const Rule& r) { return has(r.verbs, verb) && has(r.resources, resource); });
}

}  // namespace sandbox
