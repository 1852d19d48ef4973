// The rows of `eks-sso contexts`: each context of the merged kubeconfig with its cluster, user,
// namespace, server and auth summary. Pure: no plugin runs, no network (issue 2; the SSO column
// is filled in by the caller from the AWS config and token cache).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/session/auth_summary.hpp"
#include "lib/util/env.hpp"
#include "lib/kube/kubeconfig.hpp"

namespace eks {

struct SsoColumn {
  std::string state = "unknown";  // valid | expired | missing | not-sso | unknown
  std::string expires_at;         // RFC 3339, "" when unknown
  std::string start_url;
  std::string session;
  std::string text;  // what the table shows, e.g. "valid (7h59m left)", "expired 2h ago"
  std::string profile;  // the profile that owns the SSO session (a role chain's source, ...)
  std::string via;      // "", "source_profile", "credential_process"
  bool login_required = false;  // get-token is expected to stop for an SSO login (exit 3)
  std::string reason;           // the login_required outcome's reason when login_required
};

struct ContextEntry {
  std::string name;
  bool current = false;
  std::string cluster;
  std::string user;
  std::string namespace_;
  std::string server;  // "" when the cluster entry is missing
  std::string origin;  // the kubeconfig file that defined the context
  AuthSummary auth;
  SsoColumn sso;
  std::optional<Env> plugin_env;  // the environment the exec plugin gets (unset for non-exec users)
  // The user `auth` summarizes (the wrapped one for eks-sso's wrapper) and the environment it was
  // summarized with; `keep` owns the kubeconfig the user lives in when a wrapper named another.
  const AuthInfo* auth_user = nullptr;
  Env auth_env;
  std::shared_ptr<const Kubeconfig> keep;
};

// Sorted by name (as kubectl config get-contexts). `names`, when not empty, filters.
[[nodiscard]] std::vector<ContextEntry> list_contexts(const Kubeconfig& config, const Env& env);

// Replaces the auth of every context whose user runs eks-sso's own wrapper with the auth of the
// user it wraps (issue 16, defect 3). Reads kubeconfig files when a wrapper names other ones; a
// wrapper that cannot be followed keeps its own summary (shown as not SSO). `sources` are the files
// `config` was loaded from.
void follow_wrapper_entries(std::vector<ContextEntry>& entries, const std::shared_ptr<const Kubeconfig>& config,
                            const KubeconfigSources& sources, const Env& env);

// The contract's JSON object for one context.
[[nodiscard]] nlohmann::json context_to_json(const ContextEntry& entry);

// Table rows (header first unless no_headers). Default (issue 16, defect 4: what fits a
// terminal): CURRENT NAME PROFILE REGION SSO, kubectl's first two columns then the SSO ones.
// Wide: CURRENT NAME CLUSTER AUTHINFO NAMESPACE SERVER AUTH PROFILE REGION EKS-CLUSTER SSO (the
// first five are kubectl config get-contexts').
[[nodiscard]] std::vector<std::vector<std::string>> context_rows(const std::vector<ContextEntry>& entries,
                                                                 bool no_headers, bool wide = false);

// The columns of context_rows that may be shortened to fit a terminal (names, profiles).
[[nodiscard]] std::vector<size_t> context_shrinkable_columns(bool wide);

}  // namespace eks
