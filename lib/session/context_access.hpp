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
  // When the context's user runs eks-sso's own wrapper and it was followed: the kubeconfig that
  // owns the wrapped user (selection.user then points at it), and the wrapper's user name.
  std::shared_ptr<const Kubeconfig> wrapped_config;
  std::string wrapper_user;
};

enum class WrapperPolicy { follow, keep };

// Loads the kubeconfig, selects the context (current-context when `context_name` is empty) and
// validates it as kubectl does (kubeconfig_validation.hpp: exit 7 with kubectl's wording).
// A user that runs `eks-sso ... credential` is followed to the user it wraps (issue 16, defect 3)
// unless `wrappers` is keep (`eks-sso credential` itself).
[[nodiscard]] Result<ContextAccess> open_context(const KubeconfigSources& sources, std::string_view context_name,
                                                 const Env& env, WrapperPolicy wrappers = WrapperPolicy::follow);

// Follows the selected user when it runs eks-sso's wrapper (no-op otherwise): selection.user and
// auth then describe the wrapped user. `sources` are the files access.config was loaded from.
[[nodiscard]] Status follow_wrapper_in(ContextAccess& access, const KubeconfigSources& sources, const Env& env);

// Points the access at `user` (which must outlive it): its auth summary and plugin environment
// from `process_env`, and a fresh memo (what was read for the old user no longer applies).
void bind_user(ContextAccess& access, const AuthInfo* user, const Env& process_env);

// Fills start URL, session and expiry from what the SSO token cache says about `profile`
// (files only), and the AWS CLI v1 note. The plugin's verdict is kept: the cache only adds detail,
// and names the profile that owns the SSO session (a role chain's source, a credential_process's
// wrapped profile) with the plugin's own profile as requested_profile.
void enrich_login_required(LoginRequired& login, const ContextAccess& access, Deps& deps);

// The SSO summary (files only) for the context's AWS profile; nullopt for non-AWS plugins.
// `cli_major` is the plugin's AWS CLI major version (1 or 2); `access.auth` must have been
// summarised for the same version (its profile precedence differs).
[[nodiscard]] std::optional<SsoSummary> sso_summary_for(const ContextAccess& access, Deps& deps,
                                                        int cli_major = 2);

// Re-summarises access.auth for the AWS CLI major version the plugin runs (v1 reads
// AWS_DEFAULT_PROFILE before AWS_PROFILE, botocore configprovider), with a memo of its own that
// keeps the version; a no-op for 2.
void apply_cli_major(ContextAccess& access, const Env& env, int cli_major);

// `aws --version` for the plugin's command (the PATH and env the plugin gets); nullopt when it
// cannot be run or parsed.
[[nodiscard]] std::optional<AwsCliVersion> detect_aws_cli_version(const ContextAccess& access, Deps& deps);
[[nodiscard]] std::optional<AwsCliVersion> detect_aws_cli_version(const ExecConfig& exec, Deps& deps);

// True when the AWS CLI's major version changes which profile the plugin uses: no --profile, and
// AWS_PROFILE and AWS_DEFAULT_PROFILE both set to different values in the plugin's environment
// (v1 takes AWS_DEFAULT_PROFILE, v2 AWS_PROFILE; docs/spec/aws.md 2.5). Files-only commands
// (contexts) run `aws --version` only then, or when CLI v2's role-credential cache is in play.
[[nodiscard]] bool profile_depends_on_cli_major(const ExecConfig& exec, const Env& process_env);

}  // namespace eks
