#include "lib/kube/credential_cache.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lib/util/digest.hpp"
#include "lib/os/process.hpp"
#include "lib/util/timefmt.hpp"

namespace eks {
namespace {

constexpr std::size_t k_max_entry = 1024 * 1024;
constexpr int k_key_version = 1;

bool valid_key(std::string_view key) {
  return key.size() == 64 &&
         std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string errno_text(int err) { return err == ENOENT ? "no such file or directory" : std::strerror(err); }

std::string mode_text(mode_t mode) { return fmt::format("{:04o}", mode & 07777); }

Status check_folder(const std::filesystem::path& dir, uid_t owner) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    return make_error(ErrorKind::config, fmt::format("credential cache folder {}: {}", dir.string(), errno_text(errno)));
  }
  if (!S_ISDIR(st.st_mode)) {
    return make_error(ErrorKind::config, fmt::format("credential cache folder {} is not a directory", dir.string()),
                      {fmt::format("remove it: rm {}", dir.string())});
  }
  if (st.st_uid != owner) {
    return make_error(ErrorKind::config,
                      fmt::format("credential cache folder {} is owned by uid {}, not by you (uid {})", dir.string(),
                                  st.st_uid, owner),
                      {fmt::format("remove it and let eks-sso create its own: rm -rf {}", dir.string())});
  }
  if ((st.st_mode & 077) != 0) {
    return make_error(ErrorKind::config,
                      fmt::format("credential cache folder {} is open to group or others (mode {})", dir.string(),
                                  mode_text(st.st_mode)),
                      {fmt::format("close it: chmod 700 {}", dir.string())});
  }
  return Ok{};
}

Result<std::string> read_entry(const std::filesystem::path& path, uid_t owner, bool& missing) {
  missing = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    missing = errno == ENOENT;
    return make_error(ErrorKind::general, fmt::format("open {}: {}", path.string(), errno_text(errno)));
  }
  struct stat st {};
  std::string text;
  std::string problem;
  if (::fstat(fd, &st) != 0) {
    problem = errno_text(errno);
  } else if (!S_ISREG(st.st_mode)) {
    problem = "not a regular file";
  } else if (st.st_uid != owner) {
    problem = fmt::format("owned by uid {}", st.st_uid);
  } else if ((st.st_mode & 077) != 0) {
    problem = fmt::format("mode {} is open to group or others", mode_text(st.st_mode));
  } else if (static_cast<std::size_t>(st.st_size) > k_max_entry) {
    problem = "larger than 1 MiB";
  } else {
    char buf[8192];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n < 0) {
        problem = errno_text(errno);
        break;
      }
      if (n == 0) {
        break;
      }
      text.append(buf, static_cast<std::size_t>(n));
      if (text.size() > k_max_entry) {
        problem = "larger than 1 MiB";
        break;
      }
    }
  }
  ::close(fd);
  if (!problem.empty()) {
    return make_error(ErrorKind::general, fmt::format("{}: {}", path.string(), problem));
  }
  return text;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A name no other writer uses: the pid and 64 random bits (O_EXCL catches the impossible rest).
std::string temp_suffix() {
  unsigned char bytes[8] = {};
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    const auto t = std::chrono::steady_clock::now().time_since_epoch().count();
    std::memcpy(bytes, &t, sizeof bytes);  // still unique enough with the pid; O_EXCL checks
  }
  std::string out = std::to_string(::getpid()) + ".";
  for (unsigned char b : bytes) {
    out += fmt::format("{:02x}", b);
  }
  return out;
}

}  // namespace

Result<CacheKeyInput> cache_key_input(const ExecConfig& exec, const Cluster& cluster, const Env& process_env,
                                      const FileReader& read_file) {
  CacheKeyInput in;
  const Env plugin_env = plugin_environment(exec, process_env);
  in.command = exec.command;
  if (exec.command.find('/') == std::string::npos) {
    const std::string found = look_path(exec.command, plugin_env.get_or_empty("PATH"));
    if (!found.empty()) {
      in.command = found;
    }
  }
  in.args = exec.args;
  in.env = exec.env;
  in.api_version = exec.api_version;
  in.interactive_mode = effective_interactive_mode(exec);
  in.provide_cluster_info = exec.provide_cluster_info;
  in.server = cluster.server;
  if (!cluster.certificate_authority_data.empty()) {
    in.ca = cluster.certificate_authority_data;
  } else if (!cluster.certificate_authority.empty()) {
    TRY_ASSIGN(std::string ca, read_file(cluster.certificate_authority));
    in.ca = std::move(ca);
  }
  for (const auto& [name, value] : process_env.vars()) {
    if (name == "HOME" || name.rfind("AWS_", 0) == 0) {
      in.ambient.push_back({name, value});
    }
  }
  return in;
}

std::string credential_cache_key(const CacheKeyInput& input) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["version"] = k_key_version;
  doc["command"] = input.command;
  doc["args"] = input.args;
  nlohmann::ordered_json env = nlohmann::ordered_json::array();
  for (const ExecEnvVar& var : input.env) {
    env.push_back({var.name, var.value});
  }
  doc["env"] = std::move(env);
  doc["apiVersion"] = input.api_version;
  doc["interactiveMode"] = input.interactive_mode;
  doc["provideClusterInfo"] = input.provide_cluster_info;
  doc["server"] = input.server;
  doc["ca"] = input.ca;
  nlohmann::ordered_json ambient = nlohmann::ordered_json::array();
  for (const ExecEnvVar& var : input.ambient) {
    ambient.push_back({var.name, var.value});
  }
  doc["ambient"] = std::move(ambient);
  // Invalid UTF-8 is replaced, not thrown on: the key only has to be stable.
  const std::string text = doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return sha256_hex(text);
}

std::filesystem::path credential_cache_dir(const Env& env, const std::filesystem::path& home) {
  const std::string xdg = env.get_or_empty("XDG_CACHE_HOME");
  if (!xdg.empty() && xdg.front() == '/') {
    return std::filesystem::path(xdg) / "eks-sso";
  }
  return home / ".cache" / "eks-sso";
}

std::string exec_credential_json(const ExecCredential& credential, std::string_view api_version) {
  nlohmann::ordered_json status = nlohmann::ordered_json::object();
  if (credential.expiration) {
    status["expirationTimestamp"] = format_rfc3339(*credential.expiration);
  }
  if (!credential.token.empty()) {
    status["token"] = credential.token;
  }
  if (!credential.client_certificate_data.empty()) {
    status["clientCertificateData"] = credential.client_certificate_data;
    status["clientKeyData"] = credential.client_key_data;
  }
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["kind"] = "ExecCredential";
  doc["apiVersion"] = std::string(api_version);
  doc["spec"] = nlohmann::ordered_json::object();
  doc["status"] = std::move(status);
  return doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

const char* cache_status_name(CacheStatus status) {
  switch (status) {
    case CacheStatus::hit:
      return "hit";
    case CacheStatus::missing:
      return "missing";
    case CacheStatus::expired:
      return "expired";
    case CacheStatus::capped:
      return "past the SSO token's expiry";
    case CacheStatus::corrupt:
      return "corrupt";
  }
  return "unknown";
}

Result<CredentialCache> CredentialCache::open(CacheOptions options) {
  const std::filesystem::path& dir = options.dir;
  std::error_code ec;
  if (dir.has_parent_path()) {
    std::filesystem::create_directories(dir.parent_path(), ec);  // ~/.cache: the umask decides, as for any tool
  }
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return make_error(ErrorKind::config,
                      fmt::format("cannot create the credential cache folder {}: {}", dir.string(), errno_text(errno)));
  }
  CredentialCache cache(std::move(options));
  TRY(check_folder(cache.dir(), cache.owner()));
  return cache;
}

uid_t CredentialCache::owner() const { return m_options.owner ? *m_options.owner : ::geteuid(); }

std::filesystem::path CredentialCache::entry_path(std::string_view key) const {
  return m_options.dir / (std::string(key) + ".json");
}

CacheLookup CredentialCache::lookup(std::string_view key, std::string_view api_version, TimePoint now,
                                    std::optional<TimePoint> cap) const {
  CacheLookup out;
  if (!valid_key(key)) {
    out.status = CacheStatus::corrupt;
    out.detail = "invalid cache key";
    return out;
  }
  bool missing = false;
  Result<std::string> text = read_entry(entry_path(key), owner(), missing);
  if (!text) {
    out.status = missing ? CacheStatus::missing : CacheStatus::corrupt;
    out.detail = text.error().message;
    return out;
  }
  // Validated as a plugin's answer (JSON, kind, apiVersion, status); expiry is checked below
  // with the margin, so the parser is given the earliest time.
  Result<ExecCredential> parsed =
      parse_exec_credential(*text, api_version, "credential cache entry", TimePoint::min());
  if (!parsed) {
    out.status = CacheStatus::corrupt;
    out.detail = parsed.error().message;
    return out;
  }
  if (!parsed->expiration) {
    out.status = CacheStatus::corrupt;
    out.detail = "entry has no expirationTimestamp";
    return out;
  }
  out.expiration = parsed->expiration;
  const auto margin = std::chrono::duration_cast<TimePoint::duration>(m_options.margin);
  if (now >= *parsed->expiration - margin) {
    out.status = CacheStatus::expired;
    out.detail = fmt::format("expires {}", format_rfc3339(*parsed->expiration));
    return out;
  }
  if (cap && now >= *cap - margin) {
    out.status = CacheStatus::capped;
    out.detail = fmt::format("the SSO token expires {}", format_rfc3339(*cap));
    return out;
  }
  out.status = CacheStatus::hit;
  out.credential = std::move(*parsed);
  return out;
}

Status CredentialCache::store(std::string_view key, const ExecCredential& credential, std::string_view api_version) {
  if (!valid_key(key)) {
    return make_error(ErrorKind::general, "invalid credential cache key");
  }
  if (!credential.expiration) {
    return make_error(ErrorKind::general, "the credential has no expirationTimestamp; it is not cached");
  }
  const std::string text = exec_credential_json(credential, api_version) + "\n";
  const std::filesystem::path final_path = entry_path(key);
  const std::filesystem::path temp_path = m_options.dir / (std::string(key) + ".json.tmp." + temp_suffix());
  // 0600 from the first byte: the file holds the token (no chmod after the write).
  const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return make_error(ErrorKind::general, fmt::format("create {}: {}", temp_path.string(), errno_text(errno)));
  }
  const bool written = write_all(fd, text);
  const int write_errno = errno;
  if (::close(fd) != 0 || !written) {
    ::unlink(temp_path.c_str());
    return make_error(ErrorKind::general, fmt::format("write {}: {}", temp_path.string(), errno_text(write_errno)));
  }
  if (::rename(temp_path.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_path.c_str());
    return make_error(ErrorKind::general, fmt::format("rename {}: {}", final_path.string(), errno_text(err)));
  }
  return Ok{};
}

void CredentialCache::invalidate(std::string_view key) {
  if (valid_key(key)) {
    ::unlink(entry_path(key).c_str());
  }
}

CredentialCache::Lock& CredentialCache::Lock::operator=(Lock&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = other.m_fd;
    other.m_fd = -1;
  }
  return *this;
}

CredentialCache::Lock::~Lock() {
  if (m_fd >= 0) {
    ::close(m_fd);  // releases the flock
  }
}

Result<CredentialCache::Lock> CredentialCache::lock(std::string_view key) {
  if (!valid_key(key)) {
    return make_error(ErrorKind::general, "invalid credential cache key");
  }
  const std::filesystem::path path = m_options.dir / (std::string(key) + ".lock");
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    return make_error(ErrorKind::general, fmt::format("open {}: {}", path.string(), errno_text(errno)));
  }
  Lock lock(fd);
  const auto deadline = std::chrono::steady_clock::now() + m_options.lock_timeout;
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      return lock;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return make_error(ErrorKind::general, fmt::format("lock {}: {}", path.string(), errno_text(errno)));
    }
    if (m_options.interrupted != nullptr && m_options.interrupted->load()) {
      return make_error(ErrorKind::interrupted, "interrupted while waiting for the credential cache lock");
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return make_error(ErrorKind::general,
                        fmt::format("timed out waiting for the credential cache lock {}", path.string()));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(20));
  }
}

Result<int> clear_credential_cache(const std::filesystem::path& dir, std::optional<uid_t> owner) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOENT) {
      return 0;
    }
    return make_error(ErrorKind::config, fmt::format("credential cache folder {}: {}", dir.string(), errno_text(errno)));
  }
  const uid_t me = owner ? *owner : ::geteuid();
  if (!S_ISDIR(st.st_mode)) {
    return make_error(ErrorKind::config, fmt::format("credential cache folder {} is not a directory", dir.string()));
  }
  if (st.st_uid != me) {
    return make_error(ErrorKind::config, fmt::format("credential cache folder {} is owned by uid {}, not by you (uid {})",
                                                     dir.string(), st.st_uid, me));
  }
  int removed = 0;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() < 64 || !valid_key(std::string_view(name).substr(0, 64))) {
      continue;
    }
    const std::string_view rest = std::string_view(name).substr(64);
    const bool entry = rest == ".json";
    if (!entry && rest != ".lock" && rest.rfind(".json.tmp.", 0) != 0) {
      continue;
    }
    struct stat fst {};
    if (::lstat(it->path().c_str(), &fst) != 0 || !S_ISREG(fst.st_mode) || fst.st_uid != me) {
      continue;
    }
    if (::unlink(it->path().c_str()) == 0 && entry) {
      ++removed;
    }
  }
  if (ec) {
    return make_error(ErrorKind::config, fmt::format("read {}: {}", dir.string(), ec.message()));
  }
  return removed;
}

}  // namespace eks
