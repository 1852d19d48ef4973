// `eks-sso-sandbox set DIR [--nodes FILE | --scenario NAME] [KNOB=VALUE...]`: changes state.json of
// a (possibly running) sandbox; `serve` re-reads it on every request. Knobs: hang, status500,
// plainNodeList (true|false), delayMs (integer).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace sandbox {

struct SetOptions {
  std::filesystem::path dir;
  std::string nodes_file;
  std::string scenario;
  std::vector<std::string> assignments;  // "hang=true"
};

[[nodiscard]] int run_set(const SetOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sandbox
