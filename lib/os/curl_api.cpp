#include "lib/os/curl_api.hpp"

#include <dlfcn.h>

#include <string>

namespace eks {

namespace {

constexpr const char* k_library = "libcurl.so.4";

struct Loaded {
  CurlApi api;
  std::string error;  // empty when loaded
};

template <typename Fn>
bool resolve(void* handle, const char* name, Fn& out, std::string& error) {
  out = reinterpret_cast<Fn>(::dlsym(handle, name));
  if (out == nullptr && error.empty()) {
    error = std::string("cannot find ") + name + " in " + k_library;
  }
  return out != nullptr;
}

Loaded load() {
  Loaded l;
  // The handle is kept for the life of the process (never dlclose'd).
  void* handle = ::dlopen(k_library, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    l.error = std::string("cannot load ") + k_library + ": " + (why != nullptr ? why : "unknown error");
    return l;
  }
  CurlApi& a = l.api;
  resolve(handle, "curl_easy_init", a.easy_init, l.error);
  resolve(handle, "curl_easy_cleanup", a.easy_cleanup, l.error);
  resolve(handle, "curl_easy_reset", a.easy_reset, l.error);
  resolve(handle, "curl_easy_setopt", a.easy_setopt, l.error);
  resolve(handle, "curl_easy_perform", a.easy_perform, l.error);
  resolve(handle, "curl_easy_getinfo", a.easy_getinfo, l.error);
  resolve(handle, "curl_easy_strerror", a.easy_strerror, l.error);
  resolve(handle, "curl_slist_append", a.slist_append, l.error);
  resolve(handle, "curl_slist_free_all", a.slist_free_all, l.error);
  resolve(handle, "curl_url", a.url, l.error);
  resolve(handle, "curl_url_cleanup", a.url_cleanup, l.error);
  resolve(handle, "curl_url_set", a.url_set, l.error);
  resolve(handle, "curl_url_get", a.url_get, l.error);
  resolve(handle, "curl_free", a.free, l.error);
  decltype(&::curl_global_init) global_init = nullptr;
  if (resolve(handle, "curl_global_init", global_init, l.error) && l.error.empty() &&
      global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    l.error = std::string("curl_global_init failed in ") + k_library;
  }
  return l;
}

}  // namespace

Result<const CurlApi*> curl_api() {
  static const Loaded loaded = load();  // C++11 guarantees one thread-safe initialisation
  if (!loaded.error.empty()) {
    return make_error(ErrorKind::general, loaded.error,
                      {"eks-sso needs libcurl for requests to the cluster: apt-get install libcurl4"});
  }
  return &loaded.api;
}

}  // namespace eks
