// Small helpers shared by the subcommands: printing an error with its exit code, and JSON/YAML.
#pragma once

#include <nlohmann/json.hpp>

#include "lib/contexts_view.hpp"
#include "lib/deps.hpp"
#include "lib/error.hpp"
#include "lib/kubeconfig.hpp"

namespace eks::cmd {

// Prints the error on stderr and returns its exit code.
int fail(Deps& deps, const Error& error);

// -o json (2-space indent) or -o yaml on stdout.
void print_structured(Deps& deps, const nlohmann::json& value, const std::string& format);

// The SSO column of `contexts`, read from the AWS config and the SSO token cache (files only).
void fill_sso_column(std::vector<ContextEntry>& entries, const Kubeconfig& config, Deps& deps);

}  // namespace eks::cmd
