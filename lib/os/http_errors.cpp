#include "lib/os/http_errors.hpp"

#include <arpa/inet.h>

#include <cerrno>
#include <memory>

namespace eks {
namespace {

bool is_ip_literal(std::string host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) {
      out += sep;
    }
    out += item;
  }
  return out;
}

bool contains(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

std::string host_port(const UrlParts& url) { return url.host + ":" + std::to_string(url.port); }

Error unreachable(const HttpRequest& request, const std::string& reason, std::vector<std::string> hints) {
  return make_error(ErrorKind::unreachable, "cannot connect to " + request.url + ": " + reason, std::move(hints));
}

std::string timeout_text(const TransportFailure& f) {
  return f.timeout.count() > 0 ? "timed out after " + describe_duration(f.timeout) : "timed out";
}

Error classify_timeout(const HttpRequest& request, const UrlParts& url, const TransportFailure& f) {
  if (!f.connected) {
    if (f.via_proxy) {
      return unreachable(request, timeout_text(f) + " connecting to the proxy " + f.proxy,
                         {"check the proxy (HTTPS_PROXY or the cluster's proxy-url)"});
    }
    return unreachable(
        request, timeout_text(f) + " connecting to " + host_port(url),
        {"the cluster endpoint may be private-only: it is reachable only from inside its VPC "
         "(VPN, bastion or Direct Connect)",
         "or the endpoint's publicAccessCidrs may exclude this machine's public IP address; see "
         "aws eks describe-cluster --query cluster.resourcesVpcConfig",
         "on a slow link, allow more time: --request-timeout 30s"});
  }
  if (!f.tls_done) {
    return unreachable(request, timeout_text(f) + " during the TLS handshake with " + host_port(url),
                       {"something accepts connections on " + host_port(url) + " but does not complete TLS "
                        "(a firewall, proxy or a non-TLS service)"});
  }
  return unreachable(request, timeout_text(f) + " waiting for the response",
                     {"the server accepted the connection but did not answer in time; retry with a larger "
                      "--request-timeout"});
}

Error classify_verification(const HttpRequest& request, const UrlParts& url, const TransportFailure& f) {
  const std::string& m = f.curl_message;
  if (contains(m, "subject name")) {
    const std::string expected = request.tls.server_name.empty() ? url.host : request.tls.server_name;
    std::string reason;
    if (f.certificate_names && !f.certificate_names->empty()) {
      reason = "x509: certificate is valid for " + join(*f.certificate_names, ", ") + ", not " + expected;
    } else {
      reason = "x509: the server certificate is not valid for " + expected;
    }
    return unreachable(request, "tls: failed to verify certificate: " + reason,
                       {"the server URL does not match the API server certificate; use the endpoint from "
                        "aws eks describe-cluster, or set tls-server-name in the kubeconfig cluster"});
  }
  if (contains(m, "local issuer") || contains(m, "self-signed") || contains(m, "self signed") ||
      contains(m, "unable to get issuer")) {
    return unreachable(request,
                       "tls: failed to verify certificate: x509: certificate signed by unknown authority",
                       {"the cluster's certificate-authority-data does not match this server; refresh it with "
                        "aws eks update-kubeconfig --name CLUSTER --region REGION",
                        "curl said: " + m});
  }
  return unreachable(request, "tls: failed to verify certificate: " + m,
                     {"check the cluster's certificate-authority-data; refresh it with aws eks update-kubeconfig "
                      "--name CLUSTER --region REGION"});
}

}  // namespace

Error classify_transport_failure(const HttpRequest& request, const UrlParts& url, const TransportFailure& f) {
  const auto code = static_cast<CURLcode>(f.code);
  if (f.body_too_big) {
    return make_error(ErrorKind::general,
                      "the response from " + request.url + " is larger than " +
                          std::to_string(f.max_body / (1024 * 1024)) + " MiB; refusing to read it");
  }
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return unreachable(request, "could not resolve host \"" + url.host + "\"",
                         {"check the server URL (a deleted or recreated cluster gets a new endpoint: run "
                          "aws eks update-kubeconfig again)",
                          "a private endpoint may resolve only inside its VPC or through the VPN's DNS"});
    case CURLE_COULDNT_RESOLVE_PROXY:
      return unreachable(request, "could not resolve the proxy \"" + f.proxy + "\"",
                         {"check HTTPS_PROXY or the cluster's proxy-url"});
    case CURLE_COULDNT_CONNECT:
      if (f.via_proxy) {
        return unreachable(request, "connection to the proxy " + f.proxy + " failed: " + f.curl_message,
                           {"check HTTPS_PROXY or the cluster's proxy-url"});
      }
      if (f.os_errno == ECONNREFUSED || contains(f.curl_message, "refused")) {
        return unreachable(request, "connection refused by " + host_port(url),
                           {"nothing listens on " + host_port(url) + "; check the server URL and port"});
      }
      if (f.os_errno == ETIMEDOUT) {
        return classify_timeout(request, url, f);
      }
      return unreachable(request, "could not connect to " + host_port(url) + ": " + f.curl_message,
                         {"check the network route to the cluster endpoint (VPN, firewall)"});
    case CURLE_OPERATION_TIMEDOUT:
      return classify_timeout(request, url, f);
    case CURLE_PEER_FAILED_VERIFICATION:
      return classify_verification(request, url, f);
    case CURLE_SSL_CACERT_BADFILE:
      return make_error(ErrorKind::config, "could not load the cluster's certificate authority: " + f.curl_message,
                        {"certificate-authority-data must be the base64 of a PEM certificate"});
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
      return make_error(ErrorKind::config,
                        "could not use the client certificate for " + request.url + ": " + f.curl_message,
                        {"the user's client-certificate-data and client-key-data must be a base64 PEM certificate "
                         "and its matching key"});
    case CURLE_SSL_CONNECT_ERROR:
      return unreachable(request, "TLS handshake failed: " + f.curl_message,
                         {"the endpoint at " + host_port(url) + " may not speak TLS, or a proxy interferes"});
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
      return unreachable(request, "the connection was closed before a complete response: " + f.curl_message, {});
    default:
      return unreachable(request, f.curl_message, {});
  }
}

std::optional<std::vector<std::string>> peer_certificate_names(const CurlApi& api, const HttpRequest& request,
                                                               const UrlParts& url, const ProxyChoice& proxy) {
  std::unique_ptr<CURL, decltype(api.easy_cleanup)> handle(api.easy_init(), api.easy_cleanup);
  if (!handle) {
    return std::nullopt;
  }
  CURL* curl = handle.get();
  const std::string target = "https://" + url.host + ":" + std::to_string(url.port) + "/";
  api.easy_setopt(curl, CURLOPT_URL, target.c_str());
  api.easy_setopt(curl, CURLOPT_CONNECT_ONLY, 1L);
  api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(curl, CURLOPT_CERTINFO, 1L);
  api.easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
  api.easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  api.easy_setopt(curl, CURLOPT_PROXY, proxy.proxy.c_str());
  api.easy_setopt(curl, CURLOPT_NOPROXY, proxy.no_proxy.c_str());
  api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  if (api.easy_perform(curl) != CURLE_OK) {
    return std::nullopt;
  }
  curl_certinfo* info = nullptr;
  if (api.easy_getinfo(curl, CURLINFO_CERTINFO, &info) != CURLE_OK || info == nullptr || info->num_of_certs < 1) {
    return std::nullopt;
  }
  const std::string expected = request.tls.server_name.empty() ? url.host : request.tls.server_name;
  const bool want_ips = is_ip_literal(expected);
  const std::string_view prefix = want_ips ? "IP Address:" : "DNS:";
  std::vector<std::string> names;
  for (curl_slist* item = info->certinfo[0]; item != nullptr; item = item->next) {
    std::string_view line(item->data);
    if (!line.starts_with("X509v3 Subject Alternative Name:")) {
      continue;
    }
    line.remove_prefix(std::string_view("X509v3 Subject Alternative Name:").size());
    while (!line.empty()) {
      const size_t comma = line.find(',');
      std::string_view entry = line.substr(0, comma);
      while (!entry.empty() && entry.front() == ' ') {
        entry.remove_prefix(1);
      }
      if (entry.starts_with(prefix)) {
        names.emplace_back(entry.substr(prefix.size()));
      }
      if (comma == std::string_view::npos) {
        break;
      }
      line.remove_prefix(comma + 1);
    }
  }
  return names;
}

}  // namespace eks
