// How the fake aws finds credentials, following AWS CLI v2 (aws.md 3, 4.2, 5):
//   profile: --profile > AWS_PROFILE > AWS_DEFAULT_PROFILE > "default"
//   chain:   env keys (unless --profile) -> SSO (token cache) -> static keys in the files
// SSO role credentials are the sandbox's derived ones (identity.hpp): no network, no role cache.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "lib/util/clock.hpp"
#include "lib/util/env.hpp"
#include "sandbox/aws_ini.hpp"
#include "sandbox/identity.hpp"

namespace sandbox {

// A failed AWS CLI command: exactly what goes to stderr, and the exit code.
struct AwsFailure {
  int exit_code = 255;
  std::string stderr_text;
};
[[nodiscard]] AwsFailure aws_error(std::string_view message, int exit_code = 255);  // "\n<msg>\n"

struct AwsGlobals {
  std::string profile;  // --profile
  std::string region;   // --region
  std::string output;   // --output
};

struct AwsSetup {
  std::string profile;
  bool profile_explicit = false;  // from --profile or the environment (not the implicit default)
  bool profile_from_flag = false;
  std::filesystem::path home;
  std::filesystem::path config_file;
  std::filesystem::path credentials_file;
  AwsFiles files;
};

[[nodiscard]] std::variant<AwsSetup, AwsFailure> load_aws_setup(const AwsGlobals& globals, const eks::Env& env);

// Where the profile's SSO settings point (legacy or sso-session); nullopt for non-SSO profiles.
struct SsoProfile {
  bool uses_session = false;
  std::string session_name;
  std::string start_url;
  std::string sso_region;
  std::string account_id;
  std::string permission_set;
  [[nodiscard]] std::string cache_key() const { return uses_session ? session_name : start_url; }
};
[[nodiscard]] std::variant<std::optional<SsoProfile>, AwsFailure> sso_profile(const AwsSetup& setup);

[[nodiscard]] std::filesystem::path sso_cache_file(const std::filesystem::path& home, std::string_view cache_key);

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_key;
  std::string session_token;
  std::optional<SsoSession> sso;  // set for SSO role credentials
};

[[nodiscard]] std::variant<AwsCredentials, AwsFailure> resolve_credentials(const AwsSetup& setup,
                                                                          const eks::Env& env,
                                                                          eks::TimePoint now);

// --region > AWS_REGION > AWS_DEFAULT_REGION > profile region; "" when none.
[[nodiscard]] std::string resolve_region(const AwsGlobals& globals, const AwsSetup& setup, const eks::Env& env);

}  // namespace sandbox
