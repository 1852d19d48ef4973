// The AWS admin side of the sandbox: IAM Identity Center (sso-admin, identitystore), the EKS
// cluster's access configuration and access entries, IAM roles and STS, as operations on State.
// Inputs and outputs are in the botocore model's member names (botocore data/<service>/*/
// service-2.json of the AWS CLI v1 on this machine); aws_wire.hpp turns them into each service's
// wire protocol. The same calls serve the fake `aws` (aws_admin_cmds.cpp), so both read one state.
//
// state.json "admin": {identityStoreId, instances [{InstanceArn, IdentityStoreId, OwnerAccountId,
//   Name, Status, CreatedDate, region}], permissionSets [{Name, PermissionSetArn, Description,
//   SessionDuration, CreatedDate, InlinePolicy, ManagedPolicies [{Name, Arn}],
//   CustomerManagedPolicyReferences [{Name, Path}], provisionedTo [account]}],
//   assignments [{AccountId, PermissionSetArn, PrincipalType, PrincipalId}],
//   users [{UserId, UserName, DisplayName}], groups [{GroupId, DisplayName, Description}],
//   authenticationMode, requests {id: status}, seq}
// Access entries stay in State::access_entries (the API server authenticates against them);
// associate-access-policy recomputes their rules (docs/spec/eks.md "Access policy ARNs").
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sandbox/state.hpp"

namespace sandbox {

struct AdminCall {
  std::string service;    // signing name: sso, identitystore, eks, iam, sts
  std::string operation;  // model operation name: ListInstances, DescribeCluster, ...
  std::string region;     // from the SigV4 credential scope (or --region)
  std::string access_key_id;
  std::string security_token;
  nlohmann::json input = nlohmann::json::object();
};

struct AdminReply {
  int status = 200;
  std::string error_code;  // empty on success
  std::string message;
  nlohmann::json output = nlohmann::json::object();
  bool changed = false;  // state was modified: save it
};

struct AdminEnv {
  int port = 0;
  std::string ca_pem;
  long long now = 0;  // epoch seconds
};

// Fills state.admin with the standard setup matching default_state()'s profiles (everything passes).
void default_admin(State& state);

// Names for `set DIR --admin NAME`: ok, empty, no-instance, ps-missing, ps-not-provisioned,
// ps-no-describe, no-assignment, config-map, no-entry, sts-entry, entry-no-policy,
// namespace-policy. Each breaks the EKSClusterAdmin set (profile sandbox-admin). False: unknown.
[[nodiscard]] bool apply_admin_scenario(State& state, const std::string& name);
[[nodiscard]] const std::vector<std::string>& admin_scenarios();

[[nodiscard]] AdminReply run_admin(State& state, const AdminCall& call, const AdminEnv& env);

// The rules an access entry gets from its associated policies (cluster/namespace scope).
[[nodiscard]] std::vector<Rule> rules_for_policies(const nlohmann::json& scopes);

}  // namespace sandbox
