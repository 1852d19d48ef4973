// A YAML document as a small tree, read with libyaml: the C library that go-yaml (and so kubectl's
// kubeconfig loader) is a port of, so the accepted syntax, the YAML 1.1 scalars and the problem
// texts ("did not find expected key") are kubectl's. It is also about nine times faster than
// yaml-cpp's scanner, which dominated `contexts` on large kubeconfigs (docs/benchmarks.md).
// Pure: parses a string, no I/O.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lib/util/result.hpp"

namespace eks {

struct YamlMark {
  std::size_t line = 0;    // 0-based
  std::size_t column = 0;  // 0-based
};

struct YamlNode {
  enum class Kind { scalar, sequence, mapping };
  Kind kind = Kind::scalar;
  std::string value;  // the scalar's text (empty for collections)
  // A plain scalar without an explicit tag: YAML 1.1 resolution applies (null, bool, numbers).
  // Quoted, block and explicitly tagged scalars are strings (except an explicit non-str tag).
  bool plain = true;
  std::string tag;              // the explicit tag, resolved ("tag:yaml.org,2002:str"), else ""
  std::vector<YamlNode> items;  // a sequence's items; a mapping's keys and values, alternating
  YamlMark mark;                // where the node starts

  [[nodiscard]] bool is_null() const;    // a plain "", "~", "null", "Null", "NULL" or !!null
  [[nodiscard]] bool is_scalar() const;  // a scalar that is not null
  [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
  [[nodiscard]] bool is_mapping() const { return kind == Kind::mapping; }
  // The value of the first entry whose key is the scalar `key`, or nullptr (mappings only).
  [[nodiscard]] const YamlNode* get(std::string_view key) const;
};

// The first difference between two trees ("" when equal in kind, value, style, tag and position),
// e.g. "items[2].value: \"a\" vs \"b\"". Used to check the fast reader against libyaml.
[[nodiscard]] std::string yaml_difference(const YamlNode& a, const YamlNode& b);

// YAML 1.1 booleans as go-yaml v2 resolves them (y/yes/on/true and n/no/off/false, in the three
// cases); nullopt-like false return when `text` is not one.
[[nodiscard]] bool yaml_bool(std::string_view text, bool& out);

struct YamlLimits {
  std::size_t max_depth = 1000;        // nesting of collections
  std::size_t max_nodes = 4'000'000;   // after alias expansion (guards "billion laughs")
};

// The parts of a libyaml failure, for callers that must word it as another program does.
struct YamlFailure {
  std::string problem;
  YamlMark problem_mark;
  YamlMark context_mark;
  YamlMark where;         // where to point a person: the problem mark, or a reader error's offset
  bool scanner = false;   // a scanner (token) error, not a parser (structure) error
  bool reader = false;    // bad bytes (control characters, invalid UTF-8), before any token
};

// go-yaml v2's text for the same failure (its parser.fail(), which sigs.k8s.io/yaml and so
// client-go's decoders print): "yaml: line N: problem", N as go-yaml counts it.
[[nodiscard]] std::string go_yaml_error_text(const YamlFailure& failure);

// Parses the first document of `text` (an empty text or an empty document is a null scalar).
// Errors have `kind` and the message "<source>:<line>:<col>: <problem>" (1-based positions).
// Tries the fast reader of lib/formats/yaml_subset.hpp first and falls back to libyaml.
// On failure, `failure` (when given) receives the problem and its marks.
[[nodiscard]] Result<YamlNode> parse_yaml(std::string_view text, std::string_view source, ErrorKind kind,
                                          const YamlLimits& limits = {}, YamlFailure* failure = nullptr);

// The same with libyaml alone (the reference the fast reader is checked against).
[[nodiscard]] Result<YamlNode> parse_yaml_libyaml(std::string_view text, std::string_view source, ErrorKind kind,
                                                  const YamlLimits& limits = {}, YamlFailure* failure = nullptr);

}  // namespace eks
