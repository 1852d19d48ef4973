// ~/.aws/config and ~/.aws/credentials: a pure parser with the rules of Python's
// configparser.RawConfigParser(strict=True) as botocore uses it, the profile/sso-session model
// built from it, and the loader that finds and reads the two files.
// Spec: docs/spec/aws.md section 8; transcripts 25, 36, 36b, 38, 39.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/env.hpp"
#include "lib/util/result.hpp"

namespace eks {

// One `key = value` of a section. Values are kept verbatim: inline "# x" stays part of the value,
// as configparser does (region "us-west-2 # x" then fails in botocore).
struct IniValue {
  std::string text;  // continuation lines joined with '\n', trailing whitespace removed
  // A nested sub-section (`s3 =` followed by indented `k = v` lines): the value text starts with
  // '\n' and botocore splits each line on its first '='. Nested keys are not case-folded.
  std::map<std::string, std::string> nested;
  bool is_nested = false;
  int line = 0;  // 1-based line of the key
};

struct IniSection {
  std::string name;  // the header between the brackets, verbatim (case-sensitive)
  int line = 0;
  std::vector<std::pair<std::string, IniValue>> entries;  // file order; keys lower-cased

  [[nodiscard]] const IniValue* find(std::string_view key) const;
};

struct IniFile {
  std::string path;                   // for messages
  std::vector<IniSection> sections;  // file order; [DEFAULT] keys already merged into each
};

enum class FileKind { config, credentials };

// Parses INI text as configparser would; `path` is only used in messages. Errors
// (ErrorKind::config) name "path:line:", e.g.
//   /home/u/.aws/config:12: duplicate section "profile dev"
// and the hint quotes what the AWS CLI prints ("Unable to parse config file: <path>"). The syntax
// is the same for both kinds of file; section naming is interpreted by build_aws_config().
[[nodiscard]] Result<IniFile> parse_aws_ini(std::string_view text, std::string_view path,
                                            FileKind kind);

// POSIX shlex.split(): whitespace-separated words, '...' and "..." quoting, backslash escapes.
// std::nullopt where Python raises ValueError (unterminated quote, trailing backslash).
[[nodiscard]] std::optional<std::vector<std::string>> shlex_split(std::string_view text);

struct AwsProfile {
  std::string name;
  std::map<std::string, IniValue> values;  // config-file keys, overridden by credentials-file keys
  bool in_config_file = false;
  bool in_credentials_file = false;
  std::vector<std::string> credentials_file_keys;  // keys that came from the credentials file
  std::string location;                            // "file:line" of the defining section

  // The plain (non-nested) value of `key`, if present. An empty value is present.
  [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return values.count(std::string(key)) != 0; }
};

struct AwsSsoSession {
  std::string name;
  std::vector<std::pair<std::string, std::string>> values;  // file order (botocore compares in it)
  std::string location;

  [[nodiscard]] std::optional<std::string> get(std::string_view key) const;
};

struct AwsConfig {
  std::string config_path;
  std::string credentials_path;
  std::map<std::string, AwsProfile> profiles;       // config and credentials profiles, merged
  std::map<std::string, AwsSsoSession> sso_sessions;
  std::map<std::string, IniSection> services;

  [[nodiscard]] const AwsProfile* find_profile(std::string_view name) const;
  [[nodiscard]] const AwsSsoSession* find_sso_session(std::string_view name) const;
};

// Builds the model as botocore's build_profile_map() and Session.full_config do:
// config: `[default]` and `[profile NAME]` (shlex-split into exactly 2 words, so
// `[profile "a b"]` is "a b" and `[profile a b]` is ignored), `[sso-session NAME]`,
// `[services NAME]`; a later `[profile default]` or `[default]` replaces the earlier entirely.
// credentials: bare `[name]` sections; their keys are merged over the config profile's.
[[nodiscard]] AwsConfig build_aws_config(const IniFile& config, const IniFile& credentials);

// Python's os.path.expandvars then os.path.expanduser, as botocore applies to AWS_CONFIG_FILE:
// `$NAME` / `${NAME}` replaced when set (left as is when unset), a leading `~` or `~/` -> home.
// `home` is the home directory the AWS CLI will see (the caller's HOME, or exec.env's).
[[nodiscard]] std::string expand_aws_path(std::string_view raw, const Env& env,
                                          const std::filesystem::path& home);

struct AwsConfigPaths {
  std::filesystem::path config;       // AWS_CONFIG_FILE, else ~/.aws/config
  std::filesystem::path credentials;  // AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials
};
[[nodiscard]] AwsConfigPaths aws_config_paths(const Env& env, const std::filesystem::path& home);

// Reads and parses both files. A missing file (or a directory, /dev/null) is empty, as in the CLI.
// An unreadable or oversized file is a config error naming it (the AWS CLI would silently ignore
// an unreadable file; we say so instead).
[[nodiscard]] Result<AwsConfig> load_aws_config(const Env& env, const std::filesystem::path& home);

}  // namespace eks
