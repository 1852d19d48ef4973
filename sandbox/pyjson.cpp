#include "sandbox/pyjson.hpp"

namespace sandbox {

std::string python_json_dumps(const nlohmann::ordered_json& v) {
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, item] : v.items()) {
      out += (first ? "" : ", ") + nlohmann::ordered_json(k).dump(-1, ' ', true) + ": " + python_json_dumps(item);
      first = false;
    }
    return out + "}";
  }
  if (v.is_array()) {
    std::string out = "[";
    bool first = true;
    for (const auto& item : v) {
      out += (first ? "" : ", ") + python_json_dumps(item);
      first = false;
    }
    return out + "]";
  }
  return v.dump(-1, ' ', true);
}

}  // namespace sandbox
