#include "sandbox/discovery.hpp"

namespace sandbox {
namespace {

using nlohmann::ordered_json;

ordered_json resource(const char* name, const char* singular, bool namespaced, const char* kind,
                      ordered_json verbs, ordered_json short_names = nullptr) {
  ordered_json r = {{"name", name}, {"singularName", singular}, {"namespaced", namespaced},
                    {"kind", kind}, {"verbs", std::move(verbs)}};
  if (!short_names.is_null()) {
    r["shortNames"] = std::move(short_names);
  }
  return r;
}

ordered_json group(const char* name) {
  const std::string gv = std::string(name) + "/v1";
  return {{"name", name},
          {"versions", ordered_json::array({{{"groupVersion", gv}, {"version", "v1"}}})},
          {"preferredVersion", {{"groupVersion", gv}, {"version", "v1"}}}};
}

}  // namespace

std::optional<ordered_json> discovery_document(std::string_view path) {
  if (path == "/api") {
    return ordered_json{{"kind", "APIVersions"},
                        {"versions", {"v1"}},
                        {"serverAddressByClientCIDRs",
                         ordered_json::array({{{"clientCIDR", "0.0.0.0/0"},
                                               {"serverAddress", "ip-172-16-51-92.ec2.internal:443"}}})}};
  }
  if (path == "/apis") {
    return ordered_json{{"kind", "APIGroupList"},
                        {"apiVersion", "v1"},
                        {"groups", ordered_json::array({group("authentication.k8s.io"),
                                                        group("authorization.k8s.io")})}};
  }
  const ordered_json crud = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
  if (path == "/api/v1") {
    return ordered_json{
        {"kind", "APIResourceList"},
        {"groupVersion", "v1"},
        {"resources",
         ordered_json::array({resource("namespaces", "namespace", false, "Namespace",
                                       {"create", "delete", "get", "list", "patch", "update", "watch"}, {"ns"}),
                              resource("nodes", "node", false, "Node", crud, {"no"}),
                              resource("nodes/proxy", "", false, "NodeProxyOptions",
                                       {"create", "delete", "get", "patch", "update"}),
                              resource("nodes/status", "", false, "Node", {"get", "patch", "update"})})}};
  }
  if (path == "/apis/authentication.k8s.io/v1") {
    return ordered_json{{"kind", "APIResourceList"},
                        {"apiVersion", "v1"},
                        {"groupVersion", "authentication.k8s.io/v1"},
                        {"resources", ordered_json::array({resource("selfsubjectreviews", "selfsubjectreview",
                                                                    false, "SelfSubjectReview", {"create"}),
                                                           resource("tokenreviews", "tokenreview", false,
                                                                    "TokenReview", {"create"})})}};
  }
  if (path == "/apis/authorization.k8s.io/v1") {
    return ordered_json{
        {"kind", "APIResourceList"},
        {"apiVersion", "v1"},
        {"groupVersion", "authorization.k8s.io/v1"},
        {"resources",
         ordered_json::array({resource("localsubjectaccessreviews", "localsubjectaccessreview", true,
                                       "LocalSubjectAccessReview", {"create"}),
                              resource("selfsubjectaccessreviews", "selfsubjectaccessreview", false,
                                       "SelfSubjectAccessReview", {"create"}),
                              resource("selfsubjectrulesreviews", "selfsubjectrulesreview", false,
                                       "SelfSubjectRulesReview", {"create"}),
                              resource("subjectaccessreviews", "subjectaccessreview", false,
                                       "SubjectAccessReview", {"create"})})}};
  }
  return std::nullopt;
}

ordered_json version_document(const std::string& git_version) {
  // "v1.32.5-eks-5e0fdde" -> major "1", minor "32+".
  std::string major = "1";
  std::string minor = "0";
  const auto dot1 = git_version.find('.');
  const auto dot2 = dot1 == std::string::npos ? std::string::npos : git_version.find('.', dot1 + 1);
  if (git_version.size() > 1 && dot1 != std::string::npos && dot2 != std::string::npos) {
    major = git_version.substr(1, dot1 - 1);
    minor = git_version.substr(dot1 + 1, dot2 - dot1 - 1);
  }
  return {{"major", major},
          {"minor", minor + "+"},
          {"gitVersion", git_version},
          {"gitCommit", "8ac5a8b1c0b3b0bd6d4dbf4cc8c5a3b9e9c1a2f4"},
          {"gitTreeState", "clean"},
          {"buildDate", "2025-05-20T20:43:51Z"},
          {"goVersion", "go1.23.8"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

}  // namespace sandbox
