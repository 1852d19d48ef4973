#include "lib/formats/fit_table.hpp"

#include <algorithm>

namespace eks {
namespace {

std::vector<int> column_widths(const std::vector<std::vector<std::string>>& rows) {
  std::vector<int> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) {
      widths.resize(row.size(), 0);
    }
    for (size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], rune_count(row[i]));
    }
  }
  return widths;
}

int total(const std::vector<int>& widths, TabwriterOptions options) {
  int sum = 0;
  for (size_t i = 0; i < widths.size(); ++i) {
    sum += i + 1 < widths.size() ? std::max(options.min_width, widths[i] + options.padding) : widths[i];
  }
  return sum;
}

}  // namespace

std::string truncate_runes(std::string_view s, int max_runes) {
  if (rune_count(s) <= max_runes) {
    return std::string(s);
  }
  if (max_runes <= 0) {
    return "";
  }
  // Keep max_runes - 1 runes (a rune starts at every byte that is not a continuation byte).
  size_t end = 0;
  int kept = 0;
  while (end < s.size()) {
    size_t next = end + 1;
    while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) {
      ++next;
    }
    if (kept == max_runes - 1) {
      break;
    }
    ++kept;
    end = next;
  }
  return std::string(s.substr(0, end)) + "…";
}

int table_width(const std::vector<std::vector<std::string>>& rows, TabwriterOptions options) {
  return total(column_widths(rows), options);
}

void fit_table(std::vector<std::vector<std::string>>& rows, int width, const std::vector<size_t>& shrinkable,
               int min_cell, TabwriterOptions options) {
  std::vector<int> widths = column_widths(rows);
  while (total(widths, options) > width) {
    size_t widest = widths.size();
    for (const size_t c : shrinkable) {
      if (c < widths.size() && widths[c] > min_cell && (widest == widths.size() || widths[c] > widths[widest])) {
        widest = c;
      }
    }
    if (widest == widths.size()) {
      break;  // nothing may shrink further: the terminal wraps the rest
    }
    --widths[widest];
  }
  for (auto& row : rows) {
    for (const size_t c : shrinkable) {
      if (c < row.size()) {
        row[c] = truncate_runes(row[c], widths[c]);
      }
    }
  }
}

}  // namespace eks
