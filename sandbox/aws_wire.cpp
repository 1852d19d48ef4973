#include "sandbox/aws_wire.hpp"

#include "lib/util/strings.hpp"
#include "sandbox/encoding.hpp"

namespace sandbox {
namespace {

using nlohmann::json;

std::string header(const ApiRequest& r, const std::string& name) {
  const auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

std::string request_id() {
  const std::string h = hex_lower(random_bytes(16));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string decode(std::string_view text, bool plus_is_space) {
  std::string t(text);
  if (plus_is_space) {
    for (auto& ch : t) {
      ch = ch == '+' ? ' ' : ch;
    }
  }
  return uri_decode(t).value_or(t);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) {
      return out;
    }
    start = at + 1;
  }
}

std::map<std::string, std::string> parse_form(std::string_view body) {
  std::map<std::string, std::string> out;
  if (body.empty()) {
    return out;
  }
  for (const auto& pair : split(body, '&')) {
    const auto eq = pair.find('=');
    out[decode(pair.substr(0, eq), true)] = eq == std::string::npos ? "" : decode(pair.substr(eq + 1), true);
  }
  return out;
}

ApiResponse plain_error(int status, const std::string& message) {
  ApiResponse r;
  r.status = status;
  r.body = json{{"message", message}}.dump();
  r.note = message;
  return r;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Query-protocol XML: structures are elements, lists hold <member> elements.
std::string to_xml(const json& v) {
  if (v.is_object()) {
    std::string out;
    for (const auto& [k, item] : v.items()) {
      out += "<" + k + ">" + to_xml(item) + "</" + k + ">";
    }
    return out;
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      out += "<member>" + to_xml(item) + "</member>";
    }
    return out;
  }
  if (v.is_string()) {
    return xml_escape(v.get<std::string>());
  }
  return v.dump();
}

// eks REST-JSON routes (service-2.json "http": method + requestUri).
std::optional<std::string> eks_route(const std::string& method, const std::vector<std::string>& seg, json& in) {
  if (seg.size() < 2 || seg[0] != "clusters") {
    return std::nullopt;
  }
  in["clusterName"] = seg[1];
  if (seg.size() == 2 && method == "GET") {
    return "DescribeCluster";
  }
  if (seg.size() == 3 && seg[2] == "update-config" && method == "POST") {
    return "UpdateClusterConfig";
  }
  if (seg.size() == 4 && seg[2] == "updates" && method == "GET") {
    in["updateId"] = seg[3];
    return "DescribeUpdate";
  }
  if (seg.size() >= 3 && seg[2] == "access-entries") {
    if (seg.size() == 3) {
      return method == "GET" ? std::optional<std::string>("ListAccessEntries")
                             : method == "POST" ? std::optional<std::string>("CreateAccessEntry") : std::nullopt;
    }
    in["principalArn"] = seg[3];
    if (seg.size() == 4 && method == "GET") {
      return "DescribeAccessEntry";
    }
    if (seg.size() == 4 && method == "DELETE") {
      return "DeleteAccessEntry";
    }
    if (seg.size() == 5 && seg[4] == "access-policies") {
      return method == "GET" ? std::optional<std::string>("ListAssociatedAccessPolicies")
                             : method == "POST" ? std::optional<std::string>("AssociateAccessPolicy") : std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_aws_request(const ApiRequest& request) {
  return request.authorization.rfind("AWS4-HMAC-SHA256 ", 0) == 0 ||
         (request.path == "/federation/credentials" && request.headers.count("x-amz-sso_bearer_token") != 0);
}

DecodedCall decode_aws_request(const ApiRequest& r) {
  DecodedCall out;
  AdminCall call;
  if (r.path == "/federation/credentials") {
    // The SSO portal's GetRoleCredentials (botocore data/sso: rest-json, bearer token, unsigned).
    call.service = "portal";
    call.operation = "GetRoleCredentials";
    call.security_token = header(r, "x-amz-sso_bearer_token");
    for (const auto& [k, v] : r.query) {
      call.input[k] = v;
    }
    out.call = std::move(call);
    return out;
  }
  // Credential=AKID/20261202/us-east-1/eks/aws4_request
  const auto cred = r.authorization.find("Credential=");
  if (cred == std::string::npos) {
    out.error = plain_error(403, "Authorization header requires 'Credential' parameter.");
    return out;
  }
  const std::string scope = r.authorization.substr(cred + 11, r.authorization.find(',', cred) - cred - 11);
  const auto parts = split(scope, '/');
  if (parts.size() != 5) {
    out.error = plain_error(403, "Credential should be scoped to a valid region.");
    return out;
  }
  call.access_key_id = parts[0];
  call.region = parts[2];
  call.service = parts[3];
  call.security_token = header(r, "x-amz-security-token");
  if (call.service == "sso" || call.service == "identitystore") {
    const std::string target = header(r, "x-amz-target");
    const auto dot = target.find('.');
    if (dot == std::string::npos) {
      out.error = plain_error(400, "Missing X-Amz-Target");
      return out;
    }
    call.operation = target.substr(dot + 1);
    call.input = r.body.empty() ? json::object() : json::parse(r.body, nullptr, false);
  } else if (call.service == "eks") {
    const std::string raw = r.target.substr(0, r.target.find('?'));
    std::vector<std::string> seg;
    for (const auto& s : split(raw, '/')) {
      if (!s.empty()) {
        seg.push_back(decode(s, false));
      }
    }
    call.input = r.body.empty() ? json::object() : json::parse(r.body, nullptr, false);
    if (call.input.is_discarded()) {
      out.error = plain_error(400, "request body is not JSON");
      return out;
    }
    auto op = eks_route(r.method, seg, call.input);
    if (!op) {
      ApiResponse e = plain_error(404, "No route for " + r.method + " " + raw);
      e.headers["x-amzn-ErrorType"] = "ResourceNotFoundException";
      out.error = e;
      return out;
    }
    call.operation = *op;
    for (const auto& [k, v] : r.query) {
      call.input[k] = v;
    }
  } else if (call.service == "iam" || call.service == "sts") {
    for (const auto& [k, v] : parse_form(r.body)) {
      if (k == "Action") {
        call.operation = v;
      } else if (k != "Version") {
        call.input[k] = v;
      }
    }
  } else {
    out.error = plain_error(400, "the sandbox does not serve " + call.service);
    return out;
  }
  if (call.input.is_discarded() || !call.input.is_object()) {
    out.error = plain_error(400, "request body is not a JSON object");
    return out;
  }
  out.call = std::move(call);
  return out;
}

ApiResponse encode_aws_reply(const AdminCall& call, const AdminReply& reply) {
  ApiResponse r;
  r.status = reply.status;
  const std::string id = request_id();
  r.headers["x-amzn-RequestId"] = id;
  r.note = call.service + " " + call.operation + (reply.error_code.empty() ? "" : ": " + reply.error_code);
  if (call.service == "sso" || call.service == "identitystore") {
    r.content_type = "application/x-amz-json-1.1";
    r.body = reply.error_code.empty() ? reply.output.dump()
                                      : json{{"__type", reply.error_code}, {"message", reply.message}}.dump();
  } else if (call.service == "eks" || call.service == "portal") {
    r.content_type = "application/json";
    if (reply.error_code.empty()) {
      r.body = reply.output.dump();
    } else {
      r.headers["x-amzn-ErrorType"] = reply.error_code;
      r.body = json{{"message", reply.message}}.dump();
    }
  } else {
    r.content_type = "text/xml";
    const std::string ns = call.service == "iam" ? "https://iam.amazonaws.com/doc/2010-05-08/"
                                                 : "https://sts.amazonaws.com/doc/2011-06-15/";
    if (reply.error_code.empty()) {
      r.body = "<" + call.operation + "Response xmlns=\"" + ns + "\"><" + call.operation + "Result>" +
               to_xml(reply.output) + "</" + call.operation + "Result><ResponseMetadata><RequestId>" + id +
               "</RequestId></ResponseMetadata></" + call.operation + "Response>\n";
    } else {
      r.body = "<ErrorResponse xmlns=\"" + ns + "\"><Error><Type>Sender</Type><Code>" + xml_escape(reply.error_code) +
               "</Code><Message>" + xml_escape(reply.message) + "</Message></Error><RequestId>" + id +
               "</RequestId></ErrorResponse>\n";
    }
  }
  return r;
}

}  // namespace sandbox
