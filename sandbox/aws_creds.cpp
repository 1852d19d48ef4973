#include "sandbox/aws_creds.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "lib/util/timefmt.hpp"
#include "sandbox/encoding.hpp"

namespace sandbox {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_unauth =
    "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO "
    "session run aws sso login with the corresponding profile.";
constexpr std::string_view k_refresh_failed = "Error when retrieving token from sso: Token has expired and refresh failed";

std::string get(const IniSection& s, const std::string& key) {
  const auto it = s.find(key);
  return it == s.end() ? "" : it->second;
}

fs::path expand_home(const std::string& path, const fs::path& home) {
  if (path.rfind("~/", 0) == 0) {
    return home / path.substr(2);
  }
  return path;
}

}  // namespace

AwsFailure aws_error(std::string_view message, int exit_code) {
  return {exit_code, "\n" + std::string(message) + "\n"};
}

std::variant<AwsSetup, AwsFailure> load_aws_setup(const AwsGlobals& g, const eks::Env& env) {
  AwsSetup s;
  s.home = env.get_or_empty("HOME");
  if (!g.profile.empty()) {
    s.profile = g.profile;
    s.profile_explicit = true;
    s.profile_from_flag = true;
  } else if (env.has("AWS_PROFILE")) {
    s.profile = env.get_or_empty("AWS_PROFILE");
    s.profile_explicit = true;
  } else if (env.has("AWS_DEFAULT_PROFILE")) {
    s.profile = env.get_or_empty("AWS_DEFAULT_PROFILE");
    s.profile_explicit = true;
  } else {
    s.profile = "default";
  }
  s.config_file = env.has("AWS_CONFIG_FILE") ? expand_home(env.get_or_empty("AWS_CONFIG_FILE"), s.home)
                                             : s.home / ".aws" / "config";
  s.credentials_file = env.has("AWS_SHARED_CREDENTIALS_FILE")
                           ? expand_home(env.get_or_empty("AWS_SHARED_CREDENTIALS_FILE"), s.home)
                           : s.home / ".aws" / "credentials";
  auto files = load_aws_files(s.config_file, s.credentials_file);
  if (!files) {
    return aws_error(files.error().message);
  }
  s.files = std::move(*files);
  if (s.profile_explicit && !find_profile(s.files, s.profile)) {
    return aws_error("The config profile (" + s.profile + ") could not be found");
  }
  return s;
}

std::variant<std::optional<SsoProfile>, AwsFailure> sso_profile(const AwsSetup& setup) {
  const auto profile = find_profile(setup.files, setup.profile);
  if (!profile) {
    return std::optional<SsoProfile>{};
  }
  SsoProfile p;
  p.account_id = get(*profile, "sso_account_id");
  p.permission_set = get(*profile, "sso_role_name");
  p.session_name = get(*profile, "sso_session");
  if (p.account_id.empty() && p.permission_set.empty()) {
    return std::optional<SsoProfile>{};
  }
  std::vector<std::string> missing;
  if (!p.session_name.empty()) {
    const auto it = setup.files.sso_sessions.find(p.session_name);
    if (it == setup.files.sso_sessions.end()) {
      return aws_error("The specified sso-session does not exist: \"" + p.session_name + "\"");
    }
    p.uses_session = true;
    p.start_url = get(it->second, "sso_start_url");
    p.sso_region = get(it->second, "sso_region");
  } else {
    p.start_url = get(*profile, "sso_start_url");
    p.sso_region = get(*profile, "sso_region");
  }
  const std::pair<const char*, const std::string*> required[] = {
      {"sso_account_id", &p.account_id}, {"sso_region", &p.sso_region},
      {"sso_role_name", &p.permission_set}, {"sso_start_url", &p.start_url}};
  for (const auto& [name, value] : required) {
    if (value->empty()) {
      missing.emplace_back(name);
    }
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) {
      list += (list.empty() ? "" : ", ") + m;
    }
    return aws_error("The profile \"" + setup.profile + "\" is configured to use SSO but is missing required configuration: " + list);
  }
  return std::optional<SsoProfile>{p};
}

fs::path sso_cache_file(const fs::path& home, std::string_view cache_key) {
  return home / ".aws" / "sso" / "cache" / (sha1_hex(cache_key) + ".json");
}

std::variant<AwsCredentials, AwsFailure> resolve_credentials(const AwsSetup& setup, const eks::Env& env,
                                                            eks::TimePoint now) {
  // Env keys win over AWS_PROFILE but not over --profile (aws.md 3, obs 23).
  if (!setup.profile_from_flag && env.has("AWS_ACCESS_KEY_ID") && env.has("AWS_SECRET_ACCESS_KEY")) {
    return AwsCredentials{env.get_or_empty("AWS_ACCESS_KEY_ID"), env.get_or_empty("AWS_SECRET_ACCESS_KEY"),
                          env.get_or_empty("AWS_SESSION_TOKEN"), std::nullopt};
  }
  auto sso = sso_profile(setup);
  if (auto* failure = std::get_if<AwsFailure>(&sso)) {
    return *failure;
  }
  if (const auto& p = std::get<std::optional<SsoProfile>>(sso)) {
    const fs::path file = sso_cache_file(setup.home, p->cache_key());
    std::ifstream in(file);
    if (!in) {
      return aws_error("Error loading SSO Token: Token for " + p->cache_key() + " does not exist");
    }
    std::stringstream buf;
    buf << in.rdbuf();
    const auto token = nlohmann::json::parse(buf.str(), nullptr, false);
    if (token.is_discarded()) {
      return aws_error("'" + sha1_hex(p->cache_key()) + "'");  // botocore's KeyError repr
    }
    if (!token.is_object() || !token.contains("accessToken") || !token.contains("expiresAt") ||
        !token["expiresAt"].is_string()) {
      return aws_error("Error loading SSO Token: Token for " + p->start_url + " is invalid");
    }
    const auto expires = eks::parse_rfc3339(token["expiresAt"].get<std::string>());
    if (!expires || *expires <= now) {
      return aws_error(p->uses_session ? k_refresh_failed : k_unauth);
    }
    SsoSession session{p->account_id, sso_role_name(p->account_id, p->permission_set),
                       env.get("EKS_SSO_SANDBOX_USER").value_or(std::string(k_default_user))};
    const std::string akid = sso_access_key_id(session);
    return AwsCredentials{akid, derived_secret_key(akid), security_token_for(session), session};
  }
  if (const auto profile = find_profile(setup.files, setup.profile)) {
    const std::string akid = get(*profile, "aws_access_key_id");
    const std::string secret = get(*profile, "aws_secret_access_key");
    if (!akid.empty() && !secret.empty()) {
      return AwsCredentials{akid, secret, get(*profile, "aws_session_token"), std::nullopt};
    }
  }
  return aws_error("Unable to locate credentials. You can configure credentials by running \"aws configure\".", 253);
}

std::string resolve_region(const AwsGlobals& g, const AwsSetup& setup, const eks::Env& env) {
  if (!g.region.empty()) {
    return g.region;
  }
  if (env.has("AWS_REGION")) {
    return env.get_or_empty("AWS_REGION");
  }
  if (env.has("AWS_DEFAULT_REGION")) {
    return env.get_or_empty("AWS_DEFAULT_REGION");
  }
  if (const auto profile = find_profile(setup.files, setup.profile)) {
    return get(*profile, "region");
  }
  return "";
}

}  // namespace sandbox
