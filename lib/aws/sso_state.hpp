// The SSO summary of one kubeconfig user: the `sso` object of `contexts -o json`
// (docs/CONTRACT.md) and the `sso-token` check of doctor, from files only (no AWS call).
// Spec: docs/spec/aws.md 3, 5, 10.5.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "lib/aws/config.hpp"
#include "lib/aws/profile.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/util/clock.hpp"
#include "lib/aws/sso_cache.hpp"

namespace eks {

enum class SsoState { valid, expired, missing, not_sso, unknown };
// The contract's spelling: "valid", "expired", "missing", "not-sso", "unknown".
[[nodiscard]] const char* sso_state_name(SsoState state);

struct SsoSummary {
  // valid: a usable token (or one the CLI will refresh before it expires).
  // expired: the token has expired (login_required tells whether the CLI can still cope).
  // missing: no usable token file (absent, corrupt, or without accessToken/expiresAt).
  // not-sso: the credentials do not come from SSO (env keys win, static keys, aws login, ...).
  // unknown: could not tell (profile not found, incomplete SSO settings, unreadable cache).
  SsoState state = SsoState::unknown;
  std::string profile;      // the effective profile
  std::string sso_profile;  // the profile holding the SSO settings (differs under role chains)
  std::string via;          // ProfileAnalysis::via(): "", "source_profile", "credential_process"
  std::string start_url;
  std::string session;      // sso-session name, "" for legacy profiles
  std::optional<std::chrono::system_clock::time_point> expires_at;
  std::optional<std::chrono::seconds> time_left;  // negative once expired
  std::optional<SsoTokenState> token_state;       // when a token file was looked at
  std::filesystem::path token_path;
  // True when get-token is expected to fail for want of an SSO login (exit 3 territory).
  bool login_required = false;
  // The contract's reason when login_required: "sso_token_missing", "sso_token_expired",
  // "sso_session_invalid".
  std::string reason;
  std::optional<std::chrono::system_clock::time_point> role_credentials_until;  // CLI v2 cache
  std::string detail;         // one line for people
  std::string login_command;  // "aws sso login --profile P", "aws login --profile P" or ""
  std::vector<ProfileFinding> findings;  // from resolve_sso, plus our own
};

// Everything the summary depends on. `home` is the home directory the plugin will see.
struct SsoStateInput {
  const AwsConfig& config;
  const ProfileResolution& profile;
  const std::filesystem::path& home;
  const Clock& clock;
  int cli_major = 2;  // 1, or 2 (also for unknown)
};

// Reads the token cache file (and, for CLI v2, the role-credential cache) and decides.
// Never fails: problems become state "unknown" with a detail and findings.
[[nodiscard]] SsoSummary summarize_sso(const SsoStateInput& input);

// The summary when the AWS config itself could not be loaded (parse error, unreadable file).
[[nodiscard]] SsoSummary summarize_sso_config_error(const ProfileResolution& profile,
                                                    const Error& error);

}  // namespace eks
