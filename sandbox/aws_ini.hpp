// ~/.aws/config and ~/.aws/credentials as botocore reads them (aws.md 8): RawConfigParser
// sections and `key = value` / `key: value`, whole-line '#'/';' comments, inline comments kept,
// keys lower-cased, duplicate sections or keys -> parse error. A missing file is empty.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "lib/util/result.hpp"

namespace sandbox {

using IniSection = std::map<std::string, std::string>;

struct AwsFiles {
  std::map<std::string, IniSection> profiles;      // "default" and "profile X" -> X (config) + credentials
  std::map<std::string, IniSection> sso_sessions;  // "sso-session X" -> X
  std::map<std::string, IniSection> credentials;   // credentials file sections
};

// Raw sections of one file. Error message: "Unable to parse config file: <path>".
[[nodiscard]] eks::Result<std::map<std::string, IniSection>> parse_ini_file(const std::filesystem::path& file);

[[nodiscard]] eks::Result<AwsFiles> load_aws_files(const std::filesystem::path& config,
                                                  const std::filesystem::path& credentials);

// The profile's settings (config file section merged under its credentials-file section), or
// nullopt when the profile exists in neither file.
[[nodiscard]] std::optional<IniSection> find_profile(const AwsFiles& files, const std::string& name);

}  // namespace sandbox
