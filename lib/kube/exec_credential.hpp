// Decoding and validating an exec plugin's stdout as client-go does (docs/spec/kube.md 2.7):
// JSON or YAML, surrounding whitespace tolerated, unknown fields ignored, `kind` optional,
// apiVersion must equal the one requested. Errors (ErrorKind::general) name the plugin command and
// quote the offending value; the client-go text is kept as a hint. A token never appears in any
// message: only masked_token() may be shown.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lib/util/clock.hpp"
#include "lib/util/redact.hpp"  // mask_token, what masked_token() shows
#include "lib/util/result.hpp"

namespace eks {

struct ExecCredential {
  std::string api_version;
  std::string token;  // secret: never print; use masked_token()
  std::string client_certificate_data;
  std::string client_key_data;  // secret
  std::optional<TimePoint> expiration;
  // expirationTimestamp before `now`: still used (client-go sends it and runs the plugin again
  // on the next request); callers warn and never cache it.
  bool expired = false;

  // "k8s-aws-v1.****" for EKS tokens, "abc****" for others, "" when there is no token.
  [[nodiscard]] std::string masked_token() const;
};

// Parses `stdout_text` from the plugin. `requested_api_version` is the kubeconfig's
// exec.apiVersion; `command` names the plugin in messages (e.g. "aws eks get-token …"). A credential
// whose expirationTimestamp is before `now` is accepted with `expired` set, as client-go uses it.
// A client certificate and key that Go's tls.X509KeyPair would refuse is an invalid
// ExecCredential naming status.clientCertificateData / status.clientKeyData (pem_pair.hpp).
[[nodiscard]] Result<ExecCredential> parse_exec_credential(std::string_view stdout_text,
                                                           std::string_view requested_api_version,
                                                           std::string_view command, TimePoint now);

}  // namespace eks
