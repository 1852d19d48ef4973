// The AWS CLI's JSON answers to the read-only admin calls of `doctor --admin-profile` (issue 15:
// the guide's steps 1-3 and 6), parsed into plain values. Shapes are botocore's service models
// (botocore/data/{sso-admin,identitystore,eks,iam}/*/service-2.json) as the CLI prints them with
// `--output json`: sso-admin and identitystore members are PascalCase, eks members camelCase, iam
// PascalCase. Pure: text in, values out; running the commands is lib/doctor/checks_admin.cpp's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/result.hpp"

namespace eks {

// sso-admin list-instances: {"Instances": [{"InstanceArn", "IdentityStoreId", "OwnerAccountId", "Name", "Status"}]}
struct SsoInstance {
  std::string arn;
  std::string identity_store_id;
  std::string owner_account;
  std::string name;
  std::string status;  // ACTIVE, CREATE_IN_PROGRESS, DELETE_IN_PROGRESS ("" from older models)
};
[[nodiscard]] Result<std::vector<SsoInstance>> parse_list_instances(std::string_view json_text);

// A list of strings under `key`: sso-admin list-permission-sets / list-permission-sets-provisioned-
// to-account ("PermissionSets"), eks list-access-entries ("accessEntries"). A missing key is empty.
[[nodiscard]] Result<std::vector<std::string>> parse_string_list(std::string_view json_text, std::string_view key);

// sso-admin describe-permission-set: {"PermissionSet": {"Name", "PermissionSetArn", "SessionDuration", ...}}
struct PermissionSetInfo {
  std::string name;
  std::string arn;
  std::string session_duration;
};
[[nodiscard]] Result<PermissionSetInfo> parse_describe_permission_set(std::string_view json_text);

// sso-admin get-inline-policy-for-permission-set: {"InlinePolicy": "<policy JSON as a string>"}
// ("" or absent when the set has none).
[[nodiscard]] Result<std::string> parse_inline_policy(std::string_view json_text);

// sso-admin list-managed-policies-in-permission-set: {"AttachedManagedPolicies": [{"Name", "Arn"}]};
// list-customer-managed-policy-references-in-permission-set:
// {"CustomerManagedPolicyReferences": [{"Name", "Path"}]} (arn left empty, path "/" when absent).
struct PolicyRef {
  std::string name;
  std::string arn;
  std::string path;
};
[[nodiscard]] Result<std::vector<PolicyRef>> parse_managed_policies(std::string_view json_text);
[[nodiscard]] Result<std::vector<PolicyRef>> parse_customer_policy_refs(std::string_view json_text);

// sso-admin list-account-assignments:
// {"AccountAssignments": [{"AccountId", "PermissionSetArn", "PrincipalType": "USER|GROUP", "PrincipalId"}]}
struct AccountAssignment {
  std::string account_id;
  std::string permission_set_arn;
  std::string principal_type;
  std::string principal_id;
};
[[nodiscard]] Result<std::vector<AccountAssignment>> parse_account_assignments(std::string_view json_text);

// identitystore list-users {"Users": [{"UserId", "UserName", "DisplayName"}]}, list-groups
// {"Groups": [{"GroupId", "DisplayName"}]}, describe-user / describe-group (the same members at the top).
struct IdentityPrincipal {
  std::string id;
  std::string name;  // UserName for users, DisplayName for groups
  std::string display_name;
};
[[nodiscard]] Result<std::vector<IdentityPrincipal>> parse_identity_users(std::string_view json_text);
[[nodiscard]] Result<std::vector<IdentityPrincipal>> parse_identity_groups(std::string_view json_text);
[[nodiscard]] Result<IdentityPrincipal> parse_describe_user(std::string_view json_text);
// identitystore list-group-memberships-for-member --member-id UserId=ID:
// {"GroupMemberships": [{"IdentityStoreId", "MembershipId", "GroupId", "MemberId": {"UserId"}}]}
// → the group ids (the groups the user is a member of).
[[nodiscard]] Result<std::vector<std::string>> parse_group_memberships_for_member(std::string_view json_text);
[[nodiscard]] Result<IdentityPrincipal> parse_describe_group(std::string_view json_text);

// eks describe-cluster: {"cluster": {"name", "arn", "status", "accessConfig": {"authenticationMode"}}}.
// authentication_mode is "" when accessConfig is absent (clusters from before access entries: CONFIG_MAP).
struct ClusterAccessConfig {
  std::string name;
  std::string arn;
  std::string status;
  std::string authentication_mode;  // API, API_AND_CONFIG_MAP, CONFIG_MAP
};
[[nodiscard]] Result<ClusterAccessConfig> parse_describe_cluster(std::string_view json_text);

// iam list-roles: {"Roles": [{"Path", "RoleName", "Arn"}]}
struct IamRole {
  std::string path;
  std::string name;
  std::string arn;
};
[[nodiscard]] Result<std::vector<IamRole>> parse_list_roles(std::string_view json_text);

// eks describe-access-entry: {"accessEntry": {"principalArn", "kubernetesGroups", "username", "type"}}
struct AccessEntryInfo {
  std::string principal_arn;
  std::vector<std::string> kubernetes_groups;
  std::string username;
  std::string type;  // STANDARD, EC2_LINUX, ...
};
[[nodiscard]] Result<AccessEntryInfo> parse_describe_access_entry(std::string_view json_text);

// eks list-associated-access-policies:
// {"associatedAccessPolicies": [{"policyArn", "accessScope": {"type": "cluster|namespace", "namespaces": [...]}}]}
struct AssociatedPolicy {
  std::string policy_arn;
  std::string scope_type;
  std::vector<std::string> namespaces;
};
[[nodiscard]] Result<std::vector<AssociatedPolicy>> parse_associated_policies(std::string_view json_text);

// iam get-policy {"Policy": {"DefaultVersionId"}} → the version id.
[[nodiscard]] Result<std::string> parse_policy_default_version(std::string_view json_text);
// iam get-policy-version {"PolicyVersion": {"Document"}}: the document as JSON text. The CLI prints
// it as an object (botocore decodes the URL-encoded text); a string is taken as it is.
[[nodiscard]] Result<std::string> parse_policy_version_document(std::string_view json_text);

// A service error as the AWS CLI prints it on stderr:
//   An error occurred (AccessDeniedException) when calling the ListInstances operation: User: ... is not authorized ...
struct AwsServiceError {
  std::string code;       // AccessDeniedException, ResourceNotFoundException, ...
  std::string operation;  // ListInstances
  std::string message;    // after the ": "
  [[nodiscard]] bool access_denied() const;
  [[nodiscard]] bool not_found() const;
};
[[nodiscard]] std::optional<AwsServiceError> parse_service_error(std::string_view stderr_text);

// The IAM Identity Center role of a permission set in the account: AWSReservedSSO_<set>_<hex>,
// the first of `roles` (iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/) whose name is
// exactly that; nullopt when none is.
[[nodiscard]] std::optional<IamRole> find_sso_role(const std::vector<IamRole>& roles, std::string_view permission_set);

// The STS assumed-role ARN prefix of that role ("arn:aws:sts::ACCOUNT:assumed-role/NAME/"), which an
// access entry must not use (docs/spec/eks.md 2.2: "You can't use the STS session principal type").
[[nodiscard]] std::string assumed_role_prefix(const IamRole& role);
// The role ARN with the path stripped ("arn:aws:iam::ACCOUNT:role/NAME"), the aws-auth form.
[[nodiscard]] std::string path_stripped_arn(const IamRole& role);

// Whether an EKS access policy, associated with type=cluster, lets `kubectl get nodes` list nodes:
// only AmazonEKSClusterAdminPolicy and AmazonEKSAdminViewPolicy do (docs/spec/eks.md 2.2, "Gotcha").
[[nodiscard]] bool access_policy_covers_nodes(const AssociatedPolicy& policy);

}  // namespace eks
