// A fast reader for the plain subset of YAML that kubectl and `aws eks update-kubeconfig` write:
// block mappings and sequences indented with spaces, single-line plain and quoted scalars,
// single-line flow collections, comments. On anything else (anchors, tags, block scalars,
// multi-line scalars, escapes, tabs, non-ASCII bytes, any error) it gives up and returns nullopt,
// and the caller parses the text with libyaml, which also produces the error message.
//
// When it does return a tree, that tree is the one libyaml builds (same values, styles and
// positions): fuzz/fuzz_yaml_subset.cpp checks this on every input it accepts. It exists for
// speed: about ten times fewer instructions than libyaml on a 2,000-context kubeconfig.
// Pure: no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "lib/formats/yaml_doc.hpp"

namespace eks {

[[nodiscard]] std::optional<YamlNode> parse_yaml_subset(std::string_view text, std::size_t max_depth);

}  // namespace eks
