#include "lib/aws/config.hpp"

#include <cctype>

#include "lib/os/bounded_file.hpp"

namespace eks {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// botocore configloader._parse_section: shlex-split, exactly two words, the second is the name.
std::optional<std::string> section_name(std::string_view header) {
  auto parts = shlex_split(header);
  if (!parts || parts->size() != 2) {
    return std::nullopt;
  }
  return (*parts)[1];
}

std::string location_of(const IniFile& file, const IniSection& section) {
  return file.path + ":" + std::to_string(section.line);
}

}  // namespace

std::optional<std::string> AwsProfile::get(std::string_view key) const {
  const auto it = values.find(std::string(key));
  if (it == values.end() || it->second.is_nested) {
    return std::nullopt;
  }
  return it->second.text;
}

std::optional<std::string> AwsSsoSession::get(std::string_view key) const {
  for (const auto& [k, v] : values) {
    if (k == key) {
      return v;
    }
  }
  return std::nullopt;
}

const AwsProfile* AwsConfig::find_profile(std::string_view name) const {
  const auto it = profiles.find(std::string(name));
  return it == profiles.end() ? nullptr : &it->second;
}

const AwsSsoSession* AwsConfig::find_sso_session(std::string_view name) const {
  const auto it = sso_sessions.find(std::string(name));
  return it == sso_sessions.end() ? nullptr : &it->second;
}

AwsConfig build_aws_config(const IniFile& config, const IniFile& credentials) {
  AwsConfig out;
  out.config_path = config.path;
  out.credentials_path = credentials.path;
  for (const auto& section : config.sections) {
    const std::string& header = section.name;
    // Same order of tests as botocore's build_profile_map(): "profile" first, so a section named
    // "profile-x y" is the profile "y" and "profilenospace" is nothing.
    if (starts_with(header, "profile")) {
      if (auto name = section_name(header)) {
        AwsProfile profile;
        profile.name = *name;
        profile.in_config_file = true;
        profile.location = location_of(config, section);
        for (const auto& [k, v] : section.entries) {
          profile.values[k] = v;
        }
        out.profiles[*name] = std::move(profile);  // a later section replaces, no merge
      }
    } else if (starts_with(header, "sso-session")) {
      if (auto name = section_name(header)) {
        AwsSsoSession session;
        session.name = *name;
        session.location = location_of(config, section);
        for (const auto& [k, v] : section.entries) {
          session.values.emplace_back(k, v.text);
        }
        out.sso_sessions[*name] = std::move(session);
      }
    } else if (starts_with(header, "services")) {
      if (auto name = section_name(header)) {
        out.services[*name] = section;
      }
    } else if (header == "default") {
      AwsProfile profile;
      profile.name = "default";
      profile.in_config_file = true;
      profile.location = location_of(config, section);
      for (const auto& [k, v] : section.entries) {
        profile.values[k] = v;
      }
      out.profiles["default"] = std::move(profile);
    }
  }
  // Session.full_config: credentials-file sections are profiles by their bare names; their keys
  // update the config profile of the same name.
  for (const auto& section : credentials.sections) {
    AwsProfile& profile = out.profiles[section.name];
    if (profile.name.empty()) {
      profile.name = section.name;
      profile.location = location_of(credentials, section);
    }
    profile.in_credentials_file = true;
    for (const auto& [k, v] : section.entries) {
      profile.values[k] = v;
      profile.credentials_file_keys.push_back(k);
    }
  }
  return out;
}

std::string expand_aws_path(std::string_view raw, const Env& env,
                            const std::filesystem::path& home) {
  // os.path.expandvars: $NAME or ${NAME}, NAME = [A-Za-z0-9_]+; unset variables stay verbatim.
  std::string out;
  std::size_t i = 0;
  const auto is_name = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  };
  while (i < raw.size()) {
    if (raw[i] != '$' || i + 1 >= raw.size()) {
      out += raw[i++];
      continue;
    }
    std::size_t start = i + 1;
    std::size_t end = start;
    bool braced = false;
    if (raw[start] == '{') {
      braced = true;
      end = raw.find('}', start + 1);
      if (end == std::string_view::npos) {
        out += raw[i++];
        continue;
      }
      ++start;
    } else {
      while (end < raw.size() && is_name(raw[end])) {
        ++end;
      }
    }
    const std::string name(raw.substr(start, end - start));
    const std::size_t next = braced ? end + 1 : end;
    const auto value = name.empty() ? std::nullopt : env.get(name);
    if (value) {
      out += *value;
    } else {
      out += raw.substr(i, next - i);
    }
    i = next;
  }
  // os.path.expanduser: only "~" and "~/..." (never "~user": that needs the passwd database).
  if (out == "~" || starts_with(out, "~/")) {
    out = home.string() + out.substr(1);
  }
  return out;
}

AwsConfigPaths aws_config_paths(const Env& env, const std::filesystem::path& home) {
  AwsConfigPaths paths;
  const auto cfg = env.get("AWS_CONFIG_FILE");
  paths.config = expand_aws_path(cfg ? *cfg : "~/.aws/config", env, home);
  const auto creds = env.get("AWS_SHARED_CREDENTIALS_FILE");
  paths.credentials = expand_aws_path(creds ? *creds : "~/.aws/credentials", env, home);
  return paths;
}

namespace {

Result<IniFile> load_ini(const std::filesystem::path& path, FileKind kind) {
  auto text = read_bounded_file(path, k_default_file_cap, NonRegularFile::missing);
  if (!text.ok()) {
    return text.take_error();
  }
  if (!text.value()) {
    IniFile empty;
    empty.path = path.string();
    return empty;
  }
  return parse_aws_ini(**text, path.string(), kind);
}

}  // namespace

Result<AwsConfig> load_aws_config(const Env& env, const std::filesystem::path& home) {
  const AwsConfigPaths paths = aws_config_paths(env, home);
  auto config = load_ini(paths.config, FileKind::config);
  if (!config.ok()) {
    return config.take_error();
  }
  auto credentials = load_ini(paths.credentials, FileKind::credentials);
  if (!credentials.ok()) {
    return credentials.take_error();
  }
  return build_aws_config(*config, *credentials);
}

}  // namespace eks
