#include <doctest/doctest.h>

#include <string>

#include "lib/util/redact.hpp"

using eks::redact_secrets;

TEST_CASE("redact: EKS tokens and bearer headers") {
  CHECK(redact_secrets("token k8s-aws-v1.aHR0cHM6Ly9zdHMuYW1hem9uYXdzLmNvbS8_QWN0aW9u-x_y done") ==
        "token k8s-aws-v1.<redacted> done");
  CHECK(redact_secrets("Authorization: Bearer abc.def-ghi\nnext") == "Authorization: Bearer <redacted>\nnext");
  CHECK(redact_secrets("nothing secret here") == "nothing secret here");
}

TEST_CASE("redact: JSON values of secret keys, compact and pretty") {
  const std::string compact =
      R"({"kind":"ExecCredential","status":{"expirationTimestamp":"2026-11-29T14:08:49Z","token":"k8s-aws-v1.abc"}})";
  CHECK(redact_secrets(compact) ==
        R"({"kind":"ExecCredential","status":{"expirationTimestamp":"2026-11-29T14:08:49Z","token":"<redacted>"}})");
  const std::string pretty = "{\n  \"accessToken\": \"aoa\\\"bc\",\n  \"refreshToken\" : \"r1\",\n"
                             "  \"clientSecret\": \"s\",\n  \"clientId\": \"keep-me\"\n}";
  CHECK(redact_secrets(pretty) == "{\n  \"accessToken\": \"<redacted>\",\n  \"refreshToken\" : \"<redacted>\",\n"
                                  "  \"clientSecret\": \"<redacted>\",\n  \"clientId\": \"keep-me\"\n}");
  CHECK(redact_secrets(R"({"SecretAccessKey":"wJalr","SessionToken":"IQo","AccessKeyId":"ASIA1"})") ==
        R"({"SecretAccessKey":"<redacted>","SessionToken":"<redacted>","AccessKeyId":"ASIA1"})");
  CHECK(redact_secrets(R"({"clientKeyData":"LS0tLS1CRUdJTg=="})") == R"({"clientKeyData":"<redacted>"})");
}

TEST_CASE("redact: YAML lines of secret keys") {
  CHECK(redact_secrets("status:\n  token: k8s-aws-v1.abc\n  expirationTimestamp: x\n") ==
        "status:\n  token: <redacted>\n  expirationTimestamp: x\n");
  CHECK(redact_secrets("status:\n  token:\n") == "status:\n  token:\n");
}

TEST_CASE("redact: AWS credentials file lines") {
  CHECK(redact_secrets("[default]\naws_access_key_id = AKIA1\naws_secret_access_key = wJalrXUtn/K7MDENG\n"
                       "AWS_SESSION_TOKEN=IQoJb3\n") ==
        "[default]\naws_access_key_id = AKIA1\naws_secret_access_key = <redacted>\nAWS_SESSION_TOKEN=<redacted>\n");
}

TEST_CASE("redact: PEM private keys, complete and truncated; certificates are kept") {
  const std::string pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                          "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA\n-----END RSA PRIVATE KEY-----\ntail";
  CHECK(redact_secrets(pem) == "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
                               "-----BEGIN RSA PRIVATE KEY-----<redacted>-----END RSA PRIVATE KEY-----\ntail");
  CHECK(redact_secrets("x -----BEGIN PRIVATE KEY-----\nMIIE") == "x -----BEGIN PRIVATE KEY-----<redacted>");
}

TEST_CASE("redact: mask_token and mask_authorization, the other two masks, live here too") {
  CHECK(eks::mask_token("k8s-aws-v1.aHR0cHM6Ly9zdHM") == "k8s-aws-v1.****");
  CHECK(eks::mask_token("ya29.a0AfH6SMBxxxxxxxx") == "ya2****");
  CHECK(eks::mask_token("123456789012") == "****");
  CHECK(eks::mask_token("") == "");
  CHECK(eks::mask_authorization("Bearer k8s-aws-v1.secret") == "Bearer <masked>");
  CHECK(eks::mask_authorization("Basic dXNlcjpwYXNz") == "Basic <masked>");
  CHECK(eks::mask_authorization("secret") == "<masked>");
}
