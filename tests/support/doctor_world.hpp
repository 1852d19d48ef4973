// What a doctor unit test sets up before it runs one report: a temporary home with an `aws` on
// PATH, a kubeconfig, ~/.aws/config and (when asked) the SSO token of the "corp" session, and the
// lookups its checks are asserted with.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "lib/aws/sso_cache.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/doctor/doctor.hpp"
#include "lib/util/env.hpp"
#include "support/temp_dir.hpp"

namespace eks::test {

// A kubeconfig whose contexts "dev" and "other" run `aws ARGS` with AWS_PROFILE=PROFILE for an EKS
// cluster in us-east-1, account 111122223333, and the AWS config of that SSO profile.
inline std::string doctor_kubeconfig(
    std::string_view args = "[--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]",
    std::string_view profile = "dev-sso") {
  return std::string(R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: arn:aws:eks:us-east-1:111122223333:cluster/demo
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: Zm9v
contexts:
- name: dev
  context:
    cluster: arn:aws:eks:us-east-1:111122223333:cluster/demo
    user: dev
- name: other
  context:
    cluster: arn:aws:eks:us-east-1:111122223333:cluster/demo
    user: dev
users:
- name: dev
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: )") +
         std::string(args) + R"(
      env:
      - name: AWS_PROFILE
        value: )" +
         std::string(profile) + "\n";
}

inline constexpr std::string_view k_doctor_aws_config = R"([profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = EKSAdmins
region = us-east-1

[sso-session corp]
sso_start_url = https://d-9067example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
)";

class DoctorFiles {
 public:
  DoctorFiles(std::string_view kubeconfig, std::string_view aws_config) {
    dir.write("bin/aws", "#!/bin/sh\n");
    std::filesystem::permissions(dir.path() / "bin/aws", std::filesystem::perms::owner_all);
    dir.write("kubeconfig", kubeconfig);
    dir.write("home/.aws/config", aws_config);
    env.set("PATH", (dir.path() / "bin").string());
    env.set("HOME", home().string());
  }

  [[nodiscard]] std::filesystem::path home() const { return dir.path() / "home"; }

  // The token `aws sso login` leaves for sso-session "corp", valid until `expires` (RFC 3339).
  void sso_token(std::string_view expires) {
    SsoSettings s;
    s.session_name = "corp";
    s.start_url = "https://d-9067example.awsapps.com/start";
    const auto path = sso_token_path(home(), s);
    dir.write(std::filesystem::relative(path, dir.path()).string(),
              R"({"startUrl": "https://d-9067example.awsapps.com/start", "region": "us-east-1", "accessToken": "t", )"
              R"("expiresAt": ")" +
                  std::string(expires) + R"("})");
  }

  // doctor's input for the kubeconfig above, as `--kubeconfig FILE [--context NAME]` gives it.
  [[nodiscard]] DoctorInput input(std::string context = "") const {
    DoctorInput in;
    in.sources.explicit_path = dir.path() / "kubeconfig";
    in.sources.home = home();
    in.kubeconfig_flag = (dir.path() / "kubeconfig").string();
    in.context = std::move(context);
    return in;
  }

  TempDir dir;
  Env env;
};

// The finding with this id (a test failure when the report has none).
inline const Finding& check(const DoctorReport& r, std::string_view id) {
  for (const auto& f : r.checks) {
    if (f.id == id) {
      return f;
    }
  }
  FAIL("no check " << id);
  return r.checks.front();
}

// "id=status" for every check, in the report's order.
inline std::vector<std::string> statuses(const DoctorReport& r) {
  std::vector<std::string> out;
  for (const auto& f : r.checks) {
    out.push_back(f.id + "=" + check_status_name(f.status));
  }
  return out;
}

}  // namespace eks::test
