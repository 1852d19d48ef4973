// Reading small text files (AWS config, SSO token cache) with a size cap, so a wrong path or a
// huge file cannot exhaust memory. Never throws: every failure is a config Error naming the file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "lib/util/result.hpp"

namespace eks {

inline constexpr std::size_t k_default_file_cap = 1024 * 1024;  // 1 MiB

// What to do when the path exists but is not a regular file (a directory, a FIFO).
// missing: treat it as absent, as botocore's os.path.isfile() check does for the config files.
enum class NonRegularFile { missing, error };

// The file's bytes; std::nullopt when it does not exist (ENOENT/ENOTDIR).
// Errors (ErrorKind::config):
//   "<path>: permission denied" (or another strerror text), "<path>: is not a regular file",
//   "<path>: file is larger than 1048576 bytes (read stopped)".
[[nodiscard]] Result<std::optional<std::string>> read_bounded_file(
    const std::filesystem::path& path, std::size_t max_bytes = k_default_file_cap,
    NonRegularFile non_regular = NonRegularFile::error);

}  // namespace eks
