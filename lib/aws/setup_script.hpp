// `eks-sso setup-script`: the bash script for the guide's steps 1-7 (docs/guide), with the values
// filled in. Pure: values in, script text out; cmd/setup_script.cpp gathers the values from flags
// and from the kubeconfig/AWS config of --context.
//
// The script is idempotent: every step first looks (list/describe) and creates only what is
// missing, so a second run changes nothing. It runs `set -euo pipefail` (and -E), single-quotes every value,
// prints what it does, and stops with "setup-script: step N failed: ..." at the step that fails
// (an ERR trap names the step for any command without its own message).
// It writes the user's profile and sso-session blocks into ~/.aws/config itself (no interactive
// `aws configure sso`), refusing to touch a different existing block. It never runs
// `aws sso login` (the guide's core rule): step 5 only says so, and the final `eks-sso doctor`
// shows the Login with AWS SSO action when the token is missing. Calls and shapes:
// docs/spec/eks.md (access entries, access policies), botocore's sso-admin/identitystore models.
#pragma once

#include <string>
#include <vector>

#include "lib/util/result.hpp"

namespace eks {

struct SetupValues {
  std::string cluster;
  std::string region;
  std::string account;
  std::string start_url;
  std::string sso_region;
  std::string permission_set = "K8StudioEKSExec";
  std::string group;  // one of group / user
  std::string user;
  std::string access_policy = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy";
  std::string admin_profile;  // empty: the admin's default credentials
  std::string profile;        // the user's profile the script writes
  std::string sso_session;    // default: the profile name
  std::string context;        // kubeconfig context alias; default <profile>@<cluster>
};

// Fills defaults and checks every value (names, ARNs, account id, regions, URL); a usage error
// names the flag.
[[nodiscard]] Result<SetupValues> validate_setup_values(SetupValues values);

// The full script (values must have passed validate_setup_values).
[[nodiscard]] std::string setup_script(const SetupValues& values);

}  // namespace eks
