// go_url_parse / check_proxy_url: Go's net/url.Parse and client-go's parseProxyURL, with kubectl
// 1.32 as the judge (docs/spec/kube.md 1.6).
#include <doctest/doctest.h>

#include "lib/util/go_url.hpp"

namespace {

std::string proxy_error(const std::string& url) {
  auto s = eks::check_proxy_url(url);
  return s ? "" : s.error().message;
}

std::string parse_error(const std::string& url) {
  auto u = eks::go_url_parse(url);
  return u ? "" : u.error().message;
}

}  // namespace

// client-go client_config_test.go TestProxyURL: the accepted schemes and the three refusals.
TEST_CASE("go_url: TestProxyURL's cases") {
  CHECK(proxy_error("socks5://example.com").empty());
  CHECK(proxy_error("https://example.com").empty());
  CHECK(proxy_error("http://example.com").empty());
  CHECK(proxy_error("HTTP://127.0.0.1:3128").empty());  // the scheme is lowercased
  CHECK(proxy_error("socks6://example.com") == "unsupported scheme \"socks6\", must be http, https, or socks5");
  CHECK(proxy_error("example.com") == "unsupported scheme \"\", must be http, https, or socks5");
  CHECK(proxy_error("chewbacca@example.com") == "unsupported scheme \"\", must be http, https, or socks5");
}

// Observed with kubectl 1.32: these are "could not parse" (Go's url.Parse fails).
TEST_CASE("go_url: texts Go's url.Parse refuses") {
  CHECK(proxy_error("127.0.0.1:3128") == "could not parse: 127.0.0.1:3128");
  CHECK(parse_error("127.0.0.1:3128") == "first path segment in URL cannot contain colon");
  CHECK(proxy_error("http://[::1") == "could not parse: http://[::1");
  CHECK(parse_error("http://[::1") == "missing ']' in host");
  CHECK(proxy_error("%zz") == "could not parse: %zz");
  CHECK(parse_error("%zz") == "invalid URL escape \"%zz\"");
  CHECK(parse_error("://x") == "missing protocol scheme");
  CHECK(parse_error("http://host:port") == "invalid port \":port\" after host");
  CHECK(parse_error("http://a b") == "invalid character \" \" in host name");
  CHECK(parse_error("http://x\ty") == "net/url: invalid control character in URL");
  CHECK(parse_error("http://us er@host") == "net/url: invalid userinfo");
  // "localhost:3128" parses: the scheme is "localhost" (opaque), so the scheme check refuses it.
  CHECK(proxy_error("localhost:3128") == "unsupported scheme \"localhost\", must be http, https, or socks5");
  CHECK(parse_error("http://user:p%40ss@127.0.0.1:3128/").empty());
  CHECK(parse_error("http://[::1]:3128").empty());
  CHECK(eks::go_url_parse("http://u@127.0.0.1:3128/x")->host == "127.0.0.1:3128");
}
