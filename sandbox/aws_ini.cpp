#include "sandbox/aws_ini.hpp"

#include <fstream>
#include <sstream>
#include <vector>

namespace sandbox {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) {
    return "";
  }
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
  for (auto& c : s) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

// shlex.split for the simple cases botocore meets: whitespace-separated words, "double" or
// 'single' quoted words.
std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (const char c : s) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        cur.push_back(c);
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) {
        out.push_back(cur);
        cur.clear();
        in_word = false;
      }
    } else {
      cur.push_back(c);
      in_word = true;
    }
  }
  if (in_word) {
    out.push_back(cur);
  }
  return out;
}

}  // namespace

eks::Result<std::map<std::string, IniSection>> parse_ini_file(const std::filesystem::path& file) {
  std::map<std::string, IniSection> sections;
  std::ifstream in(file);
  if (!in) {
    return sections;
  }
  const auto parse_error = [&] {
    return eks::make_error(eks::ErrorKind::config, "Unable to parse config file: " + file.string());
  };
  std::string line;
  IniSection* current = nullptr;
  std::string last_key;
  while (std::getline(in, line)) {
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#' || t[0] == ';') {
      continue;
    }
    const bool indented = line[0] == ' ' || line[0] == '\t';
    if (indented && current != nullptr && !last_key.empty()) {
      (*current)[last_key] += "\n" + t;  // continuation / nested sub-section
      continue;
    }
    if (t.front() == '[' && t.back() == ']') {
      const std::string name = t.substr(1, t.size() - 2);
      if (sections.count(name) != 0) {
        return parse_error();
      }
      current = &sections[name];
      last_key.clear();
      continue;
    }
    const auto delim = t.find_first_of("=:");
    if (current == nullptr || delim == std::string::npos) {
      return parse_error();
    }
    const std::string key = lower(trim(t.substr(0, delim)));
    if (current->count(key) != 0) {
      return parse_error();
    }
    (*current)[key] = trim(t.substr(delim + 1));
    last_key = key;
  }
  return sections;
}

eks::Result<AwsFiles> load_aws_files(const std::filesystem::path& config,
                                    const std::filesystem::path& credentials) {
  auto cfg = parse_ini_file(config);
  if (!cfg) {
    return cfg.error();
  }
  auto creds = parse_ini_file(credentials);
  if (!creds) {
    return creds.error();
  }
  AwsFiles files;
  for (const auto& [name, section] : *cfg) {
    if (name == "default") {
      files.profiles["default"] = section;
      continue;
    }
    const auto words = split_words(name);
    if (words.size() == 2 && words[0] == "profile") {
      files.profiles[words[1]] = section;  // a later [profile default] replaces [default]
    } else if (words.size() == 2 && words[0] == "sso-session") {
      files.sso_sessions[words[1]] = section;
    }
  }
  files.credentials = *creds;
  return files;
}

std::optional<IniSection> find_profile(const AwsFiles& files, const std::string& name) {
  const auto p = files.profiles.find(name);
  const auto c = files.credentials.find(name);
  if (p == files.profiles.end() && c == files.credentials.end()) {
    return std::nullopt;
  }
  IniSection merged = p == files.profiles.end() ? IniSection{} : p->second;
  if (c != files.credentials.end()) {
    for (const auto& [k, v] : c->second) {
      merged[k] = v;  // the credentials file wins for keys
    }
  }
  return merged;
}

}  // namespace sandbox
