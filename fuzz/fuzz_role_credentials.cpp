// A CLI v2 role-credential cache file (~/.aws/cli/cache/<sha1>.json). Errors name the file.
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/aws/sso_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const auto info = parse_role_credentials_file(fuzz::text_of(data, size), "/fuzz/cli/cache/x.json");
  if (!info) {
    fuzz::require(info.error().message.rfind("/fuzz/cli/cache/x.json: ", 0) == 0, "the error names the file");
    return 0;
  }
  (void)role_credentials_usable(*info, fuzz::fixed_now());
  return 0;
}
