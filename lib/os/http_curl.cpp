// CurlHttpClient: an easy handle per request, taken from (and given back to) a small pool so that
// consecutive requests to one server share a connection and its TLS session.
#include "lib/os/curl_api.hpp"

#include <cerrno>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "lib/util/strings.hpp"
#include "lib/os/http.hpp"
#include "lib/os/http_errors.hpp"

namespace eks {
namespace {

// Gives a handle back to the pool, reset (options cleared; connections and TLS sessions kept).
struct EasyReturn {
  const CurlApi* api;
  std::mutex* mutex;
  std::vector<void*>* idle;
  void operator()(CURL* c) const {
    api->easy_reset(c);
    const std::lock_guard<std::mutex> lock(*mutex);
    idle->push_back(c);
  }
};
struct SlistDeleter {
  const CurlApi* api;
  void operator()(curl_slist* l) const { api->slist_free_all(l); }
};

struct Transfer {
  std::string body;
  std::size_t max_body = 0;
  bool too_big = false;
  int status = 0;
  std::map<std::string, std::string> headers;
  std::vector<std::pair<std::string, std::string>> raw_headers;  // as received, for logs
  bool tcp_connected = false;  // from curl's informational text (timings are 0 after a failure)
  bool request_sent = false;
};

// Only watches for progress markers; the data (which includes request headers) is not kept.
int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (type == CURLINFO_TEXT) {
    const std::string_view text(data, size);
    if (text.starts_with("Connected to ")) {
      t->tcp_connected = true;
    }
  } else if (type == CURLINFO_HEADER_OUT) {
    t->request_sent = true;
  }
  return 0;
}

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (t->body.size() + n > t->max_body) {
    t->too_big = true;
    return 0;  // makes curl fail with CURLE_WRITE_ERROR
  }
  t->body.append(data, n);
  return n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  if (line.starts_with("HTTP/")) {
    // A new response (e.g. after "100 Continue" or a proxy's CONNECT reply): start over.
    t->headers.clear();
    t->raw_headers.clear();
    const auto space = line.find(' ');
    t->status = space == std::string_view::npos ? 0 : std::atoi(std::string(line.substr(space + 1, 3)).c_str());
    return n;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) {
    return n;
  }
  std::string name = trim_copy(line.substr(0, colon));
  const std::string value = trim_copy(line.substr(colon + 1));
  t->raw_headers.emplace_back(name, value);
  for (char& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto [it, inserted] = t->headers.emplace(name, value);
  if (!inserted) {
    it->second += ", " + value;
  }
  return n;
}

void set_blob(const CurlApi& api, CURL* curl, CURLoption option, const std::string& pem) {
  curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
  api.easy_setopt(curl, option, &blob);
}

}  // namespace

CurlHttpClient::CurlHttpClient(Env env, std::size_t max_body_bytes)
    : m_env(std::move(env)), m_max_body_bytes(max_body_bytes) {}

CurlHttpClient::~CurlHttpClient() {
  if (m_idle.empty()) {
    return;
  }
  if (Result<const CurlApi*> loaded = curl_api()) {  // handles exist only if it was loaded
    for (void* c : m_idle) {
      (*loaded)->easy_cleanup(static_cast<CURL*>(c));
    }
  }
}

Result<HttpResponse> CurlHttpClient::send(const HttpRequest& request) {
  TRY_ASSIGN(const CurlApi* loaded, curl_api());
  const CurlApi& api = *loaded;
  TRY_ASSIGN(UrlParts parsed, parse_url(request.url));
  const UrlParts& url = parsed;
  CURL* reused = nullptr;
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_idle.empty()) {
      reused = static_cast<CURL*>(m_idle.back());
      m_idle.pop_back();
    }
  }
  std::unique_ptr<CURL, EasyReturn> handle(reused != nullptr ? reused : api.easy_init(),
                                           EasyReturn{&api, &m_mutex, &m_idle});
  if (!handle) {
    return make_error(ErrorKind::general, "could not initialise libcurl");
  }
  CURL* curl = handle.get();
  char error_buffer[CURL_ERROR_SIZE] = {0};
  Transfer transfer;
  transfer.max_body = m_max_body_bytes;

  // tls-server-name: talk to the URL's address but verify (and send SNI for) the other name.
  // libcurl verifies against the URL host, so the URL names server_name and CONNECT_TO routes
  // the connection to the real host; the Host header keeps the original authority.
  std::string effective_url = request.url;
  std::unique_ptr<curl_slist, SlistDeleter> connect_to(nullptr, SlistDeleter{&api});
  std::unique_ptr<curl_slist, SlistDeleter> headers(nullptr, SlistDeleter{&api});
  const bool https = url.scheme == "https";
  if (https && !request.tls.server_name.empty() && request.tls.server_name != url.host) {
    const std::string port = std::to_string(url.port);
    effective_url = "https://" + request.tls.server_name + ":" + port + url.path_and_query;
    connect_to.reset(api.slist_append(nullptr, (request.tls.server_name + ":" + port + ":" + url.host + ":" + port).c_str()));
    api.easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to.get());
    const bool default_port = url.port == 443;
    headers.reset(api.slist_append(headers.release(), ("Host: " + url.host + (default_port ? "" : ":" + port)).c_str()));
  }

  api.easy_setopt(curl, CURLOPT_URL, effective_url.c_str());
  api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  api.easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  api.easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  api.easy_setopt(curl, CURLOPT_DEBUGFUNCTION, on_debug);
  api.easy_setopt(curl, CURLOPT_DEBUGDATA, &transfer);
  api.easy_setopt(curl, CURLOPT_VERBOSE, 1L);
  api.easy_setopt(curl, CURLOPT_USERAGENT, "eks-sso/" EKS_SSO_VERSION);
  if (request.timeout.count() > 0) {
    api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<long long>(request.timeout.count(), 30000)));
  } else {
    api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 30000L);  // client-go's dial timeout
  }
  if (!request.disable_compression) {
    api.easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
  }

  // Proxies only from our Env snapshot; "" disables curl's own environment lookup.
  const ProxyChoice proxy = choose_proxy(url, request.proxy_url, m_env);
  api.easy_setopt(curl, CURLOPT_PROXY, proxy.proxy.c_str());
  api.easy_setopt(curl, CURLOPT_NOPROXY, proxy.no_proxy.c_str());

  if (https) {
    if (request.tls.insecure) {
      api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
      api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    } else {
      api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
      api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    }
    if (!request.tls.ca_pem.empty()) {
      // Like client-go: a configured CA replaces the system roots.
      api.easy_setopt(curl, CURLOPT_CAINFO, nullptr);
      api.easy_setopt(curl, CURLOPT_CAPATH, nullptr);
      set_blob(api, curl, CURLOPT_CAINFO_BLOB, request.tls.ca_pem);
    }
    if (!request.tls.client_cert_pem.empty() && !request.tls.client_key_pem.empty()) {
      api.easy_setopt(curl, CURLOPT_SSLCERTTYPE, "PEM");
      set_blob(api, curl, CURLOPT_SSLCERT_BLOB, request.tls.client_cert_pem);
      api.easy_setopt(curl, CURLOPT_SSLKEYTYPE, "PEM");
      set_blob(api, curl, CURLOPT_SSLKEY_BLOB, request.tls.client_key_pem);
    }
  }

  for (const auto& [name, value] : request.headers) {
    headers.reset(api.slist_append(headers.release(), (name + ": " + value).c_str()));
  }
  headers.reset(api.slist_append(headers.release(), "Expect:"));
  api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

  if (request.method == "GET") {
    api.easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else {
    if (request.method != "POST") {
      api.easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    api.easy_setopt(curl, CURLOPT_POST, 1L);
    api.easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
    api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }

  const bool log_requests = request.log && request.verbosity >= 6;
  if (log_requests && request.verbosity >= 8) {
    request.log("Request Headers:");
    for (const auto& [name, value] : request.headers) {
      request.log("    " + name + ": " + mask_header_value(name, value));
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const CURLcode code = api.easy_perform(curl);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

  if (code != CURLE_OK) {
    TransportFailure failure;
    failure.code = static_cast<int>(code);
    failure.curl_message = error_buffer[0] != '\0' ? std::string(error_buffer) : api.easy_strerror(code);
    long os_errno = 0;
    api.easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno);
    failure.os_errno = static_cast<int>(os_errno);
    failure.connected = transfer.tcp_connected;
    failure.tls_done = transfer.request_sent || !https;
    failure.body_too_big = transfer.too_big;
    failure.via_proxy = !proxy.proxy.empty();
    failure.proxy = proxy.proxy;
    failure.timeout = request.timeout;
    failure.max_body = m_max_body_bytes;
    if (code == CURLE_PEER_FAILED_VERIFICATION && failure.curl_message.find("subject name") != std::string::npos) {
      failure.certificate_names = peer_certificate_names(api, request, url, proxy);
    }
    if (log_requests) {
      request.log(request.method + " " + request.url + "  in " + std::to_string(elapsed.count()) +
                  " milliseconds: " + failure.curl_message);
    }
    return classify_transport_failure(request, url, failure);
  }

  HttpResponse response;
  response.status = transfer.status;
  long status = 0;
  if (api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK && status != 0) {
    response.status = static_cast<int>(status);
  }
  response.headers = std::move(transfer.headers);
  response.body = std::move(transfer.body);
  response.date = response.header("date");
  if (log_requests) {
    request.log(request.method + " " + request.url + " " + std::to_string(response.status) + " " +
                std::string(http_reason_phrase(response.status)) + " in " + std::to_string(elapsed.count()) +
                " milliseconds");
    if (request.verbosity >= 8) {
      request.log("Response Headers:");
      for (const auto& [name, value] : transfer.raw_headers) {
        request.log("    " + name + ": " + mask_header_value(name, value));
      }
    }
  }
  return response;
}

}  // namespace eks
