#include "lib/session/context_credential.hpp"

#include <fmt/format.h>

#include "lib/util/timefmt.hpp"

namespace eks {
namespace {

// The plain path: the user's credential source read now, a failed AWS CLI plugin classified.
CredentialOutcome credential_from_source(const ContextAccess& access, const AccessOptions& options, Deps& deps) {
  CredentialOptions copts;
  copts.exec.terminal = options.terminal;
  copts.exec.stdin_is_tty = deps.term.stdin_tty;
  copts.exec.timeout = options.exec_timeout;
  CredentialOutcome outcome;
  outcome.attempt = read_credential_source(access.selection, deps.env, copts, deps.runner, deps.clock,
                                           read_small_file);
  if (outcome.attempt.aws) {
    outcome.login = login_required_from(*outcome.attempt.aws, access.context_name, access.auth.profile);
    if (outcome.login) {
      outcome.login->kubeconfig = options.kubeconfig_flag;
      enrich_login_required(*outcome.login, access, deps);
    }
  }
  return outcome;
}

// The SSO token's own expiry as a cap on what the cache serves (see the header).
std::optional<TimePoint> sso_cap(const ContextAccess& access, Deps& deps) {
  const std::optional<SsoSummary> sso = sso_summary_for(access, deps);
  if (!sso) {
    return std::nullopt;
  }
  switch (sso->state) {
    case SsoState::valid:
      return sso->expires_at;
    case SsoState::missing:
    case SsoState::expired:
      return deps.clock.now();  // logged out or lapsed: serve nothing, let the plugin decide
    case SsoState::not_sso:
    case SsoState::unknown:
      break;
  }
  return std::nullopt;
}

void trace(Deps& deps, const std::string& line) {
  if (deps.verbosity >= 1) {
    deps.err << "credential cache: " << line << '\n';
  }
}

void warn_refused(Deps& deps, const Error& error) {
  deps.err << "warning: not using the credential cache: " << error.message << '\n';
  for (const std::string& hint : error.hints) {
    deps.err << "  " << hint << '\n';
  }
}

CacheOptions cache_options(const AccessOptions& options, const CacheSettings& cache, const Deps& deps) {
  CacheOptions o;
  o.dir = cache.dir ? *cache.dir : credential_cache_dir(deps.env, deps.home);
  o.margin = cache.margin;
  o.owner = cache.owner;
  // The holder's plugin run is bounded by --exec-timeout; wait a little longer than that.
  o.lock_timeout = options.exec_timeout + std::chrono::seconds(5);
  o.interrupted = deps.interrupted;
  return o;
}

CredentialOutcome from_entry(const ContextAccess& access, const ExecCredential& entry) {
  Credential cred;
  cred.source = "exec";
  cred.token = entry.token;
  cred.client_certificate_pem = entry.client_certificate_data;
  cred.client_key_pem = entry.client_key_data;
  cred.api_version = entry.api_version;
  cred.expiration = entry.expiration;
  cred.command = plugin_display_command(*access.selection.user->exec);
  CredentialOutcome outcome;
  outcome.attempt.command = cred.command;
  outcome.attempt.credential = std::move(cred);
  return outcome;
}

ExecCredential to_entry(const Credential& cred) {
  ExecCredential entry;
  entry.api_version = cred.api_version;
  entry.token = cred.token;
  entry.client_certificate_data = cred.client_certificate_pem;
  entry.client_key_data = cred.client_key_pem;
  entry.expiration = cred.expiration;
  return entry;
}

std::string short_key(const std::string& key) { return key.substr(0, 12); }

// Runs the plugin and stores a storable result. The caller holds the lock (or could not get it).
CredentialOutcome run_and_store(const ContextAccess& access, const AccessOptions& options,
                                      CredentialCache& cache, const std::string& key, std::optional<TimePoint> cap,
                                      std::chrono::seconds margin, Deps& deps) {
  CredentialOutcome out = credential_from_source(access, options, deps);
  out.key = key;
  const std::optional<Credential>& cred = out.attempt.credential;
  if (!cred || cred->source != "exec") {
    return out;
  }
  const TimePoint now = deps.clock.now();
  if (!cred->expiration) {
    trace(deps, "not stored: the plugin's ExecCredential has no expirationTimestamp");
    return out;
  }
  if (*cred->expiration - margin <= now) {
    trace(deps, fmt::format("not stored: the credential expires {}, within the {}s margin",
                          format_rfc3339(*cred->expiration), margin.count()));
    return out;
  }
  if (cap && *cap - margin <= now) {
    trace(deps, "not stored: the SSO token has expired or is missing");
    return out;
  }
  const std::string& api_version = access.selection.user->exec->api_version;
  if (Status stored = cache.store(key, to_entry(*cred), api_version); !stored) {
    trace(deps, "not stored: " + stored.error().message);
  } else {
    trace(deps, fmt::format("stored {} (expires {})", short_key(key), format_rfc3339(*cred->expiration)));
  }
  return out;
}

}  // namespace

std::optional<std::string> credential_cache_key_for(const ContextAccess& access, const Deps& deps) {
  const AuthInfo& user = *access.selection.user;
  // A token, tokenFile or client certificate wins over exec (credential.hpp): nothing to cache.
  if (!user.exec || !user.token.empty() || !user.token_file.empty() || !user.client_certificate.empty() ||
      !user.client_certificate_data.empty()) {
    return std::nullopt;
  }
  Result<CacheKeyInput> input = cache_key_input(*user.exec, *access.selection.cluster, deps.env, read_small_file);
  if (!input) {
    return std::nullopt;
  }
  return credential_cache_key(*input);
}

CredentialOutcome get_credential(const ContextAccess& access, const AccessOptions& options,
                                 const CacheSettings& settings, Deps& deps) {
  const std::optional<std::string> key =
      settings.mode == CacheMode::use ? credential_cache_key_for(access, deps) : std::nullopt;
  if (!key) {
    return credential_from_source(access, options, deps);
  }
  Result<CredentialCache> cache = CredentialCache::open(cache_options(options, settings, deps));
  if (!cache) {
    warn_refused(deps, cache.error());
    return credential_from_source(access, options, deps);
  }
  CredentialOutcome out;
  const std::string& api_version = access.selection.user->exec->api_version;
  const std::optional<TimePoint> cap = sso_cap(access, deps);

  CacheLookup found = cache->lookup(*key, api_version, deps.clock.now(), cap);
  if (found.status == CacheStatus::hit) {
    trace(deps, fmt::format("hit {} for context \"{}\" (expires {})", short_key(*key), access.context_name,
                          format_rfc3339(*found.expiration)));
    out = from_entry(access, *found.credential);
    out.from_cache = true;
    out.key = *key;
    return out;
  }
  trace(deps, fmt::format("{} {}{}", short_key(*key), cache_status_name(found.status),
                        found.detail.empty() ? "" : " (" + found.detail + ")"));

  // One plugin run per key: whoever holds the lock runs it; the others find its entry.
  Result<CredentialCache::Lock> lock = cache->lock(*key);
  if (!lock) {
    if (lock.error().kind == ErrorKind::interrupted) {
      out.attempt.error = lock.error();
      return out;
    }
    trace(deps, lock.error().message + "; running the plugin without it");
  } else {
    found = cache->lookup(*key, api_version, deps.clock.now(), cap);
    if (found.status == CacheStatus::hit) {
      trace(deps, fmt::format("hit {} after waiting for another run", short_key(*key)));
      out = from_entry(access, *found.credential);
      out.from_cache = true;
      out.key = *key;
      return out;
    }
  }
  return run_and_store(access, options, *cache, *key, cap, settings.margin, deps);
}

CredentialOutcome refresh_credential(const ContextAccess& access, const AccessOptions& options,
                                     const CacheSettings& settings, Deps& deps) {
  invalidate_cached_credential(access, settings, deps);
  return get_credential(access, options, settings, deps);
}

void invalidate_cached_credential(const ContextAccess& access, const CacheSettings& settings, Deps& deps) {
  if (settings.mode != CacheMode::use) {
    return;
  }
  const std::optional<std::string> key = credential_cache_key_for(access, deps);
  if (!key) {
    return;
  }
  CacheOptions o;
  o.dir = settings.dir ? *settings.dir : credential_cache_dir(deps.env, deps.home);
  o.owner = settings.owner;
  Result<CredentialCache> cache = CredentialCache::open(o);
  if (cache) {
    cache->invalidate(*key);
    trace(deps, fmt::format("dropped {}", short_key(*key)));
  }
}

}  // namespace eks
