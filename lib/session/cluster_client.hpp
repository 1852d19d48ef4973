// A KubeClient for an opened context and its credential: the kubeconfig's TLS settings, the
// bearer token or client certificate, --request-timeout, verbose logging to stderr (tokens
// masked by the HTTP layer), and on a 401 one re-run of the exec plugin (client-go refreshes on
// 401). A refresh that finds the SSO login missing returns a login_required error.
#pragma once

#include <optional>

#include "lib/session/context_credential.hpp"
#include "lib/session/context_access.hpp"
#include "lib/kube/client.hpp"

namespace eks {

struct ClusterClientOptions {
  std::chrono::milliseconds request_timeout{0};  // --request-timeout when given (sent as timeout=)
  std::chrono::milliseconds default_timeout{10000};  // the transport limit otherwise
  AccessOptions access;                          // for the 401 refresh
  CacheSettings cache;                           // mode use: the 401 refresh drops and refills the cache entry
};

// `last_login` receives the LoginRequired outcome if a refresh ran into one.
[[nodiscard]] Result<KubeClient> make_cluster_client(const ContextAccess& access, const Credential& credential,
                                                     const ClusterClientOptions& options, Deps& deps,
                                                     std::shared_ptr<std::optional<LoginRequired>> last_login = nullptr);

// What a person should do about a 401 or 403 from EKS (docs/spec/eks.md section 3): the
// identity is not mapped (no access entry, or a token for another cluster) or not allowed.
void add_eks_hints(Error& error, const std::string& context);

// The contract's connect/doctor status word for an error kind: login_required, unauthorized,
// forbidden, unreachable, error.
[[nodiscard]] const char* status_word(ErrorKind kind);

}  // namespace eks
