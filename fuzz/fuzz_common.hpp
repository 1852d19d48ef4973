// Shared by the libFuzzer targets: the input as text, a fixed "now", and a check that aborts
// (so libFuzzer records a crash) when a property that must always hold does not.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "lib/util/clock.hpp"

namespace eks::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// 2026-11-29T14:08:49Z, the transcripts' "now".
inline TimePoint fixed_now() { return TimePoint(std::chrono::seconds(1795961329)); }

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
  }
}

}  // namespace eks::fuzz
