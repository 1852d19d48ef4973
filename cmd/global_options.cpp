#include "cmd/global_options.hpp"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "lib/util/timefmt.hpp"

namespace eks::cmd {

void bind_global_options(CLI::App& app, GlobalOptions& opts) {
  app.add_option("--kubeconfig", opts.kubeconfig, "Path to the kubeconfig file to use (KUBECONFIG is then ignored)")
      ->type_name("FILE");
  app.add_option("--context", opts.contexts, "The kubeconfig context to use (default: current-context)")
      ->type_name("NAME");
  app.add_option("-o,--output", opts.output,
                 "Output format: table, json, yaml; get nodes also wide, name; contexts also name; doctor also "
                 "junit, markdown")
      ->type_name("FORMAT");
  app.add_option("--request-timeout", opts.request_timeout, "Limit for each API request (500ms, 10s, 1m; default 10s)")
      ->type_name("DURATION");
  app.add_option("--exec-timeout", opts.exec_timeout,
                 "Limit for one exec-plugin run; the plugin and its children are killed")
      ->type_name("DURATION");
  app.add_flag("--no-color", opts.no_color, "No colour (also when NO_COLOR is set or the stream is not a TTY)");
  app.add_option("-v,--v", opts.verbosity, "Diagnostics on stderr, more with higher N (tokens are never printed)")
      ->type_name("N");
}

Status complete_global(GlobalOptions& opts) {
  opts.request_timeout_given = !opts.request_timeout.empty();
  const auto rt = parse_duration_flag(opts.request_timeout_given ? opts.request_timeout : "10s");
  if (!rt) {
    return make_error(ErrorKind::usage,
                      fmt::format("invalid --request-timeout \"{}\": use a duration such as 500ms, 10s or 1m",
                                  opts.request_timeout));
  }
  opts.request_timeout_ms = *rt;
  const auto et = parse_duration_flag(opts.exec_timeout);
  if (!et || et->count() == 0) {
    return make_error(ErrorKind::usage,
                      fmt::format("invalid --exec-timeout \"{}\": use a positive duration such as 30s or 1m",
                                  opts.exec_timeout));
  }
  opts.exec_timeout_ms = *et;
  return Ok{};
}

Status validate_global(const GlobalOptions& opts, const std::vector<std::string>& allowed_outputs,
                       const char* command) {
  if (opts.verbosity < 0) {
    return make_error(ErrorKind::usage, fmt::format("invalid -v {}: use 0 or more", opts.verbosity));
  }
  if (std::find(allowed_outputs.begin(), allowed_outputs.end(), opts.output) == allowed_outputs.end()) {
    std::string list;
    for (const auto& o : allowed_outputs) {
      list += (list.empty() ? "" : ", ") + o;
    }
    return make_error(ErrorKind::usage,
                      fmt::format("invalid output format \"{}\" for {}: use one of {}", opts.output, command, list));
  }
  return Ok{};
}

Result<std::string> single_context(const GlobalOptions& opts, const char* command) {
  if (opts.contexts.size() > 1) {
    return make_error(ErrorKind::usage, fmt::format("{} takes one --context, got {}", command, opts.contexts.size()));
  }
  return opts.contexts.empty() ? std::string() : opts.contexts.front();
}

KubeconfigSources kubeconfig_sources(const GlobalOptions& opts, const Deps& deps) {
  KubeconfigSources s;
  if (!opts.kubeconfig.empty()) {
    s.explicit_path = opts.kubeconfig;
  }
  s.kubeconfig_env = deps.env.get("KUBECONFIG");
  s.home = deps.home;
  return s;
}

ClusterClientOptions cluster_client_options(const GlobalOptions& opts, const AccessOptions& access,
                                            const CacheSettings& cache) {
  ClusterClientOptions copts;
  copts.request_timeout = opts.request_timeout_given ? opts.request_timeout_ms : std::chrono::milliseconds(0);
  copts.default_timeout = opts.request_timeout_ms;
  copts.access = access;
  copts.cache = cache;
  return copts;
}

}  // namespace eks::cmd
