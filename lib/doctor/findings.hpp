// What `eks-sso doctor` reports: one Finding per check of the EKS SSO guide, in the contract's
// order, and the report that decides the exit code from them (STYLE.md 8: "Diagnosis collects,
// then decides"). Checks build findings; rendering lives in doctor_output; nothing here prints.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/error.hpp"
#include "lib/aws/login_action.hpp"

namespace eks {

enum class CheckStatus { pass, warn, fail, skip };

// "pass", "warn", "fail", "skip" (the contract's spelling).
[[nodiscard]] const char* check_status_name(CheckStatus status);

// The check ids of the contract (docs/CONTRACT.md, "doctor"), in the order they run.
inline constexpr std::array<std::string_view, 10> k_check_ids = {
    "kubeconfig", "context",    "exec-plugin",   "aws-cli",           "aws-profile",
    "sso-token",  "credential", "api-reachable", "api-authenticated", "can-list-nodes"};

// The checks `doctor --admin-profile` appends, in guide order (steps 1, 2, 3, 6, 6).
inline constexpr std::array<std::string_view, 5> k_admin_check_ids = {
    "identity-center", "permission-set", "account-assignment", "cluster-auth-mode", "access-entry"};

struct CheckInfo {
  std::string_view id;
  int step = 0;            // the guide step (1-10) the check verifies
  std::string_view title;  // what passing means, for people and JUnit test names
};

// The fixed id/step/title of a check; nullopt for an unknown id.
[[nodiscard]] std::optional<CheckInfo> check_info(std::string_view id);

// The guide's name for a step ("Generate the kubeconfig" for 7); "" outside 1-10.
[[nodiscard]] std::string_view guide_step_title(int step);

struct Finding {
  std::string id;
  int step = 0;
  std::string title;
  CheckStatus status = CheckStatus::skip;
  std::string summary;                  // one line
  std::vector<std::string> detail;      // further lines (evidence, explanations, alternatives)
  std::vector<std::string> fix;         // copy-pasteable commands, the recommended one first
  ErrorKind kind = ErrorKind::general;  // decides the exit code when status == fail
  std::optional<LoginRequired> login;   // the login-required outcome, when a login fixes it
  std::chrono::milliseconds elapsed{0};
};

// A finding of check `id` with its step and title filled in.
[[nodiscard]] Finding make_finding(std::string_view id, CheckStatus status, std::string summary);

struct DoctorReport {
  std::string context;  // the context checked ("" when none could be selected)
  std::vector<Finding> checks;
  bool ok = true;
  int exit_code = 0;
  // Which credentials the plugin gets instead of AWS SSO's, and why ("" when SSO is used or it is
  // not known): the verdict then never says "EKS SSO access works".
  std::string not_sso;

  // The first failed check, or nullptr.
  [[nodiscard]] const Finding* first_failure() const;
  [[nodiscard]] int count(CheckStatus status) const;
};

// Sets ok and exit_code: 0 when no check failed (warnings allowed), else the contract's code for
// the first failed check's kind (3 login required, 4, 5, 6, 7, 1).
void decide(DoctorReport& report);

// Several contexts: the exit code of the first failing report in the order given (the order of
// --context flags, or the kubeconfig's sorted context names for --all-contexts), 0 when all pass.
// "Worst" is defined by position rather than by code so that the answer names one context.
[[nodiscard]] int combined_exit_code(const std::vector<DoctorReport>& reports);

}  // namespace eks
