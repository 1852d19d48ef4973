// Small helpers shared by the subcommands: printing an error with its exit code, and JSON/YAML.
#pragma once

#include <nlohmann/json.hpp>

#include "lib/session/context_access.hpp"
#include "lib/session/context_credential.hpp"
#include "lib/session/contexts_view.hpp"
#include "lib/os/deps.hpp"
#include "lib/util/error.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/os/progress.hpp"

namespace eks::cmd {

// Prints the error on stderr and returns its exit code.
int fail(Deps& deps, const Error& error);

// The same world, with out and err going through `progress` (its status line erases itself before
// any output). Commands that wait on a plugin or the network run on this copy.
[[nodiscard]] Deps with_progress(const Deps& deps, ProgressLine& progress);

// The progress text while the context's credential is obtained: "running the exec plugin aws";
// "" for credentials read from the kubeconfig (nothing to wait for).
[[nodiscard]] std::string plugin_wait_text(const ContextAccess& access);

// The progress text while the API server is asked: "waiting for https://host:port".
[[nodiscard]] std::string server_wait_text(const ContextAccess& access);

// -o json (2-space indent) or -o yaml on stdout.
void print_structured(Deps& deps, const nlohmann::json& value, const std::string& format);

// The SSO column of `contexts`, read from the AWS config and the SSO token cache (files only).
void fill_sso_column(std::vector<ContextEntry>& entries, const Kubeconfig& config, Deps& deps);

}  // namespace eks::cmd
