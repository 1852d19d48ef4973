#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "lib/session/credential.hpp"
#include "lib/kube/credential_cache.hpp"
#include "lib/util/timefmt.hpp"
#include "support/temp_dir.hpp"

using eks::CacheStatus;
using eks::CredentialCache;

namespace {

constexpr const char* k_v1beta1 = "client.authentication.k8s.io/v1beta1";
const std::string k_key(64, 'a');

eks::TimePoint at(const char* text) { return *eks::parse_rfc3339(text); }

eks::ExecCredential credential(const char* expires) {
  eks::ExecCredential c;
  c.api_version = k_v1beta1;
  c.token = "k8s-aws-v1.secret-token";
  c.expiration = at(expires);
  return c;
}

mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

eks::CredentialCache open_cache(const std::filesystem::path& dir) {
  eks::CacheOptions o;
  o.dir = dir;
  auto cache = CredentialCache::open(o);
  REQUIRE(cache.ok());
  return std::move(*cache);
}

eks::CacheKeyInput base_input() {
  eks::CacheKeyInput in;
  in.command = "/usr/bin/aws";
  in.args = {"eks", "get-token", "--cluster-name", "dev"};
  in.env = {{"AWS_PROFILE", "dev"}};
  in.api_version = k_v1beta1;
  in.interactive_mode = "IfAvailable";
  in.server = "https://127.0.0.1:6443";
  in.ca = "Q0EK";
  in.ambient = {{"HOME", "/home/u"}};
  return in;
}

}  // namespace

TEST_CASE("credential cache: the key is 64 hex digits, stable, and changes with everything that shapes the credential") {
  const std::string base = eks::credential_cache_key(base_input());
  CHECK(base.size() == 64);
  CHECK(base.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(eks::credential_cache_key(base_input()) == base);

  std::vector<std::pair<const char*, eks::CacheKeyInput>> variants;
  auto v = base_input();
  v.command = "/usr/local/bin/aws";
  variants.emplace_back("command", v);
  v = base_input();
  v.args.back() = "prod";
  variants.emplace_back("args", v);
  v = base_input();
  v.env = {{"AWS_PROFILE", "prod"}};
  variants.emplace_back("env value", v);
  v = base_input();
  v.env.push_back({"AWS_REGION", "eu-west-1"});
  variants.emplace_back("env entry", v);
  v = base_input();
  v.api_version = "client.authentication.k8s.io/v1";
  variants.emplace_back("apiVersion", v);
  v = base_input();
  v.interactive_mode = "Never";
  variants.emplace_back("interactiveMode", v);
  v = base_input();
  v.provide_cluster_info = true;
  variants.emplace_back("provideClusterInfo", v);
  v = base_input();
  v.server = "https://127.0.0.1:6444";
  variants.emplace_back("server", v);
  v = base_input();
  v.ca = "Q0IK";
  variants.emplace_back("ca", v);
  v = base_input();
  v.ambient.push_back({"AWS_PROFILE", "other"});
  variants.emplace_back("process AWS_PROFILE", v);
  // Moving a word from args to command must not collide.
  v = base_input();
  v.command = "/usr/bin/aws eks";
  v.args.erase(v.args.begin());
  variants.emplace_back("command/args boundary", v);
  for (const auto& [what, input] : variants) {
    INFO(what);
    CHECK(eks::credential_cache_key(input) != base);
  }
}

TEST_CASE("credential cache: the key input resolves the command in the plugin's PATH and reads the CA file") {
  eks::test::TempDir dir;
  const auto bin = dir.write("bin/my-plugin", "#!/bin/sh\n");
  std::filesystem::permissions(bin, std::filesystem::perms::owner_all);
  const auto ca = dir.write("ca.crt", "CA-BYTES");
  eks::ExecConfig exec;
  exec.api_version = k_v1beta1;
  exec.command = "my-plugin";
  exec.env = {{"PATH", (dir.path() / "bin").string()}};
  eks::Cluster cluster;
  cluster.server = "https://127.0.0.1:1";
  cluster.certificate_authority = ca.string();
  eks::Env env(std::map<std::string, std::string>{
      {"HOME", "/home/u"}, {"AWS_PROFILE", "p"}, {"TERM", "xterm"}, {"KUBERNETES_EXEC_INFO", "{}"}});
  auto in = eks::cache_key_input(exec, cluster, env, eks::read_small_file);
  REQUIRE(in.ok());
  CHECK(in->command == bin.string());
  CHECK(in->ca == "CA-BYTES");
  CHECK(in->interactive_mode == "IfAvailable");
  REQUIRE(in->ambient.size() == 2);  // AWS_* and HOME only: TERM and KUBERNETES_EXEC_INFO do not shape it
  CHECK(in->ambient[0].name == "AWS_PROFILE");
  CHECK(in->ambient[1].name == "HOME");

  cluster.certificate_authority = (dir.path() / "missing.crt").string();
  CHECK_FALSE(eks::cache_key_input(exec, cluster, env, eks::read_small_file).ok());
}

TEST_CASE("credential cache: the folder is $XDG_CACHE_HOME/eks-sso when absolute, else ~/.cache/eks-sso") {
  eks::Env env;
  CHECK(eks::credential_cache_dir(env, "/home/u") == "/home/u/.cache/eks-sso");
  env.set("XDG_CACHE_HOME", "relative/cache");
  CHECK(eks::credential_cache_dir(env, "/home/u") == "/home/u/.cache/eks-sso");
  env.set("XDG_CACHE_HOME", "/var/cache/u");
  CHECK(eks::credential_cache_dir(env, "/home/u") == "/var/cache/u/eks-sso");
}

TEST_CASE("credential cache: a stored entry is served until its expiry less the margin") {
  eks::test::TempDir tmp;
  const auto dir = tmp.path() / "cache" / "eks-sso";
  auto cache = open_cache(dir);
  CHECK(mode_of(dir) == 0700);

  CHECK(cache.lookup(k_key, k_v1beta1, at("2026-11-29T16:00:00Z")).status == CacheStatus::missing);
  REQUIRE(cache.store(k_key, credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  const auto file = dir / (k_key + ".json");
  CHECK(mode_of(file) == 0600);
  CHECK(slurp(file) ==
        "{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"spec\":{},"
        "\"status\":{\"expirationTimestamp\":\"2026-11-29T16:14:00Z\",\"token\":\"k8s-aws-v1.secret-token\"}}\n");
  // Nothing else was left behind (the temp file was renamed).
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()) == 1);

  auto hit = cache.lookup(k_key, k_v1beta1, at("2026-11-29T16:00:00Z"));
  REQUIRE(hit.status == CacheStatus::hit);
  CHECK(hit.credential->token == "k8s-aws-v1.secret-token");
  CHECK(cache.lookup(k_key, k_v1beta1, at("2026-11-29T16:12:59Z")).status == CacheStatus::hit);
  // The 60 s margin: at 16:13:00 the entry is stale, although the token is valid one more minute.
  const auto stale = cache.lookup(k_key, k_v1beta1, at("2026-11-29T16:13:00Z"));
  CHECK(stale.status == CacheStatus::expired);
  CHECK(stale.detail == "expires 2026-11-29T16:14:00Z");
  CHECK_FALSE(stale.credential.has_value());
}

TEST_CASE("credential cache: a larger margin and the SSO cap shorten the life of an entry") {
  eks::test::TempDir tmp;
  eks::CacheOptions o;
  o.dir = tmp.path() / "c";
  o.margin = std::chrono::seconds(300);
  auto cache = CredentialCache::open(o);
  REQUIRE(cache.ok());
  REQUIRE(cache->store(k_key, credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  CHECK(cache->lookup(k_key, k_v1beta1, at("2026-11-29T16:08:59Z")).status == CacheStatus::hit);
  CHECK(cache->lookup(k_key, k_v1beta1, at("2026-11-29T16:09:00Z")).status == CacheStatus::expired);
  const auto capped = cache->lookup(k_key, k_v1beta1, at("2026-11-29T16:00:00Z"), at("2026-11-29T16:04:00Z"));
  CHECK(capped.status == CacheStatus::capped);
  CHECK(capped.detail == "the SSO token expires 2026-11-29T16:04:00Z");
  CHECK(cache->lookup(k_key, k_v1beta1, at("2026-11-29T16:00:00Z"), at("2026-11-29T16:05:01Z")).status ==
        CacheStatus::hit);
}

TEST_CASE("credential cache: invalidate drops the entry (after a 401)") {
  eks::test::TempDir tmp;
  auto cache = open_cache(tmp.path() / "c");
  REQUIRE(cache.store(k_key, credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  cache.invalidate(k_key);
  CHECK(cache.lookup(k_key, k_v1beta1, at("2026-11-29T16:00:00Z")).status == CacheStatus::missing);
  cache.invalidate(k_key);  // missing is fine
}

TEST_CASE("credential cache: a corrupt or foreign entry is ignored, never trusted, and replaced by the next store") {
  eks::test::TempDir tmp;
  const auto dir = tmp.path() / "c";
  auto cache = open_cache(dir);
  const auto file = dir / (k_key + ".json");
  const auto now = at("2026-11-29T16:00:00Z");
  auto write = [&](const std::string& text, mode_t mode = 0600) {
    std::filesystem::remove(file);
    std::ofstream(file) << text;
    REQUIRE(::chmod(file.c_str(), mode) == 0);
  };
  const std::string good =
      R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{},)"
      R"("status":{"expirationTimestamp":"2026-11-29T16:14:00Z","token":"k8s-aws-v1.x"}})";

  struct Case {
    const char* what;
    std::string text;
    mode_t mode;
  };
  const std::vector<Case> cases = {
      {"not JSON", "{\"kind\":\"ExecCred", 0600},
      {"empty", "", 0600},
      {"other apiVersion", R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{},)"
                           R"("status":{"expirationTimestamp":"2026-11-29T16:14:00Z","token":"k8s-aws-v1.x"}})",
       0600},
      {"no expirationTimestamp", R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1",)"
                                 R"("status":{"token":"k8s-aws-v1.x"}})",
       0600},
      {"bad expirationTimestamp", R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1",)"
                                  R"("status":{"expirationTimestamp":"soon","token":"k8s-aws-v1.x"}})",
       0600},
      {"no token", R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1",)"
                   R"("status":{"expirationTimestamp":"2026-11-29T16:14:00Z"}})",
       0600},
      {"readable by others", good, 0644},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    write(c.text, c.mode);
    const auto found = cache.lookup(k_key, k_v1beta1, now);
    CHECK(found.status == CacheStatus::corrupt);
    CHECK_FALSE(found.credential.has_value());
    CHECK(found.detail.find("k8s-aws-v1.x") == std::string::npos);  // never quotes the token
  }
  write(good);
  CHECK(cache.lookup(k_key, k_v1beta1, now).status == CacheStatus::hit);

  write("garbage");
  REQUIRE(cache.store(k_key, credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  CHECK(mode_of(file) == 0600);
  CHECK(cache.lookup(k_key, k_v1beta1, now).status == CacheStatus::hit);

  // A symlink planted in place of the entry is not followed.
  std::filesystem::remove(file);
  const auto target = tmp.write("elsewhere.json", good);
  ::chmod(target.c_str(), 0600);
  std::filesystem::create_symlink(target, file);
  CHECK(cache.lookup(k_key, k_v1beta1, now).status == CacheStatus::corrupt);
}

TEST_CASE("credential cache: a folder open to others or owned by someone else is refused with the fix") {
  eks::test::TempDir tmp;
  const auto dir = tmp.path() / "c";
  std::filesystem::create_directories(dir);
  REQUIRE(::chmod(dir.c_str(), 0777) == 0);
  eks::CacheOptions o;
  o.dir = dir;
  auto open = CredentialCache::open(o);
  REQUIRE_FALSE(open.ok());
  CHECK(open.error().kind == eks::ErrorKind::config);
  CHECK(open.error().message == "credential cache folder " + dir.string() + " is open to group or others (mode 0777)");
  CHECK(open.error().hints == std::vector<std::string>{"close it: chmod 700 " + dir.string()});

  REQUIRE(::chmod(dir.c_str(), 0750) == 0);
  CHECK_FALSE(CredentialCache::open(o).ok());

  REQUIRE(::chmod(dir.c_str(), 0700) == 0);
  CHECK(CredentialCache::open(o).ok());
  // Owned by another user: played by expecting another uid (no root needed).
  o.owner = ::geteuid() + 1;
  open = CredentialCache::open(o);
  REQUIRE_FALSE(open.ok());
  CHECK(open.error().message == "credential cache folder " + dir.string() + " is owned by uid " +
                                    std::to_string(::geteuid()) + ", not by you (uid " +
                                    std::to_string(::geteuid() + 1) + ")");

  // A file where the folder should be.
  o.owner.reset();
  o.dir = tmp.write("file", "x");
  open = CredentialCache::open(o);
  REQUIRE_FALSE(open.ok());
  CHECK(open.error().message == "credential cache folder " + o.dir.string() + " is not a directory");
}

TEST_CASE("credential cache: the per-key lock excludes a second holder until released") {
  eks::test::TempDir tmp;
  eks::CacheOptions o;
  o.dir = tmp.path() / "c";
  o.lock_timeout = std::chrono::milliseconds(50);
  auto cache = CredentialCache::open(o);
  REQUIRE(cache.ok());
  {
    auto first = cache->lock(k_key);
    REQUIRE(first.ok());
    auto second = cache->lock(k_key);  // flock is per open file: a second open waits
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().message ==
          "timed out waiting for the credential cache lock " + (o.dir / (k_key + ".lock")).string());
    CHECK(cache->lock(std::string(64, 'b')).ok());  // another key is not blocked
  }
  CHECK(cache->lock(k_key).ok());

  std::atomic<bool> interrupted{true};
  o.interrupted = &interrupted;
  o.lock_timeout = std::chrono::seconds(30);
  auto cache2 = CredentialCache::open(o);
  REQUIRE(cache2.ok());
  auto held = cache2->lock(k_key);
  REQUIRE(held.ok());
  auto waiting = cache2->lock(k_key);
  REQUIRE_FALSE(waiting.ok());
  CHECK(waiting.error().kind == eks::ErrorKind::interrupted);
}

TEST_CASE("credential cache: clear removes only the files eks-sso wrote") {
  eks::test::TempDir tmp;
  const auto dir = tmp.path() / "c";
  CHECK(*eks::clear_credential_cache(dir) == 0);  // no folder: nothing to do
  auto cache = open_cache(dir);
  REQUIRE(cache.store(k_key, credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  REQUIRE(cache.store(std::string(64, 'b'), credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  { auto l = cache.lock(k_key); }
  tmp.write("c/" + k_key + ".json.tmp.123.abcd", "partial");
  tmp.write("c/notes.txt", "mine");
  tmp.write("c/" + std::string(63, 'a') + ".json", "not ours: short name");
  auto removed = eks::clear_credential_cache(dir);
  REQUIRE(removed.ok());
  CHECK(*removed == 2);
  std::vector<std::string> left;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    left.push_back(e.path().filename().string());
  }
  std::sort(left.begin(), left.end());
  CHECK(left == std::vector<std::string>{std::string(63, 'a') + ".json", "notes.txt"});
  auto other = eks::clear_credential_cache(dir, ::geteuid() + 1);
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().kind == eks::ErrorKind::config);
}

TEST_CASE("credential cache: exec_credential_json writes the requested apiVersion and a client certificate") {
  eks::ExecCredential c;
  c.client_certificate_data = "CERT";
  c.client_key_data = "KEY";
  CHECK(eks::exec_credential_json(c, "client.authentication.k8s.io/v1") ==
        R"({"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{},)"
        R"("status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}})");
}

TEST_CASE("credential cache: store refuses a credential without expiry and a bad key") {
  eks::test::TempDir tmp;
  auto cache = open_cache(tmp.path() / "c");
  eks::ExecCredential c = credential("2026-11-29T16:14:00Z");
  c.expiration.reset();
  CHECK_FALSE(cache.store(k_key, c, k_v1beta1).ok());
  CHECK_FALSE(cache.store("../../etc/passwd", credential("2026-11-29T16:14:00Z"), k_v1beta1).ok());
  CHECK(cache.lookup("../x", k_v1beta1, at("2026-11-29T16:00:00Z")).status == CacheStatus::corrupt);
}
