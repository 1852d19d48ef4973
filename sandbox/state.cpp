#include "sandbox/state.hpp"

#include <fstream>
#include <sstream>

#include "sandbox/identity.hpp"

namespace sandbox {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const std::vector<Rule> k_all = {{{"*"}, {"*"}}};

ordered_json rules_to_json(const std::vector<Rule>& rules) {
  ordered_json out = ordered_json::array();
  for (const auto& r : rules) {
    out.push_back({{"verbs", r.verbs}, {"resources", r.resources}});
  }
  return out;
}

std::vector<Rule> rules_from_json(const json& j) {
  std::vector<Rule> out;
  for (const auto& r : j) {
    out.push_back({r.value("verbs", std::vector<std::string>{}),
                   r.value("resources", std::vector<std::string>{})});
  }
  return out;
}

}  // namespace

std::string cluster_arn(const State& s) {
  return "arn:aws:eks:" + s.region + ":" + s.account_id + ":cluster/" + s.cluster_name;
}

State default_state() {
  State s;
  s.profiles = {
      {"sandbox-admin", "sandbox-admin", "sso-session", "EKSClusterAdmin",
       "sso-session profile; access entry with AmazonEKSClusterAdminPolicy: allowed everything"},
      {"sandbox-legacy", "sandbox-legacy", "legacy", "EKSClusterAdmin",
       "legacy SSO profile (sso_start_url in the profile); same role as sandbox-admin"},
      {"sandbox-noentry", "sandbox-noentry", "sso-session", "EKSDeveloper",
       "SSO role without an access entry: every request is 401"},
      {"sandbox-viewer", "sandbox-forbidden", "sso-session", "EKSNamespaceViewer",
       "access entry without node permissions: listing nodes is 403"},
      {"sandbox-static", "sandbox-static", "static", "",
       "static IAM user keys in home/.aws/credentials; access entry may view nodes"},
  };
  const auto role_arn = [&](std::string_view ps) {
    return sso_role_iam_arn(s.account_id, s.sso_region, sso_role_name(s.account_id, ps));
  };
  const auto role_user = [&](std::string_view ps) {
    return "arn:aws:sts::" + s.account_id + ":assumed-role/" + sso_role_name(s.account_id, ps) +
           "/{{SessionName}}";
  };
  s.iam_users = {{"arn:aws:iam::" + s.account_id + ":user/" + std::string(k_static_user_name),
                  std::string(k_static_user_id), std::string(k_static_access_key_id),
                  std::string(k_static_secret_key)}};
  s.access_entries = {
      {role_arn("EKSClusterAdmin"), role_user("EKSClusterAdmin"), {},
       {"arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"}, k_all},
      {role_arn("EKSNamespaceViewer"), role_user("EKSNamespaceViewer"), {},
       {"arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"},
       {{{"get", "list", "watch"}, {"pods", "services", "configmaps", "deployments"}}}},
      {s.iam_users[0].arn, s.iam_users[0].arn, {},
       {"arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy"},
       {{{"get", "list", "watch"}, {"*"}}}},
  };
  s.static_tokens = {{"sandbox-static-token", "sandbox:static-admin", {"system:masters"}, k_all}};
  return s;
}

ordered_json state_to_json(const State& s) {
  ordered_json j;
  j["cluster"] = {{"name", s.cluster_name}, {"region", s.region}, {"accountId", s.account_id},
                  {"arn", cluster_arn(s)}, {"gitVersion", s.git_version}};
  j["port"] = s.port;
  j["sso"] = {{"startUrl", s.sso_start_url}, {"region", s.sso_region}, {"session", s.sso_session}};
  j["profiles"] = ordered_json::array();
  for (const auto& p : s.profiles) {
    ordered_json o = {{"name", p.name}, {"context", p.context}, {"kind", p.kind}};
    if (!p.permission_set.empty()) {
      o["permissionSet"] = p.permission_set;
      o["roleName"] = sso_role_name(s.account_id, p.permission_set);
    }
    o["purpose"] = p.purpose;
    j["profiles"].push_back(o);
  }
  j["iamUsers"] = ordered_json::array();
  for (const auto& u : s.iam_users) {
    j["iamUsers"].push_back({{"arn", u.arn}, {"userId", u.user_id}, {"accessKeyId", u.access_key_id},
                             {"secretAccessKey", u.secret_access_key}});
  }
  j["accessEntries"] = ordered_json::array();
  for (const auto& e : s.access_entries) {
    j["accessEntries"].push_back({{"principalArn", e.principal_arn}, {"username", e.username},
                                  {"kubernetesGroups", e.groups},
                                  {"accessPolicies", e.access_policies},
                                  {"rules", rules_to_json(e.rules)},
                                  {"scopes", ordered_json(e.scopes)},
                                  {"createdAt", e.created_at}});
  }
  j["staticTokens"] = ordered_json::array();
  for (const auto& t : s.static_tokens) {
    j["staticTokens"].push_back({{"token", t.token}, {"username", t.username}, {"groups", t.groups},
                                 {"rules", rules_to_json(t.rules)}});
  }
  j["timeAnchor"] = s.time_anchor;
  j["faults"] = {{"hang", s.faults.hang}, {"status500", s.faults.status500},
                 {"plainNodeList", s.faults.plain_node_list}, {"delayMs", s.faults.delay_ms}};
  j["nodes"] = ordered_json(s.nodes);
  j["admin"] = ordered_json(s.admin);
  return j;
}

eks::Result<State> state_from_json(const json& j) {
  try {
    State s;
    const auto& c = j.at("cluster");
    s.cluster_name = c.at("name").get<std::string>();
    s.region = c.at("region").get<std::string>();
    s.account_id = c.at("accountId").get<std::string>();
    s.git_version = c.value("gitVersion", s.git_version);
    s.port = j.value("port", 0);
    if (j.contains("sso")) {
      s.sso_start_url = j["sso"].value("startUrl", s.sso_start_url);
      s.sso_region = j["sso"].value("region", s.sso_region);
      s.sso_session = j["sso"].value("session", s.sso_session);
    }
    for (const auto& p : j.value("profiles", json::array())) {
      s.profiles.push_back({p.at("name").get<std::string>(), p.value("context", ""),
                            p.value("kind", "sso-session"), p.value("permissionSet", ""),
                            p.value("purpose", "")});
    }
    for (const auto& u : j.value("iamUsers", json::array())) {
      s.iam_users.push_back({u.at("arn").get<std::string>(), u.value("userId", ""),
                             u.at("accessKeyId").get<std::string>(),
                             u.at("secretAccessKey").get<std::string>()});
    }
    for (const auto& e : j.value("accessEntries", json::array())) {
      s.access_entries.push_back({e.at("principalArn").get<std::string>(), e.value("username", ""),
                                  e.value("kubernetesGroups", std::vector<std::string>{}),
                                  e.value("accessPolicies", std::vector<std::string>{}),
                                  rules_from_json(e.value("rules", json::array())),
                                  e.value("scopes", json::object()), e.value("createdAt", 1735689600LL)});
    }
    for (const auto& t : j.value("staticTokens", json::array())) {
      s.static_tokens.push_back({t.at("token").get<std::string>(), t.value("username", ""),
                                 t.value("groups", std::vector<std::string>{}),
                                 rules_from_json(t.value("rules", json::array()))});
    }
    s.time_anchor = j.value("timeAnchor", "request");
    const json faults = j.value("faults", json::object());
    s.faults.hang = faults.value("hang", false);
    s.faults.status500 = faults.value("status500", false);
    s.faults.plain_node_list = faults.value("plainNodeList", false);
    s.faults.delay_ms = faults.value("delayMs", 0);
    s.nodes = j.value("nodes", json::array());
    s.admin = j.value("admin", json::object());
    if (!s.nodes.is_array()) {
      return eks::make_error(eks::ErrorKind::config, "state \"nodes\" must be an array");
    }
    return s;
  } catch (const json::exception& e) {
    return eks::make_error(eks::ErrorKind::config, std::string("invalid state: ") + e.what());
  }
}

eks::Result<State> load_state(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return eks::make_error(eks::ErrorKind::config, "cannot read \"" + file.string() + "\"",
                           {"run: eks-sso-sandbox init DIR"});
  }
  std::stringstream buf;
  buf << in.rdbuf();
  const json j = json::parse(buf.str(), nullptr, false);
  if (j.is_discarded()) {
    return eks::make_error(eks::ErrorKind::config, "\"" + file.string() + "\" is not valid JSON");
  }
  return state_from_json(j);
}

eks::Status save_state(const std::filesystem::path& file, const State& s) {
  const std::filesystem::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) {
      return eks::make_error(eks::ErrorKind::config, "cannot write \"" + tmp.string() + "\"");
    }
    out << state_to_json(s).dump(2) << "\n";
  }
  std::error_code ec;
  std::filesystem::rename(tmp, file, ec);
  if (ec) {
    return eks::make_error(eks::ErrorKind::config, "cannot write \"" + file.string() + "\": " + ec.message());
  }
  return eks::Ok{};
}

}  // namespace sandbox
