// `eks-sso __tree`: the command tree, walked from the real CLI11 App objects, as JSON. The tests
// compare it with the completion scripts and the man pages (STYLE.md 13), so nothing is listed
// twice by hand. Shape:
//   {"name": "eks-sso", "path": "eks-sso", "aliases": [], "description": "...",
//    "options": [{"long": ["--context"], "short": [], "value": "NAME", "description": "..."}],
//    "positionals": [{"name": "names", "value": "NAME"}],
//    "commands": [ ...the same shape, "path": "eks-sso get nodes"... ]}
// "value" is null for a flag. Hidden commands (the empty CLI11 group) are left out.
#include <nlohmann/json.hpp>

#include "cmd/hidden.hpp"

namespace eks::cmd {
namespace {

nlohmann::json option_json(const CLI::Option& opt) {
  nlohmann::json longs = nlohmann::json::array();
  for (const auto& l : opt.get_lnames()) {
    longs.push_back("--" + l);
  }
  nlohmann::json shorts = nlohmann::json::array();
  for (const auto& s : opt.get_snames()) {
    shorts.push_back("-" + s);
  }
  nlohmann::json value = nullptr;
  if (opt.get_expected_max() > 0) {  // a flag expects no value
    value = opt.get_type_name();
  }
  return {{"long", longs}, {"short", shorts}, {"value", value}, {"description", opt.get_description()}};
}

nlohmann::json app_json(const CLI::App& app, const std::string& path) {
  nlohmann::json options = nlohmann::json::array();
  nlohmann::json positionals = nlohmann::json::array();
  for (const CLI::Option* opt : app.get_options({})) {
    if (opt->get_lnames().empty() && opt->get_snames().empty()) {
      positionals.push_back({{"name", opt->get_name()}, {"value", opt->get_type_name()}});
    } else {
      options.push_back(option_json(*opt));
    }
  }
  nlohmann::json commands = nlohmann::json::array();
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_group().empty()) {
      commands.push_back(app_json(*sub, path + " " + sub->get_name()));
    }
  }
  return {{"name", app.get_name()},       {"path", path},
          {"aliases", app.get_aliases()}, {"description", app.get_description()},
          {"options", options},           {"positionals", positionals},
          {"commands", commands}};
}

}  // namespace

CLI::App* bind_tree(CLI::App& app) {
  CLI::App* sub = app.add_subcommand("__tree", "Print the command tree as JSON (hidden)");
  sub->group("");
  return sub;
}

int run_tree(const CLI::App& root, Deps& deps) {
  deps.out << app_json(root, root.get_name()).dump(2) << '\n';
  return 0;
}

}  // namespace eks::cmd
