#include "lib/session/sso_verdict.hpp"

#include <fmt/format.h>

#include "lib/util/timefmt.hpp"

namespace eks {

const char* sso_agreement_name(SsoAgreement agreement) {
  switch (agreement) {
    case SsoAgreement::agree: return "agree";
    case SsoAgreement::revoked: return "revoked";
    case SsoAgreement::cached_role_credentials: return "cached-role-credentials";
    case SsoAgreement::plugin_succeeded: return "plugin-succeeded";
    case SsoAgreement::plugin_failed_otherwise: return "plugin-failed-otherwise";
    case SsoAgreement::not_applicable: return "not-applicable";
  }
  return "not-applicable";
}

SsoVerdict reconcile_sso(const SsoSummary& cache, const CredentialOutcome& plugin) {
  SsoVerdict v;
  const bool plugin_ok = plugin.attempt.credential.has_value();
  const bool plugin_login = plugin.login.has_value();
  if (cache.state == SsoState::not_sso || cache.state == SsoState::unknown) {
    v.agreement = SsoAgreement::not_applicable;
    v.login_required = plugin_login;
    return v;
  }
  if (!plugin_ok && !plugin_login) {
    v.agreement = SsoAgreement::plugin_failed_otherwise;
    v.login_required = false;
    return v;
  }
  const bool cache_valid = cache.state == SsoState::valid;
  if (cache_valid) {
    v.agreement = plugin_ok ? SsoAgreement::agree : SsoAgreement::revoked;
    v.login_required = plugin_login;
    if (plugin_login) {
      v.message =
          "the cached token looks valid but the SSO session was revoked or is otherwise invalid "
          "(the exec plugin says so; believing the plugin)";
    }
    return v;
  }
  // The cache says expired or missing.
  if (plugin_login) {
    v.agreement = SsoAgreement::agree;
    v.login_required = true;
    return v;
  }
  v.login_required = false;
  const std::string token_words = cache.state == SsoState::expired ? "SSO token expired" : "no SSO token cached";
  if (cache.role_credentials_until) {
    v.agreement = SsoAgreement::cached_role_credentials;
    v.login_needed_at = cache.role_credentials_until;
    v.message = fmt::format("{}; cached role credentials until {}; a login will be needed then", token_words,
                            format_rfc3339(*cache.role_credentials_until));
    return v;
  }
  v.agreement = SsoAgreement::plugin_succeeded;
  v.message = fmt::format(
      "{} according to the token cache, yet the exec plugin got a credential (a refreshed token or cached "
      "role credentials); believing the plugin",
      token_words);
  return v;
}

}  // namespace eks
