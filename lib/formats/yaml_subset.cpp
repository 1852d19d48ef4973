#include "lib/formats/yaml_subset.hpp"

#include <cstring>

namespace eks {

namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Characters a plain scalar may start with here (YAML allows more; the rest go to libyaml).
bool plain_start(char c) { return is_alnum(c) || (c != '\0' && std::strchr("_./~$(+=^;\\", c) != nullptr); }

bool flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// Reads the subset line by line. Every parse function leaves the reader on the next line with
// content (or at the end) and returns nullopt to give up.
class SubsetReader {
 public:
  SubsetReader(std::string_view text, std::size_t max_depth) : m_t(text), m_max_depth(max_depth) {}

  std::optional<YamlNode> run() {
    for (const char c : m_t) {
      if ((c < 0x20 && c != '\n') || c > 0x7e) {
        return std::nullopt;  // tabs, CR, control bytes, non-ASCII: libyaml's job
      }
    }
    load_line(0);
    skip_blank();
    if (m_eof) {
      return std::nullopt;  // an empty document
    }
    if (at_marker("---")) {
      if (!rest_is_blank(m_line_start + 3)) {
        return std::nullopt;
      }
      next_line();
      skip_blank();
      if (m_eof) {
        return std::nullopt;
      }
    }
    if (m_indent != 0 || dash_item()) {
      return std::nullopt;
    }
    auto root = block_mapping(0, m_line_start);
    if (!root || !m_eof) {
      return std::nullopt;
    }
    return root;
  }

 private:
  // --- lines -------------------------------------------------------------------------------------
  void load_line(std::size_t start) {
    m_line_start = start;
    const std::size_t nl = m_t.find('\n', start);
    m_line_end = nl == std::string_view::npos ? m_t.size() : nl;
    m_indent = 0;
    while (start + m_indent < m_line_end && m_t[start + m_indent] == ' ') {
      ++m_indent;
    }
  }

  void next_line() {
    if (m_line_end >= m_t.size()) {
      m_eof = true;
      return;
    }
    ++m_line;
    load_line(m_line_end + 1);
    if (m_line_start >= m_t.size()) {
      m_eof = true;
    }
  }

  bool blank_line() const {
    const std::size_t p = m_line_start + m_indent;
    return p == m_line_end || m_t[p] == '#';
  }

  void skip_blank() {
    while (!m_eof && blank_line()) {
      next_line();
    }
  }

  // "---" or "..." at column 0 followed by a space or the end of the line.
  bool at_marker(const char* marker) const {
    const std::string_view line = m_t.substr(m_line_start, m_line_end - m_line_start);
    return line.substr(0, 3) == marker && (line.size() == 3 || line[3] == ' ');
  }

  // Only spaces, then optionally a comment that follows a space, up to the end of the line.
  bool rest_is_blank(std::size_t p) const {
    const std::size_t start = p;
    while (p < m_line_end && m_t[p] == ' ') {
      ++p;
    }
    return p == m_line_end || (m_t[p] == '#' && p > start);
  }

  bool dash_item() const {
    const std::size_t p = m_line_start + m_indent;
    return p < m_line_end && m_t[p] == '-' && (p + 1 == m_line_end || m_t[p + 1] == ' ');
  }

  YamlMark mark(std::size_t offset) const { return {m_line, offset - m_line_start}; }

  bool deeper() { return ++m_depth <= m_max_depth; }

  // --- scalars -----------------------------------------------------------------------------------
  bool plain_starts_at(std::size_t p, std::size_t end) const {
    if (p >= end) {
      return false;
    }
    if (m_t[p] == '-') {
      return p + 1 < end && (plain_start(m_t[p + 1]) || m_t[p + 1] == '-');
    }
    return plain_start(m_t[p]);
  }

  // The ':' that ends a block mapping key starting at p (followed by a space or the end of the
  // line), or npos when the line holds no such key.
  std::size_t key_colon(std::size_t p) const {
    if (!plain_starts_at(p, m_line_end) || is_marker_at(p)) {
      return std::string_view::npos;
    }
    for (std::size_t i = p; i < m_line_end; ++i) {
      const char c = m_t[i];
      if (c == ':' && (i + 1 == m_line_end || m_t[i + 1] == ' ')) {
        return i - p > 1000 ? std::string_view::npos : i;  // libyaml's simple keys stop at 1024
      }
      if (c == '#' && m_t[i - 1] == ' ') {
        return std::string_view::npos;
      }
    }
    return std::string_view::npos;
  }

  // A document marker at column 0 is never a key.
  bool is_marker_at(std::size_t p) const {
    return p == m_line_start && (at_marker("---") || at_marker("..."));
  }

  static std::size_t trim_end(std::string_view t, std::size_t from, std::size_t to) {
    while (to > from && t[to - 1] == ' ') {
      --to;
    }
    return to;
  }

  YamlNode scalar(std::size_t from, std::size_t to, bool plain) const {
    YamlNode n;
    n.mark = mark(from);
    n.value.assign(m_t.data() + from, to - from);
    n.plain = plain;
    return n;
  }

  // 'single' or "double" quoted on one line, no escapes; p is the quote. Moves p past it.
  std::optional<YamlNode> quoted(std::size_t& p) const {
    const char q = m_t[p];
    YamlNode n;
    n.mark = mark(p);
    n.plain = false;
    std::size_t i = p + 1;
    for (;;) {
      if (i >= m_line_end) {
        return std::nullopt;  // continues on the next line
      }
      const char c = m_t[i];
      if (q == '"' && c == '\\') {
        return std::nullopt;
      }
      if (c == q) {
        if (q == '\'' && i + 1 < m_line_end && m_t[i + 1] == '\'') {
          n.value += '\'';
          i += 2;
          continue;
        }
        break;
      }
      n.value += c;
      ++i;
    }
    p = i + 1;
    return n;
  }

  // A plain scalar in block context that fills the rest of the line (a comment may follow).
  std::optional<YamlNode> block_plain(std::size_t p) const {
    if (!plain_starts_at(p, m_line_end)) {
      return std::nullopt;
    }
    std::size_t end = m_line_end;
    for (std::size_t i = p; i < m_line_end; ++i) {
      const char c = m_t[i];
      if (c == ':' && (i + 1 == m_line_end || m_t[i + 1] == ' ')) {
        return std::nullopt;  // a key where a value belongs
      }
      if (c == '#' && m_t[i - 1] == ' ') {
        end = i;
        break;
      }
    }
    return scalar(p, trim_end(m_t, p, end), true);
  }

  // A plain scalar inside a flow collection; stops before ",[]{}" or ": ". Moves p past it.
  std::optional<YamlNode> flow_plain(std::size_t& p) const {
    if (!plain_starts_at(p, m_line_end)) {
      return std::nullopt;
    }
    std::size_t i = p;
    for (; i < m_line_end; ++i) {
      const char c = m_t[i];
      if (flow_indicator(c)) {
        break;
      }
      if (c == ':') {
        if (i + 1 < m_line_end && m_t[i + 1] == ' ') {
          break;
        }
        return std::nullopt;
      }
      if (c == '#' && m_t[i - 1] == ' ') {
        return std::nullopt;
      }
    }
    YamlNode n = scalar(p, trim_end(m_t, p, i), true);
    p = i;
    return n;
  }

  // --- flow collections on one line --------------------------------------------------------------
  void skip_spaces(std::size_t& p) const {
    while (p < m_line_end && m_t[p] == ' ') {
      ++p;
    }
  }

  std::optional<YamlNode> flow_node(std::size_t& p) {
    if (p >= m_line_end) {
      return std::nullopt;
    }
    const char c = m_t[p];
    if (c == '[' || c == '{') {
      return flow_collection(p);
    }
    if (c == '\'' || c == '"') {
      return quoted(p);
    }
    return flow_plain(p);
  }

  std::optional<YamlNode> flow_collection(std::size_t& p) {
    if (!deeper()) {
      return std::nullopt;
    }
    const bool seq = m_t[p] == '[';
    const char close = seq ? ']' : '}';
    YamlNode n;
    n.kind = seq ? YamlNode::Kind::sequence : YamlNode::Kind::mapping;
    n.mark = mark(p);
    ++p;
    skip_spaces(p);
    if (p < m_line_end && m_t[p] == close) {
      ++p;
      --m_depth;
      return n;
    }
    for (;;) {
      if (!seq) {
        if (p >= m_line_end || m_t[p] == '\'' || m_t[p] == '"' || m_t[p] == '[' || m_t[p] == '{') {
          return std::nullopt;  // only plain keys here
        }
        auto key = flow_plain(p);
        if (!key || p + 1 >= m_line_end || m_t[p] != ':' || m_t[p + 1] != ' ') {
          return std::nullopt;
        }
        p += 2;
        skip_spaces(p);
        n.items.push_back(std::move(*key));
      }
      auto item = flow_node(p);
      if (!item) {
        return std::nullopt;
      }
      n.items.push_back(std::move(*item));
      skip_spaces(p);
      if (p >= m_line_end) {
        return std::nullopt;
      }
      if (m_t[p] == close) {
        ++p;
        --m_depth;
        return n;
      }
      if (m_t[p] != ',') {
        return std::nullopt;  // includes "key: value" pairs inside a sequence
      }
      ++p;
      skip_spaces(p);
      if (p >= m_line_end || m_t[p] == close) {
        return std::nullopt;
      }
    }
  }

  // A value that starts at p on the current line and ends it; then moves to the next content line,
  // which must not be indented past the collection (`indent`) the value belongs to.
  std::optional<YamlNode> inline_value(std::size_t p, std::size_t indent) {
    std::optional<YamlNode> n;
    const char c = m_t[p];
    if (c == '[' || c == '{') {
      n = flow_collection(p);
    } else if (c == '\'' || c == '"') {
      n = quoted(p);
    } else {
      n = block_plain(p);
      p = m_line_end;
    }
    if (!n || !rest_is_blank(p)) {
      return std::nullopt;
    }
    next_line();
    skip_blank();
    if (!m_eof && m_indent > indent) {
      return std::nullopt;  // a continuation line (multi-line scalar) or an error
    }
    return n;
  }

  // --- block collections -------------------------------------------------------------------------
  std::optional<YamlNode> block_node(std::size_t indent) {
    if (dash_item()) {
      return block_sequence(indent, false);
    }
    return block_mapping(indent, m_line_start + indent);
  }

  // The value after "key:" or "-" when nothing follows on the line; an empty one takes libyaml's
  // position, just after the ':' or '-' (`indicator_end`).
  std::optional<YamlNode> value_below(std::size_t indent, bool allow_indentless, YamlMark indicator_end) {
    next_line();
    skip_blank();
    if (!m_eof && m_indent > indent) {
      return block_node(m_indent);
    }
    if (allow_indentless && !m_eof && m_indent == indent && dash_item()) {
      return block_sequence(indent, true);
    }
    YamlNode empty;
    empty.mark = indicator_end;
    return empty;
  }

  std::optional<YamlNode> block_mapping(std::size_t indent, std::size_t key_pos) {
    if (!deeper()) {
      return std::nullopt;
    }
    YamlNode map;
    map.kind = YamlNode::Kind::mapping;
    map.items.reserve(8);  // most kubeconfig mappings have one to four entries
    map.mark = mark(key_pos);
    for (;;) {
      const std::size_t colon = key_colon(key_pos);
      if (colon == std::string_view::npos) {
        return std::nullopt;
      }
      map.items.push_back(scalar(key_pos, trim_end(m_t, key_pos, colon), true));
      std::size_t p = colon + 1;
      skip_spaces(p);
      std::optional<YamlNode> value;
      if (p == m_line_end || m_t[p] == '#') {
        value = value_below(indent, true, mark(colon + 1));
      } else {
        value = inline_value(p, indent);
      }
      if (!value) {
        return std::nullopt;
      }
      map.items.push_back(std::move(*value));
      if (m_eof || m_indent < indent) {
        --m_depth;
        return map;
      }
      if (m_indent > indent || dash_item()) {
        return std::nullopt;
      }
      key_pos = m_line_start + m_indent;
    }
  }

  std::optional<YamlNode> block_sequence(std::size_t indent, bool indentless) {
    if (!deeper()) {
      return std::nullopt;
    }
    YamlNode seq;
    seq.kind = YamlNode::Kind::sequence;
    seq.mark = mark(m_line_start + indent);
    for (;;) {
      std::size_t p = m_line_start + indent + 1;
      skip_spaces(p);
      std::optional<YamlNode> item;
      if (p == m_line_end || m_t[p] == '#') {
        item = value_below(indent, false, mark(m_line_start + indent + 1));
      } else if (m_t[p] == '-' && (p + 1 == m_line_end || m_t[p + 1] == ' ')) {
        return std::nullopt;  // "- - x"
      } else if (key_colon(p) != std::string_view::npos) {
        item = block_mapping(p - m_line_start, p);
      } else {
        item = inline_value(p, indent);
      }
      if (!item) {
        return std::nullopt;
      }
      seq.items.push_back(std::move(*item));
      if (m_eof || m_indent < indent) {
        --m_depth;
        return seq;
      }
      if (m_indent > indent) {
        return std::nullopt;
      }
      if (!dash_item()) {
        if (!indentless) {
          return std::nullopt;
        }
        --m_depth;
        return seq;
      }
    }
  }

  std::string_view m_t;
  std::size_t m_max_depth;
  std::size_t m_depth = 0;
  std::size_t m_line = 0;
  std::size_t m_line_start = 0;
  std::size_t m_line_end = 0;
  std::size_t m_indent = 0;
  bool m_eof = false;
};

}  // namespace

std::optional<YamlNode> parse_yaml_subset(std::string_view text, std::size_t max_depth) {
  return SubsetReader(text, max_depth).run();
}

}  // namespace eks
