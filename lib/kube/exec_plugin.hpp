// Running a kubeconfig exec credential plugin exactly as client-go v0.32 does
// (docs/spec/kube.md 2.1-2.8): validation with client-go's texts, interactiveMode, the
// environment (process env + exec.env, later wins, + KUBERNETES_EXEC_INFO with client-go's exact
// bytes), and client-go's run errors, improved (timeouts, killed process groups). The process is
// started through the injected ProcessRunner; nothing here reads the real environment or terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lib/util/env.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/os/process.hpp"
#include "lib/util/result.hpp"

namespace eks {

// Whether the plugin may talk to a person. Verifying commands always pass `never`, so a plugin can
// never wait for input; only `eks-sso login` style commands pass `allow`.
enum class TerminalPolicy { allow, never };

// Reads a whole file (the cluster's certificate-authority, for provideClusterInfo).
using FileReader = std::function<Result<std::string>(const std::filesystem::path&)>;

struct ExecPluginOptions {
  TerminalPolicy terminal = TerminalPolicy::never;
  bool stdin_is_tty = false;  // the caller's fact about its own stdin
  std::chrono::milliseconds timeout{30000};  // --exec-timeout; 0 = none
  std::size_t stdout_limit = 4 * 1024 * 1024;
};

// What will be run, before it runs.
struct ExecPluginCall {
  ProcessSpec spec;
  bool interactive = false;
  std::string exec_info;  // the KUBERNETES_EXEC_INFO value
  std::string display;    // "aws eks get-token --cluster-name dev" (secrets redacted), for messages
};

struct PluginRun {
  ProcessSpec spec;
  ProcessResult result;  // result.err is the raw stderr: classify it, never show it unredacted
  std::chrono::milliseconds elapsed{0};
  bool interactive = false;
  std::string display;
  std::string stderr_redacted;  // result.err through redact_secrets, for people
  // Set when the plugin could not run or did not exit 0 (client-go's wording, improved). The
  // caller classifies result.err first (aws_errors) and falls back to this.
  std::optional<Error> failure;
};

// client-go's validation of users[].user.exec (validation.go), ErrorKind::config. The first
// problem is the message, further ones are hints. An empty interactiveMode is defaulted to
// IfAvailable for v1beta1 and v1alpha1 only (api/v1/defaults.go).
[[nodiscard]] Status validate_exec_config(const ExecConfig& exec, std::string_view user_name);
// The same problems as a list, in client-go's order (validation.go validateAuthInfo's exec part).
[[nodiscard]] std::vector<std::string> exec_config_problems(const ExecConfig& exec, std::string_view user_name);

// The effective interactiveMode: as written, or "IfAvailable" when unset and v1beta1/v1alpha1.
[[nodiscard]] std::string effective_interactive_mode(const ExecConfig& exec);

// KUBERNETES_EXEC_INFO, byte for byte as client-go writes it (kube.md 2.5). `cluster` is used only
// when exec.provide_cluster_info; a certificate-authority file is read through `read_file`.
[[nodiscard]] Result<std::string> build_exec_info(const ExecConfig& exec, const Cluster& cluster, bool interactive,
                                                  const FileReader& read_file);

// client-go's cleanANSIEscapeCodes for installHint: control characters other than \t\n\v\f\r
// become "U+001B" etc.
[[nodiscard]] std::string clean_install_hint(std::string_view hint);

// "aws eks get-token --cluster-name dev": the command and args, args with spaces single-quoted.
[[nodiscard]] std::string plugin_display_command(const ExecConfig& exec);

// Validates, decides interactivity (kube.md 2.2) and builds the ProcessSpec.
[[nodiscard]] Result<ExecPluginCall> prepare_exec_plugin(std::string_view user_name, const ExecConfig& exec,
                                                         const Cluster& cluster, const Env& env,
                                                         const ExecPluginOptions& options,
                                                         const FileReader& read_file);

// prepare_exec_plugin, then runs it through `runner`. The Result is an error when nothing useful
// ran: invalid config, no terminal for interactiveMode Always (both config), or Ctrl-C
// (interrupted). Every other failure is PluginRun::failure, with stderr kept for classification.
[[nodiscard]] Result<PluginRun> run_exec_plugin(std::string_view user_name, const ExecConfig& exec,
                                                const Cluster& cluster, const Env& env,
                                                const ExecPluginOptions& options, const FileReader& read_file,
                                                ProcessRunner& runner);

// The failure client-go would report for `result` (std::nullopt for exit 0), improved.
[[nodiscard]] std::optional<Error> plugin_failure(const ExecConfig& exec, const ExecPluginCall& call,
                                                  const ProcessResult& result);

// The environment the exec plugin will see: the process env plus the exec env list (later wins).
[[nodiscard]] Env plugin_environment(const ExecConfig& exec, const Env& process_env);

}  // namespace eks
