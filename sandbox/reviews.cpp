#include "sandbox/reviews.hpp"

#include <cstdint>
#include <map>
#include <vector>

namespace sandbox {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// Length-delimited fields of one protobuf message (enough for Kubernetes string fields).
// Returns nullopt on truncated or malformed input.
std::optional<std::multimap<int, std::string>> proto_fields(std::string_view data) {
  std::multimap<int, std::string> out;
  size_t pos = 0;
  const auto varint = [&](uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= data.size()) {
        return false;
      }
      const auto b = static_cast<unsigned char>(data[pos++]);
      v |= static_cast<uint64_t>(b & 0x7FU) << static_cast<unsigned>(shift);
      if ((b & 0x80U) == 0) {
        return true;
      }
    }
    return false;
  };
  while (pos < data.size()) {
    uint64_t key = 0;
    if (!varint(key)) {
      return std::nullopt;
    }
    const int field = static_cast<int>(key >> 3U);
    const unsigned wire = key & 7U;
    uint64_t v = 0;
    if (wire == 0) {
      if (!varint(v)) {
        return std::nullopt;
      }
    } else if (wire == 1 || wire == 5) {
      pos += wire == 1 ? 8 : 4;
      if (pos > data.size()) {
        return std::nullopt;
      }
    } else if (wire == 2) {
      if (!varint(v) || v > data.size() - pos) {
        return std::nullopt;
      }
      out.emplace(field, std::string(data.substr(pos, v)));
      pos += v;
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string first(const std::multimap<int, std::string>& m, int field) {
  const auto it = m.find(field);
  return it == m.end() ? "" : it->second;
}

// "k8s\0" + runtime.Unknown{typeMeta=1, raw=2}; raw is the SSAR: spec=2 ->
// resourceAttributes=1 {namespace=1, verb=2, group=3, version=4, resource=5, subresource=6, name=7},
// nonResourceAttributes=2 {path=1, verb=2}.
std::optional<ResourceAttributes> parse_protobuf(std::string_view body) {
  constexpr std::string_view k_magic("k8s\0", 4);
  if (body.substr(0, 4) != k_magic) {
    return std::nullopt;
  }
  const auto unknown = proto_fields(body.substr(4));
  if (!unknown) {
    return std::nullopt;
  }
  const auto ssar = proto_fields(first(*unknown, 2));
  if (!ssar) {
    return std::nullopt;
  }
  const auto spec = proto_fields(first(*ssar, 2));
  if (!spec) {
    return std::nullopt;
  }
  ResourceAttributes a;
  if (spec->count(1) != 0) {
    const auto ra = proto_fields(first(*spec, 1));
    if (!ra) {
      return std::nullopt;
    }
    a = {first(*ra, 1), first(*ra, 2), first(*ra, 3), first(*ra, 4), first(*ra, 5), first(*ra, 6), first(*ra, 7), ""};
  } else if (spec->count(2) != 0) {
    const auto nra = proto_fields(first(*spec, 2));
    if (!nra) {
      return std::nullopt;
    }
    a.non_resource_path = first(*nra, 1);
    a.verb = first(*nra, 2);
  } else {
    return std::nullopt;
  }
  return a;
}

std::optional<ResourceAttributes> parse_json(std::string_view body) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("spec") || !j["spec"].is_object()) {
    return std::nullopt;
  }
  const json& spec = j["spec"];
  const auto str = [](const json& o, const char* k) {
    return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
  };
  ResourceAttributes a;
  if (spec.contains("resourceAttributes") && spec["resourceAttributes"].is_object()) {
    const json& r = spec["resourceAttributes"];
    a = {str(r, "namespace"), str(r, "verb"),        str(r, "group"), str(r, "version"),
         str(r, "resource"),  str(r, "subresource"), str(r, "name"),  ""};
    return a;
  }
  if (spec.contains("nonResourceAttributes") && spec["nonResourceAttributes"].is_object()) {
    a.non_resource_path = str(spec["nonResourceAttributes"], "path");
    a.verb = str(spec["nonResourceAttributes"], "verb");
    return a;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ResourceAttributes> parse_ssar_body(std::string_view body, std::string_view content_type) {
  if (content_type.find("protobuf") != std::string_view::npos) {
    return parse_protobuf(body);
  }
  return parse_json(body);
}

ordered_json ssar_response(const ResourceAttributes& a, bool allowed, const std::string& reason) {
  ordered_json spec;
  if (a.non_resource_path.empty()) {
    ordered_json ra = ordered_json::object();
    const std::pair<const char*, const std::string*> fields[] = {
        {"namespace", &a.namespace_}, {"verb", &a.verb},         {"group", &a.group},
        {"version", &a.version},      {"resource", &a.resource}, {"subresource", &a.subresource},
        {"name", &a.name}};
    for (const auto& [k, v] : fields) {
      if (!v->empty()) {
        ra[k] = *v;
      }
    }
    spec["resourceAttributes"] = ra;
  } else {
    spec["nonResourceAttributes"] = {{"path", a.non_resource_path}, {"verb", a.verb}};
  }
  ordered_json status = {{"allowed", allowed}};
  if (!reason.empty()) {
    status["reason"] = reason;
  }
  return {{"kind", "SelfSubjectAccessReview"},
          {"apiVersion", "authorization.k8s.io/v1"},
          {"metadata", {{"creationTimestamp", nullptr}}},
          {"spec", spec},
          {"status", status}};
}

ordered_json ssr_response(const UserInfo& user) {
  ordered_json info = {{"username", user.username}};
  if (!user.uid.empty()) {
    info["uid"] = user.uid;
  }
  info["groups"] = user.groups;
  if (!user.extra.empty()) {
    ordered_json extra = ordered_json::object();
    for (const auto& [k, v] : user.extra) {
      extra[k] = v;
    }
    info["extra"] = extra;
  }
  return {{"kind", "SelfSubjectReview"},
          {"apiVersion", "authentication.k8s.io/v1"},
          {"metadata", {{"creationTimestamp", nullptr}}},
          {"status", {{"userInfo", info}}}};
}

}  // namespace sandbox
