#include "lib/aws/admin_answers.hpp"

#include <nlohmann/json.hpp>

// Binds `var` to the value of a Result, or returns its error.
namespace eks {
namespace {

using nlohmann::json;

// The answer of `command` parsed as a JSON object, or the error naming the command.
Result<json> parse_object(std::string_view json_text, std::string_view command) {
  try {
    json j = json::parse(json_text);
    if (!j.is_object()) {
      return make_error(ErrorKind::general, "aws " + std::string(command) + ": the output is not a JSON object");
    }
    return j;
  } catch (const json::exception&) {
    return make_error(ErrorKind::general, "aws " + std::string(command) + ": the output is not JSON");
  }
}

std::string str(const json& j, const char* key) {
  if (!j.is_object()) {
    return "";
  }
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.is_object()) {
    return out;
  }
  const auto it = j.find(key);
  if (it != j.end() && it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string()) {
        out.push_back(v.get<std::string>());
      }
    }
  }
  return out;
}

// The array under `key` (an empty one when absent), or an error when it is something else.
Result<json> array_of(const json& j, const char* key, std::string_view command) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    return json::array();
  }
  if (!it->is_array()) {
    return make_error(ErrorKind::general,
                      "aws " + std::string(command) + ": \"" + key + "\" is not a list in its output");
  }
  return *it;
}

// The object under `key`, or an error naming it.
Result<json> object_at(const json& j, const char* key, std::string_view command) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_object()) {
    return make_error(ErrorKind::general, "aws " + std::string(command) + ": no \"" + key + "\" in its output");
  }
  return *it;
}

}  // namespace

Result<std::vector<SsoInstance>> parse_list_instances(std::string_view json_text) {
  constexpr std::string_view cmd = "sso-admin list-instances";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "Instances", cmd));
  std::vector<SsoInstance> out;
  for (const auto& i : items) {
    SsoInstance s{str(i, "InstanceArn"), str(i, "IdentityStoreId"), str(i, "OwnerAccountId"), str(i, "Name"),
                  str(i, "Status")};
    if (!s.arn.empty()) {
      out.push_back(std::move(s));
    }
  }
  return out;
}

Result<std::vector<std::string>> parse_string_list(std::string_view json_text, std::string_view key) {
  TRY_ASSIGN(auto j, parse_object(json_text, key));
  const std::string k(key);
  TRY_ASSIGN(auto items, array_of(j, k.c_str(), key));
  std::vector<std::string> out;
  for (const auto& v : items) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    }
  }
  return out;
}

Result<PermissionSetInfo> parse_describe_permission_set(std::string_view json_text) {
  constexpr std::string_view cmd = "sso-admin describe-permission-set";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto p, object_at(j, "PermissionSet", cmd));
  return PermissionSetInfo{str(p, "Name"), str(p, "PermissionSetArn"), str(p, "SessionDuration")};
}

Result<std::string> parse_inline_policy(std::string_view json_text) {
  TRY_ASSIGN(auto j, parse_object(json_text, "sso-admin get-inline-policy-for-permission-set"));
  return str(j, "InlinePolicy");
}

Result<std::vector<PolicyRef>> parse_managed_policies(std::string_view json_text) {
  constexpr std::string_view cmd = "sso-admin list-managed-policies-in-permission-set";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "AttachedManagedPolicies", cmd));
  std::vector<PolicyRef> out;
  for (const auto& p : items) {
    out.push_back(PolicyRef{str(p, "Name"), str(p, "Arn"), ""});
  }
  return out;
}

Result<std::vector<PolicyRef>> parse_customer_policy_refs(std::string_view json_text) {
  constexpr std::string_view cmd = "sso-admin list-customer-managed-policy-references-in-permission-set";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "CustomerManagedPolicyReferences", cmd));
  std::vector<PolicyRef> out;
  for (const auto& p : items) {
    std::string path = str(p, "Path");
    out.push_back(PolicyRef{str(p, "Name"), "", path.empty() ? std::string("/") : path});
  }
  return out;
}

Result<std::vector<AccountAssignment>> parse_account_assignments(std::string_view json_text) {
  constexpr std::string_view cmd = "sso-admin list-account-assignments";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "AccountAssignments", cmd));
  std::vector<AccountAssignment> out;
  for (const auto& a : items) {
    out.push_back(AccountAssignment{str(a, "AccountId"), str(a, "PermissionSetArn"), str(a, "PrincipalType"),
                                    str(a, "PrincipalId")});
  }
  return out;
}

Result<std::vector<IdentityPrincipal>> parse_identity_users(std::string_view json_text) {
  constexpr std::string_view cmd = "identitystore list-users";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "Users", cmd));
  std::vector<IdentityPrincipal> out;
  for (const auto& u : items) {
    out.push_back(IdentityPrincipal{str(u, "UserId"), str(u, "UserName"), str(u, "DisplayName")});
  }
  return out;
}

Result<std::vector<IdentityPrincipal>> parse_identity_groups(std::string_view json_text) {
  constexpr std::string_view cmd = "identitystore list-groups";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "Groups", cmd));
  std::vector<IdentityPrincipal> out;
  for (const auto& g : items) {
    out.push_back(IdentityPrincipal{str(g, "GroupId"), str(g, "DisplayName"), str(g, "DisplayName")});
  }
  return out;
}

Result<std::vector<std::string>> parse_group_memberships_for_member(std::string_view json_text) {
  constexpr std::string_view cmd = "identitystore list-group-memberships-for-member";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "GroupMemberships", cmd));
  std::vector<std::string> out;
  for (const auto& m : items) {
    if (const std::string id = str(m, "GroupId"); !id.empty()) {
      out.push_back(id);
    }
  }
  return out;
}

Result<IdentityPrincipal> parse_describe_user(std::string_view json_text) {
  TRY_ASSIGN(auto j, parse_object(json_text, "identitystore describe-user"));
  return IdentityPrincipal{str(j, "UserId"), str(j, "UserName"), str(j, "DisplayName")};
}

Result<IdentityPrincipal> parse_describe_group(std::string_view json_text) {
  TRY_ASSIGN(auto j, parse_object(json_text, "identitystore describe-group"));
  return IdentityPrincipal{str(j, "GroupId"), str(j, "DisplayName"), str(j, "DisplayName")};
}

Result<ClusterAccessConfig> parse_describe_cluster(std::string_view json_text) {
  constexpr std::string_view cmd = "eks describe-cluster";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto c, object_at(j, "cluster", cmd));
  ClusterAccessConfig out{str(c, "name"), str(c, "arn"), str(c, "status"), ""};
  if (const auto it = c.find("accessConfig"); it != c.end()) {
    out.authentication_mode = str(*it, "authenticationMode");
  }
  return out;
}

Result<std::vector<IamRole>> parse_list_roles(std::string_view json_text) {
  constexpr std::string_view cmd = "iam list-roles";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "Roles", cmd));
  std::vector<IamRole> out;
  for (const auto& r : items) {
    out.push_back(IamRole{str(r, "Path"), str(r, "RoleName"), str(r, "Arn")});
  }
  return out;
}

Result<AccessEntryInfo> parse_describe_access_entry(std::string_view json_text) {
  constexpr std::string_view cmd = "eks describe-access-entry";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto e, object_at(j, "accessEntry", cmd));
  return AccessEntryInfo{str(e, "principalArn"), strings(e, "kubernetesGroups"), str(e, "username"), str(e, "type")};
}

Result<std::vector<AssociatedPolicy>> parse_associated_policies(std::string_view json_text) {
  constexpr std::string_view cmd = "eks list-associated-access-policies";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto items, array_of(j, "associatedAccessPolicies", cmd));
  std::vector<AssociatedPolicy> out;
  for (const auto& p : items) {
    AssociatedPolicy a{str(p, "policyArn"), "", {}};
    if (const auto it = p.find("accessScope"); it != p.end()) {
      a.scope_type = str(*it, "type");
      a.namespaces = strings(*it, "namespaces");
    }
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::string> parse_policy_default_version(std::string_view json_text) {
  constexpr std::string_view cmd = "iam get-policy";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto p, object_at(j, "Policy", cmd));
  std::string v = str(p, "DefaultVersionId");
  if (v.empty()) {
    return make_error(ErrorKind::general, "aws iam get-policy: no \"DefaultVersionId\" in its output");
  }
  return v;
}

Result<std::string> parse_policy_version_document(std::string_view json_text) {
  constexpr std::string_view cmd = "iam get-policy-version";
  TRY_ASSIGN(auto j, parse_object(json_text, cmd));
  TRY_ASSIGN(auto v, object_at(j, "PolicyVersion", cmd));
  const auto it = v.find("Document");
  if (it == v.end()) {
    return make_error(ErrorKind::general, "aws iam get-policy-version: no \"Document\" in its output");
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

bool AwsServiceError::access_denied() const {
  return code == "AccessDenied" || code == "AccessDeniedException" || code == "UnauthorizedOperation" ||
         code == "UnrecognizedClientException";
}

bool AwsServiceError::not_found() const {
  return code == "ResourceNotFoundException" || code == "NoSuchEntity" || code == "NoSuchEntityException";
}

std::optional<AwsServiceError> parse_service_error(std::string_view text) {
  constexpr std::string_view open = "An error occurred (";
  const size_t start = text.find(open);
  if (start == std::string_view::npos) {
    return std::nullopt;
  }
  const size_t code_begin = start + open.size();
  const size_t code_end = text.find(')', code_begin);
  if (code_end == std::string_view::npos) {
    return std::nullopt;
  }
  AwsServiceError e;
  e.code = std::string(text.substr(code_begin, code_end - code_begin));
  std::string_view rest = text.substr(code_end + 1);
  constexpr std::string_view calling = " when calling the ";
  if (rest.rfind(calling, 0) == 0) {
    rest.remove_prefix(calling.size());
    const size_t op_end = rest.find(" operation");
    if (op_end != std::string_view::npos) {
      e.operation = std::string(rest.substr(0, op_end));
      rest.remove_prefix(op_end + std::string_view(" operation").size());
    }
  }
  if (rest.rfind(": ", 0) == 0) {
    rest.remove_prefix(2);
  }
  const size_t nl = rest.find('\n');
  e.message = std::string(rest.substr(0, nl));
  while (!e.message.empty() && (e.message.back() == '\r' || e.message.back() == ' ')) {
    e.message.pop_back();
  }
  return e;
}

std::optional<IamRole> find_sso_role(const std::vector<IamRole>& roles, std::string_view permission_set) {
  const std::string prefix = "AWSReservedSSO_" + std::string(permission_set) + "_";
  for (const auto& r : roles) {
    if (r.name.size() <= prefix.size() || r.name.compare(0, prefix.size(), prefix) != 0) {
      continue;
    }
    // The suffix is a hex hash without '_' (set names may hold '_': "A_B" must not match "A").
    const std::string_view suffix = std::string_view(r.name).substr(prefix.size());
    bool hex = true;
    for (const char c : suffix) {
      hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }
    if (hex) {
      return r;
    }
  }
  return std::nullopt;
}

namespace {
// "arn:PARTITION:iam::ACCOUNT:role/..." → {partition, account}
std::pair<std::string, std::string> partition_account(std::string_view arn) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const size_t pos = arn.find(':', start);
    if (pos == std::string_view::npos) {
      return {"aws", ""};
    }
    parts.emplace_back(arn.substr(start, pos - start));
    start = pos + 1;
  }
  return {parts[1].empty() ? "aws" : parts[1], parts[4]};
}
}  // namespace

std::string assumed_role_prefix(const IamRole& role) {
  const auto [partition, account] = partition_account(role.arn);
  return "arn:" + partition + ":sts::" + account + ":assumed-role/" + role.name + "/";
}

std::string path_stripped_arn(const IamRole& role) {
  const auto [partition, account] = partition_account(role.arn);
  return "arn:" + partition + ":iam::" + account + ":role/" + role.name;
}

bool access_policy_covers_nodes(const AssociatedPolicy& policy) {
  if (policy.scope_type != "cluster") {
    return false;
  }
  const std::string_view arn = policy.policy_arn;
  const size_t slash = arn.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? arn : arn.substr(slash + 1);
  return name == "AmazonEKSClusterAdminPolicy" || name == "AmazonEKSAdminViewPolicy";
}

}  // namespace eks
