#include "lib/formats/yaml_json.hpp"

#include <cstdlib>
#include <string>

namespace eks {
namespace {

nlohmann::json scalar_to_json(const YamlNode& node) {
  const std::string& s = node.value;
  if (node.is_null()) {
    return nullptr;
  }
  if (!node.plain) {
    return s;  // quoted or !!str: always a string
  }
  bool b = false;
  if (yaml_bool(s, b)) {
    return b;
  }
  char* end = nullptr;
  const long long i = std::strtoll(s.c_str(), &end, 10);
  if (end != nullptr && *end == '\0' && s.find_first_not_of("+-0123456789") == std::string::npos) {
    return i;
  }
  const double d = std::strtod(s.c_str(), &end);
  if (end != nullptr && *end == '\0' && s.find_first_not_of("+-0123456789.eE") == std::string::npos) {
    return d;
  }
  return s;
}

}  // namespace

nlohmann::json yaml_to_json(const YamlNode* node) {
  if (node == nullptr) {
    return nullptr;
  }
  switch (node->kind) {
    case YamlNode::Kind::scalar: return scalar_to_json(*node);
    case YamlNode::Kind::sequence: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& item : node->items) {
        arr.push_back(yaml_to_json(&item));
      }
      return arr;
    }
    case YamlNode::Kind::mapping: {
      nlohmann::json obj = nlohmann::json::object();
      for (std::size_t i = 0; i + 1 < node->items.size(); i += 2) {
        const YamlNode& key = node->items[i];
        obj[key.kind == YamlNode::Kind::scalar ? key.value : yaml_to_json(&key).dump()] =
            yaml_to_json(&node->items[i + 1]);
      }
      return obj;
    }
  }
  return nullptr;
}

}  // namespace eks
