#include "sandbox/fake_aws.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "sandbox/aws_args.hpp"
#include "sandbox/aws_commands.hpp"

namespace sandbox {
namespace {

constexpr std::string_view k_version_line = "aws-cli/2.15.0 Python/3.11.2 Linux/6.1 exe/x86_64.sandbox";

void log_invocation(const std::vector<std::string>& args, const eks::Env& env) {
  const auto file = env.get("EKS_SSO_SANDBOX_AWS_LOG");
  if (!file || file->empty()) {
    return;
  }
  nlohmann::json argv = nlohmann::json::array({"aws"});
  for (const auto& a : args) {
    argv.push_back(a);
  }
  std::ofstream(*file, std::ios::app) << argv.dump() << "\n";
}

std::string choices_error(const char* what, const std::vector<std::string>& choices) {
  std::string msg = std::string("aws: error: argument ") + what + ": Invalid choice, valid choices are:\n\n";
  for (const auto& c : choices) {
    msg += c + "\n";
  }
  return msg;
}

}  // namespace

int run_fake_aws(const std::vector<std::string>& args, AwsIo& io) {
  log_invocation(args, io.env);
  const AwsArgs parsed = parse_aws_args(args);
  if (parsed.version && parsed.positionals.empty()) {
    io.out << k_version_line << "\n";
    return 0;
  }
  if (parsed.positionals.empty()) {
    return report(aws_usage_error("aws: error: the following arguments are required: command"), io);
  }
  const std::string& command = parsed.positionals[0];
  const std::string sub = parsed.positionals.size() > 1 ? parsed.positionals[1] : "";
  if (is_admin_command(command, sub)) {
    return aws_admin_command(args, io);
  }
  using Handler = int (*)(const AwsArgs&, AwsIo&);
  const std::map<std::string, std::map<std::string, Handler>> commands = {
      {"eks", {{"get-token", aws_eks_get_token}}},
      {"sso", {{"login", aws_sso_login}, {"logout", aws_sso_logout}}},
      {"sts", {{"get-caller-identity", aws_sts_get_caller_identity}}},
  };
  const auto cmd = commands.find(command);
  if (cmd == commands.end()) {
    return report(aws_usage_error(choices_error("command", {"eks", "iam", "identitystore", "sso", "sso-admin", "sts"})), io);
  }
  const auto op = cmd->second.find(sub);
  if (op == cmd->second.end()) {
    std::vector<std::string> names;
    for (const auto& [name, handler] : cmd->second) {
      names.push_back(name);
    }
    return report(aws_usage_error(choices_error("operation", names)), io);
  }
  if (!parsed.unknown.empty() || parsed.positionals.size() > 2) {
    std::string list;
    for (const auto& u : parsed.unknown) {
      list += (list.empty() ? "" : ", ") + u;
    }
    for (size_t i = 2; i < parsed.positionals.size(); ++i) {
      list += (list.empty() ? "" : ", ") + parsed.positionals[i];
    }
    return report(aws_usage_error("Unknown options: " + list), io);
  }
  return op->second(parsed, io);
}

}  // namespace sandbox
