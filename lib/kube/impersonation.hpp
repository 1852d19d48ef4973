// Impersonation as kubectl 1.32 sends it: a kubeconfig user's `as`, `as-uid`, `as-groups` and
// `as-user-extra` become Impersonate-User, Impersonate-Uid, one Impersonate-Group per group and one
// Impersonate-Extra-<key> per value on every request (client-go transport/round_trippers.go
// NewImpersonatingRoundTripper, headerKeyEscape; the header names as Go's net/http canonicalizes
// them). The API server then answers, SelfSubjectReview included, for the impersonated user.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/kube/kubeconfig.hpp"

namespace eks {

struct Impersonation {
  std::string user;
  std::string uid;
  std::vector<std::string> groups;
  std::map<std::string, std::vector<std::string>> extra;

  [[nodiscard]] bool empty() const { return user.empty() && uid.empty() && groups.empty() && extra.empty(); }
};

[[nodiscard]] Impersonation impersonation_of(const AuthInfo& user);

// The headers, in client-go's order (user, uid, groups, extra keys sorted).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> impersonation_headers(const Impersonation& as);

// headerKeyEscape: bytes that are not HTTP token characters, and '%', become %XX (upper hex).
[[nodiscard]] std::string header_key_escape(std::string_view key);

// textproto.CanonicalMIMEHeaderKey: "impersonate-extra-scopes" -> "Impersonate-Extra-Scopes";
// a key with a byte that is not a token character is returned unchanged.
[[nodiscard]] std::string canonical_header_key(std::string_view key);

// One line for connect and doctor: "user \"jane\" (uid \"42\", groups \"a\", \"b\", extra scopes=\"x\")".
[[nodiscard]] std::string describe_impersonation(const Impersonation& as);

}  // namespace eks
