// doctor --admin-profile: the admin checks (identity-center, permission-set, account-assignment,
// cluster-auth-mode, access-entry) over realistic AWS CLI answers. The user side runs through the
// queued FakeProcessRunner; the admin calls are answered by `service op` from a table, so each test
// states only the answers its scenario changes.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "lib/aws/sso_cache.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/doctor/doctor.hpp"
#include "lib/doctor/output.hpp"
#include "lib/util/timefmt.hpp"
#include "support/doctor_world.hpp"
#include "support/fake_http.hpp"
#include "support/fake_process_runner.hpp"
#include "support/temp_dir.hpp"

using eks::CheckStatus;
using eks::DoctorReport;
using eks::Finding;

namespace {

constexpr std::string_view k_instance = "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6";
constexpr std::string_view k_ps = "arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-0123456789abcdef";
constexpr std::string_view k_role_arn =
    "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_EKSAdmins_0123456789abcdef";

// The user's files of test_doctor, and an admin profile in another SSO session.
const std::string k_aws_config = std::string(eks::test::k_doctor_aws_config) + R"(
[profile org-admin]
sso_session = admin
sso_account_id = 999988887777
sso_role_name = AdministratorAccess

[sso-session admin]
sso_start_url = https://d-admin.awsapps.com/start
sso_region = us-east-1
)";

// Answers admin calls by "service op" (the first two args); everything else goes to the queue.
class AdminRunner final : public eks::ProcessRunner {
 public:
  eks::test::FakeProcessRunner user;
  std::map<std::string, eks::ProcessResult> answers;
  std::vector<eks::ProcessSpec> admin_calls;

  void answer(const std::string& op, std::string out, int code = 0, std::string err = "") {
    eks::ProcessResult r;
    r.exit_code = code;
    r.out = std::move(out);
    r.err = std::move(err);
    answers[op] = std::move(r);
  }
  eks::ProcessResult run(const eks::ProcessSpec& spec) override {
    const auto& a = spec.args;
    const bool admin = std::find(a.begin(), a.end(), "org-admin") != a.end();
    if (!admin) {
      return user.run(spec);
    }
    admin_calls.push_back(spec);
    const auto it = answers.find(a[0] + " " + a[1]);
    if (it == answers.end()) {
      eks::ProcessResult r;
      r.exit_code = 252;
      r.err = "unexpected " + a[0] + " " + a[1];
      return r;
    }
    return it->second;
  }
  [[nodiscard]] bool ran(const std::string& op) const {
    for (const auto& c : admin_calls) {
      if (c.args[0] + " " + c.args[1] == op) {
        return true;
      }
    }
    return false;
  }
};

struct World : eks::test::DoctorFiles {
  eks::FixedClock clock{*eks::parse_rfc3339("2026-11-29T16:00:00Z")};
  AdminRunner runner;
  eks::test::FakeHttpClient http;
  std::ostringstream out;
  std::ostringstream err;
  int verbosity = 0;

  explicit World(bool api_ok = true) : DoctorFiles(eks::test::doctor_kubeconfig(), k_aws_config) {
    sso_token("2026-11-29T23:00:00Z");
    // The user's half passes.
    runner.user.expect_exit(0, "aws-cli/2.15.0 Python/3.11.2 Linux/6.1 exe/x86_64.debian.12\n");
    runner.user.expect_exit(0, R"({"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1",
      "spec": {}, "status": {"expirationTimestamp": "2026-11-29T16:14:00Z", "token": "k8s-aws-v1.secret"}})");
    http.respond(200, R"({"gitVersion":"v1.30.4-eks-a737599"})");
    if (api_ok) {
      http.respond(201, R"({"kind":"SelfSubjectReview","status":{"userInfo":{"username":"jane"}}})");
      http.respond(201, R"({"kind":"SelfSubjectAccessReview","status":{"allowed":true}})");
    }
    healthy();
  }

  // Every admin answer of a correctly set-up account.
  void healthy() {
    runner.answer("sso-admin list-instances", R"({"Instances": [{"InstanceArn": ")" + std::string(k_instance) +
                                                  R"(", "IdentityStoreId": "d-9067example", "Status": "ACTIVE"}]})");
    runner.answer("sso-admin list-permission-sets",
                  R"({"PermissionSets": ["arn:aws:sso:::permissionSet/ssoins-7223a1b2c3d4e5f6/ps-other", ")" +
                      std::string(k_ps) + R"("]})");
    runner.answer("sso-admin describe-permission-set",
                  R"({"PermissionSet": {"Name": "EKSAdmins", "PermissionSetArn": ")" + std::string(k_ps) + R"("}})");
    runner.answer("sso-admin list-permission-sets-provisioned-to-account",
                  R"({"PermissionSets": [")" + std::string(k_ps) + R"("]})");
    runner.answer("sso-admin get-inline-policy-for-permission-set",
                  R"({"InlinePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"eks:DescribeCluster\",\"eks:ListClusters\"],\"Resource\":\"*\"}]}"})");
    runner.answer("sso-admin list-managed-policies-in-permission-set", R"({"AttachedManagedPolicies": []})");
    runner.answer("sso-admin list-customer-managed-policy-references-in-permission-set",
                  R"({"CustomerManagedPolicyReferences": []})");
    runner.answer("sso-admin list-account-assignments",
                  R"({"AccountAssignments": [{"AccountId": "111122223333", "PermissionSetArn": ")" +
                      std::string(k_ps) + R"(", "PrincipalType": "GROUP", "PrincipalId": "g-1"}]})");
    runner.answer("identitystore describe-group", R"({"GroupId": "g-1", "DisplayName": "platform"})");
    runner.answer("identitystore list-users", R"({"Users": []})");
    runner.answer("identitystore list-groups", R"({"Groups": [{"GroupId": "g-1", "DisplayName": "platform"}]})");
    runner.answer("eks describe-cluster", R"({"cluster": {"name": "demo", "arn": "arn:aws:eks:us-east-1:111122223333:cluster/demo",
      "accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"}}})");
    runner.answer("iam list-roles", R"({"Roles": [{"Path": "/aws-reserved/sso.amazonaws.com/us-east-1/",
      "RoleName": "AWSReservedSSO_EKSAdmins_0123456789abcdef", "Arn": ")" + std::string(k_role_arn) + R"("}]})");
    runner.answer("eks list-access-entries", R"({"accessEntries": [")" + std::string(k_role_arn) + R"("]})");
    runner.answer("eks describe-access-entry", R"({"accessEntry": {"principalArn": ")" + std::string(k_role_arn) +
                                                   R"(", "kubernetesGroups": [], "type": "STANDARD"}})");
    policies("cluster", "AmazonEKSAdminViewPolicy");
  }
  void policies(const std::string& scope, const std::string& name) {
    runner.answer("eks list-associated-access-policies",
                  R"({"associatedAccessPolicies": [{"policyArn": "arn:aws:eks::aws:cluster-access-policy/)" + name +
                      R"(", "accessScope": {"type": ")" + scope + R"(", "namespaces": [)" +
                      (scope == "namespace" ? R"("dev")" : "") + "]}}]}");
  }

  DoctorReport run(std::string principal = "", std::string permission_set = "") {
    eks::DoctorInput in = input();
    in.admin_profile = "org-admin";
    in.principal = std::move(principal);
    in.permission_set = std::move(permission_set);
    eks::Deps deps{env, home(), runner, clock, http, out, err, eks::Terminal{}, verbosity, nullptr};
    return eks::diagnose_context(in, deps);
  }
};

using eks::test::check;

}  // namespace

TEST_CASE("doctor --admin-profile: a correct setup passes all five admin checks, appended in guide order") {
  World w;
  w.verbosity = 1;
  const DoctorReport r = w.run("platform");
  std::vector<std::string> ids;
  for (const auto& f : r.checks) {
    ids.push_back(f.id + "=" + eks::check_status_name(f.status));
  }
  CHECK(ids == std::vector<std::string>{"kubeconfig=pass", "context=pass", "exec-plugin=pass", "aws-cli=pass",
                                        "aws-profile=pass", "sso-token=pass", "credential=pass", "api-reachable=pass",
                                        "api-authenticated=pass", "can-list-nodes=pass", "identity-center=pass",
                                        "permission-set=pass", "account-assignment=pass", "cluster-auth-mode=pass",
                                        "access-entry=pass"});
  CHECK(r.exit_code == 0);
  CHECK(check(r, "identity-center").step == 1);
  CHECK(check(r, "access-entry").step == 6);
  CHECK(check(r, "identity-center").summary ==
        "instance " + std::string(k_instance) + " (identity store d-9067example) in us-east-1");
  CHECK(check(r, "account-assignment").summary ==
        "account 111122223333 is assigned with permission set \"EKSAdmins\" to: group platform");
  CHECK(check(r, "access-entry").summary ==
        "access entry " + std::string(k_role_arn) + " with AmazonEKSAdminViewPolicy (cluster)");
  // Every admin call is read-only, JSON, with the admin profile, and listed at -v 1.
  for (const auto& c : w.runner.admin_calls) {
    const std::string op = c.args[1];
    CHECK_MESSAGE((op.rfind("list-", 0) == 0 || op.rfind("describe-", 0) == 0 || op.rfind("get-", 0) == 0), op);
    const auto n = c.args.size();
    CHECK(c.args[n - 4] == "--output");
    CHECK(c.args[n - 3] == "json");
    CHECK(c.args[n - 2] == "--profile");
    CHECK(c.timeout == std::chrono::milliseconds(30000));
  }
  CHECK(w.err.str().find("running (read-only): aws sso-admin list-instances --region us-east-1 --output json "
                         "--profile org-admin") != std::string::npos);
  // IAM is global, yet AWS CLI v1 needs a region to sign when the admin profile sets none.
  CHECK(w.err.str().find("running (read-only): aws iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/ "
                         "--region us-east-1 --output json --profile org-admin") != std::string::npos);
  const std::string json = eks::report_json(r).dump();
  CHECK(json.find(R"({"id":"identity-center","step":1,)") != std::string::npos);
}

TEST_CASE("doctor --admin-profile: each failure fails the right check with the right fix and exit code") {
  World w;
  SUBCASE("no instance") {
    w.runner.answer("sso-admin list-instances", R"({"Instances": []})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "identity-center");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary == "no IAM Identity Center instance in region us-east-1 (the profile's sso_region)");
    CHECK(f.fix.front() == "aws sso-admin list-instances --region us-east-1 --profile org-admin");
    CHECK(check(r, "permission-set").status == CheckStatus::skip);
    CHECK(check(r, "account-assignment").status == CheckStatus::skip);
    CHECK(r.exit_code == 7);
  }
  SUBCASE("permission set missing") {
    w.runner.answer("sso-admin describe-permission-set", R"({"PermissionSet": {"Name": "ReadOnly"}})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "permission-set");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary == "no permission set named \"EKSAdmins\" in " + std::string(k_instance));
    CHECK(f.detail.front() == "permission sets: ReadOnly, ReadOnly");
    CHECK(f.fix.front() == "aws sso-admin create-permission-set --instance-arn " + std::string(k_instance) +
                               " --name EKSAdmins --region us-east-1 --profile org-admin");
    CHECK(check(r, "account-assignment").summary == "skipped: the permission set was not found");
    CHECK(r.exit_code == 7);
  }
  SUBCASE("--permission-set names another set") {
    const DoctorReport r = w.run("", "Other");
    CHECK(check(r, "permission-set").summary == "no permission set named \"Other\" in " + std::string(k_instance));
  }
  SUBCASE("not provisioned to the account") {
    w.runner.answer("sso-admin list-permission-sets-provisioned-to-account", R"({"PermissionSets": []})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "permission-set");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary == "permission set \"EKSAdmins\" is not provisioned to account 111122223333");
    CHECK(f.fix.front() == "aws sso-admin provision-permission-set --instance-arn " + std::string(k_instance) +
                               " --permission-set-arn " + std::string(k_ps) +
                               " --target-type AWS_ACCOUNT --target-id 111122223333 --region us-east-1 --profile org-admin");
  }
  SUBCASE("lacking eks:DescribeCluster") {
    w.runner.answer("sso-admin get-inline-policy-for-permission-set",
                    R"({"InlinePolicy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "permission-set");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary ==
          "no policy of permission set \"EKSAdmins\" allows eks:DescribeCluster (aws eks update-kubeconfig needs it)");
    CHECK(f.fix.front().rfind("aws sso-admin put-inline-policy-to-permission-set --instance-arn", 0) == 0);
    CHECK(f.fix.front().find("eks:DescribeCluster") != std::string::npos);
    CHECK(f.fix.back().rfind("aws sso-admin provision-permission-set", 0) == 0);
  }
  SUBCASE("an AWS managed policy allows it, read with iam get-policy-version") {
    w.runner.answer("sso-admin get-inline-policy-for-permission-set", R"({"InlinePolicy": ""})");
    w.runner.answer("sso-admin list-managed-policies-in-permission-set",
                    R"({"AttachedManagedPolicies": [{"Name": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]})");
    w.runner.answer("iam get-policy", R"({"Policy": {"DefaultVersionId": "v9"}})");
    w.runner.answer("iam get-policy-version",
                    R"({"PolicyVersion": {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["eks:Describe*", "eks:List*"], "Resource": "*"}]}}})");
    const DoctorReport r = w.run();
    CHECK(check(r, "permission-set").status == CheckStatus::pass);
    CHECK(check(r, "permission-set").detail.back() == "eks:DescribeCluster is allowed by managed policy ReadOnlyAccess");
  }
  SUBCASE("a policy denies sts:GetCallerIdentity") {
    w.runner.answer("sso-admin list-managed-policies-in-permission-set",
                    R"({"AttachedManagedPolicies": [{"Name": "NoSts", "Arn": "arn:aws:iam::aws:policy/NoSts"}]})");
    w.runner.answer("iam get-policy", R"({"Policy": {"DefaultVersionId": "v1"}})");
    w.runner.answer("iam get-policy-version",
                    R"({"PolicyVersion": {"Document": {"Statement": {"Effect": "Deny", "Action": "sts:*", "Resource": "*"}}}})");
    const DoctorReport r = w.run();
    CHECK(check(r, "permission-set").summary ==
          "managed policy NoSts denies sts:GetCallerIdentity, which aws eks get-token's token is");
    CHECK(check(r, "permission-set").fix ==
          std::vector<std::string>{
              "aws sso-admin detach-managed-policy-from-permission-set --instance-arn " + std::string(k_instance) +
                  " --permission-set-arn " + std::string(k_ps) +
                  " --managed-policy-arn arn:aws:iam::aws:policy/NoSts --region us-east-1 --profile org-admin",
              "aws sso-admin provision-permission-set --instance-arn " + std::string(k_instance) +
                  " --permission-set-arn " + std::string(k_ps) +
                  " --target-type AWS_ACCOUNT --target-id 111122223333 --region us-east-1 --profile org-admin"});
    CHECK(r.exit_code == 7);
  }
  SUBCASE("an inline Deny on sts:GetCallerIdentity: the fix puts the policy back without it") {
    w.runner.answer("sso-admin get-inline-policy-for-permission-set",
                    R"({"InlinePolicy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"eks:DescribeCluster\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Action\":\"sts:GetCallerIdentity\",\"Resource\":\"*\"}]}"})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "permission-set");
    CHECK(f.summary == "the inline policy denies sts:GetCallerIdentity, which aws eks get-token's token is");
    REQUIRE(f.fix.size() == 2);
    CHECK(f.fix[0] == "aws sso-admin put-inline-policy-to-permission-set --instance-arn " + std::string(k_instance) +
                          " --permission-set-arn " + std::string(k_ps) +
                          " --inline-policy '{\"Statement\":[{\"Action\":\"eks:DescribeCluster\",\"Effect\":\"Allow\","
                          "\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}' --region us-east-1 --profile org-admin");
    CHECK(f.fix[1].rfind("aws sso-admin provision-permission-set ", 0) == 0);
  }
  SUBCASE("no assignment") {
    w.runner.answer("sso-admin list-account-assignments", R"({"AccountAssignments": []})");
    const DoctorReport r = w.run("platform");
    const Finding& f = check(r, "account-assignment");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary == "no user or group is assigned to account 111122223333 with permission set \"EKSAdmins\"");
    CHECK(f.fix.front() == "aws sso-admin create-account-assignment --instance-arn " + std::string(k_instance) +
                               " --target-id 111122223333 --target-type AWS_ACCOUNT --permission-set-arn " +
                               std::string(k_ps) + " --principal-type GROUP --principal-id g-1 --region us-east-1 "
                               "--profile org-admin");
    CHECK(r.exit_code == 7);
  }
  SUBCASE("--principal not assigned, or not in the identity store") {
    // Issue 15 part 2: a user is looked up in the assigned groups too (list-group-memberships-for-member);
    // the fix adds it to the assigned group, the direct assignment is the alternative in the detail.
    w.runner.answer("identitystore list-users", R"({"Users": [{"UserId": "u-7", "UserName": "bob"}]})");
    w.runner.answer("identitystore list-group-memberships-for-member",
                    R"({"GroupMemberships": [{"IdentityStoreId": "d-9067example", "MembershipId": "m-1", "GroupId": "g-other", "MemberId": {"UserId": "u-7"}}]})");
    DoctorReport r = w.run("bob");
    CHECK(check(r, "account-assignment").summary ==
          "user \"bob\" is not assigned to account 111122223333 with permission set \"EKSAdmins\", nor a member of "
          "an assigned group (assigned: group platform)");
    CHECK(check(r, "account-assignment").fix ==
          std::vector<std::string>{"aws identitystore create-group-membership --identity-store-id d-9067example "
                                   "--group-id g-1 --member-id UserId=u-7 --region us-east-1 --profile org-admin"});
    CHECK(check(r, "account-assignment").detail.back().find("--principal-type USER --principal-id u-7") !=
          std::string::npos);
    const auto& calls = w.runner.admin_calls;
    const auto m = std::find_if(calls.begin(), calls.end(),
                                [](const eks::ProcessSpec& c) { return c.args[1] == "list-group-memberships-for-member"; });
    REQUIRE(m != calls.end());
    CHECK(std::vector<std::string>(m->args.begin(), m->args.begin() + 8) ==
          std::vector<std::string>{"identitystore", "list-group-memberships-for-member", "--identity-store-id",
                                   "d-9067example", "--member-id", "UserId=u-7", "--region", "us-east-1"});
    w.runner.answer("identitystore list-users", R"({"Users": []})");
    w.runner.answer("identitystore list-groups", R"({"Groups": []})");
    World w2;
    w2.runner.answer("identitystore list-groups", R"({"Groups": []})");
    r = w2.run("nobody");
    CHECK(check(r, "account-assignment").summary == "no user or group named \"nobody\" in identity store d-9067example");
  }
  SUBCASE("--principal: a user assigned through a group it is a member of passes, a group assigned directly") {
    w.runner.answer("identitystore list-users", R"({"Users": [{"UserId": "u-7", "UserName": "jane"}]})");
    w.runner.answer("identitystore list-group-memberships-for-member",
                    R"({"GroupMemberships": [{"GroupId": "g-9", "MemberId": {"UserId": "u-7"}}, {"GroupId": "g-1", "MemberId": {"UserId": "u-7"}}]})");
    DoctorReport r = w.run("jane");
    CHECK(check(r, "account-assignment").status == CheckStatus::pass);
    CHECK(check(r, "account-assignment").detail ==
          std::vector<std::string>{"user \"jane\" is assigned through group platform, which it is a member of"});
    CHECK(r.exit_code == 0);
    World w2;
    r = w2.run("platform");
    CHECK(check(r, "account-assignment").detail == std::vector<std::string>{"group \"platform\" is assigned directly"});
    CHECK(!w2.runner.ran("identitystore list-group-memberships-for-member"));
  }
  SUBCASE("--principal: a misshapen membership answer is a one-line error naming the command") {
    w.runner.answer("identitystore list-users", R"({"Users": [{"UserId": "u-7", "UserName": "jane"}]})");
    w.runner.answer("identitystore list-group-memberships-for-member", R"({"GroupMemberships": "nope"})");
    const DoctorReport r = w.run("jane");
    CHECK(check(r, "account-assignment").summary ==
          "aws identitystore list-group-memberships-for-member: \"GroupMemberships\" is not a list in its output");
  }
  SUBCASE("CONFIG_MAP mode") {
    w.runner.answer("eks describe-cluster", R"({"cluster": {"name": "demo", "accessConfig": {"authenticationMode": "CONFIG_MAP"}}})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "cluster-auth-mode");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.fix.front() ==
          "aws eks update-cluster-config --name demo --access-config authenticationMode=API_AND_CONFIG_MAP --region "
          "us-east-1 --profile org-admin");
    CHECK(check(r, "access-entry").status == CheckStatus::skip);
    CHECK(r.exit_code == 4);
  }
  SUBCASE("no entry") {
    w.runner.answer("eks list-access-entries", R"({"accessEntries": ["arn:aws:iam::111122223333:role/other"]})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "access-entry");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary == "no access entry on cluster \"demo\" for role " + std::string(k_role_arn));
    CHECK(f.fix.at(0) == "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn " +
                             std::string(k_role_arn) + " --profile org-admin");
    CHECK(f.fix.at(1).rfind("aws eks associate-access-policy --cluster-name demo", 0) == 0);
    CHECK(r.exit_code == 4);
  }
  SUBCASE("entry for the STS ARN") {
    const std::string sts =
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane@example.com";
    w.runner.answer("eks list-access-entries", R"({"accessEntries": [")" + sts + R"("]})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "access-entry");
    CHECK(f.summary == "the access entry is for " + sts + ", not the IAM role ARN with its path " + std::string(k_role_arn));
    CHECK(f.fix.at(0) ==
          "aws eks delete-access-entry --cluster-name demo --principal-arn " + sts + " --region us-east-1 --profile org-admin");
    CHECK(f.fix.at(1).find("create-access-entry") != std::string::npos);
  }
  SUBCASE("entry without policy") {
    w.runner.answer("eks list-associated-access-policies", R"({"associatedAccessPolicies": []})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "access-entry");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary.find("has no access policy and no Kubernetes groups") != std::string::npos);
    CHECK(f.fix.front().find("AmazonEKSAdminViewPolicy --access-scope type=cluster") != std::string::npos);
    CHECK(r.exit_code == 5);
  }
  SUBCASE("kubernetesGroups only: RBAC must bind them") {
    w.runner.answer("eks describe-access-entry", R"({"accessEntry": {"kubernetesGroups": ["viewers"]}})");
    w.runner.answer("eks list-associated-access-policies", R"({"associatedAccessPolicies": []})");
    const DoctorReport r = w.run();
    CHECK(check(r, "access-entry").status == CheckStatus::warn);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("namespace-scoped policy") {
    w.policies("namespace", "AmazonEKSClusterAdminPolicy");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "access-entry");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary.find("namespace-scoped") != std::string::npos);
    CHECK(f.summary.find("AmazonEKSClusterAdminPolicy (namespace dev)") != std::string::npos);
    CHECK(r.exit_code == 5);
  }
  SUBCASE("a cluster-scoped View policy does not cover nodes") {
    w.policies("cluster", "AmazonEKSViewPolicy");
    const DoctorReport r = w.run();
    CHECK(check(r, "access-entry").summary.find("do not cover listing nodes") != std::string::npos);
  }
}

TEST_CASE("doctor --admin-profile: a static-keys user's account comes from the kubeconfig's cluster ARN") {
  World w;
  // The plugin's --cluster-name is the short name and the profile has no sso_account_id.
  w.dir.write("home/.aws/config", std::string(k_aws_config) + "\n[profile dev-keys]\nregion = us-east-1\n");
  w.dir.write("home/.aws/credentials", "[dev-keys]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n");
  w.dir.write("kubeconfig", eks::test::doctor_kubeconfig(
                                "[--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]", "dev-keys"));
  const DoctorReport r = w.run("", "EKSAdmins");
  CHECK(check(r, "permission-set").summary ==
        "permission set \"EKSAdmins\" (" + std::string(k_ps) + ") is provisioned to account 111122223333");
  CHECK(check(r, "account-assignment").status == CheckStatus::pass);
  CHECK(w.runner.ran("sso-admin list-permission-sets-provisioned-to-account"));
}

TEST_CASE("doctor --admin-profile: the admin profile's own errors") {
  World w;
  SUBCASE("expired admin SSO token: the login action for the admin profile, exit 3, later admin checks skip") {
    w.runner.answer("sso-admin list-instances", "", 255,
                    "\nError when retrieving token from sso: Token has expired and refresh failed\n");
    w.runner.answer("eks describe-cluster", "", 255,
                    "\nError when retrieving token from sso: Token has expired and refresh failed\n");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "identity-center");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary.rfind("the admin profile \"org-admin\" needs an AWS SSO login", 0) == 0);
    CHECK(f.fix == std::vector<std::string>{"eks-sso login --profile org-admin", "aws sso login --profile org-admin"});
    REQUIRE(f.login);
    CHECK(f.login->profile == "org-admin");
    CHECK(check(r, "cluster-auth-mode").summary == "skipped: the admin profile \"org-admin\" needs a login first");
    CHECK(r.exit_code == 3);
    CHECK(!w.runner.ran("eks describe-cluster"));
  }
  SUBCASE("AccessDenied names the admin profile and the operation") {
    w.runner.answer("iam list-roles", "", 254,
                    "\nAn error occurred (AccessDenied) when calling the ListRoles operation: User: "
                    "arn:aws:iam::111122223333:user/ro is not authorized to perform: iam:ListRoles\n");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "access-entry");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary ==
          "the admin profile \"org-admin\" may not call ListRoles: User: arn:aws:iam::111122223333:user/ro is not "
          "authorized to perform: iam:ListRoles");
    CHECK(r.exit_code == 1);
  }
  SUBCASE("a timeout is bounded and named") {
    eks::ProcessResult t;
    t.outcome = eks::ProcessResult::Outcome::timed_out;
    w.runner.answers["eks describe-cluster"] = t;
    const DoctorReport r = w.run();
    CHECK(check(r, "cluster-auth-mode").summary == "aws eks describe-cluster timed out after 30000ms (--exec-timeout)");
    CHECK(r.exit_code == 6);
  }
}

TEST_CASE("doctor --admin-profile: the user's 401 names the admin check's cause") {
  World w(false);
  w.http.respond(401, R"({"kind":"Status","status":"Failure","message":"Unauthorized","code":401})");
  w.runner.user.expect_exit(0, R"({"UserId":"AROA:jane","Account":"111122223333","Arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane"})");
  w.runner.user.expect_exit(0, std::string(k_role_arn) + "\n");
  w.runner.answer("eks list-access-entries", R"({"accessEntries": []})");
  const DoctorReport r = w.run();
  const Finding& f = check(r, "api-authenticated");
  CHECK(f.status == CheckStatus::fail);
  CHECK(f.detail.front() == "cause (access-entry): no access entry on cluster \"demo\" for role " + std::string(k_role_arn));
  CHECK(r.exit_code == 4);
}
