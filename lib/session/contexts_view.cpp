#include "lib/session/contexts_view.hpp"

namespace eks {
namespace {

std::string or_none(const std::string& s) { return s.empty() ? "<none>" : s; }

std::string auth_text(const AuthSummary& a) {
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

std::vector<std::vector<std::string>> context_rows(const std::vector<ContextEntry>& entries, bool no_headers) {
  std::vector<std::vector<std::string>> rows;
  if (!no_headers) {
    rows.push_back({"CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE", "SERVER", "AUTH", "PROFILE", "REGION",
                    "EKS-CLUSTER", "SSO"});
  }
  for (const auto& e : entries) {
    rows.push_back({e.current ? "*" : "", e.name, e.cluster, e.user, e.namespace_, or_none(e.server),
                    auth_text(e.auth), or_none(e.auth.profile), or_none(e.auth.region),
                    or_none(e.auth.cluster_name), e.sso.text.empty() ? e.sso.state : e.sso.text});
  }
  return rows;
}

}  // namespace eks
