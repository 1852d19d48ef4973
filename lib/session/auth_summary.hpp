// What a kubeconfig user authenticates with, as a person debugging SSO wants to see it: the auth
// type kubectl will use, the exec plugin command, and for AWS plugins the profile, region and EKS
// cluster name read from the plugin's args and env. Pure: reads no files, runs nothing.
#pragma once

#include <string>
#include <vector>

#include "lib/aws/profile.hpp"
#include "lib/util/env.hpp"
#include "lib/kube/exec_plugin.hpp"
#include "lib/kube/kubeconfig.hpp"

namespace eks {

enum class PluginKind { none, aws_cli, aws_iam_authenticator, other };

struct AuthSummary {
  std::string type;  // exec | token | tokenFile | client-certificate | auth-provider | none
  PluginKind plugin = PluginKind::none;
  std::string command;  // as written in the kubeconfig
  std::vector<std::string> args;
  std::string profile;         // the AWS profile the plugin will use ("" when not an AWS plugin)
  std::string profile_source;  // "--profile", "exec env AWS_PROFILE", "environment AWS_PROFILE", "default"
  ProfileResolution resolution;  // the full answer of resolve_profile
  std::string region;
  std::string cluster_name;
  bool env_static_keys = false;  // AWS_ACCESS_KEY_ID in the plugin's env beats AWS_PROFILE
};

// `aws_major` is the AWS CLI major version when known (1 or 2); it decides whether AWS_PROFILE or
// AWS_DEFAULT_PROFILE wins (v1 reads AWS_DEFAULT_PROFILE first). 0 = unknown, treated as v2.
[[nodiscard]] AuthSummary summarize_auth(const AuthInfo& user, const Env& process_env, int aws_major = 0);

}  // namespace eks
