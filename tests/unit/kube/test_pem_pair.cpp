// check_pem_pair: crypto/tls.X509KeyPair's verdicts on an exec plugin's client certificate and
// key (client-go exec.go refreshCredsLocked), with real keys from the test PKI.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "lib/kube/exec_credential.hpp"
#include "lib/kube/pem_pair.hpp"
#include "lib/util/timefmt.hpp"
#include "support/tls_server.hpp"

namespace {

std::string go_error(const std::string& cert, const std::string& key) { return eks::check_pem_pair(cert, key).go_error; }

}  // namespace

// exec_test.go TestRefreshCreds "beta-client-cert" (a good pair is accepted).
TEST_CASE("pem_pair: a matching pair from the test PKI") {
  eks::test::TestCa ca;
  const eks::test::Pem leaf = ca.issue("client", {}, {});
  CHECK(go_error(leaf.cert, leaf.key).empty());
  // Chains and extra blocks: the first certificate and the first key count.
  CHECK(go_error(leaf.cert + ca.cert_pem(), leaf.key).empty());
}

// Go's tls.X509KeyPair errors, as client-go wraps them ("failed parsing client key/certificate").
TEST_CASE("pem_pair: not PEM, switched, or not a pair") {
  eks::test::TestCa ca;
  const eks::test::Pem a = ca.issue("a", {}, {});
  const eks::test::Pem b = ca.issue("b", {}, {});
  CHECK(go_error("not pem", a.key) == "tls: failed to find any PEM data in certificate input");
  CHECK(eks::check_pem_pair("not pem", a.key).field == "clientCertificateData");
  CHECK(go_error(a.cert, "not pem") == "tls: failed to find any PEM data in key input");
  CHECK(eks::check_pem_pair(a.cert, "not pem").field == "clientKeyData");
  CHECK(go_error(a.key, a.cert) ==
        "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may "
        "have been switched");
  CHECK(go_error(a.cert, a.cert) == "tls: found a certificate rather than a key in the PEM for the private key");
  CHECK(go_error(a.cert, b.key) == "tls: private key does not match public key");
  CHECK(go_error("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", a.key) ==
        "x509: malformed certificate");
  CHECK(go_error(a.cert, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") ==
        "tls: failed to parse private key");
}

// An invalid ExecCredential (exit 1) naming the plugin's fields, not the kubeconfig's.
TEST_CASE("pem_pair: parse_exec_credential refuses a bad pair naming status fields") {
  eks::test::TestCa ca;
  const eks::test::Pem a = ca.issue("a", {}, {});
  const eks::test::Pem b = ca.issue("b", {}, {});
  const auto now = *eks::parse_rfc3339("2026-11-29T14:00:00Z");
  const auto out = [](const std::string& cert, const std::string& key) {
    return nlohmann::json{{"apiVersion", "client.authentication.k8s.io/v1"},
                          {"kind", "ExecCredential"},
                          {"status", {{"clientCertificateData", cert}, {"clientKeyData", key}}}}
        .dump();
  };
  auto bad = eks::parse_exec_credential(out(a.cert, b.key), "client.authentication.k8s.io/v1", "my-plugin", now);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().kind == eks::ErrorKind::general);
  CHECK(bad.error().message ==
        "exec plugin \"my-plugin\" returned status.clientKeyData that is not usable with status.clientCertificateData: "
        "tls: private key does not match public key");
  CHECK(bad.error().hints.at(0) ==
        "kubectl reports: getting credentials: failed parsing client key/certificate: tls: private key does not match "
        "public key");
  auto garbage = eks::parse_exec_credential(out("C", "K"), "client.authentication.k8s.io/v1", "my-plugin", now);
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().message.find("status.clientCertificateData") != std::string::npos);
  CHECK(garbage.error().message.find("kubeconfig") == std::string::npos);
  auto good = eks::parse_exec_credential(out(a.cert, a.key), "client.authentication.k8s.io/v1", "my-plugin", now);
  CHECK(good.ok());
}
