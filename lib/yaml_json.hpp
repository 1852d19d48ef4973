// Converting YAML to JSON the way sigs.k8s.io/yaml does (YAML 1.1 scalars: unquoted true/false,
// numbers and null become JSON values; quoted scalars stay strings). Used for kubeconfig
// extensions and for plugins that answer in YAML.
#pragma once

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace eks {

// Never throws; an undefined node becomes null.
[[nodiscard]] nlohmann::json yaml_to_json(const YAML::Node& node);

}  // namespace eks
