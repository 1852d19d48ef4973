#include "sandbox/aws_admin.hpp"

#include "lib/util/strings.hpp"
#include "sandbox/encoding.hpp"
#include "sandbox/identity.hpp"

namespace sandbox {
namespace {

using nlohmann::json;

constexpr std::string_view k_instance_arn = "arn:aws:sso:::instance/ssoins-7223sandbox0001";
constexpr std::string_view k_store_id = "d-9067sandbox";
constexpr std::string_view k_policy_prefix = "arn:aws:eks::aws:cluster-access-policy/";
const std::string k_jane_id = "9067sandbox-0000-0000-0000-00000000jane";
const std::string k_devs_id = "9067sandbox-0000-0000-0000-0000eks-devs";
// The access key of an identity without any policy: every admin call is AccessDenied (sts answers).
constexpr std::string_view k_no_rights_key = "AKIASANDBOXNORIGHTS1";
constexpr std::string_view k_describe_policy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["eks:DescribeCluster","eks:ListClusters"],"Resource":"*"}]})";

AdminReply error(int status, std::string code, std::string message) {
  AdminReply r;
  r.status = status;
  r.error_code = std::move(code);
  r.message = std::move(message);
  return r;
}

AdminReply ok(json output, bool changed = false) {
  AdminReply r;
  r.output = std::move(output);
  r.changed = changed;
  return r;
}

std::string str(const json& in, const char* key) {
  const auto it = in.find(key);
  return it != in.end() && it->is_string() ? it->get<std::string>() : "";
}

json& arr(json& admin, const char* key) {
  if (!admin.contains(key) || !admin[key].is_array()) {
    admin[key] = json::array();
  }
  return admin[key];
}

std::string next_id(json& admin, const std::string& prefix, size_t width) {
  const long long n = admin.value("seq", 0LL) + 1;
  admin["seq"] = n;
  std::string digits = hex_lower(sha256_raw(prefix + std::to_string(n))).substr(0, width);
  return prefix + digits;
}

std::string uuid(json& admin) {
  const std::string h = next_id(admin, "", 32);
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

json* find_by(json& list, const char* key, const std::string& value) {
  for (auto& item : list) {
    if (item.value(key, "") == value) {
      return &item;
    }
  }
  return nullptr;
}

json permission_set_view(const json& ps) {
  json out = {{"Name", ps.value("Name", "")}, {"PermissionSetArn", ps.value("PermissionSetArn", "")},
              {"CreatedDate", ps.value("CreatedDate", 0LL)}, {"SessionDuration", ps.value("SessionDuration", "PT1H")}};
  if (ps.contains("Description")) {
    out["Description"] = ps["Description"];
  }
  return out;
}

std::string no_rights_arn(const State& s) { return "arn:aws:iam::" + s.account_id + ":user/sandbox-no-rights"; }

std::string role_path(const State& s) { return "/aws-reserved/sso.amazonaws.com/" + s.sso_region + "/"; }

// ---- sso-admin ----------------------------------------------------------------------------
AdminReply sso_admin(State& s, const AdminCall& c) {
  json& a = s.admin;
  const json& in = c.input;
  const std::string& op = c.operation;
  if (op == "ListInstances") {
    json list = json::array();
    for (const auto& i : arr(a, "instances")) {
      if (i.value("region", s.sso_region) == c.region) {
        json v = i;
        v.erase("region");
        list.push_back(v);
      }
    }
    return ok({{"Instances", list}});
  }
  const std::string instance = str(in, "InstanceArn");
  if (find_by(arr(a, "instances"), "InstanceArn", instance) == nullptr) {
    return error(400, "ValidationException", "The request failed because the instance ARN " + instance +
                                                 " is not valid or does not exist in this region.");
  }
  json& sets = arr(a, "permissionSets");
  const std::string ps_arn = str(in, "PermissionSetArn");
  json* ps = ps_arn.empty() ? nullptr : find_by(sets, "PermissionSetArn", ps_arn);
  const auto need_ps = [&]() -> std::optional<AdminReply> {
    if (ps == nullptr) {
      return error(400, "ResourceNotFoundException", "Could not find PermissionSet with ARN " + ps_arn + ".");
    }
    return std::nullopt;
  };
  if (op == "ListPermissionSets") {
    json list = json::array();
    for (const auto& p : sets) {
      list.push_back(p.value("PermissionSetArn", ""));
    }
    return ok({{"PermissionSets", list}});
  }
  if (op == "CreatePermissionSet") {
    const std::string name = str(in, "Name");
    if (find_by(sets, "Name", name) != nullptr) {
      return error(400, "ConflictException", "PermissionSet with name " + name + " already exists.");
    }
    json p = {{"Name", name},
              {"PermissionSetArn", "arn:aws:sso:::permissionSet/ssoins-7223sandbox0001/" + next_id(a, "ps-", 16)},
              {"CreatedDate", 1735689600},
              {"SessionDuration", in.value("SessionDuration", "PT1H")},
              {"InlinePolicy", ""},
              {"ManagedPolicies", json::array()},
              {"CustomerManagedPolicyReferences", json::array()},
              {"provisionedTo", json::array()}};
    if (in.contains("Description")) {
      p["Description"] = in["Description"];
    }
    sets.push_back(p);
    return ok({{"PermissionSet", permission_set_view(p)}}, true);
  }
  if (op == "ListPermissionSetsProvisionedToAccount") {
    json list = json::array();
    for (const auto& p : sets) {
      for (const auto& acct : p.value("provisionedTo", json::array())) {
        if (acct == str(in, "AccountId")) {
          list.push_back(p.value("PermissionSetArn", ""));
        }
      }
    }
    return ok({{"PermissionSets", list}});
  }
  if (op == "ListAccountAssignments") {
    if (auto e = need_ps()) {
      return *e;
    }
    json list = json::array();
    for (const auto& x : arr(a, "assignments")) {
      if (x.value("AccountId", "") == str(in, "AccountId") && x.value("PermissionSetArn", "") == ps_arn) {
        list.push_back(x);
      }
    }
    return ok({{"AccountAssignments", list}});
  }
  if (op == "DescribePermissionSetProvisioningStatus" || op == "DescribeAccountAssignmentCreationStatus") {
    const std::string id = str(in, op == "DescribePermissionSetProvisioningStatus" ? "ProvisionPermissionSetRequestId"
                                                                                   : "AccountAssignmentCreationRequestId");
    const json req = a.value("requests", json::object()).value(id, json());
    if (req.is_null()) {
      return error(400, "ResourceNotFoundException", "Request with id " + id + " does not exist.");
    }
    return ok({{op == "DescribePermissionSetProvisioningStatus" ? "PermissionSetProvisioningStatus"
                                                                : "AccountAssignmentCreationStatus",
                req}});
  }
  if (auto e = need_ps()) {
    return *e;
  }
  if (op == "DescribePermissionSet") {
    return ok({{"PermissionSet", permission_set_view(*ps)}});
  }
  if (op == "GetInlinePolicyForPermissionSet") {
    return ok({{"InlinePolicy", ps->value("InlinePolicy", "")}});
  }
  if (op == "PutInlinePolicyToPermissionSet") {
    const json parsed = json::parse(str(in, "InlinePolicy"), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object()) {
      return error(400, "ValidationException", "The inline policy is not a valid JSON policy document.");
    }
    (*ps)["InlinePolicy"] = str(in, "InlinePolicy");
    return ok(json::object(), true);
  }
  if (op == "ListManagedPoliciesInPermissionSet") {
    return ok({{"AttachedManagedPolicies", ps->value("ManagedPolicies", json::array())}});
  }
  if (op == "AttachManagedPolicyToPermissionSet") {
    const std::string arn = str(in, "ManagedPolicyArn");
    json& list = (*ps)["ManagedPolicies"];
    if (!list.is_array()) {
      list = json::array();
    }
    if (find_by(list, "Arn", arn) != nullptr) {
      return error(400, "ConflictException", "Managed policy " + arn + " is already attached to the permission set.");
    }
    list.push_back({{"Name", arn.substr(arn.rfind('/') + 1)}, {"Arn", arn}});
    return ok(json::object(), true);
  }
  if (op == "ListCustomerManagedPolicyReferencesInPermissionSet") {
    return ok({{"CustomerManagedPolicyReferences", ps->value("CustomerManagedPolicyReferences", json::array())}});
  }
  const auto provision = [&](const std::string& account) {
    json& to = (*ps)["provisionedTo"];
    if (!to.is_array()) {
      to = json::array();
    }
    if (std::find(to.begin(), to.end(), json(account)) == to.end()) {
      to.push_back(account);
    }
  };
  if (op == "ProvisionPermissionSet") {
    const std::string account = str(in, "TargetId");
    if (str(in, "TargetType") == "AWS_ACCOUNT") {
      provision(account);
    } else {
      for (const auto& x : arr(a, "assignments")) {
        if (x.value("PermissionSetArn", "") == ps_arn) {
          provision(x.value("AccountId", ""));
        }
      }
    }
    const std::string id = uuid(a);
    json st = {{"Status", "SUCCEEDED"}, {"RequestId", id}, {"AccountId", account},
               {"PermissionSetArn", ps_arn}, {"CreatedDate", 1735689600}};
    a["requests"][id] = st;
    return ok({{"PermissionSetProvisioningStatus", st}}, true);
  }
  if (op == "CreateAccountAssignment") {
    const std::string account = str(in, "TargetId");
    const std::string type = str(in, "PrincipalType");
    const std::string pid = str(in, "PrincipalId");
    json& principals = arr(a, type == "GROUP" ? "groups" : "users");
    if (find_by(principals, type == "GROUP" ? "GroupId" : "UserId", pid) == nullptr) {
      return error(400, "ValidationException", "The principal " + pid + " does not exist in the identity store.");
    }
    json x = {{"AccountId", account}, {"PermissionSetArn", ps_arn}, {"PrincipalType", type}, {"PrincipalId", pid}};
    json& list = arr(a, "assignments");
    if (std::find(list.begin(), list.end(), x) == list.end()) {
      list.push_back(x);
    }
    provision(account);  // AWS provisions the set to the account with its first assignment
    const std::string id = uuid(a);
    json st = {{"Status", "SUCCEEDED"}, {"RequestId", id}, {"TargetId", account}, {"TargetType", "AWS_ACCOUNT"},
               {"PermissionSetArn", ps_arn}, {"PrincipalType", type}, {"PrincipalId", pid},
               {"CreatedDate", 1735689600}};
    a["requests"][id] = st;
    return ok({{"AccountAssignmentCreationStatus", st}}, true);
  }
  return error(400, "UnknownOperationException", "the sandbox does not implement sso-admin " + op);
}

// ---- identitystore ------------------------------------------------------------------------------
bool matches_filters(const json& item, const json& filters) {
  if (!filters.is_array()) {
    return true;
  }
  for (const auto& f : filters) {
    if (item.value(f.value("AttributePath", ""), "") != f.value("AttributeValue", "")) {
      return false;
    }
  }
  return true;
}

AdminReply identity_store(State& s, const AdminCall& c) {
  json& a = s.admin;
  const json& in = c.input;
  if (str(in, "IdentityStoreId") != a.value("identityStoreId", std::string(k_store_id))) {
    return error(400, "ResourceNotFoundException", "Identity store " + str(in, "IdentityStoreId") + " not found.");
  }
  const auto list = [&](const char* key, const char* out) {
    json l = json::array();
    for (const auto& item : arr(a, key)) {
      if (matches_filters(item, in.value("Filters", json()))) {
        json v = item;
        v["IdentityStoreId"] = a.value("identityStoreId", std::string(k_store_id));
        l.push_back(v);
      }
    }
    return ok({{out, l}});
  };
  if (c.operation == "ListUsers") {
    return list("users", "Users");
  }
  if (c.operation == "ListGroups") {
    return list("groups", "Groups");
  }
  const auto not_found = [](const std::string& type, const std::string& id) {
    return error(400, "ResourceNotFoundException", type + " not found: " + id);
  };
  if (c.operation == "DescribeUser" || c.operation == "DescribeGroup") {
    const bool user = c.operation == "DescribeUser";
    const char* key = user ? "UserId" : "GroupId";
    json* item = find_by(arr(a, user ? "users" : "groups"), key, str(in, key));
    if (item == nullptr) {
      return not_found(user ? "USER" : "GROUP", str(in, key));
    }
    json v = *item;
    v["IdentityStoreId"] = a.value("identityStoreId", std::string(k_store_id));
    return ok(v);
  }
  if (c.operation == "ListGroupMembershipsForMember" || c.operation == "IsMemberInGroups") {
    const std::string user = in.value("MemberId", json::object()).value("UserId", "");
    if (find_by(arr(a, "users"), "UserId", user) == nullptr) {
      return not_found("USER", user);
    }
    const auto member_of = [&](const std::string& group) {
      for (const auto& m : arr(a, "groupMemberships")) {
        if (m.value("GroupId", "") == group && m.value("MemberId", json::object()).value("UserId", "") == user) {
          return true;
        }
      }
      return false;
    };
    json list = json::array();
    if (c.operation == "IsMemberInGroups") {
      for (const auto& g : in.value("GroupIds", json::array())) {
        const std::string id = g.is_string() ? g.get<std::string>() : "";
        list.push_back({{"GroupId", id}, {"MemberId", {{"UserId", user}}}, {"MembershipExists", member_of(id)}});
      }
      return ok({{"Results", list}});
    }
    for (const auto& m : arr(a, "groupMemberships")) {
      if (m.value("MemberId", json::object()).value("UserId", "") == user) {
        json v = m;
        v["IdentityStoreId"] = a.value("identityStoreId", std::string(k_store_id));
        list.push_back(v);
      }
    }
    return ok({{"GroupMemberships", list}});
  }
  if (c.operation == "CreateGroupMembership") {
    const std::string group = str(in, "GroupId");
    const std::string user = in.value("MemberId", json::object()).value("UserId", "");
    if (find_by(arr(a, "groups"), "GroupId", group) == nullptr) {
      return not_found("GROUP", group);
    }
    if (find_by(arr(a, "users"), "UserId", user) == nullptr) {
      return not_found("USER", user);
    }
    for (const auto& m : arr(a, "groupMemberships")) {
      if (m.value("GroupId", "") == group && m.value("MemberId", json::object()).value("UserId", "") == user) {
        return error(400, "ConflictException", "Member and Group relationship already exists.");
      }
    }
    const std::string id = uuid(a);
    arr(a, "groupMemberships").push_back({{"MembershipId", id}, {"GroupId", group}, {"MemberId", {{"UserId", user}}}});
    return ok({{"MembershipId", id}, {"IdentityStoreId", a.value("identityStoreId", std::string(k_store_id))}}, true);
  }
  if (c.operation == "CreateGroup") {
    const std::string name = str(in, "DisplayName");
    if (find_by(arr(a, "groups"), "DisplayName", name) != nullptr) {
      return error(400, "ConflictException", "Duplicate GroupDisplayName");
    }
    const std::string h = next_id(a, "", 32);
    const std::string id = "9067" + h.substr(0, 4) + "-" + h.substr(4, 4) + "-" + h.substr(8, 4) + "-" +
                           h.substr(12, 4) + "-" + h.substr(16, 12);
    json g = {{"GroupId", id}, {"DisplayName", name}};
    if (in.contains("Description")) {
      g["Description"] = in["Description"];
    }
    arr(a, "groups").push_back(g);
    return ok({{"GroupId", id}, {"IdentityStoreId", a.value("identityStoreId", std::string(k_store_id))}}, true);
  }
  return error(400, "UnknownOperationException", "the sandbox does not implement identitystore " + c.operation);
}

// ---- eks ----------------------------------------------------------------------------------------
AccessEntry* find_entry(State& s, const std::string& arn) {
  for (auto& e : s.access_entries) {
    if (e.principal_arn == arn) {
      return &e;
    }
  }
  return nullptr;
}

json entry_view(const State& s, const AccessEntry& e) {
  return {{"clusterName", s.cluster_name},
          {"principalArn", e.principal_arn},
          {"kubernetesGroups", e.groups},
          {"accessEntryArn", "arn:aws:eks:" + s.region + ":" + s.account_id + ":access-entry/" + s.cluster_name +
                                 "/role/" + s.account_id + "/" + e.principal_arn.substr(e.principal_arn.rfind('/') + 1) +
                                 "/" + sha256_hex(e.principal_arn).substr(0, 8)},
          {"createdAt", e.created_at},
          {"modifiedAt", e.created_at},
          {"tags", json::object()},
          {"username", e.username},
          {"type", "STANDARD"}};
}

AdminReply eks_ops(State& s, const AdminCall& c, const AdminEnv& env) {
  const json& in = c.input;
  const std::string& op = c.operation;
  const std::string cluster = str(in, "clusterName");
  if (cluster != s.cluster_name || c.region != s.region) {
    return error(404, "ResourceNotFoundException", "No cluster found for name: " + cluster + ".");
  }
  const std::string mode = s.admin.value("authenticationMode", "API_AND_CONFIG_MAP");
  if (op == "DescribeCluster") {
    return ok({{"cluster",
                {{"name", s.cluster_name},
                 {"arn", cluster_arn(s)},
                 {"createdAt", 1735689600},
                 {"version", "1.32"},
                 {"endpoint", "https://127.0.0.1:" + std::to_string(env.port)},
                 {"roleArn", "arn:aws:iam::" + s.account_id + ":role/sandbox-eks-cluster-role"},
                 {"resourcesVpcConfig",
                  {{"subnetIds", json::array()}, {"securityGroupIds", json::array()}, {"vpcId", "vpc-0sandbox"},
                   {"endpointPublicAccess", true}, {"endpointPrivateAccess", false},
                   {"publicAccessCidrs", {"0.0.0.0/0"}}}},
                 {"kubernetesNetworkConfig", {{"serviceIpv4Cidr", "10.100.0.0/16"}, {"ipFamily", "ipv4"}}},
                 {"identity", {{"oidc", {{"issuer", "https://oidc.eks." + s.region + ".amazonaws.com/id/SANDBOX"}}}}},
                 {"status", "ACTIVE"},
                 {"certificateAuthority", {{"data", base64_encode(env.ca_pem)}}},
                 {"platformVersion", "eks.8"},
                 {"tags", json::object()},
                 {"accessConfig", {{"bootstrapClusterCreatorAdminPermissions", true}, {"authenticationMode", mode}}}}}});
  }
  if (op == "UpdateClusterConfig") {
    const std::string want = in.value("accessConfig", json::object()).value("authenticationMode", "");
    const auto rank = [](const std::string& m) { return m == "CONFIG_MAP" ? 0 : m == "API_AND_CONFIG_MAP" ? 1 : m == "API" ? 2 : -1; };
    if (want.empty() || rank(want) < 0 || rank(want) <= rank(mode)) {
      return error(400, "InvalidParameterException",
                   "Unsupported authentication mode update from " + mode + " to " + (want.empty() ? "(none)" : want));
    }
    s.admin["authenticationMode"] = want;
    json upd = {{"id", uuid(s.admin)}, {"status", "Successful"}, {"type", "AccessConfigUpdate"},
                {"params", {{{"type", "AuthenticationMode"}, {"value", want}}}},
                {"createdAt", env.now}, {"errors", json::array()}};
    s.admin["updates"][upd["id"].get<std::string>()] = upd;
    return ok({{"update", upd}}, true);
  }
  if (op == "DescribeUpdate") {
    const json u = s.admin.value("updates", json::object()).value(str(in, "updateId"), json());
    if (u.is_null()) {
      return error(404, "ResourceNotFoundException", "No update found for ID: " + str(in, "updateId"));
    }
    return ok({{"update", u}});
  }
  if (mode == "CONFIG_MAP") {
    return error(400, "InvalidRequestException",
                 "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.");
  }
  if (op == "ListAccessEntries") {
    json list = json::array();
    for (const auto& e : s.access_entries) {
      list.push_back(e.principal_arn);
    }
    return ok({{"accessEntries", list}});
  }
  const std::string principal = str(in, "principalArn");
  if (op == "CreateAccessEntry") {
    if (find_entry(s, principal) != nullptr) {
      return error(409, "ResourceInUseException", "The specified access entry resource is already in use on this cluster.");
    }
    if (principal.rfind("arn:aws:iam::", 0) != 0) {
      return error(400, "InvalidParameterException", "The principalArn parameter format is not valid");
    }
    AccessEntry e;
    e.principal_arn = principal;
    e.groups = in.value("kubernetesGroups", std::vector<std::string>{});
    const std::string role = principal.substr(principal.rfind('/') + 1);
    e.username = str(in, "username").empty()
                     ? (principal.find(":role/") != std::string::npos
                            ? "arn:aws:sts::" + s.account_id + ":assumed-role/" + role + "/{{SessionName}}"
                            : principal)
                     : str(in, "username");
    e.created_at = env.now;
    s.access_entries.push_back(e);
    return ok({{"accessEntry", entry_view(s, e)}}, true);
  }
  AccessEntry* e = find_entry(s, principal);
  if (e == nullptr) {
    return error(404, "ResourceNotFoundException",
                 "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.");
  }
  if (op == "DescribeAccessEntry") {
    return ok({{"accessEntry", entry_view(s, *e)}});
  }
  if (op == "DeleteAccessEntry") {
    std::erase_if(s.access_entries, [&](const AccessEntry& x) { return x.principal_arn == principal; });
    return ok(json::object(), true);
  }
  if (op == "ListAssociatedAccessPolicies") {
    json list = json::array();
    for (const auto& [arn, scope] : e->scopes.items()) {
      list.push_back({{"policyArn", arn}, {"accessScope", scope}, {"associatedAt", e->created_at}, {"modifiedAt", e->created_at}});
    }
    return ok({{"clusterName", s.cluster_name}, {"principalArn", principal}, {"associatedAccessPolicies", list}});
  }
  if (op == "AssociateAccessPolicy") {
    const std::string policy = str(in, "policyArn");
    if (policy.rfind(k_policy_prefix, 0) != 0) {
      return error(400, "InvalidParameterException", "The policyArn parameter format is not valid");
    }
    json scope = in.value("accessScope", json::object());
    if (scope.value("type", "") != "cluster" && scope.value("type", "") != "namespace") {
      return error(400, "InvalidParameterException", "The accessScope type must be cluster or namespace");
    }
    if (!scope.contains("namespaces")) {
      scope["namespaces"] = json::array();
    }
    e->scopes[policy] = scope;
    e->access_policies.clear();
    for (const auto& [arn, sc] : e->scopes.items()) {
      e->access_policies.push_back(arn);
    }
    e->rules = rules_for_policies(e->scopes);
    return ok({{"clusterName", s.cluster_name},
               {"principalArn", principal},
               {"associatedAccessPolicy",
                {{"policyArn", policy}, {"accessScope", scope}, {"associatedAt", env.now}, {"modifiedAt", env.now}}}},
              true);
  }
  return error(400, "InvalidRequestException", "the sandbox does not implement eks " + op);
}

// ---- iam / sts ----------------------------------------------------------------------------------
AdminReply iam_ops(State& s, const AdminCall& c) {
  if (c.operation != "ListRoles") {
    return error(400, "InvalidAction", "the sandbox does not implement iam " + c.operation);
  }
  const std::string prefix = str(c.input, "PathPrefix").empty() ? "/" : str(c.input, "PathPrefix");
  json roles = json::array();
  const auto add = [&](const std::string& path, const std::string& name) {
    if (path.rfind(prefix, 0) != 0) {
      return;
    }
    roles.push_back({{"Path", path}, {"RoleName", name}, {"RoleId", role_unique_id(s.account_id, name)},
                     {"Arn", "arn:aws:iam::" + s.account_id + ":role" + path + name},
                     {"CreateDate", "2025-01-01T00:00:00Z"}, {"MaxSessionDuration", 43200}});
  };
  add("/", "sandbox-eks-cluster-role");
  for (const auto& p : arr(s.admin, "permissionSets")) {
    for (const auto& acct : p.value("provisionedTo", json::array())) {
      if (acct == s.account_id) {
        add(role_path(s), sso_role_name(s.account_id, p.value("Name", "")));
      }
    }
  }
  return ok({{"Roles", roles}, {"IsTruncated", false}});
}

AdminReply sts_ops(const State& s, const AdminCall& c) {
  if (c.operation != "GetCallerIdentity") {
    return error(400, "InvalidAction", "the sandbox does not implement sts " + c.operation);
  }
  if (auto session = decode_security_token(c.security_token)) {
    return ok({{"UserId", role_unique_id(session->account_id, session->role_name) + ":" + session->session_name},
               {"Account", session->account_id},
               {"Arn", assumed_role_arn(*session)}});
  }
  if (c.access_key_id == k_no_rights_key) {
    return ok({{"UserId", "AIDASANDBOXNORIGHTS01"}, {"Account", s.account_id}, {"Arn", no_rights_arn(s)}});
  }
  for (const auto& u : s.iam_users) {
    if (u.access_key_id == c.access_key_id) {
      return ok({{"UserId", u.user_id}, {"Account", s.account_id}, {"Arn", u.arn}});
    }
  }
  return ok({{"UserId", "AIDASANDBOXADMIN00001"}, {"Account", s.account_id},
             {"Arn", "arn:aws:iam::" + s.account_id + ":user/sandbox-platform-admin"}});
}

std::string role_arn_for(const State& s, const std::string& ps) {
  return sso_role_iam_arn(s.account_id, s.sso_region, sso_role_name(s.account_id, ps));
}

template <typename Pred>
void erase_json_if(json& list, Pred pred) {
  json kept = json::array();
  for (const auto& item : list) {
    if (!pred(item)) {
      kept.push_back(item);
    }
  }
  list = kept;
}

json* permission_set_named(State& s, const std::string& name) { return find_by(arr(s.admin, "permissionSets"), "Name", name); }

}  // namespace

std::vector<Rule> rules_for_policies(const json& scopes) {
  const std::vector<std::string> namespaced = {"pods", "services", "configmaps", "deployments", "replicasets",
                                               "statefulsets", "daemonsets", "jobs", "ingresses", "events"};
  std::vector<Rule> rules;
  for (const auto& [arn, scope] : scopes.items()) {
    const std::string name = arn.substr(arn.rfind('/') + 1);
    const bool cluster = scope.value("type", "") == "cluster";
    const std::vector<std::string> read = {"get", "list", "watch"};
    if (name == "AmazonEKSClusterAdminPolicy") {
      rules.push_back({{"*"}, cluster ? std::vector<std::string>{"*"} : namespaced});
    } else if (name == "AmazonEKSAdminViewPolicy") {
      rules.push_back({read, cluster ? std::vector<std::string>{"*"} : namespaced});
    } else if (name == "AmazonEKSAdminPolicy" || name == "AmazonEKSEditPolicy") {
      rules.push_back({{"*"}, namespaced});  // no nodes even at cluster scope (eks.md "Gotcha")
    } else if (name == "AmazonEKSViewPolicy") {
      rules.push_back({read, namespaced});
    }
  }
  return rules;
}

void default_admin(State& s) {
  json a = {{"identityStoreId", k_store_id},
            {"instances", {{{"InstanceArn", k_instance_arn}, {"IdentityStoreId", k_store_id},
                            {"OwnerAccountId", s.account_id}, {"Name", "sandbox"}, {"Status", "ACTIVE"},
                            {"CreatedDate", 1735689600}, {"region", s.sso_region}}}},
            {"permissionSets", json::array()},
            {"assignments", json::array()},
            {"users", {{{"UserId", k_jane_id}, {"UserName", std::string(k_default_user)}, {"DisplayName", "Jane Doe"}},
                       {{"UserId", "9067sandbox-0000-0000-0000-000000000sam"}, {"UserName", "sam.roe@example.com"},
                        {"DisplayName", "Sam Roe"}}}},
            {"groups", {{{"GroupId", k_devs_id}, {"DisplayName", "eks-developers"}}}},
            {"groupMemberships", {{{"MembershipId", "9067sandbox-0000-0000-0000-0000jane-devs"}, {"GroupId", k_devs_id},
                                   {"MemberId", {{"UserId", k_jane_id}}}}}},
            {"authenticationMode", "API_AND_CONFIG_MAP"},
            {"requests", json::object()},
            {"seq", 0}};
  int n = 0;
  for (const std::string name : {"EKSClusterAdmin", "EKSDeveloper", "EKSNamespaceViewer"}) {
    const std::string arn = "arn:aws:sso:::permissionSet/ssoins-7223sandbox0001/ps-sandbox00000000" + std::to_string(++n);
    a["permissionSets"].push_back({{"Name", name}, {"PermissionSetArn", arn}, {"CreatedDate", 1735689600},
                                   {"SessionDuration", "PT8H"}, {"InlinePolicy", k_describe_policy},
                                   {"ManagedPolicies", json::array()},
                                   {"CustomerManagedPolicyReferences", json::array()},
                                   {"provisionedTo", {s.account_id}}});
    a["assignments"].push_back({{"AccountId", s.account_id}, {"PermissionSetArn", arn}, {"PrincipalType", "GROUP"},
                                {"PrincipalId", k_devs_id}});
  }
  s.admin = a;
  for (auto& e : s.access_entries) {
    for (const auto& p : e.access_policies) {
      const bool cluster = p.find("ClusterAdmin") != std::string::npos || p.find("AdminView") != std::string::npos;
      e.scopes[p] = cluster ? json{{"type", "cluster"}, {"namespaces", json::array()}}
                            : json{{"type", "namespace"}, {"namespaces", {"default"}}};
    }
  }
}

const std::vector<std::string>& admin_scenarios() {
  static const std::vector<std::string> names = {
      "ok", "empty", "no-instance", "ps-missing", "ps-not-provisioned", "ps-no-describe", "no-assignment",
      "config-map", "no-entry", "sts-entry", "entry-no-policy", "namespace-policy", "ps-deny-caller", "groups-only"};
  return names;
}

bool apply_admin_scenario(State& s, const std::string& name) {
  if (std::find(admin_scenarios().begin(), admin_scenarios().end(), name) == admin_scenarios().end()) {
    return false;
  }
  const State fresh = default_state();
  s.access_entries = fresh.access_entries;
  default_admin(s);
  const std::string target = "EKSClusterAdmin";
  const std::string role = role_arn_for(s, target);
  json* ps = permission_set_named(s, target);
  const auto drop_entry = [&]() {
    std::erase_if(s.access_entries, [&](const AccessEntry& e) { return e.principal_arn == role; });
  };
  const auto ps_arn = (*ps)["PermissionSetArn"].get<std::string>();
  if (name == "empty") {
    // Identity Center on, one user and group, nothing for EKS yet: what setup-script starts from.
    s.admin["permissionSets"] = json::array();
    s.admin["assignments"] = json::array();
    s.admin["groups"] = json::array();
    s.admin["groupMemberships"] = json::array();
    std::erase_if(s.access_entries, [&](const AccessEntry& e) { return e.principal_arn.find("AWSReservedSSO_") != std::string::npos; });
  } else if (name == "no-instance") {
    s.admin["instances"] = json::array();
  } else if (name == "ps-missing") {
    erase_json_if(s.admin["assignments"], [&](const json& x) { return x.value("PermissionSetArn", "") == ps_arn; });
    erase_json_if(s.admin["permissionSets"], [&](const json& p) { return p.value("Name", "") == target; });
  } else if (name == "ps-not-provisioned") {
    erase_json_if(s.admin["assignments"], [&](const json& x) { return x.value("PermissionSetArn", "") == ps_arn; });
    (*ps)["provisionedTo"] = json::array();
  } else if (name == "ps-no-describe") {
    (*ps)["InlinePolicy"] =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListAllMyBuckets"],"Resource":"*"}]})";
  } else if (name == "ps-deny-caller") {
    // eks:DescribeCluster allowed, but an explicit Deny on the call every EKS token is.
    (*ps)["InlinePolicy"] =
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["eks:DescribeCluster","eks:ListClusters"],"Resource":"*"},{"Effect":"Deny","Action":"sts:GetCallerIdentity","Resource":"*"}]})";
  } else if (name == "no-assignment") {
    erase_json_if(s.admin["assignments"], [&](const json& x) { return x.value("PermissionSetArn", "") == ps_arn; });
  } else if (name == "config-map") {
    s.admin["authenticationMode"] = "CONFIG_MAP";
  } else if (name == "no-entry") {
    drop_entry();
  } else if (name == "sts-entry" || name == "entry-no-policy" || name == "namespace-policy" || name == "groups-only") {
    for (auto& e : s.access_entries) {
      if (e.principal_arn != role) {
        continue;
      }
      if (name == "sts-entry") {
        e.principal_arn = "arn:aws:sts::" + s.account_id + ":assumed-role/" + sso_role_name(s.account_id, target) +
                          "/" + std::string(k_default_user);
      } else if (name == "entry-no-policy") {
        e.scopes = json::object();
      } else if (name == "groups-only") {
        e.scopes = json::object();  // RBAC would have to bind the group; the sandbox has none
        e.groups = {"eks-viewers"};
      } else {
        e.scopes = {{std::string(k_policy_prefix) + "AmazonEKSClusterAdminPolicy", {{"type", "namespace"}, {"namespaces", {"default"}}}}};
      }
      e.access_policies.clear();
      for (const auto& [arn, sc] : e.scopes.items()) {
        e.access_policies.push_back(arn);
      }
      e.rules = rules_for_policies(e.scopes);
    }
  }
  return true;
}

AdminReply run_admin(State& state, const AdminCall& call, const AdminEnv& env) {
  if (state.admin.empty()) {
    default_admin(state);
  }
  if (call.access_key_id == k_no_rights_key && call.service != "sts") {
    // An identity without any policy: AWS's wording, AccessDenied for IAM's query protocol.
    const std::string action = call.service + ":" + call.operation;
    return error(call.service == "sso" || call.service == "identitystore" ? 400 : 403,
                 call.service == "iam" ? "AccessDenied" : "AccessDeniedException",
                 "User: " + no_rights_arn(state) + " is not authorized to perform: " + action +
                     " because no identity-based policy allows the " + action + " action");
  }
  if (call.service == "sso") {
    return sso_admin(state, call);
  }
  if (call.service == "identitystore") {
    return identity_store(state, call);
  }
  if (call.service == "eks") {
    return eks_ops(state, call, env);
  }
  if (call.service == "iam") {
    return iam_ops(state, call);
  }
  if (call.service == "sts") {
    return sts_ops(state, call);
  }
  if (call.service == "portal") {
    // The role credentials the fake aws derives too (identity.hpp), so tokens signed with them pass.
    if (call.security_token.empty()) {
      return error(401, "UnauthorizedException", "Session token not found or invalid");
    }
    const std::string role = call.input.value("role_name", "");
    const SsoSession session{call.input.value("account_id", ""), sso_role_name(call.input.value("account_id", ""), role),
                             std::string(k_default_user)};
    bool assigned = false;
    for (const auto& p : arr(state.admin, "permissionSets")) {
      for (const auto& acct : p.value("provisionedTo", json::array())) {
        assigned = assigned || (p.value("Name", "") == role && acct == session.account_id);
      }
    }
    if (!assigned) {
      return error(403, "ForbiddenException", "No access");
    }
    const std::string akid = sso_access_key_id(session);
    return ok({{"roleCredentials",
                {{"accessKeyId", akid}, {"secretAccessKey", derived_secret_key(akid)},
                 {"sessionToken", security_token_for(session)}, {"expiration", (env.now + 3600) * 1000}}}});
  }
  return error(400, "UnrecognizedClientException", "the sandbox does not serve " + call.service);
}

}  // namespace sandbox
