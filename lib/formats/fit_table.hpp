// Fitting a kubectl-style table (lib/formats/tabwriter.hpp) to a terminal's width (issue 16,
// defect 4): the widest of the columns that may shrink loses one rune at a time until the table
// fits or every such column is down to `min_cell`; a shortened cell ends with "…". Only for a
// table shown on a terminal: -o json, -o name and piped output are never shortened. Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lib/formats/tabwriter.hpp"

namespace eks {

// `s` cut to at most `max_runes` runes, its last one replaced by "…" when it was cut.
[[nodiscard]] std::string truncate_runes(std::string_view s, int max_runes);

// The width, in runes, of `rows` (one vector of cells a line, tab-separated, the last cell
// unpadded) once formatted with `options`.
[[nodiscard]] int table_width(const std::vector<std::vector<std::string>>& rows, TabwriterOptions options = {});

// Shortens cells of the `shrinkable` columns so the table is at most `width` runes wide.
void fit_table(std::vector<std::vector<std::string>>& rows, int width, const std::vector<size_t>& shrinkable,
               int min_cell = 8, TabwriterOptions options = {});

}  // namespace eks
