// go-yaml v2 resolve() and libyaml's scalar analysis (see lib/formats/go_yaml_detail.hpp).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <regex>

#include "lib/formats/go_format.hpp"
#include "lib/formats/go_yaml_detail.hpp"
#include "lib/util/utf8.hpp"

namespace eks {
namespace yaml_detail {

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

}  // namespace yaml_detail

bool go_yaml_key_less(std::string_view a_text, std::string_view b_text) {
  // keyList.Less on []rune; runs of digits compare numerically, letters before other symbols.
  std::u32string a;
  std::u32string b;
  for (auto [src, dst] : {std::pair{a_text, &a}, std::pair{b_text, &b}}) {
    for (size_t i = 0; i < src.size();) {
      char32_t cp = 0;
      const size_t w = decode_utf8(src, i, cp);
      dst->push_back(w == 0 ? U'\uFFFD' : cp);  // Go's []rune(s): RuneError for an invalid byte
      i += w == 0 ? 1 : w;
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
    // Go's int arithmetic wraps on overflow (a run of 19+ digits); so does ours, through unsigned
    // (C++20 converts back modulo 2^64). Found by fuzz_go_yaml: signed overflow is UB in C++.
    const auto times_ten_plus = [](long long n, char digit) {
      return static_cast<long long>(static_cast<unsigned long long>(n) * 10U +
                                    static_cast<unsigned long long>(digit - '0'));
    };
    for (; ai < a.size() && is_num(a[ai]); ++ai) {
      an = times_ten_plus(an, a[ai]);
    }
    for (; bi < b.size() && is_num(b[bi]); ++bi) {
      bn = times_ten_plus(bn, b[bi]);
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


}  // namespace eks
