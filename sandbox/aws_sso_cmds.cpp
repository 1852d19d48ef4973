// `aws sso login` (device flow, --no-browser wording; the sandbox never opens a browser) and
// `aws sso logout` (aws.md 6.2, 6.3). The login "succeeds" at once and writes the cache files in
// the AWS CLI's exact format (aws.md 5.1-5.3).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "lib/util/timefmt.hpp"
#include "sandbox/aws_commands.hpp"
#include "sandbox/encoding.hpp"
#include "sandbox/pyjson.hpp"

namespace sandbox {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

constexpr auto k_token_ttl = std::chrono::hours(8);
constexpr auto k_registration_ttl = std::chrono::hours(24 * 90);

struct LoginTarget {
  std::string session_name;  // empty for legacy
  std::string start_url;
  std::string sso_region;
  std::string scopes;        // sso_registration_scopes
};

std::string section_get(const IniSection& s, const char* key) {
  const auto it = s.find(key);
  return it == s.end() ? "" : it->second;
}

std::variant<LoginTarget, AwsFailure> login_target(const AwsArgs& args, const AwsSetup& setup) {
  std::string session = args.options.count("--sso-session") != 0 ? args.options.at("--sso-session") : "";
  const auto profile = find_profile(setup.files, setup.profile);
  if (session.empty() && profile) {
    session = section_get(*profile, "sso_session");
  }
  LoginTarget t;
  if (!session.empty()) {
    const auto it = setup.files.sso_sessions.find(session);
    if (it == setup.files.sso_sessions.end()) {
      return aws_error("The specified sso-session does not exist: \"" + session + "\"", 253);
    }
    t = {session, section_get(it->second, "sso_start_url"), section_get(it->second, "sso_region"),
         section_get(it->second, "sso_registration_scopes")};
  } else if (profile) {
    t.start_url = section_get(*profile, "sso_start_url");
    t.sso_region = section_get(*profile, "sso_region");
  }
  std::string missing;
  if (t.start_url.empty()) {
    missing = "sso_start_url";
  }
  if (t.sso_region.empty()) {
    missing += (missing.empty() ? "" : ", ") + std::string("sso_region");
  }
  if (!missing.empty()) {
    return aws_error("Missing the following required SSO configuration values: " + missing +
                     ". To make sure this profile is properly configured to use SSO, please run: aws configure sso", 253);
  }
  return t;
}

bool write_private(const fs::path& file, const std::string& text) {
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  {
    std::ofstream out(file, std::ios::trunc);
    if (!out) {
      return false;
    }
    out << text;
  }
  ::chmod(file.c_str(), 0600);
  return true;
}

std::string user_code() {
  constexpr std::string_view k_letters = "BCDFGHJKLMNPQRSTVWXZ";
  const std::string bytes = random_bytes(8);
  std::string code;
  for (size_t i = 0; i < 8; ++i) {
    code.push_back(k_letters[static_cast<unsigned char>(bytes[i]) % k_letters.size()]);
    if (i == 3) {
      code.push_back('-');
    }
  }
  return code;
}

}  // namespace

int aws_sso_login(const AwsArgs& args, AwsIo& io) {
  auto setup = load_aws_setup(args.globals, io.env);
  if (auto* f = std::get_if<AwsFailure>(&setup)) {
    return report(*f, io);
  }
  const AwsSetup& s = std::get<AwsSetup>(setup);
  auto target = login_target(args, s);
  if (auto* f = std::get_if<AwsFailure>(&target)) {
    return report(*f, io);
  }
  const LoginTarget& t = std::get<LoginTarget>(target);
  const std::string code = user_code();
  const std::string device_url = "https://device.sso." + t.sso_region + ".amazonaws.com/";
  io.out << "Browser will not be automatically opened.\nPlease visit the following URL:\n\n"
         << device_url << "\n\nThen enter the code:\n\n"
         << code << "\n\nAlternatively, you may visit the following URL which will autofill the code upon loading:\n"
         << device_url << "?user_code=" << code << "\n";

  const auto now = std::chrono::floor<std::chrono::seconds>(io.clock.now());
  // EKS_SSO_SANDBOX_SSO_TTL=<seconds> (may be negative) writes a token with another lifetime.
  auto ttl = std::chrono::duration_cast<std::chrono::seconds>(k_token_ttl);
  if (const auto v = io.env.get("EKS_SSO_SANDBOX_SSO_TTL")) {
    try {
      ttl = std::chrono::seconds(std::stoll(*v));
    } catch (const std::exception&) {
      // keep the default
    }
  }
  const std::string client_id = "sandbox" + hex_lower(random_bytes(8));
  const std::string client_secret = "sandboxsecret" + hex_lower(random_bytes(16));
  const std::string registration_expires = eks::format_rfc3339(now + k_registration_ttl);
  ordered_json reg_key = {{"region", t.sso_region}, {"scopes", nullptr}, {"session_name", nullptr},
                          {"startUrl", t.start_url}, {"tool", "botocore"}};
  ordered_json registration = {{"clientId", client_id}, {"clientSecret", client_secret},
                               {"expiresAt", registration_expires}};
  if (!t.session_name.empty()) {
    ordered_json scopes = ordered_json::array();
    std::stringstream list(t.scopes.empty() ? "sso:account:access" : t.scopes);
    for (std::string scope; std::getline(list, scope, ',');) {
      scope.erase(0, scope.find_first_not_of(' '));
      scope.erase(scope.find_last_not_of(' ') + 1);
      scopes.push_back(scope);
    }
    reg_key["scopes"] = scopes;
    reg_key["session_name"] = t.session_name;
    registration["scopes"] = scopes;
  }
  ordered_json token = {{"startUrl", t.start_url},
                        {"region", t.sso_region},
                        {"accessToken", "aoa" + base64url_nopad_encode(random_bytes(48))},
                        {"expiresAt", eks::format_rfc3339(now + ttl)},
                        {"clientId", client_id},
                        {"clientSecret", client_secret},
                        {"registrationExpiresAt", registration_expires}};
  if (!t.session_name.empty()) {
    token["refreshToken"] = "aor" + base64url_nopad_encode(random_bytes(48));
  }
  const fs::path cache = s.home / ".aws" / "sso" / "cache";
  const fs::path token_file = cache / (sha1_hex(t.session_name.empty() ? t.start_url : t.session_name) + ".json");
  if (!write_private(cache / (sha1_hex(python_json_dumps(reg_key)) + ".json"), python_json_dumps(registration)) ||
      !write_private(token_file, python_json_dumps(token))) {
    return report(aws_error("[Errno 13] Permission denied: '" + token_file.string() + "'"), io);
  }
  io.out << "Successfully logged into Start URL: " << t.start_url << "\n";
  return 0;
}

int aws_sso_logout(const AwsArgs& args, AwsIo& io) {
  (void)args;
  const fs::path home = io.env.get_or_empty("HOME");
  std::error_code ec;
  // Every token file (has accessToken) in ~/.aws/sso/cache; the sandbox's Logout API always succeeds.
  for (const auto& [dir, is_token] :
       {std::pair{home / ".aws" / "sso" / "cache", true}, std::pair{home / ".aws" / "cli" / "cache", false}}) {
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() != ".json") {
        continue;
      }
      std::ifstream in(it->path());
      std::stringstream buf;
      buf << in.rdbuf();
      const auto j = nlohmann::json::parse(buf.str(), nullptr, false);
      const bool remove = j.is_object() && (is_token ? j.contains("accessToken") : j.value("ProviderType", "") == "sso");
      if (remove) {
        std::error_code rm_ec;
        fs::remove(it->path(), rm_ec);
      }
    }
    ec.clear();
  }
  return 0;
}

}  // namespace sandbox
