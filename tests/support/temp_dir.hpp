// A private temporary directory per test, removed afterwards (kept when EKS_SSO_KEEP_TEMP is set).
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace eks::test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "eks-sso-test-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = tmpl;
  }
  ~TempDir() {
    if (std::getenv("EKS_SSO_KEEP_TEMP") == nullptr) {
      std::error_code ec;
      // Tests of permission errors take the owner's rights away; give them back to remove it.
      std::filesystem::permissions(m_path, std::filesystem::perms::owner_all, std::filesystem::perm_options::add,
                                   ec);
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
