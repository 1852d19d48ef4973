// "Did you mean ...?" for unknown commands and flags (Levenshtein distance, as kubectl/cobra).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eks {

[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within max(2, len/3) edits, or a candidate the word is a prefix of.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace eks
