#include "sandbox/set_cmd.hpp"

#include "sandbox/aws_admin.hpp"
#include "sandbox/nodes.hpp"
#include "sandbox/state.hpp"

namespace sandbox {
namespace {

bool parse_bool(const std::string& v, bool& out) {
  if (v == "true" || v == "1") {
    out = true;
    return true;
  }
  if (v == "false" || v == "0") {
    out = false;
    return true;
  }
  return false;
}

}  // namespace

int run_set(const SetOptions& o, std::ostream& out, std::ostream& err) {
  auto state = load_state(o.dir / "state.json");
  if (!state) {
    err << "eks-sso-sandbox: " << state.error().message << "\n";
    return 7;
  }
  if (!o.nodes_file.empty() || !o.scenario.empty()) {
    auto nodes = o.nodes_file.empty() ? scenario_nodes(o.scenario) : load_node_specs(o.nodes_file);
    if (!nodes) {
      err << "eks-sso-sandbox: " << nodes.error().message << "\n";
      return 2;
    }
    state->nodes = *nodes;
  }
  if (!o.admin_scenario.empty() && !apply_admin_scenario(*state, o.admin_scenario)) {
    std::string names;
    for (const auto& n : admin_scenarios()) {
      names += (names.empty() ? "" : ", ") + n;
    }
    err << "eks-sso-sandbox: set: unknown --admin scenario \"" << o.admin_scenario << "\" (one of: " << names << ")\n";
    return 2;
  }
  for (const auto& a : o.assignments) {
    const auto eq = a.find('=');
    const std::string key = a.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : a.substr(eq + 1);
    bool ok = eq != std::string::npos;
    if (key == "hang") {
      ok = ok && parse_bool(value, state->faults.hang);
    } else if (key == "status500") {
      ok = ok && parse_bool(value, state->faults.status500);
    } else if (key == "plainNodeList") {
      ok = ok && parse_bool(value, state->faults.plain_node_list);
    } else if (key == "delayMs") {
      ok = ok && !value.empty() && value.size() < 8 && value.find_first_not_of("0123456789") == std::string::npos;
      if (ok) {
        state->faults.delay_ms = std::stoi(value);
      }
    } else {
      ok = false;
    }
    if (!ok) {
      err << "eks-sso-sandbox: set: invalid \"" << a << "\" (knobs: hang=, status500=, plainNodeList= true|false; delayMs=N)\n";
      return 2;
    }
  }
  if (auto st = save_state(o.dir / "state.json", *state); !st) {
    err << "eks-sso-sandbox: " << st.error().message << "\n";
    return 7;
  }
  out << "updated " << (o.dir / "state.json").string() << "\n";
  return 0;
}

}  // namespace sandbox
