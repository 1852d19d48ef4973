// get_credential (context_access) through the on-disk credential cache (credential_cache), for
// the commands that want speed: `get nodes`, `connect --use-cache` and the kubectl wrapper
// `eks-sso credential`. Never for doctor, default connect or logout-test: their job is to see the
// live state, so they call get_credential directly.
//
// Only exec-plugin credentials are cached; a token, tokenFile or client certificate is read as
// get_credential reads it. The flow for an exec user:
//   1. lookup without a lock (warm path: no plugin, no lock);
//   2. on a miss, take the key's lock, look again (another process may just have stored it), and
//      only then run the plugin and store its ExecCredential;
//   3. a refused cache folder (owned by another user, open to others) prints one warning on
//      deps.err and the plugin runs as if there were no cache; the exit code is not affected.
//
// The SSO cap (documented in eks-sso-credential(1)): when the context's AWS profile uses SSO and
// the token cache says the SSO token is `valid` until T, an entry is served only before T (less
// the margin); when it says `missing` or `expired` (logged out, or the login lapsed) nothing is
// served and the plugin runs, so a logout is seen at once. The AWS CLI v2 may still hand out a
// token from its own role-credential cache then; that fresh credential is used but not stored.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "lib/session/context_access.hpp"
#include "lib/kube/credential_cache.hpp"

namespace eks {

enum class CacheMode { use, bypass };

struct CacheSettings {
  CacheMode mode = CacheMode::use;  // bypass: --no-cache
  std::chrono::seconds margin{60};
  std::optional<std::filesystem::path> dir;  // default: credential_cache_dir(deps.env, deps.home)
  std::optional<uid_t> owner;                // default: geteuid() (tests)
};

struct CachedCredentialOutcome {
  CredentialOutcome outcome;  // exactly what get_credential returns (credential, error, login)
  bool from_cache = false;    // served from the cache: the plugin did not run
  std::string key;            // the cache key ("" when not cacheable or bypassed)
};

// get_credential, through the cache. Diagnostics at -v 1 and above on deps.err (never the token).
[[nodiscard]] CachedCredentialOutcome get_credential_cached(const ContextAccess& access, const AccessOptions& options,
                                                            const CacheSettings& cache, Deps& deps);

// For KubeClient's refresh_credential after a 401: drops the context's entry, then runs the
// plugin again (under the lock) and stores the fresh credential.
[[nodiscard]] CachedCredentialOutcome refresh_credential_cached(const ContextAccess& access,
                                                                const AccessOptions& options,
                                                                const CacheSettings& cache, Deps& deps);

// Drops the context's entry (e.g. when the refreshed credential is rejected too). Quiet.
void invalidate_cached_credential(const ContextAccess& access, const CacheSettings& cache, Deps& deps);

// The cache key of the context's exec user; nullopt when the user has no exec plugin or the key
// cannot be computed (unreadable certificate-authority file).
[[nodiscard]] std::optional<std::string> credential_cache_key_for(const ContextAccess& access, const Deps& deps);

}  // namespace eks
