#include "lib/doctor/doctor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>

#include "lib/session/auth_summary.hpp"
#include "lib/doctor/checks.hpp"
#include "lib/aws/login_action.hpp"

namespace eks {
namespace doctor {

Env plugin_env(const State& s, const Deps& deps) {
  if (s.access && s.access->selection.user && s.access->selection.user->exec) {
    return s.access->plugin_env;
  }
  return deps.env;
}

void log_run(const State& s, Deps& deps, const std::string& display) {
  if (deps.verbosity >= 1) {
    deps.err << "doctor[" << (s.access ? s.access->context_name : s.input.context)
             << "]: running (read-only): " << display << '\n';
  }
}

ProcessResult run_aws_readonly(State& s, Deps& deps, std::vector<std::string> args) {
  ProcessSpec spec;
  const AuthInfo* user = s.access ? s.access->selection.user : nullptr;
  // The AWS CLI the plugin uses; aws-iam-authenticator users get "aws" from the same PATH.
  spec.program = user && user->exec && s.access->auth.plugin == PluginKind::aws_cli ? user->exec->command : "aws";
  const Env env = plugin_env(s, deps);
  std::string display = "aws";
  for (const auto& a : args) {
    display += " " + shell_quote(a);
  }
  if (s.access && s.access->auth.resolution.source == ProfileSource::flag && !s.access->auth.profile.empty()) {
    args.push_back("--profile");
    args.push_back(s.access->auth.profile);
    display += " --profile " + shell_quote(s.access->auth.profile);
  } else if (s.access && !s.access->auth.profile.empty()) {
    display = "AWS_PROFILE=" + shell_quote(s.access->auth.profile) + " " + display;
  }
  spec.args = std::move(args);
  spec.env = env.to_strings();
  spec.timeout = s.input.exec_timeout;
  spec.stdout_limit = 1024 * 1024;
  log_run(s, deps, display);
  return deps.runner.run(spec);
}

void ensure_caller_identity(State& s, Deps& deps) {
  if (s.caller_tried) {
    return;
  }
  s.caller_tried = true;
  const ProcessResult r = run_aws_readonly(s, deps, {"sts", "get-caller-identity", "--output", "json"});
  if (r.outcome != ProcessResult::Outcome::exited || r.exit_code != 0) {
    s.caller_error = r.outcome == ProcessResult::Outcome::exited
                         ? fmt::format("aws sts get-caller-identity failed (exit {})", r.exit_code)
                         : std::string("aws sts get-caller-identity could not run");
    return;
  }
  auto id = parse_caller_identity(r.out);
  if (!id) {
    s.caller_error = id.error().message;
    return;
  }
  s.caller = std::move(*id);
}

void ensure_role_arn(State& s, Deps& deps, const CallerArn& caller) {
  if (s.role_tried || caller.role_name.empty()) {
    return;
  }
  s.role_tried = true;
  const ProcessResult r = run_aws_readonly(
      s, deps, {"iam", "get-role", "--role-name", caller.role_name, "--query", "Role.Arn", "--output", "text"});
  if (r.outcome != ProcessResult::Outcome::exited || r.exit_code != 0) {
    if (deps.verbosity >= 1) {
      deps.err << "doctor: aws iam get-role did not answer (exit " << r.exit_code
               << "): the role ARN is left for you to look up\n";
    }
    return;
  }
  std::string arn = r.out;
  while (!arn.empty() && (arn.back() == '\n' || arn.back() == '\r' || arn.back() == ' ')) {
    arn.pop_back();
  }
  // Only an IAM role ARN of the same account and name is believed.
  if (arn.rfind("arn:", 0) == 0 && arn.find(":role/") != std::string::npos &&
      arn.find(caller.account) != std::string::npos && arn.size() >= caller.role_name.size() &&
      arn.compare(arn.size() - caller.role_name.size(), caller.role_name.size(), caller.role_name) == 0) {
    s.role_arn = arn;
  }
}

std::string plugin_role_arn(const State& s) {
  if (!s.access || s.access->auth.plugin != PluginKind::aws_cli) {
    return "";
  }
  return parse_get_token_args(s.access->auth.args).role_arn.value_or("");
}

std::string update_kubeconfig_fix(const State& s) {
  std::string profile;
  if (s.access &&
      (s.access->auth.plugin == PluginKind::aws_cli || s.access->auth.plugin == PluginKind::aws_iam_authenticator)) {
    profile = s.access->auth.profile;
  }
  return update_kubeconfig_command(s.cluster_name, s.region, profile, plugin_role_arn(s));
}

std::string context_flags(const State& s) {
  std::string out;
  if (!s.input.kubeconfig_flag.empty()) {
    out += " --kubeconfig " + shell_quote(s.input.kubeconfig_flag);
  }
  const std::string ctx = s.access ? s.access->context_name : s.input.context;
  if (!ctx.empty()) {
    out += " --context " + shell_quote(ctx);
  }
  return out;
}

}  // namespace doctor

namespace {

using doctor::State;
using CheckFn = Finding (*)(State&, Deps&);

struct Step {
  std::string_view id;
  CheckFn run;
  std::array<std::string_view, 3> needs;  // checks that must not have failed
};

constexpr std::array<Step, 10> k_steps = {{
    {"kubeconfig", doctor::check_kubeconfig, {}},
    {"context", doctor::check_context, {"kubeconfig"}},
    {"exec-plugin", doctor::check_exec_plugin, {"context"}},
    {"aws-cli", doctor::check_aws_cli, {"exec-plugin"}},
    {"aws-profile", doctor::check_aws_profile, {"exec-plugin"}},
    {"sso-token", doctor::check_sso_token, {"aws-profile"}},
    {"credential", doctor::check_credential, {"exec-plugin", "aws-cli", "aws-profile"}},
    {"api-reachable", doctor::check_api_reachable, {"credential"}},
    {"api-authenticated", doctor::check_api_authenticated, {"api-reachable"}},
    {"can-list-nodes", doctor::check_can_list_nodes, {"api-authenticated"}},
}};

// With --admin-profile, appended in guide order (docs/CONTRACT.md: new ids are appended).
constexpr std::array<Step, 5> k_admin_steps = {{
    {"identity-center", doctor::check_identity_center, {"aws-profile"}},
    {"permission-set", doctor::check_permission_set, {"identity-center"}},
    {"account-assignment", doctor::check_account_assignment, {"identity-center"}},
    {"cluster-auth-mode", doctor::check_cluster_auth_mode, {"exec-plugin"}},
    {"access-entry", doctor::check_access_entry, {"cluster-auth-mode"}},
}};

Finding* find_mut(DoctorReport& r, std::string_view id) {
  for (auto& f : r.checks) {
    if (f.id == id) {
      return &f;
    }
  }
  return nullptr;
}

// The user-side symptom (401 on api-authenticated, 403 on can-list-nodes) gets its cause from the
// admin checks: which of the possible causes it is.
void name_causes(DoctorReport& report) {
  const Finding* mode = find_mut(report, "cluster-auth-mode");
  const Finding* entry = find_mut(report, "access-entry");
  const Finding* cause = mode != nullptr && mode->status == CheckStatus::fail ? mode
                         : entry != nullptr && entry->status != CheckStatus::pass && entry->status != CheckStatus::skip
                             ? entry
                             : nullptr;
  if (cause == nullptr) {
    return;
  }
  for (const std::string_view id : {"api-authenticated", "can-list-nodes"}) {
    Finding* f = find_mut(report, id);
    if (f != nullptr && f->status == CheckStatus::fail &&
        ((id == "api-authenticated" && cause->kind == ErrorKind::unauthorized) ||
         (id == "can-list-nodes" && cause->kind == ErrorKind::forbidden) || cause->id == "cluster-auth-mode")) {
      f->detail.insert(f->detail.begin(), fmt::format("cause ({}): {}", cause->id, cause->summary));
    }
  }
}

const Finding* find(const DoctorReport& r, std::string_view id) {
  for (const auto& f : r.checks) {
    if (f.id == id) {
      return &f;
    }
  }
  return nullptr;
}

}  // namespace

DoctorReport diagnose_context(const DoctorInput& input, Deps& deps) {
  State state(input);
  DoctorReport report;
  report.context = input.context;
  std::vector<std::string_view> unusable;  // failed, or skipped because something they need failed
  std::vector<Step> steps(k_steps.begin(), k_steps.end());
  if (!input.admin_profile.empty()) {
    steps.insert(steps.end(), k_admin_steps.begin(), k_admin_steps.end());
  }
  for (const Step& step : steps) {
    std::string blocked_by;
    for (const auto need : step.needs) {
      if (!need.empty() && blocked_by.empty() && std::find(unusable.begin(), unusable.end(), need) != unusable.end()) {
        blocked_by = std::string(need);
      }
    }
    if (!blocked_by.empty()) {
      const Finding* f = find(report, blocked_by);
      report.checks.push_back(make_finding(step.id, CheckStatus::skip,
                                           fmt::format("skipped: needs {}, which {}", blocked_by,
                                                       f->status == CheckStatus::fail ? "failed" : "was skipped")));
      unusable.push_back(step.id);
      continue;
    }
    if (deps.interrupted != nullptr && deps.interrupted->load()) {
      report.checks.push_back(make_finding(step.id, CheckStatus::skip, "skipped: interrupted"));
      continue;
    }
    if (input.progress) {
      input.progress(step.id);
    }
    const auto started = std::chrono::steady_clock::now();
    Finding f = step.run(state, deps);
    f.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (f.status == CheckStatus::fail) {
      unusable.push_back(step.id);
    }
    report.checks.push_back(std::move(f));
    if (step.id == "credential") {
      Finding* sso = nullptr;
      for (auto& c : report.checks) {
        sso = c.id == "sso-token" ? &c : sso;
      }
      if (sso != nullptr) {
        doctor::reconcile_sso_and_credential(*sso, report.checks.back(), state);
      }
    }
  }
  if (state.access) {
    report.context = state.access->context_name;
  }
  if (!input.admin_profile.empty()) {
    for (const std::string_view id : {"api-authenticated", "can-list-nodes"}) {
      if (Finding* f = find_mut(report, id); f != nullptr && f->status == CheckStatus::fail) {
        doctor::explain_access_fixes(*f, state, find_mut(report, "access-entry"));  // with what they learned
      }
    }
  }
  report.not_sso = state.not_sso;
  name_causes(report);
  decide(report);
  return report;
}

std::optional<TimePoint> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  static constexpr std::array<std::string_view, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') {
        return -1;
      }
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int day = num(5, 2);
  const int year = num(12, 4);
  const int hour = num(17, 2);
  const int minute = num(20, 2);
  const int second = num(23, 2);
  int month = -1;
  for (size_t i = 0; i < k_months.size(); ++i) {
    month = text.substr(8, 3) == k_months[i] ? static_cast<int>(i) + 1 : month;
  }
  if (day < 1 || day > 31 || year < 1970 || month < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      second < 0 || second > 60 || text[16] != ' ' || text[19] != ':' || text[22] != ':' || text[7] != ' ' ||
      text[11] != ' ') {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return std::chrono::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

}  // namespace eks
