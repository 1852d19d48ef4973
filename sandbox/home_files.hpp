// The client side of the sandbox, written into DIR: home/.aws/config and credentials (real AWS CLI
// format), bin/aws (symlink to this binary: argv[0] "aws" selects the fake aws), and the kubeconfig
// in the layout `aws eks update-kubeconfig --alias X --user-alias X` writes (eks.md 6.1).
//
// Contexts (users carry the same names):
//   sandbox-admin          exec aws, AWS_PROFILE=sandbox-admin   (sso-session; allowed everything)
//   sandbox-legacy         exec aws, AWS_PROFILE=sandbox-legacy  (legacy SSO profile, same role)
//   sandbox-noentry        exec aws, AWS_PROFILE=sandbox-noentry (no access entry -> 401)
//   sandbox-forbidden      exec aws, AWS_PROFILE=sandbox-viewer  (no node permission -> 403)
//   sandbox-static         exec aws, AWS_PROFILE=sandbox-static  (IAM user keys; may view nodes)
//   sandbox-token          token: sandbox-static-token           (no exec plugin)
//   sandbox-wrong-cluster  exec aws ... --cluster-name other-eks (signature mismatch -> 401)
//   sandbox-unknown-ca     sandbox-admin's user, cluster with certs/other-ca.crt (x509 unknown authority)
#pragma once

#include <filesystem>
#include <string>

#include "lib/util/result.hpp"
#include "sandbox/state.hpp"

namespace sandbox {

[[nodiscard]] std::string aws_config_text(const State& state);
[[nodiscard]] std::string aws_credentials_text(const State& state);
[[nodiscard]] eks::Result<std::string> kubeconfig_text(const std::filesystem::path& dir, const State& state, int port);

// home/.aws/{config,credentials}, home/.aws/sso/cache/, bin/aws -> `self_exe`.
[[nodiscard]] eks::Status write_home(const std::filesystem::path& dir, const State& state,
                                     const std::filesystem::path& self_exe);
[[nodiscard]] eks::Status write_kubeconfig(const std::filesystem::path& dir, const State& state, int port);

}  // namespace sandbox
