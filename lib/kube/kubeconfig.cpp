#include "lib/kube/kubeconfig.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "lib/util/base64.hpp"
#include "lib/util/utf8.hpp"
#include "lib/formats/yaml_doc.hpp"
#include "lib/formats/yaml_json.hpp"

namespace eks {
namespace fs = std::filesystem;

namespace {

// Parse errors carry "file:line:col: message" (1-based, as editors count).
Error at(const fs::path& origin, const YamlNode& where, const std::string& message) {
  return make_error(ErrorKind::config, fmt::format("{}:{}:{}: {}", origin.string(), where.mark.line + 1,
                                                   where.mark.column + 1, message));
}

const char* type_name(const YamlNode& n) {
  if (n.is_null()) {
    return "null";
  }
  switch (n.kind) {
    case YamlNode::Kind::mapping: return "a mapping";
    case YamlNode::Kind::sequence: return "a list";
    case YamlNode::Kind::scalar: return "a scalar";
  }
  return "something else";
}

bool absent(const YamlNode* n) { return n == nullptr || n->is_null(); }

// Reads typed fields of one mapping, remembering the first error.
class Fields {
 public:
  Fields(const YamlNode& node, const fs::path& origin) : m_node(node), m_origin(origin) {}

  std::string str(const char* key) {
    const YamlNode* v = m_node.get(key);
    if (absent(v)) {
      return "";
    }
    if (!v->is_scalar()) {
      fail(*v, fmt::format("\"{}\" must be a string, got {}", key, type_name(*v)));
      return "";
    }
    return v->value;
  }

  bool boolean(const char* key) {
    const YamlNode* v = m_node.get(key);
    if (absent(v)) {
      return false;
    }
    bool out = false;
    if (!v->is_scalar() || !yaml_bool(v->value, out)) {
      fail(*v, fmt::format("\"{}\" must be true or false, got \"{}\"", key,
                           v->is_scalar() ? v->value : type_name(*v)));
    }
    return out;
  }

  // A base64 []byte field: Go rejects invalid base64 while loading the file.
  std::string base64(const char* key) {
    std::string text = str(key);
    if (text.empty()) {
      return text;
    }
    Base64Error err;
    if (!base64_decode(text, &err)) {
      fail(*m_node.get(key), fmt::format("\"{}\" is not valid base64 (illegal base64 data at input byte {})", key,
                                         err.offset));
    }
    return text;
  }

  std::vector<std::string> str_list(const char* key) {
    std::vector<std::string> out;
    const YamlNode* v = m_node.get(key);
    if (absent(v)) {
      return out;
    }
    if (!v->is_sequence()) {
      fail(*v, fmt::format("\"{}\" must be a list of strings, got {}", key, type_name(*v)));
      return out;
    }
    for (const auto& item : v->items) {
      if (!item.is_scalar()) {
        fail(item, fmt::format("\"{}\" must be a list of strings", key));
        return out;
      }
      out.push_back(item.value);
    }
    return out;
  }

  void fail(const YamlNode& where, const std::string& message) {
    if (!m_error) {
      m_error = at(m_origin, where, message);
    }
  }

  std::optional<Error>& error() { return m_error; }

 private:
  const YamlNode& m_node;
  const fs::path& m_origin;
  std::optional<Error> m_error;
};

// kubectl resolves relative paths against the absolute folder of the defining file; empty and
// absolute paths are untouched; no '~' expansion (docs/spec/kube.md 1.3).
std::string resolve_path(const std::string& value, const fs::path& origin) {
  if (value.empty() || fs::path(value).is_absolute()) {
    return value;
  }
  std::error_code ec;
  fs::path dir = fs::absolute(origin, ec).parent_path();
  return (dir / value).lexically_normal().string();
}

Result<std::map<std::string, nlohmann::json>> parse_extensions(const YamlNode* node, const fs::path& origin) {
  std::map<std::string, nlohmann::json> out;
  if (absent(node)) {
    return out;
  }
  if (!node->is_sequence()) {
    return at(origin, *node, fmt::format("\"extensions\" must be a list, got {}", type_name(*node)));
  }
  for (const auto& item : node->items) {
    if (!item.is_mapping()) {
      return at(origin, item, "each extension must be a mapping with \"name\" and \"extension\"");
    }
    const YamlNode* name = item.get("name");
    out[name != nullptr && name->is_scalar() ? name->value : ""] = yaml_to_json(item.get("extension"));
  }
  return out;
}

Result<Cluster> parse_cluster(const YamlNode* node, const std::string& name, const fs::path& origin) {
  Cluster c;
  c.name = name;
  c.origin = origin;
  if (absent(node)) {
    return c;
  }
  if (!node->is_mapping()) {
    return at(origin, *node, fmt::format("cluster \"{}\" must be a mapping, got {}", name, type_name(*node)));
  }
  Fields f(*node, origin);
  c.server = f.str("server");
  c.certificate_authority = resolve_path(f.str("certificate-authority"), origin);
  c.certificate_authority_data = f.base64("certificate-authority-data");
  c.insecure_skip_tls_verify = f.boolean("insecure-skip-tls-verify");
  c.tls_server_name = f.str("tls-server-name");
  c.proxy_url = f.str("proxy-url");
  c.disable_compression = f.boolean("disable-compression");
  if (f.error()) {
    return *f.error();
  }
  TRY_ASSIGN(auto ext, parse_extensions(node->get("extensions"), origin));
  c.extensions = std::move(ext);
  return c;
}

Result<ExecConfig> parse_exec(const YamlNode& node, const fs::path& origin) {
  ExecConfig e;
  if (!node.is_mapping()) {
    return at(origin, node, fmt::format("\"exec\" must be a mapping, got {}", type_name(node)));
  }
  Fields f(node, origin);
  e.api_version = f.str("apiVersion");
  e.command_as_written = f.str("command");
  // Only a command containing a path separator is resolved (client-go loader.go:600-612).
  e.command = e.command_as_written.find('/') != std::string::npos ? resolve_path(e.command_as_written, origin)
                                                                   : e.command_as_written;
  e.args = f.str_list("args");
  e.install_hint = f.str("installHint");
  e.provide_cluster_info = f.boolean("provideClusterInfo");
  e.interactive_mode = f.str("interactiveMode");
  if (const YamlNode* env = node.get("env"); !absent(env)) {
    if (!env->is_sequence()) {
      f.fail(*env, fmt::format("\"env\" must be a list of {{name, value}}, got {}", type_name(*env)));
    } else {
      for (const auto& item : env->items) {
        if (!item.is_mapping()) {
          f.fail(item, "each \"env\" entry must be a mapping with \"name\" and \"value\"");
          break;
        }
        Fields ef(item, origin);
        ExecEnvVar var{ef.str("name"), ef.str("value")};
        if (ef.error()) {
          return *ef.error();
        }
        e.env.push_back(std::move(var));
      }
    }
  }
  if (f.error()) {
    return *f.error();
  }
  return e;
}

Result<AuthInfo> parse_user(const YamlNode* node, const std::string& name, const fs::path& origin) {
  AuthInfo u;
  u.name = name;
  u.origin = origin;
  if (absent(node)) {
    return u;
  }
  if (!node->is_mapping()) {
    return at(origin, *node, fmt::format("user \"{}\" must be a mapping, got {}", name, type_name(*node)));
  }
  Fields f(*node, origin);
  u.token = f.str("token");
  u.token_file = resolve_path(f.str("tokenFile"), origin);
  u.client_certificate = resolve_path(f.str("client-certificate"), origin);
  u.client_certificate_data = f.base64("client-certificate-data");
  u.client_key = resolve_path(f.str("client-key"), origin);
  u.client_key_data = f.base64("client-key-data");
  u.username = f.str("username");
  u.password = f.str("password");
  if (f.error()) {
    return *f.error();
  }
  if (const YamlNode* exec = node->get("exec"); !absent(exec)) {
    TRY_ASSIGN(auto e, parse_exec(*exec, origin));
    u.exec = std::move(e);
  }
  if (const YamlNode* ap = node->get("auth-provider"); ap != nullptr && ap->is_mapping()) {
    AuthProvider p;
    Fields af(*ap, origin);
    p.name = af.str("name");
    if (const YamlNode* cfg = ap->get("config"); cfg != nullptr && cfg->is_mapping()) {
      for (std::size_t i = 0; i + 1 < cfg->items.size(); i += 2) {
        if (cfg->items[i].is_scalar() && cfg->items[i + 1].is_scalar()) {
          p.config[cfg->items[i].value] = cfg->items[i + 1].value;
        }
      }
    }
    u.auth_provider = std::move(p);
  }
  return u;
}

Result<Context> parse_context(const YamlNode* node, const std::string& name, const fs::path& origin) {
  Context c;
  c.name = name;
  c.origin = origin;
  if (absent(node)) {
    return c;
  }
  if (!node->is_mapping()) {
    return at(origin, *node, fmt::format("context \"{}\" must be a mapping, got {}", name, type_name(*node)));
  }
  Fields f(*node, origin);
  c.cluster = f.str("cluster");
  c.user = f.str("user");
  c.namespace_ = f.str("namespace");
  if (f.error()) {
    return *f.error();
  }
  return c;
}

// Reads a named list ("clusters", "users", "contexts") into a map; a name twice in one file is an
// error, as in client-go's conversion ("duplicate name ... in list").
template <typename T, typename ParseFn>
Status parse_named_list(const YamlNode& root, const char* key, const char* inner, const fs::path& origin,
                        std::map<std::string, T>& out, ParseFn parse) {
  const YamlNode* list = root.get(key);
  if (absent(list)) {
    return Ok{};
  }
  if (!list->is_sequence()) {
    return at(origin, *list, fmt::format("\"{}\" must be a list, got {}", key, type_name(*list)));
  }
  for (const auto& item : list->items) {
    if (!item.is_mapping()) {
      return at(origin, item, fmt::format("each entry of \"{}\" must be a mapping with \"name\" and \"{}\"",
                                          key, inner));
    }
    const YamlNode* name_node = item.get("name");
    if (!absent(name_node) && !name_node->is_scalar()) {
      return at(origin, *name_node, fmt::format("\"name\" in \"{}\" must be a string", key));
    }
    const std::string name = absent(name_node) ? "" : name_node->value;
    if (out.count(name) != 0) {
      return at(origin, item, fmt::format("duplicate name \"{}\" in \"{}\"", name, key));
    }
    TRY_ASSIGN(auto parsed, parse(item.get(inner), name, origin));
    out.emplace(name, std::move(parsed));
  }
  return Ok{};
}

}  // namespace

Result<Kubeconfig> parse_kubeconfig(std::string_view text, const fs::path& origin) {
  Kubeconfig cfg;
  // kubectl's YAML reader refuses invalid UTF-8 ("yaml: invalid trailing UTF-8 octet"); this
  // message names the byte (found by fuzz_kubeconfig when the parser was yaml-cpp).
  if (const std::size_t bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    const std::string_view before = text.substr(0, bad);
    const std::size_t line_start = before.rfind('\n');
    const std::size_t column = line_start == std::string_view::npos ? bad : bad - line_start - 1;
    return make_error(ErrorKind::config,
                      fmt::format("{}:{}:{}: not valid UTF-8 text (byte 0x{:02X})", origin.string(),
                                  1 + std::count(before.begin(), before.end(), '\n'), column + 1,
                                  static_cast<unsigned char>(text[bad])));
  }
  TRY_ASSIGN(auto parsed, parse_yaml(text, origin.string(), ErrorKind::config));
  const YamlNode& root = parsed;
  if (root.is_null()) {
    return cfg;  // an empty file is an empty config (client-go loader.go:433-439)
  }
  if (!root.is_mapping()) {
    return at(origin, root, fmt::format("a kubeconfig must be a mapping (apiVersion, clusters, users, "
                                        "contexts), got {}",
                                        type_name(root)));
  }
  TRY(parse_named_list(root, "clusters", "cluster", origin, cfg.clusters, parse_cluster));
  TRY(parse_named_list(root, "users", "user", origin, cfg.users, parse_user));
  TRY(parse_named_list(root, "contexts", "context", origin, cfg.contexts, parse_context));
  if (const YamlNode* cc = root.get("current-context"); !absent(cc)) {
    if (!cc->is_scalar()) {
      return at(origin, *cc, "\"current-context\" must be a string");
    }
    cfg.current_context = cc->value;
    cfg.current_context_origin = origin;
  }
  cfg.files.push_back(origin);
  return cfg;
}

std::vector<fs::path> kubeconfig_paths(const KubeconfigSources& sources) {
  if (sources.explicit_path) {
    return {*sources.explicit_path};
  }
  std::vector<fs::path> out;
  if (sources.kubeconfig_env && !sources.kubeconfig_env->empty()) {
    std::set<std::string> seen;
    std::stringstream ss(*sources.kubeconfig_env);
    std::string item;
    while (std::getline(ss, item, ':')) {
      if (item.empty() || !seen.insert(item).second) {
        continue;
      }
      out.emplace_back(item);
    }
    return out;
  }
  return {sources.home / ".kube" / "config"};
}

void merge_kubeconfig(Kubeconfig& into, Kubeconfig next) {
  // First file to set a map key wins the whole entry (client-go loader.go:182-195).
  for (auto& [k, v] : next.clusters) {
    into.clusters.emplace(k, std::move(v));
  }
  for (auto& [k, v] : next.users) {
    into.users.emplace(k, std::move(v));
  }
  for (auto& [k, v] : next.contexts) {
    into.contexts.emplace(k, std::move(v));
  }
  if (into.current_context.empty() && !next.current_context.empty()) {
    into.current_context = std::move(next.current_context);
    into.current_context_origin = std::move(next.current_context_origin);
  }
  for (auto& f : next.files) {
    into.files.push_back(std::move(f));
  }
}

namespace {

constexpr std::uintmax_t k_max_kubeconfig_bytes = 16 * 1024 * 1024;

Result<std::optional<std::string>> read_kubeconfig_file(const fs::path& path, bool must_exist) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      return make_error(ErrorKind::config, fmt::format("cannot read kubeconfig {}: {}", path.string(), ec.message()));
    }
    if (must_exist) {
      return make_error(ErrorKind::config, fmt::format("kubeconfig {} does not exist", path.string()),
                        {"check the --kubeconfig path, or omit it to use $KUBECONFIG or ~/.kube/config"});
    }
    return std::optional<std::string>{};
  }
  if (fs::is_directory(st)) {
    return make_error(ErrorKind::config, fmt::format("cannot read kubeconfig {}: is a directory", path.string()));
  }
  if (fs::is_regular_file(st) && fs::file_size(path, ec) > k_max_kubeconfig_bytes) {
    return make_error(ErrorKind::config, fmt::format("cannot read kubeconfig {}: larger than {} MiB", path.string(),
                                                     k_max_kubeconfig_bytes / (1024 * 1024)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(ErrorKind::config,
                      fmt::format("cannot read kubeconfig {}: {}", path.string(), std::strerror(errno)));
  }
  std::string text;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<size_t>(in.gcount()));
    if (text.size() > k_max_kubeconfig_bytes) {
      return make_error(ErrorKind::config, fmt::format("cannot read kubeconfig {}: larger than {} MiB",
                                                       path.string(), k_max_kubeconfig_bytes / (1024 * 1024)));
    }
  }
  if (in.bad()) {
    return make_error(ErrorKind::config, fmt::format("cannot read kubeconfig {}: read error", path.string()));
  }
  return std::optional<std::string>{std::move(text)};
}

}  // namespace

Result<Kubeconfig> load_kubeconfig(const KubeconfigSources& sources) {
  Kubeconfig merged;
  const bool explicit_file = sources.explicit_path.has_value();
  for (const auto& path : kubeconfig_paths(sources)) {
    TRY_ASSIGN(auto text, read_kubeconfig_file(path, explicit_file));
    if (!text.has_value()) {
      continue;  // missing files in KUBECONFIG are skipped silently, as kubectl does
    }
    TRY_ASSIGN(auto parsed, parse_kubeconfig(*text, path));
    merge_kubeconfig(merged, std::move(parsed));
  }
  return merged;
}

namespace {

std::string list_names(const Kubeconfig& config) {
  if (config.contexts.empty()) {
    return "none";
  }
  std::string out;
  for (const auto& [name, ctx] : config.contexts) {
    out += (out.empty() ? "" : ", ") + fmt::format("\"{}\"", name);
  }
  return out;
}

std::string files_text(const Kubeconfig& config) {
  if (config.files.empty()) {
    return "no kubeconfig file found";
  }
  std::string out;
  for (const auto& f : config.files) {
    out += (out.empty() ? "" : ", ") + f.string();
  }
  return out;
}

}  // namespace

Result<Selection> select_context(const Kubeconfig& config, std::string_view context_name) {
  const bool from_flag = !context_name.empty();
  const std::string name = from_flag ? std::string(context_name) : config.current_context;
  if (name.empty() && config.files.empty()) {
    return make_error(ErrorKind::config, "no kubeconfig file found, so there is no context to use",
                      {"point at one: --kubeconfig FILE, or export KUBECONFIG=FILE (the default is ~/.kube/config)",
                       "or write ~/.kube/config for an EKS cluster: aws eks update-kubeconfig --name CLUSTER "
                       "--region REGION --profile PROFILE"});
  }
  if (name.empty()) {
    return make_error(ErrorKind::config,
                      fmt::format("no context selected: current-context is not set ({})", files_text(config)),
                      {fmt::format("available contexts: {}", list_names(config)),
                       "pass --context NAME, or run: kubectl config use-context NAME"});
  }
  const auto it = config.contexts.find(name);
  if (it == config.contexts.end()) {
    const std::string where = from_flag ? fmt::format("context \"{}\" does not exist", name)
                                        : fmt::format("current-context \"{}\" (set in {}) does not exist", name,
                                                      config.current_context_origin.string());
    return make_error(ErrorKind::config, fmt::format("{} in {}", where, files_text(config)),
                      {fmt::format("available contexts: {}", list_names(config)),
                       "list them with their AWS profile and SSO state: eks-sso contexts"});
  }
  Selection sel;
  sel.context = &it->second;
  const auto cl = config.clusters.find(it->second.cluster);
  if (cl == config.clusters.end()) {
    return make_error(ErrorKind::config,
                      fmt::format("context \"{}\" refers to cluster \"{}\", which does not exist in {}", name,
                                  it->second.cluster, files_text(config)),
                      {"regenerate the entry: aws eks update-kubeconfig --name CLUSTER --region REGION --profile "
                       "PROFILE"});
  }
  sel.cluster = &cl->second;
  const auto us = config.users.find(it->second.user);
  if (us == config.users.end()) {
    return make_error(ErrorKind::config,
                      fmt::format("context \"{}\" refers to user \"{}\", which does not exist in {}", name,
                                  it->second.user, files_text(config)),
                      {"regenerate the entry: aws eks update-kubeconfig --name CLUSTER --region REGION --profile "
                       "PROFILE"});
  }
  sel.user = &us->second;
  return sel;
}

}  // namespace eks
