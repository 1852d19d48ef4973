// Duration flags (--request-timeout, --exec-timeout, --login-timeout) and timestamps (SSO cache
// expiresAt, ExecCredential expirationTimestamp), with the arithmetic done on what they yield.
#include <chrono>
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/kube/client.hpp"
#include "lib/util/timefmt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const std::string_view text = fuzz::text_of(data, size);
  if (const auto d = parse_duration_flag(text)) {
    fuzz::require(d->count() >= 0, "a duration flag is never negative");
    (void)go_duration(*d);
    (void)human_duration(*d);
    (void)short_duration(std::chrono::duration_cast<std::chrono::seconds>(*d));
  }
  for (const auto& t : {parse_rfc3339(text), parse_rfc3339_strict(text)}) {
    if (t) {
      (void)format_rfc3339(*t);
      (void)relative_to_now(*t, fuzz::fixed_now());
      (void)human_duration(fuzz::fixed_now() - *t);
    }
  }
  return 0;
}
