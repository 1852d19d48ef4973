// Turning libcurl failures into eks::Error (internal to the libcurl client; tested through it).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "lib/os/curl_api.hpp"
#include "lib/os/http.hpp"

namespace eks {

struct TransportFailure {
  int code = 0;                // CURLcode
  std::string curl_message;    // curl's error buffer
  int os_errno = 0;
  bool connected = false;      // TCP connect finished (to the proxy when there is one)
  bool tls_done = false;       // TLS handshake finished (or plain http)
  bool body_too_big = false;
  bool via_proxy = false;
  std::string proxy;
  std::chrono::milliseconds timeout{0};
  std::size_t max_body = 0;
  // For a name mismatch: the names the server certificate is valid for, when we could read them.
  std::optional<std::vector<std::string>> certificate_names;
};

// The error for a failed transfer: unreachable (DNS, refused, timeout, TLS), config (bad CA or
// client certificate data) or general (oversized body, anything else). The message names the URL.
[[nodiscard]] Error classify_transport_failure(const HttpRequest& request, const UrlParts& url,
                                               const TransportFailure& failure);

// Connects once more without host-name verification (no request is sent: CONNECT_ONLY) to read
// the certificate's subject alternative names, as Go's x509.HostnameError lists them: DNS names
// when the expected name is a host name, IP addresses when it is an IP. nullopt when unknown.
[[nodiscard]] std::optional<std::vector<std::string>> peer_certificate_names(const CurlApi& api,
                                                                             const HttpRequest& request,
                                                                             const UrlParts& url,
                                                                             const ProxyChoice& proxy);

}  // namespace eks
