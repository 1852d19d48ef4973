#include <doctest/doctest.h>

#include "lib/util/timefmt.hpp"

using namespace std::chrono;
using eks::human_duration;
using eks::parse_duration_flag;
using eks::parse_rfc3339;
using eks::parse_rfc3339_strict;

TEST_CASE("timefmt: HumanDuration matches apimachinery exactly (kube.md 4.4)") {
  const std::pair<int64_t, const char*> table[] = {
      {-5, "<invalid>"}, {-1, "0s"},        {0, "0s"},          {59, "59s"},         {119, "119s"},
      {120, "2m"},       {123, "2m3s"},     {599, "9m59s"},     {600, "10m"},        {3599, "59m"},
      {10799, "179m"},   {10800, "3h"},     {10860, "3h1m"},    {28799, "7h59m"},    {28800, "8h"},
      {172799, "47h"},   {172800, "2d"},    {176400, "2d1h"},   {691199, "7d23h"},   {691200, "8d"},
      {63071999, "729d"}, {63072000, "2y"}, {63158400, "2y1d"}, {252287999, "7y364d"}, {252288000, "8y"},
  };
  for (const auto& [secs, want] : table) {
    CAPTURE(secs);
    CHECK(human_duration(seconds(secs)) == want);
  }
}

TEST_CASE("timefmt: RFC 3339 forms seen from the AWS CLI and plugins") {
  const auto base = parse_rfc3339("2026-11-29T14:08:49Z");
  REQUIRE(base.has_value());
  CHECK(eks::format_rfc3339(*base) == "2026-11-29T14:08:49Z");
  CHECK(parse_rfc3339("2026-11-29T14:08:49+00:00") == base);
  CHECK(parse_rfc3339("2026-11-29T15:08:49+01:00") == base);
  CHECK(parse_rfc3339("2026-11-29T14:08:49UTC") == base);
  CHECK(parse_rfc3339("2026-11-29T14:08:49.000Z") == base);
  CHECK_FALSE(parse_rfc3339("tomorrow").has_value());
  CHECK_FALSE(parse_rfc3339("2026-13-29T14:08:49Z").has_value());
  CHECK_FALSE(parse_rfc3339("2026-02-30T14:08:49Z").has_value());
  CHECK_FALSE(parse_rfc3339("2026-11-29T14:08:49").has_value());
  CHECK_FALSE(parse_rfc3339_strict("2026-11-29T14:08:49UTC").has_value());
  CHECK_FALSE(parse_rfc3339_strict("2026-11-29 14:08:49Z").has_value());
  CHECK(parse_rfc3339_strict("2026-11-29T14:08:49Z") == base);
}

TEST_CASE("timefmt: duration flags") {
  CHECK(parse_duration_flag("500ms") == milliseconds(500));
  CHECK(parse_duration_flag("10s") == milliseconds(10000));
  CHECK(parse_duration_flag("1m") == milliseconds(60000));
  CHECK(parse_duration_flag("1h30m") == milliseconds(5400000));
  CHECK(parse_duration_flag("1.5s") == milliseconds(1500));
  CHECK(parse_duration_flag("5") == milliseconds(5000));
  CHECK(parse_duration_flag("0") == milliseconds(0));
  CHECK_FALSE(parse_duration_flag("").has_value());
  CHECK_FALSE(parse_duration_flag("ten").has_value());
  CHECK_FALSE(parse_duration_flag("10x").has_value());
  CHECK_FALSE(parse_duration_flag("-1s").has_value());
  CHECK_FALSE(parse_duration_flag("s").has_value());
}

TEST_CASE("timefmt: relative phrases") {
  const auto now = *parse_rfc3339("2026-11-29T16:08:49Z");
  CHECK(eks::relative_to_now(now - hours(2), now) == "2h ago");
  CHECK(eks::relative_to_now(now + minutes(13), now) == "in 13m");
  CHECK(eks::relative_to_now(now + hours(7) + minutes(59), now) == "in 7h59m");
  CHECK(eks::relative_to_now(now - hours(50), now) == "2d2h ago");
}

TEST_CASE("timefmt: go_duration is Go's time.Duration.String, the one writer of it") {
  CHECK(eks::go_duration(0ms) == "0s");
  CHECK(eks::go_duration(1ms) == "1ms");
  CHECK(eks::go_duration(999ms) == "999ms");
  CHECK(eks::go_duration(5s) == "5s");
  CHECK(eks::go_duration(1050ms) == "1.05s");
  CHECK(eks::go_duration(61s) == "1m1s");
  CHECK(eks::go_duration(7322500ms) == "2h2m2.5s");
  CHECK(eks::go_duration(-1500ms) == "-1.5s");
}
