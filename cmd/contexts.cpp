// `eks-sso contexts`: the kubeconfig's contexts with their auth details (guide steps 7 and 9).
// Reads files only: never runs a plugin or opens a connection.
#include <algorithm>

#include <fmt/format.h>

#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/session/contexts_view.hpp"
#include "lib/util/error_output.hpp"
#include "lib/formats/fit_table.hpp"
#include "lib/formats/tabwriter.hpp"

namespace eks::cmd {

CLI::App* bind_contexts(CLI::App& app, ContextsOptions& opts) {
  CLI::App* sub = app.add_subcommand("contexts", "List the kubeconfig's contexts with their auth details (plugin, "
                                                 "profile, cluster, SSO state); reads files only");
  sub->add_option("names", opts.names, "Only these contexts")->type_name("NAME");
  sub->add_flag("--no-headers", opts.no_headers, "Do not print the header line");
  sub->footer("Examples:\n  eks-sso contexts\n  eks-sso contexts -o wide\n  eks-sso contexts -o json\n  eks-sso contexts -o name");
  return sub;
}

int run_contexts(GlobalOptions& global, const ContextsOptions& opts, Deps& deps) {
  if (auto s = validate_global(global, {"table", "wide", "json", "yaml", "name"}, "contexts"); !s) {
    return fail(deps, s.error());
  }
  const KubeconfigSources sources = kubeconfig_sources(global, deps);
  auto loaded = load_kubeconfig(sources);
  if (!loaded) {
    return fail(deps, loaded.error());
  }
  const auto config = std::make_shared<const Kubeconfig>(std::move(*loaded));
  std::vector<ContextEntry> entries = list_contexts(*config, deps.env);
  follow_wrapper_entries(entries, config, sources, deps.env);
  std::vector<std::string> wanted = opts.names;
  wanted.insert(wanted.end(), global.contexts.begin(), global.contexts.end());
  if (!wanted.empty()) {
    for (const auto& name : wanted) {
      if (config->contexts.count(name) == 0) {
        return fail(deps, make_error(ErrorKind::config, fmt::format("context \"{}\" not found", name)));
      }
    }
    std::erase_if(entries, [&](const ContextEntry& e) {
      return std::find(wanted.begin(), wanted.end(), e.name) == wanted.end();
    });
  }
  fill_sso_column(entries, deps);

  if (global.output == "name") {
    for (const auto& e : entries) {
      deps.out << e.name << '\n';
    }
    return 0;
  }
  if (global.output == "json" || global.output == "yaml") {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& e : entries) {
      arr.push_back(context_to_json(e));
    }
    print_structured(deps, arr, global.output);
    return 0;
  }
  const bool wide = global.output == "wide";
  std::vector<std::vector<std::string>> rows = context_rows(entries, opts.no_headers, wide);
  if (deps.term.out_columns > 0 && !wide) {
    // On a terminal only: a pipe or a file gets every value whole (issue 16, defect 4).
    fit_table(rows, deps.term.out_columns - 1, context_shrinkable_columns(wide), 6);
  }
  std::string text;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      text += row[i];
      text += i + 1 < row.size() ? '\t' : '\n';
    }
  }
  deps.out << tabwrite(text);
  return 0;
}

}  // namespace eks::cmd
