#include "lib/doctor/findings.hpp"

namespace eks {
namespace {

// Steps follow the guide (docs/guide/aws-eks-sso-guide.txt, "AWS EKS SSO"): the kubeconfig (7) is read first, the
// AWS side (4, 5) next, then the plugin (9), the network (8) and the cluster's access entry (6).
constexpr std::array<CheckInfo, 15> k_checks = {{
    {"kubeconfig", 7, "the kubeconfig loads"},
    {"context", 7, "the context, its cluster and user exist"},
    {"exec-plugin", 7, "the user runs aws eks get-token with a cluster, region and profile"},
    {"aws-cli", 4, "the plugin's command is AWS CLI v2"},
    {"aws-profile", 4, "the AWS profile exists with complete SSO settings"},
    {"sso-token", 5, "the cached SSO token is valid"},
    {"credential", 9, "the exec plugin returns a credential"},
    {"api-reachable", 8, "the API server is reachable (DNS, TCP, TLS)"},
    {"api-authenticated", 6, "the cluster accepts the credential (access entry)"},
    {"can-list-nodes", 6, "the access entry may list nodes"},
    // --admin-profile
    {"identity-center", 1, "an IAM Identity Center instance exists in the profile's sso_region"},
    {"permission-set", 2, "the permission set exists, allows eks:DescribeCluster and is provisioned"},
    {"account-assignment", 3, "a user or group is assigned to the account with the permission set"},
    {"cluster-auth-mode", 6, "the cluster's authenticationMode accepts access entries"},
    {"access-entry", 6, "the SSO role has an access entry with a policy that lists nodes"},
}};

}  // namespace

const char* check_status_name(CheckStatus status) {
  switch (status) {
    case CheckStatus::pass: return "pass";
    case CheckStatus::warn: return "warn";
    case CheckStatus::fail: return "fail";
    case CheckStatus::skip: return "skip";
  }
  return "skip";
}

std::optional<CheckInfo> check_info(std::string_view id) {
  for (const auto& c : k_checks) {
    if (c.id == id) {
      return c;
    }
  }
  return std::nullopt;
}

std::string_view guide_step_title(int step) {
  switch (step) {
    case 1: return "Confirm IAM Identity Center is enabled";
    case 2: return "Create a permission set";
    case 3: return "Assign the user or group to the AWS account";
    case 4: return "Configure the local SSO profile";
    case 5: return "Login with AWS SSO";
    case 6: return "Add the SSO role to EKS";
    case 7: return "Generate the kubeconfig";
    case 8: return "Verify with kubectl";
    case 9: return "Connect through the kubeconfig exec plugin";
    case 10: return "Test the logged-out state";
    default: return "";
  }
}

Finding make_finding(std::string_view id, CheckStatus status, std::string summary) {
  Finding f;
  f.id = std::string(id);
  if (const auto info = check_info(id)) {
    f.step = info->step;
    f.title = std::string(info->title);
  }
  f.status = status;
  f.summary = std::move(summary);
  return f;
}

const Finding* DoctorReport::first_failure() const {
  for (const auto& c : checks) {
    if (c.status == CheckStatus::fail) {
      return &c;
    }
  }
  return nullptr;
}

int DoctorReport::count(CheckStatus status) const {
  int n = 0;
  for (const auto& c : checks) {
    n += c.status == status ? 1 : 0;
  }
  return n;
}

void decide(DoctorReport& report) {
  const Finding* first = report.first_failure();
  report.ok = first == nullptr;
  report.exit_code = first == nullptr ? 0 : exit_code_for(first->kind);
}

int combined_exit_code(const std::vector<DoctorReport>& reports) {
  for (const auto& r : reports) {
    if (!r.ok) {
      return r.exit_code;
    }
  }
  return 0;
}

}  // namespace eks
