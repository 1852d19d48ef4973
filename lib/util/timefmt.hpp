// Time parsing and formatting: RFC 3339 timestamps, Go-style duration flags, kubectl's
// HumanDuration, and the relative phrases people read ("2h ago", "in 13m").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "lib/util/clock.hpp"

namespace eks {

// Parses RFC 3339 / ISO 8601 timestamps as botocore's dateutil and Go's time.RFC3339 accept the
// forms seen in practice: "2026-11-29T14:08:49Z", fractional seconds, "+00:00"/"-05:00" offsets,
// and the old AWS CLI "2020-12-01T04:05:45UTC". A space instead of 'T' is accepted too.
// Years outside 1900..2199 are std::nullopt: TimePoint (64-bit nanoseconds) cannot hold them and
// the expiry arithmetic on them would overflow.
[[nodiscard]] std::optional<TimePoint> parse_rfc3339(std::string_view text);

// Strict RFC 3339 as Go's time.Parse(time.RFC3339) requires (client-go's expirationTimestamp):
// 'T' separator, seconds, and 'Z' or a numeric offset.
[[nodiscard]] std::optional<TimePoint> parse_rfc3339_strict(std::string_view text);

// "2026-11-29T14:08:49Z" (UTC, no fraction).
[[nodiscard]] std::string format_rfc3339(TimePoint t);

// Go-style duration flag: "500ms", "10s", "1m", "1h30m", "0"; a bare integer means seconds
// (kubectl's --request-timeout rule). Negative values are rejected.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_duration_flag(std::string_view text);

// Go's time.Duration.String for whole milliseconds: "0s", "500ms", "5s", "1.5s", "1m30s",
// "1h0m0s" (negative: "-" and the same). The one Go-duration writer: the API client's ?timeout=,
// and describe_duration in messages.
[[nodiscard]] std::string go_duration(std::chrono::milliseconds d);

// kubectl/apimachinery duration.HumanDuration (docs/spec/kube.md 4.4), exact.
[[nodiscard]] std::string human_duration(std::chrono::system_clock::duration d);

// Compact approximate duration for people: "2h", "13m", "45s", "3d4h".
[[nodiscard]] std::string short_duration(std::chrono::seconds d);

// "expired 2h ago" style helpers: "2h ago" when t < now, "in 13m" when t > now.
[[nodiscard]] std::string relative_to_now(TimePoint t, TimePoint now);

}  // namespace eks
