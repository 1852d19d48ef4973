#include "lib/session/cluster_client.hpp"

#include <ostream>

namespace eks {

Result<KubeClient> make_cluster_client(const ContextAccess& access, const Credential& credential,
                                       const ClusterClientOptions& options, Deps& deps,
                                       std::shared_ptr<std::optional<LoginRequired>> last_login) {
  KubeClientOptions kopts;
  kopts.request_timeout = options.request_timeout;
  kopts.default_timeout = options.default_timeout;
  kopts.verbosity = deps.verbosity;
  if (deps.verbosity > 0) {
    std::ostream* err = &deps.err;
    kopts.log = [err](std::string_view line) { *err << line << '\n'; };
  }
  if (credential.source == "exec") {
    Deps* d = &deps;
    const ContextAccess* a = &access;
    const AccessOptions aopts = options.access;
    const CacheSettings cache = options.cache;
    kopts.refresh_credential = [d, a, aopts, cache, last_login]() -> Result<KubeCredential> {
      CredentialOutcome again = refresh_credential(*a, aopts, cache, *d);
      if (again.login && last_login) {
        *last_login = again.login;
      }
      if (!again.attempt.credential) {
        return *again.attempt.error;
      }
      const Credential& c = *again.attempt.credential;
      return KubeCredential{c.token, c.client_certificate_pem, c.client_key_pem};
    };
  }
  return KubeClient::create(*access.selection.cluster,
                            KubeCredential{credential.token, credential.client_certificate_pem,
                                           credential.client_key_pem},
                            deps.http, kopts);
}

void add_eks_hints(Error& error, const std::string& context) {
  const std::string doctor = "run: eks-sso doctor --context " + shell_quote(context);
  if (error.kind == ErrorKind::unauthorized) {
    error.hints.push_back("EKS did not map this identity: the IAM role has no access entry (or aws-auth mapping), "
                          "or the token was made for another cluster name");
    error.hints.push_back(doctor + "  (it prints the exact aws eks create-access-entry command)");
  } else if (error.kind == ErrorKind::forbidden) {
    error.hints.push_back("the identity is known but not allowed: its access policy or RBAC binding does not cover "
                          "this (AmazonEKSViewPolicy does not cover nodes)");
    error.hints.push_back(doctor + "  (it prints the exact aws eks associate-access-policy command)");
  }
}

const char* status_word(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::login_required: return "login_required";
    case ErrorKind::unauthorized: return "unauthorized";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::unreachable: return "unreachable";
    default: return "error";
  }
}

}  // namespace eks
