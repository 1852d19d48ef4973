#include "lib/aws/sso_login.hpp"

#include <fmt/format.h>

#include "lib/aws/sso_config.hpp"
#include "lib/aws/login_action.hpp"

namespace eks {
namespace {

std::string first_error(const ProfileAnalysis& a, std::string* fix) {
  for (const auto& f : a.findings) {
    if (f.severity == FindingSeverity::error) {
      *fix = f.fix;
      return f.message;
    }
  }
  return "";
}

}  // namespace

Result<SsoLoginTarget> sso_login_target(std::string_view profile, const AwsConfig& config) {
  const ProfileAnalysis a = resolve_sso(profile, config);
  std::string fix;
  const std::string problem = first_error(a, &fix);
  std::vector<std::string> hints;
  if (!fix.empty()) {
    hints.push_back(fix);
  }
  if (a.kind == ProfileKind::not_found) {
    return make_error(ErrorKind::config,
                      fmt::format("AWS profile \"{}\" not found in {}", profile, config.config_path), hints);
  }
  if (!a.uses_sso()) {
    const std::string source = a.chain.empty() ? std::string(profile) : a.chain.back();
    if (a.source_kind == ProfileKind::login_session) {
      return make_error(ErrorKind::config,
                        fmt::format("AWS profile \"{}\" uses \"aws login\", not AWS SSO", profile),
                        {"aws login --profile " + shell_quote(source)});
    }
    std::string message = fmt::format("AWS profile \"{}\" does not use AWS SSO ({}): aws sso login cannot help",
                                      profile, profile_kind_name(a.source_kind));
    if (!problem.empty()) {
      message = fmt::format("AWS profile \"{}\": {}", profile, problem);
    }
    return make_error(ErrorKind::config, message, hints);
  }
  if (!a.sso) {
    return make_error(ErrorKind::config,
                      fmt::format("AWS profile \"{}\": {}", profile,
                                  problem.empty() ? "incomplete AWS SSO settings" : problem),
                      hints);
  }
  SsoLoginTarget t;
  t.requested_profile = std::string(profile);
  t.profile = a.sso_profile.empty() ? a.chain.back() : a.sso_profile;
  t.session = a.sso->session_name;
  t.start_url = a.sso->start_url;
  return t;
}

Result<SsoLoginPlan> plan_sso_login(const SsoLoginRequest& r) {
  if (r.version && !supports_sso_login(*r.version)) {
    return make_error(ErrorKind::config,
                      fmt::format("SSO login needs AWS CLI v2: \"{}\" is aws-cli/{}, which has no \"aws sso login\"",
                                  r.program, r.version->to_string()),
                      {fmt::format("install AWS CLI v2: {}", k_aws_cli_install_url)});
  }
  SsoLoginPlan plan;
  plan.args = {"sso", "login", "--profile", r.target.profile};
  if (r.no_browser) {
    plan.args.emplace_back("--no-browser");
  }
  if (r.use_device_code) {
    if (r.version && !supports_device_code_flag(*r.version)) {
      plan.notes.push_back(fmt::format(
          "aws-cli/{} has no --use-device-code (it needs 2.22 or later) and uses the device code flow anyway: "
          "flag dropped",
          r.version->to_string()));
    } else {
      plan.args.emplace_back("--use-device-code");
    }
  }
  plan.display = shell_quote(r.program);
  for (const auto& a : plan.args) {
    plan.display += " " + shell_quote(a);
  }
  if (r.target.profile != r.target.requested_profile && !r.target.requested_profile.empty()) {
    plan.notes.push_back(fmt::format("profile \"{}\" takes its SSO settings from profile \"{}\"",
                                     r.target.requested_profile, r.target.profile));
  }
  if (!r.target.session.empty()) {
    plan.notes.push_back(fmt::format(
        "profile \"{}\" uses sso-session \"{}\": \"aws sso login --sso-session {}\" would log in every profile "
        "sharing it",
        r.target.profile, r.target.session, shell_quote(r.target.session)));
  }
  return plan;
}

AwsCliProbe probe_aws_cli(const std::string& program, const Env& env, ProcessRunner& runner) {
  ProcessSpec spec;
  spec.program = program;
  spec.args = {"--version"};
  spec.env = env.to_strings();
  spec.timeout = std::chrono::milliseconds(15000);
  spec.stdout_limit = 64 * 1024;
  const ProcessResult r = runner.run(spec);
  AwsCliProbe probe;
  if (r.outcome == ProcessResult::Outcome::not_found) {
    probe.found = false;
    probe.problem = "not found in PATH";
  } else if (r.outcome == ProcessResult::Outcome::spawn_failed) {
    probe.found = false;
    probe.problem = r.error_text.empty() ? "could not be run" : r.error_text;
  } else if (r.outcome == ProcessResult::Outcome::exited && r.exit_code == 0) {
    probe.version = parse_aws_cli_version(r.out, r.err);
  }
  return probe;
}

Error aws_cli_missing_error(const std::string& program, const AwsCliProbe& probe) {
  return make_error(ErrorKind::config, fmt::format("the AWS CLI \"{}\": {}", program, probe.problem),
                    {fmt::format("install AWS CLI v2: {}", k_aws_cli_install_url)});
}

}  // namespace eks
