// Getting the credential a kubeconfig user authenticates with, as kubectl would: a token, a
// tokenFile or a client certificate wins; else the exec plugin runs (through exec_plugin) and its
// ExecCredential is validated; else the user is anonymous. A failed AWS CLI plugin's stderr is
// classified (aws_errors) so the caller can show the login action instead of raw stderr.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "lib/session/auth_summary.hpp"
#include "lib/aws/errors.hpp"
#include "lib/util/clock.hpp"
#include "lib/kube/exec_plugin.hpp"
#include "lib/kube/kubeconfig.hpp"

namespace eks {

struct Credential {
  std::string source;  // token | tokenFile | client-certificate | exec | none
  std::string token;   // secret: never printed
  std::string client_certificate_pem;
  std::string client_key_pem;  // secret
  std::string api_version;     // exec: the ExecCredential's apiVersion
  std::optional<TimePoint> expiration;
  std::string command;  // exec: the display form of the command
  std::chrono::milliseconds elapsed{0};
  std::string plugin_stderr;  // exec: redacted stderr of a successful run (warnings)
};

struct CredentialAttempt {
  std::optional<Credential> credential;
  std::optional<Error> error;     // set when there is no credential
  std::optional<AwsFailure> aws;  // an AWS CLI plugin's failure, classified
  std::string command;            // exec: the display form of the command
  std::string plugin_stderr;      // exec: redacted stderr
  std::chrono::milliseconds elapsed{0};
  bool plugin_ran = false;
};

struct CredentialOptions {
  ExecPluginOptions exec;
};

// The step of get_credential (context_credential.hpp) that reads the user's credential source;
// commands call get_credential, which adds the login-required outcome and the cache. `env` is the
// process environment (the exec env list is applied on top by the plugin runner); `read_file`
// reads tokenFile / client certificate files and a CA file for provideClusterInfo.
[[nodiscard]] CredentialAttempt read_credential_source(const Selection& selection, const Env& env,
                                                       const CredentialOptions& options, ProcessRunner& runner,
                                                       const Clock& clock, const FileReader& read_file);

// Reads a file whole (up to 16 MiB), for FileReader. Errors are config errors naming the file.
[[nodiscard]] Result<std::string> read_small_file(const std::filesystem::path& path);

}  // namespace eks
