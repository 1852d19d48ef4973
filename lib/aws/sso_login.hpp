// Planning `aws sso login` for `eks-sso login`, the only command that starts a login: which
// profile to pass (the one holding the SSO settings, also under role chains), which flags the
// installed AWS CLI accepts, and what to tell the person first. Pure: nothing runs here.
// Spec: docs/spec/aws.md 6.1 (v1 has no sso login), 6.2 (flags, --use-device-code >= 2.22).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/aws/cli_version.hpp"
#include "lib/aws/config.hpp"
#include "lib/util/env.hpp"
#include "lib/os/process.hpp"
#include "lib/util/result.hpp"

namespace eks {

inline constexpr const char* k_aws_cli_install_url =
    "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";

struct SsoLoginTarget {
  std::string profile;  // the profile `aws sso login --profile` needs (holds sso_session/sso_start_url)
  std::string requested_profile;  // the profile asked for (differs under an assume-role chain)
  std::string session;            // sso-session name, "" for legacy profiles
  std::string start_url;
};

// The login target for `profile`. Config errors (exit 7): the profile does not exist, does not use
// AWS SSO (static keys, `aws login`, ... : `aws sso login` cannot help; the message says what it
// uses), or its SSO settings are incomplete (botocore's words and the fix).
[[nodiscard]] Result<SsoLoginTarget> sso_login_target(std::string_view profile, const AwsConfig& config);

struct SsoLoginRequest {
  std::string program = "aws";  // the AWS CLI to run: the exec plugin's command, else "aws"
  SsoLoginTarget target;
  bool no_browser = false;
  bool use_device_code = false;
  std::optional<AwsCliVersion> version;  // nullopt: could not tell, the flags are passed as asked
};

struct SsoLoginPlan {
  std::vector<std::string> args;   // "sso", "login", "--profile", P, ...
  std::string display;             // "aws sso login --profile P --no-browser", shell-quoted
  std::vector<std::string> notes;  // for people: a dropped flag, the sso-session alternative
};

// Errors: AWS CLI v1 (ErrorKind::config): "SSO login needs AWS CLI v2: <program> is aws-cli/1.x.y"
// with the install hint. --use-device-code on v2 < 2.22 is dropped with a note (2.9.19 rejects it
// with exit 252 "Unknown options"); those versions use the device code flow anyway.
[[nodiscard]] Result<SsoLoginPlan> plan_sso_login(const SsoLoginRequest& request);

// `<program> --version` with the plugin's environment (15 s limit).
struct AwsCliProbe {
  bool found = true;                     // false: not in PATH, or could not be executed
  std::string problem;                   // when !found: "not found in PATH", "permission denied", ...
  std::optional<AwsCliVersion> version;  // nullopt: ran but the output was not understood
};
[[nodiscard]] AwsCliProbe probe_aws_cli(const std::string& program, const Env& env, ProcessRunner& runner);

// The error for an AWS CLI that could not be run (ErrorKind::config, with the install hint).
[[nodiscard]] Error aws_cli_missing_error(const std::string& program, const AwsCliProbe& probe);

}  // namespace eks
