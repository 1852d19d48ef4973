// KubeClient: exact requests (kube.md 4.1, 5, 6), Status errors (4.6), 401 refresh, odd bodies.
#include <doctest/doctest.h>

#include <string>

#include "lib/kube/client.hpp"
#include "support/fake_http.hpp"
#include "support/tls_server.hpp"

using namespace std::chrono_literals;
using eks::ErrorKind;
using eks::KubeClient;
using eks::UserInfo;
using eks::test::FakeHttpClient;
using eks::test::header_of;

namespace {

const std::string k_data = EKS_SSO_TEST_DATA_DIR;

std::string fixture(const std::string& name) { return eks::test::read_text_file(k_data + "/eks/" + name); }
std::string status_body(const std::string& name) { return eks::test::http_fixture_body(k_data + "/eks/" + name); }

eks::Cluster cluster_for(const std::string& server, const std::string& ca_pem = "") {
  eks::Cluster cluster;
  cluster.name = "dev";
  cluster.server = server;
  if (!ca_pem.empty()) {
    static constexpr char k_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    int val = 0;
    int bits = -6;
    for (unsigned char c : ca_pem) {
      val = (val << 8) + c;
      bits += 8;
      while (bits >= 0) {
        out.push_back(k_b64[(val >> bits) & 0x3F]);
        bits -= 6;
      }
    }
    if (bits > -6) {
      out.push_back(k_b64[((val << 8) >> (bits + 8)) & 0x3F]);
    }
    while (out.size() % 4 != 0) {
      out.push_back('=');
    }
    cluster.certificate_authority_data = out;
  }
  return cluster;
}

KubeClient make_client(FakeHttpClient& http, const std::string& server = "https://127.0.0.1:6443",
                       eks::KubeClientOptions options = {}) {
  auto client = KubeClient::create(cluster_for(server), eks::KubeCredential{"tok-ok", "", ""}, http, std::move(options));
  REQUIRE(client.ok());
  return std::move(*client);
}

}  // namespace

TEST_CASE("kube_client: list request for human output is kubectl's exact request") {
  FakeHttpClient http;
  http.respond(200, fixture("nodes-table.fake.json"));
  KubeClient client = make_client(http);
  auto list = client.list_nodes({});
  REQUIRE(list.ok());
  CHECK(list->kind == eks::NodeListKind::table);
  CHECK(list->object["rows"].size() == 3);
  REQUIRE(http.requests().size() == 1);
  const auto& request = http.requests()[0];
  CHECK(request.method == "GET");
  CHECK(request.url == "https://127.0.0.1:6443/api/v1/nodes?limit=500");
  CHECK(header_of(request, "Accept") ==
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json");
  CHECK(header_of(request, "Authorization") == "Bearer tok-ok");
  CHECK(request.timeout == 10s);
}

TEST_CASE("kube_client: selectors, timeout and chunk size in the query, keys sorted (G15)") {
  eks::ListOptions options;
  options.want_table = false;
  CHECK(eks::nodes_list_path(options, "", 5s) == "/api/v1/nodes?limit=500&timeout=5s");
  options.chunk_size = 0;
  CHECK(eks::nodes_list_path(options, "", 0ms) == "/api/v1/nodes");
  options.chunk_size = 500;
  options.label_selector = "kubernetes.io/os=linux";
  options.field_selector = "spec.unschedulable=false";
  CHECK(eks::nodes_list_path(options, "", 0ms) ==
        "/api/v1/nodes?fieldSelector=spec.unschedulable%3Dfalse&labelSelector=kubernetes.io%2Fos%3Dlinux&limit=500");
  CHECK(eks::nodes_list_path({}, "abc=", 0ms) == "/api/v1/nodes?continue=abc%3D&limit=500");
  CHECK(eks::query_escape("a b&c~") == "a+b%26c~");
  CHECK(eks::go_duration(500ms) == "500ms");
  CHECK(eks::go_duration(90s) == "1m30s");
  CHECK(eks::go_duration(3600s) == "1h0m0s");
  CHECK(eks::go_duration(1500ms) == "1.5s");
}

TEST_CASE("kube_client: json output uses Accept application/json and --request-timeout") {
  FakeHttpClient http;
  http.respond(200, fixture("nodes-nodelist.fake.json"));
  eks::KubeClientOptions options;
  options.request_timeout = 5s;
  KubeClient client = make_client(http, "https://127.0.0.1:6443/", options);
  eks::ListOptions list_options;
  list_options.want_table = false;
  auto list = client.list_nodes(list_options);
  REQUIRE(list.ok());
  CHECK(list->kind == eks::NodeListKind::list);
  CHECK(http.requests()[0].url == "https://127.0.0.1:6443/api/v1/nodes?limit=500&timeout=5s");
  CHECK(header_of(http.requests()[0], "Accept") == "application/json");
  CHECK(http.requests()[0].timeout == 5s);
}

TEST_CASE("kube_client: follows metadata.continue and merges pages") {
  FakeHttpClient http;
  http.respond(200, R"({"kind":"NodeList","apiVersion":"v1","metadata":{"continue":"tok/1"},"items":[{"metadata":{"name":"a"}}]})");
  http.respond(200, R"({"kind":"NodeList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"b"}}]})");
  KubeClient client = make_client(http);
  auto list = client.list_nodes({});
  REQUIRE(list.ok());
  CHECK(list->pages == 2);
  REQUIRE(list->object["items"].size() == 2);
  CHECK(list->object["items"][1]["metadata"]["name"] == "b");
  CHECK_FALSE(list->object["metadata"].contains("continue"));
  CHECK(http.requests()[1].url == "https://127.0.0.1:6443/api/v1/nodes?continue=tok%2F1&limit=500");
  CHECK(http.unused() == 0);
}

TEST_CASE("kube_client: Status errors map to kubectl's texts and our exit kinds") {
  FakeHttpClient http;
  KubeClient client = make_client(http);
  SUBCASE("401 EKS body") {
    http.respond(401, status_body("status-401.fake.http"));
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().kind == ErrorKind::unauthorized);
    CHECK(list.error().message == "You must be logged in to the server (Unauthorized)");
  }
  SUBCASE("401 without a Status body") {
    http.respond(401, "Unauthorized\n");
    auto version = client.get_version();
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().message ==
          "You must be logged in to the server (the server has asked for the client to provide credentials)");
  }
  SUBCASE("403") {
    http.respond(403, status_body("status-403.fake.http"));
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().kind == ErrorKind::forbidden);
    CHECK(list.error().message ==
          "Error from server (Forbidden): nodes is forbidden: User \"arn:aws:sts::111122223333:assumed-role/"
          "AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane.doe@example.com\" cannot list resource \"nodes\" "
          "in API group \"\" at the cluster scope");
  }
  SUBCASE("500") {
    http.respond(500, status_body("status-500.fake.http"));
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().kind == ErrorKind::general);
    CHECK(list.error().message == "Error from server (InternalError): Internal error occurred: etcdserver: request timed out");
  }
  SUBCASE("502 from a load balancer, HTML body") {
    http.respond(502, "<html>bad gateway</html>");
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().message ==
          "Error from server (InternalError): an error on the server (\"<html>bad gateway</html>\") has prevented "
          "the request from succeeding");
  }
  SUBCASE("Status without a reason") {
    http.respond(422, R"({"kind":"Status","message":"boom"})");
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().message == "Error from server: boom");
  }
}

TEST_CASE("kube_client: a redirect is not followed and names its target (issue 9, bad-input matrix)") {
  FakeHttpClient http;
  KubeClient client = make_client(http);
  const std::string moved = "Error from server (Unknown): the server responded with the status code 302 but did not "
                            "return more information";
  SUBCASE("every request kind") {
    http.respond(302, "", {{"location", "https://evil.example/version"}});
    http.respond(302, "", {{"location", "https://evil.example/nodes"}});
    http.respond(307, "", {{"location", "https://evil.example/ssar"}});
    auto version = client.get_version();
    auto list = client.list_nodes({});
    auto review = client.can_i("list", "nodes");
    REQUIRE_FALSE(version.ok());
    REQUIRE_FALSE(list.ok());
    REQUIRE_FALSE(review.ok());
    CHECK(version.error().kind == ErrorKind::general);
    CHECK(version.error().message == moved);
    CHECK(version.error().hints == std::vector<std::string>{
                                       "the server redirected to \"https://evil.example/version\"; eks-sso does not "
                                       "follow redirects (the credential would go along)"});
    CHECK(list.error().hints.at(0) == "the server redirected to \"https://evil.example/nodes\"; eks-sso does not "
                                      "follow redirects (the credential would go along)");
    CHECK(review.error().message.find("status code 307") != std::string::npos);
    CHECK(http.requests().size() == 3);  // one request each: nothing followed
  }
  SUBCASE("without a Location; control characters in it are quoted") {
    eks::HttpResponse response;
    response.status = 301;
    CHECK(eks::error_from_response(response).hints ==
          std::vector<std::string>{"the server answered with a redirect; eks-sso does not follow redirects"});
    response.headers["location"] = "https://x/\x1b[31m";
    CHECK(eks::error_from_response(response).hints.at(0) ==
          "the server redirected to \"https://x/\\x1b[31m\"; eks-sso does not follow redirects (the credential "
          "would go along)");
  }
  SUBCASE("other statuses get no redirect hint") {
    eks::HttpResponse response;
    response.status = 404;
    response.headers["location"] = "https://x/";
    CHECK(eks::error_from_response(response).hints.empty());
  }
}

TEST_CASE("kube_client: odd 200 bodies are errors naming the URL, never crashes") {
  FakeHttpClient http;
  KubeClient client = make_client(http);
  SUBCASE("HTML") {
    http.respond(200, "<html>login</html>", {{"content-type", "text/html"}});
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().kind == ErrorKind::general);
    CHECK(list.error().message == "unexpected answer from https://127.0.0.1:6443/api/v1/nodes?limit=500: the body "
                                  "is not JSON (Content-Type text/html): \"<html>login</html>\"");
  }
  SUBCASE("a JSON array") {
    http.respond(200, "[1,2]");
    CHECK_FALSE(client.list_nodes({}).ok());
  }
  SUBCASE("rows of the wrong type") {
    http.respond(200, R"({"kind":"Table","rows":"nope"})");
    CHECK_FALSE(client.list_nodes({}).ok());
  }
  SUBCASE("another kind") {
    http.respond(200, R"({"kind":"Pod"})");
    CHECK_FALSE(client.list_nodes({}).ok());
  }
  SUBCASE("a Table without rows is an empty Table") {
    http.respond(200, R"({"kind":"Table","columnDefinitions":[]})");
    auto list = client.list_nodes({});
    REQUIRE(list.ok());
    CHECK(list->object["rows"].empty());
  }
  SUBCASE("truncated JSON") {
    http.respond(200, fixture("nodes-table.fake.json").substr(0, 500));
    CHECK_FALSE(client.list_nodes({}).ok());
  }
  SUBCASE("wrong types in the version") {
    http.respond(200, R"({"major":1,"gitVersion":["x"]})");
    auto version = client.get_version();
    REQUIRE(version.ok());
    CHECK(version->git_version.empty());
  }
}

TEST_CASE("kube_client: a 401 refreshes the credential once and retries once") {
  FakeHttpClient http;
  int refreshes = 0;
  eks::KubeClientOptions options;
  options.refresh_credential = [&]() -> eks::Result<eks::KubeCredential> {
    ++refreshes;
    return eks::KubeCredential{"tok-new", "", ""};
  };
  KubeClient client = make_client(http, "https://127.0.0.1:6443", options);
  SUBCASE("the fresh token works") {
    http.respond(401, status_body("status-401.fake.http"));
    http.respond(200, fixture("version.fake.json"));
    auto version = client.get_version();
    REQUIRE(version.ok());
    CHECK(version->git_version == "v1.30.4-eks-a737599");
    CHECK(refreshes == 1);
    REQUIRE(http.requests().size() == 2);
    CHECK(header_of(http.requests()[0], "Authorization") == "Bearer tok-ok");
    CHECK(header_of(http.requests()[1], "Authorization") == "Bearer tok-new");
  }
  SUBCASE("still 401: unauthorized, and no second refresh later") {
    http.respond(401, status_body("status-401.fake.http"));
    http.respond(401, status_body("status-401.fake.http"));
    http.respond(401, status_body("status-401.fake.http"));
    auto version = client.get_version();
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().kind == ErrorKind::unauthorized);
    auto list = client.list_nodes({});
    REQUIRE_FALSE(list.ok());
    CHECK(refreshes == 1);
    CHECK(http.requests().size() == 3);
  }
  SUBCASE("the refresh fails: its error wins") {
    options.refresh_credential = []() -> eks::Result<eks::KubeCredential> {
      return eks::make_error(ErrorKind::login_required, "sso token expired");
    };
    KubeClient failing = make_client(http, "https://127.0.0.1:6443", options);
    http.respond(401, status_body("status-401.fake.http"));
    auto version = failing.get_version();
    REQUIRE_FALSE(version.ok());
    CHECK(version.error().kind == ErrorKind::login_required);
    http.respond(200, "{}");  // consumed below so the script is empty
    CHECK(failing.get_version().ok());
  }
  CHECK(http.unused() == 0);
}

TEST_CASE("kube_client: no credentials and no refresh over plain http (kube.md 1.4)") {
  FakeHttpClient http;
  int refreshes = 0;
  eks::KubeClientOptions options;
  options.refresh_credential = [&]() -> eks::Result<eks::KubeCredential> {
    ++refreshes;
    return eks::KubeCredential{"x", "", ""};
  };
  auto client = KubeClient::create(cluster_for("http://127.0.0.1:6446"), eks::KubeCredential{"tok-ok", "C", "K"}, http,
                                   options);
  REQUIRE(client.ok());
  CHECK_FALSE(client->sends_credentials());
  http.respond(401, "");
  CHECK_FALSE(client->get_version().ok());
  CHECK(refreshes == 0);
  CHECK(header_of(http.requests()[0], "Authorization").empty());
  CHECK(http.requests()[0].tls.client_cert_pem.empty());
  CHECK(http.requests()[0].url == "http://127.0.0.1:6446/version?timeout=32s");
  CHECK(header_of(http.requests()[0], "Accept") == "application/json, */*");
}

TEST_CASE("kube_client: SelfSubjectReview with kubectl's fallback on 404") {
  FakeHttpClient http;
  KubeClient client = make_client(http);
  SUBCASE("v1 answers") {
    http.respond(201, fixture("ssr-response.fake.json"));
    auto info = client.self_subject_review();
    REQUIRE(info.ok());
    CHECK(info->username ==
          "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/jane.doe@example.com");
    CHECK(info->uid == "aws-iam-authenticator:111122223333:AROAEXAMPLEID");
    CHECK(info->groups == std::vector<std::string>{"system:authenticated"});
    CHECK(info->extra.at("accessKeyId") == std::vector<std::string>{"ASIAEXAMPLEKEYID"});
    CHECK(info->session_name() == "jane.doe@example.com");
    const auto& request = http.requests()[0];
    CHECK(request.method == "POST");
    CHECK(request.url == "https://127.0.0.1:6443/apis/authentication.k8s.io/v1/selfsubjectreviews");
    CHECK(request.body == R"({"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","metadata":{"creationTimestamp":null},"status":{"userInfo":{}}})");
    CHECK(header_of(request, "Content-Type") == "application/json");
  }
  SUBCASE("all 404") {
    http.respond(404, status_body("status-404.fake.http"));
    http.respond(404, status_body("status-404.fake.http"));
    http.respond(404, status_body("status-404.fake.http"));
    auto info = client.self_subject_review();
    REQUIRE_FALSE(info.ok());
    CHECK(info.error().message == "the selfsubjectreviews API is not enabled in the cluster");
    CHECK(http.requests()[1].url.ends_with("/apis/authentication.k8s.io/v1beta1/selfsubjectreviews"));
    CHECK(http.requests()[2].url.ends_with("/apis/authentication.k8s.io/v1alpha1/selfsubjectreviews"));
  }
  SUBCASE("403") {
    http.respond(403, status_body("status-403.fake.http"));
    auto info = client.self_subject_review();
    REQUIRE_FALSE(info.ok());
    CHECK(info.error().kind == ErrorKind::forbidden);
  }
  SUBCASE("401") {
    http.respond(401, status_body("status-401.fake.http"));
    auto info = client.self_subject_review();
    REQUIRE_FALSE(info.ok());
    CHECK(info.error().kind == ErrorKind::unauthorized);
  }
  CHECK(http.unused() == 0);
}

TEST_CASE("kube_client: SelfSubjectAccessReview") {
  FakeHttpClient http;
  KubeClient client = make_client(http);
  http.respond(201, fixture("ssar-response-allowed.fake.json"));
  auto allowed = client.can_i("list", "nodes");
  REQUIRE(allowed.ok());
  CHECK(allowed->allowed);
  CHECK(allowed->reason.starts_with("EKS Access Policy: allowed"));
  CHECK(http.requests()[0].url == "https://127.0.0.1:6443/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
  CHECK(http.requests()[0].body ==
        R"({"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"default","verb":"list","resource":"nodes"}},"status":{"allowed":false}})");
  http.respond(201, fixture("ssar-response-denied.fake.json"));
  auto denied = client.can_i("list", "nodes");
  REQUIRE(denied.ok());
  CHECK_FALSE(denied->allowed);
  http.respond(201, R"({"status":{"allowed":"yes"}})");
  auto odd = client.can_i("list", "nodes");
  REQUIRE(odd.ok());
  CHECK_FALSE(odd->allowed);
}

TEST_CASE("kube_client: certificate-authority data and file") {
  FakeHttpClient http;
  eks::Cluster bad = cluster_for("https://x");
  bad.certificate_authority_data = "!!!";
  auto client = KubeClient::create(bad, {}, http);
  REQUIRE_FALSE(client.ok());
  CHECK(client.error().kind == ErrorKind::config);
  eks::Cluster missing = cluster_for("https://x");
  missing.certificate_authority = "/nonexistent/ca.crt";
  auto client2 = KubeClient::create(missing, {}, http);
  REQUIRE_FALSE(client2.ok());
  CHECK(client2.error().message == "unable to read certificate-authority /nonexistent/ca.crt");
  CHECK(eks::decode_base64("aGVsbG8=").value() == "hello");
  CHECK(eks::decode_base64("aGVs\nbG8=").value() == "hello");
}

TEST_CASE("kube_client: against a real TLS server: 401 then refresh, exact headers") {
  eks::test::TestCa ca;
  const std::string body401 = status_body("status-401.fake.http");
  const std::string table = fixture("nodes-table.fake.json");
  eks::test::TestTlsServer server(ca.issue("apiserver", {"localhost"}, {"127.0.0.1"}),
                                  [&](const eks::test::SeenRequest& req, httplib::Response& res) {
                                    if (req.header("Authorization") == "Bearer tok-good") {
                                      res.set_content(table, "application/json");
                                    } else {
                                      res.status = 401;
                                      res.set_content(body401, "application/json");
                                    }
                                  });
  eks::CurlHttpClient http{eks::Env{}};
  int refreshes = 0;
  eks::KubeClientOptions options;
  options.refresh_credential = [&]() -> eks::Result<eks::KubeCredential> {
    ++refreshes;
    return eks::KubeCredential{"tok-good", "", ""};
  };
  auto client = KubeClient::create(cluster_for(server.url(), ca.cert_pem()), eks::KubeCredential{"tok-old", "", ""},
                                   http, options);
  REQUIRE(client.ok());
  auto list = client->list_nodes({});
  REQUIRE_MESSAGE(list.ok(), (list.ok() ? "" : list.error().message));
  CHECK(list->object["rows"].size() == 3);
  CHECK(refreshes == 1);
  const auto seen = server.seen();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].header("Authorization") == "Bearer tok-old");
  CHECK(seen[1].header("Authorization") == "Bearer tok-good");
  CHECK(seen[1].target == "/api/v1/nodes?limit=500");
  CHECK(seen[1].header("Accept") == std::string(eks::k_table_accept));
}

TEST_CASE("kube_client: the session name prefers extra.sessionName to the mangled username (issue 16)") {
  const std::string role = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSAdmins_0123456789abcdef/";
  UserInfo u;
  u.username = role + "jane-example.com";  // EKS replaced "@" with "-" in the username
  CHECK(u.session_name() == "jane-example.com");
  u.extra["arn"] = {role + "jane@example.com"};
  CHECK(u.session_name() == "jane@example.com");
  u.extra["sessionName"] = {"jane.doe@example.com"};
  CHECK(u.session_name() == "jane.doe@example.com");
  u.extra["sessionName"] = {};
  CHECK(u.session_name() == "jane@example.com");
  UserInfo plain;
  plain.username = "arn:aws:iam::111122223333:user/ci";
  plain.extra["arn"] = {"arn:aws:iam::111122223333:user/ci"};
  CHECK(plain.session_name().empty());
  UserInfo none;
  CHECK(none.session_name().empty());
  CHECK(none.first_extra("arn").empty());
}
