#include "sandbox/aws_args.hpp"

namespace sandbox {
namespace {

const std::set<std::string> k_global_with_value = {
    "--profile", "--region", "--output", "--query", "--endpoint-url", "--color", "--ca-bundle",
    "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format"};
const std::set<std::string> k_global_flags = {"--debug", "--no-cli-pager", "--no-verify-ssl", "--no-paginate",
                                              "--no-sign-request", "--no-cli-auto-prompt", "--cli-auto-prompt"};
const std::set<std::string> k_op_with_value = {"--cluster-name", "--cluster-id", "--role-arn", "--sso-session"};
const std::set<std::string> k_op_flags = {"--no-browser", "--use-device-code"};

}  // namespace

AwsArgs parse_aws_args(const std::vector<std::string>& args) {
  AwsArgs out;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool has_inline = false;
    if (a.rfind("--", 0) == 0) {
      if (const auto eq = a.find('='); eq != std::string::npos) {
        value = a.substr(eq + 1);
        a = a.substr(0, eq);
        has_inline = true;
      }
    }
    const auto take_value = [&]() -> bool {
      if (has_inline) {
        return true;
      }
      if (i + 1 < args.size()) {
        value = args[++i];
        return true;
      }
      return false;
    };
    if (a == "--version") {
      out.version = true;
    } else if (k_global_with_value.count(a) != 0) {
      if (!take_value()) {
        out.unknown.push_back(a);
        continue;
      }
      if (a == "--profile") {
        out.globals.profile = value;
      } else if (a == "--region") {
        out.globals.region = value;
      } else if (a == "--output") {
        out.globals.output = value;
      }
    } else if (k_global_flags.count(a) != 0) {
      continue;
    } else if (k_op_with_value.count(a) != 0) {
      if (!take_value()) {
        out.unknown.push_back(a);
        continue;
      }
      out.options[a] = value;
    } else if (k_op_flags.count(a) != 0) {
      out.flags.insert(a);
    } else if (a.rfind("-", 0) == 0) {
      out.unknown.push_back(args[i]);
    } else {
      out.positionals.push_back(a);
    }
  }
  return out;
}

AwsFailure aws_usage_error(const std::string& message) {
  return {252,
          "\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
          "To see help text, you can run:\n\n"
          "  aws help\n"
          "  aws <command> help\n"
          "  aws <command> <subcommand> help\n\n" +
              message + "\n"};
}

}  // namespace sandbox
