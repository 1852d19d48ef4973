#include "lib/session/auth_summary.hpp"

#include <filesystem>

namespace eks {
namespace {

std::string basename_of(const std::string& command) {
  return std::filesystem::path(command).filename().string();
}

}  // namespace

AuthSummary summarize_auth(const AuthInfo& user, const Env& process_env, int aws_major) {
  AuthSummary s;
  // kubectl: a token, basic auth or a client certificate means the exec plugin is never run.
  // A tokenFile wins over a token when both are set (client-go reads the file per request).
  if (!user.token_file.empty()) {
    s.type = "tokenFile";
  } else if (!user.token.empty()) {
    s.type = "token";
  } else if (!user.username.empty() || !user.password.empty()) {
    s.type = "basic-auth";
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
  } else if (base == "aws-iam-authenticator") {
    s.plugin = PluginKind::aws_iam_authenticator;
  } else {
    s.plugin = PluginKind::other;
    return s;
  }
  const Env env = plugin_environment(exec, process_env);
  const GetTokenArgs args = parse_get_token_args(exec.args);
  if (s.plugin == PluginKind::aws_cli) {
    s.region = args.region.value_or("");
    s.cluster_name = args.cluster_name.value_or(args.cluster_id.value_or(""));
  } else {
    // aws-iam-authenticator token -i CLUSTER [--region R]
    for (size_t i = 0; i + 1 < exec.args.size(); ++i) {
      if (exec.args[i] == "-i" || exec.args[i] == "--cluster-id") {
        s.cluster_name = exec.args[i + 1];
      }
    }
    s.region = args.region.value_or("");
  }
  if (s.region.empty()) {
    const RegionResolution r = resolve_region(args, env, nullptr, aws_major);
    s.region = r.region;
  }
  // aws-iam-authenticator uses the AWS SDK for Go: AWS_PROFILE, like CLI v2.
  s.resolution = resolve_profile(s.plugin == PluginKind::aws_cli ? exec.args : std::vector<std::string>{}, env,
                                 aws_major == 1 ? 1 : 2);
  s.profile = s.resolution.name;
  const std::string source = profile_source_name(s.resolution.source);
  if (s.resolution.source == ProfileSource::aws_profile_env ||
      s.resolution.source == ProfileSource::aws_default_profile_env) {
    bool in_exec = false;
    for (const auto& v : exec.env) {
      in_exec = in_exec || v.name == source;
    }
    s.profile_source = (in_exec ? "exec env " : "environment ") + source;
  } else {
    s.profile_source = source;
  }
  s.env_static_keys = s.resolution.env_keys_win;
  return s;
}

}  // namespace eks
