// A small Kubernetes API client for the calls eks-sso makes, with kubectl 1.32's exact requests
// (docs/spec/kube.md sections 4.1, 5, 6) and its error texts (4.6):
//   GET  /version?timeout=32s                                   get_version()
//   GET  /api/v1/nodes?limit=500 (Table Accept for human output) list_nodes()
//   POST /apis/authentication.k8s.io/v1/selfsubjectreviews      self_subject_review()
//   POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews can_i()
//
// Credentials (bearer token, basic auth, client certificate) are sent only to https servers
// (kube.md 1.4); the Impersonate-* headers go on every request (impersonation.hpp).
// A 401 calls refresh_credential once per client (the caller re-runs the exec plugin) and
// retries that request once: eks-sso's choice, kubectl does not retry.
// Errors: 401 -> unauthorized "You must be logged in to the server (<message>)";
// 403 -> forbidden "Error from server (Forbidden): <message>"; other statuses -> general
// "Error from server (<Reason>): <message>"; transport failures come from HttpClient.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/os/http.hpp"
#include "lib/kube/impersonation.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/util/result.hpp"
#include "lib/util/timefmt.hpp"  // go_duration (the ?timeout= value)

namespace eks {

struct KubeCredential {
  std::string token;            // "Authorization: Bearer <token>" when non-empty
  std::string client_cert_pem;  // TLS client certificate, with client_key_pem
  std::string client_key_pem;
  // Basic auth (kubeconfig username/password): "Authorization: Basic base64(user:password)".
  std::string username;
  std::string password;  // secret
};

using RefreshCredential = std::function<Result<KubeCredential>()>;

struct KubeClientOptions {
  // --request-timeout: sent as the server-side "timeout=" parameter (list, version) and used as
  // the transport limit. 0 means the flag was not given.
  std::chrono::milliseconds request_timeout{0};
  // The transport limit per request when request_timeout is 0.
  std::chrono::milliseconds default_timeout{10000};
  int verbosity = 0;
  HttpLogger log;
  RefreshCredential refresh_credential;  // optional
  // The user's as/as-uid/as-groups/as-user-extra: Impersonate-* headers on every request.
  Impersonation impersonation;
};

struct ServerVersion {
  std::string major;
  std::string minor;         // "30+" on EKS
  std::string git_version;   // "v1.30.4-eks-a737599": use this one
  std::string platform;
  nlohmann::json raw;
};

struct ListOptions {
  std::string label_selector;
  std::string field_selector;
  bool want_table = true;  // human output: the Table Accept header; json/yaml/name: application/json
  int chunk_size = 500;    // limit=; 0 means no limit
};

enum class NodeListKind { table, list };

struct NodeListResult {
  NodeListKind kind = NodeListKind::table;
  // The Table (rows of all pages) or the NodeList (items of all pages), as the server sent it.
  nlohmann::json object;
  int pages = 0;
};

struct UserInfo {
  std::string username;
  std::string uid;
  std::vector<std::string> groups;
  std::map<std::string, std::vector<std::string>> extra;  // sorted keys, as kubectl prints them
  std::string api_version;  // the SelfSubjectReview version that answered
  nlohmann::json raw;       // the whole response object

  // The first value of extra[key], "" when absent.
  [[nodiscard]] std::string first_extra(const std::string& key) const;
  // The AWS session name: extra.sessionName as EKS sends it (raw, "jane@example.com";
  // docs/spec/eks.md 4), else the session of an assumed-role ARN in extra.arn, else in the
  // username (where EKS has replaced "@" with "-"); "" when there is none.
  [[nodiscard]] std::string session_name() const;
};

struct AccessReview {
  bool allowed = false;
  bool denied = false;
  std::string reason;
  std::string evaluation_error;
};

class KubeClient {
 public:
  // Reads the cluster's certificate-authority file or decodes certificate-authority-data.
  [[nodiscard]] static Result<KubeClient> create(const Cluster& cluster, KubeCredential credential,
                                                 HttpClient& http, KubeClientOptions options = {});

  // True when the server is https: only then are the token and client certificate used.
  [[nodiscard]] bool sends_credentials() const { return m_https; }

  [[nodiscard]] Result<ServerVersion> get_version();
  [[nodiscard]] Result<NodeListResult> list_nodes(const ListOptions& options);
  // v1, then v1beta1 and v1alpha1 on 404, as kubectl auth whoami.
  [[nodiscard]] Result<UserInfo> self_subject_review();
  // SelfSubjectAccessReview; namespace "default" as kubectl sends it for nodes ("" omits it).
  [[nodiscard]] Result<AccessReview> can_i(std::string_view verb, std::string_view resource,
                                           std::string_view namespace_ = "default", std::string_view group = "");

  // The Date header of the last response ("" when none): lets callers check clock skew.
  [[nodiscard]] const std::string& last_date() const { return m_last_date; }

 private:
  KubeClient(std::string server, TlsSettings tls, const Cluster& cluster, KubeCredential credential,
             HttpClient& http, KubeClientOptions options);
  [[nodiscard]] Result<HttpResponse> round_trip(std::string_view method, const std::string& path,
                                                std::string_view accept, const std::string& body);
  // round_trip, then the JSON object of a 2xx answer or the error for the status.
  [[nodiscard]] Result<nlohmann::json> request_object(std::string_view method, const std::string& path,
                                                      std::string_view accept, const std::string& body);
  [[nodiscard]] HttpRequest build_request(std::string_view method, const std::string& path, std::string_view accept,
                                          const std::string& body) const;

  std::string m_server;  // without a trailing '/'
  bool m_https = false;
  TlsSettings m_tls;
  std::string m_proxy_url;
  bool m_disable_compression = false;
  KubeCredential m_credential;
  HttpClient* m_http;
  KubeClientOptions m_options;
  bool m_refreshed = false;
  std::string m_last_date;
};

// ---- pure helpers (exposed for tests and for other commands) ----

inline constexpr std::string_view k_table_accept =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
    "application/json";

// Go's url.QueryEscape ("kubernetes.io/os=linux" -> "kubernetes.io%2Fos%3Dlinux", ' ' -> '+').
[[nodiscard]] std::string query_escape(std::string_view text);

// "/api/v1/nodes?continue=..&fieldSelector=..&labelSelector=..&limit=500&timeout=5s" (keys sorted).
[[nodiscard]] std::string nodes_list_path(const ListOptions& options, std::string_view continue_token,
                                          std::chrono::milliseconds request_timeout);

// The error for a non-2xx response, decoding a metav1.Status body when there is one.
[[nodiscard]] Error error_from_response(int status, std::string_view body);
// The same for a whole response; a redirect (3xx, never followed: the credential would go along)
// also names its Location in a hint.
[[nodiscard]] Error error_from_response(const HttpResponse& response);

// Standard base64 (certificate-authority-data, client-*-data); whitespace is ignored.
[[nodiscard]] Result<std::string> decode_base64(std::string_view text);

}  // namespace eks
