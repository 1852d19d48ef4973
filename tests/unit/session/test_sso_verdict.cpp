// reconcile_sso: the token cache against the exec plugin; the plugin is believed (issue 5).
#include <doctest/doctest.h>

#include "lib/session/sso_verdict.hpp"
#include "lib/util/timefmt.hpp"

namespace eks {
namespace {

TimePoint at(const char* text) { return *parse_rfc3339(text); }

SsoSummary cache(SsoState state) {
  SsoSummary s;
  s.state = state;
  s.profile = "dev";
  return s;
}

CredentialOutcome plugin_ok() {
  CredentialOutcome o;
  o.attempt.credential = Credential{};
  return o;
}

CredentialOutcome plugin_login(LoginReason reason) {
  CredentialOutcome o;
  o.attempt.error = make_error(ErrorKind::login_required, "aws eks get-token failed");
  o.login = LoginRequired{};
  o.login->reason = reason;
  return o;
}

CredentialOutcome plugin_other() {
  CredentialOutcome o;
  o.attempt.error = make_error(ErrorKind::unreachable, "aws eks get-token failed: Could not connect");
  return o;
}

TEST_CASE("sso verdict: agreement") {
  SsoVerdict v = reconcile_sso(cache(SsoState::valid), plugin_ok());
  CHECK(v.agreement == SsoAgreement::agree);
  CHECK_FALSE(v.login_required);
  CHECK(v.message.empty());

  v = reconcile_sso(cache(SsoState::missing), plugin_login(LoginReason::sso_token_missing));
  CHECK(v.agreement == SsoAgreement::agree);
  CHECK(v.login_required);
  CHECK(v.message.empty());

  v = reconcile_sso(cache(SsoState::expired), plugin_login(LoginReason::sso_token_expired));
  CHECK(v.agreement == SsoAgreement::agree);
  CHECK(v.login_required);
}

TEST_CASE("sso verdict: a valid-looking token whose session was revoked (transcript 52)") {
  const SsoVerdict v = reconcile_sso(cache(SsoState::valid), plugin_login(LoginReason::sso_session_invalid));
  CHECK(v.agreement == SsoAgreement::revoked);
  CHECK(v.login_required);
  CHECK(v.message ==
        "the cached token looks valid but the SSO session was revoked or is otherwise invalid (the exec plugin "
        "says so; believing the plugin)");
  CHECK(std::string(sso_agreement_name(v.agreement)) == "revoked");
}

TEST_CASE("sso verdict: expired token, CLI v2 cached role credentials (transcript 11)") {
  SsoSummary s = cache(SsoState::expired);
  s.role_credentials_until = at("2026-11-29T17:33:59Z");
  SsoVerdict v = reconcile_sso(s, plugin_ok());
  CHECK(v.agreement == SsoAgreement::cached_role_credentials);
  CHECK_FALSE(v.login_required);
  CHECK(v.login_needed_at == at("2026-11-29T17:33:59Z"));
  CHECK(v.message == "SSO token expired; cached role credentials until 2026-11-29T17:33:59Z; a login will be needed "
                     "then");
  CHECK(std::string(sso_agreement_name(v.agreement)) == "cached-role-credentials");

  s.state = SsoState::missing;
  v = reconcile_sso(s, plugin_ok());
  CHECK(v.message == "no SSO token cached; cached role credentials until 2026-11-29T17:33:59Z; a login will be "
                     "needed then");
}

TEST_CASE("sso verdict: expired token, plugin succeeded for a reason the files do not show") {
  const SsoVerdict v = reconcile_sso(cache(SsoState::expired), plugin_ok());
  CHECK(v.agreement == SsoAgreement::plugin_succeeded);
  CHECK_FALSE(v.login_required);
  CHECK_FALSE(v.login_needed_at.has_value());
  CHECK(v.message == "SSO token expired according to the token cache, yet the exec plugin got a credential (a "
                     "refreshed token or cached role credentials); believing the plugin");
}

TEST_CASE("sso verdict: nothing to compare") {
  SsoVerdict v = reconcile_sso(cache(SsoState::valid), plugin_other());
  CHECK(v.agreement == SsoAgreement::plugin_failed_otherwise);
  CHECK_FALSE(v.login_required);
  CHECK(v.message.empty());

  v = reconcile_sso(cache(SsoState::not_sso), plugin_ok());
  CHECK(v.agreement == SsoAgreement::not_applicable);
  v = reconcile_sso(cache(SsoState::unknown), plugin_login(LoginReason::sso_token_missing));
  CHECK(v.agreement == SsoAgreement::not_applicable);
  CHECK(v.login_required);  // the plugin is believed even when the files could not tell
}

}  // namespace
}  // namespace eks
