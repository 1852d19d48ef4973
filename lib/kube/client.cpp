#include "lib/kube/client.hpp"

#include <fstream>
#include <sstream>

namespace eks {
namespace {

constexpr int k_max_pages = 10000;

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::config, "unable to read certificate-authority " + path,
                      {"fix the cluster's certificate-authority path in the kubeconfig"});
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string snippet(std::string_view body) {
  std::string text(body.substr(0, 80));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) {
      c = ' ';
    }
  }
  return body.size() > 80 ? text + "..." : text;
}

Error not_json(const std::string& url, const HttpResponse& response) {
  const std::string type = response.header("content-type");
  return make_error(ErrorKind::general,
                    "unexpected answer from " + url + ": the body is not JSON" +
                        (type.empty() ? std::string() : " (Content-Type " + type + ")") + ": \"" +
                        snippet(response.body) + "\"",
                    {"a proxy or captive portal may be answering instead of the Kubernetes API server"});
}

// Parses a 2xx body as a JSON object; nlohmann exceptions stop here.
Result<nlohmann::json> parse_object(const std::string& url, const HttpResponse& response) {
  try {
    nlohmann::json json = nlohmann::json::parse(response.body);
    if (!json.is_object()) {
      return make_error(ErrorKind::general, "unexpected answer from " + url + ": expected a JSON object");
    }
    return json;
  } catch (const nlohmann::json::exception&) {
    return not_json(url, response);
  }
}

std::string string_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) {
    return "";
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings_at(const nlohmann::json& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) {
        out.push_back(item.get<std::string>());
      }
    }
  }
  return out;
}

bool is_success(int status) { return status >= 200 && status < 300; }

// The JSON object of a 2xx answer, or the error for any other status.
Result<nlohmann::json> object_of(const std::string& url, const HttpResponse& response) {
  if (!is_success(response.status)) {
    return error_from_response(response);
  }
  return parse_object(url, response);
}

}  // namespace

Result<KubeClient> KubeClient::create(const Cluster& cluster, KubeCredential credential, HttpClient& http,
                                      KubeClientOptions options) {
  TRY_ASSIGN(UrlParts url, parse_url(cluster.server));
  TlsSettings tls;
  tls.insecure = cluster.insecure_skip_tls_verify;
  tls.server_name = cluster.tls_server_name;
  if (!cluster.certificate_authority_data.empty()) {
    Result<std::string> pem = decode_base64(cluster.certificate_authority_data);
    if (!pem) {
      return make_error(ErrorKind::config,
                        "certificate-authority-data of cluster \"" + cluster.name + "\" is not valid base64",
                        {"copy certificateAuthority.data from aws eks describe-cluster, or run "
                         "aws eks update-kubeconfig again"});
    }
    tls.ca_pem = std::move(*pem);
  } else if (!cluster.certificate_authority.empty()) {
    TRY_ASSIGN(std::string pem, read_file(cluster.certificate_authority));
    tls.ca_pem = std::move(pem);
  }
  std::string server = cluster.server;
  while (!server.empty() && server.back() == '/') {
    server.pop_back();
  }
  return KubeClient(std::move(server), std::move(tls), cluster, std::move(credential), http, std::move(options));
}

KubeClient::KubeClient(std::string server, TlsSettings tls, const Cluster& cluster, KubeCredential credential,
                       HttpClient& http, KubeClientOptions options)
    : m_server(std::move(server)),
      m_tls(std::move(tls)),
      m_proxy_url(cluster.proxy_url),
      m_disable_compression(cluster.disable_compression),
      m_credential(std::move(credential)),
      m_http(&http),
      m_options(std::move(options)) {
  m_https = m_server.size() >= 8 && (m_server.compare(0, 8, "https://") == 0 || m_server.compare(0, 8, "HTTPS://") == 0);
}

HttpRequest KubeClient::build_request(std::string_view method, const std::string& path, std::string_view accept,
                                      const std::string& body) const {
  HttpRequest request;
  request.method = std::string(method);
  request.url = m_server + path;
  request.headers.emplace_back("Accept", std::string(accept));
  if (!body.empty()) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = body;
  }
  request.tls = m_tls;
  // kube.md 1.4: credentials only over TLS.
  if (m_https) {
    if (!m_credential.token.empty()) {
      request.headers.emplace_back("Authorization", "Bearer " + m_credential.token);
    }
    request.tls.client_cert_pem = m_credential.client_cert_pem;
    request.tls.client_key_pem = m_credential.client_key_pem;
  }
  request.proxy_url = m_proxy_url;
  request.disable_compression = m_disable_compression;
  request.timeout = m_options.request_timeout.count() > 0 ? m_options.request_timeout : m_options.default_timeout;
  request.verbosity = m_options.verbosity;
  request.log = m_options.log;
  return request;
}

Result<HttpResponse> KubeClient::round_trip(std::string_view method, const std::string& path,
                                            std::string_view accept, const std::string& body) {
  Result<HttpResponse> response = m_http->send(build_request(method, path, accept, body));
  if (response && response->status == 401 && m_https && m_options.refresh_credential && !m_refreshed) {
    m_refreshed = true;
    TRY_ASSIGN(KubeCredential fresh, m_options.refresh_credential());
    m_credential = std::move(fresh);
    response = m_http->send(build_request(method, path, accept, body));
  }
  if (response) {
    m_last_date = response->date;
  }
  return response;
}

Result<nlohmann::json> KubeClient::request_object(std::string_view method, const std::string& path,
                                                  std::string_view accept, const std::string& body) {
  TRY_ASSIGN(HttpResponse response, round_trip(method, path, accept, body));
  return object_of(m_server + path, response);
}

Result<ServerVersion> KubeClient::get_version() {
  const std::chrono::milliseconds timeout =
      m_options.request_timeout.count() > 0 ? m_options.request_timeout : std::chrono::milliseconds(32000);
  const std::string path = "/version?timeout=" + go_duration(timeout);
  TRY_ASSIGN(nlohmann::json json, request_object("GET", path, "application/json, */*", ""));
  ServerVersion version;
  version.major = string_at(json, "major");
  version.minor = string_at(json, "minor");
  version.git_version = string_at(json, "gitVersion");
  version.platform = string_at(json, "platform");
  version.raw = std::move(json);
  return version;
}

Result<NodeListResult> KubeClient::list_nodes(const ListOptions& options) {
  NodeListResult result;
  std::string continue_token;
  const std::string_view accept = options.want_table ? k_table_accept : std::string_view("application/json");
  for (int page = 0; page < k_max_pages; ++page) {
    const std::string path = nodes_list_path(options, continue_token, m_options.request_timeout);
    const std::string url = m_server + path;
    TRY_ASSIGN(HttpResponse response, round_trip("GET", path, accept, ""));
    TRY_ASSIGN(nlohmann::json json, object_of(url, response));
    const std::string kind = string_at(json, "kind");
    const NodeListKind this_kind = kind == "Table" ? NodeListKind::table : NodeListKind::list;
    const char* array_key = this_kind == NodeListKind::table ? "rows" : "items";
    if (kind != "Table" && !(kind.size() >= 4 && kind.ends_with("List"))) {
      return make_error(ErrorKind::general, "unexpected answer from " + url + ": kind \"" + kind +
                                                "\" is neither a Table nor a NodeList");
    }
    auto items = json.find(array_key);
    if (items != json.end() && !items->is_array() && !items->is_null()) {
      return make_error(ErrorKind::general,
                        "unexpected answer from " + url + ": \"" + array_key + "\" is not a list");
    }
    if (page == 0) {
      result.kind = this_kind;
      result.object = std::move(json);
      if (!result.object.contains(array_key) || result.object[array_key].is_null()) {
        result.object[array_key] = nlohmann::json::array();
      }
    } else if (this_kind != result.kind) {
      return make_error(ErrorKind::general, "unexpected answer from " + url + ": the pages mix Tables and lists");
    } else if (items != json.end() && items->is_array()) {
      for (auto& item : *items) {
        result.object[array_key].push_back(std::move(item));
      }
    }
    result.pages = page + 1;
    const auto metadata = page == 0 ? result.object.find("metadata") : json.find("metadata");
    const auto& meta_owner = page == 0 ? result.object : json;
    continue_token = metadata != meta_owner.end() ? string_at(*metadata, "continue") : "";
    if (continue_token.empty()) {
      if (result.object.contains("metadata") && result.object["metadata"].is_object()) {
        result.object["metadata"].erase("continue");
      }
      return result;
    }
  }
  return make_error(ErrorKind::general, "the server kept returning continue tokens for " + m_server + "/api/v1/nodes");
}

Result<UserInfo> KubeClient::self_subject_review() {
  for (const char* version : {"v1", "v1beta1", "v1alpha1"}) {
    const std::string api_version = std::string("authentication.k8s.io/") + version;
    const std::string path = "/apis/" + api_version + "/selfsubjectreviews";
    const std::string body = R"({"kind":"SelfSubjectReview","apiVersion":")" + api_version +
                             R"(","metadata":{"creationTimestamp":null},"status":{"userInfo":{}}})";
    TRY_ASSIGN(HttpResponse response, round_trip("POST", path, "application/json", body));
    if (response.status == 404) {
      continue;
    }
    if (response.status == 403) {
      return make_error(ErrorKind::forbidden,
                        "the selfsubjectreviews API is not enabled in the cluster or you do not have permission "
                        "to call it");
    }
    TRY_ASSIGN(nlohmann::json json, object_of(m_server + path, response));
    UserInfo info;
    info.api_version = api_version;
    const nlohmann::json* user = nullptr;
    if (auto status = json.find("status"); status != json.end() && status->is_object()) {
      if (auto u = status->find("userInfo"); u != status->end() && u->is_object()) {
        user = &*u;
      }
    }
    if (user != nullptr) {
      info.username = string_at(*user, "username");
      info.uid = string_at(*user, "uid");
      if (auto groups = user->find("groups"); groups != user->end()) {
        info.groups = strings_at(*groups);
      }
      if (auto extra = user->find("extra"); extra != user->end() && extra->is_object()) {
        for (const auto& [key, values] : extra->items()) {
          info.extra[key] = strings_at(values);
        }
      }
    }
    info.raw = std::move(json);
    return info;
  }
  return make_error(ErrorKind::general, "the selfsubjectreviews API is not enabled in the cluster",
                    {"enable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or "
                     "authentication.k8s.io/v1beta1 API"});
}

Result<AccessReview> KubeClient::can_i(std::string_view verb, std::string_view resource, std::string_view namespace_,
                                       std::string_view group) {
  // Key order as kubectl's typed object: namespace, verb, group, resource.
  nlohmann::ordered_json attributes = nlohmann::ordered_json::object();
  if (!namespace_.empty()) {
    attributes["namespace"] = std::string(namespace_);
  }
  attributes["verb"] = std::string(verb);
  if (!group.empty()) {
    attributes["group"] = std::string(group);
  }
  attributes["resource"] = std::string(resource);
  nlohmann::ordered_json body = {{"kind", "SelfSubjectAccessReview"},
                                 {"apiVersion", "authorization.k8s.io/v1"},
                                 {"metadata", {{"creationTimestamp", nullptr}}},
                                 {"spec", {{"resourceAttributes", attributes}}},
                                 {"status", {{"allowed", false}}}};
  const std::string path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
  TRY_ASSIGN(nlohmann::json json, request_object("POST", path, "application/json", body.dump()));
  AccessReview review;
  if (auto status = json.find("status"); status != json.end() && status->is_object()) {
    review.allowed = status->value("allowed", nlohmann::json(false)).is_boolean() && status->value("allowed", false);
    const auto denied = status->find("denied");
    review.denied = denied != status->end() && denied->is_boolean() && denied->get<bool>();
    review.reason = string_at(*status, "reason");
    review.evaluation_error = string_at(*status, "evaluationError");
  }
  return review;
}

}  // namespace eks
