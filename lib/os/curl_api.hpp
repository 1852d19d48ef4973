// libcurl, loaded on first use with dlopen instead of linked: Debian's libcurl brings in about 35
// shared objects (OpenSSL, GnuTLS for RTMP, Kerberos, LDAP, SSH, ...) whose loading and
// relocation cost about 8 ms at every process start (docs/benchmarks.md). Commands that make no
// request (`credential` from the cache, `contexts`, `version`, shell completion) never pay it.
// The headers give the exact types; only the entry points below are resolved.
#pragma once

#include <curl/curl.h>

#include "lib/util/result.hpp"

namespace eks {

struct CurlApi {
  decltype(&::curl_easy_init) easy_init = nullptr;
  decltype(&::curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&::curl_easy_reset) easy_reset = nullptr;
  decltype(&::curl_easy_setopt) easy_setopt = nullptr;
  decltype(&::curl_easy_perform) easy_perform = nullptr;
  decltype(&::curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&::curl_easy_strerror) easy_strerror = nullptr;
  decltype(&::curl_slist_append) slist_append = nullptr;
  decltype(&::curl_slist_free_all) slist_free_all = nullptr;
  decltype(&::curl_url) url = nullptr;
  decltype(&::curl_url_cleanup) url_cleanup = nullptr;
  decltype(&::curl_url_set) url_set = nullptr;
  decltype(&::curl_url_get) url_get = nullptr;
  decltype(&::curl_free) free = nullptr;
};

// Loads libcurl.so.4 and runs curl_global_init, once per process (thread-safe). An error names
// the library and why it could not be loaded; it is the same on every later call.
[[nodiscard]] Result<const CurlApi*> curl_api();

}  // namespace eks
