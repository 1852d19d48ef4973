// `get nodes` output exactly as kubectl 1.32 prints it (docs/spec/kube.md 4.2, 4.5):
// - table / wide: the server's Table: headers upper-cased, priority != 0 columns only with wide,
//   string cells cut at the first \f \n \r with "...", ESC shown as "^[", through the tabwriter;
//   zero rows print nothing (the caller writes "No resources found" to stderr).
// - a NodeList instead of a Table (server ignored as=Table): NAME and AGE only, even with wide;
//   AGE is HumanDuration(now - creationTimestamp) computed here with the injected now.
// - name: "node/<name>" per line.
// - json: {"apiVersion":"v1","items":[...],"kind":"List","metadata":{"resourceVersion":""}},
//   each item with apiVersion v1 and kind Node, Go's json.MarshalIndent (4 spaces, sorted keys).
// - yaml: the same object through sigs.k8s.io/yaml (go-yaml v2 rules).
#pragma once

#include <string>

#include "lib/util/clock.hpp"
#include "lib/kube/client.hpp"
#include "lib/util/result.hpp"

namespace eks {

enum class NodeOutput { table, wide, name, json, yaml };

struct NodePrintOptions {
  NodeOutput output = NodeOutput::table;
  bool no_headers = false;
  TimePoint now{};  // for ages computed client-side (NodeList fallback)
};

struct PrintedNodes {
  std::string out;            // stdout bytes
  bool no_resources = false;  // the caller writes "No resources found" to stderr
};

[[nodiscard]] Result<PrintedNodes> print_nodes(const NodeListResult& list, const NodePrintOptions& options);

// What kubectl still prints on stdout for -o json / -o yaml when the list request failed
// (G10: an empty List); "" for the other outputs.
[[nodiscard]] std::string empty_node_list_output(NodeOutput output);

// A human table cell as kubectl's tableprinter writes it.
[[nodiscard]] std::string format_table_cell(const nlohmann::json& cell);

}  // namespace eks
