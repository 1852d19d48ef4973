// Internal to doctor: the state the checks share (what an earlier check learned) and the check
// functions. Each check reads the state, may add to it, and returns its Finding; none prints.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/aws/access_entry.hpp"
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
// The fix for the kubeconfig entry of this context.
[[nodiscard]] std::string update_kubeconfig_fix(const State& s);
// The --kubeconfig/--context words repeated in commands we print (eks-sso ...).
[[nodiscard]] std::string context_flags(const State& s);

}  // namespace eks::doctor
