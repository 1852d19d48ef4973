// resolve_profile / resolve_region / parse_get_token_args (transcripts 23, 35; aws.md 2.5, 2.7, 3)
// and resolve_sso (transcripts 20-22, 24, 26, 27).
#include <doctest/doctest.h>

#include "lib/aws/profile.hpp"
#include "lib/aws/sso_config.hpp"

namespace eks {
namespace {

using Args = std::vector<std::string>;

const Args k_kubeconfig_args = {"--region", "us-east-1", "eks",      "get-token",
                                "--cluster-name", "demo", "--output", "json"};

TEST_CASE("aws profile: parse_get_token_args") {
  const GetTokenArgs a = parse_get_token_args(k_kubeconfig_args);
  CHECK(a.is_eks_get_token);
  CHECK(a.region == "us-east-1");
  CHECK(a.cluster_name == "demo");
  CHECK(a.output == "json");
  CHECK_FALSE(a.profile.has_value());
  CHECK_FALSE(a.cluster_id.has_value());

  const GetTokenArgs b = parse_get_token_args(
      {"eks", "get-token", "--cluster-id=a1b2", "--role", "arn:aws:iam::1:role/x", "--profile",
       "p1", "--profile=p2", "--region"});
  CHECK(b.cluster_id == "a1b2");
  CHECK(b.role_arn == "arn:aws:iam::1:role/x");  // update-kubeconfig writes --role
  CHECK(b.profile == "p2");                      // last one wins
  CHECK_FALSE(b.region.has_value());             // flag without a value
  CHECK(parse_get_token_args({"--role-arn", "r"}).role_arn == "r");
  CHECK_FALSE(parse_get_token_args({"sts", "get-token"}).is_eks_get_token);
  CHECK_FALSE(parse_get_token_args({"get-token", "eks"}).is_eks_get_token);
}

TEST_CASE("aws profile: resolve_profile precedence (transcript 35)") {
  struct Row {
    std::string_view name;
    Args args;
    std::map<std::string, std::string> env;
    int major;
    std::string profile;
    ProfileSource source;
  };
  const std::map<std::string, std::string> both = {{"AWS_PROFILE", "a"},
                                                   {"AWS_DEFAULT_PROFILE", "b"}};
  const Row rows[] = {
      {"v2: AWS_PROFILE wins", {}, both, 2, "a", ProfileSource::aws_profile_env},
      {"v1: AWS_DEFAULT_PROFILE wins", {}, both, 1, "b", ProfileSource::aws_default_profile_env},
      {"unknown major is v2", {}, both, 0, "a", ProfileSource::aws_profile_env},
      {"--profile beats both", {"--profile", "default"}, both, 2, "default", ProfileSource::flag},
      {"only AWS_DEFAULT_PROFILE (v2)",
       {},
       {{"AWS_DEFAULT_PROFILE", "b"}},
       2,
       "b",
       ProfileSource::aws_default_profile_env},
      {"only AWS_PROFILE (v1)", {}, {{"AWS_PROFILE", "a"}}, 1, "a", ProfileSource::aws_profile_env},
      {"nothing: default", {}, {}, 2, "default", ProfileSource::default_profile},
      {"empty AWS_PROFILE still counts", {}, {{"AWS_PROFILE", ""}}, 2, "",
       ProfileSource::aws_profile_env},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const ProfileResolution r = resolve_profile(row.args, Env(row.env), row.major);
    CHECK(r.name == row.profile);
    CHECK(r.source == row.source);
  }
  CHECK(std::string(profile_source_name(ProfileSource::aws_default_profile_env)) ==
        "AWS_DEFAULT_PROFILE");
  CHECK(std::string(profile_source_name(ProfileSource::flag)) == "--profile");
}

TEST_CASE("aws profile: env keys beat AWS_PROFILE but not --profile (transcript 23)") {
  const std::map<std::string, std::string> keys = {{"AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"},
                                                   {"AWS_SECRET_ACCESS_KEY", "s"}};
  auto env_with = [&](std::map<std::string, std::string> extra) {
    extra.insert(keys.begin(), keys.end());
    return Env(extra);
  };
  const ProfileResolution via_env =
      resolve_profile(k_kubeconfig_args, env_with({{"AWS_PROFILE", "legacy"}}), 2);
  CHECK(via_env.env_keys == EnvKeys::complete);
  CHECK(via_env.env_keys_win);

  Args with_flag = k_kubeconfig_args;
  with_flag.insert(with_flag.end(), {"--profile", "legacy"});
  const ProfileResolution via_flag = resolve_profile(with_flag, env_with({}), 2);
  CHECK(via_flag.name == "legacy");
  CHECK_FALSE(via_flag.env_keys_win);

  const ProfileResolution partial =
      resolve_profile(Args{}, Env(std::map<std::string, std::string>{{"AWS_ACCESS_KEY_ID", "AKIA"}}), 2);
  CHECK(partial.env_keys == EnvKeys::partial);
  CHECK(partial.env_keys_win);
  const ProfileResolution empty_key =
      resolve_profile({}, Env({{"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", "s"}}), 2);
  CHECK(empty_key.env_keys == EnvKeys::none);
  CHECK_FALSE(empty_key.env_keys_win);
}

TEST_CASE("aws profile: web identity in the environment beats AWS_PROFILE's SSO, but not --profile (aws.md 3)") {
  const Env both({{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"},
                  {"AWS_ROLE_ARN", "arn:aws:iam::1:role/ci"},
                  {"AWS_PROFILE", "legacy"}});
  CHECK(resolve_profile(k_kubeconfig_args, both, 2).env_web_identity);
  CHECK(resolve_profile(k_kubeconfig_args, both, 1).env_web_identity);
  Args with_flag = k_kubeconfig_args;
  with_flag.insert(with_flag.end(), {"--profile", "legacy"});
  CHECK_FALSE(resolve_profile(with_flag, both, 2).env_web_identity);
  // Both are needed: the token file alone is not a web identity (botocore raises without a role).
  CHECK_FALSE(resolve_profile(k_kubeconfig_args,
                              Env(std::map<std::string, std::string>{{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"}}), 2)
                  .env_web_identity);
  CHECK_FALSE(resolve_profile(k_kubeconfig_args, Env({{"AWS_WEB_IDENTITY_TOKEN_FILE", ""}, {"AWS_ROLE_ARN", "a"}}), 2)
                  .env_web_identity);
}

TEST_CASE("aws profile: resolve_region (transcript 35, aws.md 2.5)") {
  AwsProfile profile;
  profile.name = "a";
  profile.values["region"] = IniValue{"eu-west-1", {}, false, 1};
  const Env both({{"AWS_REGION", "eu-north-1"}, {"AWS_DEFAULT_REGION", "me-south-1"}});
  const GetTokenArgs none{};
  GetTokenArgs flag{};
  flag.region = "ap-south-1";

  RegionResolution r = resolve_region(none, both, &profile, 2);
  CHECK(r.region == "eu-north-1");
  CHECK(r.source == RegionSource::aws_region_env);
  r = resolve_region(none, both, &profile, 1);  // v1 ignores AWS_REGION
  CHECK(r.region == "me-south-1");
  CHECK(r.source == RegionSource::aws_default_region_env);
  r = resolve_region(none, Env(std::map<std::string, std::string>{{"AWS_REGION", "eu-north-1"}}), &profile, 1);
  CHECK(r.region == "eu-west-1");
  CHECK(r.source == RegionSource::profile);
  r = resolve_region(flag, both, &profile, 2);
  CHECK(r.region == "ap-south-1");
  CHECK(r.source == RegionSource::flag);
  r = resolve_region(none, Env{}, nullptr, 2);
  CHECK(r.region.empty());
  CHECK(r.source == RegionSource::none);
  CHECK(std::string(region_source_name(RegionSource::aws_region_env)) == "AWS_REGION");
}

// Transcripts 20-27 share this config; 24, 26 and 27 add profiles.
constexpr std::string_view k_config = R"([default]
region = us-east-1

# legacy (non-refreshable) SSO profile
[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1
output = json

; sso-session (refreshable) SSO profile
[profile modern]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-1

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile empty]
region = us-east-1

[profile bad-missing-role]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012

[profile bad-missing-region]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile bad-no-session]
sso_session = does-not-exist
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile bad-session-incomplete]
sso_session = incomplete
sso_account_id = 123456789012
sso_role_name = ReadOnly

[sso-session incomplete]
sso_start_url = https://d-1234567890.awsapps.com/start

[profile bad-inconsistent]
sso_session = my-sso
sso_start_url = https://other.awsapps.com/start
sso_account_id = 123456789012
sso_role_name = ReadOnly

[profile console]
login_session = arn:aws:iam::123456789012:user/alice
region = us-east-1

[profile chained]
role_arn = arn:aws:iam::123456789012:role/eks-admin
source_profile = legacy
region = us-east-1

[profile chained-modern]
role_arn = arn:aws:iam::123456789012:role/eks-admin
source_profile = modern
region = us-east-1

[profile chain2]
role_arn = arn:aws:iam::123456789012:role/second
source_profile = chained-modern

[profile loop-a]
role_arn = arn:aws:iam::1:role/a
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::1:role/b
source_profile = loop-a

[profile self-static]
role_arn = arn:aws:iam::1:role/s
source_profile = self-static
aws_access_key_id = AKIA
aws_secret_access_key = s

[profile self-nokeys]
role_arn = arn:aws:iam::1:role/s
source_profile = self-nokeys

[profile dangling]
role_arn = arn:aws:iam::1:role/d
source_profile = ghost

[profile both-sources]
role_arn = arn:aws:iam::1:role/d
source_profile = legacy
credential_source = Environment

[profile no-source]
role_arn = arn:aws:iam::1:role/d

[profile from-empty]
role_arn = arn:aws:iam::1:role/d
source_profile = empty

[profile proc]
credential_process = /usr/bin/get-creds

[profile keys-partial]
aws_access_key_id = AKIA

[profile token-only]
sso_session = my-sso
)";

AwsConfig test_config(std::string_view credentials = "[credonly]\naws_access_key_id = A\n"
                                                     "aws_secret_access_key = B\n") {
  auto config = parse_aws_ini(k_config, "/h/.aws/config", FileKind::config);
  REQUIRE(config.ok());
  auto creds = parse_aws_ini(credentials, "/h/.aws/credentials", FileKind::credentials);
  REQUIRE(creds.ok());
  return build_aws_config(*config, *creds);
}

std::string first_error(const ProfileAnalysis& a) {
  for (const auto& f : a.findings) {
    if (f.severity == FindingSeverity::error) {
      return f.message;
    }
  }
  return "<none>";
}

TEST_CASE("aws sso config: the two SSO profile styles") {
  const AwsConfig c = test_config();
  const ProfileAnalysis legacy = resolve_sso("legacy", c);
  CHECK(legacy.kind == ProfileKind::sso_legacy);
  CHECK(legacy.uses_sso());
  CHECK(legacy.findings.empty());
  REQUIRE(legacy.sso.has_value());
  CHECK(legacy.sso->start_url == "https://d-1234567890.awsapps.com/start");
  CHECK(legacy.sso->region == "us-east-1");
  CHECK(legacy.sso->account_id == "123456789012");
  CHECK(legacy.sso->role_name == "ReadOnly");
  CHECK_FALSE(legacy.sso->uses_session());
  CHECK(legacy.sso_profile == "legacy");

  const ProfileAnalysis modern = resolve_sso("modern", c);
  CHECK(modern.kind == ProfileKind::sso_session);
  CHECK(modern.findings.empty());
  REQUIRE(modern.sso.has_value());
  CHECK(modern.sso->session_name == "my-sso");
  CHECK(modern.sso->start_url == "https://d-1234567890.awsapps.com/start");
  CHECK(modern.sso->registration_scopes == "sso:account:access");
}

TEST_CASE("aws sso config: findings with the AWS CLI's exact words (transcripts 20, 21, 24)") {
  const AwsConfig c = test_config();
  struct Row {
    std::string_view profile;
    ProfileKind kind;
    std::string_view id;
    std::string_view message;
  };
  const Row rows[] = {
      {"nope", ProfileKind::not_found, "profile-not-found",
       "The config profile (nope) could not be found"},
      {"", ProfileKind::not_found, "profile-not-found", "The config profile () could not be found"},
      {"empty", ProfileKind::none, "no-credentials", "Unable to locate credentials"},
      {"bad-missing-role", ProfileKind::sso_legacy, "sso-missing-config",
       "The profile \"bad-missing-role\" is configured to use SSO but is missing required "
       "configuration: sso_role_name"},
      {"bad-missing-region", ProfileKind::sso_legacy, "sso-missing-config",
       "The profile \"bad-missing-region\" is configured to use SSO but is missing required "
       "configuration: sso_region"},
      {"bad-no-session", ProfileKind::sso_session, "sso-session-not-found",
       "The specified sso-session does not exist: \"does-not-exist\""},
      {"bad-session-incomplete", ProfileKind::sso_session, "sso-missing-config",
       "The profile \"bad-session-incomplete\" is configured to use SSO but is missing required "
       "configuration: sso_region"},
      {"bad-inconsistent", ProfileKind::sso_session, "sso-inconsistent",
       "The value for sso_start_url is inconsistent between profile "
       "(https://other.awsapps.com/start) and sso-session (https://d-1234567890.awsapps.com/start)."},
      {"keys-partial", ProfileKind::static_keys, "static-keys-partial",
       "Partial credentials found in config-file, missing: aws_secret_access_key"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.profile);
    const ProfileAnalysis a = resolve_sso(row.profile, c);
    CHECK(a.kind == row.kind);
    CHECK(a.has_error());
    CHECK_FALSE(a.sso.has_value());
    REQUIRE_FALSE(a.findings.empty());
    CHECK(a.findings.back().id == row.id);
    CHECK(first_error(a) == row.message);
  }
  const ProfileAnalysis missing = resolve_sso("bad-missing-role", c);
  CHECK(missing.findings[0].fix == "aws configure sso --profile bad-missing-role");
}

TEST_CASE("aws sso config: several missing keys in botocore's order") {
  const AwsConfig c = [] {
    auto cfg = parse_aws_ini("[profile p]\nsso_role_name = R\n", "/c", FileKind::config);
    REQUIRE(cfg.ok());
    return build_aws_config(*cfg, IniFile{});
  }();
  CHECK(first_error(resolve_sso("p", c)) ==
        "The profile \"p\" is configured to use SSO but is missing required configuration: "
        "sso_account_id, sso_start_url, sso_region");
}

TEST_CASE("aws sso config: a missing default profile is empty, not 'not found' (transcript 22)") {
  const ProfileAnalysis a = resolve_sso("default", build_aws_config(IniFile{}, IniFile{}));
  CHECK(a.kind == ProfileKind::none);
  CHECK(first_error(a) == "Unable to locate credentials");
}

TEST_CASE("aws sso config: other credential kinds") {
  const AwsConfig c = test_config();
  const ProfileAnalysis console = resolve_sso("console", c);  // transcript 26
  CHECK(console.kind == ProfileKind::login_session);
  CHECK_FALSE(console.has_error());
  CHECK(console.login_session == "arn:aws:iam::123456789012:user/alice");
  REQUIRE(console.findings.size() == 1);
  CHECK(console.findings[0].id == "login-session");
  CHECK(console.findings[0].fix == "aws login --profile console");

  CHECK(resolve_sso("proc", c).kind == ProfileKind::credential_process);
  const ProfileAnalysis creds = resolve_sso("credonly", c);
  CHECK(creds.kind == ProfileKind::static_keys);
  CHECK_FALSE(creds.has_error());
  CHECK_FALSE(creds.uses_sso());

  const ProfileAnalysis token_only = resolve_sso("token-only", c);
  CHECK(token_only.kind == ProfileKind::none);
  REQUIRE(token_only.findings.size() == 2);
  CHECK(token_only.findings[0].id == "sso-token-only");
  CHECK(token_only.findings[1].message == "Unable to locate credentials");

  // Credentials-file keys come before SSO? No: the SSO provider is earlier in the chain.
  const AwsConfig with_keys = test_config("[legacy]\naws_access_key_id = A\n"
                                          "aws_secret_access_key = B\n");
  CHECK(resolve_sso("legacy", with_keys).kind == ProfileKind::sso_legacy);
}

TEST_CASE("aws sso config: role chains (transcript 27)") {
  const AwsConfig c = test_config();
  const ProfileAnalysis chained = resolve_sso("chained", c);
  CHECK(chained.kind == ProfileKind::assume_role);
  CHECK(chained.source_kind == ProfileKind::sso_legacy);
  CHECK(chained.uses_sso());
  CHECK(chained.chain == std::vector<std::string>{"chained", "legacy"});
  CHECK(chained.sso_profile == "legacy");
  REQUIRE(chained.sso.has_value());
  CHECK(chained.sso->start_url == "https://d-1234567890.awsapps.com/start");

  const ProfileAnalysis two = resolve_sso("chain2", c);
  CHECK(two.chain == std::vector<std::string>{"chain2", "chained-modern", "modern"});
  CHECK(two.source_kind == ProfileKind::sso_session);
  CHECK(two.sso_profile == "modern");

  const ProfileAnalysis self_static = resolve_sso("self-static", c);
  CHECK_FALSE(self_static.has_error());
  CHECK(self_static.source_kind == ProfileKind::static_keys);

  struct Row {
    std::string_view profile;
    std::string_view message;
  };
  const Row rows[] = {
      {"loop-a",
       // botocore names the source profile it was about to load again (checked with both CLIs).
       "Infinite loop in credential configuration detected. Attempting to load from profile "
       "loop-a which has already been visited. Visited profiles: ['loop-a', 'loop-b']"},
      {"self-nokeys",
       "Infinite loop in credential configuration detected. Attempting to load from profile "
       "self-nokeys which has already been visited. Visited profiles: ['self-nokeys']"},
      {"dangling",
       "The source_profile \"ghost\" referenced in the profile \"dangling\" does not exist."},
      {"both-sources",
       "The profile \"both-sources\" contains both source_profile and credential_source."},
      {"no-source",
       "Partial credentials found in assume-role, missing: source_profile or credential_source"},
      {"from-empty", "The source profile \"empty\" must have credentials."},
  };
  for (const auto& row : rows) {
    CAPTURE(row.profile);
    const ProfileAnalysis a = resolve_sso(row.profile, c);
    CHECK(a.kind == ProfileKind::assume_role);
    CHECK(a.findings.back().message == row.message);
    CHECK(a.has_error());
  }
  CHECK(std::string(profile_kind_name(ProfileKind::sso_session)) == "sso-session");
}

TEST_CASE("aws sso config: the chain resolver names the profile owning the SSO session") {
  const AwsConfig c = test_config();
  CHECK(resolve_sso("legacy", c).via() == "");
  CHECK(resolve_sso("chained", c).via() == "source_profile");
  CHECK(resolve_sso("chain2", c).via() == "source_profile");
  CHECK(resolve_sso("loop-a", c).via() == "");  // a loop never reaches SSO
  CHECK_FALSE(resolve_sso("loop-a", c).uses_sso());
}

AwsConfig process_config() {
  auto config = parse_aws_ini(R"([profile sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = R

[profile wrapped]
credential_process = aws configure export-credentials --profile sso

[profile vault]
credential_process = aws-vault exec --duration 1h sso --json

[profile opaque]
credential_process = /usr/local/bin/get-creds

[profile chain-to-wrapped]
role_arn = arn:aws:iam::111122223333:role/X
source_profile = wrapped

[profile self]
credential_process = tool --profile self

[profile ping]
credential_process = tool --profile pong

[profile pong]
credential_process = tool --profile ping

[profile to-static]
credential_process = tool --profile keys

[profile keys]
aws_access_key_id = A
aws_secret_access_key = B
)",
                              "/c", FileKind::config);
  REQUIRE(config.ok());
  return build_aws_config(*config, IniFile{});
}

TEST_CASE("aws sso config: credential_process wrapping an SSO profile") {
  const AwsConfig c = process_config();
  const ProfileAnalysis w = resolve_sso("wrapped", c);
  CHECK(w.kind == ProfileKind::credential_process);
  CHECK(w.uses_sso());
  CHECK(w.wrapped_profile == "sso");
  CHECK(w.sso_profile == "sso");
  CHECK(w.via() == "credential_process");
  CHECK(w.chain == std::vector<std::string>{"wrapped", "sso"});
  REQUIRE(w.sso.has_value());
  CHECK(w.sso->role_name == "R");

  CHECK(resolve_sso("vault", c).sso_profile == "sso");
  const ProfileAnalysis chained = resolve_sso("chain-to-wrapped", c);
  CHECK(chained.uses_sso());
  CHECK(chained.sso_profile == "sso");
  CHECK(chained.chain == std::vector<std::string>{"chain-to-wrapped", "wrapped", "sso"});
  CHECK(chained.via() == "credential_process");

  for (const char* name : {"opaque", "self", "ping", "to-static"}) {
    CAPTURE(name);
    const ProfileAnalysis a = resolve_sso(name, c);
    CHECK_FALSE(a.uses_sso());
    CHECK(a.wrapped_profile.empty());
    CHECK(a.via() == "");
  }
}

}  // namespace
}  // namespace eks
