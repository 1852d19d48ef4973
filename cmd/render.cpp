#include "cmd/render.hpp"

#include "lib/error_output.hpp"

namespace eks::cmd {

int fail(Deps& deps, const Error& error) {
  print_error(deps.err, error, deps.term.color);
  return exit_code_for(error.kind);
}

void print_structured(Deps& deps, const nlohmann::json& value, const std::string& format) {
  if (format == "yaml") {
    deps.out << value.dump(2) << '\n';  // TODO(yaml): replaced by the Go-yaml emitter at merge
    return;
  }
  deps.out << value.dump(2) << '\n';
}

void fill_sso_column(std::vector<ContextEntry>& /*entries*/, const Kubeconfig& /*config*/, Deps& /*deps*/) {
  // Filled in when the AWS config / SSO cache reader lands (issue 5).
}

}  // namespace eks::cmd
