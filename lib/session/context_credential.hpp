// The one way to the credential of an opened context: get_credential(access, options, cache, deps).
// It reads the user's credential source as kubectl would (credential.hpp: token, tokenFile, client
// certificate, else the exec plugin), classifies a failed AWS CLI plugin into the login-required
// outcome (enriched from the SSO token cache, files only), and, when the cache settings say so,
// goes through the on-disk credential cache (kube/credential_cache). Bypassing the cache is the
// plain path: `CacheSettings{}` (mode bypass) is what doctor, default connect, logout-test and
// login's verification use, because their job is to see the live state; `get nodes`,
// `connect --use-cache` and the kubectl wrapper `eks-sso credential` set mode `use`.
//
// Only exec-plugin credentials are cached; a token, tokenFile or client certificate is read as
// kubectl reads it. The cached flow for an exec user:
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

#include "lib/aws/login_action.hpp"
#include "lib/kube/credential_cache.hpp"
#include "lib/session/context_access.hpp"
#include "lib/session/credential.hpp"

namespace eks {

struct AccessOptions {
  std::chrono::milliseconds exec_timeout{30000};
  TerminalPolicy terminal = TerminalPolicy::never;  // verifying commands never hand over a terminal
  std::string kubeconfig_flag;                       // repeated in the eks-sso login command
};

enum class CacheMode { bypass, use };

struct CacheSettings {
  CacheMode mode = CacheMode::bypass;  // the plain path; `use` for get nodes, credential, connect --use-cache
  std::chrono::seconds margin{60};
  std::optional<std::filesystem::path> dir;  // default: credential_cache_dir(deps.env, deps.home)
  std::optional<uid_t> owner;                // default: geteuid() (tests)
};

struct CredentialOutcome {
  CredentialAttempt attempt;
  std::optional<LoginRequired> login;  // set when the failure is one a login fixes (exit 3)
  bool from_cache = false;             // served from the cache: the plugin did not run
  std::string key;                     // the cache key ("" when not cacheable or bypassed)
};

// The context's credential. Cache diagnostics at -v 1 and above on deps.err (never the token).
[[nodiscard]] CredentialOutcome get_credential(const ContextAccess& access, const AccessOptions& options,
                                               const CacheSettings& cache, Deps& deps);

// For KubeClient's refresh_credential after a 401: drops the context's cache entry (when the
// cache is in use), then gets the credential again (the plugin runs under the key's lock and the
// fresh credential is stored).
[[nodiscard]] CredentialOutcome refresh_credential(const ContextAccess& access, const AccessOptions& options,
                                                   const CacheSettings& cache, Deps& deps);

// Drops the context's entry (e.g. when the refreshed credential is rejected too). Quiet.
void invalidate_cached_credential(const ContextAccess& access, const CacheSettings& cache, Deps& deps);

// The cache key of the context's exec user; nullopt when the user has no exec plugin or the key
// cannot be computed (unreadable certificate-authority file).
[[nodiscard]] std::optional<std::string> credential_cache_key_for(const ContextAccess& access, const Deps& deps);

}  // namespace eks
