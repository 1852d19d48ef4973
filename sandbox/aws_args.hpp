// Command-line parsing for the fake aws: global options anywhere (--profile, --region, --output,
// ...), then `<command> <subcommand>` and the subcommand's options.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sandbox/aws_creds.hpp"

namespace sandbox {

struct AwsArgs {
  AwsGlobals globals;
  bool version = false;
  std::vector<std::string> positionals;        // command, subcommand, ...
  std::map<std::string, std::string> options;  // "--cluster-name" -> value
  std::set<std::string> flags;                 // "--no-browser"
  std::vector<std::string> unknown;            // options we do not know
};

[[nodiscard]] AwsArgs parse_aws_args(const std::vector<std::string>& args);

// The usage block the AWS CLI v2 prints before "aws: error: ..." (exit 252).
[[nodiscard]] AwsFailure aws_usage_error(const std::string& message);

}  // namespace sandbox
