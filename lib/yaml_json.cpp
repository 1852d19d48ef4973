#include "lib/yaml_json.hpp"

#include <cstdlib>
#include <string>

namespace eks {
namespace {

nlohmann::json scalar_to_json(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (node.Tag() == "!") {
    return s;  // quoted: always a string
  }
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    return nullptr;
  }
  bool b = false;
  if (YAML::convert<bool>::decode(node, b)) {
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

nlohmann::json yaml_to_json(const YAML::Node& node) {
  try {
    if (!node) {
      return nullptr;
    }
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined: return nullptr;
      case YAML::NodeType::Scalar: return scalar_to_json(node);
      case YAML::NodeType::Sequence: {
        nlohmann::json arr = nlohmann::json::array();
        for (const auto& item : node) {
          arr.push_back(yaml_to_json(item));
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        nlohmann::json obj = nlohmann::json::object();
        for (const auto& kv : node) {
          const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : YAML::Dump(kv.first);
          obj[key] = yaml_to_json(kv.second);
        }
        return obj;
      }
    }
  } catch (const YAML::Exception&) {
    return nullptr;
  }
  return nullptr;
}

}  // namespace eks
