// What the SSO token cache says (files only, sso_state) against what the exec plugin says (it ran
// `aws eks get-token`): when they disagree, the plugin is believed and the difference explained
// (issue 5, "Tell apart what the cache says from what the plugin says"). Two known cases: a token
// that looks valid in the cache but whose session was revoked, and AWS CLI v2 carrying on after
// the token expired on role credentials it cached in ~/.aws/cli/cache (aws.md 5.4, 11).
#pragma once

#include <optional>
#include <string>

#include "lib/util/clock.hpp"
#include "lib/session/context_access.hpp"
#include "lib/session/context_credential.hpp"
#include "lib/aws/sso_state.hpp"

namespace eks {

enum class SsoAgreement {
  agree,                    // both say usable, or both say a login is needed
  revoked,                  // cache valid, plugin: login required -> believe the plugin (fail)
  cached_role_credentials,  // cache expired/missing, plugin OK thanks to CLI v2 role credentials (warn)
  plugin_succeeded,         // cache expired/missing, plugin OK for a reason we cannot see (note)
  plugin_failed_otherwise,  // the plugin failed for a reason other than SSO: no verdict on the token
  not_applicable,           // not an SSO profile, or the cache could not be read
};
// "agree", "revoked", "cached-role-credentials", "plugin-succeeded", "plugin-failed-otherwise",
// "not-applicable".
[[nodiscard]] const char* sso_agreement_name(SsoAgreement agreement);

struct SsoVerdict {
  SsoAgreement agreement = SsoAgreement::not_applicable;
  // The answer after believing the plugin: a login is needed now.
  bool login_required = false;
  // When a login will be needed although the plugin works now (the cached role credentials end).
  std::optional<TimePoint> login_needed_at;
  // One line for people; "" when cache and plugin agree (or there is nothing to compare).
  std::string message;
};

// Compares the files-only summary with the plugin's outcome. Messages:
//   revoked: "the cached token looks valid but the SSO session was revoked or is otherwise
//            invalid (the exec plugin says so; believing the plugin)"
//   cached role credentials: "SSO token expired; cached role credentials until T; a login will
//            be needed then" ("no SSO token cached; ..." when the token file is missing)
[[nodiscard]] SsoVerdict reconcile_sso(const SsoSummary& cache, const CredentialOutcome& plugin);

}  // namespace eks
