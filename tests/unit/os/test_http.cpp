// CurlHttpClient against a real TLS server on 127.0.0.1 (tests/support/tls_server.hpp).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <string>
#include <vector>

#include "lib/os/http.hpp"
#include "lib/os/http_errors.hpp"
#include "support/tls_server.hpp"

using namespace std::chrono_literals;
using eks::ErrorKind;
using eks::HttpRequest;
using eks::test::Pem;
using eks::test::TestCa;
using eks::test::TestTlsServer;

namespace {

void ok_handler(const eks::test::SeenRequest&, httplib::Response& res) {
  res.status = 200;
  res.set_header("Date", "Sun, 29 Nov 2026 16:18:36 GMT");
  res.set_header("Audit-Id", "abc");
  res.set_content("{\"ok\":true}", "application/json");
}

HttpRequest get(const std::string& url, const std::string& ca_pem) {
  HttpRequest request;
  request.url = url;
  request.tls.ca_pem = ca_pem;
  request.timeout = 5s;
  return request;
}

}  // namespace

TEST_CASE("http: GET over TLS with the CA given as PEM data") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};
  HttpRequest request = get(server.url() + "/version?timeout=32s", ca.cert_pem());
  request.headers = {{"Accept", "application/json, */*"}};
  auto response = client.send(request);
  REQUIRE_MESSAGE(response.ok(), (response.ok() ? "" : response.error().message));
  CHECK(response->status == 200);
  CHECK(response->body == "{\"ok\":true}");
  CHECK(response->date == "Sun, 29 Nov 2026 16:18:36 GMT");
  CHECK(response->header("Audit-Id") == "abc");
  CHECK(response->headers.count("content-type") == 1);
  const auto seen = server.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].target == "/version?timeout=32s");
  CHECK(seen[0].header("Accept") == "application/json, */*");
  CHECK(seen[0].header("User-Agent") == std::string("eks-sso/") + EKS_SSO_VERSION);
  CHECK(seen[0].header("Accept-Encoding").find("gzip") != std::string::npos);
}

TEST_CASE("http: disable-compression sends no Accept-Encoding; POST carries the body") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};
  HttpRequest request = get(server.url() + "/apis/x", ca.cert_pem());
  request.method = "POST";
  request.body = "{\"kind\":\"SelfSubjectReview\"}";
  request.headers = {{"Content-Type", "application/json"}};
  request.disable_compression = true;
  auto response = client.send(request);
  REQUIRE(response.ok());
  const auto seen = server.seen();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method == "POST");
  CHECK(seen[0].body == request.body);
  CHECK(seen[0].header("Accept-Encoding").empty());
}

TEST_CASE("http: a certificate from another CA is unreachable: unknown authority") {
  TestCa ca;
  TestCa other("other-ca");
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};
  const std::string url = server.url() + "/api/v1/nodes?limit=500";
  auto response = client.send(get(url, other.cert_pem()));
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::unreachable);
  CHECK(response.error().message ==
        "cannot connect to " + url +
            ": tls: failed to verify certificate: x509: certificate signed by unknown authority");
  CHECK(server.seen().empty());
}

TEST_CASE("http: host name mismatch names the certificate's names (as Go's x509 does)") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"localhost", "kubernetes.default"}, {"127.0.0.1"}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};

  SUBCASE("tls-server-name that the certificate does not cover (kubectl N04)") {
    HttpRequest request = get(server.url() + "/version", ca.cert_pem());
    request.tls.server_name = "ABCDEF1234567890.gr7.us-west-2.eks.amazonaws.com";
    auto response = client.send(request);
    REQUIRE_FALSE(response.ok());
    CHECK(response.error().kind == ErrorKind::unreachable);
    CHECK(response.error().message ==
          "cannot connect to " + request.url +
              ": tls: failed to verify certificate: x509: certificate is valid for localhost, "
              "kubernetes.default, not ABCDEF1234567890.gr7.us-west-2.eks.amazonaws.com");
  }
  SUBCASE("URL host outside the certificate") {
    TestTlsServer other(ca.issue("apiserver", {"other.example"}, {}), ok_handler);
    HttpRequest request = get(other.url("localhost") + "/version", ca.cert_pem());
    auto response = client.send(request);
    REQUIRE_FALSE(response.ok());
    CHECK(response.error().kind == ErrorKind::unreachable);
    CHECK(response.error().message.find("x509: certificate is valid for other.example, not localhost") !=
          std::string::npos);
  }
  CHECK(server.seen().empty());
}

TEST_CASE("http: tls-server-name lets a URL host the certificate does not cover pass") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"kubernetes.default"}, {}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};
  HttpRequest request = get(server.url() + "/version", ca.cert_pem());
  SUBCASE("without it the host name check fails") {
    auto response = client.send(request);
    REQUIRE_FALSE(response.ok());
    CHECK(response.error().kind == ErrorKind::unreachable);
  }
  SUBCASE("with it the request succeeds and Host stays the URL's") {
    request.tls.server_name = "kubernetes.default";
    auto response = client.send(request);
    REQUIRE_MESSAGE(response.ok(), (response.ok() ? "" : response.error().message));
    CHECK(response->status == 200);
    REQUIRE(server.seen().size() == 1);
    CHECK(server.seen()[0].header("Host") == "127.0.0.1:" + std::to_string(server.port()));
  }
}

TEST_CASE("http: insecure-skip-tls-verify accepts any certificate") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"elsewhere"}, {}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};
  HttpRequest request = get(server.url() + "/version", "");
  request.tls.insecure = true;
  auto response = client.send(request);
  REQUIRE(response.ok());
  CHECK(response->status == 200);
}

TEST_CASE("http: connection refused") {
  const int port = eks::test::closed_port();
  eks::CurlHttpClient client{eks::Env{}};
  const std::string url = "https://127.0.0.1:" + std::to_string(port) + "/version";
  auto response = client.send(get(url, ""));
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::unreachable);
  CHECK(response.error().message ==
        "cannot connect to " + url + ": connection refused by 127.0.0.1:" + std::to_string(port));
}

TEST_CASE("http: a server that accepts and never answers times out within the request timeout") {
  eks::test::SilentListener silent;
  eks::CurlHttpClient client{eks::Env{}};
  HttpRequest request = get("https://127.0.0.1:" + std::to_string(silent.port()) + "/version", "");
  request.timeout = 700ms;
  const auto start = std::chrono::steady_clock::now();
  auto response = client.send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(response.ok());
  CHECK(elapsed < 3s);
  CHECK(elapsed >= 600ms);
  CHECK(response.error().kind == ErrorKind::unreachable);
  CHECK(response.error().message ==
        "cannot connect to " + request.url + ": timed out after 700ms during the TLS handshake with 127.0.0.1:" +
            std::to_string(silent.port()));
}

TEST_CASE("http: Ctrl-C stops a request to a server that never answers at once, as interrupted, not a timeout") {
  eks::test::SilentListener silent;
  std::atomic<bool> interrupted{false};
  eks::CurlHttpClient client{eks::Env{}, eks::k_default_max_body_bytes, &interrupted};
  HttpRequest request = get("https://127.0.0.1:" + std::to_string(silent.port()) + "/version", "");
  request.timeout = 20s;
  std::thread presser([&interrupted] {
    std::this_thread::sleep_for(300ms);
    interrupted.store(true);
  });
  const auto start = std::chrono::steady_clock::now();
  auto response = client.send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  presser.join();
  REQUIRE_FALSE(response.ok());
  CHECK(elapsed < 2s);
  CHECK(response.error().kind == ErrorKind::interrupted);
  CHECK(response.error().message == "interrupted");
  CHECK(response.error().hints.empty());
  // Once interrupted, the next request does not even start.
  auto again = client.send(request);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().kind == ErrorKind::interrupted);
}

TEST_CASE("http: verbose logs show method, URL, status and headers, never the token") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}), ok_handler);
  eks::CurlHttpClient client{eks::Env{}};
  std::vector<std::string> lines;
  HttpRequest request = get(server.url() + "/api/v1/nodes?limit=500", ca.cert_pem());
  request.headers = {{"Authorization", "Bearer k8s-aws-v1.secret-token"}, {"Accept", "application/json"}};
  request.log = [&](std::string_view line) { lines.emplace_back(line); };

  SUBCASE("verbosity 0: nothing") {
    REQUIRE(client.send(request).ok());
    CHECK(lines.empty());
  }
  SUBCASE("verbosity 6: one line per request") {
    request.verbosity = 6;
    REQUIRE(client.send(request).ok());
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with("GET " + request.url + " 200 OK in "));
  }
  SUBCASE("verbosity 8: headers, Authorization masked") {
    request.verbosity = 8;
    REQUIRE(client.send(request).ok());
    std::string all;
    for (const auto& line : lines) {
      all += line + "\n";
    }
    CHECK(all.find("    Authorization: Bearer <masked>") != std::string::npos);
    CHECK(all.find("    Accept: application/json") != std::string::npos);
    CHECK(all.find("Response Headers:") != std::string::npos);
    CHECK(all.find("secret-token") == std::string::npos);
    // client-go's order (issue 16, defect 7): the request line before its headers, the body last.
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0] == "GET " + request.url);
    CHECK(lines[1] == "Request Headers:");
    CHECK(all.find("Response Status: 200 OK in ") != std::string::npos);
    CHECK(all.find("Response Status:") < all.find("Response Headers:"));
    CHECK(lines.back() == "Response Body: {\"ok\":true}");
  }
  // The server did get the real token.
  CHECK(server.seen().at(0).header("Authorization") == "Bearer k8s-aws-v1.secret-token");
}

TEST_CASE("http: a body over the cap is an error, not a crash") {
  TestCa ca;
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}),
                       [](const eks::test::SeenRequest&, httplib::Response& res) {
                         res.set_content(std::string(10 * 1024 * 1024, 'x'), "application/json");
                       });
  eks::CurlHttpClient client{eks::Env{}, 1024 * 1024};
  auto response = client.send(get(server.url() + "/api/v1/nodes", ca.cert_pem()));
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::general);
  CHECK(response.error().message.find("is larger than 1 MiB") != std::string::npos);
}

TEST_CASE("http: the proxy comes from proxy-url or the Env snapshot, never for loopback") {
  eks::Env env({{"HTTPS_PROXY", "http://proxy:3128"}, {"NO_PROXY", ".internal"}, {"http_proxy", "http://p2:80"}});
  auto eks_url = eks::parse_url("https://ABC.gr7.us-west-2.eks.amazonaws.com/version");
  REQUIRE(eks_url.ok());
  CHECK(eks_url->host == "ABC.gr7.us-west-2.eks.amazonaws.com");
  CHECK(eks_url->port == 443);
  CHECK(eks_url->path_and_query == "/version");
  CHECK(eks::choose_proxy(*eks_url, "", env).proxy == "http://proxy:3128");
  CHECK(eks::choose_proxy(*eks_url, "", env).no_proxy == ".internal");
  CHECK(eks::choose_proxy(*eks_url, "http://kc-proxy:8080", env).proxy == "http://kc-proxy:8080");
  CHECK(eks::choose_proxy(*eks_url, "", eks::Env{}).proxy.empty());
  auto plain = eks::parse_url("http://example.com:8080/x?y=1");
  REQUIRE(plain.ok());
  CHECK(plain->port == 8080);
  CHECK(plain->path_and_query == "/x?y=1");
  CHECK(eks::choose_proxy(*plain, "", env).proxy == "http://p2:80");
  auto loopback = eks::parse_url("https://127.0.0.1:6443");
  REQUIRE(loopback.ok());
  CHECK(eks::choose_proxy(*loopback, "", env).proxy.empty());
  CHECK(eks::choose_proxy(*loopback, "http://127.0.0.1:3128", env).proxy == "http://127.0.0.1:3128");
  CHECK_FALSE(eks::parse_url("ftp://x").ok());
  CHECK_FALSE(eks::parse_url("not a url").ok());
}

TEST_CASE("http: a proxy that refuses is reported as the proxy") {
  const int port = eks::test::closed_port();
  eks::CurlHttpClient client{eks::Env{}};
  HttpRequest request = get("https://127.0.0.1:6443/version", "");
  request.proxy_url = "http://127.0.0.1:" + std::to_string(port);
  auto response = client.send(request);
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().kind == ErrorKind::unreachable);
  CHECK(response.error().message.find("the proxy http://127.0.0.1:" + std::to_string(port)) != std::string::npos);
}

TEST_CASE("http: classification of failures we cannot provoke on loopback") {
  HttpRequest request;
  request.url = "https://ABC.gr7.us-west-2.eks.amazonaws.com/version";
  auto url = eks::parse_url(request.url);
  REQUIRE(url.ok());
  eks::TransportFailure dns;
  dns.code = 6;  // CURLE_COULDNT_RESOLVE_HOST
  const eks::Error dns_error = eks::classify_transport_failure(request, *url, dns);
  CHECK(dns_error.kind == ErrorKind::unreachable);
  CHECK(dns_error.message == "cannot connect to " + request.url +
                                 ": could not resolve host \"ABC.gr7.us-west-2.eks.amazonaws.com\"");

  eks::TransportFailure connect_timeout;
  connect_timeout.code = 28;  // CURLE_OPERATION_TIMEDOUT before the TCP connect finished
  connect_timeout.timeout = 10s;
  const eks::Error timeout_error = eks::classify_transport_failure(request, *url, connect_timeout);
  CHECK(timeout_error.kind == ErrorKind::unreachable);
  CHECK(timeout_error.message == "cannot connect to " + request.url +
                                     ": timed out after 10s connecting to ABC.gr7.us-west-2.eks.amazonaws.com:443");
  REQUIRE(timeout_error.hints.size() == 3);
  CHECK(timeout_error.hints[0].find("private-only") != std::string::npos);
  CHECK(timeout_error.hints[1].find("publicAccessCidrs") != std::string::npos);
  CHECK(timeout_error.hints[2] == "on a slow link, allow more time: --request-timeout 30s");

  eks::TransportFailure handshake;
  handshake.code = 35;  // CURLE_SSL_CONNECT_ERROR
  handshake.curl_message = "OpenSSL SSL_connect: SSL_ERROR_SYSCALL";
  CHECK(eks::classify_transport_failure(request, *url, handshake).message ==
        "cannot connect to " + request.url + ": TLS handshake failed: OpenSSL SSL_connect: SSL_ERROR_SYSCALL");
}

TEST_CASE("http: helpers") {
  CHECK(eks::mask_header_value("Authorization", "Bearer abc.def") == "Bearer <masked>");
  CHECK(eks::mask_header_value("authorization", "abc") == "<masked>");
  CHECK(eks::mask_header_value("Accept", "application/json") == "application/json");
  CHECK(eks::describe_duration(500ms) == "500ms");
  CHECK(eks::describe_duration(3s) == "3s");
  CHECK(eks::describe_duration(90s) == "1m30s");
  CHECK(eks::describe_duration(1500ms) == "1.5s");
  CHECK(eks::describe_duration(3600s) == "1h0m0s");
}

TEST_CASE("http: consecutive requests share a connection, never across different TLS settings") {
  TestCa ca;
  TestCa other("other-ca");
  TestCa client_ca("client-ca");
  const Pem client = client_ca.issue("cert-user", {}, {});
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}), ok_handler, client_ca.cert_pem());
  eks::CurlHttpClient http{eks::Env{}};
  HttpRequest with_cert = get(server.url() + "/version", ca.cert_pem());
  with_cert.tls.client_cert_pem = client.cert;
  with_cert.tls.client_key_pem = client.key;
  REQUIRE(http.send(with_cert).ok());
  REQUIRE(http.send(with_cert).ok());
  auto seen = server.seen();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].remote_port == seen[1].remote_port);  // one connection, one handshake
  // The open, client-authenticated connection is not lent to a request without the certificate,
  // nor to one that trusts another CA.
  auto anonymous = http.send(get(server.url() + "/version", ca.cert_pem()));
  REQUIRE_FALSE(anonymous.ok());
  CHECK(anonymous.error().kind == ErrorKind::unreachable);
  HttpRequest other_ca = with_cert;
  other_ca.tls.ca_pem = other.cert_pem();
  auto untrusted = http.send(other_ca);
  REQUIRE_FALSE(untrusted.ok());
  CHECK(untrusted.error().message.find("certificate signed by unknown authority") != std::string::npos);
  CHECK(server.seen().size() == 2);
  REQUIRE(http.send(with_cert).ok());
  CHECK(server.seen().size() == 3);
}

TEST_CASE("http: client certificate (PEM blobs) for servers that require one") {
  TestCa ca;
  TestCa client_ca("client-ca");
  TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}), ok_handler, client_ca.cert_pem());
  const Pem client = client_ca.issue("cert-user", {}, {});
  eks::CurlHttpClient http{eks::Env{}};
  HttpRequest request = get(server.url() + "/version", ca.cert_pem());
  SUBCASE("without it the handshake fails") {
    auto response = http.send(request);
    REQUIRE_FALSE(response.ok());
    CHECK(response.error().kind == ErrorKind::unreachable);
  }
  SUBCASE("with it the request succeeds") {
    request.tls.client_cert_pem = client.cert;
    request.tls.client_key_pem = client.key;
    auto response = http.send(request);
    REQUIRE_MESSAGE(response.ok(), (response.ok() ? "" : response.error().message));
    CHECK(response->status == 200);
  }
  SUBCASE("garbage PEM is a configuration error") {
    request.tls.client_cert_pem = "not a pem";
    request.tls.client_key_pem = "nope";
    auto response = http.send(request);
    REQUIRE_FALSE(response.ok());
    CHECK(response.error().kind == ErrorKind::config);
  }
}

TEST_CASE("http: verbose_body truncates as client-go does at -v 8 and 9 and masks secrets") {
  const std::string big(3000, 'a');
  CHECK(eks::verbose_body(big, 8) == std::string(1024, 'a') + " [truncated 1976 chars]");
  CHECK(eks::verbose_body(big, 9) == big);
  const std::string huge(20000, 'b');
  CHECK(eks::verbose_body(huge, 9) == std::string(10240, 'b') + " [truncated 9760 chars]");
  CHECK(eks::verbose_body(huge, 10) == huge);
  const std::string with_token = R"({"status":{"token":"k8s-aws-v1.c2VjcmV0"}})";
  CHECK(eks::verbose_body(with_token, 8).find("c2VjcmV0") == std::string::npos);
  // A multi-byte character at the cut is not split.
  const std::string utf8 = std::string(1023, 'x') + "\u00e9" + std::string(10, 'y');
  CHECK(eks::verbose_body(utf8, 8).starts_with(std::string(1023, 'x') + " [truncated "));
}
