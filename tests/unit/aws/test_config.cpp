// parse_aws_ini / build_aws_config / load_aws_config, with the config files of the transcripts
// (docs/spec/transcripts/aws/25, 36, 36b, 38, 39).
#include <doctest/doctest.h>

#include "lib/aws/config.hpp"
#include "support/aws_test_support.hpp"

namespace eks {
namespace {

constexpr std::string_view k_path = "/home/u/.aws/config";

AwsConfig build(std::string_view config_text, std::string_view credentials_text = "") {
  auto config = parse_aws_ini(config_text, k_path, FileKind::config);
  REQUIRE_MESSAGE(config.ok(), (config.ok() ? "" : config.error().message));
  auto creds = parse_aws_ini(credentials_text, "/home/u/.aws/credentials", FileKind::credentials);
  REQUIRE_MESSAGE(creds.ok(), (creds.ok() ? "" : creds.error().message));
  return build_aws_config(*config, *creds);
}

std::string profile_value(const AwsConfig& c, std::string_view profile, std::string_view key) {
  const AwsProfile* p = c.find_profile(profile);
  if (p == nullptr) {
    return "<no profile>";
  }
  return p->get(key).value_or("<unset>");
}

std::string parse_error_of(std::string_view text) {
  auto r = parse_aws_ini(text, k_path, FileKind::config);
  return r.ok() ? "<ok>" : r.error().message;
}

// Transcript 36, the config file verbatim.
constexpr std::string_view k_config_36 = R"(# full-line hash comment
; full-line semicolon comment
[default]
region = us-west-2 # inline hash
output = json ; inline semicolon
s3 =
  max_concurrent_requests = 20
  addressing_style = path

[profile default]
region = eu-central-1

[profile spaced name]
region = ap-south-1

[profile "quoted name"]
region = ap-northeast-1

[profile   padded   ]
region = ca-central-1

[profilenospace]
region = sa-east-1

[plain]
region = af-south-1

[profile colon]
region: eu-south-1

[profile UPPER]
REGION = eu-west-3

[profile withsvc]
services = my-svcs
region = us-east-2

[services my-svcs]
s3 =
  endpoint_url = http://localhost:9000
sts =
  endpoint_url = http://localhost:9001

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
)";

constexpr std::string_view k_credentials_36 = R"([credonly]
aws_access_key_id = AKIACREDONLY
aws_secret_access_key = secret

[profile notacredprofile]
aws_access_key_id = AKIAX
aws_secret_access_key = y
)";

TEST_CASE("aws config: transcript 36 section naming") {
  const AwsConfig c = build(k_config_36, k_credentials_36);
  struct Row {
    std::string_view profile;
    std::string_view region;
  };
  const Row rows[] = {
      {"default", "eu-central-1"},        // [profile default] after [default] replaces it
      {"quoted name", "ap-northeast-1"},  // shlex removes the quotes
      {"padded", "ca-central-1"},         // padding dropped
      {"colon", "eu-south-1"},            // "key: value"
      {"UPPER", "eu-west-3"},             // section case kept, key case-folded
      {"withsvc", "us-east-2"},
      {"spaced name", "<no profile>"},    // 3 words: ignored
      {"spaced", "<no profile>"},
      {"profilenospace", "<no profile>"},
      {"nospace", "<no profile>"},
      {"plain", "<no profile>"},
      {"upper", "<no profile>"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.profile);
    CHECK(profile_value(c, row.profile, "region") == row.region);
  }
  // The replaced [default] is gone entirely: no merge.
  CHECK(profile_value(c, "default", "output") == "<unset>");
  CHECK(c.find_profile("default")->location == "/home/u/.aws/config:10");
  // Credentials-file sections are bare names; "[profile x]" there is the profile "profile x".
  CHECK(c.find_profile("credonly") != nullptr);
  CHECK(c.find_profile("credonly")->in_credentials_file);
  CHECK_FALSE(c.find_profile("credonly")->in_config_file);
  CHECK(profile_value(c, "profile notacredprofile", "aws_access_key_id") == "AKIAX");
  CHECK(c.find_profile("notacredprofile") == nullptr);
  REQUIRE(c.find_sso_session("my-sso") != nullptr);
  CHECK(c.find_sso_session("my-sso")->get("sso_region") == "us-east-1");
  REQUIRE(c.services.count("my-svcs") == 1);
  const IniValue* sts = c.services.at("my-svcs").find("sts");
  REQUIRE(sts != nullptr);
  CHECK(sts->is_nested);
  CHECK(sts->nested.at("endpoint_url") == "http://localhost:9001");
}

TEST_CASE("aws config: transcript 36b inline comments, nested values, indented comments") {
  const AwsConfig c = build(R"([default]
region = us-west-2 # inline hash
output = json ; inline semicolon
s3 =
  max_concurrent_requests = 20
  addressing_style = path

[profile b]
region = eu-west-1
  # indented comment line
[profile c]
region = eu-west-2
)");
  CHECK(profile_value(c, "default", "region") == "us-west-2 # inline hash");
  CHECK(profile_value(c, "default", "output") == "json ; inline semicolon");
  const IniValue& s3 = c.find_profile("default")->values.at("s3");
  CHECK(s3.is_nested);
  CHECK(s3.text == "\nmax_concurrent_requests = 20\naddressing_style = path");
  CHECK(s3.nested.at("max_concurrent_requests") == "20");
  CHECK(s3.nested.at("addressing_style") == "path");
  CHECK(c.find_profile("default")->get("s3") == std::nullopt);  // a sub-section, not a value
  CHECK(profile_value(c, "b", "region") == "eu-west-1");
  CHECK(profile_value(c, "c", "region") == "eu-west-2");
}

TEST_CASE("aws config: parse errors name file:line") {
  struct Row {
    std::string_view name;
    std::string_view text;
    std::string_view message;
  };
  const Row rows[] = {
      // Transcript 38.
      {"duplicate section", "[profile dup]\nregion = us-east-1\n[profile dup]\noutput = text\n",
       "/home/u/.aws/config:3: duplicate section \"profile dup\""},
      // Transcript 39.
      {"duplicate key", "[profile dup]\nregion = us-east-1\nregion = us-west-2\n",
       "/home/u/.aws/config:3: duplicate key \"region\" in section \"profile dup\""},
      {"duplicate key after case folding", "[a]\nREGION = x\nregion = y\n",
       "/home/u/.aws/config:3: duplicate key \"region\" in section \"a\""},
      // Transcript 25.
      {"text before the first header", "this is not ini\n[profile legacy\nregion=us-east-1\n",
       "/home/u/.aws/config:1: text before the first [section] header"},
      {"key before the first header", "\n# c\nregion = x\n[default]\n",
       "/home/u/.aws/config:3: text before the first [section] header"},
      {"line without delimiter", "[default]\nregion us-east-1\n",
       "/home/u/.aws/config:2: line is neither a [section] header nor a \"key = value\" setting"},
      {"unclosed header after a section", "[default]\n[profile legacy\n",
       "/home/u/.aws/config:2: line is neither a [section] header nor a \"key = value\" setting"},
      {"empty key", "[default]\n= value\n", "/home/u/.aws/config:2: setting without a key name"},
      // configparser raises duplicates at once but bogus lines only at the end of the file.
      {"duplicate beats earlier bogus line", "[a]\nbogus\n[a]\n",
       "/home/u/.aws/config:3: duplicate section \"a\""},
      {"nested line without =", "[default]\ns3 =\n  max_concurrent_requests\n",
       "/home/u/.aws/config:2: a line of the sub-section \"s3\" has no \"=\""},
      {"byte-order mark", "\xEF\xBB\xBF[default]\nregion = x\n",
       "/home/u/.aws/config:1: text before the first [section] header (the file starts with a "
       "UTF-8 byte-order mark)"},
      {"invalid utf-8", "[default]\nregion = x\n# caf\xE9\n",
       "/home/u/.aws/config:3: not valid UTF-8 text"},
      {"duplicate key in [DEFAULT]", "[DEFAULT]\nregion = x\n[DEFAULT]\nregion = y\n",
       "/home/u/.aws/config:4: duplicate key \"region\" in section \"DEFAULT\""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(parse_error_of(row.text) == row.message);
  }
  auto r = parse_aws_ini("[a]\n[a]\n", k_path, FileKind::config);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::config);
  REQUIRE(r.error().hints.size() == 1);
  CHECK(r.error().hints[0] ==
        "the AWS CLI rejects this file too: \"Unable to parse config file: /home/u/.aws/config\"");
}

TEST_CASE("aws config: parse error never quotes the line (it may hold a secret)") {
  const std::string msg = parse_error_of("[default]\naws_secret_access_key wJalrXUtnFEMI\n");
  CHECK(msg.find("wJalrXUtnFEMI") == std::string::npos);
}

TEST_CASE("aws config: configparser value rules") {
  struct Row {
    std::string_view name;
    std::string_view text;
    std::string_view key;
    std::string_view value;
  };
  const Row rows[] = {
      {"continuation line", "[a]\nk = one\n  two\n", "k", "one\ntwo"},
      {"empty line inside a value", "[a]\nk = one\n\n  two\n", "k", "one\n\ntwo"},
      {"trailing empty lines trimmed", "[a]\nk = one\n  two\n\n\n", "k", "one\ntwo"},
      {"comment inside a value skipped", "[a]\nk = one\n  # c\n  two\n", "k", "one\ntwo"},
      {"first delimiter wins", "[a]\nk: x = y\n", "k", "x = y"},
      {"url value keeps its colon", "[a]\nsso_start_url = https://x/start\n", "sso_start_url",
       "https://x/start"},
      {"spaces around delimiter", "[a]\n  k   =   v  \n", "k", "v"},
      {"empty value", "[a]\nk =\n", "k", ""},
      {"CRLF line ends", "[a]\r\nk = v\r\n", "k", "v"},
      {"CR line ends", "[a]\rk = v\r", "k", "v"},
      {"indented header is a continuation", "[a]\nk = v\n  [b]\n", "k", "v\n[b]"},
      {"header with trailing text", "[a] junk]\nk = v\n", "<none>", "<none>"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    auto r = parse_aws_ini(row.text, k_path, FileKind::config);
    REQUIRE(r.ok());
    REQUIRE(r->sections.size() == 1);
    if (row.key == "<none>") {
      CHECK(r->sections[0].name == "a] junk");  // greedy up to the last ']'
      continue;
    }
    const IniValue* v = r->sections[0].find(row.key);
    REQUIRE(v != nullptr);
    CHECK(v->text == row.value);
  }
}

TEST_CASE("aws config: [DEFAULT] keys apply to every section, own keys win") {
  const AwsConfig c = build("[DEFAULT]\nregion = x\noutput = json\n[profile a]\nregion = y\n"
                            "[profile b]\n");
  CHECK(profile_value(c, "a", "region") == "y");
  CHECK(profile_value(c, "a", "output") == "json");
  CHECK(profile_value(c, "b", "region") == "x");
  CHECK(c.find_profile("DEFAULT") == nullptr);
}

TEST_CASE("aws config: odd section names as botocore sees them") {
  const AwsConfig c = build(
      "[profile 'single q']\nk = 1\n[profile \"unterminated]\nk = 2\n[profile]\nk = 3\n"
      "[profiles x]\nk = 4\n[sso-session  s1 ]\nsso_region = r\n[sso-session a b]\nk = 5\n"
      "[profile a\\ b]\nk = 6\n");
  CHECK(profile_value(c, "single q", "k") == "1");
  CHECK(c.profiles.count("\"unterminated") == 0);
  CHECK(profile_value(c, "x", "k") == "4");  // botocore only checks the "profile" prefix
  CHECK(profile_value(c, "a b", "k") == "6");
  CHECK(c.find_sso_session("s1") != nullptr);
  CHECK(c.find_sso_session("a") == nullptr);
  CHECK(c.sso_sessions.size() == 1);
}

TEST_CASE("aws config: credentials keys override config keys of the same profile") {
  const AwsConfig c = build("[profile p]\nregion = a\naws_access_key_id = CONFIG\n",
                            "[p]\naws_access_key_id = CREDS\n[default]\nk = v\n");
  CHECK(profile_value(c, "p", "aws_access_key_id") == "CREDS");
  CHECK(profile_value(c, "p", "region") == "a");
  CHECK(c.find_profile("p")->in_config_file);
  CHECK(c.find_profile("p")->in_credentials_file);
  CHECK(profile_value(c, "default", "k") == "v");
}

TEST_CASE("aws config: shlex_split") {
  struct Row {
    std::string_view in;
    std::vector<std::string> out;
  };
  const Row rows[] = {
      {"profile a", {"profile", "a"}},
      {"profile   padded   ", {"profile", "padded"}},
      {"profile \"quoted name\"", {"profile", "quoted name"}},
      {"profile 'x y'", {"profile", "x y"}},
      {"profile a\\ b", {"profile", "a b"}},
      {"profile \"a\\\"b\"", {"profile", "a\"b"}},
      {"profile \"a\\nb\"", {"profile", "a\\nb"}},
      {"profile ''", {"profile", ""}},
      {"pro\"file\" x", {"profile", "x"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.in);
    const auto got = shlex_split(row.in);
    REQUIRE(got.has_value());
    CHECK(*got == row.out);
  }
  CHECK_FALSE(shlex_split("profile \"open").has_value());
  CHECK_FALSE(shlex_split("profile 'open").has_value());
  CHECK_FALSE(shlex_split("profile x\\").has_value());
}

TEST_CASE("expand_aws_path: expandvars then expanduser") {
  const Env env({{"HOME", "/ignored"}, {"CFG", "/etc/aws"}, {"EMPTY", ""}});
  const std::filesystem::path home = "/home/u";
  CHECK(expand_aws_path("~/.aws/config", env, home) == "/home/u/.aws/config");
  CHECK(expand_aws_path("~", env, home) == "/home/u");
  CHECK(expand_aws_path("$CFG/config", env, home) == "/etc/aws/config");
  CHECK(expand_aws_path("${CFG}/config", env, home) == "/etc/aws/config");
  CHECK(expand_aws_path("$NOPE/config", env, home) == "$NOPE/config");
  CHECK(expand_aws_path("${NOPE}/x", env, home) == "${NOPE}/x");
  CHECK(expand_aws_path("$EMPTY/x", env, home) == "/x");
  CHECK(expand_aws_path("~other/x", env, home) == "~other/x");
  CHECK(expand_aws_path("/a/~/b", env, home) == "/a/~/b");
  CHECK(expand_aws_path("cost$", env, home) == "cost$");
}

TEST_CASE("load_aws_config: files, environment overrides, errors") {
  test::TempDir tmp;
  const auto home = tmp.path();

  SUBCASE("no files at all: empty config") {
    auto c = load_aws_config(Env{}, home);
    REQUIRE(c.ok());
    CHECK(c->profiles.empty());
    CHECK(c->config_path == (home / ".aws/config").string());
  }
  SUBCASE("default locations") {
    test::write_file(home / ".aws/config", "[profile a]\nregion = r\n");
    test::write_file(home / ".aws/credentials", "[b]\naws_access_key_id = K\n");
    auto c = load_aws_config(Env{}, home);
    REQUIRE(c.ok());
    CHECK(profile_value(*c, "a", "region") == "r");
    CHECK(c->find_profile("b") != nullptr);
  }
  SUBCASE("AWS_CONFIG_FILE with $VAR and AWS_SHARED_CREDENTIALS_FILE with ~") {
    test::write_file(home / "elsewhere/cfg", "[profile x]\nregion = r\n");
    test::write_file(home / "creds", "[y]\nk = v\n");
    const Env env({{"AWS_CONFIG_FILE", "$BASE/elsewhere/cfg"},
                   {"BASE", home.string()},
                   {"AWS_SHARED_CREDENTIALS_FILE", "~/creds"}});
    auto c = load_aws_config(env, home);
    REQUIRE(c.ok());
    CHECK(c->find_profile("x") != nullptr);
    CHECK(c->find_profile("y") != nullptr);
  }
  SUBCASE("AWS_CONFIG_FILE=/dev/null and a directory are empty") {
    std::filesystem::create_directories(home / "dir");
    const Env env({{"AWS_CONFIG_FILE", "/dev/null"},
                   {"AWS_SHARED_CREDENTIALS_FILE", (home / "dir").string()}});
    auto c = load_aws_config(env, home);
    REQUIRE(c.ok());
    CHECK(c->profiles.empty());
  }
  SUBCASE("parse error names the file and line") {
    test::write_file(home / ".aws/config", "[profile dup]\n[profile dup]\n");
    auto c = load_aws_config(Env{}, home);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message == (home / ".aws/config").string() +
                                   ":2: duplicate section \"profile dup\"");
  }
  SUBCASE("credentials parse error") {
    test::write_file(home / ".aws/credentials", "junk\n");
    auto c = load_aws_config(Env{}, home);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message == (home / ".aws/credentials").string() +
                                   ":1: text before the first [section] header");
  }
  SUBCASE("oversized file") {
    test::write_file(home / ".aws/config", "[a]\n" + std::string(1024 * 1024, '#'));
    auto c = load_aws_config(Env{}, home);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().kind == ErrorKind::config);
    CHECK(c.error().message ==
          (home / ".aws/config").string() + ": file is larger than 1048576 bytes (read stopped)");
  }
  SUBCASE("unreadable path") {
    // ENAMETOOLONG is an error even for root (who can read mode-000 files).
    const std::string long_name(300, 'x');
    const Env env({{"AWS_CONFIG_FILE", (home / long_name).string()}});
    auto c = load_aws_config(env, home);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().message == (home / long_name).string() + ": File name too long");
  }
}

}  // namespace
}  // namespace eks
