// lib/session/login_memo: a login-required verdict remembered for 15 s per key, dropped when the
// SSO token cache changes (issue 16, defect 2).
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>

#include "lib/session/login_memo.hpp"
#include "support/temp_dir.hpp"

using namespace std::chrono_literals;

TEST_CASE("login memo: remembered for 15 s, per key, and forgotten on request") {
  eks::test::TempDir dir;
  const auto t0 = eks::TimePoint{} + std::chrono::hours(24 * 20000);
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "k1", "fp", t0));
  eks::remember_login_verdict(dir.path(), "k1", "fp", t0);
  CHECK(eks::recent_login_verdict(dir.path(), "k1", "fp", t0));
  CHECK(eks::recent_login_verdict(dir.path(), "k1", "fp", t0 + 14s));
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "k1", "fp", t0 + 15s));
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "k1", "fp", t0 - 5s));  // a clock set back
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "k2", "fp", t0));
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "k1", "other", t0));  // the SSO cache changed
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "", "fp", t0));
  eks::forget_login_verdict(dir.path(), "k1");
  CHECK_FALSE(eks::recent_login_verdict(dir.path(), "k1", "fp", t0));
  // Never creates the folder (the credential cache owns and checks it).
  eks::remember_login_verdict(dir.path() / "absent", "k1", "fp", t0);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "absent"));
}

TEST_CASE("login memo: the SSO cache fingerprint changes when a token file is written") {
  eks::test::TempDir home;
  const std::string none = eks::sso_cache_fingerprint(home.path());
  CHECK(none == eks::sso_cache_fingerprint(home.path()));
  home.write(".aws/sso/cache/abc.json", "{\"accessToken\":\"x\"}");
  const std::string one = eks::sso_cache_fingerprint(home.path());
  CHECK(one != none);
  CHECK(one == eks::sso_cache_fingerprint(home.path()));
  home.write(".aws/sso/cache/abc.json", "{\"accessToken\":\"a longer token\"}");
  CHECK(eks::sso_cache_fingerprint(home.path()) != one);
  std::filesystem::remove(home.path() / ".aws/sso/cache/abc.json");
  CHECK(eks::sso_cache_fingerprint(home.path()) != one);
}
