#include "sandbox/nodes.hpp"

#include <fstream>
#include <regex>
#include <sstream>

#include "lib/util/timefmt.hpp"
#include "sandbox/encoding.hpp"

namespace sandbox {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr int k_default_age_seconds = 86400;

// "ip-10-0-1-5.ec2.internal" -> "10.0.1.5"; otherwise a stable address from the name's hash.
std::string ip_from_name(const std::string& name) {
  static const std::regex k_ip_name(R"(^ip-(\d+)-(\d+)-(\d+)-(\d+)(\..*)?$)");
  std::smatch m;
  if (std::regex_match(name, m, k_ip_name)) {
    return m[1].str() + "." + m[2].str() + "." + m[3].str() + "." + m[4].str();
  }
  const std::string h = sha1_hex(name);
  return "10.0." + std::to_string(std::stoi(h.substr(0, 2), nullptr, 16)) + "." +
         std::to_string(std::stoi(h.substr(2, 2), nullptr, 16));
}

ordered_json default_labels(const std::string& name, std::string_view region) {
  const std::string zone = std::string(region) + "a";
  return {{"beta.kubernetes.io/arch", "amd64"},
          {"beta.kubernetes.io/instance-type", "m5.large"},
          {"beta.kubernetes.io/os", "linux"},
          {"eks.amazonaws.com/capacityType", "ON_DEMAND"},
          {"eks.amazonaws.com/nodegroup", "ng-default"},
          {"kubernetes.io/arch", "amd64"},
          {"kubernetes.io/hostname", name},
          {"kubernetes.io/os", "linux"},
          {"node.kubernetes.io/instance-type", "m5.large"},
          {"topology.kubernetes.io/region", std::string(region)},
          {"topology.kubernetes.io/zone", zone}};
}

ordered_json condition(const char* type, const std::string& status, const char* reason,
                       const char* message, const std::string& heartbeat, const std::string& transition) {
  return {{"type", type},          {"status", status},
          {"lastHeartbeatTime", heartbeat}, {"lastTransitionTime", transition},
          {"reason", reason},      {"message", message}};
}

}  // namespace

ordered_json build_node(const json& spec, eks::TimePoint now, std::string_view region) {
  if (spec.contains("metadata")) {
    return ordered_json(spec);
  }
  const std::string name = spec.value("name", "unnamed-node");
  const auto now_s = std::chrono::floor<std::chrono::seconds>(now);
  std::string created = eks::format_rfc3339(now_s - std::chrono::seconds(k_default_age_seconds));
  if (spec.contains("creationTimestamp") && spec["creationTimestamp"].is_string()) {
    created = spec["creationTimestamp"].get<std::string>();
  } else if (spec.contains("ageSeconds") && spec["ageSeconds"].is_number()) {
    created = eks::format_rfc3339(now_s - std::chrono::seconds(spec["ageSeconds"].get<long long>()));
  }
  ordered_json labels = spec.value("defaultLabels", true) ? default_labels(name, region) : ordered_json::object();
  for (const auto& role : spec.value("roles", json::array())) {
    if (role.is_string()) {
      labels["node-role.kubernetes.io/" + role.get<std::string>()] = "";
    }
  }
  const json extra_labels = spec.value("labels", json::object());
  for (const auto& [k, v] : extra_labels.items()) {
    labels[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  const std::string internal_ip = spec.value("internalIP", ip_from_name(name));
  const std::string host = "ip-" + std::regex_replace(internal_ip, std::regex("\\."), "-") + ".ec2.internal";

  ordered_json metadata = {{"name", name},
                           {"uid", "uid-" + sha1_hex(name).substr(0, 8) + "-" + sha1_hex(name).substr(8, 4)},
                           {"resourceVersion", "12345"},
                           {"creationTimestamp", created},
                           {"labels", labels},
                           {"annotations",
                            {{"alpha.kubernetes.io/provided-node-ip", internal_ip},
                             {"node.alpha.kubernetes.io/ttl", "0"},
                             {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}}}};
  ordered_json node_spec = {{"providerID", "aws:///" + std::string(region) + "a/i-" + sha1_hex(name).substr(0, 17)}};
  if (spec.value("unschedulable", false)) {
    node_spec["unschedulable"] = true;
    node_spec["taints"] = ordered_json::array(
        {{{"key", "node.kubernetes.io/unschedulable"}, {"effect", "NoSchedule"}, {"timeAdded", created}}});
  }
  const std::string heartbeat = eks::format_rfc3339(now_s);
  ordered_json conditions = ordered_json::array(
      {condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", heartbeat, created),
       condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", heartbeat, created),
       condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", heartbeat, created)});
  const json ready = spec.contains("ready") ? spec["ready"] : json("True");
  if (ready.is_string()) {
    const std::string r = ready.get<std::string>();
    const char* reason = r == "True" ? "KubeletReady" : (r == "False" ? "KubeletNotReady" : "NodeStatusUnknown");
    const char* message = r == "True" ? "kubelet is posting ready status"
                                      : (r == "False" ? "container runtime network not ready" : "Kubelet stopped posting node status.");
    conditions.push_back(condition("Ready", r, reason, message, heartbeat, created));
  }
  ordered_json addresses = ordered_json::array();
  if (spec.contains("addresses") && spec["addresses"].is_array()) {
    addresses = ordered_json(spec["addresses"]);
  } else {
    addresses.push_back({{"type", "InternalIP"}, {"address", internal_ip}});
    if (spec.contains("externalIP") && spec["externalIP"].is_string()) {
      addresses.push_back({{"type", "ExternalIP"}, {"address", spec["externalIP"]}});
    }
    addresses.push_back({{"type", "InternalDNS"}, {"address", host}});
    addresses.push_back({{"type", "Hostname"}, {"address", host}});
  }
  const std::string kubelet = spec.value("kubeletVersion", "v1.32.3-eks-473151a");
  ordered_json info = {{"machineID", sha1_hex(name).substr(0, 32)},
                       {"systemUUID", sha1_hex(name + "uuid").substr(0, 32)},
                       {"bootID", sha1_hex(name + "boot").substr(0, 32)},
                       {"kernelVersion", "6.1.128-136.201.amzn2023.x86_64"},
                       {"osImage", "Amazon Linux 2023.6.20250303"},
                       {"containerRuntimeVersion", "containerd://1.7.25"},
                       {"kubeletVersion", kubelet},
                       {"kubeProxyVersion", kubelet},
                       {"operatingSystem", "linux"},
                       {"architecture", "amd64"}};
  const json extra_info = spec.value("nodeInfo", json::object());
  for (const auto& [k, v] : extra_info.items()) {
    info[k] = v;
  }
  ordered_json status = {
      {"capacity", {{"cpu", "2"}, {"ephemeral-storage", "83873772Ki"}, {"memory", "7910360Ki"}, {"pods", "29"}}},
      {"allocatable", {{"cpu", "1930m"}, {"ephemeral-storage", "76224326324"}, {"memory", "7220184Ki"}, {"pods", "29"}}},
      {"conditions", conditions},
      {"addresses", addresses},
      {"daemonEndpoints", {{"kubeletEndpoint", {{"Port", 10250}}}}},
      {"nodeInfo", info}};
  return {{"metadata", metadata}, {"spec", node_spec}, {"status", status}};
}

eks::Result<json> load_node_specs(const std::string& file) {
  std::ifstream in(file);
  if (!in) {
    return eks::make_error(eks::ErrorKind::config, "cannot read nodes file \"" + file + "\"");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  json j = json::parse(buf.str(), nullptr, false);
  if (j.is_object() && j.contains("items")) {
    j = j["items"];
  }
  if (!j.is_array()) {
    return eks::make_error(eks::ErrorKind::config,
                           "nodes file \"" + file + "\" must hold a JSON array of node specs");
  }
  for (const auto& n : j) {
    if (!n.is_object() || (!n.contains("name") && !n.contains("metadata"))) {
      return eks::make_error(eks::ErrorKind::config,
                             "nodes file \"" + file + "\": every node needs a \"name\"");
    }
  }
  return j;
}

}  // namespace sandbox
