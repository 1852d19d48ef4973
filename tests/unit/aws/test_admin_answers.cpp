// admin_answers and iam_policy: the AWS CLI's JSON answers of the admin calls (shapes from botocore's
// service-2.json models of sso-admin, identitystore, eks and iam) and the policy verdicts.
#include <doctest/doctest.h>

#include "lib/aws/admin_answers.hpp"
#include "lib/aws/iam_policy.hpp"

TEST_CASE("admin answers: sso-admin list-instances, permission sets, policies and assignments") {
  const auto inst = eks::parse_list_instances(R"({"Instances": [{"InstanceArn": "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6",
    "IdentityStoreId": "d-9067example", "OwnerAccountId": "111122223333", "Name": "corp",
    "CreatedDate": "2024-01-10T10:00:00+00:00", "Status": "ACTIVE"}]})");
  REQUIRE(inst);
  REQUIRE(inst->size() == 1);
  CHECK(inst->front().arn == "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6");
  CHECK(inst->front().identity_store_id == "d-9067example");
  CHECK(inst->front().status == "ACTIVE");
  CHECK(eks::parse_list_instances(R"({"Instances": []})")->empty());
  CHECK(!eks::parse_list_instances("not json"));
  CHECK(eks::parse_list_instances("not json").error().message == "aws sso-admin list-instances: the output is not JSON");
  CHECK(!eks::parse_list_instances(R"({"Instances": "x"})"));

  const auto sets = eks::parse_string_list(R"({"PermissionSets": ["arn:aws:sso:::permissionSet/ssoins-1/ps-1"]})",
                                           "PermissionSets");
  REQUIRE(sets);
  CHECK(*sets == std::vector<std::string>{"arn:aws:sso:::permissionSet/ssoins-1/ps-1"});
  CHECK(eks::parse_string_list("{}", "accessEntries")->empty());

  const auto ps = eks::parse_describe_permission_set(R"({"PermissionSet": {"Name": "EKSAdmins",
    "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-1/ps-1", "SessionDuration": "PT8H"}})");
  REQUIRE(ps);
  CHECK(ps->name == "EKSAdmins");
  CHECK(ps->session_duration == "PT8H");
  CHECK(!eks::parse_describe_permission_set("{}"));

  CHECK(*eks::parse_inline_policy(R"({"InlinePolicy": ""})") == "");
  CHECK(*eks::parse_inline_policy(R"({"InlinePolicy": "{\"Version\":\"2012-10-17\"}"})") == R"({"Version":"2012-10-17"})");

  const auto managed = eks::parse_managed_policies(
      R"({"AttachedManagedPolicies": [{"Name": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})");
  REQUIRE(managed);
  CHECK(managed->front().arn == "arn:aws:iam::aws:policy/ReadOnlyAccess");
  const auto customer = eks::parse_customer_policy_refs(
      R"({"CustomerManagedPolicyReferences": [{"Name": "eks-describe"}, {"Name": "x", "Path": "/team/"}]})");
  REQUIRE(customer);
  CHECK(customer->at(0).path == "/");
  CHECK(customer->at(1).path == "/team/");

  const auto assignments = eks::parse_account_assignments(R"({"AccountAssignments": [{"AccountId": "111122223333",
    "PermissionSetArn": "arn:aws:sso:::permissionSet/ssoins-1/ps-1", "PrincipalType": "GROUP",
    "PrincipalId": "906747f2-1234-5678-9abc-def012345678"}]})");
  REQUIRE(assignments);
  CHECK(assignments->front().principal_type == "GROUP");
  CHECK(assignments->front().principal_id == "906747f2-1234-5678-9abc-def012345678");
}

TEST_CASE("admin answers: identitystore, eks and iam shapes") {
  const auto users = eks::parse_identity_users(
      R"({"Users": [{"IdentityStoreId": "d-1", "UserId": "u-1", "UserName": "jane", "DisplayName": "Jane Doe"}]})");
  REQUIRE(users);
  CHECK(users->front().name == "jane");
  const auto groups = eks::parse_identity_groups(R"({"Groups": [{"GroupId": "g-1", "DisplayName": "platform"}]})");
  REQUIRE(groups);
  CHECK(groups->front().id == "g-1");
  CHECK(eks::parse_describe_group(R"({"GroupId": "g-1", "DisplayName": "platform", "IdentityStoreId": "d-1"})")->name ==
        "platform");
  CHECK(eks::parse_describe_user(R"({"UserId": "u-1", "UserName": "jane"})")->name == "jane");

  const auto cluster = eks::parse_describe_cluster(R"({"cluster": {"name": "demo",
    "arn": "arn:aws:eks:us-east-1:111122223333:cluster/demo", "status": "ACTIVE",
    "accessConfig": {"bootstrapClusterCreatorAdminPermissions": true, "authenticationMode": "API_AND_CONFIG_MAP"}}})");
  REQUIRE(cluster);
  CHECK(cluster->authentication_mode == "API_AND_CONFIG_MAP");
  CHECK(eks::parse_describe_cluster(R"({"cluster": {"name": "old"}})")->authentication_mode.empty());
  CHECK(!eks::parse_describe_cluster(R"({"clusters": []})"));

  const auto roles = eks::parse_list_roles(R"({"Roles": [
    {"Path": "/aws-reserved/sso.amazonaws.com/", "RoleName": "AWSReservedSSO_EKS_Admins_aaaabbbbccccdddd",
     "Arn": "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_EKS_Admins_aaaabbbbccccdddd"},
    {"Path": "/aws-reserved/sso.amazonaws.com/us-east-1/", "RoleName": "AWSReservedSSO_EKS_0123456789abcdef",
     "Arn": "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_EKS_0123456789abcdef"}]})");
  REQUIRE(roles);
  const auto eks_role = eks::find_sso_role(*roles, "EKS");
  REQUIRE(eks_role);  // not AWSReservedSSO_EKS_Admins_...: "Admins_aaaa..." is no hex hash
  CHECK(eks_role->name == "AWSReservedSSO_EKS_0123456789abcdef");
  CHECK(eks::find_sso_role(*roles, "EKS_Admins")->name == "AWSReservedSSO_EKS_Admins_aaaabbbbccccdddd");
  CHECK(!eks::find_sso_role(*roles, "Other"));
  CHECK(eks::assumed_role_prefix(*eks_role) ==
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKS_0123456789abcdef/");
  CHECK(eks::path_stripped_arn(*eks_role) == "arn:aws:iam::111122223333:role/AWSReservedSSO_EKS_0123456789abcdef");

  const auto entry = eks::parse_describe_access_entry(R"({"accessEntry": {"clusterName": "demo",
    "principalArn": "arn:aws:iam::111122223333:role/x", "kubernetesGroups": ["viewers"], "type": "STANDARD",
    "username": "arn:aws:sts::111122223333:assumed-role/x/{{SessionName}}"}})");
  REQUIRE(entry);
  CHECK(entry->kubernetes_groups == std::vector<std::string>{"viewers"});
  CHECK(entry->type == "STANDARD");

  const auto policies = eks::parse_associated_policies(R"({"clusterName": "demo", "principalArn": "x",
    "associatedAccessPolicies": [
      {"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy", "accessScope": {"type": "cluster", "namespaces": []}},
      {"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", "accessScope": {"type": "namespace", "namespaces": ["dev"]}},
      {"policyArn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy", "accessScope": {"type": "cluster"}}]})");
  REQUIRE(policies);
  REQUIRE(policies->size() == 3);
  CHECK(policies->at(1).namespaces == std::vector<std::string>{"dev"});
  CHECK(eks::access_policy_covers_nodes(policies->at(0)));
  CHECK(!eks::access_policy_covers_nodes(policies->at(1)));  // namespace scope never covers nodes
  CHECK(!eks::access_policy_covers_nodes(policies->at(2)));  // View has no nodes rule

  CHECK(*eks::parse_policy_default_version(R"({"Policy": {"PolicyName": "ReadOnlyAccess", "DefaultVersionId": "v3"}})") ==
        "v3");
  CHECK(*eks::parse_policy_version_document(
            R"({"PolicyVersion": {"Document": {"Version": "2012-10-17", "Statement": []}, "VersionId": "v3"}})") ==
        R"({"Statement":[],"Version":"2012-10-17"})");
}

TEST_CASE("admin answers: the service error on stderr") {
  const auto e = eks::parse_service_error(
      "\nAn error occurred (AccessDeniedException) when calling the ListInstances operation: User: "
      "arn:aws:iam::111122223333:user/ro is not authorized to perform: sso:ListInstances\n");
  REQUIRE(e);
  CHECK(e->code == "AccessDeniedException");
  CHECK(e->operation == "ListInstances");
  CHECK(e->message == "User: arn:aws:iam::111122223333:user/ro is not authorized to perform: sso:ListInstances");
  CHECK(e->access_denied());
  const auto nf = eks::parse_service_error(
      "An error occurred (ResourceNotFoundException) when calling the DescribeCluster operation: No cluster found for name: x.");
  REQUIRE(nf);
  CHECK(nf->not_found());
  CHECK(!nf->access_denied());
  CHECK(!eks::parse_service_error("Could not connect to the endpoint URL"));
}

TEST_CASE("iam policy: wildcards, NotAction, Deny and Condition") {
  CHECK(eks::iam_wildcard_match("eks:Describe*", "eks:DescribeCluster", true));
  CHECK(eks::iam_wildcard_match("EKS:describecluster", "eks:DescribeCluster", true));
  CHECK(!eks::iam_wildcard_match("eks:List*", "eks:DescribeCluster", true));
  CHECK(eks::iam_wildcard_match("eks:Describe?luster", "eks:DescribeCluster", true));
  CHECK(eks::iam_wildcard_match("*", "anything", false));
  CHECK(!eks::iam_wildcard_match("arn:aws:eks:*:*:cluster/prod-*", "arn:aws:eks:us-east-1:1:cluster/demo", false));

  const std::string cluster = "arn:aws:eks:us-east-1:111122223333:cluster/demo";
  auto v = eks::evaluate_policy(
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"eks:Describe*","Resource":"*"}})",
      "eks:DescribeCluster", cluster);
  REQUIRE(v);
  CHECK(v->allows);
  CHECK(!v->denies);
  v = eks::evaluate_policy(R"({"Statement":[{"Effect":"Allow","Action":["eks:List*"],"Resource":"*"}]})",
                           "eks:DescribeCluster", cluster);
  CHECK(!v->allows);
  v = eks::evaluate_policy(
      R"({"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]})",
      "eks:DescribeCluster", cluster);
  CHECK(v->allows);  // PowerUserAccess's shape
  v = eks::evaluate_policy(
      R"({"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
                       {"Effect":"Deny","Action":"sts:*","Resource":"*","Condition":{"Bool":{"aws:ViaAWSService":"false"}}}]})",
      "sts:GetCallerIdentity", "*");
  CHECK(v->allows);
  CHECK(v->denies);
  CHECK(v->deny_conditional);
  v = eks::evaluate_policy(
      R"({"Statement":[{"Effect":"Allow","Action":"eks:DescribeCluster","Resource":"arn:aws:eks:*:*:cluster/prod-*"}]})",
      "eks:DescribeCluster", cluster);
  CHECK(!v->allows);  // another cluster's resource
  CHECK(!eks::evaluate_policy("[]", "eks:DescribeCluster", cluster));
  CHECK(!eks::evaluate_policy("{", "eks:DescribeCluster", cluster));
}

TEST_CASE("iam policy: the document without the Deny statements that block an action") {
  auto kept = eks::policy_without_denies(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"eks:DescribeCluster","Resource":"*"},
          {"Effect":"Deny","Action":["sts:Get*"],"Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})",
      "sts:GetCallerIdentity", "*");
  REQUIRE(kept);
  CHECK(*kept == R"({"Statement":[{"Action":"eks:DescribeCluster","Effect":"Allow","Resource":"*"},)"
                 R"({"Action":"s3:*","Effect":"Deny","Resource":"*"}],"Version":"2012-10-17"})");
  // A single statement object, and the verdict of what is left.
  kept = eks::policy_without_denies(R"({"Statement":{"Effect":"Deny","Action":"sts:*","Resource":"*"}})",
                                    "sts:GetCallerIdentity", "*");
  REQUIRE(kept);
  CHECK(*kept == R"({"Statement":[]})");
  CHECK(!eks::evaluate_policy(*kept, "sts:GetCallerIdentity", "*")->denies);
  CHECK(!eks::policy_without_denies("{", "sts:GetCallerIdentity", "*"));
}

TEST_CASE("admin answers: identitystore list-group-memberships-for-member") {
  auto groups = eks::parse_group_memberships_for_member(
      R"({"GroupMemberships": [{"IdentityStoreId": "d-1", "MembershipId": "m-1", "GroupId": "g-1", "MemberId": {"UserId": "u-1"}},
          {"IdentityStoreId": "d-1", "MembershipId": "m-2", "MemberId": {"UserId": "u-1"}},
          {"IdentityStoreId": "d-1", "MembershipId": "m-3", "GroupId": "g-2", "MemberId": {"UserId": "u-1"}}]})");
  REQUIRE(groups);
  CHECK(*groups == std::vector<std::string>{"g-1", "g-2"});
  groups = eks::parse_group_memberships_for_member(R"({"GroupMemberships": []})");
  REQUIRE(groups);
  CHECK(groups->empty());
  const auto bad = eks::parse_group_memberships_for_member("[]");
  REQUIRE(!bad);
  CHECK(bad.error().message == "aws identitystore list-group-memberships-for-member: the output is not a JSON object");
}
