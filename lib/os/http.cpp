#include "lib/os/http.hpp"

#include "lib/os/curl_api.hpp"
#include "lib/util/strings.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

namespace eks {
namespace {

std::string env_either(const Env& env, std::string_view upper, std::string_view lower_name) {
  std::string value = env.get_or_empty(upper);
  if (value.empty()) {
    value = env.get_or_empty(lower_name);
  }
  return value;
}

bool is_loopback_host(std::string_view host) {
  const std::string h = to_lower(host);
  if (h == "localhost" || h.ends_with(".localhost")) {
    return true;
  }
  if (h.starts_with("127.")) {
    return std::all_of(h.begin(), h.end(), [](char c) { return c == '.' || std::isdigit(static_cast<unsigned char>(c)); });
  }
  return h == "[::1]" || h == "::1";
}

struct CurlUrlDeleter {
  const CurlApi* api;
  void operator()(CURLU* u) const { api->url_cleanup(u); }
};

std::string url_part(const CurlApi& api, CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (api.url_get(u, part, &value, flags) != CURLUE_OK || value == nullptr) {
    return "";
  }
  std::string out(value);
  api.free(value);
  return out;
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  const auto it = headers.find(to_lower(name));
  return it == headers.end() ? std::string() : it->second;
}

Result<UrlParts> parse_url(std::string_view url) {
  TRY_ASSIGN(const CurlApi* loaded, curl_api());
  const CurlApi& api = *loaded;
  std::unique_ptr<CURLU, CurlUrlDeleter> u(api.url(), CurlUrlDeleter{&api});
  if (!u) {
    return make_error(ErrorKind::general, "out of memory parsing a URL");
  }
  const std::string text(url);
  if (api.url_set(u.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return make_error(ErrorKind::config, "invalid server URL \"" + text + "\"",
                      {"the cluster's server must look like https://HOST[:PORT]"});
  }
  UrlParts parts;
  parts.scheme = to_lower(url_part(api, u.get(), CURLUPART_SCHEME));
  parts.host = url_part(api, u.get(), CURLUPART_HOST);
  const std::string port = url_part(api, u.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT);
  parts.port = port.empty() ? 0 : std::atoi(port.c_str());
  parts.path_and_query = url_part(api, u.get(), CURLUPART_PATH);
  const std::string query = url_part(api, u.get(), CURLUPART_QUERY);
  if (!query.empty()) {
    parts.path_and_query += "?" + query;
  }
  if (parts.scheme != "https" && parts.scheme != "http") {
    return make_error(ErrorKind::config, "unsupported URL scheme in \"" + text + "\"",
                      {"the cluster's server must start with https://"});
  }
  if (parts.host.empty()) {
    return make_error(ErrorKind::config, "no host in server URL \"" + text + "\"");
  }
  return parts;
}

ProxyChoice choose_proxy(const UrlParts& url, std::string_view proxy_url, const Env& env) {
  if (!proxy_url.empty()) {
    return ProxyChoice{std::string(proxy_url), ""};
  }
  if (is_loopback_host(url.host)) {
    return {};
  }
  ProxyChoice choice;
  choice.proxy = url.scheme == "https" ? env_either(env, "HTTPS_PROXY", "https_proxy")
                                       : env_either(env, "HTTP_PROXY", "http_proxy");
  if (!choice.proxy.empty()) {
    choice.no_proxy = env_either(env, "NO_PROXY", "no_proxy");
  }
  return choice;
}

std::string mask_header_value(std::string_view name, std::string_view value) {
  if (to_lower(name) != "authorization" && to_lower(name) != "proxy-authorization") {
    return std::string(value);
  }
  const size_t space = value.find(' ');
  if (space == std::string_view::npos) {
    return "<masked>";
  }
  return std::string(value.substr(0, space)) + " <masked>";
}

std::string_view http_reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 407: return "Proxy Authentication Required";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string describe_duration(std::chrono::milliseconds d) {
  const long long ms = d.count();
  if (ms < 1000) {
    return std::to_string(ms) + "ms";
  }
  std::string out;
  long long s = ms / 1000;
  const long long rest_ms = ms % 1000;
  if (s >= 3600) {
    out += std::to_string(s / 3600) + "h";
    s %= 3600;
  }
  if (s >= 60 || !out.empty()) {
    out += std::to_string(s / 60) + "m";
    s %= 60;
  }
  out += std::to_string(s);
  if (rest_ms != 0) {
    std::string frac = std::to_string(1000 + rest_ms).substr(1);
    while (!frac.empty() && frac.back() == '0') {
      frac.pop_back();
    }
    out += "." + frac;
  }
  return out + "s";
}

}  // namespace eks
