// Opening a kubeconfig context, the first half of every command that talks to a cluster (connect,
// get nodes, doctor, logout-test, login's verification; its credential: context_credential.hpp).
// The context remembers what the command learned about it: the plugin's environment is computed
// once here, and the SSO summary (the AWS config and the SSO token file) and `aws --version` are
// read at most once per command, however many steps ask. A missing or expired SSO token becomes
// the LoginRequired outcome, enriched from those (start URL, session, when it expired); eks-sso
// never starts a login here.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "lib/session/auth_summary.hpp"
#include "lib/aws/cli_version.hpp"
#include "lib/os/deps.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/session/credential.hpp"
#include "lib/aws/sso_state.hpp"

namespace eks {

// What one command has read about a context, so that no step reads it again (the files do not
// change under a running command; `bind_user` forgets it when the user is rewired).
struct ContextMemo {
  std::optional<std::optional<SsoSummary>> sso;
  std::optional<std::optional<AwsCliVersion>> aws_cli_version;
};

struct ContextAccess {
  std::shared_ptr<const Kubeconfig> config;  // owns what `selection` points into
  Selection selection;
  std::string context_name;  // the selected context's name
  AuthSummary auth;
  Env plugin_env;  // what the exec plugin sees: the process env plus the exec env list (later wins)
  std::shared_ptr<ContextMemo> memo = std::make_shared<ContextMemo>();  // copies share it; bind_user renews it
};

// Loads the kubeconfig and selects the context (current-context when `context_name` is empty).
[[nodiscard]] Result<ContextAccess> open_context(const KubeconfigSources& sources, std::string_view context_name,
                                                 const Env& env);

// Points the access at `user` (which must outlive it): its auth summary and plugin environment
// from `process_env`, and a fresh memo (what was read for the old user no longer applies).
void bind_user(ContextAccess& access, const AuthInfo* user, const Env& process_env);

// Fills start URL, session and expiry from what the SSO token cache says about `profile`
// (files only), and the AWS CLI v1 note. The plugin's verdict is kept: the cache only adds detail.
void enrich_login_required(LoginRequired& login, const ContextAccess& access, Deps& deps);

// The SSO summary (files only) for the context's AWS profile; nullopt for non-AWS plugins.
[[nodiscard]] std::optional<SsoSummary> sso_summary_for(const ContextAccess& access, Deps& deps);

// `aws --version` for the plugin's command (the PATH and env the plugin gets); nullopt when it
// cannot be run or parsed.
[[nodiscard]] std::optional<AwsCliVersion> detect_aws_cli_version(const ContextAccess& access, Deps& deps);

}  // namespace eks
