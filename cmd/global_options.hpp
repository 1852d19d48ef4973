// Global options of the command-line contract (docs/CONTRACT.md, "Invocation"), accepted
// before or after the command.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "lib/session/cluster_client.hpp"
#include "lib/os/deps.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/util/result.hpp"

namespace eks::cmd {

struct GlobalOptions {
  std::string kubeconfig;             // --kubeconfig
  std::vector<std::string> contexts;  // --context (repeatable for doctor)
  std::string output = "table";       // -o, --output
  std::string request_timeout;  // "" = not given: 10s transport limit, no server-side timeout=
  std::string exec_timeout = "30s";
  bool no_color = false;
  int verbosity = 0;

  // Filled by complete_global() (main.cpp, once, before any command runs).
  std::chrono::milliseconds request_timeout_ms{10000};
  bool request_timeout_given = false;
  std::chrono::milliseconds exec_timeout_ms{30000};
};

void bind_global_options(CLI::App& app, GlobalOptions& opts);

// Complete (kubectl's Complete → Validate → Run): parses --request-timeout and --exec-timeout
// into the fields above; an unparsable or zero duration is a usage error.
[[nodiscard]] Status complete_global(GlobalOptions& opts);

// Validate: checks -v and -o against the formats the command accepts. Changes nothing.
[[nodiscard]] Status validate_global(const GlobalOptions& opts, const std::vector<std::string>& allowed_outputs,
                                     const char* command);

// The single context name (--context given once) or "" for current-context; an error when the
// command takes one context and --context was repeated.
[[nodiscard]] Result<std::string> single_context(const GlobalOptions& opts, const char* command);

// Kubeconfig sources from the flags and the environment snapshot.
[[nodiscard]] KubeconfigSources kubeconfig_sources(const GlobalOptions& opts, const Deps& deps);

// The cluster client's settings from the global flags: --request-timeout is sent to the server
// only when given, and bounds the transport either way; `access` and `cache` serve the 401 refresh.
[[nodiscard]] ClusterClientOptions cluster_client_options(const GlobalOptions& opts, const AccessOptions& access,
                                                          const CacheSettings& cache);

}  // namespace eks::cmd
