// Converting YAML to JSON the way sigs.k8s.io/yaml does (YAML 1.1 scalars: unquoted true/false,
// numbers and null become JSON values; quoted scalars stay strings). Used for kubeconfig
// extensions.
#pragma once

#include <nlohmann/json.hpp>

#include "lib/formats/yaml_doc.hpp"

namespace eks {

// Never throws; a missing node (nullptr) becomes null.
[[nodiscard]] nlohmann::json yaml_to_json(const YamlNode* node);

}  // namespace eks
