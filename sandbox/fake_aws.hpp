// The fake `aws` CLI (v2 flavour, aws-cli/2.15.0): what DIR/bin/aws runs. Commands:
//   --version | eks get-token | sso login | sso logout | sts get-caller-identity, and the admin
//   side (sso-admin, identitystore, iam, eks OP) from state.json (aws_admin_cmds.cpp)
// Messages and exit codes are the real AWS CLI's (aws.md 1, 2, 4.2, 6.2, 6.3, 9).
// EKS_SSO_SANDBOX_AWS_LOG=FILE appends every invocation's argv (JSON array, one line) to FILE.
// EKS_SSO_SANDBOX_USER overrides the Identity Center user name (default jane.doe@example.com).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "lib/util/clock.hpp"
#include "lib/util/env.hpp"

namespace sandbox {

struct AwsIo {
  std::ostream& out;
  std::ostream& err;
  const eks::Env& env;
  const eks::Clock& clock;
};

// args: argv[1..] as given to `aws`. Returns the exit code.
[[nodiscard]] int run_fake_aws(const std::vector<std::string>& args, AwsIo& io);

}  // namespace sandbox
