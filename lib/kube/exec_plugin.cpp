#include "lib/kube/exec_plugin.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lib/util/redact.hpp"

namespace eks {

namespace {

constexpr std::string_view k_v1 = "client.authentication.k8s.io/v1";
constexpr std::string_view k_v1beta1 = "client.authentication.k8s.io/v1beta1";

std::string quote(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string base64(std::string_view bytes) {
  constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += k_alphabet[(v >> 6) & 63];
    out += k_alphabet[v & 63];
  }
  if (i < bytes.size()) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) {
      v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    }
    out += k_alphabet[(v >> 18) & 63];
    out += k_alphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? k_alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string strip_whitespace(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      out += c;
    }
  }
  return out;
}

// Go's encoding/json escapes <, > and & (HTML safety) and U+2028/U+2029; outside strings these
// bytes cannot occur in JSON, so a plain replacement is exact.
std::string go_json_escape(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_timeout(std::chrono::milliseconds ms) {
  const long long total = ms.count();
  if (total % 1000 != 0) {
    return total < 1000 ? fmt::format("{}ms", total) : fmt::format("{}s", static_cast<double>(total) / 1000.0);
  }
  const long long s = total / 1000;
  std::string out;
  if (s >= 3600) {
    out += fmt::format("{}h", s / 3600);
  }
  if (s % 3600 >= 60) {
    out += fmt::format("{}m", s % 3600 / 60);
  }
  if (s % 60 != 0 || out.empty()) {
    out += fmt::format("{}s", s % 60);
  }
  return out;
}

std::string format_size(std::size_t bytes) {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
    return fmt::format("{} MiB", bytes / (1024 * 1024));
  }
  return fmt::format("{} bytes", bytes);
}

}  // namespace

std::string effective_interactive_mode(const ExecConfig& exec) {
  if (exec.interactive_mode.empty() && !exec.api_version.empty() && exec.api_version != k_v1) {
    return "IfAvailable";
  }
  return exec.interactive_mode;
}

Status validate_exec_config(const ExecConfig& exec, std::string_view user_name) {
  std::vector<std::string> problems;
  if (exec.command.empty()) {
    problems.push_back(fmt::format("command must be specified for {} to use exec authentication plugin", user_name));
  }
  if (exec.api_version.empty()) {
    problems.push_back(fmt::format("apiVersion must be specified for {} to use exec authentication plugin", user_name));
  }
  for (const ExecEnvVar& var : exec.env) {
    if (var.name.empty()) {
      problems.push_back(
          fmt::format("env variable name must be specified for {} to use exec authentication plugin", user_name));
      break;
    }
  }
  const std::string mode = effective_interactive_mode(exec);
  if (mode.empty()) {
    problems.push_back(
        fmt::format("interactiveMode must be specified for {} to use exec authentication plugin", user_name));
  } else if (mode != "Never" && mode != "IfAvailable" && mode != "Always") {
    problems.push_back(fmt::format("invalid interactiveMode for {}: {}", user_name, quote(mode)));
  }
  if (!problems.empty()) {
    std::string first = std::move(problems.front());
    problems.erase(problems.begin());
    return make_error(ErrorKind::config, std::move(first), std::move(problems));
  }
  // Checked when the authenticator is created, after validation (exec.go:168-172).
  if (exec.api_version != k_v1 && exec.api_version != k_v1beta1) {
    return make_error(ErrorKind::config, fmt::format("exec plugin: invalid apiVersion {}", quote(exec.api_version)),
                      {"use apiVersion client.authentication.k8s.io/v1beta1 (what aws eks update-kubeconfig writes) "
                       "or client.authentication.k8s.io/v1"});
  }
  return Ok{};
}

Result<std::string> build_exec_info(const ExecConfig& exec, const Cluster& cluster, bool interactive,
                                    const FileReader& read_file) {
  using nlohmann::ordered_json;
  ordered_json spec = ordered_json::object();
  if (exec.provide_cluster_info) {
    // Key order and omitempty as in clientauthentication/v1 Cluster (kube.md 2.5).
    ordered_json c = ordered_json::object();
    c["server"] = cluster.server;
    if (!cluster.tls_server_name.empty()) {
      c["tls-server-name"] = cluster.tls_server_name;
    }
    if (cluster.insecure_skip_tls_verify) {
      c["insecure-skip-tls-verify"] = true;
    }
    // Data wins over the file (rest dataFromSliceOrFile).
    if (!cluster.certificate_authority_data.empty()) {
      c["certificate-authority-data"] = strip_whitespace(cluster.certificate_authority_data);
    } else if (!cluster.certificate_authority.empty()) {
      if (!read_file) {
        return make_error(ErrorKind::config, fmt::format("cannot read certificate-authority {} of cluster {}",
                                                         quote(cluster.certificate_authority), quote(cluster.name)));
      }
      TRY_ASSIGN(std::string ca, read_file(cluster.certificate_authority));
      c["certificate-authority-data"] = base64(ca);
    }
    if (!cluster.proxy_url.empty()) {
      c["proxy-url"] = cluster.proxy_url;
    }
    if (cluster.disable_compression) {
      c["disable-compression"] = true;
    }
    const auto ext = cluster.extensions.find("client.authentication.k8s.io/exec");
    c["config"] = ext == cluster.extensions.end() ? ordered_json(nullptr) : ordered_json::parse(ext->second.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    spec["cluster"] = std::move(c);
  }
  spec["interactive"] = interactive;
  ordered_json info = ordered_json::object();
  info["kind"] = "ExecCredential";
  info["apiVersion"] = exec.api_version;
  info["spec"] = std::move(spec);
  return go_json_escape(info.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
}

std::string clean_install_hint(std::string_view hint) {
  std::string out;
  for (std::size_t i = 0; i < hint.size(); ++i) {
    const auto c = static_cast<unsigned char>(hint[i]);
    if ((c < 0x20 && (c < 0x09 || c > 0x0D)) || c == 0x7F) {
      out += fmt::format("U+{:04X}", c);
    } else if (c == 0xC2 && i + 1 < hint.size() && static_cast<unsigned char>(hint[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(hint[i + 1]) <= 0x9F) {
      out += fmt::format("U+{:04X}", static_cast<unsigned char>(hint[i + 1]));  // C1 controls
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string plugin_display_command(const ExecConfig& exec) {
  std::string out = exec.command;
  for (const std::string& arg : exec.args) {
    out += ' ';
    if (arg.empty() || arg.find_first_of(" \t\n'\"$") != std::string::npos) {
      out += "'" + arg + "'";
    } else {
      out += arg;
    }
  }
  return redact_secrets(out);
}

Result<ExecPluginCall> prepare_exec_plugin(std::string_view user_name, const ExecConfig& exec, const Cluster& cluster,
                                           const Env& env, const ExecPluginOptions& options,
                                           const FileReader& read_file) {
  TRY(validate_exec_config(exec, user_name));
  ExecPluginCall call;
  call.display = plugin_display_command(exec);
  const std::string mode = effective_interactive_mode(exec);
  const bool terminal_ok = options.stdin_is_tty && options.terminal == TerminalPolicy::allow;
  if (mode == "Always" && !terminal_ok) {
    // client-go checks "unavailable" first; the missing terminal is the more useful fact here.
    const std::string why = !options.stdin_is_tty ? "standard input is not a terminal" : "standard input is unavailable";
    return make_error(ErrorKind::config, "exec plugin cannot support interactive mode: " + why,
                      {fmt::format("the user {} sets interactiveMode: Always; this command never lets a plugin wait "
                                   "for input: use IfAvailable or Never",
                                   quote(user_name))});
  }
  call.interactive = mode != "Never" && terminal_ok;

  TRY_ASSIGN(std::string info, build_exec_info(exec, cluster, call.interactive, read_file));
  call.exec_info = std::move(info);

  // os.Environ() + exec.env + KUBERNETES_EXEC_INFO; the last duplicate wins (exec.go:428-433).
  Env plugin_env = env;
  for (const ExecEnvVar& var : exec.env) {
    plugin_env.set(var.name, var.value);
  }
  plugin_env.set("KUBERNETES_EXEC_INFO", call.exec_info);

  call.spec.program = exec.command;
  call.spec.args = exec.args;
  call.spec.env = plugin_env.to_strings();
  call.spec.stdin_mode = call.interactive ? ProcessSpec::Stdin::inherit : ProcessSpec::Stdin::null;
  // Captured for classification; an interactive plugin talks to the person on stderr.
  call.spec.stderr_mode = call.interactive ? ProcessSpec::Stderr::inherit : ProcessSpec::Stderr::capture;
  call.spec.stdout_mode = ProcessSpec::Stdout::capture;
  call.spec.timeout = options.timeout;
  call.spec.stdout_limit = options.stdout_limit;
  return call;
}

std::optional<Error> plugin_failure(const ExecConfig& exec, const ExecPluginCall& call, const ProcessResult& result) {
  using Outcome = ProcessResult::Outcome;
  switch (result.outcome) {
    case Outcome::exited:
      if (result.exit_code == 0) {
        return std::nullopt;
      }
      return make_error(ErrorKind::general,
                        fmt::format("exec: executable {} failed with exit code {}", exec.command, result.exit_code));
    case Outcome::signaled:
      return make_error(ErrorKind::general, fmt::format("exec: executable {} failed with exit code -1", exec.command),
                        {fmt::format("the plugin was killed by signal {}", result.signal)});
    case Outcome::not_found: {
      std::vector<std::string> hints = {
          "It looks like you are trying to use a client-go credential plugin that is not installed.",
          "To learn more about this feature, consult the documentation available at:\n"
          "      https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins"};
      if (result.error_text.rfind("found only", 0) == 0) {
        hints.push_back(fmt::format("{} was found only through a relative PATH entry (\".\" or empty), which kubectl "
                                    "refuses; put it in a directory listed in PATH by absolute path",
                                    quote(exec.command)));
      }
      if (!exec.install_hint.empty()) {
        hints.push_back(clean_install_hint(exec.install_hint));
      }
      return make_error(ErrorKind::config, fmt::format("exec: executable {} not found", exec.command),
                        std::move(hints));
    }
    case Outcome::spawn_failed:
      return make_error(ErrorKind::config, fmt::format("exec: fork/exec {}: {}",
                                                       result.resolved_program.empty() ? exec.command
                                                                                       : result.resolved_program,
                                                       result.error_text));
    case Outcome::timed_out:
      return make_error(ErrorKind::general,
                        fmt::format("exec plugin {} timed out after {}; it and its child processes were killed",
                                    quote(call.display), format_timeout(call.spec.timeout)),
                        {"allow more time with --exec-timeout, or check why the plugin hangs (network, a prompt)"});
    case Outcome::output_too_large:
      return make_error(ErrorKind::general,
                        fmt::format("exec plugin {} printed more than {} on stdout; it and its child processes were "
                                    "killed",
                                    quote(call.display), format_size(call.spec.stdout_limit)));
    case Outcome::interrupted:
      return make_error(ErrorKind::interrupted,
                        fmt::format("interrupted while exec plugin {} was running; it and its child processes were "
                                    "killed",
                                    quote(call.display)));
  }
  return make_error(ErrorKind::general, fmt::format("exec plugin {} failed", quote(call.display)));
}

Result<PluginRun> run_exec_plugin(std::string_view user_name, const ExecConfig& exec, const Cluster& cluster,
                                  const Env& env, const ExecPluginOptions& options, const FileReader& read_file,
                                  ProcessRunner& runner) {
  TRY_ASSIGN(ExecPluginCall call, prepare_exec_plugin(user_name, exec, cluster, env, options, read_file));
  PluginRun run;
  run.result = runner.run(call.spec);
  run.elapsed = run.result.elapsed;
  run.interactive = call.interactive;
  run.display = call.display;
  run.stderr_redacted = redact_secrets(run.result.err);
  run.failure = plugin_failure(exec, call, run.result);
  run.spec = std::move(call.spec);
  if (run.failure && run.failure->kind == ErrorKind::interrupted) {
    return std::move(*run.failure);
  }
  return run;
}

Env plugin_environment(const ExecConfig& exec, const Env& process_env) {
  Env env = process_env;
  for (const auto& var : exec.env) {
    env.set(var.name, var.value);
  }
  return env;
}

}  // namespace eks
