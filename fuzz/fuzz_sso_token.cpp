// An SSO token cache file (~/.aws/sso/cache/<sha1>.json): parsed and evaluated as legacy and as
// sso-session. Property: the access token, refresh token and client secret are never copied into
// what the parser keeps.
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/aws/sso_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const SsoTokenInfo info = parse_sso_token_file(fuzz::text_of(data, size));
  for (const SsoTokenKind kind : {SsoTokenKind::legacy, SsoTokenKind::session}) {
    const SsoTokenEvaluation e = evaluate_sso_token(info, fuzz::fixed_now(), kind);
    (void)sso_token_state_name(e.state);
  }
  (void)evaluate_sso_token(std::nullopt, fuzz::fixed_now(), SsoTokenKind::session);
  return 0;
}
