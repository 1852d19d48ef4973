#include "lib/util/timefmt.hpp"

#include <cctype>
#include <cstdint>
#include <string>

namespace eks {
namespace {

using std::chrono::days;
using std::chrono::seconds;

constexpr int k_min_year = 1900;
constexpr int k_max_year = 2200;

bool read_digits(std::string_view s, size_t& pos, size_t count, int& out) {
  if (pos + count > s.size()) {
    return false;
  }
  int v = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') {
      return false;
    }
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += count;
  return true;
}

std::optional<TimePoint> parse_impl(std::string_view s, bool strict) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, pos, 2, month) || pos >= s.size() || s[pos++] != '-' ||
      !read_digits(s, pos, 2, day) || pos >= s.size()) {
    return std::nullopt;
  }
  const char sep = s[pos++];
  if (sep != 'T' && (strict || (sep != 't' && sep != ' '))) {
    return std::nullopt;
  }
  if (!read_digits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':' ||
      !read_digits(s, pos, 2, minute) || pos >= s.size() || s[pos++] != ':' ||
      !read_digits(s, pos, 2, second)) {
    return std::nullopt;
  }
  std::chrono::nanoseconds frac{0};
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100000000;
    size_t ndigits = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      if (scale > 0) {
        frac += std::chrono::nanoseconds((s[pos] - '0') * scale);
        scale /= 10;
      }
      ++pos;
      ++ndigits;
    }
    if (ndigits == 0) {
      return std::nullopt;
    }
  }
  seconds offset{0};
  const std::string_view rest = s.substr(pos);
  if (rest == "Z" || (!strict && (rest == "z" || rest == "UTC"))) {
    // UTC
  } else if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    size_t p = 1;
    int oh = 0, om = 0;
    if (!read_digits(rest, p, 2, oh)) {
      return std::nullopt;
    }
    if (p < rest.size() && rest[p] == ':') {
      ++p;
    } else if (strict) {
      return std::nullopt;
    }
    if (!read_digits(rest, p, 2, om) || p != rest.size()) {
      return std::nullopt;
    }
    offset = seconds((oh * 60 + om) * 60);
    if (rest[0] == '-') {
      offset = -offset;
    }
  } else {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                        std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  // TimePoint counts nanoseconds in 64 bits (1677..2262); converting a later or earlier time, or
  // subtracting "now" from one near the edge, overflows (found by the fuzzers: "9999-12-31…").
  if (year < k_min_year || year >= k_max_year) {
    return std::nullopt;
  }
  const auto tp = std::chrono::sys_days(ymd) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                  seconds(second) - offset;
  return std::chrono::time_point_cast<TimePoint::duration>(tp) + frac;
}

}  // namespace

std::optional<TimePoint> parse_rfc3339(std::string_view text) { return parse_impl(text, false); }

std::optional<TimePoint> parse_rfc3339_strict(std::string_view text) { return parse_impl(text, true); }

std::string format_rfc3339(TimePoint t) {
  const auto secs = std::chrono::floor<seconds>(t);
  const auto day_point = std::chrono::floor<days>(secs);
  const std::chrono::year_month_day ymd{day_point};
  const std::chrono::hh_mm_ss hms{secs - day_point};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
                static_cast<long long>(hms.seconds().count()));
  return buf;
}

std::optional<std::chrono::milliseconds> parse_duration_flag(std::string_view text) {
  if (text.empty()) {
    return std::nullopt;
  }
  bool all_digits = true;
  for (const char c : text) {
    all_digits = all_digits && std::isdigit(static_cast<unsigned char>(c));
  }
  if (all_digits) {
    if (text.size() > 9) {
      return std::nullopt;
    }
    return std::chrono::milliseconds(std::stoll(std::string(text)) * 1000);
  }
  // Go time.ParseDuration subset: sequence of <number>[.<fraction>]<unit>, units ns us ms s m h.
  double total_ms = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) {
      ++pos;
    }
    if (pos == start) {
      return std::nullopt;
    }
    double number = 0;
    try {
      number = std::stod(std::string(text.substr(start, pos - start)));
    } catch (...) {
      return std::nullopt;
    }
    const size_t ustart = pos;
    while (pos < text.size() && std::isalpha(static_cast<unsigned char>(text[pos]))) {
      ++pos;
    }
    const std::string_view unit = text.substr(ustart, pos - ustart);
    double factor = 0;
    if (unit == "ns") {
      factor = 1e-6;
    } else if (unit == "us" || unit == "µs") {
      factor = 1e-3;
    } else if (unit == "ms") {
      factor = 1;
    } else if (unit == "s") {
      factor = 1000;
    } else if (unit == "m") {
      factor = 60000;
    } else if (unit == "h") {
      factor = 3600000;
    } else {
      return std::nullopt;
    }
    total_ms += number * factor;
  }
  if (total_ms > 1e12) {
    return std::nullopt;
  }
  return std::chrono::milliseconds(static_cast<int64_t>(total_ms));
}

std::string human_duration(std::chrono::system_clock::duration d) {
  const int64_t s = std::chrono::duration_cast<seconds>(d).count();
  if (s < -1) {
    return "<invalid>";
  }
  if (s < 0) {
    return "0s";
  }
  if (s < 60 * 2) {
    return std::to_string(s) + "s";
  }
  const int64_t minutes = s / 60;
  if (minutes < 10) {
    const int64_t sec = s % 60;
    if (sec == 0) {
      return std::to_string(minutes) + "m";
    }
    return std::to_string(minutes) + "m" + std::to_string(sec) + "s";
  }
  if (minutes < 60 * 3) {
    return std::to_string(minutes) + "m";
  }
  const int64_t hours = s / 3600;
  if (hours < 8) {
    const int64_t m = minutes % 60;
    if (m == 0) {
      return std::to_string(hours) + "h";
    }
    return std::to_string(hours) + "h" + std::to_string(m) + "m";
  }
  if (hours < 48) {
    return std::to_string(hours) + "h";
  }
  if (hours < 192) {
    const int64_t h = hours % 24;
    if (h == 0) {
      return std::to_string(hours / 24) + "d";
    }
    return std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
  }
  if (hours < 24 * 365 * 2) {
    return std::to_string(hours / 24) + "d";
  }
  if (hours < 24 * 365 * 8) {
    const int64_t dy = (hours / 24) % 365;
    if (dy == 0) {
      return std::to_string(hours / 24 / 365) + "y";
    }
    return std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
  }
  return std::to_string(hours / 24 / 365) + "y";
}

std::string short_duration(seconds d) {
  int64_t s = d.count();
  if (s < 0) {
    s = -s;
  }
  if (s < 60) {
    return std::to_string(s) + "s";
  }
  if (s < 3600) {
    return std::to_string(s / 60) + "m";
  }
  if (s < 86400) {
    const int64_t m = (s % 3600) / 60;
    return std::to_string(s / 3600) + "h" + (m ? std::to_string(m) + "m" : "");
  }
  const int64_t h = (s % 86400) / 3600;
  return std::to_string(s / 86400) + "d" + (h ? std::to_string(h) + "h" : "");
}

std::string relative_to_now(TimePoint t, TimePoint now) {
  const auto d = std::chrono::duration_cast<seconds>(t - now);
  if (d.count() < 0) {
    return short_duration(-d) + " ago";
  }
  return "in " + short_duration(d);
}

std::string go_duration(std::chrono::milliseconds d) {
  if (d.count() < 0) {
    return "-" + go_duration(-d);
  }
  const long long ms = d.count();
  if (ms == 0) {
    return "0s";
  }
  if (ms < 1000) {
    return std::to_string(ms) + "ms";
  }
  long long seconds = ms / 1000;
  std::string frac;
  if (ms % 1000 != 0) {
    frac = "." + std::to_string(1000 + ms % 1000).substr(1);
    while (frac.back() == '0') {
      frac.pop_back();
    }
  }
  std::string out;
  if (seconds >= 3600) {
    out += std::to_string(seconds / 3600) + "h";
    seconds %= 3600;
    out += std::to_string(seconds / 60) + "m";
  } else if (seconds >= 60) {
    out += std::to_string(seconds / 60) + "m";
  }
  return out + std::to_string(seconds % 60) + frac + "s";
}

}  // namespace eks
