// Server-side printing of nodes (kube-apiserver pkg/printers/internalversion printNode) and label
// selectors: kube.md 4.2-4.3.
#include <algorithm>
#include <set>

#include "lib/util/timefmt.hpp"
#include "sandbox/nodes.hpp"

namespace sandbox {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

std::string str_at(const ordered_json& j, std::initializer_list<const char*> path) {
  const ordered_json* cur = &j;
  for (const char* key : path) {
    if (!cur->is_object() || !cur->contains(key)) {
      return "";
    }
    cur = &(*cur)[key];
  }
  return cur->is_string() ? cur->get<std::string>() : "";
}

std::string first_address(const ordered_json& node, std::string_view type) {
  const auto& status = node.value("status", ordered_json::object());
  for (const auto& a : status.value("addresses", ordered_json::array())) {
    if (a.value("type", "") == type) {
      return a.value("address", "");
    }
  }
  return "<none>";
}

std::string or_unknown(std::string s) { return s.empty() ? "<unknown>" : s; }

ordered_json column(const char* name, const char* format, const char* description, int priority) {
  return {{"name", name}, {"type", "string"}, {"format", format}, {"description", description}, {"priority", priority}};
}

ordered_json column_definitions() {
  return ordered_json::array(
      {column("Name", "name",
              "Name must be unique within a namespace. Is required when creating resources, although some "
              "resources may allow a client to request the generation of an appropriate name automatically. "
              "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
              "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
              0),
       column("Status", "", "The status of the node", 0), column("Roles", "", "The roles of the node", 0),
       column("Age", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0),
       column("Version", "", "Kubelet Version reported by the node.", 0),
       column("Internal-IP", "", "List of addresses reachable to the node.", 1),
       column("External-IP", "", "List of addresses reachable to the node.", 1),
       column("OS-Image", "", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).", 1),
       column("Kernel-Version", "", "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
       column("Container-Runtime", "",
              "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).", 1)});
}

}  // namespace

std::vector<std::string> node_cells(const ordered_json& node, eks::TimePoint now) {
  std::vector<std::string> status;
  const auto& st = node.value("status", ordered_json::object());
  for (const auto& c : st.value("conditions", ordered_json::array())) {
    if (c.value("type", "") == "Ready") {
      status = {c.value("status", "") == "True" ? "Ready" : "NotReady"};
    }
  }
  if (status.empty()) {
    status.emplace_back("Unknown");
  }
  const auto& spec = node.value("spec", ordered_json::object());
  if (spec.value("unschedulable", false)) {
    status.emplace_back("SchedulingDisabled");
  }
  std::string status_cell;
  for (const auto& s : status) {
    status_cell += (status_cell.empty() ? "" : ",") + s;
  }

  std::set<std::string> roles;
  const auto& meta = node.value("metadata", ordered_json::object());
  const ordered_json node_labels = meta.value("labels", ordered_json::object());
  for (const auto& [k, v] : node_labels.items()) {
    constexpr std::string_view k_prefix = "node-role.kubernetes.io/";
    if (k.rfind(k_prefix, 0) == 0 && k.size() > k_prefix.size()) {
      roles.insert(k.substr(k_prefix.size()));
    } else if (k == "kubernetes.io/role" && v.is_string() && !v.get<std::string>().empty()) {
      roles.insert(v.get<std::string>());
    }
  }
  std::string roles_cell;
  for (const auto& r : roles) {
    roles_cell += (roles_cell.empty() ? "" : ",") + r;
  }

  std::string age = "<unknown>";
  if (const auto created = eks::parse_rfc3339(str_at(node, {"metadata", "creationTimestamp"}))) {
    age = eks::human_duration(now - *created);
  }
  return {str_at(node, {"metadata", "name"}),
          status_cell,
          roles_cell.empty() ? "<none>" : roles_cell,
          age,
          str_at(node, {"status", "nodeInfo", "kubeletVersion"}),
          first_address(node, "InternalIP"),
          first_address(node, "ExternalIP"),
          or_unknown(str_at(node, {"status", "nodeInfo", "osImage"})),
          or_unknown(str_at(node, {"status", "nodeInfo", "kernelVersion"})),
          or_unknown(str_at(node, {"status", "nodeInfo", "containerRuntimeVersion"}))};
}

ordered_json node_table(const std::vector<ordered_json>& nodes, const ordered_json& list_metadata,
                        eks::TimePoint now, IncludeObject include) {
  ordered_json rows = ordered_json::array();
  for (const auto& n : nodes) {
    ordered_json row = {{"cells", node_cells(n, now)}};
    if (include == IncludeObject::metadata) {
      row["object"] = {{"kind", "PartialObjectMetadata"},
                       {"apiVersion", "meta.k8s.io/v1"},
                       {"metadata", n.value("metadata", ordered_json::object())}};
    } else if (include == IncludeObject::object) {
      ordered_json full = {{"kind", "Node"}, {"apiVersion", "v1"}};
      for (const auto& [k, v] : n.items()) {
        full[k] = v;
      }
      row["object"] = full;
    }
    rows.push_back(row);
  }
  return {{"kind", "Table"},
          {"apiVersion", "meta.k8s.io/v1"},
          {"metadata", list_metadata},
          {"columnDefinitions", column_definitions()},
          {"rows", rows}};
}

eks::Result<std::vector<LabelRequirement>> parse_label_selector(std::string_view text) {
  std::vector<LabelRequirement> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    std::string part(text.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos));
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) {
      LabelRequirement req;
      if (const auto ne = part.find("!="); ne != std::string::npos) {
        req = {part.substr(0, ne), LabelRequirement::Op::not_equals, part.substr(ne + 2)};
      } else if (const auto eq2 = part.find("=="); eq2 != std::string::npos) {
        req = {part.substr(0, eq2), LabelRequirement::Op::equals, part.substr(eq2 + 2)};
      } else if (const auto eq = part.find('='); eq != std::string::npos) {
        req = {part.substr(0, eq), LabelRequirement::Op::equals, part.substr(eq + 1)};
      } else if (part[0] == '!') {
        req = {part.substr(1), LabelRequirement::Op::not_exists, ""};
      } else {
        req = {part, LabelRequirement::Op::exists, ""};
      }
      const auto bad = [](char c) { return c == ' ' || c == '(' || c == ')' || c == '!' || c == '='; };
      if (req.key.empty() || std::any_of(req.key.begin(), req.key.end(), bad) ||
          std::any_of(req.value.begin(), req.value.end(), bad)) {
        return eks::make_error(eks::ErrorKind::usage,
                               "unable to parse requirement: found '" + part + "', expected: identifier");
      }
      out.push_back(req);
    }
    if (comma == std::string_view::npos) {
      break;
    }
    pos = comma + 1;
  }
  return out;
}

bool selector_matches(const std::vector<LabelRequirement>& reqs, const ordered_json& node) {
  const auto& labels = node.value("metadata", ordered_json::object()).value("labels", ordered_json::object());
  for (const auto& r : reqs) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    const std::string value = has && it->is_string() ? it->get<std::string>() : "";
    switch (r.op) {
      case LabelRequirement::Op::equals:
        if (!has || value != r.value) {
          return false;
        }
        break;
      case LabelRequirement::Op::not_equals:
        if (has && value == r.value) {
          return false;
        }
        break;
      case LabelRequirement::Op::exists:
        if (!has) {
          return false;
        }
        break;
      case LabelRequirement::Op::not_exists:
        if (has) {
          return false;
        }
        break;
    }
  }
  return true;
}

}  // namespace sandbox
