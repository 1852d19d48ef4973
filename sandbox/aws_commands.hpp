// The fake aws subcommands. Each returns an exit code and writes only to the given streams.
#pragma once

#include "sandbox/aws_args.hpp"
#include "sandbox/fake_aws.hpp"

namespace sandbox {

[[nodiscard]] int aws_eks_get_token(const AwsArgs& args, AwsIo& io);
[[nodiscard]] int aws_sts_get_caller_identity(const AwsArgs& args, AwsIo& io);
[[nodiscard]] int aws_sso_login(const AwsArgs& args, AwsIo& io);
[[nodiscard]] int aws_sso_logout(const AwsArgs& args, AwsIo& io);

// The admin side (aws_admin_cmds.cpp): sso-admin, identitystore, iam, and eks but get-token,
// answered from state.json; takes the raw argv (its options are the operations' own).
[[nodiscard]] bool is_admin_command(const std::string& command, const std::string& sub);
[[nodiscard]] int aws_admin_command(const std::vector<std::string>& args, AwsIo& io);

// Writes the failure to io.err and returns its exit code.
int report(const AwsFailure& failure, AwsIo& io);

}  // namespace sandbox
