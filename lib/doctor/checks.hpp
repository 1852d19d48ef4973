// Internal to doctor: the state the checks share (what an earlier check learned) and the check
// functions. Each check reads the state, may add to it, and returns its Finding; none prints.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/aws/access_entry.hpp"
#include "lib/aws/admin_answers.hpp"
#include "lib/aws/cli_version.hpp"
#include "lib/aws/config.hpp"
#include "lib/aws/profile.hpp"
#include "lib/session/context_access.hpp"
#include "lib/session/context_credential.hpp"
#include "lib/doctor/doctor.hpp"
#include "lib/kube/client.hpp"
#include "lib/os/process.hpp"
#include "lib/aws/sso_state.hpp"

namespace eks::doctor {

struct State {
  explicit State(const DoctorInput& in) : input(in) {}
  const DoctorInput& input;
  std::shared_ptr<const Kubeconfig> config;
  std::optional<ContextAccess> access;
  bool aws_plugin = false;   // aws or aws-iam-authenticator
  std::string cluster_name;  // the EKS cluster for commands: plugin args, else the cluster ARN
  std::string region;
  std::string partition = "aws";
  std::optional<AwsCliVersion> cli_version;
  int cli_major = 2;
  bool cli_missing = false;  // the plugin's command is not on its PATH
  std::optional<AwsConfig> aws_config;
  std::optional<ProfileAnalysis> profile;
  std::optional<SsoSummary> sso;
  std::optional<CredentialOutcome> credential;
  std::optional<KubeClient> client;
  std::optional<UserInfo> user_info;
  std::optional<CallerIdentity> caller;  // aws sts get-caller-identity, run at most once
  bool caller_tried = false;
  std::string caller_error;
  std::string role_arn;  // aws iam get-role's answer ("" when unknown)
  bool role_tried = false;
  // --admin-profile (lib/doctor/checks_admin.cpp)
  std::string admin_sso_region;        // the user's profile's sso_region
  std::string admin_account;           // sso_account_id, else the cluster ARN's account
  std::string admin_permission_set;    // --permission-set, else sso_role_name
  std::optional<SsoInstance> admin_instance;
  std::string admin_permission_set_arn;
  std::string admin_role_arn;          // AWSReservedSSO_<set>_<hash> with its path
  bool admin_login_required = false;   // the admin profile's SSO token: later admin checks skip
  std::string cluster_auth_mode;       // describe-cluster's accessConfig.authenticationMode ("" = unknown)
  std::string access_principal;        // the --principal-arn of the user-side access-entry fixes
  // Set when the credentials the plugin gets do not come from AWS SSO: which ones won and why, for
  // the verdict ("" = SSO is used, or no AWS plugin runs; see not_sso in DoctorReport).
  std::string not_sso;
};

// config (lib/doctor/checks_config.cpp)
[[nodiscard]] Finding check_kubeconfig(State& s, Deps& deps);
[[nodiscard]] Finding check_context(State& s, Deps& deps);
[[nodiscard]] Finding check_exec_plugin(State& s, Deps& deps);
// AWS side (lib/doctor/checks_aws.cpp)
[[nodiscard]] Finding check_aws_cli(State& s, Deps& deps);
[[nodiscard]] Finding check_aws_profile(State& s, Deps& deps);
[[nodiscard]] Finding check_sso_token(State& s, Deps& deps);
[[nodiscard]] Finding check_credential(State& s, Deps& deps);
// When sso-token and credential disagree, believe the plugin and say so in both findings.
void reconcile_sso_and_credential(Finding& sso_token, Finding& credential, State& s);
// cluster side (lib/doctor/checks_cluster.cpp)
[[nodiscard]] Finding check_api_reachable(State& s, Deps& deps);
[[nodiscard]] Finding check_api_authenticated(State& s, Deps& deps);
[[nodiscard]] Finding check_can_list_nodes(State& s, Deps& deps);

// admin side, with --admin-profile (lib/doctor/checks_admin.cpp)
[[nodiscard]] Finding check_identity_center(State& s, Deps& deps);
[[nodiscard]] Finding check_permission_set(State& s, Deps& deps);
[[nodiscard]] Finding check_account_assignment(State& s, Deps& deps);
[[nodiscard]] Finding check_cluster_auth_mode(State& s, Deps& deps);
[[nodiscard]] Finding check_access_entry(State& s, Deps& deps);

// ---- helpers shared by the check files ----

// The environment the exec plugin (and our own AWS CLI runs) get.
[[nodiscard]] Env plugin_env(const State& s, const Deps& deps);
// Runs a read-only AWS CLI command as the plugin would (its command, PATH, env, --profile), and
// lists it on deps.err with verbosity >= 1.
[[nodiscard]] ProcessResult run_aws_readonly(State& s, Deps& deps, std::vector<std::string> args);
// Lists a command on deps.err with verbosity >= 1 ("doctor: running (read-only): ...").
void log_run(const State& s, Deps& deps, const std::string& display);
// "aws sts get-caller-identity" once per context; fills s.caller or s.caller_error.
void ensure_caller_identity(State& s, Deps& deps);
// "aws iam get-role" once, for the role in `caller`; fills s.role_arn when it answers.
void ensure_role_arn(State& s, Deps& deps, const CallerArn& caller);
// The failed finding of `id` for a login-required outcome, with its fix commands (checks_aws.cpp).
[[nodiscard]] Finding login_finding(std::string_view id, const LoginRequired& login, TimePoint now);
// The plugin's --role-arn (update-kubeconfig writes it as --role), "" when none.
[[nodiscard]] std::string plugin_role_arn(const State& s);
// The fix for the kubeconfig entry of this context.
[[nodiscard]] std::string update_kubeconfig_fix(const State& s);
// The --kubeconfig/--context words repeated in commands we print (eks-sso ...).
[[nodiscard]] std::string context_flags(const State& s);
// After every check ran: the access-entry fixes of api-authenticated and can-list-nodes say who runs
// them and the cluster's authenticationMode, as far as the admin checks learned it (checks_cluster.cpp);
// with the role ARN the access-entry check found in place of a lookup, and none at all on a 401 when
// that check (`access_entry`, may be null) found the entry.
void explain_access_fixes(Finding& f, const State& s, const Finding* access_entry = nullptr);

}  // namespace eks::doctor
