// Kubeconfig values for unit tests: a user running the AWS CLI as its exec plugin.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "lib/kube/kubeconfig.hpp"

namespace eks::test {

// A kubeconfig user "u" whose exec plugin is `aws ARGS` with the exec env list ENV.
inline AuthInfo aws_user(std::vector<std::string> args, std::vector<ExecEnvVar> env) {
  AuthInfo u;
  u.name = "u";
  ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1beta1";
  e.command = e.command_as_written = "aws";
  e.args = std::move(args);
  e.env = std::move(env);
  u.exec = e;
  return u;
}

}  // namespace eks::test
