// parse_aws_ini() and shlex_split(): Python configparser/shlex rules (declared in aws_config.hpp).
// Follows CPython Lib/configparser.py RawConfigParser._read with strict=True,
// empty_lines_in_values=True, comment_prefixes=('#', ';'), no inline comments, and botocore
// configloader._parse_nested for sub-sections.
#include <algorithm>
#include <cctype>
#include <set>

#include "lib/aws/config.hpp"
#include "lib/util/strings.hpp"
#include "lib/util/utf8.hpp"

namespace eks {
namespace {

constexpr std::string_view k_space = " \t\n\r\f\v";
constexpr std::string_view k_default_section = "DEFAULT";  // configparser's default_section

std::string_view strip(std::string_view s) {
  const auto b = s.find_first_not_of(k_space);
  if (b == std::string_view::npos) {
    return {};
  }
  const auto e = s.find_last_not_of(k_space);
  return s.substr(b, e - b + 1);
}

// Universal newlines, as Python's text mode reads: "\n", "\r\n" and "\r" end a line.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      start = i + 1;
    }
  }
  if (start < text.size()) {
    lines.push_back(text.substr(start));
  }
  return lines;
}

Error parse_error(std::string_view path, int line, const std::string& what) {
  // Never quote the offending line: a malformed line may hold a secret key.
  return make_error(ErrorKind::config,
                    std::string(path) + ":" + std::to_string(line) + ": " + what,
                    {"the AWS CLI rejects this file too: \"Unable to parse config file: " +
                     std::string(path) + "\""});
}

struct PendingValue {
  std::vector<std::string> lines;
  int line = 0;
};

struct PendingSection {
  std::string name;
  int line = 0;
  std::vector<std::pair<std::string, PendingValue>> entries;

  PendingValue* find(const std::string& key) {
    for (auto& [k, v] : entries) {
      if (k == key) {
        return &v;
      }
    }
    return nullptr;
  }
};

// botocore configloader._parse_nested: one level, each non-empty line split on its first '='.
Result<IniValue> finish_value(const PendingValue& pending, std::string_view path,
                              const std::string& key) {
  IniValue value;
  value.line = pending.line;
  std::string joined;
  for (std::size_t i = 0; i < pending.lines.size(); ++i) {
    if (i > 0) {
      joined += '\n';
    }
    joined += pending.lines[i];
  }
  const auto end = joined.find_last_not_of(k_space);
  joined.erase(end == std::string::npos ? 0 : end + 1);
  value.text = joined;
  if (!joined.empty() && joined.front() == '\n') {
    value.is_nested = true;
    for (const auto line : split_lines(joined)) {
      const auto item = strip(line);
      if (item.empty()) {
        continue;
      }
      const auto eq = item.find('=');
      if (eq == std::string_view::npos) {
        return parse_error(path, pending.line,
                           "a line of the sub-section \"" + key + "\" has no \"=\"");
      }
      value.nested[std::string(strip(item.substr(0, eq)))] =
          std::string(strip(item.substr(eq + 1)));
    }
  }
  return value;
}

}  // namespace

const IniValue* IniSection::find(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

Result<IniFile> parse_aws_ini(std::string_view text, std::string_view path, FileKind /*kind*/) {
  // Python decodes the file as UTF-8 (C.UTF-8 locale); a decode error is a ConfigParseError.
  if (const auto bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
    return parse_error(path, static_cast<int>(line), "not valid UTF-8 text");
  }
  std::vector<PendingSection> sections;
  PendingSection defaults{std::string(k_default_section), 0, {}};
  PendingSection* cursect = nullptr;
  PendingValue* curvalue = nullptr;  // the option continuation lines extend (configparser optname)
  std::size_t indent_level = 0;
  std::set<std::string> seen_sections;
  std::set<std::pair<std::string, std::string>> seen_keys;
  std::optional<Error> deferred;  // configparser raises ParsingError only at the end of the file

  const auto lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int lineno = static_cast<int>(i) + 1;
    const std::string_view raw = lines[i];
    const std::string_view value = strip(raw);
    const bool comment = !value.empty() && (value.front() == '#' || value.front() == ';');
    if (value.empty() || comment) {
      // An empty line inside a multi-line value is kept (then trimmed at the end); a comment line
      // is skipped without ending the value.
      if (!comment && curvalue != nullptr) {
        curvalue->lines.emplace_back();
      }
      continue;
    }
    const std::size_t indent = raw.find_first_not_of(k_space);
    if (cursect != nullptr && curvalue != nullptr && indent > indent_level) {
      curvalue->lines.emplace_back(value);
      continue;
    }
    indent_level = indent;
    const auto close = value.rfind(']');
    if (value.front() == '[' && close != std::string_view::npos && close >= 2) {
      // SECTCRE is r"\[(?P<header>.+)\]" matched at the start: greedy up to the last ']'.
      std::string name(value.substr(1, close - 1));
      if (name == k_default_section) {
        cursect = &defaults;
      } else {
        if (seen_sections.count(name) != 0) {
          return parse_error(path, lineno, "duplicate section \"" + name + "\"");
        }
        seen_sections.insert(name);
        sections.push_back(PendingSection{name, lineno, {}});
        cursect = &sections.back();  // re-taken at every header, so growth is harmless
      }
      curvalue = nullptr;
      continue;
    }
    if (cursect == nullptr) {
      const bool bom = text.substr(0, 3) == "\xEF\xBB\xBF";
      return parse_error(path, lineno,
                         bom ? "text before the first [section] header (the file starts with a "
                               "UTF-8 byte-order mark)"
                             : "text before the first [section] header");
    }
    const auto delim = value.find_first_of("=:");
    if (delim == std::string_view::npos) {
      if (!deferred) {
        deferred = parse_error(path, lineno,
                               "line is neither a [section] header nor a \"key = value\" setting");
      }
      continue;
    }
    std::string key = to_lower(strip(value.substr(0, delim)));
    if (key.empty() && !deferred) {
      deferred = parse_error(path, lineno, "setting without a key name");
    }
    if (seen_keys.count({cursect->name, key}) != 0) {
      return parse_error(path, lineno,
                         "duplicate key \"" + key + "\" in section \"" + cursect->name + "\"");
    }
    seen_keys.insert({cursect->name, key});
    cursect->entries.emplace_back(key, PendingValue{{std::string(strip(value.substr(delim + 1)))},
                                                    lineno});
    curvalue = &cursect->entries.back().second;
  }
  if (deferred) {
    return *deferred;
  }

  IniFile file;
  file.path = std::string(path);
  for (auto& pending : sections) {
    // configparser's options(section): the [DEFAULT] keys first, overridden by the section's own.
    PendingSection merged{pending.name, pending.line, {}};
    for (const auto& [k, v] : defaults.entries) {
      const PendingValue* own = pending.find(k);
      merged.entries.emplace_back(k, own != nullptr ? *own : v);
    }
    for (const auto& [k, v] : pending.entries) {
      if (merged.find(k) == nullptr) {
        merged.entries.emplace_back(k, v);
      }
    }
    IniSection section;
    section.name = merged.name;
    section.line = merged.line;
    for (const auto& [k, v] : merged.entries) {
      auto finished = finish_value(v, path, k);
      if (!finished.ok()) {
        return finished.take_error();
      }
      section.entries.emplace_back(k, std::move(finished.value()));
    }
    file.sections.push_back(std::move(section));
  }
  return file;
}

std::optional<std::vector<std::string>> shlex_split(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) {
        words.push_back(word);
        word.clear();
        in_word = false;
      }
      ++i;
    } else if (c == '\\') {
      if (i + 1 >= text.size()) {
        return std::nullopt;  // "No escaped character"
      }
      word += text[i + 1];
      in_word = true;
      i += 2;
    } else if (c == '\'' || c == '"') {
      in_word = true;  // posix: "" is an empty word
      ++i;
      for (;;) {
        if (i >= text.size()) {
          return std::nullopt;  // "No closing quotation"
        }
        const char q = text[i];
        if (q == c) {
          ++i;
          break;
        }
        if (c == '"' && q == '\\' && i + 1 < text.size() &&
            (text[i + 1] == '"' || text[i + 1] == '\\')) {
          word += text[i + 1];
          i += 2;
          continue;
        }
        word += q;
        ++i;
      }
    } else {
      word += c;
      in_word = true;
      ++i;
    }
  }
  if (in_word) {
    words.push_back(word);
  }
  return words;
}

}  // namespace eks
