#include "lib/util/go_url.hpp"

#include <cctype>

#include <fmt/format.h>

namespace eks {
namespace {

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

int unhex(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  return std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

Error url_error(std::string message) { return make_error(ErrorKind::config, std::move(message)); }

enum class Mode { host, zone, user_password, path, fragment };

// Go's shouldEscape for the modes unescape checks against (host names only).
bool host_char_ok(char c) {
  if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
    return true;
  }
  switch (c) {
    case '-': case '_': case '.': case '~':
    case '!': case '$': case '&': case '\'': case '(': case ')': case '*': case '+': case ',': case ';':
    case '=': case ':': case '[': case ']': case '<': case '>': case '"':
      return true;
    default: return false;
  }
}

// Go's unescape: every '%' needs two hex digits; in a host only escapes of bytes >= 0x80 (and
// "%25" in a zone) are allowed, and only host characters.
Status unescape(std::string_view s, Mode mode) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size() || !is_hex(s[i + 1]) || !is_hex(s[i + 2])) {
        std::string_view bad = s.substr(i, 3);
        return url_error(fmt::format("invalid URL escape \"{}\"", bad));
      }
      if (mode == Mode::host && unhex(s[i + 1]) < 8 && s.substr(i, 3) != "%25") {
        return url_error(fmt::format("invalid URL escape \"{}\"", s.substr(i, 3)));
      }
      if (mode == Mode::zone) {
        const int v = unhex(s[i + 1]) << 4 | unhex(s[i + 2]);
        if (s.substr(i, 3) != "%25" && v != ' ' && (v >= 0x80 || !host_char_ok(static_cast<char>(v)))) {
          return url_error(fmt::format("invalid URL escape \"{}\"", s.substr(i, 3)));
        }
      }
      i += 2;
      continue;
    }
    if ((mode == Mode::host || mode == Mode::zone) && static_cast<unsigned char>(c) < 0x80 && !host_char_ok(c)) {
      return url_error(fmt::format("invalid character \"{}\" in host name", std::string(1, c)));
    }
  }
  return Ok{};
}

bool valid_optional_port(std::string_view port) {
  if (port.empty()) {
    return true;
  }
  if (port[0] != ':') {
    return false;
  }
  for (char c : port.substr(1)) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

Status parse_host(std::string_view host) {
  if (!host.empty() && host[0] == '[') {
    const std::size_t close = host.rfind(']');
    if (close == std::string_view::npos) {
      return url_error("missing ']' in host");
    }
    const std::string_view port = host.substr(close + 1);
    if (!valid_optional_port(port)) {
      return url_error(fmt::format("invalid port \"{}\" after host", port));
    }
    const std::string_view inside = host.substr(0, close + 1);
    const std::size_t zone = inside.find("%25");
    if (zone != std::string_view::npos) {
      if (Status s = unescape(inside.substr(0, zone), Mode::host); !s) {
        return s;
      }
      return unescape(inside.substr(zone), Mode::zone);
    }
    return unescape(inside, Mode::host);
  }
  if (const std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    const std::string_view port = host.substr(colon);
    if (!valid_optional_port(port)) {
      return url_error(fmt::format("invalid port \"{}\" after host", port));
    }
  }
  return unescape(host, Mode::host);
}

bool valid_userinfo(std::string_view s) {
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      continue;
    }
    switch (c) {
      case '-': case '.': case '_': case ':': case '~': case '!': case '$': case '&': case '\'': case '(':
      case ')': case '*': case '+': case ',': case ';': case '=': case '%': case '@':
        continue;
      default: return false;
    }
  }
  return true;
}

Status parse_authority(std::string_view authority) {
  const std::size_t at = authority.rfind('@');
  if (at == std::string_view::npos) {
    return parse_host(authority);
  }
  if (Status s = parse_host(authority.substr(at + 1)); !s) {
    return s;
  }
  const std::string_view userinfo = authority.substr(0, at);
  if (!valid_userinfo(userinfo)) {
    return url_error("net/url: invalid userinfo");
  }
  return unescape(userinfo, Mode::user_password);
}

}  // namespace

Result<GoUrl> go_url_parse(std::string_view raw) {
  GoUrl out;
  std::string_view text = raw;
  std::string_view fragment;
  if (const std::size_t hash = text.find('#'); hash != std::string_view::npos) {
    fragment = text.substr(hash + 1);
    text = text.substr(0, hash);
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return url_error("net/url: invalid control character in URL");
    }
  }
  // getScheme
  std::string_view rest = text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isalpha(static_cast<unsigned char>(c)) != 0) {
      continue;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.') {
      if (i == 0) {
        break;
      }
      continue;
    }
    if (c == ':') {
      if (i == 0) {
        return url_error("missing protocol scheme");
      }
      out.scheme = std::string(text.substr(0, i));
      for (char& s : out.scheme) {
        s = static_cast<char>(std::tolower(static_cast<unsigned char>(s)));
      }
      rest = text.substr(i + 1);
    }
    break;
  }
  if (const std::size_t q = rest.find('?'); q != std::string_view::npos) {
    rest = rest.substr(0, q);
  }
  if (rest.empty() || rest[0] != '/') {
    if (!out.scheme.empty()) {
      out.opaque = true;
      return out;
    }
    const std::size_t colon = rest.find(':');
    const std::size_t slash = rest.find('/');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash)) {
      return url_error("first path segment in URL cannot contain colon");
    }
  }
  if ((!out.scheme.empty() || rest.substr(0, 3) != "///") && rest.substr(0, 2) == "//") {
    std::string_view authority = rest.substr(2);
    const std::size_t slash = authority.find('/');
    rest = slash == std::string_view::npos ? std::string_view() : authority.substr(slash);
    authority = authority.substr(0, slash);
    if (Status s = parse_authority(authority); !s) {
      return s.take_error();
    }
    out.host = std::string(authority.substr(authority.rfind('@') == std::string_view::npos ? 0 : authority.rfind('@') + 1));
  }
  if (Status s = unescape(rest, Mode::path); !s) {
    return s.take_error();
  }
  if (Status s = unescape(fragment, Mode::fragment); !s) {
    return s.take_error();
  }
  return out;
}

Status check_proxy_url(std::string_view text) {
  auto url = go_url_parse(text);
  if (!url) {
    return make_error(ErrorKind::config, fmt::format("could not parse: {}", text));
  }
  if (url->scheme != "http" && url->scheme != "https" && url->scheme != "socks5") {
    return make_error(ErrorKind::config,
                      fmt::format("unsupported scheme \"{}\", must be http, https, or socks5", url->scheme));
  }
  return Ok{};
}

}  // namespace eks
