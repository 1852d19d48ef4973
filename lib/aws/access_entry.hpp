// The EKS access-entry side of a diagnosis: who the caller is (from `aws sts get-caller-identity`),
// which principal ARN an access entry needs, and the exact AWS CLI commands that fix a 401 or a
// 403 on nodes. Facts: docs/spec/eks.md 2.2 (policies), 2.4 (role ARN forms), 3, 8.
// Pure: text in, text out; running the commands is the caller's business.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lib/util/result.hpp"

namespace eks {

// `aws sts get-caller-identity --output json`: {"UserId", "Account", "Arn"}.
struct CallerIdentity {
  std::string user_id;
  std::string account;
  std::string arn;
};
[[nodiscard]] Result<CallerIdentity> parse_caller_identity(std::string_view json_text);

// An STS/IAM caller ARN taken apart:
//   arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane@example.com
//   arn:aws:iam::111122223333:user/ci-bot
struct CallerArn {
  std::string partition;  // aws, aws-cn, aws-us-gov
  std::string account;
  std::string type;       // "assumed-role", "user", or what the ARN says
  std::string role_name;  // assumed-role: between the first and the last '/'
  std::string session;    // assumed-role: after the last '/'
  std::string user_arn;   // user: the IAM user ARN itself (usable as a principal as it is)
  [[nodiscard]] bool is_sso_role() const { return role_name.rfind("AWSReservedSSO_", 0) == 0; }
};
[[nodiscard]] std::optional<CallerArn> parse_caller_arn(std::string_view arn);

// The aws-auth ConfigMap form (the path stripped): arn:aws:iam::A:role/NAME. An access entry needs
// the role ARN *with* its IAM path, which the STS ARN does not show: never build that one.
[[nodiscard]] std::string path_stripped_role_arn(const CallerArn& caller);

// "aws iam get-role --role-name NAME --query Role.Arn --output text" (" --profile P" when given).
[[nodiscard]] std::string get_role_arn_command(std::string_view role_name, std::string_view profile = "");

// The --principal-arn value: the ARN when known, else a shell substitution that looks it up
// ("$(aws iam get-role --role-name NAME --query Role.Arn --output text)"), else "ROLE_ARN".
[[nodiscard]] std::string principal_argument(std::string_view known_arn, std::string_view role_name,
                                             std::string_view profile = "");

// The --principal-arn value for the role IAM Identity Center made for a permission set, when only
// the set's name is known (the role's name ends in a hash): a shell substitution that lists it,
// "$(aws iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/ --query
//  "Roles[?starts_with(RoleName, 'AWSReservedSSO_SET_')].Arn" --output text)"; "ROLE_ARN" without a set.
[[nodiscard]] std::string sso_role_principal_argument(std::string_view permission_set, std::string_view profile = "");

// "aws eks create-access-entry --cluster-name C --region R --principal-arn P"
[[nodiscard]] std::string create_access_entry_command(std::string_view cluster, std::string_view region,
                                                      std::string_view principal);

inline constexpr std::string_view k_admin_view_policy = "AmazonEKSAdminViewPolicy";
inline constexpr std::string_view k_cluster_admin_policy = "AmazonEKSClusterAdminPolicy";

// "arn:aws:eks::aws:cluster-access-policy/NAME" (arn:aws-cn:... in other partitions).
[[nodiscard]] std::string access_policy_arn(std::string_view policy, std::string_view partition = "aws");

// "aws eks associate-access-policy --cluster-name C --region R --principal-arn P
//  --policy-arn arn:aws:eks::aws:cluster-access-policy/POLICY --access-scope type=cluster"
[[nodiscard]] std::string associate_access_policy_command(std::string_view cluster, std::string_view region,
                                                          std::string_view principal, std::string_view policy,
                                                          std::string_view partition = "aws");

// An EKS cluster named by an ARN (update-kubeconfig's cluster/context/user names) or by eksctl's
// context name "USER@CLUSTER.REGION.eksctl.io".
struct EksClusterRef {
  std::string name;
  std::string region;
  std::string account;  // "" for eksctl names
};
[[nodiscard]] std::optional<EksClusterRef> parse_eks_cluster_ref(std::string_view text);

// "aws eks update-kubeconfig --name C --region R --profile P [--role-arn A]"; unknown parts become
// CLUSTER, REGION, PROFILE; the profile is left out when it is "default", the role when "".
[[nodiscard]] std::string update_kubeconfig_command(std::string_view cluster, std::string_view region,
                                                    std::string_view profile, std::string_view role_arn = "");

}  // namespace eks
