// `eks-sso-sandbox init DIR`: creates the sandbox directory (see README and home_files.hpp).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

namespace sandbox {

struct InitOptions {
  std::filesystem::path dir;
  std::string nodes_file;           // --nodes FILE (wins over --scenario)
  std::string scenario = "default"; // --scenario NAME
  int port = 0;                     // --port N: recorded in state.json; 0 = chosen by serve
  bool force = false;               // --force: re-initialise an existing sandbox
  std::filesystem::path self_exe;   // bin/aws points here
};

[[nodiscard]] int run_init(const InitOptions& options, std::ostream& out, std::ostream& err);

}  // namespace sandbox
