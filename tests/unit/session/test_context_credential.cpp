#include <doctest/doctest.h>
#include <sys/stat.h>

#include <sstream>

#include "lib/session/context_credential.hpp"
#include "lib/os/process.hpp"
#include "lib/aws/sso_cache.hpp"
#include "lib/util/timefmt.hpp"
#include "support/fake_http.hpp"
#include "support/fake_process_runner.hpp"
#include "support/temp_dir.hpp"

using eks::CacheMode;
using eks::test::FakeProcessRunner;

namespace {

constexpr const char* k_kubeconfig = R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443"}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]
      env: [{name: AWS_PROFILE, value: dev}]
- name: static
  user: {token: static-token}
contexts:
- name: dev
  context: {cluster: c, user: u}
- name: static
  context: {cluster: c, user: static}
)";

constexpr const char* k_aws_config = R"([profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = us-east-1

[sso-session corp]
sso_start_url = https://d-123.awsapps.com/start
sso_region = us-east-1
)";

std::string exec_credential(const char* token, const char* expires) {
  return std::string(R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{},)") +
         R"("status":{"expirationTimestamp":")" + expires + R"(","token":")" + token + "\"}}";
}

struct World {
  eks::test::TempDir tmp;
  eks::FixedClock clock{*eks::parse_rfc3339("2026-11-29T16:00:00Z")};
  FakeProcessRunner runner;
  eks::test::FakeHttpClient http;
  std::ostringstream out;
  std::ostringstream err;
  eks::Deps deps;
  eks::ContextAccess access;
  eks::AccessOptions options;
  eks::CacheSettings cache;

  explicit World(const char* context = "dev")
      : deps{eks::Env(), tmp.path() / "home", runner, clock, http, out, err, {}, 0, nullptr} {
    tmp.write("kubeconfig", k_kubeconfig);
    deps.env.set("HOME", deps.home.string());
    deps.env.set("XDG_CACHE_HOME", (tmp.path() / "xdg").string());
    eks::KubeconfigSources sources;
    sources.explicit_path = tmp.path() / "kubeconfig";
    auto opened = eks::open_context(sources, context, deps.env);
    REQUIRE(opened.ok());
    access = std::move(*opened);
    cache.mode = eks::CacheMode::use;
  }
  [[nodiscard]] std::filesystem::path dir() const { return tmp.path() / "xdg" / "eks-sso"; }
  [[nodiscard]] std::filesystem::path entry() const {
    return dir() / (*eks::credential_cache_key_for(access, deps) + ".json");
  }
  // One command's run: a fresh memo, as each eks-sso process starts with (the files change between runs).
  eks::CredentialOutcome get() {
    access.memo = std::make_shared<eks::ContextMemo>();
    return eks::get_credential(access, options, cache, deps);
  }
  void sso_token(const char* expires) {
    tmp.write("home/.aws/config", k_aws_config);
    tmp.write("home/.aws/sso/cache/" + eks::sha1_hex("corp") + ".json",
              std::string(R"({"startUrl":"https://d-123.awsapps.com/start","region":"us-east-1",)") +
                  R"("accessToken":"at","expiresAt":")" + expires + "\"}");
  }
};

}  // namespace

TEST_CASE("cached credential: the first call runs the plugin and stores; the second is served from the cache") {
  World w;
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.first", "2026-11-29T16:14:00Z"));
  auto first = w.get();
  REQUIRE(first.attempt.credential.has_value());
  CHECK_FALSE(first.from_cache);
  CHECK(first.attempt.plugin_ran);
  CHECK(first.attempt.credential->token == "k8s-aws-v1.first");
  CHECK(first.key.size() == 64);
  CHECK(std::filesystem::exists(w.entry()));

  auto second = w.get();
  REQUIRE(second.attempt.credential.has_value());
  CHECK(second.from_cache);
  CHECK_FALSE(second.attempt.plugin_ran);
  const eks::Credential& c = *second.attempt.credential;
  CHECK(c.source == "exec");
  CHECK(c.token == "k8s-aws-v1.first");
  CHECK(c.api_version == "client.authentication.k8s.io/v1beta1");
  CHECK(eks::format_rfc3339(*c.expiration) == "2026-11-29T16:14:00Z");
  CHECK(c.command == "aws --region us-east-1 eks get-token --cluster-name demo --output json");
  CHECK(w.runner.calls().size() == 1);
  CHECK(w.runner.all_used());
  CHECK(w.err.str().empty());
}

TEST_CASE("cached credential: an entry past its expiry less the margin makes the plugin run again") {
  World w;
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.first", "2026-11-29T16:14:00Z"));
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.second", "2026-11-29T16:27:00Z"));
  (void)w.get();
  w.clock.set(*eks::parse_rfc3339("2026-11-29T16:12:59Z"));
  CHECK(w.get().from_cache);
  w.clock.set(*eks::parse_rfc3339("2026-11-29T16:13:00Z"));
  auto renewed = w.get();
  CHECK_FALSE(renewed.from_cache);
  CHECK(renewed.attempt.credential->token == "k8s-aws-v1.second");
  CHECK(w.get().from_cache);
  CHECK(w.runner.all_used());
}

TEST_CASE("cached credential: a 401 refresh drops the entry and runs the plugin again") {
  World w;
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.rejected", "2026-11-29T16:14:00Z"));
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.fresh", "2026-11-29T16:14:30Z"));
  (void)w.get();
  auto refreshed = eks::refresh_credential(w.access, w.options, w.cache, w.deps);
  CHECK_FALSE(refreshed.from_cache);
  CHECK(refreshed.attempt.credential->token == "k8s-aws-v1.fresh");
  auto next = w.get();
  CHECK(next.from_cache);
  CHECK(next.attempt.credential->token == "k8s-aws-v1.fresh");

  eks::invalidate_cached_credential(w.access, w.cache, w.deps);
  CHECK_FALSE(std::filesystem::exists(w.entry()));
  CHECK(w.runner.all_used());
}

TEST_CASE("cached credential: a corrupt entry is ignored and replaced") {
  World w;
  std::filesystem::create_directories(w.dir());
  ::chmod(w.dir().c_str(), 0700);
  w.tmp.write(std::filesystem::relative(w.entry(), w.tmp.path()).string(), "{not json");
  ::chmod(w.entry().c_str(), 0600);
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.new", "2026-11-29T16:14:00Z"));
  auto got = w.get();
  CHECK_FALSE(got.from_cache);
  CHECK(got.attempt.credential->token == "k8s-aws-v1.new");
  CHECK(w.get().from_cache);
  CHECK(w.runner.all_used());
}

TEST_CASE("cached credential: a refused folder warns once and the plugin runs as without a cache") {
  World w;
  std::filesystem::create_directories(w.dir());
  REQUIRE(::chmod(w.dir().c_str(), 0755) == 0);
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.a", "2026-11-29T16:14:00Z"));
  auto got = w.get();
  REQUIRE(got.attempt.credential.has_value());
  CHECK_FALSE(got.from_cache);
  CHECK(w.err.str() == "warning: not using the credential cache: credential cache folder " + w.dir().string() +
                           " is open to group or others (mode 0755)\n  close it: chmod 700 " + w.dir().string() +
                           "\n");
  CHECK_FALSE(std::filesystem::exists(w.entry()));

  // Owned by someone else (played by expecting another uid).
  REQUIRE(::chmod(w.dir().c_str(), 0700) == 0);
  w.cache.owner = ::geteuid() + 1;
  w.err.str("");
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.b", "2026-11-29T16:14:00Z"));
  got = w.get();
  CHECK(got.attempt.credential->token == "k8s-aws-v1.b");
  CHECK(w.err.str().find("is owned by uid") != std::string::npos);
  CHECK(w.runner.all_used());
}

TEST_CASE("cached credential: --no-cache bypasses it; a static token is never cached") {
  World w;
  w.cache.mode = CacheMode::bypass;
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.a", "2026-11-29T16:14:00Z"));
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.b", "2026-11-29T16:14:00Z"));
  CHECK_FALSE(w.get().from_cache);
  auto again = w.get();
  CHECK_FALSE(again.from_cache);
  CHECK(again.key.empty());
  CHECK(again.attempt.credential->token == "k8s-aws-v1.b");
  CHECK(w.runner.all_used());
  CHECK_FALSE(std::filesystem::exists(w.dir()));

  World s("static");
  auto got = s.get();
  CHECK(got.attempt.credential->source == "token");
  CHECK(got.key.empty());
  CHECK(s.runner.calls().empty());
  CHECK_FALSE(std::filesystem::exists(s.dir()));
}

TEST_CASE("cached credential: the plugin's failure is returned as is and nothing is stored") {
  World w;
  w.runner.expect_exit(255, "",
                       "\nError loading SSO Token: Token for corp does not exist\n");
  w.runner.expect_exit(0, "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12\n");  // aws --version
  auto got = w.get();
  CHECK_FALSE(got.attempt.credential.has_value());
  CHECK(got.login.has_value());
  CHECK_FALSE(std::filesystem::exists(w.entry()));
}

TEST_CASE("cached credential: never served past the SSO token's expiry, nor once logged out") {
  World w;
  w.sso_token("2026-11-29T16:10:00Z");
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.a", "2026-11-29T16:14:00Z"));
  CHECK_FALSE(w.get().from_cache);
  w.clock.set(*eks::parse_rfc3339("2026-11-29T16:08:59Z"));
  CHECK(w.get().from_cache);
  // 16:09:00 is the SSO token's expiry less the margin: the plugin decides again.
  w.clock.set(*eks::parse_rfc3339("2026-11-29T16:09:00Z"));
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.b", "2026-11-29T16:23:00Z"));
  CHECK_FALSE(w.get().from_cache);
  // That fresh credential was not stored: it would outlive the SSO token.
  w.clock.set(*eks::parse_rfc3339("2026-11-29T16:00:00Z"));
  w.sso_token("2026-11-29T20:00:00Z");  // logged in again: the older entry is served again
  auto again = w.get();
  CHECK(again.from_cache);
  CHECK(again.attempt.credential->token == "k8s-aws-v1.a");
  // Logged out: the SSO token file is gone, so the entry is not served; the plugin decides.
  std::filesystem::remove(w.tmp.path() / "home/.aws/sso/cache" / (eks::sha1_hex("corp") + ".json"));
  w.runner.expect_exit(255, "", "\nError loading SSO Token: Token for corp does not exist\n");
  w.runner.expect_exit(0, "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12\n");
  auto out = w.get();
  CHECK_FALSE(out.from_cache);
  CHECK(out.login.has_value());
  CHECK(w.runner.all_used());
}

TEST_CASE("cached credential: -v 1 says what the cache did, never the token") {
  World w;
  w.deps.verbosity = 1;
  w.runner.expect_exit(0, exec_credential("k8s-aws-v1.secretvalue", "2026-11-29T16:14:00Z"));
  (void)w.get();
  (void)w.get();
  const std::string key = *eks::credential_cache_key_for(w.access, w.deps);
  CHECK(w.err.str() == "credential cache: " + key.substr(0, 12) + " missing (open " + w.entry().string() +
                           ": no such file or directory)\n"
                           "credential cache: stored " + key.substr(0, 12) + " (expires 2026-11-29T16:14:00Z)\n"
                           "credential cache: hit " + key.substr(0, 12) +
                           " for context \"dev\" (expires 2026-11-29T16:14:00Z)\n");
  CHECK(w.err.str().find("secretvalue") == std::string::npos);
}
