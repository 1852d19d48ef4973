#include "lib/formats/tabwriter.hpp"

#include <algorithm>

#include "lib/util/utf8.hpp"

namespace eks {

int rune_count(std::string_view text) {
  int count = 0;
  for (size_t i = 0; i < text.size(); ++count) {
    char32_t cp = 0;
    const size_t len = decode_utf8(text, i, cp);
    i += len == 0 ? 1 : len;  // an invalid byte counts as one rune (RuneError), as in Go
  }
  return count;
}

std::string Tabwriter::flush() {
  std::vector<Line> lines;
  const std::string_view text = m_buffer;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) {
      end = text.size();
    }
    Line line;
    const std::string_view row = text.substr(start, end - start);
    size_t cell_start = 0;
    while (true) {
      const size_t tab = row.find('\t', cell_start);
      const std::string_view cell =
          row.substr(cell_start, tab == std::string_view::npos ? std::string_view::npos : tab - cell_start);
      line.push_back(Cell{cell, rune_count(cell)});
      if (tab == std::string_view::npos) {
        break;
      }
      cell_start = tab + 1;
    }
    lines.push_back(std::move(line));
    if (last) {
      break;
    }
    start = end + 1;
  }
  std::string out;
  out.reserve(m_buffer.size() * 2);
  m_widths.clear();
  format(out, lines, 0, lines.size());
  m_buffer.clear();
  return out;
}

// Go text/tabwriter Writer.format: recursive over columns, a block per run of lines that have a
// cell in the current column.
void Tabwriter::format(std::string& out, const std::vector<Line>& lines, size_t line0, size_t line1) {
  const size_t column = m_widths.size();
  for (size_t current = line0; current < line1; ++current) {
    if (column + 1 >= lines[current].size()) {
      continue;
    }
    // This line has a cell in this column: write the lines before the block.
    write_lines(out, lines, line0, current);
    line0 = current;

    int width = m_options.min_width;
    for (; current < line1; ++current) {
      if (column + 1 >= lines[current].size()) {
        break;
      }
      width = std::max(width, lines[current][column].width + m_options.padding);
    }
    if (m_options.remember_widths) {
      if (m_max_widths.size() < m_widths.size()) {
        m_max_widths.insert(m_max_widths.end(), m_widths.begin() + static_cast<long>(m_max_widths.size()),
                            m_widths.end());
      }
      if (m_max_widths.size() == m_widths.size()) {
        m_max_widths.push_back(width);
      } else if (m_max_widths[column] > width) {
        width = m_max_widths[column];
      } else {
        m_max_widths[column] = width;
      }
    }
    m_widths.push_back(width);
    format(out, lines, line0, current);
    m_widths.pop_back();
    // As in Go, the loop's increment skips `current`: it has no cell in this column.
    line0 = current;
  }
  write_lines(out, lines, line0, line1);
}

void Tabwriter::write_lines(std::string& out, const std::vector<Line>& lines, size_t line0,
                            size_t line1) const {
  for (size_t i = line0; i < line1; ++i) {
    const Line& line = lines[i];
    for (size_t j = 0; j < line.size(); ++j) {
      const Cell& cell = line[j];
      out.append(cell.text);
      if (j < m_widths.size() && j + 1 < line.size()) {
        out.append(static_cast<size_t>(std::max(0, m_widths[j] - cell.width)), m_options.pad_char);
      }
    }
    if (i + 1 < lines.size()) {
      out.push_back('\n');
    }
  }
}

std::string tabwrite(std::string_view text, TabwriterOptions options) {
  Tabwriter writer(options);
  writer.write(text);
  return writer.flush();
}

}  // namespace eks
