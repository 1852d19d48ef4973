// The go-yaml v2 emitter part of lib/formats/go_format.hpp: scalar style selection and writers
// (best_indent 2, best_width 80, unicode on), simple and complex ("? ") keys and the block layout.
// Which strings need quotes is decided in go_yaml_scalar.cpp.
//
// A port, and it stays one. Upstream (what kubectl 1.32 runs, sigs.k8s.io/yaml v1.4.0's fork):
//   https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/emitterc.go   (this file)
//   https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/encode.go     (stringv, key order)
//   https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/yamlprivateh.go (is_bom, is_printable)
//   https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/yaml.go                 (JSONToYAML round trip)
// Issue 13 item 6 asked to write through libyaml's own yaml_emitter_* instead (libyaml is linked
// for reading). That writer exists (tests/support/libyaml_go_yaml.cpp) and fuzz/fuzz_go_yaml.cpp
// compares it with this one, but libyaml 0.2.5 cannot give kubectl's bytes, because go-yaml v2's
// Go port left out or changed three things of libyaml's emitter.c (each checked against kubectl
// 1.32, tests/data/transcripts/kube/Y01-configmap-*.txt):
//   1. {"b":"x\u2029"}: kubectl writes  b: 'x<U+2029>'  ; libyaml writes  b: 'x<U+2029>  '  (it
//      indents before a closing single quote that follows a break, yaml/libyaml#119; go-yaml did not
//      take that change).
//   2. {"a":"x\n\n"}: kubectl writes  a: |+ ...  and ends the document there; libyaml 0.2.5 adds a
//      "..." line at the end of a document that held a "|+" block (yaml/libyaml#162).
//   3. {"bom":"\uFEFFx"}: kubectl writes  bom: "\uFEFF\x78"  (go-yaml's is_bom(b, i) reads b[0], so
//      every character of a string that starts with U+FEFF is escaped); libyaml writes "\uFEFFx".
// The emitter state (column, indention, whitespace) and the writers below mirror emitterc.go's
// yaml_emitter_write_{indent,indicator,plain_scalar,single_quoted_scalar,double_quoted_scalar,
// literal_scalar} and yaml_emitter_check_simple_key.
// Known gap: kubectl fails ("yaml: control characters are not allowed") on strings holding
// U+0080..U+009F (but NEL), U+FFFE or U+FFFF, which JSONToYAML's reader refuses; we write them escaped.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "lib/formats/go_format.hpp"
#include "lib/formats/go_yaml_detail.hpp"
#include "lib/util/utf8.hpp"

namespace eks {
namespace {

using namespace yaml_detail;

enum class Style { plain, single_quoted, double_quoted, literal };

class Emitter {
 public:
  std::string out;

  void node(const nlohmann::json& value, bool in_mapping_value);
  void mapping(const nlohmann::json& value);
  void sequence(const nlohmann::json& value, bool indentless);
  void scalar_string(std::string_view s, bool simple_key);
  void scalar_raw(const std::string& text) {  // numbers, bools, null, {} and []
    if (!m_whitespace) {
      put(' ');
    }
    write(text);
    m_whitespace = false;
    m_indention = false;
  }

 private:
  void put(char c) {
    out += c;
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++m_column;
    }
  }
  void write(std::string_view s) {
    for (char c : s) {
      put(c);
    }
  }
  void put_break() {
    out += '\n';
    m_column = 0;
  }
  void write_indent() {
    const int indent = std::max(m_indent, 0);
    if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace)) {
      put_break();
    }
    while (m_column < indent) {
      put(' ');
    }
    m_whitespace = true;
    m_indention = true;
  }
  void write_indicator(std::string_view indicator, bool need_whitespace, bool is_whitespace, bool is_indention) {
    if (need_whitespace && !m_whitespace) {
      put(' ');
    }
    write(indicator);
    m_whitespace = is_whitespace;
    m_indention = m_indention && is_indention;
  }
  void write_plain(std::string_view v, bool allow_breaks);
  void write_single(std::string_view v, bool allow_breaks);
  void write_double(std::string_view v, bool allow_breaks);
  void write_literal(std::string_view v);

  static constexpr int k_best_width = 80;
  static constexpr int k_best_indent = 2;
  static constexpr size_t k_max_simple_key = 128;
  int m_indent = -1;
  int m_column = 0;
  bool m_whitespace = true;
  bool m_indention = true;
  friend std::string eks::go_yaml_marshal(const nlohmann::json& value);
};

void Emitter::write_plain(std::string_view v, bool allow_breaks) {
  if (!m_whitespace) {
    put(' ');
  }
  bool spaces = false;
  for (size_t i = 0; i < v.size();) {
    const size_t w = width_of(at(v, i));
    if (is_space(v, i)) {
      if (allow_breaks && !spaces && m_column > k_best_width && !is_space(v, i + 1)) {
        write_indent();
      } else {
        put(' ');
      }
      spaces = true;
    } else {
      write(v.substr(i, w));
      m_indention = false;
      spaces = false;
    }
    i += w;
  }
  m_whitespace = false;
  m_indention = false;
}

void Emitter::write_single(std::string_view v, bool allow_breaks) {
  write_indicator("'", true, false, false);
  bool spaces = false;
  bool breaks = false;
  for (size_t i = 0; i < v.size();) {
    const size_t w = width_of(at(v, i));
    if (is_space(v, i)) {
      if (allow_breaks && !spaces && m_column > k_best_width && i > 0 && i < v.size() - 1 && !is_space(v, i + 1)) {
        write_indent();
      } else {
        put(' ');
      }
      spaces = true;
    } else if (is_break(v, i)) {
      // Only U+0085, U+2028 and U+2029 get here ("\n" makes a literal block, "\r" is special).
      // go-yaml v2 drops libyaml's indent before a closing quote that follows a break (see above).
      if (!breaks && v[i] == '\n') {
        put_break();
      }
      out.append(v.substr(i, w));
      m_column = 0;
      m_indention = true;
      breaks = true;
    } else {
      if (breaks) {
        write_indent();
      }
      if (v[i] == '\'') {
        put('\'');
      }
      write(v.substr(i, w));
      m_indention = false;
      spaces = false;
      breaks = false;
    }
    i += w;
  }
  write_indicator("'", false, false, false);
  m_whitespace = false;
  m_indention = false;
}

void Emitter::write_double(std::string_view v, bool allow_breaks) {
  static constexpr char k_hex_upper[] = "0123456789ABCDEF";
  write_indicator("\"", true, false, false);
  bool spaces = false;
  // go-yaml's is_bom(b, i) tests b[0..2], not b[i..]: a string that starts with U+FEFF has every
  // character escaped ("\uFEFF\x78" for "\uFEFFx", kubectl 1.32 in tests/data/transcripts/kube/Y01).
  const bool bom = at(v, 0) == 0xEF && at(v, 1) == 0xBB && at(v, 2) == 0xBF;
  for (size_t i = 0; i < v.size();) {
    const size_t w = std::min(width_of(at(v, i)), v.size() - i);
    if (!is_printable(v, i) || bom || is_break(v, i) || v[i] == '"' || v[i] == '\\') {
      char32_t cp = 0;
      if (decode_utf8(v, i, cp) == 0) {
        cp = at(v, i);  // not reached from JSON (always valid UTF-8); go-yaml would write !!binary
      }
      i += w;
      put('\\');
      switch (cp) {
        case 0x00: put('0'); break;
        case 0x07: put('a'); break;
        case 0x08: put('b'); break;
        case 0x09: put('t'); break;
        case 0x0A: put('n'); break;
        case 0x0B: put('v'); break;
        case 0x0C: put('f'); break;
        case 0x0D: put('r'); break;
        case 0x1B: put('e'); break;
        case 0x22: put('"'); break;
        case 0x5C: put('\\'); break;
        case 0x85: put('N'); break;
        case 0xA0: put('_'); break;
        case 0x2028: put('L'); break;
        case 0x2029: put('P'); break;
        default: {
          int digits = 8;
          if (cp <= 0xFF) {
            put('x');
            digits = 2;
          } else if (cp <= 0xFFFF) {
            put('u');
            digits = 4;
          } else {
            put('U');
          }
          for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
            put(k_hex_upper[(cp >> k) & 0xF]);
          }
        }
      }
      spaces = false;
    } else if (is_space(v, i)) {
      if (allow_breaks && !spaces && m_column > k_best_width && i > 0 && i < v.size() - 1) {
        write_indent();
        if (is_space(v, i + 1)) {
          put('\\');
        }
      } else {
        put(' ');
      }
      i += 1;
      spaces = true;
    } else {
      write(v.substr(i, w));
      i += w;
      spaces = false;
    }
  }
  write_indicator("\"", false, false, false);
  m_whitespace = false;
  m_indention = false;
}

void Emitter::write_literal(std::string_view v) {
  write_indicator("|", true, false, false);
  if (is_space(v, 0) || is_break(v, 0)) {
    write_indicator("2", false, false, false);
  }
  // Chomping: "-" without a final line break, "+" with two or more, nothing with exactly one.
  size_t last = v.size() - 1;
  while (last > 0 && (at(v, last) & 0xC0) == 0x80) {
    --last;
  }
  if (!is_break(v, last)) {
    write_indicator("-", false, false, false);
  } else if (last == 0) {
    write_indicator("+", false, false, false);
  } else {
    size_t prev = last - 1;
    while (prev > 0 && (at(v, prev) & 0xC0) == 0x80) {
      --prev;
    }
    if (is_break(v, prev)) {
      write_indicator("+", false, false, false);
    }
  }
  put_break();
  m_indention = true;
  m_whitespace = true;
  bool breaks = true;
  for (size_t i = 0; i < v.size();) {
    const size_t w = width_of(at(v, i));
    if (is_break(v, i)) {
      if (v[i] == '\r' && at(v, i + 1) == '\n') {
        out += "\r\n";
        i += 2;
      } else {
        out.append(v.substr(i, w));
        i += w;
      }
      m_column = 0;
      m_indention = true;
      breaks = true;
    } else {
      if (breaks) {
        write_indent();
        breaks = false;
      }
      write(v.substr(i, w));
      i += w;
      m_indention = false;
    }
  }
}

void Emitter::scalar_string(std::string_view s, bool simple_key) {
  // go-yaml encoder stringv: the requested style.
  Style style = Style::plain;
  const bool can_use_plain = !go_yaml_needs_quotes(s);
  if (s.find('\n') != std::string_view::npos) {
    style = Style::literal;
  } else if (!can_use_plain) {
    style = Style::double_quoted;
  }
  // Emitter select_scalar_style.
  const Analysis a = analyze(s);
  if (style == Style::plain) {
    if (!a.block_plain_allowed || (s.empty() && simple_key) || (simple_key && a.multiline)) {
      style = Style::single_quoted;
    }
  }
  if (style == Style::single_quoted && !a.single_quoted_allowed) {
    style = Style::double_quoted;
  }
  if (style == Style::literal && (!a.block_allowed || simple_key)) {
    style = Style::double_quoted;
  }
  const int saved = m_indent;
  m_indent = m_indent < 0 ? k_best_indent : m_indent + k_best_indent;  // increase_indent(flow)
  const bool allow_breaks = !simple_key;
  switch (style) {
    case Style::plain: write_plain(s, allow_breaks); break;
    case Style::single_quoted: write_single(s, allow_breaks); break;
    case Style::double_quoted: write_double(s, allow_breaks); break;
    case Style::literal: write_literal(s); break;
  }
  m_indent = saved;
}

void Emitter::mapping(const nlohmann::json& value) {
  std::vector<std::string> keys;
  for (const auto& [key, item] : value.items()) {
    keys.push_back(key);
  }
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) { return go_yaml_key_less(a, b); });
  const int saved = m_indent;
  m_indent = m_indent < 0 ? 0 : m_indent + k_best_indent;
  for (const std::string& key : keys) {
    write_indent();
    // check_simple_key: a key longer than 128 bytes or holding a line break is written as a
    // complex key ("? key" then ": value" on the next line).
    if (key.size() <= k_max_simple_key && !analyze(key).multiline) {
      scalar_string(key, true);
      write_indicator(":", false, false, false);
    } else {
      write_indicator("?", true, false, true);
      scalar_string(key, false);
      write_indent();
      write_indicator(":", true, false, true);
    }
    node(value.at(key), true);
  }
  m_indent = saved;
}

void Emitter::sequence(const nlohmann::json& value, bool indentless) {
  const int saved = m_indent;
  m_indent = m_indent < 0 ? 0 : (indentless ? m_indent : m_indent + k_best_indent);
  for (const auto& item : value) {
    write_indent();
    write_indicator("-", true, false, true);
    node(item, false);
  }
  m_indent = saved;
}

void Emitter::node(const nlohmann::json& value, bool in_mapping_value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      if (value.empty()) {
        write_indicator("{}", true, false, false);
      } else {
        mapping(value);
      }
      return;
    case nlohmann::json::value_t::array:
      if (value.empty()) {
        write_indicator("[]", true, false, false);
      } else {
        // A sequence that is a mapping value starts on its own line, not indented (libyaml:
        // indentless when in a mapping context and not at an indention point).
        sequence(value, in_mapping_value && !m_indention);
      }
      return;
    case nlohmann::json::value_t::string: scalar_string(value.get_ref<const std::string&>(), false); return;
    case nlohmann::json::value_t::boolean: scalar_raw(value.get<bool>() ? "true" : "false"); return;
    case nlohmann::json::value_t::number_float:
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: scalar_raw(go_yaml_number_text(value)); return;
    default: scalar_raw("null"); return;
  }
}

}  // namespace

bool go_yaml_needs_quotes(std::string_view text) {
  return resolves_to_non_string(text) || is_base60_float(std::string(text));
}

std::string go_yaml_number_text(const nlohmann::json& number) {
  if (!number.is_number_float()) {
    return number.dump();
  }
  const double d = number.get<double>();
  if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.2e18) {
    return std::to_string(static_cast<long long>(d));
  }
  return go_format_float_g(d);
}

std::string go_yaml_fold_raw_breaks(std::string_view text) {
  static constexpr std::string_view k_nel = "\xC2\x85";
  if (text.find(k_nel) == std::string_view::npos) {
    return std::string(text);
  }
  std::string out;
  for (size_t i = 0; i < text.size();) {
    if (text[i] != ' ' && text.substr(i, 2) != k_nel) {
      out += text[i++];
      continue;
    }
    // A run of spaces and NELs: spaces before the first break and after any break are dropped,
    // one break folds to a space, n breaks to n-1 line feeds (yaml_parser_scan_flow_scalar).
    size_t spaces = 0;
    size_t breaks = 0;
    for (; i < text.size() && (text[i] == ' ' || text.substr(i, 2) == k_nel); i += text[i] == ' ' ? 1 : 2) {
      if (text[i] == ' ') {
        spaces += breaks == 0 ? 1 : 0;
      } else {
        ++breaks;
      }
    }
    if (breaks == 0) {
      out.append(spaces, ' ');
    } else if (breaks == 1) {
      out += ' ';
    } else {
      out.append(breaks - 1, '\n');
    }
  }
  return out;
}

nlohmann::json go_yaml_json_round_trip(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string: return go_yaml_fold_raw_breaks(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : value) {
        out.push_back(go_yaml_json_round_trip(item));
      }
      return out;
    }
    case nlohmann::json::value_t::object: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [key, item] : value.items()) {
        out[go_yaml_fold_raw_breaks(key)] = go_yaml_json_round_trip(item);
      }
      return out;
    }
    default: return value;
  }
}

std::string go_yaml_marshal(const nlohmann::json& value) {
  Emitter emitter;
  emitter.node(go_yaml_json_round_trip(value), false);
  emitter.m_indent = -1;
  emitter.write_indent();  // document end: a line break unless a block scalar already wrote one
  return emitter.out;
}

}  // namespace eks
