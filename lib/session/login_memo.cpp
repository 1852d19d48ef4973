#include "lib/session/login_memo.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <system_error>
#include <vector>

#include "lib/util/digest.hpp"

namespace eks {
namespace {

std::filesystem::path memo_path(const std::filesystem::path& dir, const std::string& key) {
  return dir / (key + ".login-required");
}

long long seconds_of(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string sso_cache_fingerprint(const std::filesystem::path& home) {
  std::error_code ec;
  std::vector<std::string> rows;
  for (std::filesystem::directory_iterator it(home / ".aws" / "sso" / "cache", ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code fec;
    const auto size = it->file_size(fec);
    const auto mtime = it->last_write_time(fec);
    rows.push_back(it->path().filename().string() + " " + std::to_string(fec ? 0 : size) + " " +
                   std::to_string(fec ? 0 : mtime.time_since_epoch().count()));
  }
  if (ec && rows.empty()) {
    return "";  // no folder (never logged in) is a state too; "" still compares equal to itself
  }
  std::sort(rows.begin(), rows.end());
  std::string all;
  for (const auto& r : rows) {
    all += r + "\n";
  }
  return sha256_hex(all);
}

bool recent_login_verdict(const std::filesystem::path& dir, const std::string& key, const std::string& fingerprint,
                          TimePoint now, std::chrono::seconds ttl) {
  if (key.empty()) {
    return false;
  }
  std::ifstream in(memo_path(dir, key));
  long long at = 0;
  std::string seen;
  if (!(in >> at)) {
    return false;
  }
  in >> seen;  // absent when the fingerprint was ""
  const long long age = seconds_of(now) - at;
  return seen == fingerprint && age >= 0 && age < ttl.count();
}

void remember_login_verdict(const std::filesystem::path& dir, const std::string& key, const std::string& fingerprint,
                            TimePoint now) {
  if (key.empty()) {
    return;
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return;  // the credential cache creates and checks the folder; never create it here
  }
  const std::filesystem::path target = memo_path(dir, key);
  const std::filesystem::path tmp = target.string() + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << seconds_of(now) << ' ' << fingerprint << '\n';
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
  }
}

void forget_login_verdict(const std::filesystem::path& dir, const std::string& key) {
  if (key.empty()) {
    return;
  }
  std::error_code ec;
  std::filesystem::remove(memo_path(dir, key), ec);
}

}  // namespace eks
