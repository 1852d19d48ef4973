// Impersonate-* headers as client-go's NewImpersonatingRoundTripper sends them.
#include <doctest/doctest.h>

#include "lib/kube/client.hpp"
#include "lib/kube/impersonation.hpp"
#include "support/fake_http.hpp"

using eks::Impersonation;

// client-go transport/round_trippers_test.go TestImpersonationRoundTripper.
TEST_CASE("impersonation: the headers of TestImpersonationRoundTripper") {
  Impersonation as;
  as.user = "user";
  as.uid = "123abc";
  as.groups = {"group1", "group2"};
  as.extra = {{"first", {"A", "a"}}, {"second", {"B", "b"}}, {"example.com/key", {"v"}}};
  const auto h = eks::impersonation_headers(as);
  REQUIRE(h.size() == 9);
  CHECK(h[0] == std::pair<std::string, std::string>{"Impersonate-User", "user"});
  CHECK(h[1] == std::pair<std::string, std::string>{"Impersonate-Uid", "123abc"});
  CHECK(h[2] == std::pair<std::string, std::string>{"Impersonate-Group", "group1"});
  CHECK(h[3] == std::pair<std::string, std::string>{"Impersonate-Group", "group2"});
  // headerKeyEscape then Go's CanonicalMIMEHeaderKey.
  CHECK(h[4] == std::pair<std::string, std::string>{"Impersonate-Extra-Example.com%2fkey", "v"});
  CHECK(h[5] == std::pair<std::string, std::string>{"Impersonate-Extra-First", "A"});
  CHECK(h[6] == std::pair<std::string, std::string>{"Impersonate-Extra-First", "a"});
  CHECK(h[7] == std::pair<std::string, std::string>{"Impersonate-Extra-Second", "B"});
  CHECK(h[8] == std::pair<std::string, std::string>{"Impersonate-Extra-Second", "b"});
  CHECK(eks::impersonation_headers(Impersonation{}).empty());
}

// client-go transport/round_trippers_test.go TestHeaderEscapeRoundTrip: '%' and non-token bytes.
TEST_CASE("impersonation: header_key_escape") {
  CHECK(eks::header_key_escape("legal-header-key") == "legal-header-key");
  CHECK(eks::header_key_escape("percent%") == "percent%25");
  CHECK(eks::header_key_escape("example.com/scopes") == "example.com%2Fscopes");
  CHECK(eks::header_key_escape("a b") == "a%20b");
  CHECK(eks::canonical_header_key("impersonate-extra-scopes") == "Impersonate-Extra-Scopes");
}

// client-go client_config_test.go TestFullImpersonateConfig: every field of the kubeconfig user
// reaches the request, on every request (version, SelfSubjectReview).
TEST_CASE("impersonation: KubeClient sends the headers on every request") {
  eks::AuthInfo user;
  user.impersonate = "alice";
  user.impersonate_uid = "abc123";
  user.impersonate_groups = {"group-1"};
  user.impersonate_user_extra = {{"some-key", {"some-value"}}};
  CHECK(user.impersonates());
  eks::test::FakeHttpClient http;
  http.respond(200, R"({"major":"1","minor":"30","gitVersion":"v1.30.4"})");
  http.respond(201, R"({"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","status":{"userInfo":{"username":"alice"}}})");
  eks::Cluster cluster;
  cluster.name = "c";
  cluster.server = "https://127.0.0.1:6443";
  eks::KubeClientOptions options;
  options.impersonation = eks::impersonation_of(user);
  auto client = eks::KubeClient::create(cluster, eks::KubeCredential{"tok", "", ""}, http, options);
  REQUIRE(client.ok());
  REQUIRE(client->get_version().ok());
  REQUIRE(client->self_subject_review().ok());
  REQUIRE(http.requests().size() == 2);
  for (const auto& r : http.requests()) {
    CHECK(eks::test::header_of(r, "Impersonate-User") == "alice");
    CHECK(eks::test::header_of(r, "Impersonate-Uid") == "abc123");
    CHECK(eks::test::header_of(r, "Impersonate-Group") == "group-1");
    CHECK(eks::test::header_of(r, "Impersonate-Extra-Some-Key") == "some-value");
    CHECK(eks::test::header_of(r, "Authorization") == "Bearer tok");
  }
  CHECK(eks::describe_impersonation(eks::impersonation_of(user)) ==
        "user \"alice\" (uid \"abc123\", groups \"group-1\", extra some-key=\"some-value\")");
}

// client-go client_config_test.go TestBasicAuthData: username/password become Basic auth.
TEST_CASE("impersonation: basic auth goes out as Authorization: Basic") {
  eks::test::FakeHttpClient http;
  http.respond(200, R"({"gitVersion":"v1.30.4"})");
  eks::Cluster cluster;
  cluster.name = "c";
  cluster.server = "https://127.0.0.1:6443";
  auto client = eks::KubeClient::create(cluster, eks::KubeCredential{"", "", "", "myuser", "mypass"}, http);
  REQUIRE(client.ok());
  REQUIRE(client->get_version().ok());
  CHECK(eks::test::header_of(http.requests()[0], "Authorization") == "Basic bXl1c2VyOm15cGFzcw==");
}
