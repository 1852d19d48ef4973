// Legacy (non-aggregated) discovery documents and /version. kubectl 1.32 asks for aggregated
// discovery first and falls back to these when the answer is a plain APIVersions/APIGroupList
// (transcript E01: /api, /apis, /api/v1, /apis/<group>/v1).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sandbox {

// The document served at `path`, or nullopt when the path is not a discovery path.
[[nodiscard]] std::optional<nlohmann::ordered_json> discovery_document(std::string_view path);

// EKS style: minor "32+", gitVersion "v1.32.5-eks-5e0fdde" (eks.md 7.3).
[[nodiscard]] nlohmann::ordered_json version_document(const std::string& git_version);

}  // namespace sandbox
