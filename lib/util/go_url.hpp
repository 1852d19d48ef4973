// Whether Go's net/url.Parse accepts a text, and the scheme it finds: the rules client-go's
// clientcmd uses to validate a cluster's proxy-url (validation.go parseProxyURL, kubectl 1.32:
// 'invalid 'proxy-url' "X" for cluster "c": could not parse: X' and
// 'unsupported scheme "ftp", must be http, https, or socks5').
// Ported from Go's src/net/url/url.go (parse, getScheme, parseAuthority, parseHost, unescape);
// the error texts are Go's.
#pragma once

#include <string>
#include <string_view>

#include "lib/util/result.hpp"

namespace eks {

struct GoUrl {
  std::string scheme;  // lowercased, "" when there is none
  std::string host;    // as written (between "//" and the path), "" when none
  bool opaque = false; // "scheme:rest" without "//" (e.g. "localhost:3128" has scheme "localhost")
};

// ErrorKind::config with Go's reason ("missing protocol scheme", "first path segment in URL cannot
// contain colon", "invalid URL escape \"%zz\"", "missing ']' in host", ...).
[[nodiscard]] Result<GoUrl> go_url_parse(std::string_view text);

// client-go's parseProxyURL: go_url_parse, then the scheme must be http, https or socks5. The
// error is the text kubectl prints after the cluster name: "could not parse: X" or
// "unsupported scheme \"ftp\", must be http, https, or socks5".
[[nodiscard]] Status check_proxy_url(std::string_view text);

}  // namespace eks
