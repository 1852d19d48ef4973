#include "lib/auth_summary.hpp"

#include <filesystem>

namespace eks {
namespace {

std::string basename_of(const std::string& command) {
  return std::filesystem::path(command).filename().string();
}

// Value of "--flag V" or "--flag=V" in args ("" when absent). The last occurrence wins, as
// argparse does.
std::string flag_value(const std::vector<std::string>& args, std::initializer_list<const char*> names) {
  std::string out;
  for (size_t i = 0; i < args.size(); ++i) {
    for (const char* name : names) {
      const std::string n(name);
      if (args[i] == n && i + 1 < args.size()) {
        out = args[i + 1];
      } else if (args[i].rfind(n + "=", 0) == 0) {
        out = args[i].substr(n.size() + 1);
      }
    }
  }
  return out;
}

}  // namespace

Env plugin_environment(const ExecConfig& exec, const Env& process_env) {
  Env env = process_env;
  for (const auto& var : exec.env) {
    env.set(var.name, var.value);
  }
  return env;
}

AuthSummary summarize_auth(const AuthInfo& user, const Env& process_env, int aws_major) {
  AuthSummary s;
  // kubectl: a token, basic auth or a client certificate means the exec plugin is never run.
  if (!user.token.empty()) {
    s.type = "token";
  } else if (!user.token_file.empty()) {
    s.type = "tokenFile";
  } else if (!user.client_certificate.empty() || !user.client_certificate_data.empty()) {
    s.type = "client-certificate";
  } else if (user.exec) {
    s.type = "exec";
  } else if (user.auth_provider) {
    s.type = "auth-provider";
  } else {
    s.type = "none";
  }
  if (!user.exec) {
    return s;
  }
  const ExecConfig& exec = *user.exec;
  s.command = exec.command_as_written;
  s.args = exec.args;
  const std::string base = basename_of(exec.command);
  if (base == "aws" || base == "aws.exe" || base == "aws2") {
    s.plugin = PluginKind::aws_cli;
    s.region = flag_value(exec.args, {"--region"});
    s.cluster_name = flag_value(exec.args, {"--cluster-name", "--cluster-id"});
  } else if (base == "aws-iam-authenticator") {
    s.plugin = PluginKind::aws_iam_authenticator;
    s.region = flag_value(exec.args, {"--region"});
    s.cluster_name = flag_value(exec.args, {"-i", "--cluster-id"});
  } else {
    s.plugin = PluginKind::other;
    return s;
  }
  const Env env = plugin_environment(exec, process_env);
  if (s.region.empty()) {
    s.region = env.get_or_empty(aws_major == 1 ? "AWS_DEFAULT_REGION" : "AWS_REGION");
    if (s.region.empty()) {
      s.region = env.get_or_empty("AWS_DEFAULT_REGION");
    }
  }
  auto from_exec = [&](const char* name) {
    for (const auto& v : exec.env) {
      if (v.name == name) {
        return true;
      }
    }
    return false;
  };
  const std::string arg_profile = flag_value(exec.args, {"--profile"});
  if (!arg_profile.empty()) {
    s.profile = arg_profile;
    s.profile_source = "--profile";
    return s;
  }
  const char* first = aws_major == 1 ? "AWS_DEFAULT_PROFILE" : "AWS_PROFILE";
  const char* second = aws_major == 1 ? "AWS_PROFILE" : "AWS_DEFAULT_PROFILE";
  for (const char* name : {first, second}) {
    if (env.has(name)) {
      s.profile = env.get_or_empty(name);
      s.profile_source = std::string(from_exec(name) ? "exec env " : "environment ") + name;
      break;
    }
  }
  if (s.profile.empty()) {
    s.profile = "default";
    s.profile_source = "default";
  }
  // Static keys in the environment win over AWS_PROFILE (not over --profile): aws.md section 3.
  s.env_static_keys = env.has("AWS_ACCESS_KEY_ID") && env.has("AWS_SECRET_ACCESS_KEY");
  return s;
}

}  // namespace eks
