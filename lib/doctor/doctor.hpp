// `eks-sso doctor` for one context: every check of the EKS SSO guide in the contract's order, each
// a Finding (lib/doctor/findings.hpp). Later checks are skipped when one they need failed; every check
// always appears. Everything the doctor runs is read-only (aws --version, the exec plugin,
// aws sts get-caller-identity, aws iam get-role, GETs and reviews against the API server); with
// verbosity >= 1 each AWS CLI run is listed on deps.err. It never logs in and never changes
// anything. Checks live in doctor_checks_{config,aws,cluster}.cpp.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "lib/os/deps.hpp"
#include "lib/doctor/findings.hpp"
#include "lib/kube/kubeconfig.hpp"

namespace eks {

struct DoctorInput {
  KubeconfigSources sources;
  std::string context;          // "" = current-context
  std::string kubeconfig_flag;  // --kubeconfig as given, repeated in the commands we print
  std::chrono::milliseconds exec_timeout{30000};
  std::chrono::milliseconds request_timeout{0};  // 0 = the flag was not given
  // --admin-profile: the admin checks (steps 1-3, 6) run with this AWS profile; "" = not run.
  std::string admin_profile;
  std::string permission_set;  // --permission-set (else the profile's sso_role_name)
  std::string principal;       // --principal: a user name or group display name
  // Called before each check with its id (a status line for people); may be empty.
  std::function<void(std::string_view id)> progress;
};

[[nodiscard]] DoctorReport diagnose_context(const DoctorInput& input, Deps& deps);

// An HTTP Date header (RFC 7231 IMF-fixdate, "Sun, 29 Nov 2026 16:00:00 GMT"); nullopt otherwise.
[[nodiscard]] std::optional<TimePoint> parse_http_date(std::string_view text);

}  // namespace eks
