// The kubeconfig model and loader, with kubectl 1.32's rules (docs/spec/kube.md section 1):
// sources (--kubeconfig / KUBECONFIG / ~/.kube/config), first-file-wins merge per name,
// current-context from the first file that sets one, relative paths resolved against the folder
// of the file that defined them, no '~' expansion.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/util/result.hpp"

namespace eks {

struct Cluster {
  std::string name;
  std::string server;
  std::string certificate_authority;       // resolved path ("" when unset)
  std::string certificate_authority_data;  // base64 as written
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;
  std::string proxy_url;
  bool disable_compression = false;
  // extensions[].extension keyed by name; "client.authentication.k8s.io/exec" feeds ExecProvider.Config.
  std::map<std::string, nlohmann::json> extensions;
  std::filesystem::path origin;  // the file that defined it
};

struct ExecEnvVar {
  std::string name;
  std::string value;
};

struct ExecConfig {
  std::string api_version;
  std::string command;  // resolved against the defining file's folder when it contains '/'
  std::string command_as_written;
  std::vector<std::string> args;
  std::vector<ExecEnvVar> env;  // a list, not a map: later entries win
  std::string install_hint;
  bool provide_cluster_info = false;
  std::string interactive_mode;  // "Never" | "IfAvailable" | "Always" | "" (unset)
};

struct AuthProvider {
  std::string name;
  std::map<std::string, std::string> config;
};

struct AuthInfo {
  std::string name;
  std::string token;
  std::string token_file;  // resolved path
  std::string client_certificate;  // resolved path
  std::string client_certificate_data;
  std::string client_key;  // resolved path
  std::string client_key_data;
  std::string username;
  std::string password;
  std::optional<ExecConfig> exec;
  std::optional<AuthProvider> auth_provider;  // legacy (gcp/azure/oidc), noted only
  // Impersonation (as, as-uid, as-groups, as-user-extra): sent as Impersonate-* headers on every
  // request (client-go transport/round_trippers.go NewImpersonatingRoundTripper).
  std::string impersonate;
  std::string impersonate_uid;
  std::vector<std::string> impersonate_groups;
  std::map<std::string, std::vector<std::string>> impersonate_user_extra;
  std::filesystem::path origin;

  [[nodiscard]] bool impersonates() const {
    return !impersonate.empty() || !impersonate_uid.empty() || !impersonate_groups.empty() ||
           !impersonate_user_extra.empty();
  }
};

struct Context {
  std::string name;
  std::string cluster;
  std::string user;
  std::string namespace_;
  std::filesystem::path origin;
};

struct Kubeconfig {
  std::vector<std::filesystem::path> files;  // files actually loaded, in order
  std::map<std::string, Cluster> clusters;
  std::map<std::string, AuthInfo> users;
  std::map<std::string, Context> contexts;  // sorted by name, as kubectl lists them
  std::string current_context;
  std::filesystem::path current_context_origin;
};

// One parsed file, before merging. Pure: no I/O. `origin` is used for relative path resolution
// and in error messages ("file:line:col: message"). An empty text is an empty config.
[[nodiscard]] Result<Kubeconfig> parse_kubeconfig(std::string_view text, const std::filesystem::path& origin);

// Where the kubeconfig comes from (the caller fills it from flags and the environment snapshot).
struct KubeconfigSources {
  std::optional<std::filesystem::path> explicit_path;  // --kubeconfig: loaded alone, must exist
  std::optional<std::string> kubeconfig_env;            // $KUBECONFIG when set
  std::filesystem::path home;                           // for ~/.kube/config
};

// The list of files kubectl would consider, in order (deduplicated, empty elements dropped).
[[nodiscard]] std::vector<std::filesystem::path> kubeconfig_paths(const KubeconfigSources& sources);

// Loads and merges. Missing files in KUBECONFIG (and a missing ~/.kube/config) are skipped;
// a missing --kubeconfig file is a config error; a malformed file anywhere is a config error.
[[nodiscard]] Result<Kubeconfig> load_kubeconfig(const KubeconfigSources& sources);

// Merges `next` into `into` with kubectl's first-wins rules.
void merge_kubeconfig(Kubeconfig& into, Kubeconfig next);

// The context, cluster and user a command will use.
struct Selection {
  const Context* context = nullptr;
  const Cluster* cluster = nullptr;
  const AuthInfo* user = nullptr;
};

// Selects `context_name` (or current-context when empty). Errors (exit 7) name the context and
// list the ones that exist; a missing cluster or user names it.
[[nodiscard]] Result<Selection> select_context(const Kubeconfig& config, std::string_view context_name);

}  // namespace eks
