// Nodes as EKS serves them. State keeps node *specs* (short, test-friendly); the server expands
// each into a full v1 Node at request time.
//
// Node spec (one JSON object per node; every key but "name" optional):
//   name               "ip-10-0-1-5.ec2.internal"
//   ageSeconds         age at request time (creationTimestamp = now - ageSeconds), default 86400
//   creationTimestamp  RFC 3339, used instead of ageSeconds
//   ready              "True" | "False" | "Unknown" | null (no Ready condition), default "True"
//   unschedulable      bool
//   roles              ["worker", ...] -> labels node-role.kubernetes.io/<role>: ""
//   labels             merged over the EKS default labels ("defaultLabels": false to start empty)
//   internalIP/externalIP, or addresses: [{"type","address"}] (replaces the defaults)
//   nodeInfo           merged over the default nodeInfo ("" values make OS/kernel/runtime <unknown>)
//   kubeletVersion     shortcut for nodeInfo.kubeletVersion/kubeProxyVersion
// A spec that has "metadata" is taken as a complete Node object and served unchanged.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lib/util/clock.hpp"
#include "lib/util/result.hpp"

namespace sandbox {

[[nodiscard]] nlohmann::ordered_json build_node(const nlohmann::json& spec, eks::TimePoint now,
                                                std::string_view region);

// Node sets for `init --scenario NAME`: default, empty, varied, many.
[[nodiscard]] eks::Result<nlohmann::json> scenario_nodes(std::string_view name);
[[nodiscard]] std::vector<std::string> scenario_names();

// Reads `--nodes FILE`: a JSON array of specs (or {"items": [...]} / a NodeList).
[[nodiscard]] eks::Result<nlohmann::json> load_node_specs(const std::string& file);

// kube-apiserver printNode (kube.md 4.3): the ten cells of a node's Table row.
[[nodiscard]] std::vector<std::string> node_cells(const nlohmann::ordered_json& node, eks::TimePoint now);

enum class IncludeObject { none, metadata, object };

// A meta.k8s.io/v1 Table of nodes, columns exactly as nodes-table.fake.json.
[[nodiscard]] nlohmann::ordered_json node_table(const std::vector<nlohmann::ordered_json>& nodes,
                                                const nlohmann::ordered_json& list_metadata,
                                                eks::TimePoint now, IncludeObject include);

// Label selectors: "k=v", "k==v", "k!=v", "k", "!k", joined by ',' (AND).
struct LabelRequirement {
  enum class Op { equals, not_equals, exists, not_exists };
  std::string key;
  Op op = Op::exists;
  std::string value;
};
[[nodiscard]] eks::Result<std::vector<LabelRequirement>> parse_label_selector(std::string_view text);
[[nodiscard]] bool selector_matches(const std::vector<LabelRequirement>& reqs,
                                    const nlohmann::ordered_json& node);

}  // namespace sandbox
