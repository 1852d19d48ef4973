// Python's json.dumps(obj) with default separators (", " and ": ", ensure_ascii): the format of
// the AWS CLI's SSO cache files (aws.md 5.2) and of the keys hashed into their names (5.3).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace sandbox {

[[nodiscard]] std::string python_json_dumps(const nlohmann::ordered_json& value);

}  // namespace sandbox
