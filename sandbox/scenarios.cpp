// Named node sets for `init --scenario NAME`.
#include "sandbox/nodes.hpp"

namespace sandbox {
namespace {

using nlohmann::json;

constexpr int k_many_count = 1203;  // more than two kubectl pages of 500

json default_nodes() {
  return json::array({
      {{"name", "ip-192-168-10-21.ec2.internal"}, {"ageSeconds", 277800}, {"externalIP", "54.70.1.21"}},
      {{"name", "ip-192-168-45-7.ec2.internal"},
       {"ageSeconds", 171000},
       {"unschedulable", true},
       {"roles", {"worker"}},
       {"labels", {{"kubernetes.io/role", "infra"}}}},
      {{"name", "ip-192-168-77-3.ec2.internal"},
       {"ageSeconds", 123},
       {"ready", "Unknown"},
       {"kubeletVersion", "v1.31.7-eks-473151a"}},
  });
}

// Every STATUS/ROLES variant and the HumanDuration thresholds of kube.md 4.4.
json varied_nodes() {
  json out = json::array();
  const std::pair<const char*, long long> ages[] = {
      {"a00-0s", 0},        {"a01-59s", 59},       {"a02-119s", 119},       {"a03-2m", 120},
      {"a04-2m3s", 123},    {"a05-9m59s", 599},    {"a06-10m", 600},        {"a07-179m", 10799},
      {"a08-3h", 10800},    {"a09-3h1m", 10860},   {"a10-7h59m", 28799},    {"a11-8h", 28800},
      {"a12-47h", 172799},  {"a13-2d", 172800},    {"a14-2d1h", 176400},    {"a15-7d23h", 691199},
      {"a16-8d", 691200},   {"a17-729d", 63071999}, {"a18-2y", 63072000},   {"a19-2y1d", 63158400},
      {"a20-7y364d", 252287999}, {"a21-8y", 252288000}};
  for (const auto& [suffix, age] : ages) {
    out.push_back({{"name", std::string("ip-10-0-1-") + std::to_string(out.size() + 10) + ".ec2.internal"},
                   {"ageSeconds", age},
                   {"labels", {{"sandbox/age", suffix}}}});
  }
  out.push_back({{"name", "ip-10-0-2-10.ec2.internal"}, {"ready", "False"}, {"ageSeconds", 3600}});
  out.push_back({{"name", "ip-10-0-2-11.ec2.internal"}, {"ready", "Unknown"}, {"unschedulable", true}});
  out.push_back({{"name", "ip-10-0-2-12.ec2.internal"}, {"ready", nullptr}});
  out.push_back({{"name", "ip-10-0-2-13.ec2.internal"}, {"unschedulable", true}, {"roles", {"control-plane", "etcd"}}});
  out.push_back({{"name", "ip-10-0-2-14.ec2.internal"},
                 {"labels", {{"kubernetes.io/role", "ingress"}, {"node-role.kubernetes.io/", "ignored-empty-role"}}},
                 {"externalIP", "3.91.20.14"}});
  out.push_back({{"name", "ip-10-0-2-15.ec2.internal"},
                 {"nodeInfo", {{"osImage", ""}, {"kernelVersion", ""}, {"containerRuntimeVersion", ""}, {"kubeletVersion", ""}}},
                 {"addresses", json::array()}});
  out.push_back({{"name", "fargate-ip-10-0-3-9.ec2.internal"},
                 {"labels", {{"eks.amazonaws.com/compute-type", "fargate"}}},
                 {"kubeletVersion", "v1.32.2-eks-2d5f260"},
                 {"ageSeconds", 45}});
  return out;
}

json many_nodes() {
  json out = json::array();
  for (int i = 0; i < k_many_count; ++i) {
    out.push_back({{"name", "ip-10-1-" + std::to_string(i / 250) + "-" + std::to_string(i % 250 + 1) + ".ec2.internal"},
                   {"ageSeconds", 600 + i * 60}});
  }
  return out;
}

}  // namespace

std::vector<std::string> scenario_names() { return {"default", "empty", "varied", "many"}; }

eks::Result<json> scenario_nodes(std::string_view name) {
  if (name == "default") {
    return default_nodes();
  }
  if (name == "empty") {
    return json::array();
  }
  if (name == "varied") {
    return varied_nodes();
  }
  if (name == "many") {
    return many_nodes();
  }
  return eks::make_error(eks::ErrorKind::usage, "unknown scenario \"" + std::string(name) + "\"",
                         {"scenarios: default, empty, varied, many"});
}

}  // namespace sandbox
