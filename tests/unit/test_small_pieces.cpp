#include <doctest/doctest.h>

#include "lib/auth_summary.hpp"
#include "lib/base64.hpp"
#include "lib/contexts_view.hpp"
#include "lib/deps.hpp"
#include "lib/digest.hpp"
#include "lib/error.hpp"
#include "lib/suggest.hpp"

using eks::Env;

TEST_CASE("error: one mapping from kinds to the contract's exit codes") {
  using eks::ErrorKind;
  CHECK(eks::exit_code_for(ErrorKind::general) == 1);
  CHECK(eks::exit_code_for(ErrorKind::usage) == 2);
  CHECK(eks::exit_code_for(ErrorKind::login_required) == 3);
  CHECK(eks::exit_code_for(ErrorKind::unauthorized) == 4);
  CHECK(eks::exit_code_for(ErrorKind::forbidden) == 5);
  CHECK(eks::exit_code_for(ErrorKind::unreachable) == 6);
  CHECK(eks::exit_code_for(ErrorKind::config) == 7);
  CHECK(eks::exit_code_for(ErrorKind::interrupted) == 130);
}

TEST_CASE("base64: standard, url-safe and Go's error offsets") {
  CHECK(eks::base64_encode("foob") == "Zm9vYg==");
  CHECK(eks::base64url_encode_nopad("\xfb\xff") == "-_8");
  CHECK(eks::base64_decode("Zm9vYg==") == std::optional<std::string>("foob"));
  CHECK(eks::base64_decode("Zm9v\nYmFy") == std::optional<std::string>("foobar"));
  eks::Base64Error err;
  CHECK_FALSE(eks::base64_decode("Zm9*", &err).has_value());
  CHECK(err.offset == 3);
  CHECK_FALSE(eks::base64_decode("Zm9vY").has_value());
  // An unfinished last quantum is reported at its first byte, as Go's CorruptInputError(si - j).
  CHECK_FALSE(eks::base64_decode("QUJ", &err).has_value());
  CHECK(err.offset == 0);
  CHECK_FALSE(eks::base64_decode("YWJjYQ", &err).has_value());
  CHECK(err.offset == 4);
  CHECK_FALSE(eks::base64_decode("QQ===", &err).has_value());
  CHECK(err.offset == 4);
  CHECK(eks::base64url_decode("-_8") == std::optional<std::string>("\xfb\xff"));
}

TEST_CASE("suggest: did you mean") {
  const std::vector<std::string> cmds{"doctor", "contexts", "connect", "login", "get", "logout-test"};
  CHECK(eks::closest_match("contxts", cmds) == std::optional<std::string>("contexts"));
  CHECK(eks::closest_match("docter", cmds) == std::optional<std::string>("doctor"));
  CHECK(eks::closest_match("logout", cmds) == std::optional<std::string>("logout-test"));
  CHECK_FALSE(eks::closest_match("zzzzzzzz", cmds).has_value());
}

TEST_CASE("deps: colour only on a terminal, never with NO_COLOR, TERM=dumb, --no-color or CI") {
  CHECK(eks::decide_color(Env(), true, false));
  CHECK_FALSE(eks::decide_color(Env(), false, false));
  CHECK_FALSE(eks::decide_color(Env(), true, true));
  CHECK_FALSE(eks::decide_color(Env(std::map<std::string, std::string>{{"NO_COLOR", ""}}), true, false));
  CHECK_FALSE(eks::decide_color(Env(std::map<std::string, std::string>{{"TERM", "dumb"}}), true, false));
  CHECK_FALSE(eks::decide_color(Env(std::map<std::string, std::string>{{"CI", "true"}}), true, false));
}

namespace {

eks::AuthInfo aws_user(std::vector<std::string> args, std::vector<eks::ExecEnvVar> env) {
  eks::AuthInfo u;
  u.name = "u";
  eks::ExecConfig e;
  e.api_version = "client.authentication.k8s.io/v1beta1";
  e.command = e.command_as_written = "aws";
  e.args = std::move(args);
  e.env = std::move(env);
  u.exec = e;
  return u;
}

}  // namespace

TEST_CASE("auth summary: AWS profile, region and cluster from the plugin's args and env") {
  const std::vector<std::string> args{"--region", "us-east-1", "eks", "get-token", "--cluster-name", "demo"};
  auto s = eks::summarize_auth(aws_user(args, {{"AWS_PROFILE", "k8studio-sso"}}), Env(std::map<std::string, std::string>{{"AWS_PROFILE", "host"}}));
  CHECK(s.type == "exec");
  CHECK(s.plugin == eks::PluginKind::aws_cli);
  CHECK(s.profile == "k8studio-sso");
  CHECK(s.profile_source == "exec env AWS_PROFILE");
  CHECK(s.region == "us-east-1");
  CHECK(s.cluster_name == "demo");

  auto with_flag = args;
  with_flag.insert(with_flag.end(), {"--profile", "flagged"});
  s = eks::summarize_auth(aws_user(with_flag, {{"AWS_PROFILE", "k8studio-sso"}}), Env());
  CHECK(s.profile == "flagged");
  CHECK(s.profile_source == "--profile");

  // v2: AWS_PROFILE beats AWS_DEFAULT_PROFILE; v1 the reverse.
  const Env both({{"AWS_PROFILE", "p"}, {"AWS_DEFAULT_PROFILE", "dp"}});
  CHECK(eks::summarize_auth(aws_user(args, {}), both, 2).profile == "p");
  CHECK(eks::summarize_auth(aws_user(args, {}), both, 1).profile == "dp");
  CHECK(eks::summarize_auth(aws_user(args, {}), both).profile_source == "environment AWS_PROFILE");
  CHECK(eks::summarize_auth(aws_user(args, {}), Env()).profile == "default");

  s = eks::summarize_auth(aws_user(args, {{"AWS_PROFILE", "x"}}),
                          Env(std::map<std::string, std::string>{{"AWS_ACCESS_KEY_ID", "AKIA"}, {"AWS_SECRET_ACCESS_KEY", "s"}}));
  CHECK(s.env_static_keys);

  eks::AuthInfo tok = aws_user(args, {});
  tok.token = "t";
  CHECK(eks::summarize_auth(tok, Env()).type == "token");
  eks::AuthInfo none;
  CHECK(eks::summarize_auth(none, Env()).type == "none");
}

TEST_CASE("contexts view: rows sorted by name, kubectl's first five columns, JSON shape") {
  eks::Kubeconfig cfg;
  cfg.current_context = "b";
  cfg.clusters["c"] = eks::Cluster{"c", "https://s", "", "", false, "", "", false, {}, "/k"};
  cfg.users["u"] = aws_user({"eks", "get-token", "--cluster-name", "demo"}, {{"AWS_PROFILE", "p"}});
  cfg.contexts["b"] = eks::Context{"b", "c", "u", "", "/k"};
  cfg.contexts["a"] = eks::Context{"a", "c", "missing-user", "ns", "/k"};
  const auto entries = eks::list_contexts(cfg, Env());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].name == "a");
  CHECK_FALSE(entries[0].current);
  CHECK(entries[0].sso.state == "not-sso");
  CHECK(entries[1].current);
  CHECK(entries[1].auth.profile == "p");
  const auto rows = eks::context_rows(entries, false);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0] == "CURRENT");
  CHECK(rows[2][0] == "*");
  CHECK(rows[2][1] == "b");
  const auto j = eks::context_to_json(entries[1]);
  CHECK(j["current"] == true);
  CHECK(j["auth"]["type"] == "exec");
  CHECK(j["auth"]["profile"] == "p");
  CHECK(j["auth"]["clusterName"] == "demo");
  CHECK(j["server"] == "https://s");
  CHECK(j["sso"]["state"] == "unknown");
}

TEST_CASE("digest: SHA-1 and SHA-256 test vectors (FIPS 180-4 examples)") {
  CHECK(eks::sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(eks::sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(eks::sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(eks::sha1_hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  CHECK(eks::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(eks::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(eks::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(eks::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the padding boundary (55, 56, 63, 64 bytes), checked against sha256sum.
  CHECK(eks::sha256_hex(std::string(55, 'x')) == "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  CHECK(eks::sha1_hex(std::string(55, 'x')) == "cef734ba81a024479e09eb5a75b6ddae62e6abf1");
  CHECK(eks::sha256_hex(std::string(56, 'x')) == "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  CHECK(eks::sha1_hex(std::string(56, 'x')) == "901305367c259952f4e7af8323f480d59f81335b");
  CHECK(eks::sha256_hex(std::string(63, 'x')) == "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2");
  CHECK(eks::sha1_hex(std::string(63, 'x')) == "0ddc4e0cccd9a12850deb5abb0853a4425559fec");
  CHECK(eks::sha256_hex(std::string(64, 'x')) == "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
  CHECK(eks::sha1_hex(std::string(64, 'x')) == "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163");
}
