// Issue 9: every input the fuzzers (fuzz/fuzz_*.cpp, scripts/fuzz.sh) found crashing, reduced to
// a test. Each case names the target and what went wrong before the fix.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "lib/aws/config.hpp"
#include "lib/session/contexts_view.hpp"
#include "lib/kube/exec_credential.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/util/redact.hpp"
#include "lib/aws/sso_cache.hpp"
#include "lib/util/timefmt.hpp"
#include "lib/util/utf8.hpp"
#include "lib/formats/go_format.hpp"

namespace {

eks::TimePoint now() { return *eks::parse_rfc3339_strict("2026-11-29T14:08:49Z"); }

}  // namespace

// fuzz_kubeconfig: bytes that are not UTF-8 were accepted by yaml-cpp, and `contexts -o json`
// then died in nlohmann's dump ("invalid UTF-8 byte"). kubectl refuses such a file.
TEST_CASE("fuzz regression: a kubeconfig that is not UTF-8 is a config error naming the file") {
  const std::string text =
      "apiVersion: v1\nkind: Config\ncontexts:\n- name: shadowed\n  context:\n    cluster: c\n    user: u\n"
      "    namespace: shadowed\xa9\xa9\n";
  const auto r = eks::parse_kubeconfig(text, "/k/config");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == eks::ErrorKind::config);
  CHECK(r.error().message == "/k/config:8:24: not valid UTF-8 text (byte 0xA9)");

  CHECK(eks::parse_kubeconfig("name: caf\xc3\xa9\n", "k").ok());                // é, valid
  CHECK_FALSE(eks::parse_kubeconfig("name: caf\xe9\n", "k").ok());               // Latin-1 é
  CHECK_FALSE(eks::parse_kubeconfig("name: \xed\xa0\x80\n", "k").ok());           // a surrogate
  CHECK_FALSE(eks::parse_kubeconfig("name: \xc0\xaf\n", "k").ok());               // overlong '/'
  CHECK(eks::parse_kubeconfig("a: b\n\xf0\x9f\x98\x80: x\n", "k").ok());         // 4-byte emoji
  CHECK(eks::parse_kubeconfig("a: \xf4\x90\x80\x80\n", "k").error().message == "k:1:4: not valid UTF-8 text (byte 0xF4)");

  // What is accepted can always be printed as strict JSON (the property the fuzzer checks).
  const auto ok = eks::parse_kubeconfig(
      "contexts:\n- name: caf\xc3\xa9\n  context: {cluster: c, user: u, namespace: \xe2\x82\xac}\n", "k");
  REQUIRE(ok.ok());
  for (const auto& e : eks::list_contexts(*ok, eks::Env{})) {
    CHECK_NOTHROW((void)eks::context_to_json(e).dump());
  }
}

TEST_CASE("fuzz regression: invalid_utf8_offset") {
  CHECK(eks::invalid_utf8_offset("") == std::string_view::npos);
  CHECK(eks::invalid_utf8_offset("plain \xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") == std::string_view::npos);
  CHECK(eks::invalid_utf8_offset("ab\xff") == 2);
  CHECK(eks::invalid_utf8_offset("ab\xc3") == 2);        // truncated at the end
  CHECK(eks::invalid_utf8_offset("\xe2\x82x") == 0);     // bad continuation
  CHECK(eks::invalid_utf8_offset("\xe0\x80\x80") == 0);  // overlong
}

// fuzz_duration, fuzz_exec_credential, fuzz_sso_token, fuzz_role_credentials: a well-formed
// timestamp after 2262 (or before 1677) overflowed TimePoint's 64-bit nanoseconds (UBSan: signed
// integer overflow in chrono's duration_cast). Found with "9999-12-31T23:59:59Z",
// "2826-11-29T16:48:09Z", "4513-11-29T14:33:59Z", "5352-11-29T17:42:42Z".
TEST_CASE("fuzz regression: timestamps outside 1900..2199 are not parsed") {
  for (const char* t : {"9999-12-31T23:59:59Z", "2826-11-29T16:48:09Z", "4513-11-29T14:33:59Z", "0001-01-01T00:00:00Z",
                        "1677-09-21T00:12:43Z", "2262-04-11T23:47:16Z", "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z"}) {
    CAPTURE(t);
    CHECK_FALSE(eks::parse_rfc3339(t).has_value());
    CHECK_FALSE(eks::parse_rfc3339_strict(t).has_value());
  }
  const auto last = eks::parse_rfc3339("2199-12-31T23:59:59.999999999Z");
  REQUIRE(last.has_value());
  CHECK(eks::format_rfc3339(*last) == "2199-12-31T23:59:59Z");
  CHECK(eks::relative_to_now(*last, now()) == "in 63219d9h");
  const auto first = eks::parse_rfc3339("1900-01-01T00:00:00+05:00");  // 1899 in UTC: still fine
  REQUIRE(first.has_value());
  CHECK(eks::format_rfc3339(*first) == "1899-12-31T19:00:00Z");
  CHECK(eks::human_duration(now() - *first) == "126y");
}

TEST_CASE("fuzz regression: far-future expiry in an ExecCredential, SSO token and role credentials") {
  const auto cred = eks::parse_exec_credential(
      R"({"kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1beta1", "spec": {}, )"
      R"("status": {"expirationTimestamp": "2826-11-29T16:48:09Z", "token": "k8s-aws-v1.aHR0cHM6Ly9zdHM"}})",
      "client.authentication.k8s.io/v1beta1", "aws eks get-token", now());
  REQUIRE_FALSE(cred.ok());
  CHECK(cred.error().message ==
        "exec plugin \"aws eks get-token\" returned status.expirationTimestamp \"2826-11-29T16:48:09Z\", which is "
        "not an RFC 3339 time like \"2026-11-29T14:08:49Z\"");

  const eks::SsoTokenInfo token = eks::parse_sso_token_file(
      R"({"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", )"
      R"("accessToken": "aoaAAAAAFAKEACCESSTOKEN", "expiresAt": "4513-11-29T14:33:59Z"})");
  CHECK(token.expires_at_raw == std::optional<std::string>("4513-11-29T14:33:59Z"));
  CHECK_FALSE(token.expires_at.has_value());
  for (const auto kind : {eks::SsoTokenKind::legacy, eks::SsoTokenKind::session}) {
    CHECK(eks::evaluate_sso_token(token, now(), kind).state == eks::SsoTokenState::invalid);
  }

  const auto role = eks::parse_role_credentials_file(
      R"({"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAMOCK", "SecretAccessKey": "mockSecret", )"
      R"("SessionToken": "mock", "Expiration": "5352-11-29T17:42:42Z"}})",
      "/h/.aws/cli/cache/x.json");
  REQUIRE_FALSE(role.ok());
  CHECK(role.error().message ==
        "/h/.aws/cli/cache/x.json: \"Credentials.Expiration\" \"5352-11-29T17:42:42Z\" is not a timestamp");
}

// fuzz_sso_token, fuzz_role_credentials: a number beyond a double ("1e999") made nlohmann throw
// out_of_range (not a parse_error), which escaped the parser: `contexts` ended with
// "internal error" and exit 1.
TEST_CASE("fuzz regression: an out-of-range number in an SSO cache or role-credential file") {
  const eks::SsoTokenInfo token = eks::parse_sso_token_file(
      R"({"accessToken": "aoaFAKE", "expiresAt": "2099-11-30T00:33:59Z", "n": 44444444444444444444444444e4444444})");
  CHECK(token.format == eks::SsoTokenInfo::Format::not_json);
  CHECK(token.parse_error == "not valid JSON: a number is out of range");
  CHECK(eks::evaluate_sso_token(token, now(), eks::SsoTokenKind::session).state == eks::SsoTokenState::corrupt);

  const auto role = eks::parse_role_credentials_file(
      R"({"Credentials": {"Expiration": "2026-11-29T17:42:42Z", "x": -1e999}})", "/h/.aws/cli/cache/x.json");
  REQUIRE_FALSE(role.ok());
  CHECK(role.error().message == "/h/.aws/cli/cache/x.json: not valid JSON: a number is out of range");
}

// Found while sizing the fuzzers' inputs: redact_secrets used std::regex, whose libstdc++
// executor recurses once per character of a repeated match; a token-like run of ~100 KB (a
// plugin may write 1 MiB of stderr, 4 MiB of stdout) overflowed the stack (SIGSEGV).
TEST_CASE("fuzz regression: redact_secrets on megabyte-long secrets") {
  const std::string run(4 * 1024 * 1024, 'a');
  CHECK(eks::redact_secrets("{\"token\": \"" + run + "\"}") == "{\"token\": \"<redacted>\"}");
  CHECK(eks::redact_secrets("x k8s-aws-v1." + run + " y") == "x k8s-aws-v1.<redacted> y");
  CHECK(eks::redact_secrets("status:\n  token: " + run + "\n") == "status:\n  token: <redacted>\n");
  CHECK(eks::redact_secrets("Authorization: Bearer " + run) == "Authorization: Bearer <redacted>");
  CHECK(eks::redact_secrets("aws_session_token=" + run) == "aws_session_token=<redacted>");
  const std::string spaces(1024 * 1024, ' ');
  CHECK(eks::redact_secrets("\"accessToken\"" + spaces + ":" + spaces + "\"v\"") ==
        "\"accessToken\"" + spaces + ":" + spaces + "\"<redacted>\"");
  // A value cut short (no closing quote) is masked to the end rather than left in clear.
  CHECK(eks::redact_secrets(R"({"refreshToken": "aorAAAA)") == R"({"refreshToken": "<redacted>)");
  CHECK(eks::redact_secrets(std::string(1024 * 1024, '\n')).size() == 1024 * 1024);
}

// fuzz_exec_credential: a token pasted into status.expirationTimestamp (or apiVersion, kind) was
// echoed in the "not an RFC 3339 time" message and in kubectl's parsing-time hint.
TEST_CASE("fuzz regression: values echoed from a plugin's ExecCredential are redacted") {
  const std::string token = "k8s-aws-v1.aHR0cHM6Ly9zdHMudXMtZWFzdC0xLmFtYXpvbmF3cy5jb20vP0FjdGlvbj1HZXRDYWxsZXJJZGVudGl0eQ";
  const std::string v1beta1 = "client.authentication.k8s.io/v1beta1";
  for (const std::string& doc :
       {R"({"kind":"ExecCredential","apiVersion":")" + v1beta1 + R"(","status":{"expirationTimestamp":"2026-11-29T16:48 )" +
            token + R"(","token":"t"}})",
        R"({"kind":"ExecCredential","apiVersion":")" + token + R"(","status":{"token":"t"}})",
        R"({"kind":")" + token + R"(","apiVersion":")" + v1beta1 + R"(","status":{"token":"t"}})"}) {
    const auto r = eks::parse_exec_credential(doc, v1beta1, "aws eks get-token", now());
    REQUIRE_FALSE(r.ok());
    CHECK_MESSAGE(r.error().message.find(token) == std::string::npos, r.error().message);
    CHECK(r.error().message.find("k8s-aws-v1.<redacted>") != std::string::npos);
    for (const auto& hint : r.error().hints) {
      CHECK_MESSAGE(hint.find(token) == std::string::npos, hint);
    }
  }
}

TEST_CASE("fuzz regression: go_yaml, a literal block that ends on U+2029 ends the document there") {
  // fuzz/corpus/go_yaml/6c3ac2f7...: the property, not the writer, was wrong; kubectl 1.32 writes
  // the same (the "ps-literal" value of tests/data/transcripts/kube/Y01-configmap-yaml.txt).
  CHECK(eks::go_yaml_marshal(nlohmann::json::parse(R"(["\nx\u2029"])")) == "- |2\n\n  x\u2029");
  CHECK(eks::go_yaml_marshal(nlohmann::json::parse(R"({"a":"\nx\u2029","b":1})")) == "a: |2\n\n  x\u2029b: 1\n");
}
