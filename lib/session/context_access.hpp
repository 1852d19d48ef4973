// Opening a kubeconfig context and getting its credential, the first half of every command that
// talks to a cluster (connect, get nodes, doctor, logout-test, login's verification). A missing or
// expired SSO token becomes the LoginRequired outcome, enriched from the AWS config and the SSO
// token cache (start URL, session, when it expired); eks-sso never starts a login here.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "lib/session/auth_summary.hpp"
#include "lib/aws/cli_version.hpp"
#include "lib/session/credential.hpp"
#include "lib/os/deps.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/aws/sso_state.hpp"

namespace eks {

struct ContextAccess {
  std::shared_ptr<const Kubeconfig> config;  // owns what `selection` points into
  Selection selection;
  std::string context_name;  // the selected context's name
  AuthSummary auth;
  // When the context's user runs eks-sso's own wrapper and it was followed: the kubeconfig that
  // owns the wrapped user (selection.user then points at it), and the wrapper's user name.
  std::shared_ptr<const Kubeconfig> wrapped_config;
  std::string wrapper_user;
};

enum class WrapperPolicy { follow, keep };

// Loads the kubeconfig and selects the context (current-context when `context_name` is empty).
// A user that runs `eks-sso ... credential` is followed to the user it wraps (issue 16, defect 3)
// unless `wrappers` is keep (`eks-sso credential` itself).
[[nodiscard]] Result<ContextAccess> open_context(const KubeconfigSources& sources, std::string_view context_name,
                                                 const Env& env, WrapperPolicy wrappers = WrapperPolicy::follow);

// Follows the selected user when it runs eks-sso's wrapper (no-op otherwise): selection.user and
// auth then describe the wrapped user. `sources` are the files access.config was loaded from.
[[nodiscard]] Status follow_wrapper_in(ContextAccess& access, const KubeconfigSources& sources, const Env& env);

struct CredentialOutcome {
  CredentialAttempt attempt;
  std::optional<LoginRequired> login;  // set when the failure is one a login fixes (exit 3)
};

struct AccessOptions {
  std::chrono::milliseconds exec_timeout{30000};
  TerminalPolicy terminal = TerminalPolicy::never;  // verifying commands never hand over a terminal
  std::string kubeconfig_flag;                       // repeated in the eks-sso login command
};

// Runs the credential source (token, tokenFile, client certificate or exec plugin).
[[nodiscard]] CredentialOutcome get_credential(const ContextAccess& access, const AccessOptions& options, Deps& deps);

// Fills start URL, session and expiry from what the SSO token cache says about `profile`
// (files only), and the AWS CLI v1 note. The plugin's verdict is kept: the cache only adds detail.
void enrich_login_required(LoginRequired& login, const ContextAccess& access, Deps& deps);

// The SSO summary (files only) for the context's AWS profile; nullopt for non-AWS plugins.
[[nodiscard]] std::optional<SsoSummary> sso_summary_for(const ContextAccess& access, Deps& deps);

// `aws --version` for the plugin's command (the PATH and env the plugin gets); nullopt when it
// cannot be run or parsed.
[[nodiscard]] std::optional<AwsCliVersion> detect_aws_cli_version(const ContextAccess& access, Deps& deps);

}  // namespace eks
