// SHA-1 and SHA-256 (FIPS 180-4) as lowercase hex, for file names and cache keys: the AWS CLI's
// SSO cache file is sha1(session or start URL), the credential cache key is a SHA-256. Small and
// self-contained so that commands that never touch the network do not load libcrypto (whose
// provider setup alone cost 1-5 ms per process; docs/benchmarks.md). Pure.
#pragma once

#include <string>
#include <string_view>

namespace eks {

[[nodiscard]] std::string sha1_hex(std::string_view data);
[[nodiscard]] std::string sha256_hex(std::string_view data);

}  // namespace eks
