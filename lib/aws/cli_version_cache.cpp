#include "lib/aws/cli_version_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace eks {
namespace {

constexpr const char* k_file = "aws-cli-versions.memo";
constexpr std::size_t k_max_bytes = 256 * 1024;  // a handful of entries; anything bigger is not ours

// Ours and closed to group and others (what CredentialCache::open checks).
bool trusted(const std::filesystem::path& p, bool directory) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0 || st.st_uid != ::geteuid() || (st.st_mode & 022) != 0) {
    return false;
  }
  return directory ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode);
}

nlohmann::json read_all(const std::filesystem::path& dir) {
  const std::filesystem::path file = dir / k_file;
  if (!trusted(dir, true) || !trusted(file, false)) {
    return nlohmann::json::object();
  }
  std::ifstream in(file, std::ios::binary);
  std::string text(k_max_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > k_max_bytes) {
    return nlohmann::json::object();
  }
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

std::optional<BinaryStamp> binary_stamp(const std::filesystem::path& resolved) {
  std::error_code ec;
  const std::filesystem::path canonical = std::filesystem::canonical(resolved, ec);
  struct stat st {};
  if (ec || ::stat(canonical.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return std::nullopt;
  }
  BinaryStamp s;
  s.path = canonical.string();
  s.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  s.size = static_cast<long long>(st.st_size);
  return s;
}

std::optional<AwsCliVersion> remembered_cli_version(const std::filesystem::path& dir, const BinaryStamp& stamp) {
  const nlohmann::json all = read_all(dir);
  const auto it = all.find(stamp.path);
  if (it == all.end() || !it->is_object()) {
    return std::nullopt;
  }
  const auto mtime = it->find("mtimeNs");
  const auto size = it->find("size");
  const auto version = it->find("version");
  if (mtime == it->end() || !mtime->is_number_integer() || mtime->get<long long>() != stamp.mtime_ns ||
      size == it->end() || !size->is_number_integer() || size->get<long long>() != stamp.size ||
      version == it->end() || !version->is_string()) {
    return std::nullopt;
  }
  // The stored text is read back as `aws --version` would print it, with the same parser.
  return parse_aws_cli_version("aws-cli/" + version->get<std::string>());
}

void remember_cli_version(const std::filesystem::path& dir, const BinaryStamp& stamp, const AwsCliVersion& version) {
  if (!trusted(dir, true)) {
    return;  // the credential cache creates and checks the folder; never create it here
  }
  nlohmann::json all = read_all(dir);
  all[stamp.path] = {{"mtimeNs", stamp.mtime_ns}, {"size", stamp.size}, {"version", version.to_string()}};
  const std::filesystem::path target = dir / k_file;
  const std::filesystem::path tmp = target.string() + ".tmp." + std::to_string(::getpid());
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::trunc | std::ios::binary);
    out << all.dump() << '\n';
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return;
    }
  }
  std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
  }
}

void forget_cli_versions(const std::filesystem::path& dir) {
  if (trusted(dir, true) && trusted(dir / k_file, false)) {
    std::error_code ec;
    std::filesystem::remove(dir / k_file, ec);
  }
}

}  // namespace eks
