// Helpers shared by the AWS unit tests: the private temporary directory (support/temp_dir.hpp) and a
// file writer.
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

#include "support/temp_dir.hpp"

namespace eks::test {

inline void write_file(const std::filesystem::path& path, std::string_view content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

}  // namespace eks::test
