// doctor: the access-entry helpers, the decision rules and each check's findings, with a fake
// process runner (aws --version, get-token, sts, iam) and a fake HTTP client (the API server).
#include <doctest/doctest.h>

#include <sstream>

#include "lib/aws/access_entry.hpp"
#include "lib/aws/sso_cache.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/doctor/checks.hpp"
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
using eks::test::FakeProcessRunner;

namespace {

constexpr std::string_view k_sts_arn =
    "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane@example.com";
constexpr std::string_view k_role_arn =
    "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_EKSAdmins_0123456789abcdef";
constexpr std::string_view k_now = "2026-11-29T16:00:00Z";
constexpr std::string_view k_server_date = "Sun, 29 Nov 2026 16:00:05 GMT";

std::string exec_credential(std::string_view expires = "2026-11-29T16:14:00Z") {
  return R"({"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1", "spec": {}, )"
         R"("status": {"expirationTimestamp": ")" +
         std::string(expires) + R"(", "token": "k8s-aws-v1.secret"}})";
}

constexpr std::string_view k_ssr = R"({"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1",
  "status":{"userInfo":{"username":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane-example.com",
  "groups":["eks-admins","system:authenticated"],
  "extra":{"arn":["arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane@example.com"],
  "sessionName":["jane@example.com"]}}}})";
constexpr std::string_view k_unauthorized =
    R"({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401})";

struct World : eks::test::DoctorFiles {
  eks::FixedClock clock{*eks::parse_rfc3339(k_now)};
  FakeProcessRunner runner;
  eks::test::FakeHttpClient http;
  std::ostringstream out;
  std::ostringstream err;

  World() : DoctorFiles(eks::test::doctor_kubeconfig(), eks::test::k_doctor_aws_config) {}

  void aws_v2() { runner.expect_exit(0, "aws-cli/2.15.0 Python/3.11.2 Linux/6.1 exe/x86_64.debian.12\n"); }
  void api_ok_until_nodes() {
    http.respond(200, R"({"major":"1","minor":"30+","gitVersion":"v1.30.4-eks-a737599"})",
                 {{"date", std::string(k_server_date)}});
    http.respond(201, std::string(k_ssr));
  }

  DoctorReport run(std::string context = "") {
    eks::Deps deps{env, home(), runner, clock, http, out, err, eks::Terminal{}, 0, nullptr};
    return eks::diagnose_context(input(std::move(context)), deps);
  }
};

using eks::test::check;
using eks::test::doctor_kubeconfig;
using eks::test::statuses;

}  // namespace

TEST_CASE("access entry: caller ARNs, the two role ARN forms and the exact commands") {
  const auto c = eks::parse_caller_arn(k_sts_arn);
  REQUIRE(c.has_value());
  CHECK(c->account == "111122223333");
  CHECK(c->role_name == "AWSReservedSSO_EKSAdmins_0123456789abcdef");
  CHECK(c->session == "jane@example.com");
  CHECK(c->is_sso_role());
  CHECK(eks::path_stripped_role_arn(*c) == "arn:aws:iam::111122223333:role/AWSReservedSSO_EKSAdmins_0123456789abcdef");
  const auto user = eks::parse_caller_arn("arn:aws:iam::111122223333:user/ci-bot");
  REQUIRE(user.has_value());
  CHECK(user->user_arn == "arn:aws:iam::111122223333:user/ci-bot");
  CHECK_FALSE(eks::parse_caller_arn("not-an-arn").has_value());

  CHECK(eks::principal_argument("", c->role_name) ==
        "\"$(aws iam get-role --role-name AWSReservedSSO_EKSAdmins_0123456789abcdef --query Role.Arn --output text)\"");
  CHECK(eks::principal_argument(k_role_arn, c->role_name) == k_role_arn);
  CHECK(eks::create_access_entry_command("demo", "us-east-1", k_role_arn) ==
        "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn " +
            std::string(k_role_arn));
  CHECK(eks::associate_access_policy_command("demo", "", "P", eks::k_admin_view_policy) ==
        "aws eks associate-access-policy --cluster-name demo --region REGION --principal-arn P --policy-arn "
        "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope type=cluster");
  CHECK(eks::update_kubeconfig_command("", "", "") ==
        "aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE");
  CHECK(eks::update_kubeconfig_command("demo", "eu-west-1", "default") ==
        "aws eks update-kubeconfig --name demo --region eu-west-1");

  const auto arn = eks::parse_eks_cluster_ref("arn:aws:eks:us-west-2:111122223333:cluster/my-cluster");
  REQUIRE(arn.has_value());
  CHECK(arn->name == "my-cluster");
  CHECK(arn->region == "us-west-2");
  CHECK(arn->account == "111122223333");
  const auto eksctl = eks::parse_eks_cluster_ref("k8studio-sso@k8studio-auth-eks.us-east-1.eksctl.io");
  REQUIRE(eksctl.has_value());
  CHECK(eksctl->name == "k8studio-auth-eks");
  CHECK(eksctl->region == "us-east-1");
  CHECK_FALSE(eks::parse_eks_cluster_ref("minikube").has_value());

  const auto id = eks::parse_caller_identity(R"({"UserId":"AROA:jane","Account":"111122223333","Arn":"arn:x"})");
  REQUIRE(id.ok());
  CHECK(id->arn == "arn:x");
  CHECK_FALSE(eks::parse_caller_identity("nope").ok());
}

TEST_CASE("doctor: HTTP dates, the exit code of the first failure, and of several contexts") {
  CHECK(eks::format_rfc3339(*eks::parse_http_date("Sun, 29 Nov 2026 16:00:05 GMT")) == "2026-11-29T16:00:05Z");
  CHECK_FALSE(eks::parse_http_date("2026-11-29T16:00:05Z").has_value());
  CHECK_FALSE(eks::parse_http_date("Sun, 31 Feb 2026 16:00:05 GMT").has_value());

  DoctorReport r;
  r.checks.push_back(eks::make_finding("kubeconfig", CheckStatus::warn, "w"));
  eks::decide(r);
  CHECK(r.ok);
  CHECK(r.exit_code == 0);
  Finding a = eks::make_finding("api-authenticated", CheckStatus::fail, "401");
  a.kind = eks::ErrorKind::unauthorized;
  Finding b = eks::make_finding("can-list-nodes", CheckStatus::fail, "403");
  b.kind = eks::ErrorKind::forbidden;
  r.checks.push_back(a);
  r.checks.push_back(b);
  eks::decide(r);
  CHECK_FALSE(r.ok);
  CHECK(r.exit_code == 4);
  DoctorReport ok;
  eks::decide(ok);
  CHECK(eks::combined_exit_code({ok, r}) == 4);
  CHECK(eks::combined_exit_code({ok, ok}) == 0);
}

TEST_CASE("doctor: everything passes, in the contract's order, and the plugin never gets a terminal") {
  World w;
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.api_ok_until_nodes();
  w.http.respond(201, R"({"kind":"SelfSubjectAccessReview","status":{"allowed":true}})");
  const DoctorReport r = w.run();
  CHECK(statuses(r) == std::vector<std::string>{"kubeconfig=pass", "context=pass", "exec-plugin=pass", "aws-cli=pass",
                                                "aws-profile=pass", "sso-token=pass", "credential=pass",
                                                "api-reachable=pass", "api-authenticated=pass", "can-list-nodes=pass"});
  CHECK(r.ok);
  CHECK(r.exit_code == 0);
  CHECK(r.context == "dev");
  CHECK(check(r, "sso-token").summary == "valid, 7h left (expires 2026-11-29T23:00:00Z)");
  CHECK(check(r, "aws-cli").summary == "aws-cli/2.15.0 at " + (w.dir.path() / "bin/aws").string());
  CHECK(check(r, "aws-profile").summary ==
        "profile \"dev-sso\": sso-session \"corp\" (start URL https://d-9067example.awsapps.com/start, region "
        "us-east-1), account 111122223333, role EKSAdmins");
  CHECK(check(r, "exec-plugin").summary ==
        "aws --region us-east-1 eks get-token --cluster-name demo --output json, profile \"dev-sso\" (exec env "
        "AWS_PROFILE)");
  CHECK(check(r, "credential").summary.find("returned an ExecCredential in") != std::string::npos);
  CHECK(check(r, "credential").summary.find(", expires in 14m (2026-11-29T16:14:00Z)") != std::string::npos);
  CHECK(check(r, "api-reachable").summary == "https://127.0.0.1:6443 answered: Kubernetes v1.30.4-eks-a737599");
  CHECK(check(r, "api-authenticated").summary ==
        "authenticated as "
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/jane-example.com");
  CHECK(check(r, "api-authenticated").detail.front() == "session jane@example.com");
  CHECK(w.runner.all_used());
  CHECK(w.http.unused() == 0);
  REQUIRE(w.runner.calls().size() == 2);
  CHECK(w.runner.calls()[1].stdin_mode == eks::ProcessSpec::Stdin::null);
  CHECK(w.err.str().empty());  // verbosity 0: nothing on stderr
  const std::string json = eks::report_json(r).dump();
  CHECK(json.rfind(R"({"context":"dev","ok":true,"exitCode":0,"checks":[{"id":"kubeconfig","step":7,)", 0) == 0);
  CHECK(json.find("secret") == std::string::npos);  // never a token
}

TEST_CASE("doctor: a malformed kubeconfig fails with file:line:col, exit 7, and everything else is skipped") {
  World w;
  w.dir.write("kubeconfig", "apiVersion: v1\nclusters: [\n");
  const DoctorReport r = w.run();
  CHECK(check(r, "kubeconfig").status == CheckStatus::fail);
  CHECK(check(r, "kubeconfig").summary.rfind((w.dir.path() / "kubeconfig").string() + ":", 0) == 0);
  CHECK(check(r, "kubeconfig").fix ==
        std::vector<std::string>{"aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE"});
  CHECK(check(r, "context").summary == "skipped: needs kubeconfig, which failed");
  CHECK(check(r, "can-list-nodes").summary == "skipped: needs api-authenticated, which was skipped");
  CHECK(r.exit_code == 7);
  CHECK(r.checks.size() == 10);
  CHECK(w.runner.calls().empty());
}

TEST_CASE("doctor: an unknown context lists the contexts and fixes with update-kubeconfig") {
  World w;
  const DoctorReport r = w.run("arn:aws:eks:eu-west-1:111122223333:cluster/prod");
  const Finding& f = check(r, "context");
  CHECK(f.status == CheckStatus::fail);
  CHECK(f.summary == "context \"arn:aws:eks:eu-west-1:111122223333:cluster/prod\" does not exist in " +
                         (w.dir.path() / "kubeconfig").string());
  CHECK(f.detail == std::vector<std::string>{"available contexts: \"dev\", \"other\"",
                                            "list them with their AWS profile and SSO state: eks-sso contexts"});
  CHECK(f.fix ==
        std::vector<std::string>{"aws eks update-kubeconfig --name prod --region eu-west-1 --profile PROFILE"});
  CHECK(r.exit_code == 7);
}

TEST_CASE("doctor: logged out: sso-token and credential fail with the login action, exit 3, later checks skip") {
  World w;
  w.aws_v2();
  w.runner.expect_exit(255, "", "\nError loading SSO Token: Token for corp does not exist\n");
  // No second `aws --version`: the login action reuses what the aws-cli check learned (ContextMemo).
  const DoctorReport r = w.run();
  const Finding& sso = check(r, "sso-token");
  CHECK(sso.status == CheckStatus::fail);
  CHECK(sso.summary == "AWS SSO login required: no SSO token is cached (never logged in, or logged out)");
  const std::string login = "eks-sso login --kubeconfig " + (w.dir.path() / "kubeconfig").string() + " --context dev";
  CHECK(sso.fix == std::vector<std::string>{login, "aws sso login --profile dev-sso"});
  const Finding& cred = check(r, "credential");
  CHECK(cred.status == CheckStatus::fail);
  CHECK(cred.kind == eks::ErrorKind::login_required);
  CHECK(cred.detail.front() == "the exec plugin said: Error loading SSO Token: Token for corp does not exist");
  CHECK(cred.fix == sso.fix);
  CHECK(check(r, "api-reachable").summary == "skipped: needs credential, which failed");
  CHECK(r.exit_code == 3);
  const auto json = eks::report_json(r);
  CHECK(json["checks"][5]["action"]["command"] == login);
  CHECK(json["checks"][5]["action"]["awsCommand"] == "aws sso login --profile dev-sso");
  CHECK(json["checks"][5]["reason"] == "sso_token_missing");
}

TEST_CASE("doctor: the plugin is believed when the token cache says expired but a credential comes back") {
  World w;
  w.sso_token("2026-11-29T15:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.api_ok_until_nodes();
  w.http.respond(201, R"({"status":{"allowed":true}})");
  const DoctorReport r = w.run();
  const Finding& sso = check(r, "sso-token");
  CHECK(sso.status == CheckStatus::warn);
  CHECK(sso.summary == "AWS SSO login required: the SSO token expired 1h ago (2026-11-29T15:00:00Z)");
  CHECK(sso.detail.back() ==
        "but the exec plugin still returned a credential, and the plugin is believed: the AWS CLI may be using cached "
        "role credentials; a login will be needed when they expire");
  CHECK(r.ok);
  CHECK(r.exit_code == 0);
}

TEST_CASE("doctor: cached role credentials after the SSO token expired are a warning with the time") {
  World w;
  w.sso_token("2026-11-29T15:00:00Z");
  eks::SsoSettings s;
  s.session_name = "corp";
  s.start_url = "https://d-9067example.awsapps.com/start";
  s.account_id = "111122223333";
  s.role_name = "EKSAdmins";
  const auto path = eks::role_credentials_path(w.home(), s);
  w.dir.write(
      std::filesystem::relative(path, w.dir.path()).string(),
      R"({"ProviderType":"sso","Credentials":{"AccessKeyId":"ASIA","SecretAccessKey":"x","SessionToken":"y","Expiration":"2026-11-29T19:00:00Z"}})");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.api_ok_until_nodes();
  w.http.respond(201, R"({"status":{"allowed":true}})");
  const DoctorReport r = w.run();
  CHECK(check(r, "sso-token").status == CheckStatus::warn);
  CHECK(check(r, "sso-token").summary ==
        "SSO token expired 1h ago (2026-11-29T15:00:00Z); cached role credentials until 2026-11-29T19:00:00Z: a "
        "login will be needed then");
}

TEST_CASE("doctor: 401 runs sts get-caller-identity and prints the access entry with the looked-up role ARN") {
  World w;
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.runner.expect_exit(0, R"({"UserId":"AROAEXAMPLE:jane@example.com","Account":"111122223333","Arn":")" +
                              std::string(k_sts_arn) + "\"}");
  SUBCASE("aws iam get-role answers: the ARN is filled in") {
    w.runner.expect_exit(0, std::string(k_role_arn) + "\n");
    w.http.respond(200, R"({"gitVersion":"v1.30.4-eks-a737599"})");
    w.http.respond(401, std::string(k_unauthorized));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "api-authenticated");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.summary ==
          "the cluster rejected the credential (HTTP 401): no access entry for your IAM role, or a "
          "token for another cluster");
    CHECK(f.fix.front() == "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn " +
                               std::string(k_role_arn));
    CHECK(f.detail[0] == "you are " + std::string(k_sts_arn) + " (aws sts get-caller-identity)");
    CHECK(f.detail[1] == "IAM role ARN (aws iam get-role): " + std::string(k_role_arn));
    CHECK(check(r, "can-list-nodes").status == CheckStatus::skip);
    CHECK(r.exit_code == 4);
    REQUIRE(w.runner.calls().size() == 4);
    CHECK(w.runner.calls()[2].args == std::vector<std::string>{"sts", "get-caller-identity", "--output", "json"});
    CHECK(eks::test::env_value(w.runner.calls()[2], "AWS_PROFILE") == "dev-sso");
    CHECK(w.runner.calls()[3].args == std::vector<std::string>{"iam", "get-role", "--role-name",
                                                               "AWSReservedSSO_EKSAdmins_0123456789abcdef", "--query",
                                                               "Role.Arn", "--output", "text"});
  }
  SUBCASE("aws iam get-role is denied: the command looks the ARN up itself; aws-auth gets the stripped form") {
    w.runner.expect_exit(254, "", "An error occurred (AccessDenied) when calling the GetRole operation");
    w.http.respond(200, R"({"gitVersion":"v1.30.4-eks-a737599"})");
    w.http.respond(401, std::string(k_unauthorized));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "api-authenticated");
    CHECK(f.fix.front() ==
          "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn \"$(aws iam get-role "
          "--role-name AWSReservedSSO_EKSAdmins_0123456789abcdef --query Role.Arn --output text)\"");
    bool stripped = false;
    for (const auto& line : f.detail) {
      stripped = stripped || line ==
                                 "with the aws-auth ConfigMap instead, map the role ARN with the path stripped: "
                                 "rolearn: arn:aws:iam::111122223333:role/AWSReservedSSO_EKSAdmins_0123456789abcdef";
    }
    CHECK(stripped);
    CHECK(f.detail.back() ==
          "or the token is for another cluster: the plugin signs it for \"demo\" (--cluster-name), "
          "which must be this cluster's name");
  }
}

TEST_CASE("doctor: a token for another cluster is named as the likely 401 cause") {
  World w;
  w.dir.write("kubeconfig",
              doctor_kubeconfig("[--region, us-east-1, eks, get-token, --cluster-name, other-eks, --output, json]"));
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.http.respond(200, R"({"gitVersion":"v1"})");
  w.http.respond(401, std::string(k_unauthorized));
  const DoctorReport r = w.run();
  const Finding& f = check(r, "api-authenticated");
  CHECK(f.summary ==
        "the cluster rejected the credential (HTTP 401): the token is signed for cluster \"other-eks\", not \"demo\"");
  CHECK(f.detail.front() ==
        "the plugin signs the token for cluster \"other-eks\" (--cluster-name), but the "
        "kubeconfig's cluster is \"demo\": EKS rejects a token for another cluster with 401");
  // The cause is known: only its fix, no create-access-entry for a role that may well have one
  // (issue 16, defect 5), and no sts/iam calls to build one.
  CHECK(f.fix ==
        std::vector<std::string>{"aws eks update-kubeconfig --name demo --region us-east-1 --profile dev-sso"});
  CHECK(w.runner.calls().size() == 2);
}

TEST_CASE("doctor: credentials of another account are the known 401 cause; the profile of that account is named") {
  World w;
  w.dir.write("home/.aws/config", std::string(eks::test::k_doctor_aws_config) +
                                      "\n[profile prod]\nsso_session = corp\nsso_account_id = 444455556666\n"
                                      "sso_role_name = EKSAdmins\nregion = us-east-1\n");
  w.dir.write("kubeconfig", [] {
    std::string k = doctor_kubeconfig();
    for (size_t at = k.find("111122223333"); at != std::string::npos; at = k.find("111122223333", at)) {
      k.replace(at, 12, "444455556666");
    }
    return k;
  }());
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.runner.expect_exit(0, R"({"UserId":"AROA:jane","Account":"111122223333","Arn":")" + std::string(k_sts_arn) + "\"}");
  w.http.respond(200, R"({"gitVersion":"v1"})");
  w.http.respond(401, std::string(k_unauthorized));
  const DoctorReport r = w.run();
  const Finding& f = check(r, "api-authenticated");
  CHECK(f.summary ==
        "the cluster rejected the credential (HTTP 401): your credentials are for account 111122223333, the cluster "
        "is in account 444455556666");
  CHECK(f.fix == std::vector<std::string>{"aws eks update-kubeconfig --name demo --region us-east-1 --profile prod"});
}

TEST_CASE("doctor: the access-entry fixes say who runs them and the cluster's authenticationMode") {
  World w;
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.runner.expect_exit(0, R"({"UserId":"AROA:jane","Account":"111122223333","Arn":")" + std::string(k_sts_arn) + "\"}");
  w.runner.expect_exit(0, std::string(k_role_arn) + "\n");
  w.http.respond(200, R"({"gitVersion":"v1"})");
  w.http.respond(401, std::string(k_unauthorized));
  const DoctorReport r = w.run();
  const Finding& f = check(r, "api-authenticated");
  REQUIRE(f.detail.size() >= 3);
  const size_t who = f.detail.size() - 3;  // before "or the token is for another cluster"
  CHECK(f.detail[who] ==
        "run the access-entry commands as a cluster administrator (a principal allowed eks:CreateAccessEntry and "
        "eks:AssociateAccessPolicy on this cluster), not as the SSO user: add --profile with an administrator's "
        "profile");
  CHECK(f.detail[who + 1] ==
        "access entries need the cluster's authenticationMode API or API_AND_CONFIG_MAP (CONFIG_MAP uses only the "
        "aws-auth ConfigMap); see it with: aws eks describe-cluster --name demo --region us-east-1 --query "
        "cluster.accessConfig");
  REQUIRE(f.fix.size() == 2);
  CHECK(f.fix[1] == "aws eks associate-access-policy --cluster-name demo --region us-east-1 --principal-arn " +
                        std::string(k_role_arn) +
                        " --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope "
                        "type=cluster");

  // Once the admin checks know the mode (doctor --admin-profile): said, and the lines replaced.
  eks::DoctorInput in;
  in.admin_profile = "org-admin";
  eks::doctor::State s(in);
  s.cluster_name = "demo";
  s.region = "us-east-1";
  s.cluster_auth_mode = "API_AND_CONFIG_MAP";
  Finding g = f;
  eks::doctor::explain_access_fixes(g, s);
  CHECK(g.detail.size() == f.detail.size());
  CHECK(g.detail[who] ==
        "run the access-entry commands as the cluster administrator of --admin-profile \"org-admin\" (the commands "
        "carry --profile org-admin), not as the SSO user");
  CHECK(g.detail[who + 1] ==
        "access entries need the cluster's authenticationMode API or API_AND_CONFIG_MAP: it is API_AND_CONFIG_MAP "
        "(cluster-auth-mode), so they apply");
  CHECK(g.detail.back() == f.detail.back());
  s.cluster_auth_mode = "CONFIG_MAP";
  eks::doctor::explain_access_fixes(g, s);
  eks::doctor::explain_access_fixes(g, s);  // idempotent
  CHECK(g.fix.size() == 3);
  CHECK(g.fix.front() ==
        "aws eks update-cluster-config --name demo --access-config authenticationMode=API_AND_CONFIG_MAP --region "
        "us-east-1 --profile org-admin");
}

TEST_CASE("doctor: what the access-entry check found replaces the lookup, or drops the 401's access-entry fixes") {
  const std::string lookup =
      "\"$(aws iam get-role --role-name AWSReservedSSO_EKSAdmins_0123456789abcdef --query Role.Arn --output text "
      "--profile org-admin)\"";
  Finding f = eks::make_finding("api-authenticated", CheckStatus::fail, "401");
  f.detail = {"the access entry needs the IAM role ARN with its path, which the STS ARN does not show; look it up"};
  f.fix = {"aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn " + lookup +
               " --profile org-admin",
           "aws eks associate-access-policy --cluster-name demo --region us-east-1 --principal-arn " + lookup +
               " --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope "
               "type=cluster --profile org-admin"};
  eks::DoctorInput in;
  in.admin_profile = "org-admin";
  eks::doctor::State s(in);
  s.cluster_name = "demo";
  s.region = "us-east-1";
  s.cluster_auth_mode = "API";
  s.access_principal = lookup;
  s.admin_permission_set = "EKSAdmins";
  s.admin_role_arn = std::string(k_role_arn);
  Finding entry = eks::make_finding("access-entry", CheckStatus::fail, "no access entry");
  Finding g = f;
  eks::doctor::explain_access_fixes(g, s, &entry);
  CHECK(g.fix.front() == "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn " +
                             std::string(k_role_arn) + " --profile org-admin");
  CHECK(g.fix.back().find(lookup) == std::string::npos);
  CHECK(g.detail.front() == "IAM role ARN (the access-entry check, aws iam list-roles): " + std::string(k_role_arn));
  s.admin_role_arn = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Other_ffff";
  s.admin_permission_set = "Other";
  g = f;
  eks::doctor::explain_access_fixes(g, s, &entry);  // another role: the lookup stays
  CHECK(g.fix.front().find(lookup) != std::string::npos);
  entry.status = CheckStatus::pass;
  g = f;
  eks::doctor::explain_access_fixes(g, s, &entry);
  CHECK(g.fix.empty());
  CHECK(g.detail.back() ==
        "the access-entry check found the role's access entry with a policy that lists nodes: the 401 is not for "
        "want of one (a token for another cluster or account?)");
}

TEST_CASE("doctor: with --admin-profile the user-side access-entry commands carry --profile ADMIN") {
  World w;
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.runner.expect_exit(0, std::string(k_role_arn) + "\n");  // iam get-role
  w.api_ok_until_nodes();
  w.http.respond(201, R"({"status":{"allowed":false,"reason":""}})");
  eks::DoctorInput in = w.input();
  in.admin_profile = "org-admin";
  eks::Deps deps{w.env, w.home(), w.runner, w.clock, w.http, w.out, w.err, eks::Terminal{}, 0, nullptr};
  const DoctorReport r = eks::diagnose_context(in, deps);  // the admin checks fail: no answers queued
  const Finding& f = check(r, "can-list-nodes");
  REQUIRE_FALSE(f.fix.empty());
  CHECK(f.fix.front().rfind("aws eks associate-access-policy --cluster-name demo --region us-east-1 ", 0) == 0);
  CHECK(f.fix.front().find("type=cluster --profile org-admin") != std::string::npos);
  bool who = false;
  for (const auto& line : f.detail) {
    who = who || line.find("the cluster administrator of --admin-profile \"org-admin\"") != std::string::npos;
  }
  CHECK(who);
}

TEST_CASE("doctor: no placeholders where the values are known (issue 16, defect 8)") {
  World w;
  SUBCASE("STS does not answer: the profile's permission set finds the role") {
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.runner.expect_exit(255, "", "Unable to locate credentials");  // sts fails
    w.http.respond(200, R"({"gitVersion":"v1"})");
    w.http.respond(401, std::string(k_unauthorized));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "api-authenticated");
    CHECK(f.fix.front() ==
          "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn \"$(aws iam list-roles "
          "--path-prefix /aws-reserved/sso.amazonaws.com/ --query \"Roles[?starts_with(RoleName, "
          "'AWSReservedSSO_EKSAdmins_')].Arn\" --output text)\"");
    for (const auto& cmd : f.fix) {
      CHECK(cmd.find("ROLE_ARN") == std::string::npos);
    }
  }
  SUBCASE("the plugin's --role-arn is the principal and stays in update-kubeconfig") {
    const std::string role = "arn:aws:iam::111122223333:role/team/eks-dev";
    w.dir.write("kubeconfig",
                doctor_kubeconfig("[--region, us-east-1, eks, get-token, --cluster-name, other-eks, --role-arn, " + role +
                           ", --output, json]"));
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.http.respond(200, R"({"gitVersion":"v1"})");
    w.http.respond(401, std::string(k_unauthorized));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "api-authenticated");
    CHECK(f.fix == std::vector<std::string>{"aws eks update-kubeconfig --name demo --region us-east-1 --profile "
                                            "dev-sso --role-arn " +
                                            role});
  }
  SUBCASE("the plugin's --role-arn when STS does not answer") {
    const std::string role = "arn:aws:iam::111122223333:role/team/eks-dev";
    w.dir.write("kubeconfig", doctor_kubeconfig("[--region, us-east-1, eks, get-token, --cluster-name, demo, --role-arn, " +
                                         role + ", --output, json]"));
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.runner.expect_exit(255, "", "Unable to locate credentials");
    w.http.respond(200, R"({"gitVersion":"v1"})");
    w.http.respond(401, std::string(k_unauthorized));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "api-authenticated");
    CHECK(f.fix.front() ==
          "aws eks create-access-entry --cluster-name demo --region us-east-1 --principal-arn " + role);
  }
  SUBCASE("no --region and no cluster ARN: the profile's region") {
    std::string k = doctor_kubeconfig("[eks, get-token, --cluster-name, demo, --output, json]");
    for (size_t at = k.find("arn:aws:eks:us-east-1:111122223333:cluster/demo"); at != std::string::npos;
         at = k.find("arn:aws:eks:us-east-1:111122223333:cluster/demo", at)) {
      k.replace(at, std::string_view("arn:aws:eks:us-east-1:111122223333:cluster/demo").size(), "demo");
    }
    w.dir.write("kubeconfig", k);
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.http.fail(eks::make_error(eks::ErrorKind::unreachable, "cannot connect: connection refused by 127.0.0.1:6443"));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "api-reachable");
    CHECK(f.fix ==
          std::vector<std::string>{"aws eks update-kubeconfig --name demo --region us-east-1 --profile dev-sso"});
  }
  SUBCASE("an unknown context: the environment's AWS_PROFILE and AWS_REGION fill the entry; else placeholders") {
    w.env.set("AWS_PROFILE", "dev-sso");
    w.env.set("AWS_REGION", "eu-west-1");
    CHECK(check(w.run("prod"), "context").fix ==
          std::vector<std::string>{"aws eks update-kubeconfig --name CLUSTER --region eu-west-1 --profile dev-sso"});
    CHECK(check(w.run("arn:aws:eks:ap-south-1:111122223333:cluster/prod"), "context").fix ==
          std::vector<std::string>{"aws eks update-kubeconfig --name prod --region ap-south-1 --profile dev-sso"});
  }
}

TEST_CASE("doctor: credentials that are not AWS SSO's never make the verdict \"EKS SSO access works\"") {
  World w;
  w.sso_token("2026-11-29T23:00:00Z");
  auto all_pass = [&w] {
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.api_ok_until_nodes();
    w.http.respond(201, R"({"status":{"allowed":true}})");
    return w.run();
  };
  SUBCASE("AWS_ACCESS_KEY_ID beats the profile's sso_* settings (AWS_PROFILE does not turn that off)") {
    w.env.set("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
    w.env.set("AWS_SECRET_ACCESS_KEY", "s");
    const DoctorReport r = all_pass();
    CHECK(r.exit_code == 0);
    const Finding& f = check(r, "aws-profile");
    CHECK(f.status == CheckStatus::warn);
    CHECK(f.summary ==
          "AWS_ACCESS_KEY_ID in the plugin's environment wins over profile \"dev-sso\": AWS SSO is not used");
    CHECK(f.detail.front() ==
          "the AWS CLI tries credentials in botocore's order: environment variables (AWS_ACCESS_KEY_ID, "
          "AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) first, and only then the profile's sso_* settings; "
          "AWS_PROFILE=dev-sso does not change that order (only --profile in the plugin's args would)");
    CHECK(f.fix == std::vector<std::string>{"unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN"});
    CHECK(check(r, "sso-token").status == CheckStatus::skip);
    CHECK(eks::verdict_line(r) ==
          "! EKS access works, but not through AWS SSO: the credentials are AWS_ACCESS_KEY_ID in the plugin's "
          "environment (it comes before profile \"dev-sso\"'s SSO settings) (2 warnings)");
  }
  SUBCASE("a web identity in the environment (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN) also comes first") {
    w.env.set("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/token");
    w.env.set("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/ci");
    const DoctorReport r = all_pass();
    CHECK(check(r, "aws-profile").summary ==
          "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN in the plugin's environment win over profile \"dev-sso\": "
          "AWS SSO is not used");
    CHECK(check(r, "sso-token").status == CheckStatus::skip);
    CHECK(eks::verdict_line(r).find("EKS SSO access works") == std::string::npos);
    CHECK(eks::verdict_line(r).find("not through AWS SSO") != std::string::npos);
  }
  SUBCASE("a profile with static keys") {
    w.dir.write("home/.aws/credentials",
                "[dev-sso]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n");
    w.dir.write("home/.aws/config", "[profile dev-sso]\nregion = us-east-1\n");
    const DoctorReport r = all_pass();
    CHECK(check(r, "aws-profile").status == CheckStatus::warn);
    CHECK(eks::verdict_line(r) ==
          "! EKS access works, but not through AWS SSO: the credentials are profile \"dev-sso\"'s static-keys "
          "credentials (1 warning)");
  }
  SUBCASE("container credentials, no profile named and no default profile") {
    std::string config = doctor_kubeconfig();
    config.erase(config.find("      env:"));
    w.dir.write("kubeconfig", config);
    w.env.set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials");
    const DoctorReport r = all_pass();
    CHECK(check(r, "aws-profile").status == CheckStatus::warn);
    CHECK(check(r, "aws-profile").summary ==
          "credentials from the container credential provider (AWS_CONTAINER_CREDENTIALS_FULL_URI), no profile: AWS "
          "SSO is not used");
    CHECK(r.exit_code == 0);
    CHECK(eks::verdict_line(r).find("not through AWS SSO: the credentials are the container credential provider's") !=
          std::string::npos);
  }
  SUBCASE("SSO as configured: the verdict says so") {
    CHECK(eks::verdict_line(all_pass()) == "✓ EKS SSO access works: 10 checks passed");
  }
}

TEST_CASE("doctor output: the login action is printed once per report") {
  World w;
  w.aws_v2();
  w.runner.expect_exit(255, "", "\nError loading SSO Token: Token for corp does not exist\n");
  const DoctorReport r = w.run();
  REQUIRE(eks::login_outcome(r) != nullptr);
  const auto count = [](const std::string& text, std::string_view part) {
    int n = 0;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
      ++n;
    }
    return n;
  };
  std::ostringstream above;
  eks::render_checklist(above, r, false);
  CHECK(count(above.str(), "aws sso login --profile dev-sso") == 1);
  CHECK(count(above.str(), "→ Login with AWS SSO:\n") == 1);
  CHECK(above.str().find("      → Login with AWS SSO: see the login action above (sso-token)\n") != std::string::npos);
  std::ostringstream below;  // the caller prints the login-required block after it
  eks::render_checklist(below, r, false, true);
  CHECK(count(below.str(), "aws sso login --profile dev-sso") == 0);
  CHECK(count(below.str(), "      → Login with AWS SSO: see the login action below\n") == 2);
}

TEST_CASE("doctor: 403 on nodes names a policy that covers nodes, for the role's ARN") {
  World w;
  w.sso_token("2026-11-29T23:00:00Z");
  w.aws_v2();
  w.runner.expect_exit(0, exec_credential());
  w.runner.expect_exit(0, std::string(k_role_arn) + "\n");  // iam get-role
  w.api_ok_until_nodes();
  w.http.respond(201, R"({"status":{"allowed":false,"reason":""}})");
  const DoctorReport r = w.run();
  const Finding& f = check(r, "can-list-nodes");
  CHECK(f.status == CheckStatus::fail);
  CHECK(f.summary == "not allowed to list nodes: kubectl get nodes fails with 403 Forbidden");
  CHECK(f.fix == std::vector<std::string>{
                     "aws eks associate-access-policy --cluster-name demo --region us-east-1 --principal-arn " +
                     std::string(k_role_arn) +
                     " --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope "
                     "type=cluster"});
  CHECK(f.detail.back() ==
        "or RBAC for the access entry's Kubernetes group \"eks-admins\": kubectl create clusterrole node-reader "
        "--verb=get,list,watch --resource=nodes && kubectl create clusterrolebinding node-reader "
        "--clusterrole=node-reader --group=eks-admins");
  CHECK(r.exit_code == 5);
}

TEST_CASE("doctor: unreachable server, clock skew, missing --output json, AWS CLI v1, missing profile") {
  World w;
  SUBCASE("connection refused: exit 6 with the fix") {
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.http.fail(eks::make_error(eks::ErrorKind::unreachable,
                                "cannot connect to https://127.0.0.1:6443/version?timeout=32s: connection refused by "
                                "127.0.0.1:6443"));
    const DoctorReport r = w.run();
    CHECK(check(r, "api-reachable").status == CheckStatus::fail);
    CHECK(check(r, "api-reachable").fix.front() ==
          "aws eks update-kubeconfig --name demo --region us-east-1 --profile dev-sso");
    CHECK(r.exit_code == 6);
  }
  SUBCASE("clock skew over a minute is a warning") {
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.http.respond(200, R"({"gitVersion":"v1"})", {{"date", "Sun, 29 Nov 2026 15:55:00 GMT"}});
    w.http.respond(201, std::string(k_ssr));
    w.http.respond(201, R"({"status":{"allowed":true}})");
    const DoctorReport r = w.run();
    CHECK(check(r, "api-reachable").status == CheckStatus::warn);
    CHECK(check(r, "api-reachable").detail.back() ==
          "this machine's clock is 5m ahead of the server's (Date: Sun, 29 Nov 2026 15:55:00 GMT): EKS tokens are "
          "signed with the local time and rejected when it is off by minutes; sync the clock (NTP)");
    CHECK(r.exit_code == 0);
  }
  SUBCASE("no --output json is a warning (aws.md 2.2)") {
    w.dir.write("kubeconfig", doctor_kubeconfig("[--region, us-east-1, eks, get-token, --cluster-name, demo]"));
    w.sso_token("2026-11-29T23:00:00Z");
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.api_ok_until_nodes();
    w.http.respond(201, R"({"status":{"allowed":true}})");
    const DoctorReport r = w.run();
    CHECK(check(r, "exec-plugin").status == CheckStatus::warn);
    CHECK(check(r, "exec-plugin").detail.front().rfind("no --output json in the plugin's args", 0) == 0);
  }
  SUBCASE("no --cluster-name fails with the corrected stanza") {
    w.dir.write("kubeconfig", doctor_kubeconfig("[--region, us-east-1, eks, get-token, --output, json]"));
    const DoctorReport r = w.run();
    const Finding& f = check(r, "exec-plugin");
    CHECK(f.status == CheckStatus::fail);
    CHECK(f.detail.back() == "      value: dev-sso");
    CHECK(f.fix ==
          std::vector<std::string>{"aws eks update-kubeconfig --name demo --region us-east-1 --profile dev-sso"});
    INFO(f.summary);
    CHECK(r.exit_code == 7);
  }
  SUBCASE("AWS CLI v1 fails aws-cli and the plugin is not run") {
    w.runner.expect_exit(0, "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11\n");
    const DoctorReport r = w.run();
    CHECK(check(r, "aws-cli").summary == "AWS CLI v1 (1.45.11) at " + (w.dir.path() / "bin/aws").string() +
                                             ": AWS SSO needs AWS CLI v2 (v1 has no aws sso login)");
    CHECK(check(r, "credential").status == CheckStatus::skip);
    CHECK(r.exit_code == 7);
  }
  SUBCASE("AWS CLI v1 with a static-keys profile passes aws-cli: only AWS SSO needs v2") {
    // Found with the real AWS CLI v1 against the sandbox (issue 15): v1 signs get-token with keys as v2 does.
    w.dir.write("kubeconfig",
                doctor_kubeconfig("[--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]", "ci"));
    w.dir.write("home/.aws/config", std::string(eks::test::k_doctor_aws_config) + "\n[profile ci]\nregion = us-east-1\n");
    w.dir.write("home/.aws/credentials", "[ci]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = s\n");
    w.runner.expect_exit(0, "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11\n");
    w.runner.expect_exit(0, exec_credential());
    w.api_ok_until_nodes();
    w.http.respond(201, R"({"status":{"allowed":true}})");
    const DoctorReport r = w.run();
    CHECK(check(r, "aws-cli").status == CheckStatus::pass);
    CHECK(check(r, "aws-cli").summary == "AWS CLI v1 (1.45.11) at " + (w.dir.path() / "bin/aws").string() +
                                             ": enough for profile \"ci\", which does not use AWS SSO");
    CHECK(check(r, "aws-profile").status == CheckStatus::warn);
    CHECK(check(r, "credential").status == CheckStatus::pass);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("a profile that does not exist") {
    w.dir.write("kubeconfig",
                doctor_kubeconfig("[--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]", "nope"));
    w.aws_v2();
    const DoctorReport r = w.run();
    const Finding& f = check(r, "aws-profile");
    CHECK(f.summary == "The config profile (nope) could not be found");
    CHECK(f.fix.front() == "aws configure sso --profile nope");
    CHECK(check(r, "sso-token").status == CheckStatus::skip);
    CHECK(check(r, "credential").status == CheckStatus::skip);
    CHECK(r.exit_code == 7);
  }
}

TEST_CASE("doctor output: checklist, JUnit and markdown") {
  DoctorReport r;
  r.context = "dev";
  r.checks.push_back(eks::make_finding("kubeconfig", CheckStatus::pass, "loaded /k"));
  Finding f = eks::make_finding("context", CheckStatus::fail, "context \"x\" does not exist <here>");
  f.kind = eks::ErrorKind::config;
  f.detail = {"available contexts: dev"};
  f.fix = {"aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE"};
  r.checks.push_back(f);
  r.checks.push_back(eks::make_finding("exec-plugin", CheckStatus::skip, "skipped: needs context, which failed"));
  eks::decide(r);
  std::ostringstream out;
  eks::render_checklist(out, r, false);
  CHECK(out.str() ==
        "eks-sso doctor: context \"dev\"\n"
        "\n"
        "Step 7 · Generate the kubeconfig\n"
        "  ✓ kubeconfig         loaded /k\n"
        "  ✗ context            context \"x\" does not exist <here>\n"
        "      available contexts: dev\n"
        "      → fix:\n"
        "        aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE\n"
        "  – exec-plugin        skipped: needs context, which failed\n"
        "\n"
        "✗ EKS SSO access is broken at context (guide step 7): exit 7\n");
  const std::string xml = eks::render_junit({r});
  CHECK(xml.find(R"(<testsuite name="dev" tests="3" failures="1" errors="0" skipped="1")") != std::string::npos);
  CHECK(
      xml.find(
          R"(<failure message="context &quot;x&quot; does not exist &lt;here&gt; | fix: aws eks update-kubeconfig)") !=
      std::string::npos);
  CHECK(xml.find(R"(<skipped message="skipped: needs context, which failed"/>)") != std::string::npos);
  const std::string md = eks::render_markdown({r});
  CHECK(md.find("| ❌ | `context` | 7 | context \"x\" does not exist <here> |\n") != std::string::npos);
  CHECK(md.find("**Fix** `context` (exit 7):") != std::string::npos);
  CHECK(eks::summary_table({r}) ==
        "CONTEXT   VERDICT         FIRST FAILING CHECK\n"
        "dev       fail (exit 7)   context\n");
}

TEST_CASE("doctor: keys in the environment and no profile named (GitHub OIDC) warn, and the cluster checks run") {
  World w;
  std::string config = doctor_kubeconfig();
  config.erase(config.find("      env:"));
  w.dir.write("kubeconfig", config);
  w.env.set("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEOIDC00001");
  w.env.set("AWS_SECRET_ACCESS_KEY", "oidcSecret");
  w.env.set("AWS_SESSION_TOKEN", "oidcSession");
  SUBCASE("the implicit default profile need not exist (docs/spec/aws.md: ProfileNotFound only for a named one)") {
    w.aws_v2();
    w.runner.expect_exit(0, exec_credential());
    w.api_ok_until_nodes();
    w.http.respond(201, R"({"status":{"allowed":true}})");
    const DoctorReport r = w.run();
    const Finding& f = check(r, "aws-profile");
    CHECK(f.status == CheckStatus::warn);
    CHECK(f.summary == "credentials from the environment (AWS_ACCESS_KEY_ID), no profile: AWS SSO is not used");
    CHECK(check(r, "sso-token").status == CheckStatus::skip);
    CHECK(check(r, "credential").status == CheckStatus::pass);
    CHECK(check(r, "can-list-nodes").status == CheckStatus::pass);
    CHECK(r.exit_code == 0);
  }
  SUBCASE("a named profile that does not exist still fails, keys or not") {
    w.env.set("AWS_PROFILE", "nope");
    w.aws_v2();
    const DoctorReport r = w.run();
    CHECK(check(r, "aws-profile").summary == "The config profile (nope) could not be found");
    CHECK(r.exit_code == 7);
  }
}
