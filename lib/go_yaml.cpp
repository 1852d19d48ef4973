// The go-yaml v2 part of lib/go_format.hpp: resolve (which strings need quotes), the emitter's
// scalar analysis and writers (libyaml's rules: best_indent 2, best_width 80), block layout.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <vector>

#include "lib/go_format.hpp"

namespace eks {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Go's time.Parse of yaml.v2's allowedTimestampFormats, approximately but strictly enough:
// "2006-1-2", "2006-1-2T15:4:5[.frac](Z|±hh:mm)", "2006-1-2 15:4:5[.frac]".
bool looks_like_timestamp(std::string_view s) {
  static const std::regex k_date(R"(^(\d{4})-(\d{1,2})-(\d{1,2})$)");
  static const std::regex k_datetime(
      R"(^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})|[ ](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)$)");
  if (s.size() < 5 || !std::all_of(s.begin(), s.begin() + 4, is_digit) || s[4] != '-') {
    return false;
  }
  std::cmatch m;
  const std::string text(s);
  if (!std::regex_match(text.c_str(), m, k_date) && !std::regex_match(text.c_str(), m, k_datetime)) {
    return false;
  }
  const int month = std::atoi(m[2].str().c_str());
  const int day = std::atoi(m[3].str().c_str());
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  for (int group : {4, 7}) {
    if (m.size() > static_cast<size_t>(group + 2) && m[group].matched) {
      if (std::atoi(m[group].str().c_str()) > 23 || std::atoi(m[group + 1].str().c_str()) > 59 ||
          std::atoi(m[group + 2].str().c_str()) > 59) {
        return false;
      }
    }
  }
  return true;
}

// strconv.ParseInt/ParseUint(s, 0, 64) syntax (sign, 0x/0o/0b/leading-0 octal), range ignored
// except that a value overflowing uint64 would fall through to ParseFloat anyway.
bool go_parses_as_int(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    ++i;
  }
  if (i >= s.size()) {
    return false;
  }
  std::string_view body = s.substr(i);
  auto all_of = [](std::string_view d, auto pred) { return !d.empty() && std::all_of(d.begin(), d.end(), pred); };
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    return all_of(body.substr(2), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  }
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'b' || body[1] == 'B')) {
    return all_of(body.substr(2), [](char c) { return c == '0' || c == '1'; });
  }
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'o' || body[1] == 'O')) {
    return all_of(body.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  }
  if (body.size() > 1 && body[0] == '0') {
    return all_of(body.substr(1), [](char c) { return c >= '0' && c <= '7'; });
  }
  return all_of(body, is_digit) && body.size() <= 20;
}

bool go_parses_as_float(const std::string& s) {
  static const std::regex k_yaml_float(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (!std::regex_match(s, k_yaml_float)) {
    return false;
  }
  const double v = std::strtod(s.c_str(), nullptr);
  return std::isfinite(v);  // ParseFloat fails with ErrRange on overflow
}

// go-yaml v2 resolve(): would the plain scalar read back as something other than a string?
bool resolves_to_non_string(std::string_view in) {
  static const char* const k_specials[] = {
      "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
      "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
      ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<"};
  for (const char* special : k_specials) {
    if (in == special) {
      return true;
    }
  }
  const char hint = in[0];
  if (hint == '.') {
    return go_parses_as_float(std::string(in));
  }
  if (!is_digit(hint) && hint != '+' && hint != '-') {
    return false;
  }
  if (looks_like_timestamp(in)) {
    return true;
  }
  std::string plain(in);
  plain.erase(std::remove(plain.begin(), plain.end(), '_'), plain.end());
  if (go_parses_as_int(plain) || go_parses_as_float(plain)) {
    return true;
  }
  return (plain.starts_with("0b") || plain.starts_with("-0b")) && go_parses_as_int(plain);
}

bool is_base60_float(const std::string& s) {
  static const std::regex k_base60(R"(^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)");
  return !s.empty() && (is_digit(s[0]) || s[0] == '-' || s[0] == '+') && std::regex_match(s, k_base60);
}

size_t width_of(unsigned char c) {
  if ((c & 0x80) == 0) {
    return 1;
  }
  if ((c & 0xE0) == 0xC0) {
    return 2;
  }
  if ((c & 0xF0) == 0xE0) {
    return 3;
  }
  return (c & 0xF8) == 0xF0 ? 4 : 1;
}

unsigned char at(std::string_view s, size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }

bool is_printable(std::string_view b, size_t i) {
  const unsigned char c = at(b, i);
  const unsigned char c1 = at(b, i + 1);
  const unsigned char c2 = at(b, i + 2);
  return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) ||
         (c == 0xED && c1 < 0xA0) || c == 0xEE ||
         (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}
bool is_space(std::string_view b, size_t i) { return at(b, i) == ' '; }
bool is_blank(std::string_view b, size_t i) { return at(b, i) == ' ' || at(b, i) == '\t'; }
bool is_break(std::string_view b, size_t i) {
  const unsigned char c = at(b, i);
  return c == '\r' || c == '\n' || (c == 0xC2 && at(b, i + 1) == 0x85) ||
         (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9));
}
bool is_blankz(std::string_view b, size_t i) { return is_blank(b, i) || is_break(b, i) || i >= b.size(); }

struct Analysis {
  bool multiline = false;
  bool block_plain_allowed = true;
  bool single_quoted_allowed = true;
  bool block_allowed = true;
};

// libyaml yaml_emitter_analyze_scalar (flow context never happens in our block output).
Analysis analyze(std::string_view v) {
  Analysis a;
  if (v.empty()) {
    a.block_allowed = false;
    return a;
  }
  bool block_indicators = false, line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
  bool break_space = false, space_break = false, previous_space = false, previous_break = false;
  if (v.size() >= 3 && ((v[0] == '-' && v[1] == '-' && v[2] == '-') || (v[0] == '.' && v[1] == '.' && v[2] == '.'))) {
    block_indicators = true;
  }
  bool preceded_by_whitespace = true;
  for (size_t i = 0, w = 0; i < v.size(); i += w) {
    w = width_of(at(v, i));
    const bool followed_by_whitespace = i + w >= v.size() || is_blank(v, i + w);
    const char c = v[i];
    if (i == 0) {
      if (std::string_view("#,[]{}&*!|>'\"%@`").find(c) != std::string_view::npos) {
        block_indicators = true;
      } else if ((c == '?' || c == ':' || c == '-') && followed_by_whitespace) {
        block_indicators = true;
      }
    } else if ((c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace)) {
      block_indicators = true;
    }
    if (!is_printable(v, i)) {
      special = true;
    }
    if (is_space(v, i)) {
      leading_space = leading_space || i == 0;
      trailing_space = trailing_space || i + w == v.size();
      break_space = break_space || previous_break;
      previous_space = true;
      previous_break = false;
    } else if (is_break(v, i)) {
      line_breaks = true;
      leading_break = leading_break || i == 0;
      trailing_break = trailing_break || i + w == v.size();
      space_break = space_break || previous_space;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = is_blankz(v, i);
  }
  a.multiline = line_breaks;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.block_plain_allowed = false;
  }
  if (trailing_space) {
    a.block_allowed = false;
  }
  if (break_space) {
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
  }
  if (space_break || special) {
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
    a.block_allowed = false;
  }
  if (line_breaks || block_indicators) {
    a.block_plain_allowed = false;
  }
  return a;
}

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

bool go_yaml_key_less(std::string_view a_text, std::string_view b_text) {
  // keyList.Less on []rune; runs of digits compare numerically, letters before other symbols.
  std::u32string a;
  std::u32string b;
  for (auto [src, dst] : {std::pair{a_text, &a}, std::pair{b_text, &b}}) {
    for (size_t i = 0; i < src.size();) {
      const size_t w = std::min(width_of(at(src, i)), src.size() - i);
      char32_t cp = at(src, i) & (w == 1 ? 0x7F : w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07);
      for (size_t k = 1; k < w; ++k) {
        cp = (cp << 6) | (at(src, i + k) & 0x3F);
      }
      dst->push_back(cp);
      i += w;
    }
  }
  auto is_letter = [](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0; };
  auto is_num = [](char32_t c) { return c >= '0' && c <= '9'; };
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) {
      continue;
    }
    const bool al = is_letter(a[i]);
    const bool bl = is_letter(b[i]);
    if (al && bl) {
      return a[i] < b[i];
    }
    if (al || bl) {
      return bl;
    }
    long long an = 0;
    long long bn = 0;
    if (a[i] == '0' || b[i] == '0') {
      for (size_t j = i; j-- > 0 && is_num(a[j]);) {
        if (a[j] != '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    size_t ai = i;
    size_t bi = i;
    for (; ai < a.size() && is_num(a[ai]); ++ai) {
      an = an * 10 + static_cast<long long>(a[ai] - '0');
    }
    for (; bi < b.size() && is_num(b[bi]); ++bi) {
      bn = bn * 10 + static_cast<long long>(b[bi] - '0');
    }
    if (an != bn) {
      return an < bn;
    }
    if (ai != bi) {
      return ai < bi;
    }
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

std::string go_yaml_marshal(const nlohmann::json& value) {
  Emitter emitter;
  emitter.node(value, false);
  emitter.m_indent = -1;
  emitter.write_indent();  // document end: a line break unless a block scalar already wrote one
  return emitter.out;
}

}  // namespace eks
