#include "lib/session/contexts_view.hpp"

#include "lib/kube/exec_plugin.hpp"
#include "lib/session/wrapper.hpp"

namespace eks {
namespace {

std::string or_none(const std::string& s) { return s.empty() ? "<none>" : s; }

std::string auth_text(const AuthSummary& a) {
  if (!a.wrapped_context.empty()) {
    return "eks-sso credential → " + (a.type == "exec" ? "exec: " + a.command : a.type);
  }
  if (a.type == "exec") {
    return "exec: " + a.command;
  }
  return a.type;
}

}  // namespace

std::vector<ContextEntry> list_contexts(const Kubeconfig& config, const Env& env) {
  std::vector<ContextEntry> out;
  for (const auto& [name, ctx] : config.contexts) {  // std::map: sorted by name
    ContextEntry e;
    e.name = name;
    e.current = !config.current_context.empty() && name == config.current_context;
    e.cluster = ctx.cluster;
    e.user = ctx.user;
    e.namespace_ = ctx.namespace_;
    e.origin = ctx.origin.string();
    if (const auto cl = config.clusters.find(ctx.cluster); cl != config.clusters.end()) {
      e.server = cl->second.server;
    }
    if (const auto us = config.users.find(ctx.user); us != config.users.end()) {
      e.auth = summarize_auth(us->second, env);
      e.auth_user = &us->second;
      e.auth_env = env;
      if (us->second.exec) {
        e.plugin_env = plugin_environment(*us->second.exec, env);
      }
    } else {
      e.auth.type = "none";
    }
    if (e.auth.plugin != PluginKind::aws_cli && e.auth.plugin != PluginKind::aws_iam_authenticator) {
      e.sso.state = "not-sso";
      e.sso.text = "not SSO";
    }
    out.push_back(std::move(e));
  }
  return out;
}

void follow_wrapper_entries(std::vector<ContextEntry>& entries, const std::shared_ptr<const Kubeconfig>& config,
                            const KubeconfigSources& sources, const Env& env) {
  for (auto& e : entries) {
    const auto us = config->users.find(e.user);
    if (us == config->users.end() || !us->second.exec || !parse_wrapper(*us->second.exec)) {
      continue;
    }
    auto wrapped = follow_wrapper(*us->second.exec, e.user, config, sources, env);
    if (!wrapped) {
      e.sso.state = "unknown";
      e.sso.text = "unknown (wrapper: " + wrapped.error().message + ")";
      continue;
    }
    e.auth = summarize_auth(*wrapped->user, wrapped->env);
    e.auth_user = wrapped->user;
    e.auth_env = wrapped->env;
    e.keep = wrapped->config;
    e.auth.wrapped_context = wrapped->context;
    e.auth.wrapped_user = wrapped->user->name;
    e.plugin_env.reset();
    if (wrapped->user->exec) {
      e.plugin_env = plugin_environment(*wrapped->user->exec, wrapped->env);
    }
    const bool aws = e.auth.plugin == PluginKind::aws_cli || e.auth.plugin == PluginKind::aws_iam_authenticator;
    e.sso = SsoColumn{};
    if (!aws) {
      e.sso.state = "not-sso";
      e.sso.text = "not SSO";
    }
  }
}

nlohmann::json context_to_json(const ContextEntry& e) {
  nlohmann::json auth = {{"type", e.auth.type}};
  if (e.auth.type == "exec") {
    auth["command"] = e.auth.command;
    auth["args"] = e.auth.args;
  }
  if (!e.auth.profile.empty()) {
    auth["profile"] = e.auth.profile;
    auth["profileSource"] = e.auth.profile_source;
  }
  if (!e.auth.region.empty()) {
    auth["region"] = e.auth.region;
  }
  if (!e.auth.cluster_name.empty()) {
    auth["clusterName"] = e.auth.cluster_name;
  }
  if (!e.auth.wrapped_context.empty()) {
    auth["wraps"] = {{"context", e.auth.wrapped_context}, {"user", e.auth.wrapped_user}};
  }
  nlohmann::json sso = {{"state", e.sso.state}};
  if (!e.sso.expires_at.empty()) {
    sso["expiresAt"] = e.sso.expires_at;
  }
  if (!e.sso.start_url.empty()) {
    sso["startUrl"] = e.sso.start_url;
  }
  if (!e.sso.session.empty()) {
    sso["session"] = e.sso.session;
  }
  if (!e.sso.profile.empty()) {
    sso["profile"] = e.sso.profile;
  }
  if (!e.sso.via.empty()) {
    sso["via"] = e.sso.via;
  }
  if (e.sso.state != "not-sso") {
    sso["loginRequired"] = e.sso.login_required;
  }
  if (!e.sso.reason.empty()) {
    sso["reason"] = e.sso.reason;
  }
  return {{"name", e.name},           {"current", e.current}, {"cluster", e.cluster}, {"user", e.user},
          {"namespace", e.namespace_}, {"server", e.server},   {"auth", auth},         {"sso", sso},
          {"origin", e.origin}};
}

std::vector<std::vector<std::string>> context_rows(const std::vector<ContextEntry>& entries, bool no_headers,
                                                   bool wide) {
  std::vector<std::vector<std::string>> rows;
  if (!no_headers) {
    rows.push_back(wide ? std::vector<std::string>{"CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE", "SERVER",
                                                   "AUTH", "PROFILE", "REGION", "EKS-CLUSTER", "SSO"}
                        : std::vector<std::string>{"CURRENT", "NAME", "PROFILE", "REGION", "SSO"});
  }
  for (const auto& e : entries) {
    const std::string sso = e.sso.text.empty() ? e.sso.state : e.sso.text;
    if (wide) {
      rows.push_back({e.current ? "*" : "", e.name, e.cluster, e.user, e.namespace_, or_none(e.server),
                      auth_text(e.auth), or_none(e.auth.profile), or_none(e.auth.region),
                      or_none(e.auth.cluster_name), sso});
    } else {
      rows.push_back({e.current ? "*" : "", e.name, or_none(e.auth.profile), or_none(e.auth.region), sso});
    }
  }
  return rows;
}

std::vector<size_t> context_shrinkable_columns(bool wide) {
  return wide ? std::vector<size_t>{1, 2, 3, 5, 6, 7, 9} : std::vector<size_t>{1, 2};
}

}  // namespace eks
