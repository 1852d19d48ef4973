#include "lib/formats/yaml_doc.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <yaml.h>

#include "lib/formats/yaml_subset.hpp"

namespace eks {

namespace {

constexpr std::string_view k_str_tag = "tag:yaml.org,2002:str";
constexpr std::string_view k_null_tag = "tag:yaml.org,2002:null";

YamlMark mark_of(const yaml_mark_t& m) { return {m.line, m.column}; }

std::string text_of(const yaml_char_t* p) { return p == nullptr ? std::string() : reinterpret_cast<const char*>(p); }

// Reader errors (bad encoding, control characters) carry an offset, not a mark.
YamlMark mark_at_offset(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t nl = before.rfind('\n');
  return {static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
          nl == std::string_view::npos ? offset : offset - nl - 1};
}

struct Parser {
  yaml_parser_t p{};
  Parser() { yaml_parser_initialize(&p); }
  ~Parser() { yaml_parser_delete(&p); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
};

struct Event {
  yaml_event_t e{};
  bool live = false;
  ~Event() { reset(); }
  void reset() {
    if (live) {
      yaml_event_delete(&e);
      live = false;
    }
  }
};

// Builds the tree from libyaml's events without recursion (depth is bounded by limits.max_depth,
// so the recursive destructor and walkers of the result stay within the stack).
class Builder {
 public:
  Builder(std::string_view text, std::string_view source, ErrorKind kind, const YamlLimits& limits,
          YamlFailure* failure)
      : m_text(text), m_source(source), m_kind(kind), m_limits(limits), m_failure(failure) {}

  Result<YamlNode> run() {
    Parser parser;
    yaml_parser_set_input_string(&parser.p, reinterpret_cast<const unsigned char*>(m_text.data()), m_text.size());
    Event ev;
    for (;;) {
      ev.reset();
      if (yaml_parser_parse(&parser.p, &ev.e) == 0) {
        return parser_error(parser.p);
      }
      ev.live = true;
      switch (ev.e.type) {
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
          if (m_root) {
            return std::move(*m_root);
          }
          if (ev.e.type == YAML_STREAM_END_EVENT) {
            return YamlNode{};  // empty text: a null document
          }
          break;
        case YAML_SCALAR_EVENT: {
          YamlNode n;
          n.mark = mark_of(ev.e.start_mark);
          n.value.assign(reinterpret_cast<const char*>(ev.e.data.scalar.value), ev.e.data.scalar.length);
          n.tag = text_of(ev.e.data.scalar.tag);
          n.plain = ev.e.data.scalar.plain_implicit != 0 ||
                    (!n.tag.empty() && n.tag != k_str_tag && n.tag != "!");
          TRY(add(std::move(n), text_of(ev.e.data.scalar.anchor), 1));
          break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
          if (m_stack.size() >= m_limits.max_depth) {
            return error_at(mark_of(ev.e.start_mark),
                            fmt::format("nesting deeper than {} levels", m_limits.max_depth));
          }
          Open open;
          open.node.mark = mark_of(ev.e.start_mark);
          const bool seq = ev.e.type == YAML_SEQUENCE_START_EVENT;
          open.node.kind = seq ? YamlNode::Kind::sequence : YamlNode::Kind::mapping;
          open.node.tag = text_of(seq ? ev.e.data.sequence_start.tag : ev.e.data.mapping_start.tag);
          open.anchor = text_of(seq ? ev.e.data.sequence_start.anchor : ev.e.data.mapping_start.anchor);
          open.first_node = m_nodes;
          const YamlMark at = open.node.mark;
          m_stack.push_back(std::move(open));
          TRY(count(1, at));
          break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
          Open open = std::move(m_stack.back());
          m_stack.pop_back();
          const std::size_t size = m_nodes - open.first_node;
          if (!open.anchor.empty()) {
            m_anchors[open.anchor] = {open.node, size};
          }
          place(std::move(open.node));
          break;
        }
        case YAML_ALIAS_EVENT: {
          const std::string name = text_of(ev.e.data.alias.anchor);
          const bool open_here = std::any_of(m_stack.begin(), m_stack.end(),
                                             [&](const Open& o) { return o.anchor == name; });
          if (open_here) {
            return error_at(mark_of(ev.e.start_mark), fmt::format("anchor '{}' value contains itself", name));
          }
          const auto it = m_anchors.find(name);
          if (it == m_anchors.end()) {
            return error_at(mark_of(ev.e.start_mark), fmt::format("unknown anchor '{}' referenced", name));
          }
          TRY(count(it->second.size, mark_of(ev.e.start_mark)));
          YamlNode copy = it->second.node;
          place(std::move(copy));
          break;
        }
        default:
          break;  // stream/document start, no content
      }
    }
  }

 private:
  struct Open {
    YamlNode node;
    std::string anchor;
    std::size_t first_node = 0;
  };
  struct Anchor {
    YamlNode node;
    std::size_t size = 0;
  };

  Status count(std::size_t n, YamlMark mark) {
    m_nodes += n;
    if (m_nodes > m_limits.max_nodes) {
      return error_at(mark, "document contains excessive aliasing");
    }
    return Ok{};
  }

  Status add(YamlNode n, const std::string& anchor, std::size_t size) {
    if (auto s = count(size, n.mark); !s) {
      return s;
    }
    if (!anchor.empty()) {
      m_anchors[anchor] = {n, size};
    }
    place(std::move(n));
    return Ok{};
  }

  void place(YamlNode n) {
    if (m_stack.empty()) {
      if (!m_root) {
        m_root = std::make_unique<YamlNode>(std::move(n));
      }
      return;
    }
    m_stack.back().node.items.push_back(std::move(n));
  }

  // Errors found while building (aliases, limits) have no marks for go-yaml's text.
  Error error_at(YamlMark mark, std::string_view problem) const {
    if (m_failure != nullptr) {
      m_failure->problem = std::string(problem);
      m_failure->where = mark;
    }
    return make_error(m_kind, fmt::format("{}:{}:{}: {}", m_source, mark.line + 1, mark.column + 1, problem));
  }

  Error parser_error(const yaml_parser_t& p) const {
    const std::string problem = p.problem != nullptr ? p.problem : "unknown problem parsing YAML content";
    const bool reader = p.error == YAML_READER_ERROR;
    const YamlMark where = reader ? mark_at_offset(m_text, p.problem_offset) : mark_of(p.problem_mark);
    if (m_failure != nullptr) {
      *m_failure = {problem, mark_of(p.problem_mark), mark_of(p.context_mark), where,
                    p.error == YAML_SCANNER_ERROR, reader};
    }
    if (reader) {
      return error_at(where, problem);
    }
    if (p.error == YAML_MEMORY_ERROR) {
      return make_error(m_kind, fmt::format("{}: out of memory while parsing YAML", m_source));
    }
    return error_at(mark_of(p.problem_mark), problem);
  }

  std::string_view m_text;
  std::string_view m_source;
  ErrorKind m_kind;
  YamlLimits m_limits;
  YamlFailure* m_failure;
  std::vector<Open> m_stack;
  std::map<std::string, Anchor> m_anchors;
  std::unique_ptr<YamlNode> m_root;
  std::size_t m_nodes = 0;
};

}  // namespace

bool YamlNode::is_null() const {
  if (kind != Kind::scalar) {
    return false;
  }
  if (tag == k_null_tag) {
    return true;
  }
  return plain && (value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL");
}

bool YamlNode::is_scalar() const { return kind == Kind::scalar && !is_null(); }

const YamlNode* YamlNode::get(std::string_view key) const {
  if (kind != Kind::mapping) {
    return nullptr;
  }
  for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
    if (items[i].kind == Kind::scalar && items[i].value == key) {
      return &items[i + 1];
    }
  }
  return nullptr;
}

std::string yaml_difference(const YamlNode& a, const YamlNode& b) {
  if (a.kind != b.kind) {
    return fmt::format("kind: {} vs {}", static_cast<int>(a.kind), static_cast<int>(b.kind));
  }
  if (a.value != b.value) {
    return fmt::format("value: \"{}\" vs \"{}\"", a.value, b.value);
  }
  if (a.plain != b.plain || a.tag != b.tag) {
    return fmt::format("style: plain={} tag=\"{}\" vs plain={} tag=\"{}\"", a.plain, a.tag, b.plain, b.tag);
  }
  if (a.mark.line != b.mark.line || a.mark.column != b.mark.column) {
    return fmt::format("mark: {}:{} vs {}:{}", a.mark.line, a.mark.column, b.mark.line, b.mark.column);
  }
  if (a.items.size() != b.items.size()) {
    return fmt::format("size: {} vs {}", a.items.size(), b.items.size());
  }
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (std::string d = yaml_difference(a.items[i], b.items[i]); !d.empty()) {
      return fmt::format("items[{}].{}", i, d);
    }
  }
  return "";
}

bool yaml_bool(std::string_view text, bool& out) {
  static constexpr std::array<std::string_view, 11> k_true = {"y",  "Y",  "yes", "Yes",  "YES", "on",
                                                              "On", "ON", "true", "True", "TRUE"};
  static constexpr std::array<std::string_view, 11> k_false = {"n",   "N",   "no",    "No",    "NO",   "off",
                                                               "Off", "OFF", "false", "False", "FALSE"};
  if (std::find(k_true.begin(), k_true.end(), text) != k_true.end()) {
    out = true;
    return true;
  }
  if (std::find(k_false.begin(), k_false.end(), text) != k_false.end()) {
    out = false;
    return true;
  }
  return false;
}

std::string go_yaml_error_text(const YamlFailure& failure) {
  // go-yaml v2 decode.go, parser.fail(): the problem mark's 0-based line (scanners have not yet
  // counted the line they stopped on, so theirs is one more), else the context mark's.
  std::size_t line = 0;
  if (failure.problem_mark.line != 0) {
    line = failure.problem_mark.line + (failure.scanner ? 1 : 0);
  } else if (failure.context_mark.line != 0) {
    line = failure.context_mark.line;
  }
  const std::string problem = failure.problem.empty() ? "unknown problem parsing YAML content" : failure.problem;
  return line != 0 ? fmt::format("yaml: line {}: {}", line, problem) : "yaml: " + problem;
}

Result<YamlNode> parse_yaml_libyaml(std::string_view text, std::string_view source, ErrorKind kind,
                                    const YamlLimits& limits, YamlFailure* failure) {
  return Builder(text, source, kind, limits, failure).run();
}

Result<YamlNode> parse_yaml(std::string_view text, std::string_view source, ErrorKind kind,
                            const YamlLimits& limits, YamlFailure* failure) {
  if (auto fast = parse_yaml_subset(text, limits.max_depth)) {
    return std::move(*fast);
  }
  return parse_yaml_libyaml(text, source, kind, limits, failure);
}

}  // namespace eks
