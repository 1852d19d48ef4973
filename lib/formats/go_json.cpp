// encoding/json and fmt parts of lib/formats/go_format.hpp.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "lib/formats/go_format.hpp"
#include "lib/util/utf8.hpp"

namespace eks {
namespace {

constexpr char k_hex[] = "0123456789abcdef";

// Integral floats print as integers, as the unstructured decoder stores them as int64.
bool as_integer(double v, long long& out) {
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 9.2e18) {
    out = static_cast<long long>(v);
    return true;
  }
  return false;
}

std::string json_number(const nlohmann::json& value) {
  if (value.is_number_integer()) {
    return value.dump();
  }
  const double v = value.get<double>();
  long long integer = 0;
  if (as_integer(v, integer)) {
    return std::to_string(integer);
  }
  char buf[64];
  const double abs = std::fabs(v);
  const bool exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
  auto res = std::to_chars(buf, buf + sizeof(buf), v, exponent ? std::chars_format::scientific : std::chars_format::fixed);
  std::string out(buf, res.ptr);
  if (exponent) {
    const size_t n = out.size();  // "1e-07" -> "1e-7", as Go cleans it up
    if (n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') {
      out.erase(n - 2, 1);
    }
  }
  return out;
}

void marshal(std::string& out, const nlohmann::json& value, std::string_view indent, int depth) {
  auto newline = [&](int d) {
    out += '\n';
    for (int i = 0; i < d; ++i) {
      out += indent;
    }
  };
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {  // std::map: bytewise sorted like Go
        if (!first) {
          out += ',';
        }
        first = false;
        newline(depth + 1);
        out += go_json_quote(key);
        out += ": ";
        marshal(out, item, indent, depth + 1);
      }
      newline(depth);
      out += '}';
      return;
    }
    case nlohmann::json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      for (size_t i = 0; i < value.size(); ++i) {
        if (i > 0) {
          out += ',';
        }
        newline(depth + 1);
        marshal(out, value[i], indent, depth + 1);
      }
      newline(depth);
      out += ']';
      return;
    }
    case nlohmann::json::value_t::string: out += go_json_quote(value.get_ref<const std::string&>()); return;
    case nlohmann::json::value_t::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: out += json_number(value); return;
    default: out += "null"; return;
  }
}

}  // namespace

namespace {

enum class QuoteStyle { json, percent_q };

// The one quoting loop behind go_json_quote (encoding/json) and go_quote (%q): both keep valid
// printable UTF-8 as it is and escape '"', '\\', \n, \r, \t; they differ in how they write other
// control bytes (\u00XX or \xXX / \a \b \f \v), HTML characters (JSON only), DEL and C1 controls
// (%q only) and invalid UTF-8 (\ufffd or \xXX).
std::string go_quote_as(std::string_view text, QuoteStyle style) {
  const bool json = style == QuoteStyle::json;
  std::string out = "\"";
  const auto hex_escape = [&out](const char* prefix, unsigned int value) {
    out += prefix;
    out += k_hex[(value >> 4) & 0xF];
    out += k_hex[value & 0xF];
  };
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\a':
        case '\v':
          if (json) {
            hex_escape("\\u00", c);
          } else {
            out += c == '\a' ? "\\a" : "\\v";
          }
          break;
        case '<':
        case '>':
        case '&':
          if (json) {
            hex_escape("\\u00", c);
          } else {
            out += static_cast<char>(c);
          }
          break;
        default:
          if (c < 0x20 || (c == 0x7f && !json)) {
            hex_escape(json ? "\\u00" : "\\x", c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    const size_t len = decode_utf8(text, i, cp);
    if (len == 0) {
      if (json) {
        out += "\\ufffd";
      } else {
        hex_escape("\\x", c);
      }
      ++i;
      continue;
    }
    if (cp == 0x2028 || cp == 0x2029) {
      out += cp == 0x2028 ? "\\u2028" : "\\u2029";
    } else if (!json && cp >= 0x80 && cp < 0xA0) {
      hex_escape("\\u00", cp);
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out + "\"";
}

}  // namespace

std::string go_json_quote(std::string_view text) { return go_quote_as(text, QuoteStyle::json); }

std::string go_quote(std::string_view text) { return go_quote_as(text, QuoteStyle::percent_q); }

std::string go_json_marshal_indent(const nlohmann::json& value, std::string_view indent) {
  std::string out;
  marshal(out, value, indent, 0);
  return out;
}

std::string go_format_float_g(double value) {
  if (std::isnan(value)) {
    return "NaN";
  }
  if (std::isinf(value)) {
    return value > 0 ? "+Inf" : "-Inf";
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::scientific);
  const std::string sci(buf, res.ptr);  // d.ddde±XX
  const size_t e = sci.find('e');
  const int exp = std::stoi(sci.substr(e + 1));
  if (exp < -4 || exp >= 6) {
    std::string mantissa = sci.substr(0, e);
    std::string exponent = sci.substr(e + 1);  // "+06" / "-07": Go keeps at least two digits
    const char sign = exponent[0];
    std::string digits = exponent.substr(1);
    while (digits.size() > 2 && digits[0] == '0') {
      digits.erase(0, 1);
    }
    return mantissa + "e" + sign + digits;
  }
  res = std::to_chars(buf, buf + sizeof(buf), value, std::chars_format::fixed);
  return std::string(buf, res.ptr);
}

std::string go_sprint(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::string: return value.get<std::string>();
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return value.dump();
    case nlohmann::json::value_t::number_float: {
      long long integer = 0;
      return as_integer(value.get<double>(), integer) ? std::to_string(integer) : go_format_float_g(value.get<double>());
    }
    case nlohmann::json::value_t::array: {
      std::string out = "[";
      for (size_t i = 0; i < value.size(); ++i) {
        out += (i > 0 ? " " : "") + go_sprint(value[i]);
      }
      return out + "]";
    }
    case nlohmann::json::value_t::object: {
      std::string out = "map[";
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        out += (first ? "" : " ") + key + ":" + go_sprint(item);
        first = false;
      }
      return out + "]";
    }
    default: return "<nil>";
  }
}

}  // namespace eks
