// `eks-sso credential`: a client-go exec credential plugin that wraps the context's real one
// (issue 7). kubectl, k9s and Lens run it instead of `aws eks get-token`: it answers from the
// on-disk credential cache, or runs the real plugin and caches its answer, and when the SSO token
// is missing it prints the contract's login action on stderr and exits 3 (kubectl shows both).
// `--print-kubeconfig-user` prints the kubeconfig `users:` entry that runs it; eks-sso never
// rewrites a kubeconfig.
#include <algorithm>
#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/session/context_credential.hpp"
#include "lib/session/context_access.hpp"

namespace eks::cmd {
namespace {

constexpr std::string_view k_v1 = "client.authentication.k8s.io/v1";
constexpr std::string_view k_v1beta1 = "client.authentication.k8s.io/v1beta1";
// Set in the real plugin's environment: a plugin that runs `eks-sso credential` again (directly
// or through a script) would otherwise recurse until something gives out.
constexpr const char* k_guard = "EKS_SSO_CREDENTIAL_CONTEXT";

struct ExecInfo {
  std::string api_version;  // "" when KUBERNETES_EXEC_INFO is not set
  bool interactive = false;
};

// KUBERNETES_EXEC_INFO as client-go sets it (kube.md 2.5): the apiVersion to answer with and
// whether the person's terminal was handed to us.
Result<ExecInfo> read_exec_info(const Env& env) {
  ExecInfo info;
  const std::optional<std::string> raw = env.get("KUBERNETES_EXEC_INFO");
  if (!raw || raw->empty()) {
    return info;
  }
  const nlohmann::json doc = nlohmann::json::parse(*raw, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return make_error(ErrorKind::usage, "KUBERNETES_EXEC_INFO is not a JSON object",
                      {"it is set by kubectl (client-go) for exec plugins; unset it to run eks-sso credential by hand"});
  }
  const auto version = doc.find("apiVersion");
  const std::string requested = version != doc.end() && version->is_string() ? version->get<std::string>() : "";
  if (requested != k_v1 && requested != k_v1beta1) {
    return make_error(ErrorKind::usage,
                      fmt::format("KUBERNETES_EXEC_INFO asks for apiVersion {}; eks-sso credential answers {} or {}",
                                  version == doc.end() ? "(none)" : version->dump(), k_v1, k_v1beta1));
  }
  info.api_version = requested;
  if (const auto spec = doc.find("spec"); spec != doc.end() && spec->is_object()) {
    const auto interactive = spec->find("interactive");
    info.interactive = interactive != spec->end() && interactive->is_boolean() && interactive->get<bool>();
  }
  return info;
}

bool is_wrapper(const ExecConfig& exec) {
  const std::string base = std::filesystem::path(exec.command).filename().string();
  if (base != "eks-sso" && base != "kubectl-eks_sso" && base != "kubectl-eks-sso") {
    return false;
  }
  return std::find(exec.args.begin(), exec.args.end(), "credential") != exec.args.end();
}

Error recursion_error(const ContextAccess& access) {
  return make_error(
      ErrorKind::config,
      fmt::format("the user \"{}\" of context \"{}\" already runs \"eks-sso credential\"; it cannot wrap itself",
                  access.selection.user->name, access.context_name),
      {"point --context at a context whose user runs the real plugin (aws eks get-token), and keep that user: "
       "eks-sso credential runs it"});
}

Status check_wrappable(const ContextAccess& access) {
  const AuthInfo& user = *access.selection.user;
  if (!user.exec) {
    return make_error(ErrorKind::config,
                      fmt::format("the user \"{}\" of context \"{}\" has no exec plugin (it uses {}); eks-sso "
                                  "credential wraps exec plugins only",
                                  user.name, access.context_name, access.auth.type),
                      {"kubectl needs no wrapper for a static credential"});
  }
  if (is_wrapper(*user.exec)) {
    return recursion_error(access);
  }
  return Ok{};
}

int print_kubeconfig_user(const GlobalOptions& global, const ContextAccess& access, Deps& deps) {
  nlohmann::json args = nlohmann::json::array();
  if (!global.kubeconfig.empty()) {
    std::error_code ec;
    const std::filesystem::path abs = std::filesystem::absolute(global.kubeconfig, ec);
    args.push_back("--kubeconfig");
    args.push_back(ec ? global.kubeconfig : abs.lexically_normal().string());
  }
  args.push_back("--context");
  args.push_back(access.context_name);
  args.push_back("credential");
  // v1beta1 is what `aws eks update-kubeconfig` writes and every client-go since 1.11 accepts.
  // Never: eks-sso never prompts (it prints the login action instead), and an interactive run
  // would hand the plugin our stderr, so a logged-out AWS CLI could not be recognised.
  nlohmann::json exec = {{"apiVersion", std::string(k_v1beta1)},
                         {"command", "eks-sso"},
                         {"args", args},
                         {"interactiveMode", "Never"},
                         {"provideClusterInfo", false}};
  nlohmann::json entry = {{"name", access.context_name + "-eks-sso"}, {"user", {{"exec", exec}}}};
  if (global.output == "json") {
    print_structured(deps, entry, "json");
  } else {
    print_structured(deps, nlohmann::json::array({entry}), "yaml");  // a `users:` list entry
  }
  return 0;
}

}  // namespace

CLI::App* bind_credential(CLI::App& app, CredentialCommandOptions& opts) {
  CLI::App* sub = app.add_subcommand("credential", "Act as the kubeconfig's exec credential plugin, through the "
                                                   "credential cache (for kubectl, k9s, Lens)");
  sub->add_flag("--print-kubeconfig-user", opts.print_kubeconfig_user,
                "Print the kubeconfig users: entry that runs eks-sso credential for the context");
  sub->add_flag("--no-cache", opts.no_cache, "Bypass the credential cache");
  sub->footer("Examples:\n  eks-sso credential --context prod --print-kubeconfig-user\n"
              "  eks-sso credential --context prod");
  return sub;
}

int run_credential(GlobalOptions& global, const CredentialCommandOptions& opts, Deps& deps) {
  const std::vector<std::string> outputs =
      opts.print_kubeconfig_user ? std::vector<std::string>{"table", "yaml", "json"} : std::vector<std::string>{"table", "json"};
  if (auto s = validate_global(global, outputs, "credential"); !s) {
    return fail(deps, s.error());
  }
  Result<std::string> context = single_context(global, "credential");
  if (!context) {
    return fail(deps, context.error());
  }
  Result<ContextAccess> access = open_context(kubeconfig_sources(global, deps), *context, deps.env);
  if (!access) {
    return fail(deps, access.error());
  }
  if (Status ok = check_wrappable(*access); !ok) {
    return fail(deps, ok.error());
  }
  if (opts.print_kubeconfig_user) {
    return print_kubeconfig_user(global, *access, deps);
  }
  if (const auto outer = deps.env.get(k_guard)) {
    Error e = recursion_error(*access);
    e.message = fmt::format("eks-sso credential for context \"{}\" was started by the exec plugin of context \"{}\", "
                            "which eks-sso credential itself runs; it cannot wrap itself",
                            access->context_name, *outer);
    return fail(deps, e);
  }
  Result<ExecInfo> info = read_exec_info(deps.env);
  if (!info) {
    return fail(deps, info.error());
  }
  const ExecConfig& exec = *access->selection.user->exec;

  AccessOptions aopts;
  aopts.exec_timeout = global.exec_timeout_ms;
  // The AWS CLI never needs a terminal for get-token, and only a captured stderr lets us turn
  // its SSO errors into the login action; other plugins get the terminal kubectl handed us.
  const bool terminal = info->interactive && access->auth.plugin != PluginKind::aws_cli;
  aopts.terminal = terminal ? TerminalPolicy::allow : TerminalPolicy::never;
  aopts.kubeconfig_flag = global.kubeconfig;
  CacheSettings cache;
  cache.mode = opts.no_cache ? CacheMode::bypass : CacheMode::use;
  Deps plugin_deps = deps;
  plugin_deps.env.set(k_guard, access->context_name);
  const CredentialOutcome outcome = get_credential(*access, aopts, cache, plugin_deps);
  if (outcome.login) {
    print_login_required(deps.err, *outcome.login, deps.clock.now(), deps.term.color);
    return exit_code_for(ErrorKind::login_required);
  }
  if (outcome.attempt.error || !outcome.attempt.credential) {
    return fail(deps, outcome.attempt.error ? *outcome.attempt.error
                                            : make_error(ErrorKind::general, "the exec plugin gave no credential"));
  }
  const Credential& cred = *outcome.attempt.credential;
  if (!cred.plugin_stderr.empty()) {
    deps.err << cred.plugin_stderr;  // the plugin's own warnings (redacted), as kubectl shows them
    if (cred.plugin_stderr.back() != '\n') {
      deps.err << '\n';
    }
  }
  ExecCredential answer;
  answer.token = cred.token;
  answer.client_certificate_data = cred.client_certificate_pem;
  answer.client_key_data = cred.client_key_pem;
  answer.expiration = cred.expiration;
  // client-go rejects an answer whose apiVersion differs from the one it asked for.
  deps.out << exec_credential_json(answer, info->api_version.empty() ? exec.api_version : info->api_version) << '\n';
  return 0;
}

}  // namespace eks::cmd
