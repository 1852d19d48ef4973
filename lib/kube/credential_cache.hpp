// The on-disk ExecCredential cache (issue 7): kubectl keeps exec credentials in memory only, so
// every `kubectl` call pays 300-1000 ms in `aws eks get-token`. eks-sso keeps the ExecCredential
// until its expirationTimestamp minus a margin, in one file per key, the way kubelogin keys its
// token cache: a SHA-256 of everything that shapes the credential.
//
// Location: $XDG_CACHE_HOME/eks-sso (an absolute XDG_CACHE_HOME only, as the XDG spec says), else
// ~/.cache/eks-sso. The folder must be ours and closed to group and others (0700 when we create
// it); otherwise open() refuses and callers go on without a cache. Files:
//   <key>.json   the ExecCredential JSON (it holds the token: created 0600 with O_EXCL, never
//                printed), written to a temp file in the same folder and renamed into place
//   <key>.lock   an flock(2) lock file: the one process holding it runs the plugin; the others
//                wait, then read what it stored
// A file that is not a valid, unexpired ExecCredential of the expected apiVersion, or that is not
// a regular file of ours closed to others, is ignored (and replaced by the next store), never
// trusted. Readers take no lock: a rename is atomic, so they see the old file or the new one.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/clock.hpp"
#include "lib/util/env.hpp"
#include "lib/kube/exec_credential.hpp"
#include "lib/kube/exec_plugin.hpp"
#include "lib/kube/kubeconfig.hpp"
#include "lib/util/result.hpp"

namespace eks {

// Everything that shapes the credential an exec plugin hands out.
struct CacheKeyInput {
  std::string command;  // resolved: the path that will run (the PATH lookup done), else as written
  std::vector<std::string> args;
  std::vector<ExecEnvVar> env;  // the exec env list, in order (later entries win)
  std::string api_version;
  std::string interactive_mode;  // the effective one (IfAvailable when unset and not v1)
  bool provide_cluster_info = false;
  std::string server;
  std::string ca;  // certificate-authority-data as written, else the certificate-authority file's bytes
  // The process environment's AWS_* variables and HOME: `aws eks get-token` reads AWS_PROFILE,
  // AWS_CONFIG_FILE, static keys and ~/.aws from there, so they shape the token too.
  std::vector<ExecEnvVar> ambient;
};

// The key input for an exec user. `process_env` is the environment the plugin inherits;
// `read_file` reads a certificate-authority file (an unreadable one is an error: no cache then).
[[nodiscard]] Result<CacheKeyInput> cache_key_input(const ExecConfig& exec, const Cluster& cluster,
                                                    const Env& process_env, const FileReader& read_file);

// 64 lowercase hex digits: SHA-256 (OpenSSL EVP) of a canonical JSON of `input`, versioned.
[[nodiscard]] std::string credential_cache_key(const CacheKeyInput& input);

// $XDG_CACHE_HOME/eks-sso when XDG_CACHE_HOME is an absolute path, else HOME/.cache/eks-sso.
[[nodiscard]] std::filesystem::path credential_cache_dir(const Env& env, const std::filesystem::path& home);

// The ExecCredential as the cache stores it and `eks-sso credential` prints it: one line of JSON,
// {"kind","apiVersion","spec":{},"status":{"expirationTimestamp","token","clientCertificateData",
// "clientKeyData"}} with empty fields left out. It holds the secret: never write it to a log.
[[nodiscard]] std::string exec_credential_json(const ExecCredential& credential, std::string_view api_version);

struct CacheOptions {
  std::filesystem::path dir;
  std::chrono::seconds margin{60};  // an entry is stale this long before its expirationTimestamp
  // Who must own the folder and the files; nullopt = geteuid(). Tests set another uid to play an
  // attacker's folder without root.
  std::optional<uid_t> owner;
  // How long lock() waits for another process's plugin run before giving up.
  std::chrono::milliseconds lock_timeout{35000};
  const std::atomic<bool>* interrupted = nullptr;  // lock() stops waiting when it becomes true
};

enum class CacheStatus { hit, missing, expired, capped, corrupt };
[[nodiscard]] const char* cache_status_name(CacheStatus status);

struct CacheLookup {
  CacheStatus status = CacheStatus::missing;
  std::optional<ExecCredential> credential;  // set on a hit
  std::optional<TimePoint> expiration;       // the entry's, when it could be read
  std::string detail;                        // why it was not used, for -v (never holds the token)
};

class CredentialCache {
 public:
  // Creates the folder (0700) when missing, then checks it: a directory owned by `owner`, closed
  // to group and others. A refusal is ErrorKind::config with the fix as a hint.
  [[nodiscard]] static Result<CredentialCache> open(CacheOptions options);

  // The entry for `key`, when it is a valid ExecCredential with apiVersion `api_version` and
  // `now` is before both its expirationTimestamp and `cap` (each less the margin). `cap` is the
  // SSO token's own expiry when known: the cache never outlives the login.
  [[nodiscard]] CacheLookup lookup(std::string_view key, std::string_view api_version, TimePoint now,
                                   std::optional<TimePoint> cap = std::nullopt) const;

  // Writes the entry atomically (temp file 0600 with O_EXCL in the folder, then rename). A
  // credential without an expirationTimestamp is not stored (an error): it could never go stale.
  [[nodiscard]] Status store(std::string_view key, const ExecCredential& credential, std::string_view api_version);

  // Drops the entry (after a 401). Missing is fine.
  void invalidate(std::string_view key);

  // The per-key lock, released when destroyed.
  class Lock {
   public:
    Lock() = default;
    explicit Lock(int fd) : m_fd(fd) {}
    Lock(Lock&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    Lock& operator=(Lock&& other) noexcept;
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    ~Lock();

   private:
    int m_fd = -1;
  };
  // Waits (polling, so Ctrl-C and the timeout are honoured) for the exclusive lock of `key`.
  [[nodiscard]] Result<Lock> lock(std::string_view key);

  [[nodiscard]] const std::filesystem::path& dir() const { return m_options.dir; }
  [[nodiscard]] std::filesystem::path entry_path(std::string_view key) const;

 private:
  explicit CredentialCache(CacheOptions options) : m_options(std::move(options)) {}
  [[nodiscard]] uid_t owner() const;
  CacheOptions m_options;
};

// `eks-sso cache clear`: removes the entries, locks and leftover temp files eks-sso wrote
// (names <64 hex>.json, .lock, .json.tmp.*), nothing else. A missing folder is 0 removed; a
// folder owned by someone else is refused (ErrorKind::config).
[[nodiscard]] Result<int> clear_credential_cache(const std::filesystem::path& dir, std::optional<uid_t> owner = {});

}  // namespace eks
