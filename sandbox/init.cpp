#include "sandbox/init.hpp"

#include "sandbox/aws_admin.hpp"
#include "sandbox/certs.hpp"
#include "sandbox/home_files.hpp"
#include "sandbox/nodes.hpp"
#include "sandbox/state.hpp"

namespace sandbox {

int run_init(const InitOptions& o, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  const auto fail = [&](const eks::Error& e) {
    err << "eks-sso-sandbox: " << e.message << "\n";
    for (const auto& h : e.hints) {
      err << "  " << h << "\n";
    }
    return e.kind == eks::ErrorKind::usage ? 2 : 7;
  };
  std::error_code ec;
  if (fs::exists(o.dir / "state.json", ec) && !o.force) {
    return fail(eks::make_error(eks::ErrorKind::usage, "\"" + o.dir.string() + "\" is already a sandbox",
                                {"use --force to re-initialise it"}));
  }
  State state = default_state();
  default_admin(state);
  state.port = o.port;
  auto nodes = o.nodes_file.empty() ? scenario_nodes(o.scenario) : load_node_specs(o.nodes_file);
  if (!nodes) {
    return fail(nodes.error());
  }
  state.nodes = *nodes;
  fs::create_directories(o.dir, ec);
  if (ec) {
    return fail(eks::make_error(eks::ErrorKind::config, "cannot create \"" + o.dir.string() + "\": " + ec.message()));
  }
  if (auto st = generate_certs(o.dir / "certs"); !st) {
    return fail(st.error());
  }
  if (auto st = save_state(o.dir / "state.json", state); !st) {
    return fail(st.error());
  }
  if (auto st = write_home(o.dir, state, o.self_exe); !st) {
    return fail(st.error());
  }
  if (o.port != 0) {
    if (auto st = write_kubeconfig(o.dir, state, o.port); !st) {
      return fail(st.error());
    }
  }
  fs::remove(o.dir / "requests.log", ec);
  out << "sandbox initialised in " << o.dir.string() << " (" << state.nodes.size() << " nodes)\n";
  return 0;
}

}  // namespace sandbox
