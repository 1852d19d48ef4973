// The AWS CLI's version remembered across runs (issue 16, defect 2): through the kubectl wrapper
// every `eks-sso credential` run asked `aws --version` again (300-1000 ms of Python start-up) to
// tell v1 from v2. The answer is kept per binary in the credential cache folder, in
// <dir>/aws-cli-versions.memo (JSON, but not named *.json, the credential entries' names):
// {"<canonical path>": {"mtimeNs", "size", "version"}}. An entry counts only while the binary's
// modification time and size are unchanged, so an upgrade (a new file, or the same path
// rewritten) is asked again. A file that does not parse, or an entry of
// the wrong shape, is ignored and replaced by the next write. The folder must be ours and closed
// to others, as the credential cache requires; it is never created here.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "lib/aws/cli_version.hpp"

namespace eks {

// What identifies one AWS CLI binary: its canonical path (symlinks followed), the modification
// time in nanoseconds and the size of the file it names.
struct BinaryStamp {
  std::string path;
  long long mtime_ns = 0;
  long long size = 0;
};

// The stamp of the executable at `resolved` (a path that exists); nullopt when it cannot be read.
[[nodiscard]] std::optional<BinaryStamp> binary_stamp(const std::filesystem::path& resolved);

// The version remembered for `stamp` in `dir`, when the file reads and the entry matches it.
[[nodiscard]] std::optional<AwsCliVersion> remembered_cli_version(const std::filesystem::path& dir,
                                                                  const BinaryStamp& stamp);

// Remembers `version` for `stamp` (other binaries' entries kept; a temporary file renamed into
// place). Errors are ignored: the cache only saves time.
void remember_cli_version(const std::filesystem::path& dir, const BinaryStamp& stamp, const AwsCliVersion& version);

// Forgets every remembered version (`eks-sso cache clear`). Missing is fine.
void forget_cli_versions(const std::filesystem::path& dir);

}  // namespace eks
