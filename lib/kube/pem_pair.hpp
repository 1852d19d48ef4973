// Checking a client certificate and key pair the way Go's crypto/tls.X509KeyPair does before
// client-go uses an exec plugin's status.clientCertificateData / clientKeyData (exec.go
// refreshCredsLocked: "failed parsing client key/certificate: <tls error>"), without linking
// libcrypto (eks-sso never links it, tests/e2e/test_startup.sh): PEM blocks found and typed as Go
// does, the DER structure of the certificate and key walked, and for RSA and EC keys the public
// key compared with the certificate's ("tls: private key does not match public key"). Other key
// types (Ed25519) are accepted once well-formed. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>

#include "lib/util/result.hpp"

namespace eks {

struct PemPairProblem {
  std::string field;     // "clientCertificateData" or "clientKeyData": the one at fault
  std::string go_error;  // Go's text, e.g. "tls: failed to find any PEM data in certificate input"
};

// nullopt-like: an empty `go_error` means the pair is usable.
[[nodiscard]] PemPairProblem check_pem_pair(std::string_view cert_pem, std::string_view key_pem);

}  // namespace eks
