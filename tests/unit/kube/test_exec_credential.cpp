// parse_exec_credential: the client-go cases of kube.md 2.7 (E08-E21), with exact messages.
#include <doctest/doctest.h>

#include <string>

#include "lib/kube/exec_credential.hpp"
#include "lib/util/timefmt.hpp"

namespace {

constexpr const char* k_v1beta1 = "client.authentication.k8s.io/v1beta1";
constexpr const char* k_cmd = "aws eks get-token --cluster-name dev";
const std::string k_prefix = "exec plugin \"aws eks get-token --cluster-name dev\" ";

eks::TimePoint now() { return *eks::parse_rfc3339_strict("2026-11-29T14:00:00Z"); }

eks::Result<eks::ExecCredential> parse(const std::string& out, const char* requested = k_v1beta1) {
  return eks::parse_exec_credential(out, requested, k_cmd, now());
}

std::string error_of(const std::string& out, const char* requested = k_v1beta1) {
  const auto r = parse(out, requested);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == eks::ErrorKind::general);
  return r.error().message;
}

std::string first_hint(const std::string& out) {
  const auto r = parse(out);
  REQUIRE_FALSE(r.ok());
  REQUIRE_FALSE(r.error().hints.empty());
  return r.error().hints.front();
}

}  // namespace

TEST_CASE("exec_credential: the aws eks get-token output, with the extra blank line") {
  const std::string out =
      "\n{\"kind\": \"ExecCredential\", \"apiVersion\": \"client.authentication.k8s.io/v1beta1\", \"spec\": {}, "
      "\"status\": {\"expirationTimestamp\": \"2026-11-29T14:14:00Z\", \"token\": \"k8s-aws-v1.aHR0cHM6Ly9zdHM\"}}\n\n";
  const auto r = parse(out);
  REQUIRE(r.ok());
  CHECK(r->api_version == k_v1beta1);
  CHECK(r->token == "k8s-aws-v1.aHR0cHM6Ly9zdHM");
  CHECK(r->masked_token() == "k8s-aws-v1.****");
  REQUIRE(r->expiration.has_value());
  CHECK(eks::format_rfc3339(*r->expiration) == "2026-11-29T14:14:00Z");
}

TEST_CASE("exec_credential: YAML is accepted, kind is optional, unknown fields are ignored (E14, E20)") {
  const auto r = parse("apiVersion: client.authentication.k8s.io/v1beta1\nextra: 1\nstatus:\n  token: abc\n");
  REQUIRE(r.ok());
  CHECK(r->token == "abc");
  CHECK_FALSE(r->expiration.has_value());
  // Not PEM: refused as tls.X509KeyPair refuses it (a good pair: test_pem_pair.cpp).
  const auto cert = parse(R"({"apiVersion":"client.authentication.k8s.io/v1","status":{"clientCertificateData":"C","clientKeyData":"K"}})",
                          "client.authentication.k8s.io/v1");
  REQUIRE_FALSE(cert.ok());
  CHECK(cert.error().message ==
        k_prefix + "returned status.clientCertificateData that is not usable with status.clientKeyData: tls: failed to "
                   "find any PEM data in certificate input");
}

TEST_CASE("exec_credential: output that is not an ExecCredential (E08, E09, E10)") {
  CHECK(error_of("this is not json\n") ==
        k_prefix + "printed output that is not an ExecCredential object: \"this is not json\"");
  CHECK(error_of("   \n\n") == k_prefix +
                                   "printed nothing on stdout; expected an ExecCredential with apiVersion "
                                   "\"client.authentication.k8s.io/v1beta1\"");
  CHECK(first_hint("") ==
        "kubectl reports: getting credentials: exec plugin is configured to use API version "
        "client.authentication.k8s.io/v1beta1, plugin returned version client.authentication.k8s.io/__internal");
  const std::string noise = "Note: using cached token\n{\n  \"apiVersion\": \"x\",\n  \"status\": {}\n}\n";
  CHECK(error_of(noise) == k_prefix + "printed output that is not an ExecCredential object: \"Note: using cached token…\"");
  const auto noisy = parse(noise);
  REQUIRE(noisy.error().hints.size() == 3);
  CHECK(noisy.error().hints[1] == "the plugin printed other text before the JSON; only the ExecCredential may go to stdout");
  CHECK(noisy.error().hints[2] ==
        "if the AWS profile sets \"output = text\" or \"table\", add \"--output\", \"json\" to the exec args");
  // E09: kubectl words the noise case as go-yaml's syntax error.
  CHECK(noisy.error().hints[0] == "kubectl reports: getting credentials: decoding stdout: yaml: line 3: could not find expected ':'");
  // libyaml's problem and mark (the end of the stream, 1-based); the kubectl hint counts the line
  // as go-yaml does.
  CHECK(error_of("status: [unclosed\n") ==
        k_prefix + "printed output that is neither JSON nor YAML (line 2, column 1: did not find expected ',' or ']'): "
                   "\"status: [unclosed\"");
}

TEST_CASE("exec_credential: YAML output decodes as sigs.k8s.io/yaml does (kubectl 1.32, docs/spec/kube.md 2.7)") {
  // Each kubectl text is what kubectl 1.32 printed after "getting credentials: " for that stdout.
  const std::pair<const char*, const char*> cases[] = {
      {"status: [unclosed\n", "decoding stdout: yaml: line 1: did not find expected ',' or ']'"},
      {"status: \"unclosed\n", "decoding stdout: yaml: line 2: found unexpected end of stream"},
      {"a:\n\tb: 1\n", "decoding stdout: yaml: line 2: found character that cannot start any token"},
      {"x: *nope\n", "decoding stdout: yaml: unknown anchor 'nope' referenced"},
  };
  for (const auto& [out, kubectl] : cases) {
    CAPTURE(out);
    CHECK(first_hint(out) == std::string("kubectl reports: getting credentials: ") + kubectl);
  }
  // Bytes libyaml refuses are one string to kubectl's decoder, not a YAML error.
  CHECK(error_of("x\x07") == k_prefix + "printed output that is not an ExecCredential object: \"x\\u0007\"");
  CHECK(first_hint("x\x07") == "kubectl reports: getting credentials: decoding stdout: couldn't get version/kind; json parse error");
  // YAML 1.1 scalars: an unquoted number is no string (kubectl: "json: cannot unmarshal number
  // into Go struct field ExecCredentialStatus.status.token of type string").
  CHECK(error_of("apiVersion: client.authentication.k8s.io/v1beta1\nkind: ExecCredential\nstatus:\n  token: 123\n") ==
        k_prefix + "returned status.token as number, not a string");
  // A quoted one is, and YAML is accepted (E20).
  auto quoted = parse("apiVersion: client.authentication.k8s.io/v1beta1\nkind: ExecCredential\nstatus:\n  token: \"123\"\n");
  REQUIRE(quoted.ok());
  CHECK(quoted->token == "123");
}

TEST_CASE("exec_credential: apiVersion and kind (E11, E12, E13, E15)") {
  CHECK(error_of(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":"t"}})") ==
        k_prefix +
            "returned apiVersion \"client.authentication.k8s.io/v1\", but the kubeconfig's exec section asks for "
            "\"client.authentication.k8s.io/v1beta1\"; they must match");
  CHECK(error_of(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1alpha1","status":{"token":"t"}})") ==
        k_prefix +
            "returned unsupported apiVersion \"client.authentication.k8s.io/v1alpha1\"; expected "
            "\"client.authentication.k8s.io/v1beta1\"");
  CHECK(first_hint(R"({"apiVersion":"client.authentication.k8s.io/v1alpha1"})") ==
        "kubectl reports: getting credentials: decoding stdout: no kind \"ExecCredential\" is registered for version "
        "\"client.authentication.k8s.io/v1alpha1\" in scheme \"pkg/client/auth/exec/exec.go:62\"");
  CHECK(error_of(R"({"kind":"Credential","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t"}})") ==
        k_prefix + "returned kind \"Credential\"; expected \"ExecCredential\"");
  CHECK(error_of(R"({"kind":"ExecCredential","status":{"token":"t"}})") ==
        k_prefix + "returned an ExecCredential without apiVersion; expected \"client.authentication.k8s.io/v1beta1\"");
}

TEST_CASE("exec_credential: status checks (E16, E17, E18)") {
  CHECK(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1beta1"})") ==
        k_prefix + "returned an ExecCredential without a status field");
  CHECK(first_hint(R"({"apiVersion":"client.authentication.k8s.io/v1beta1"})") ==
        "kubectl reports: getting credentials: exec plugin didn't return a status field");
  CHECK(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{}})") ==
        k_prefix + "returned an ExecCredential whose status has no token and no client certificate");
  CHECK(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"clientCertificateData":"C"}})") ==
        k_prefix + "returned status.clientCertificateData without status.clientKeyData");
  CHECK(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"clientKeyData":"K"}})") ==
        k_prefix + "returned status.clientKeyData without status.clientCertificateData");
}

TEST_CASE("exec_credential: expirationTimestamp (E21) and an already expired credential, used") {
  CHECK(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t","expirationTimestamp":"tomorrow"}})") ==
        k_prefix +
            "returned status.expirationTimestamp \"tomorrow\", which is not an RFC 3339 time like "
            "\"2026-11-29T14:08:49Z\"");
  // Decoding happens first in client-go: a bad time is reported even without a status token.
  CHECK(error_of(R"({"apiVersion":"client.authentication.k8s.io/v1","status":{"expirationTimestamp":"2026-11-29 14:00:00"}})")
            .find("is not an RFC 3339 time") != std::string::npos);
  // exec_test.go TestRefreshCreds "beta-with-expiry-in-the-past"-style: client-go keeps and uses
  // an already expired credential (it runs the plugin again on the next request); so do we.
  auto past = eks::parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t","expirationTimestamp":"2026-11-29T12:00:00Z"}})",
      "client.authentication.k8s.io/v1beta1", "aws eks get-token", *eks::parse_rfc3339("2026-11-29T14:00:00Z"));
  REQUIRE(past.ok());
  CHECK(past->expired);
  CHECK(past->token == "t");
  auto future = eks::parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"t","expirationTimestamp":"2026-11-29T15:00:00Z"}})",
      "client.authentication.k8s.io/v1beta1", "aws eks get-token", *eks::parse_rfc3339("2026-11-29T14:00:00Z"));
  REQUIRE(future.ok());
  CHECK_FALSE(future->expired);
}

TEST_CASE("exec_credential: a token never appears in an error message") {
  const std::string token = "k8s-aws-v1.c2VjcmV0LXRva2VuLXZhbHVl";
  const std::string cases[] = {
      "garbage " + token,
      R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","status":{"token":")" + token + "\"}}",
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":")" + token +
          R"(","expirationTimestamp":"2020-01-01 00:00:00"}})",
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":{"v":")" + token + "\"}}}",
  };
  for (const std::string& out : cases) {
    const auto r = parse(out);
    REQUIRE_FALSE(r.ok());
    CAPTURE(r.error().message);
    CHECK(r.error().message.find("c2VjcmV0") == std::string::npos);
    for (const std::string& hint : r.error().hints) {
      CHECK(hint.find("c2VjcmV0") == std::string::npos);
    }
  }
}

TEST_CASE("exec_credential: mask_token") {
  CHECK(eks::mask_token("") == "");
  CHECK(eks::mask_token("short") == "****");
  CHECK(eks::mask_token("gho_abcdefghijklmnop") == "gho****");
  CHECK(eks::mask_token("k8s-aws-v1.abc") == "k8s-aws-v1.****");
}
