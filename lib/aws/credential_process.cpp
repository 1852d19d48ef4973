#include "lib/aws/credential_process.hpp"

#include <filesystem>
#include <vector>

#include "lib/aws/config.hpp"

namespace eks {
namespace {

// aws-vault (kingpin) flags that take a separate value before the profile name.
bool aws_vault_flag_takes_value(std::string_view flag) {
  for (std::string_view f : {"--format", "--duration", "-d", "--region", "--mfa-token", "-t",
                             "--prompt", "--backend", "--config-env"}) {
    if (flag == f) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> credential_process_profile(std::string_view command_line) {
  const auto words = shlex_split(command_line);
  if (!words || words->empty()) {
    return std::nullopt;
  }
  std::optional<std::string> profile;
  for (std::size_t i = 0; i < words->size(); ++i) {
    const std::string& w = (*words)[i];
    if (w == "--profile" && i + 1 < words->size()) {
      profile = (*words)[++i];
    } else if (w.rfind("--profile=", 0) == 0) {
      profile = w.substr(10);
    }
  }
  if (profile) {
    return profile;
  }
  if (std::filesystem::path((*words)[0]).filename() == "aws-vault") {
    for (std::size_t i = 1; i < words->size(); ++i) {
      if ((*words)[i] != "exec" && (*words)[i] != "export") {
        continue;
      }
      for (std::size_t j = i + 1; j < words->size(); ++j) {
        const std::string& w = (*words)[j];
        if (w == "--") {
          break;
        }
        if (!w.empty() && w[0] == '-') {
          j += (w.find('=') == std::string::npos && aws_vault_flag_takes_value(w)) ? 1 : 0;
          continue;
        }
        return w;
      }
      break;
    }
  }
  return std::nullopt;
}

bool is_custom_process_error(std::string_view stderr_text) {
  return stderr_text.find(k_custom_process_error) != std::string_view::npos;
}

}  // namespace eks
