// Every subcommand: an options struct, a bind function (flags only, no work) and a run function
// that returns an exit code. main() parses first and only then calls the one selected run_*.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cmd/global_options.hpp"
#include "lib/os/deps.hpp"

namespace eks::cmd {

struct ContextsOptions {
  std::vector<std::string> names;  // filter, like `kubectl config get-contexts NAME...`
  bool no_headers = false;
};
CLI::App* bind_contexts(CLI::App& app, ContextsOptions& opts);
int run_contexts(GlobalOptions& global, const ContextsOptions& opts, Deps& deps);

struct ConnectOptions {
  bool use_cache = false;
  bool no_cache = false;
  bool no_prompt = false;  // never ask "Log in with AWS SSO now?" (cmd/login_prompt.hpp)
};
CLI::App* bind_connect(CLI::App& app, ConnectOptions& opts);
int run_connect(GlobalOptions& global, const ConnectOptions& opts, Deps& deps);

struct DoctorOptions {
  bool all_contexts = false;
  bool summary = false;    // --summary: the summary table only, no per-context report
  bool no_prompt = false;  // never ask "Log in with AWS SSO now?" (cmd/login_prompt.hpp)
  std::string admin_profile;   // --admin-profile: also run the admin checks (steps 1-3, 6)
  std::string permission_set;  // --permission-set NAME
  std::string principal;       // --principal NAME
};
CLI::App* bind_doctor(CLI::App& app, DoctorOptions& opts);
int run_doctor(GlobalOptions& global, const DoctorOptions& opts, Deps& deps);

struct LoginOptions {
  std::string profile;
  bool no_browser = false;
  bool use_device_code = false;
  std::string login_timeout = "5m";
};
CLI::App* bind_login(CLI::App& app, LoginOptions& opts);
int run_login(GlobalOptions& global, const LoginOptions& opts, Deps& deps);

struct GetNodesOptions {
  std::vector<std::string> names;
  std::string selector;
  bool no_headers = false;
  int chunk_size = 500;
  bool no_cache = false;
};
// Binds `get` and its `nodes` subcommand; returns the `nodes` subcommand.
CLI::App* bind_get_nodes(CLI::App& app, GetNodesOptions& opts);
int run_get_nodes(GlobalOptions& global, const GetNodesOptions& opts, Deps& deps);

struct SetupScriptOptions {
  std::string cluster, region, account, start_url, sso_region, permission_set, group, user, access_policy,
      admin_profile, profile;
};
CLI::App* bind_setup_script(CLI::App& app, SetupScriptOptions& opts);
int run_setup_script(GlobalOptions& global, const SetupScriptOptions& opts, Deps& deps);

struct LogoutTestOptions {
  bool real = false;
  bool yes = false;
};
CLI::App* bind_logout_test(CLI::App& app, LogoutTestOptions& opts);
int run_logout_test(GlobalOptions& global, const LogoutTestOptions& opts, Deps& deps);

struct CredentialCommandOptions {
  bool print_kubeconfig_user = false;
  bool no_cache = false;
};
CLI::App* bind_credential(CLI::App& app, CredentialCommandOptions& opts);
int run_credential(GlobalOptions& global, const CredentialCommandOptions& opts, Deps& deps);

struct CacheClearOptions {};
// Binds `cache` and its `clear` subcommand; returns the `clear` subcommand.
CLI::App* bind_cache(CLI::App& app, CacheClearOptions& opts);
int run_cache_clear(GlobalOptions& global, const CacheClearOptions& opts, Deps& deps);

struct CompletionOptions {
  std::string shell;
};
CLI::App* bind_completion(CLI::App& app, CompletionOptions& opts);
int run_completion(GlobalOptions& global, const CompletionOptions& opts, Deps& deps);

struct StatusOptions {};
CLI::App* bind_status(CLI::App& app, StatusOptions& opts);
int run_status(GlobalOptions& global, const StatusOptions& opts, Deps& deps);

struct HelpOptions {
  std::vector<std::string> command;  // e.g. {"get", "nodes"}; empty: the top-level help
};
CLI::App* bind_help(CLI::App& app, HelpOptions& opts);
// Prints the help of `opts.command` (a path of subcommands of `app`); exit 2 for an unknown one.
int run_help(CLI::App& app, const HelpOptions& opts, Deps& deps);

struct VersionOptions {
  bool short_form = false;  // --short: the one line "eks-sso X.Y.Z" (as --version prints)
};
CLI::App* bind_version(CLI::App& app, VersionOptions& opts);
int run_version(GlobalOptions& global, const VersionOptions& opts, Deps& deps);

}  // namespace eks::cmd
