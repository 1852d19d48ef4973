// The AWS SSO token cache (~/.aws/sso/cache) and the CLI v2 role-credential cache
// (~/.aws/cli/cache): file naming, pure parsers that keep no secret, and botocore's validity rules.
// Spec: docs/spec/aws.md 5.1-5.4, 10.5; transcripts 10-*, 11.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "lib/aws/sso_config.hpp"
#include "lib/util/clock.hpp"
#include "lib/util/digest.hpp"  // sha1_hex: the cache file names
#include "lib/util/result.hpp"

namespace eks {

// <home>/.aws/sso/cache (fixed: botocore has no override) and <home>/.aws/cli/cache.
[[nodiscard]] std::filesystem::path sso_cache_dir(const std::filesystem::path& home);
[[nodiscard]] std::filesystem::path cli_cache_dir(const std::filesystem::path& home);

// sha1 of the sso-session name, or of the raw sso_start_url for legacy profiles (no
// normalisation: ".../start" and ".../start/" are different files).
[[nodiscard]] std::string sso_token_cache_key(const SsoSettings& settings);
[[nodiscard]] std::filesystem::path sso_token_path(const std::filesystem::path& home,
                                                   const SsoSettings& settings);

// CLI v2 role credentials: sha1 of json.dumps(args, sort_keys=True, separators=(',', ':')) with
// args {"accountId","roleName","startUrl"} (legacy) or {"accountId","roleName","sessionName"}.
[[nodiscard]] std::string role_credentials_cache_key(const SsoSettings& settings);
[[nodiscard]] std::filesystem::path role_credentials_path(const std::filesystem::path& home,
                                                          const SsoSettings& settings);

// What a token cache file says, minus every secret: accessToken, refreshToken, clientSecret are
// only recorded as present or absent and never copied.
struct SsoTokenInfo {
  // not_json: json.loads() fails (or the file cannot be read): the CLI's bare KeyError.
  // not_object: an array, or a string without both key names: "Token for X is invalid".
  // crashes: null, a number, a boolean, or a string holding both key names: the CLI stops with a
  // Python TypeError (`argument of type 'int' is not iterable`), which no login message follows.
  enum class Format { json_object, not_json, not_object, crashes };
  Format format = Format::json_object;
  std::string parse_error;  // not_json: where the JSON broke (no file content quoted)
  bool has_access_token = false;
  bool has_refresh_token = false;
  bool has_client_id = false;
  bool has_client_secret = false;
  // No accessToken but a clientId/clientSecret: a client-registration file (aws.md 5.3).
  bool is_registration = false;
  std::optional<std::string> start_url;
  std::optional<std::string> region;
  std::optional<std::string> expires_at_raw;  // only when a string
  std::optional<TimePoint> expires_at;        // when expires_at_raw parses (Z, +00:00, "UTC")
  std::optional<std::string> registration_expires_at_raw;
  std::optional<TimePoint> registration_expires_at;
  std::string type_problem;  // e.g. `"expiresAt" is a number, not a string`; "" when none
};

// Pure: never fails; a broken file is described by `format`.
[[nodiscard]] SsoTokenInfo parse_sso_token_file(std::string_view text);

enum class SsoTokenKind { legacy, session };

enum class SsoTokenState {
  missing,      // no file: "Error loading SSO Token: Token for X does not exist"
  corrupt,      // not a JSON object: the CLI fails with a bare KeyError ('<sha1>'); login fixes it
  invalid,      // no accessToken or expiresAt (or unparseable): "Token for <url> is invalid"
  expired,      // and the CLI cannot refresh it: login required
  valid,        // usable as is
  refreshable,  // sso-session inside the 15-min window with a usable refresh: the CLI refreshes
  unusable,     // JSON the CLI crashes on (Format::crashes): no SSO verdict, no login message
};
// "missing", "corrupt", "invalid", "expired", "valid", "refreshable", "unusable".
[[nodiscard]] const char* sso_token_state_name(SsoTokenState state);

inline constexpr std::chrono::minutes k_sso_refresh_window{15};

struct SsoTokenEvaluation {
  SsoTokenState state = SsoTokenState::missing;
  std::optional<TimePoint> expires_at;
  std::chrono::seconds time_left{0};  // expires_at - now; negative once expired
  std::string detail;                 // one line for people, e.g.
                                      // "the SSO token expired 2h ago (2026-11-29T14:33:59Z)"
};

// botocore's rules (aws.md 5.2): legacy: expiresAt <= now -> expired. sso-session: when less than
// 15 min remain, a refresh is attempted if refreshToken, clientId, clientSecret and an unexpired
// registrationExpiresAt are all present (-> refreshable); otherwise an expired token -> expired.
// `token` is std::nullopt when the file does not exist.
[[nodiscard]] SsoTokenEvaluation evaluate_sso_token(const std::optional<SsoTokenInfo>& token,
                                                    TimePoint now, SsoTokenKind kind);

// Reads and parses a token file (1 MiB cap) as botocore's JSONFileCache does: std::nullopt when it
// is not a regular file (absent, a directory, a FIFO, a dangling symlink: "Token for X does not
// exist"); a file that cannot be read (permissions, over the cap) is not_json, as the CLI's KeyError.
// Never fails today; the Result stays for callers.
[[nodiscard]] Result<std::optional<SsoTokenInfo>> read_sso_token_file(
    const std::filesystem::path& path);

// A CLI v2 role-credential cache entry, without the keys.
struct RoleCredentialsInfo {
  std::string provider_type;  // "sso" for SSO entries ("" for assume-role entries)
  std::string expiration_raw;
  TimePoint expiration;
  std::optional<std::string> account_id;
};

// Pure. Errors (ErrorKind::config) name `path`: not JSON, not an object, no
// Credentials.Expiration string, or an unparseable timestamp.
[[nodiscard]] Result<RoleCredentialsInfo> parse_role_credentials_file(std::string_view text,
                                                                      std::string_view path);

// The CLI reuses cached role credentials while at least 15 minutes remain (aws.md 5.4).
[[nodiscard]] bool role_credentials_usable(const RoleCredentialsInfo& info, TimePoint now);

}  // namespace eks
