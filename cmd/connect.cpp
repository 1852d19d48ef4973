// `eks-sso connect`: run the context's credential source (exec plugin, token, tokenFile or client
// certificate), validate what it returns, reach the API server and say who the cluster thinks we
// are (guide steps 8 and 9). A missing or expired SSO token ends with the login action (exit 3).
#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/session/cluster_client.hpp"
#include "lib/session/context_access.hpp"
#include "lib/util/error_output.hpp"
#include "lib/util/timefmt.hpp"

namespace eks::cmd {

CLI::App* bind_connect(CLI::App& app, ConnectOptions& opts) {
  CLI::App* sub = app.add_subcommand("connect", "Run the exec plugin, reach the API server and say who we are");
  sub->add_flag("--use-cache", opts.use_cache, "Use the on-disk credential cache");
  sub->add_flag("--no-cache", opts.no_cache, "Bypass the credential cache");
  sub->footer("Examples:\n  eks-sso connect\n  eks-sso connect --context prod -o json");
  return sub;
}

namespace {

nlohmann::json base_json(const ContextAccess& access) {
  return {{"context", access.context_name},
          {"cluster", access.selection.context->cluster},
          {"server", access.selection.cluster->server}};
}

nlohmann::json credential_json(const Credential& c) {
  nlohmann::json j = {{"source", c.source}, {"elapsedMs", c.elapsed.count()}};
  if (c.source == "exec") {
    j["command"] = c.command;
    j["apiVersion"] = c.api_version;
  }
  j["expirationTimestamp"] = c.expiration ? nlohmann::json(format_rfc3339(*c.expiration)) : nlohmann::json(nullptr);
  return j;
}

int report_error(Deps& deps, const GlobalOptions& global, nlohmann::json j, const Error& error) {
  if (global.output != "table") {
    j["status"] = status_word(error.kind);
    j["error"] = {{"message", error.message}, {"hints", error.hints}};
    print_structured(deps, j, global.output);
  }
  return fail(deps, error);
}

std::string session_of(const std::string& username) {
  // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
  if (username.rfind("arn:aws", 0) == 0 && username.find(":assumed-role/") != std::string::npos) {
    const auto slash = username.rfind('/');
    return username.substr(slash + 1);
  }
  return "";
}

}  // namespace

int run_connect(GlobalOptions& global, const ConnectOptions& opts, Deps& real_deps) {
  ProgressLine progress(real_deps.out, real_deps.err, real_deps.term.progress, real_deps.term.columns);
  Deps deps = with_progress(real_deps, progress);
  if (auto s = validate_global(global, {"table", "json", "yaml"}, "connect"); !s) {
    return fail(deps, s.error());
  }
  auto ctx_name = single_context(global, "connect");
  if (!ctx_name) {
    return fail(deps, ctx_name.error());
  }
  auto access = open_context(kubeconfig_sources(global, deps), *ctx_name, deps.env);
  if (!access) {
    if (global.output != "table") {
      print_structured(deps, {{"status", "error"}, {"context", *ctx_name}, {"error", {{"message", access.error().message}}}},
                       global.output);
    }
    return fail(deps, access.error());
  }
  AccessOptions aopts;
  aopts.exec_timeout = global.exec_timeout_ms;
  aopts.kubeconfig_flag = global.kubeconfig;
  // Default connect verifies the live state; --use-cache goes through the credential cache.
  CacheSettings cache;
  if (opts.use_cache && !opts.no_cache) {
    cache.mode = CacheMode::use;
  }
  progress.set(plugin_wait_text(*access));
  CredentialOutcome outcome = get_credential(*access, aopts, cache, deps);
  progress.clear();
  nlohmann::json j = base_json(*access);
  if (outcome.login) {
    if (global.output != "table") {
      nlohmann::json lj = login_required_json(*outcome.login);
      lj.update(j);
      print_structured(deps, lj, global.output);
    }
    print_login_required(deps.err, *outcome.login, deps.clock.now(), deps.term.color);
    return exit_code_for(ErrorKind::login_required);
  }
  if (!outcome.attempt.credential) {
    return report_error(deps, global, j, *outcome.attempt.error);
  }
  const Credential& cred = *outcome.attempt.credential;
  j["credential"] = credential_json(cred);

  const TimePoint now = deps.clock.now();
  if (global.output == "table") {
    deps.out << fmt::format("Context:     {}\n", access->context_name);
    deps.out << fmt::format("Server:      {}\n", access->selection.cluster->server);
    if (cred.source == "exec") {
      std::string expiry = "no expiry given";
      if (cred.expiration) {
        expiry = fmt::format("expires {} ({})", relative_to_now(*cred.expiration, now), format_rfc3339(*cred.expiration));
      }
      deps.out << fmt::format("Credential:  exec plugin \"{}\" ({}) in {}ms, {}\n", cred.command, cred.api_version,
                              cred.elapsed.count(), expiry);
    } else {
      deps.out << fmt::format("Credential:  {} from the kubeconfig\n", cred.source);
    }
    if (!cred.plugin_stderr.empty()) {
      deps.err << "warning: the plugin wrote on stderr: " << cred.plugin_stderr;
      if (cred.plugin_stderr.back() != '\n') {
        deps.err << '\n';
      }
    }
  }

  auto last_login = std::make_shared<std::optional<LoginRequired>>();
  const ClusterClientOptions copts = cluster_client_options(global, aopts, cache);
  auto client = make_cluster_client(*access, cred, copts, deps, last_login);
  if (!client) {
    return report_error(deps, global, j, client.error());
  }
  auto login_or = [&](const Error& e) {
    progress.clear();
    if (e.kind == ErrorKind::login_required && *last_login) {
      if (global.output != "table") {
        nlohmann::json lj = login_required_json(**last_login);
        lj.update(j);
        print_structured(deps, lj, global.output);
      }
      print_login_required(deps.err, **last_login, deps.clock.now(), deps.term.color);
      return exit_code_for(ErrorKind::login_required);
    }
    Error hinted = e;
    add_eks_hints(hinted, access->context_name);
    return report_error(deps, global, j, hinted);
  };
  progress.set(server_wait_text(*access));
  auto version = client->get_version();
  if (!version) {
    return login_or(version.error());
  }
  j["serverVersion"] = version->git_version;
  auto who = client->self_subject_review();
  if (!who) {
    return login_or(who.error());
  }
  j["identity"] = {{"username", who->username}, {"uid", who->uid}, {"groups", who->groups}, {"extra", who->extra}};
  auto review = client->can_i("list", "nodes", "");
  bool can_list = false;
  std::string review_note;
  if (review) {
    can_list = review->allowed;
    review_note = review->reason;
  } else {
    review_note = review.error().message;
  }
  progress.clear();
  j["canListNodes"] = can_list;
  j["status"] = "connected";

  if (global.output != "table") {
    print_structured(deps, j, global.output);
    return 0;
  }
  deps.out << fmt::format("Version:     {}\n", version->git_version);
  deps.out << fmt::format("Identity:    {}\n", who->username.empty() ? "<anonymous>" : who->username);
  if (const std::string session = session_of(who->username); !session.empty()) {
    deps.out << fmt::format("  Session:   {}\n", session);
  }
  if (!who->uid.empty()) {
    deps.out << fmt::format("  UID:       {}\n", who->uid);
  }
  std::string groups;
  for (const auto& g : who->groups) {
    groups += (groups.empty() ? "" : ", ") + g;
  }
  deps.out << fmt::format("  Groups:    {}\n", groups.empty() ? "<none>" : groups);
  deps.out << fmt::format("List nodes:  {}{}\n", can_list ? "yes" : "no",
                          review_note.empty() ? "" : " (" + review_note + ")");
  deps.out << "Connected.\n";
  if (!can_list) {
    deps.err << "note: this identity cannot list nodes; run 'eks-sso doctor' for the access-policy fix\n";
  }
  return 0;
}

}  // namespace eks::cmd
