// The HTTP boundary: one request in, one response (any status) or a classified transport error
// out. HttpClient is the OS boundary that tests replace; CurlHttpClient is the real one (libcurl).
//
// Transport failures are ErrorKind::unreachable with the URL and the reason (DNS, refused,
// timeout, unknown CA, name mismatch, TLS handshake); a bad CA or client certificate is
// ErrorKind::config. HTTP statuses are never errors here: the caller interprets them.
// Secrets: an Authorization header value never reaches a log line (see mask_header_value).
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lib/util/env.hpp"
#include "lib/util/result.hpp"

namespace eks {

struct TlsSettings {
  std::string ca_pem;           // PEM bytes (file or decoded *-data); empty: system roots
  bool insecure = false;        // insecure-skip-tls-verify
  std::string server_name;      // tls-server-name: SNI and the name the certificate must match
  std::string client_cert_pem;  // client certificate (PEM), with client_key_pem
  std::string client_key_pem;
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Receives diagnostic lines (no trailing newline). Never sees a token.
using HttpLogger = std::function<void(std::string_view line)>;

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  HttpHeaders headers;
  std::string body;
  TlsSettings tls;
  std::string proxy_url;  // kubeconfig proxy-url; wins over HTTPS_PROXY/HTTP_PROXY
  std::chrono::milliseconds timeout{0};  // whole request; 0 = no limit
  bool disable_compression = false;      // no "Accept-Encoding: gzip"
  // >= 6: one line (method, URL, status, time) after the response; >= 8: the request line, then
  // the request headers (Authorization masked), the status, response headers and body (verbose_body)
  int verbosity = 0;
  HttpLogger log;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lowercased; repeats joined with ", "
  std::string body;
  std::string date;  // the Date header as sent ("" when absent)

  // The header value or "" (name is case-insensitive).
  [[nodiscard]] std::string header(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  [[nodiscard]] virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

inline constexpr std::size_t k_default_max_body_bytes = 64u * 1024u * 1024u;

// libcurl. Proxies come only from the Env snapshot given here and the request's proxy_url; curl
// never reads the process environment. When *interrupted becomes true (Ctrl-C) a request in flight
// stops within about 100 ms (libcurl's progress callback) and send() returns
// ErrorKind::interrupted "interrupted", never a timeout.
class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(Env env, std::size_t max_body_bytes = k_default_max_body_bytes,
                          const std::atomic<bool>* interrupted = nullptr);
  ~CurlHttpClient() override;
  CurlHttpClient(const CurlHttpClient&) = delete;
  CurlHttpClient& operator=(const CurlHttpClient&) = delete;

  [[nodiscard]] Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  Env m_env;
  std::size_t m_max_body_bytes;
  const std::atomic<bool>* m_interrupted;
  // Idle libcurl easy handles (CURL*): the next request to the same server reuses the handle's
  // open connection and TLS session instead of a new handshake (libcurl reuses a connection only
  // when the TLS settings, CA and client certificate included, are the same). Guarded by
  // m_mutex: doctor --all-contexts sends from several threads.
  std::mutex m_mutex;
  std::vector<void*> m_idle;
};

// The parts of a URL we need (via libcurl's URL parser). Host keeps IPv6 brackets.
struct UrlParts {
  std::string scheme;  // lowercase
  std::string host;
  int port = 0;        // explicit or the scheme's default
  std::string path_and_query;
};
[[nodiscard]] Result<UrlParts> parse_url(std::string_view url);

// The proxy a request uses, like Go's http.ProxyFromEnvironment plus client-go's proxy-url:
// proxy-url when set; else HTTPS_PROXY/https_proxy (https) or HTTP_PROXY/http_proxy (http),
// with NO_PROXY/no_proxy; never for localhost or loopback addresses. proxy == "" means direct.
struct ProxyChoice {
  std::string proxy;
  std::string no_proxy;
};
[[nodiscard]] ProxyChoice choose_proxy(const UrlParts& url, std::string_view proxy_url, const Env& env);

// "Bearer <masked>" for Authorization (any scheme keeps its name), the value otherwise.
[[nodiscard]] std::string mask_header_value(std::string_view name, std::string_view value);

// The response body as client-go logs it (rest/request.go truncateBody): the first 1024 bytes at
// -v 8, 10240 at -v 9, all of it at -v 10 and above, then " [truncated N chars]"; secrets masked
// (redact_secrets) before truncating, so a cut never leaves half a token.
[[nodiscard]] std::string verbose_body(std::string_view body, int verbosity);

// "OK", "Unauthorized", ... ("" when unknown).
[[nodiscard]] std::string_view http_reason_phrase(int status);

// "250ms", "3s", "1m30s": for messages.
[[nodiscard]] std::string describe_duration(std::chrono::milliseconds d);

}  // namespace eks
