// The go-yaml v2 emitter part of lib/formats/go_format.hpp: scalar style selection and writers
// (libyaml's rules: best_indent 2, best_width 80) and the block layout. Which strings need
// quotes is decided in go_yaml_scalar.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "lib/formats/go_format.hpp"
#include "lib/formats/go_yaml_detail.hpp"

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
  for (size_t i = 0; i < v.size();) {
    const size_t w = width_of(at(v, i));
    if (is_space(v, i)) {
      if (allow_breaks && !spaces && m_column > k_best_width && i > 0 && i < v.size() - 1 && !is_space(v, i + 1)) {
        write_indent();
      } else {
        put(' ');
      }
      spaces = true;
    } else {
      if (v[i] == '\'') {
        put('\'');
      }
      write(v.substr(i, w));
      m_indention = false;
      spaces = false;
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
  for (size_t i = 0; i < v.size();) {
    const size_t w = std::min(width_of(at(v, i)), v.size() - i);
    const bool bom = at(v, i) == 0xEF && at(v, i + 1) == 0xBB && at(v, i + 2) == 0xBF;
    if (!is_printable(v, i) || bom || is_break(v, i) || v[i] == '"' || v[i] == '\\') {
      uint32_t cp = at(v, i) & (w == 1 ? 0x7F : w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07);
      for (size_t k = 1; k < w; ++k) {
        cp = (cp << 6) | (at(v, i + k) & 0x3F);
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
  const std::string text(s);
  const bool can_use_plain = !resolves_to_non_string(s) && !is_base60_float(text);
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
    scalar_string(key, true);
    write_indicator(":", false, false, false);
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
    case nlohmann::json::value_t::number_float: {
      const double d = value.get<double>();
      if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.2e18) {
        scalar_raw(std::to_string(static_cast<long long>(d)));
      } else {
        scalar_raw(go_format_float_g(d));
      }
      return;
    }
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: scalar_raw(value.dump()); return;
    default: scalar_raw("null"); return;
  }
}

}  // namespace

std::string go_yaml_marshal(const nlohmann::json& value) {
  Emitter emitter;
  emitter.node(value, false);
  emitter.m_indent = -1;
  emitter.write_indent();  // document end: a line break unless a block scalar already wrote one
  return emitter.out;
}

}  // namespace eks
