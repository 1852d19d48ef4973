// SSO token cache and role-credential cache (aws.md 5.1-5.4, transcripts 10-*, 11) and the SSO
// summary of sso_state.hpp. "now" is the transcripts' 2026-11-29T16:33:59Z.
#include <doctest/doctest.h>

#include "lib/aws/sso_cache.hpp"
#include "lib/aws/sso_state.hpp"
#include "lib/util/timefmt.hpp"
#include "support/aws_test_support.hpp"

namespace eks {
namespace {

using namespace std::chrono_literals;

TimePoint at(std::string_view rfc3339) {
  auto t = parse_rfc3339(rfc3339);
  REQUIRE(t.has_value());
  return *t;
}

// Not at() (doctest assertions cannot run during static initialisation).
const TimePoint k_now = parse_rfc3339("2026-11-29T16:33:59Z").value();
constexpr std::string_view k_start_url = "https://d-1234567890.awsapps.com/start";

SsoSettings legacy_settings() {
  SsoSettings s;
  s.start_url = std::string(k_start_url);
  s.region = "us-east-1";
  s.account_id = "123456789012";
  s.role_name = "ReadOnly";
  return s;
}

SsoSettings session_settings() {
  SsoSettings s = legacy_settings();
  s.session_name = "my-sso";
  return s;
}

TEST_CASE("aws sso cache: file names (aws.md 5.1, 5.4)") {
  CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(sha1_hex(k_start_url) == "7487b5b67d5fa1132cf33fa93ae51ef38cc37752");
  CHECK(sha1_hex("my-sso") == "0ad374308c5a4e22f723adf10145eafad7c4031c");
  CHECK(sha1_hex("new-sso") == "4b9d29cc3036770f0bb93dc062dad3556dde3e50");
  CHECK(sso_token_cache_key(legacy_settings()) == "7487b5b67d5fa1132cf33fa93ae51ef38cc37752");
  CHECK(sso_token_cache_key(session_settings()) == "0ad374308c5a4e22f723adf10145eafad7c4031c");
  CHECK(sso_token_path("/home/u", session_settings()) ==
        "/home/u/.aws/sso/cache/0ad374308c5a4e22f723adf10145eafad7c4031c.json");
  SsoSettings slash = legacy_settings();
  slash.start_url += "/";  // no normalisation
  CHECK(sso_token_cache_key(slash) != sso_token_cache_key(legacy_settings()));

  CHECK(role_credentials_cache_key(legacy_settings()) ==
        "30bbb2b1278a4c1fb1b943c46c1ef6501807f657");
  CHECK(role_credentials_cache_key(session_settings()) ==
        "31b260dab331b2af063485cea75f7b8b3cf54c71");
  CHECK(role_credentials_path("/home/u", legacy_settings()) ==
        "/home/u/.aws/cli/cache/30bbb2b1278a4c1fb1b943c46c1ef6501807f657.json");
}

constexpr std::string_view k_full_token =
    R"({"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", )"
    R"("accessToken": "aoaAAAAAFAKEACCESSTOKEN", "expiresAt": "2026-11-30T00:33:59Z", )"
    R"("clientId": "FAKECLIENTID", "clientSecret": "FAKECLIENTSECRET", )"
    R"("registrationExpiresAt": "2027-02-27T16:33:59Z", "refreshToken": "aorAAAAAFAKEREFRESHTOKEN"})";

TEST_CASE("aws sso cache: parse_sso_token_file keeps no secret") {
  const SsoTokenInfo t = parse_sso_token_file(k_full_token);
  CHECK(t.format == SsoTokenInfo::Format::json_object);
  CHECK(t.has_access_token);
  CHECK(t.has_refresh_token);
  CHECK(t.has_client_id);
  CHECK(t.has_client_secret);
  CHECK_FALSE(t.is_registration);
  CHECK(t.start_url == std::string(k_start_url));
  CHECK(t.region == "us-east-1");
  CHECK(t.expires_at == at("2026-11-30T00:33:59Z"));
  CHECK(t.registration_expires_at == at("2027-02-27T16:33:59Z"));
  // Every string the struct holds, none of them a secret.
  for (const auto& s : {t.parse_error, t.start_url.value_or(""), t.region.value_or(""),
                        t.expires_at_raw.value_or(""), t.registration_expires_at_raw.value_or(""),
                        t.type_problem}) {
    CHECK(s.find("FAKE") == std::string::npos);
    CHECK(s.find("aoa") == std::string::npos);
  }

  const SsoTokenInfo reg = parse_sso_token_file(
      R"({"clientId": "c", "clientSecret": "s", "expiresAt": "2027-02-27T16:17:53Z", "scopes": ["sso:account:access"]})");
  CHECK(reg.is_registration);
  CHECK_FALSE(reg.has_access_token);

  const SsoTokenInfo corrupt = parse_sso_token_file("{not json");
  CHECK(corrupt.format == SsoTokenInfo::Format::not_json);
  CHECK(corrupt.parse_error == "not valid JSON");
  const SsoTokenInfo truncated = parse_sso_token_file(k_full_token.substr(0, 60));
  CHECK(truncated.format == SsoTokenInfo::Format::not_json);
  CHECK(truncated.parse_error == "not valid JSON: the text ends early (truncated?)");
  CHECK(parse_sso_token_file("").format == SsoTokenInfo::Format::not_json);
  const SsoTokenInfo array = parse_sso_token_file("[1, 2]");
  CHECK(array.format == SsoTokenInfo::Format::not_object);
  CHECK(array.parse_error == "the JSON is an array, not an object");

  const SsoTokenInfo wrong = parse_sso_token_file(R"({"accessToken": "x", "expiresAt": 12345})");
  CHECK(wrong.type_problem == "\"expiresAt\" is a number, not a string");
  CHECK_FALSE(wrong.expires_at.has_value());
}

std::string token_json(std::string_view expires, bool refresh_fields,
                       std::string_view registration_expires = "2027-02-27T16:33:59Z") {
  std::string s = R"({"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", )"
                  R"("accessToken": "aoaAAAAAFAKEACCESSTOKEN", "expiresAt": ")" +
                  std::string(expires) + "\"";
  if (refresh_fields) {
    s += R"(, "clientId": "FAKECLIENTID", "clientSecret": "FAKECLIENTSECRET", )"
         R"("registrationExpiresAt": ")" +
         std::string(registration_expires) + R"(", "refreshToken": "aorAAAAAFAKEREFRESHTOKEN")";
  }
  return s + "}";
}

TEST_CASE("aws sso cache: evaluate_sso_token, transcript 10 states") {
  struct Row {
    std::string_view name;
    std::optional<std::string> file;  // nullopt: no file
    SsoTokenKind kind;
    SsoTokenState state;
    std::string_view detail;
    std::chrono::seconds time_left;
  };
  const Row rows[] = {
      {"nocache", std::nullopt, SsoTokenKind::legacy, SsoTokenState::missing,
       "there is no cached SSO token (never logged in, or logged out)", 0s},
      {"corrupt-json", "{not json", SsoTokenKind::session, SsoTokenState::corrupt,
       "the cached SSO token file is corrupt (not valid JSON)", 0s},
      {"missing-accessToken",
       R"({"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "expiresAt": "2026-11-30T00:33:59Z"})",
       SsoTokenKind::legacy, SsoTokenState::invalid, "the cached SSO token has no accessToken",
       0s},
      {"registration file",
       R"({"clientId": "c", "clientSecret": "s", "expiresAt": "2027-02-27T16:17:53Z"})",
       SsoTokenKind::session, SsoTokenState::invalid,
       "the cache file is a client registration, not an SSO token", 0s},
      {"no expiresAt", R"({"accessToken": "x"})", SsoTokenKind::legacy, SsoTokenState::invalid,
       "the cached SSO token has no expiresAt", 0s},
      {"bad expiresAt", R"({"accessToken": "x", "expiresAt": "tomorrow"})", SsoTokenKind::legacy,
       SsoTokenState::invalid, "the cached SSO token's expiresAt \"tomorrow\" is not a timestamp",
       0s},
      {"expiresAt wrong type", R"({"accessToken": "x", "expiresAt": 5})", SsoTokenKind::legacy,
       SsoTokenState::invalid,
       "the cached SSO token is invalid: \"expiresAt\" is a number, not a string", 0s},
      {"legacy expired 2h ago", token_json("2026-11-29T14:33:59Z", false), SsoTokenKind::legacy,
       SsoTokenState::expired, "the SSO token expired 2h ago (2026-11-29T14:33:59Z)", -7200s},
      {"legacy expired, refresh fields do not matter", token_json("2026-11-29T14:33:59Z", true),
       SsoTokenKind::legacy, SsoTokenState::expired,
       "the SSO token expired 2h ago (2026-11-29T14:33:59Z)", -7200s},
      {"legacy valid 8h", token_json("2026-11-30T00:33:59Z", false), SsoTokenKind::legacy,
       SsoTokenState::valid, "the SSO token is valid for 8h (until 2026-11-30T00:33:59Z)", 28800s},
      {"legacy 5 min left: no refresh for legacy", token_json("2026-11-29T16:38:59Z", true),
       SsoTokenKind::legacy, SsoTokenState::valid,
       "the SSO token is valid for 5m (until 2026-11-29T16:38:59Z)", 300s},
      {"offset format", token_json("2026-11-30T00:33:59+00:00", false), SsoTokenKind::legacy,
       SsoTokenState::valid, "the SSO token is valid for 8h (until 2026-11-30T00:33:59Z)", 28800s},
      {"old UTC suffix", token_json("2026-11-30T00:33:59UTC", false), SsoTokenKind::session,
       SsoTokenState::valid, "the SSO token is valid for 8h (until 2026-11-30T00:33:59Z)", 28800s},
      {"other offset", token_json("2026-11-30T02:33:59+02:00", false), SsoTokenKind::legacy,
       SsoTokenState::valid, "the SSO token is valid for 8h (until 2026-11-30T00:33:59Z)", 28800s},
      {"session expired, no refresh fields", token_json("2026-11-29T14:33:59Z", false),
       SsoTokenKind::session, SsoTokenState::expired,
       "the SSO token expired 2h ago (2026-11-29T14:33:59Z) and cannot be refreshed: there is no "
       "refresh token",
       -7200s},
      {"session expired, refreshable", token_json("2026-11-29T14:33:59Z", true),
       SsoTokenKind::session, SsoTokenState::refreshable,
       "the SSO token expired 2h ago (2026-11-29T14:33:59Z); the AWS CLI will refresh it (this "
       "needs the network)",
       -7200s},
      {"session expired, registration expired",
       token_json("2026-11-29T14:33:59Z", true, "2026-11-28T16:33:59Z"), SsoTokenKind::session,
       SsoTokenState::expired,
       "the SSO token expired 2h ago (2026-11-29T14:33:59Z) and cannot be refreshed: the client "
       "registration expired 1d ago",
       -7200s},
      {"session 5 min left with refresh fields", token_json("2026-11-29T16:38:59Z", true),
       SsoTokenKind::session, SsoTokenState::refreshable,
       "the SSO token expires in 5m (2026-11-29T16:38:59Z); the AWS CLI will refresh it (this "
       "needs the network)",
       300s},
      {"session 5 min left without refresh fields", token_json("2026-11-29T16:38:59Z", false),
       SsoTokenKind::session, SsoTokenState::valid,
       "the SSO token is valid for 5m (until 2026-11-29T16:38:59Z)", 300s},
      {"session valid 8h with refresh fields: no refresh outside the window",
       token_json("2026-11-30T00:33:59Z", true), SsoTokenKind::session, SsoTokenState::valid,
       "the SSO token is valid for 8h (until 2026-11-30T00:33:59Z)", 28800s},
      {"session exactly 15 min left: outside the window", token_json("2026-11-29T16:48:59Z", true),
       SsoTokenKind::session, SsoTokenState::valid,
       "the SSO token is valid for 15m (until 2026-11-29T16:48:59Z)", 900s},
      {"expires exactly now", token_json("2026-11-29T16:33:59Z", false), SsoTokenKind::legacy,
       SsoTokenState::expired, "the SSO token expired just now (2026-11-29T16:33:59Z)", 0s},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    std::optional<SsoTokenInfo> token;
    if (row.file) {
      token = parse_sso_token_file(*row.file);
    }
    const SsoTokenEvaluation e = evaluate_sso_token(token, k_now, row.kind);
    CHECK(sso_token_state_name(e.state) == std::string(sso_token_state_name(row.state)));
    CHECK(e.detail == row.detail);
    CHECK(e.time_left == row.time_left);
  }
}

TEST_CASE("aws sso cache: role credentials (transcript 11)") {
  constexpr std::string_view k_file =
      R"({"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAFAKEROLECREDS", "SecretAccessKey": "fakeSecret", "SessionToken": "fakeSessionToken", "Expiration": "2026-11-29T17:33:59Z", "AccountId": "123456789012"}})";
  auto info = parse_role_credentials_file(k_file, "/c/x.json");
  REQUIRE(info.ok());
  CHECK(info->provider_type == "sso");
  CHECK(info->expiration == at("2026-11-29T17:33:59Z"));
  CHECK(info->account_id == "123456789012");
  CHECK(role_credentials_usable(*info, k_now));
  CHECK(role_credentials_usable(*info, at("2026-11-29T17:18:59Z")));       // exactly 15 min
  CHECK_FALSE(role_credentials_usable(*info, at("2026-11-29T17:19:00Z")));  // 14:59 left

  struct Row {
    std::string_view text;
    std::string_view message;
  };
  const Row rows[] = {
      {"{", "/c/x.json: not valid JSON: the text ends early (truncated?)"},
      {"{]", "/c/x.json: not valid JSON"},
      {"[]", "/c/x.json: the JSON is an array, not an object"},
      {R"({"ProviderType": "sso"})", "/c/x.json: no \"Credentials\" object"},
      {R"({"Credentials": "x"})", "/c/x.json: \"Credentials\" is a string, not an object"},
      {R"({"Credentials": {}})", "/c/x.json: no \"Credentials.Expiration\""},
      {R"({"Credentials": {"Expiration": 1}})",
       "/c/x.json: Credentials.\"Expiration\" is a number, not a string"},
      {R"({"Credentials": {"Expiration": "soon"}})",
       "/c/x.json: \"Credentials.Expiration\" \"soon\" is not a timestamp"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.text);
    auto r = parse_role_credentials_file(row.text, "/c/x.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == ErrorKind::config);
    CHECK(r.error().message == row.message);
  }
}

TEST_CASE("aws sso cache: read_sso_token_file") {
  test::TempDir tmp;
  const auto path = tmp.path() / "t.json";
  auto missing = read_sso_token_file(path);
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());

  test::write_file(path, token_json("2026-11-30T00:33:59Z", false));
  auto ok = read_sso_token_file(path);
  REQUIRE(ok.ok());
  REQUIRE(ok->has_value());
  CHECK((*ok)->has_access_token);

  // botocore JSONFileCache: an unreadable file is KeyError (corrupt, a login rewrites it) ...
  test::write_file(path, std::string(1024 * 1024 + 1, ' '));
  auto big = read_sso_token_file(path);
  REQUIRE(big.ok());
  REQUIRE(big->has_value());
  CHECK((*big)->format == SsoTokenInfo::Format::not_json);
  CHECK((*big)->parse_error ==
        "the AWS CLI cannot read it: " + path.string() + ": file is larger than 1048576 bytes (read stopped)");

  // ... while os.path.isfile() is false for a directory or a dangling symlink: "does not exist".
  std::filesystem::remove(path);
  std::filesystem::create_directories(path);
  auto dir = read_sso_token_file(path);
  REQUIRE(dir.ok());
  CHECK_FALSE(dir->has_value());
  std::filesystem::remove(path);
  std::filesystem::create_symlink(tmp.path() / "gone.json", path);
  auto dangling = read_sso_token_file(path);
  REQUIRE(dangling.ok());
  CHECK_FALSE(dangling->has_value());
}

TEST_CASE("aws sso cache: what Python's json reader refuses, and what botocore then does (issue 18)") {
  const std::string token = R"({"accessToken": "x", "expiresAt": "2099-01-01T00:00:00Z"})";
  // A byte-order mark: json.loads raises "Unexpected UTF-8 BOM" (nlohmann would skip it).
  const SsoTokenInfo bom = parse_sso_token_file("\xEF\xBB\xBF" + token);
  CHECK(bom.format == SsoTokenInfo::Format::not_json);
  CHECK(bom.parse_error == "it starts with a UTF-8 byte-order mark, which the AWS CLI's JSON reader refuses");
  const SsoTokenInfo latin1 = parse_sso_token_file("{\"accessToken\": \"\xff\", \"expiresAt\": \"2099-01-01T00:00:00Z\"}");
  CHECK(latin1.format == SsoTokenInfo::Format::not_json);
  CHECK(latin1.parse_error == "not UTF-8 text at byte 17");
  // SSOTokenLoader: `'accessToken' not in token` on a list is "invalid"; on null or a number a TypeError.
  const auto now = *parse_rfc3339("2026-11-29T16:00:00Z");
  CHECK(evaluate_sso_token(parse_sso_token_file("[]"), now, SsoTokenKind::legacy).state == SsoTokenState::invalid);
  CHECK(evaluate_sso_token(parse_sso_token_file("\"text\""), now, SsoTokenKind::legacy).state ==
        SsoTokenState::invalid);
  for (const char* crash : {"null", "5", "true", "\"accessToken expiresAt\""}) {
    CAPTURE(crash);
    const SsoTokenInfo info = parse_sso_token_file(crash);
    CHECK(info.format == SsoTokenInfo::Format::crashes);
    const SsoTokenEvaluation e = evaluate_sso_token(info, now, SsoTokenKind::session);
    CHECK(e.state == SsoTokenState::unusable);
    CHECK(std::string(sso_token_state_name(e.state)) == "unusable");
  }
}

// --- summarize_sso -------------------------------------------------------------------------

constexpr std::string_view k_config = R"([profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile modern]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1

[profile chained]
role_arn = arn:aws:iam::123456789012:role/eks-admin
source_profile = modern

[profile console]
login_session = arn:aws:iam::123456789012:user/alice

[profile keys]
aws_access_key_id = AKIA
aws_secret_access_key = s

[profile broken]
sso_account_id = 1
)";

struct Fixture {
  test::TempDir tmp;
  AwsConfig config;
  FixedClock clock{k_now};

  Fixture() {
    auto parsed = parse_aws_ini(k_config, "/c", FileKind::config);
    REQUIRE(parsed.ok());
    config = build_aws_config(*parsed, IniFile{});
  }
  void token(std::string_view hash, std::string_view text) {
    test::write_file(sso_cache_dir(tmp.path()) / (std::string(hash) + ".json"), text);
  }
  SsoSummary run(std::string_view profile, std::map<std::string, std::string> env = {},
                 int major = 2) {
    const Env e(std::move(env));
    const ProfileResolution res =
        resolve_profile({}, [&] {
          Env with = e;
          with.set("AWS_PROFILE", std::string(profile));
          return with;
        }(), major);
    return summarize_sso({config, res, tmp.path(), clock, major});
  }
};

constexpr std::string_view k_legacy_hash = "7487b5b67d5fa1132cf33fa93ae51ef38cc37752";
constexpr std::string_view k_session_hash = "0ad374308c5a4e22f723adf10145eafad7c4031c";

TEST_CASE("aws sso state: legacy and sso-session token states") {
  Fixture f;
  SsoSummary s = f.run("legacy");
  CHECK(sso_state_name(s.state) == std::string("missing"));
  CHECK(s.login_required);
  CHECK(s.reason == "sso_token_missing");
  CHECK(s.detail == "no cached SSO token for \"https://d-1234567890.awsapps.com/start\" (never "
                    "logged in, or logged out)");
  CHECK(s.login_command == "aws sso login --profile legacy");
  CHECK(s.start_url == k_start_url);
  CHECK(s.session.empty());

  f.token(k_legacy_hash, token_json("2026-11-29T14:33:59Z", false));
  s = f.run("legacy");
  CHECK(sso_state_name(s.state) == std::string("expired"));
  CHECK(s.reason == "sso_token_expired");
  CHECK(s.detail == "the SSO token expired 2h ago (2026-11-29T14:33:59Z)");
  CHECK(s.expires_at == at("2026-11-29T14:33:59Z"));
  CHECK(s.time_left == std::chrono::seconds(-7200));

  f.token(k_legacy_hash, token_json("2026-11-30T00:33:59Z", false));
  s = f.run("legacy");
  CHECK(sso_state_name(s.state) == std::string("valid"));
  CHECK_FALSE(s.login_required);
  CHECK(s.reason.empty());

  f.token(k_legacy_hash, "{not json");
  s = f.run("legacy");
  CHECK(sso_state_name(s.state) == std::string("missing"));
  CHECK(s.reason == "sso_session_invalid");
  CHECK(s.token_state == SsoTokenState::corrupt);

  s = f.run("modern");  // a different file from the legacy one (aws.md 5.1)
  CHECK(s.detail ==
        "no cached SSO token for sso-session \"my-sso\" (never logged in, or logged out)");
  CHECK(s.session == "my-sso");
  f.token(k_session_hash, token_json("2026-11-29T14:33:59Z", true));
  s = f.run("modern");
  CHECK(sso_state_name(s.state) == std::string("expired"));
  CHECK_FALSE(s.login_required);  // the CLI will refresh it
  CHECK(s.token_state == SsoTokenState::refreshable);
  f.token(k_session_hash, token_json("2026-11-29T16:38:59Z", true));
  s = f.run("modern");
  CHECK(sso_state_name(s.state) == std::string("valid"));
  CHECK(s.time_left == std::chrono::seconds(300));
}

TEST_CASE("aws sso state: cached role credentials keep v2 working (transcript 11)") {
  Fixture f;
  f.token(k_legacy_hash, token_json("2026-11-29T14:33:59Z", false));
  test::write_file(
      cli_cache_dir(f.tmp.path()) / "30bbb2b1278a4c1fb1b943c46c1ef6501807f657.json",
      R"({"ProviderType": "sso", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "B", "SessionToken": "C", "Expiration": "2026-11-29T17:33:59Z"}})");
  SsoSummary v2 = f.run("legacy", {}, 2);
  CHECK(sso_state_name(v2.state) == std::string("expired"));
  CHECK_FALSE(v2.login_required);
  CHECK(v2.role_credentials_until == at("2026-11-29T17:33:59Z"));
  CHECK(v2.detail == "the SSO token expired 2h ago (2026-11-29T14:33:59Z); cached role "
                     "credentials until 2026-11-29T17:33:59Z (usable while at least 15 min are "
                     "left)");
  SsoSummary v1 = f.run("legacy", {}, 1);  // v1 never uses that cache
  CHECK(v1.login_required);
  REQUIRE_FALSE(v1.findings.empty());
  CHECK(v1.findings.back().id == "aws-cli-v1");
  f.clock.set(at("2026-11-29T17:20:00Z"));  // 14 min left: not reused
  CHECK(f.run("legacy", {}, 2).login_required);
}

TEST_CASE("aws sso state: not-sso and unknown") {
  Fixture f;
  const std::map<std::string, std::string> keys = {{"AWS_ACCESS_KEY_ID", "AKIA"},
                                                   {"AWS_SECRET_ACCESS_KEY", "s"}};
  SsoSummary s = f.run("legacy", keys);  // transcript 23: env keys beat AWS_PROFILE
  CHECK(sso_state_name(s.state) == std::string("not-sso"));
  CHECK(s.detail == "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment take precedence "
                    "over AWS_PROFILE=legacy: AWS SSO is not used");
  s = f.run("nope", keys);  // but a missing profile fails first
  CHECK(sso_state_name(s.state) == std::string("unknown"));
  CHECK(s.detail == "The config profile (nope) could not be found");

  s = f.run("keys");
  CHECK(sso_state_name(s.state) == std::string("not-sso"));
  s = f.run("console");
  CHECK(sso_state_name(s.state) == std::string("not-sso"));
  CHECK(s.login_command == "aws login --profile console");
  s = f.run("broken");
  CHECK(sso_state_name(s.state) == std::string("unknown"));
  CHECK(s.detail == "The profile \"broken\" is configured to use SSO but is missing required "
                    "configuration: sso_role_name, sso_start_url, sso_region");
  CHECK(s.login_command == "aws sso login --profile broken");

  s = f.run("chained");  // the token of the SSO profile under the role
  CHECK(sso_state_name(s.state) == std::string("missing"));
  CHECK(s.sso_profile == "modern");
  CHECK(s.login_command == "aws sso login --profile modern");

  std::filesystem::create_directories(sso_cache_dir(f.tmp.path()) /
                                      (std::string(k_session_hash) + ".json"));
  s = f.run("modern");  // a directory is "does not exist" to botocore (os.path.isfile)
  CHECK(sso_state_name(s.state) == std::string("missing"));
  CHECK(s.login_required);
  CHECK(s.reason == "sso_token_missing");

  const SsoSummary err = summarize_sso_config_error(
      ProfileResolution{"p", ProfileSource::aws_profile_env, EnvKeys::none, false},
      make_error(ErrorKind::config, "/c:2: duplicate section \"a\""));
  CHECK(sso_state_name(err.state) == std::string("unknown"));
  CHECK(err.detail == "/c:2: duplicate section \"a\"");
}

}  // namespace
}  // namespace eks
