// A private temporary directory per test, removed afterwards (kept when EKS_SSO_KEEP_TEMP is set).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace eks::test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "eks-sso-test-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    m_path = made != nullptr ? std::filesystem::path(made) : std::filesystem::path();
  }
  ~TempDir() {
    if (std::getenv("EKS_SSO_KEEP_TEMP") == nullptr && !m_path.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(m_path, ec);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

  // Writes `text` to a file below the directory (creating folders) and returns its path.
  std::filesystem::path write(std::string_view relative, std::string_view text) const {
    const auto p = m_path / relative;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path m_path;
};

}  // namespace eks::test
