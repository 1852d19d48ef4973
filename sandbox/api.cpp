#include "sandbox/api.hpp"
#include <cctype>
#include <optional>

#include "sandbox/authn.hpp"
#include "sandbox/discovery.hpp"
#include "sandbox/encoding.hpp"
#include "sandbox/nodes.hpp"
#include "sandbox/reviews.hpp"

namespace sandbox {
namespace {

using nlohmann::ordered_json;

constexpr std::string_view k_nodes_path = "/api/v1/nodes";
constexpr std::string_view k_ssr_path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
constexpr std::string_view k_ssar_path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

ApiResponse json_response(int code, const ordered_json& body) {
  ApiResponse r;
  r.status = code;
  r.body = body.dump() + "\n";
  return r;
}

ApiResponse unauthorized() { return status_response(401, "Unauthorized", "Unauthorized"); }

// apimachinery NewForbidden (kube.md 4.6).
ApiResponse forbidden(const UserInfo& user, const std::string& verb, const std::string& name) {
  const std::string subject = name.empty() ? "nodes" : "nodes \"" + name + "\"";
  ordered_json details = {{"kind", "nodes"}};
  if (!name.empty()) {
    details = {{"name", name}, {"kind", "nodes"}};
  }
  return status_response(403, "Forbidden",
                         subject + " is forbidden: User \"" + user.username + "\" cannot " + verb +
                             " resource \"nodes\" in API group \"\" at the cluster scope",
                         details);
}

ApiResponse forbidden_path(const UserInfo& user, const std::string& method, const std::string& path) {
  return status_response(403, "Forbidden",
                         "forbidden: User \"" + user.username + "\" cannot " + method + " path \"" + path + "\"",
                         ordered_json::object());
}

bool wants_table(const std::string& accept) { return accept.find("as=Table") != std::string::npos; }

std::string query_value(const ApiRequest& req, const std::string& key) {
  const auto it = req.query.find(key);
  return it == req.query.end() ? "" : it->second;
}

IncludeObject include_object(const ApiRequest& req) {
  const std::string v = query_value(req, "includeObject");
  if (v == "None") {
    return IncludeObject::none;
  }
  return v == "Object" ? IncludeObject::object : IncludeObject::metadata;
}

ApiResponse list_nodes(const State& state, const ApiRequest& req, eks::TimePoint now) {
  auto selector = parse_label_selector(query_value(req, "labelSelector"));
  if (!selector) {
    return status_response(400, "BadRequest", selector.error().message);
  }
  const std::string field = query_value(req, "fieldSelector");
  std::string field_name;
  if (!field.empty()) {
    constexpr std::string_view k_name_field = "metadata.name=";
    if (field.rfind(k_name_field, 0) != 0) {
      return status_response(400, "BadRequest",
                             "\"" + field + "\" is not a known field selector: only \"metadata.name\"");
    }
    field_name = field.substr(k_name_field.size());
  }
  std::vector<ordered_json> matching;
  for (const auto& spec : state.nodes) {
    ordered_json node = build_node(spec, now, state.region);
    if (selector_matches(*selector, node) &&
        (field_name.empty() || node["metadata"].value("name", "") == field_name)) {
      matching.push_back(std::move(node));
    }
  }
  // limit/continue paging: the continue token is the base64url offset.
  size_t offset = 0;
  if (const std::string cont = query_value(req, "continue"); !cont.empty()) {
    const auto decoded = base64url_decode(cont);
    if (!decoded || decoded->empty() || decoded->find_first_not_of("0123456789") != std::string::npos ||
        decoded->size() > 9) {
      return status_response(400, "BadRequest", "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
    }
    offset = std::stoul(*decoded);
  }
  size_t limit = 0;
  if (const std::string l = query_value(req, "limit"); !l.empty() && l.size() < 9 &&
                                                        l.find_first_not_of("0123456789") == std::string::npos) {
    limit = std::stoul(l);
  }
  offset = std::min(offset, matching.size());
  const size_t end = limit == 0 ? matching.size() : std::min(matching.size(), offset + limit);
  std::vector<ordered_json> page(matching.begin() + static_cast<long>(offset), matching.begin() + static_cast<long>(end));
  ordered_json meta = {{"resourceVersion", "987654"}};
  if (end < matching.size()) {
    meta["continue"] = base64url_nopad_encode(std::to_string(end));
    meta["remainingItemCount"] = matching.size() - end;
  }
  if (wants_table(req.accept) && !state.faults.plain_node_list) {
    return json_response(200, node_table(page, meta, now, include_object(req)));
  }
  ordered_json items = ordered_json::array();
  for (auto& n : page) {
    items.push_back(std::move(n));
  }
  return json_response(200, {{"kind", "NodeList"}, {"apiVersion", "v1"}, {"metadata", meta}, {"items", items}});
}

ApiResponse get_node(const State& state, const ApiRequest& req, const std::string& name, eks::TimePoint now) {
  for (const auto& spec : state.nodes) {
    ordered_json node = build_node(spec, now, state.region);
    if (node["metadata"].value("name", "") != name) {
      continue;
    }
    if (wants_table(req.accept) && !state.faults.plain_node_list) {
      return json_response(200, node_table({node}, {{"resourceVersion", "987654"}}, now, include_object(req)));
    }
    ordered_json full = {{"kind", "Node"}, {"apiVersion", "v1"}};
    for (const auto& [k, v] : node.items()) {
      full[k] = v;
    }
    return json_response(200, full);
  }
  return status_response(404, "NotFound", "nodes \"" + name + "\" not found", {{"name", name}, {"kind", "nodes"}});
}

ApiResponse access_review(const UserInfo& user, const ApiRequest& req) {
  const auto attrs = parse_ssar_body(req.body, req.content_type);
  if (!attrs) {
    return status_response(400, "BadRequest", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
  }
  const std::string resource = attrs->non_resource_path.empty() ? attrs->resource : attrs->non_resource_path;
  const bool allowed = is_allowed(user, attrs->verb, resource);
  std::string reason;
  if (allowed && user.extra.count("arn") != 0) {
    reason = "EKS Access Policy: allowed by ClusterRoleBinding for User \"" + user.username + "\"";
  }
  return json_response(201, ssar_response(*attrs, allowed, reason));
}

}  // namespace

ApiResponse status_response(int code, const std::string& reason, const std::string& message,
                            const ordered_json& details) {
  ordered_json body = {{"kind", "Status"},   {"apiVersion", "v1"}, {"metadata", ordered_json::object()},
                       {"status", "Failure"}, {"message", message}, {"reason", reason}};
  if (!details.is_null()) {
    body["details"] = details;
  }
  body["code"] = code;
  return json_response(code, body);
}

// kube-apiserver's impersonation filter (apiserver/pkg/endpoints/filters/impersonation.go): the
// caller must be allowed to "impersonate" users (and groups, uids, userextras); the request then
// runs as the impersonated user, with system:authenticated added. The sandbox gives an
// impersonated user the rules of system:masters when it is in that group, none otherwise.
namespace {

// url.PathUnescape for an Impersonate-Extra- key (a bad escape is kept as written).
std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) != 0 &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) != 0) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

static std::optional<ApiResponse> apply_impersonation(UserInfo& user, const ApiRequest& req) {
  if (req.impersonate.empty()) {
    return std::nullopt;
  }
  UserInfo as;
  bool has_user = false;
  for (const auto& [name, value] : req.impersonate) {
    if (name == "impersonate-user") {
      as.username = value;
      has_user = true;
    } else if (name == "impersonate-uid") {
      as.uid = value;
    } else if (name == "impersonate-group") {
      as.groups.push_back(value);
    } else if (name.rfind("impersonate-extra-", 0) == 0) {
      as.extra[percent_decode(name.substr(18))].push_back(value);
    }
  }
  if (!has_user) {
    return status_response(500, "InternalError",
                           "Internal error occurred: requested [" + req.impersonate.front().first +
                               "] without impersonating a user");
  }
  if (!is_allowed(user, "impersonate", "users")) {
    return status_response(403, "Forbidden",
                           "users \"" + as.username + "\" is forbidden: User \"" + user.username +
                               "\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope",
                           {{"name", as.username}, {"kind", "users"}});
  }
  bool add_authenticated = true;
  for (const auto& g : as.groups) {
    if (g == "system:authenticated" || g == "system:unauthenticated") {
      add_authenticated = false;
    }
  }
  if (add_authenticated && as.username != "system:anonymous") {
    as.groups.emplace_back("system:authenticated");
  }
  for (const auto& g : as.groups) {
    if (g == "system:masters") {
      as.rules.push_back(Rule{{"*"}, {"*"}});
    }
  }
  user = std::move(as);
  return std::nullopt;
}

ApiResponse handle_api(const State& state, const ApiRequest& req, eks::TimePoint now) {
  const std::string& path = req.path;
  if (path == "/healthz" || path == "/livez" || path == "/readyz") {
    ApiResponse ok;
    ok.content_type = "text/plain; charset=utf-8";
    ok.body = "ok";
    return ok;
  }
  const AuthResult auth = authenticate(state, req.authorization, now);
  if (auth.outcome == AuthOutcome::unauthorized) {
    ApiResponse r = unauthorized();
    r.note = "401: " + auth.reason;
    return r;
  }
  UserInfo user = auth.user;
  const std::string authenticated = user.username;
  std::optional<ApiResponse> refused = apply_impersonation(user, req);
  const std::string note = req.impersonate.empty() ? "user=" + user.username
                                                   : "user=" + authenticated + " as=" + user.username;
  const auto with_note = [&](ApiResponse r) {
    r.note = note;
    return r;
  };
  if (refused) {
    return with_note(*refused);
  }
  if (req.method == "GET" && path == "/version") {
    return with_note(json_response(200, version_document(state.git_version)));
  }
  if (auth.outcome == AuthOutcome::anonymous) {
    return with_note(forbidden_path(user, req.method == "GET" ? "get" : "post", path));
  }
  if (req.method == "GET") {
    if (const auto doc = discovery_document(path)) {
      return with_note(json_response(200, *doc));
    }
    if (path == k_nodes_path || path.rfind(std::string(k_nodes_path) + "/", 0) == 0) {
      const std::string name = path.size() > k_nodes_path.size() ? path.substr(k_nodes_path.size() + 1) : "";
      if (name.find('/') != std::string::npos) {
        return with_note(status_response(404, "NotFound", "the server could not find the requested resource"));
      }
      const std::string verb = name.empty() ? (query_value(req, "watch") == "true" ? "watch" : "list") : "get";
      if (!is_allowed(user, verb, "nodes")) {
        return with_note(forbidden(user, verb, name));
      }
      if (state.faults.status500) {
        return with_note(status_response(500, "InternalError", "Internal error occurred: etcdserver: request timed out",
                                         {{"causes", ordered_json::array({{{"message", "etcdserver: request timed out"}}})}}));
      }
      return with_note(name.empty() ? list_nodes(state, req, now) : get_node(state, req, name, now));
    }
  }
  if (req.method == "POST" && path == k_ssr_path) {
    return with_note(json_response(201, ssr_response(user)));
  }
  if (req.method == "POST" && path == k_ssar_path) {
    return with_note(access_review(user, req));
  }
  ApiResponse not_found;
  not_found.status = 404;
  not_found.content_type = "text/plain; charset=utf-8";
  not_found.body = "404 page not found\n";
  return with_note(not_found);
}

}  // namespace sandbox
