// `eks-sso-sandbox set DIR [--nodes FILE | --scenario NAME] [KNOB=VALUE...]`: changes state.json of
// a (possibly running) sandbox; `serve` re-reads it on every request. Knobs: hang, status500,
// plainNodeList (true|false), delayMs (integer). `--admin NAME` resets the AWS admin side to a
// named scenario (aws_admin.hpp).
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
  std::string admin_scenario;  // --admin NAME: aws_admin.hpp apply_admin_scenario
  std::vector<std::string> assignments;  // "hang=true"
};

[[nodiscard]] int run_set(const SetOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sandbox
