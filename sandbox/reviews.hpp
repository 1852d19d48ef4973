// SelfSubjectReview (kubectl auth whoami) and SelfSubjectAccessReview (kubectl auth can-i):
// eks.md 4, kube.md 5. kubectl 1.32 POSTs both as protobuf (A01, A04) and accepts JSON answers,
// so requests are read as JSON or as the Kubernetes protobuf envelope; answers are always JSON.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sandbox/authn.hpp"

namespace sandbox {

struct ResourceAttributes {
  std::string namespace_;
  std::string verb;
  std::string group;
  std::string version;
  std::string resource;
  std::string subresource;
  std::string name;
  std::string non_resource_path;  // set for nonResourceAttributes
};

// nullopt: the body is neither a JSON SSAR nor a protobuf one (answer 400).
[[nodiscard]] std::optional<ResourceAttributes> parse_ssar_body(std::string_view body,
                                                                std::string_view content_type);

[[nodiscard]] nlohmann::ordered_json ssar_response(const ResourceAttributes& attrs, bool allowed,
                                                   const std::string& reason);
[[nodiscard]] nlohmann::ordered_json ssr_response(const UserInfo& user);

}  // namespace sandbox
