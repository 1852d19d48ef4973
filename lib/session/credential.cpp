#include "lib/util/strings.hpp"
#include "lib/session/credential.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "lib/aws/access_entry.hpp"
#include "lib/kube/exec_credential.hpp"
#include "lib/util/base64.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/timefmt.hpp"

namespace eks {
namespace {

constexpr std::size_t k_max_file = 16 * 1024 * 1024;

// PEM from a file (path) or from base64 data, as client-go loads client certificates.
Result<std::string> pem_from(const std::string& path, const std::string& data, const char* what,
                             const FileReader& read_file) {
  if (!data.empty()) {
    auto decoded = base64_decode(data);
    if (!decoded) {
      return make_error(ErrorKind::config, fmt::format("{}-data is not valid base64", what));
    }
    return *decoded;
  }
  if (path.empty()) {
    return std::string();
  }
  return read_file(path);
}

}  // namespace

Result<std::string> read_small_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return make_error(ErrorKind::config, fmt::format("open {}: is a directory", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::config, fmt::format("open {}: {}", path.string(),
                                                     errno == ENOENT ? "no such file or directory"
                                                                     : std::strerror(errno)));
  }
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > k_max_file) {
      return make_error(ErrorKind::config, fmt::format("read {}: larger than 16 MiB", path.string()));
    }
  }
  return text;
}

CredentialAttempt read_credential_source(const Selection& selection, const Env& env, const CredentialOptions& options,
                                     ProcessRunner& runner, const Clock& clock, const FileReader& read_file) {
  CredentialAttempt attempt;
  const AuthInfo& user = *selection.user;
  Credential cred;

  // client-go's precedence (client_config.go getUserIdentificationPartialConfig, then
  // transport/round_trippers.go NewBearerAuthWithRefreshRoundTripper and CachedFileTokenSource):
  // with token and tokenFile both set the file's token is sent whenever the file reads and is not
  // empty, else the token; a tokenFile alone must read. A token, a tokenFile, basic auth or a
  // client certificate with its key means the exec plugin is never run (exec.go
  // UpdateTransportConfig).
  if (!user.token.empty()) {
    cred.source = "token";
    cred.token = user.token;
    if (!user.token_file.empty()) {
      if (auto text = read_file(user.token_file); text && !trim_copy(*text).empty()) {
        cred.source = "tokenFile";
        cred.token = trim_copy(*text);
      }
    }
  } else if (!user.token_file.empty()) {
    auto text = read_file(user.token_file);
    if (!text) {
      attempt.error = text.error();
      return attempt;
    }
    cred.source = "tokenFile";
    cred.token = trim_copy(*text);
    if (cred.token.empty()) {
      attempt.error = make_error(ErrorKind::config, fmt::format("read empty token from file \"{}\"", user.token_file),
                                 {fmt::format("user \"{}\": put the token in {} or remove tokenFile", user.name,
                                              user.token_file)});
      return attempt;
    }
  }
  if (!user.username.empty() || !user.password.empty()) {
    if (!cred.source.empty()) {
      // transport/round_trippers.go HTTPWrappersForConfig (a token alone is refused earlier, by validation).
      attempt.error = make_error(ErrorKind::config, "username/password or bearer token may be set, but not both",
                                 {fmt::format("user \"{}\": keep one of tokenFile and username/password", user.name)});
      return attempt;
    }
    cred.source = "basic-auth";
    cred.username = user.username;
    cred.password = user.password;
  }
  // HasCertAuth: a certificate and a key (a certificate alone is refused by validation, a key
  // alone is ignored).
  if ((!user.client_certificate.empty() || !user.client_certificate_data.empty()) &&
      (!user.client_key.empty() || !user.client_key_data.empty())) {
    auto cert = pem_from(user.client_certificate, user.client_certificate_data, "client-certificate", read_file);
    auto key = pem_from(user.client_key, user.client_key_data, "client-key", read_file);
    if (!cert || !key) {
      attempt.error = !cert ? cert.error() : key.error();
      return attempt;
    }
    if (key->empty()) {
      attempt.error = make_error(ErrorKind::config,
                                 fmt::format("user \"{}\" has a client certificate but no client key", user.name));
      return attempt;
    }
    cred.client_certificate_pem = std::move(*cert);
    cred.client_key_pem = std::move(*key);
    if (cred.source.empty()) {
      cred.source = "client-certificate";
    }
  }
  if (!cred.source.empty()) {
    attempt.credential = std::move(cred);
    return attempt;
  }

  if (!user.exec) {
    if (user.auth_provider) {
      attempt.error =
          make_error(ErrorKind::config,
                     fmt::format("user \"{}\" uses the legacy auth-provider \"{}\", which eks-sso does not run",
                                 user.name, user.auth_provider->name),
                     {"EKS uses an exec plugin: " + [&selection] {
                       // The cluster's ARN names the cluster and region when the kubeconfig has one.
                       const auto ref = selection.cluster != nullptr ? parse_eks_cluster_ref(selection.cluster->name)
                                                                     : std::optional<EksClusterRef>();
                       return update_kubeconfig_command(ref ? ref->name : "", ref ? ref->region : "", "");
                     }()});
      return attempt;
    }
    cred.source = "none";  // anonymous, as kubectl would be
    attempt.credential = std::move(cred);
    return attempt;
  }

  const ExecConfig& exec = *user.exec;
  attempt.command = plugin_display_command(exec);
  auto run = run_exec_plugin(user.name, exec, *selection.cluster, env, options.exec, read_file, runner);
  if (!run) {
    attempt.error = run.error();
    return attempt;
  }
  attempt.plugin_ran = true;
  attempt.elapsed = run->elapsed;
  attempt.outcome = describe_outcome(run->result);
  attempt.plugin_stderr = run->stderr_redacted;
  if (run->failure) {
    const AuthSummary summary = summarize_auth(user, env);
    const bool exited = run->result.outcome == ProcessResult::Outcome::exited;
    if (summary.plugin == PluginKind::aws_cli && exited) {
      AwsFailure aws = classify_aws_stderr(run->result.err);
      if (aws.kind != AwsErrorClass::unknown) {
        Error e = make_error(error_kind_for(aws.kind),
                             fmt::format("{} failed: {}", attempt.command, redact_secrets(aws.message)));
        if (aws.kind == AwsErrorClass::network) {
          // Offline is not logged out: say so first, with the AWS CLI's own words as the detail.
          e.message = network_failure_message(aws);
          e.hints.push_back(fmt::format("{} failed: {}", attempt.command, redact_secrets(aws.message)));
        }
        e.hints.push_back(run->failure->message);
        attempt.error = std::move(e);
        attempt.aws = std::move(aws);
        return attempt;
      }
    }
    Error e = *run->failure;
    if (!run->stderr_redacted.empty()) {
      e.hints.insert(e.hints.begin(), "the plugin said: " + trim_copy(run->stderr_redacted));
    }
    attempt.error = std::move(e);
    return attempt;
  }
  auto parsed = parse_exec_credential(run->result.out, exec.api_version, attempt.command, clock.now());
  if (!parsed) {
    attempt.error = parsed.error();
    return attempt;
  }
  cred.source = "exec";
  cred.token = parsed->token;
  cred.client_certificate_pem = parsed->client_certificate_data;
  cred.client_key_pem = parsed->client_key_data;
  cred.api_version = parsed->api_version;
  cred.expiration = parsed->expiration;
  if (parsed->expired) {
    cred.expired_warning = fmt::format(
        "warning: {} returned a credential that expired at {} ({}); using it as kubectl does (a clock skew is the "
        "usual cause: eks-sso doctor checks it)",
        attempt.command, format_rfc3339(*parsed->expiration), relative_to_now(*parsed->expiration, clock.now()));
  }
  cred.command = attempt.command;
  cred.elapsed = run->elapsed;
  cred.plugin_stderr = run->stderr_redacted;
  attempt.credential = std::move(cred);
  return attempt;
}

}  // namespace eks
