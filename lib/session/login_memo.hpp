// Remembering a login-required verdict for a short time (issue 16, defect 2). kubectl runs the
// exec plugin again on every discovery retry, so through the wrapper `eks-sso credential` a
// logged-out user saw the login block five times and waited for five AWS CLI runs. The verdict
// is kept per credential-cache key for k_login_memo_ttl in the credential cache folder
// (<dir>/<key>.login-required: the time and a fingerprint of the SSO token cache, no secret), and
// it is dropped as soon as that fingerprint changes: any `aws sso login` (or logout) rewrites a
// file in ~/.aws/sso/cache, so a login is seen at once.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "lib/util/clock.hpp"

namespace eks {

inline constexpr std::chrono::seconds k_login_memo_ttl{15};

// The names, sizes and modification times of the files in <home>/.aws/sso/cache, hashed
// (sha256 hex); "" when the folder cannot be read. Reads the folder listing only, never a token.
[[nodiscard]] std::string sso_cache_fingerprint(const std::filesystem::path& home);

// True when a verdict for `key` was remembered less than `ttl` ago with the same fingerprint.
[[nodiscard]] bool recent_login_verdict(const std::filesystem::path& dir, const std::string& key,
                                        const std::string& fingerprint, TimePoint now,
                                        std::chrono::seconds ttl = k_login_memo_ttl);

// Remembers the verdict (written to a temporary file and renamed; errors are ignored: the memo
// only saves time). forget_login_verdict removes it.
void remember_login_verdict(const std::filesystem::path& dir, const std::string& key, const std::string& fingerprint,
                            TimePoint now);
void forget_login_verdict(const std::filesystem::path& dir, const std::string& key);

}  // namespace eks
