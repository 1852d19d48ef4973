#include "sandbox/identity.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "sandbox/encoding.hpp"

namespace sandbox {
namespace {

constexpr std::string_view k_token_prefix = "IQoJb3JpZ2luX2VjE";

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

}  // namespace

std::string sso_role_name(std::string_view account_id, std::string_view permission_set) {
  const std::string seed = "sandbox-role:" + std::string(account_id) + ":" + std::string(permission_set);
  return "AWSReservedSSO_" + std::string(permission_set) + "_" + sha1_hex(seed).substr(0, 16);
}

std::string role_unique_id(std::string_view account_id, std::string_view role_name) {
  const std::string seed = "sandbox-roleid:" + std::string(account_id) + ":" + std::string(role_name);
  return "AROA" + upper(sha1_hex(seed).substr(0, 17));
}

std::string sso_access_key_id(const SsoSession& session) {
  const std::string seed =
      "sandbox-akid:" + session.account_id + ":" + session.role_name + ":" + session.session_name;
  return "ASIA" + upper(sha1_hex(seed).substr(0, 16));
}

std::string derived_secret_key(std::string_view access_key_id) {
  return base64_encode(sha256_raw("sandbox-secret:" + std::string(access_key_id))).substr(0, 40);
}

std::string security_token_for(const SsoSession& session) {
  const nlohmann::ordered_json claims = {
      {"account", session.account_id}, {"role", session.role_name}, {"session", session.session_name}};
  return std::string(k_token_prefix) + base64url_nopad_encode(claims.dump());
}

std::optional<SsoSession> decode_security_token(std::string_view token) {
  if (token.substr(0, k_token_prefix.size()) != k_token_prefix) {
    return std::nullopt;
  }
  const auto raw = base64url_decode(token.substr(k_token_prefix.size()));
  if (!raw) {
    return std::nullopt;
  }
  const auto claims = nlohmann::json::parse(*raw, nullptr, false);
  if (!claims.is_object()) {
    return std::nullopt;
  }
  SsoSession s;
  const auto get = [&](const char* key, std::string& out) {
    const auto it = claims.find(key);
    if (it == claims.end() || !it->is_string()) {
      return false;
    }
    out = it->get<std::string>();
    return !out.empty();
  };
  if (!get("account", s.account_id) || !get("role", s.role_name) || !get("session", s.session_name)) {
    return std::nullopt;
  }
  return s;
}

std::string assumed_role_arn(const SsoSession& session) {
  return "arn:aws:sts::" + session.account_id + ":assumed-role/" + session.role_name + "/" +
         session.session_name;
}

std::string canonical_role_arn(const SsoSession& session) {
  return "arn:aws:iam::" + session.account_id + ":role/" + session.role_name;
}

std::string sso_role_iam_arn(std::string_view account_id, std::string_view sso_region,
                             std::string_view role_name) {
  return "arn:aws:iam::" + std::string(account_id) + ":role/aws-reserved/sso.amazonaws.com/" +
         std::string(sso_region) + "/" + std::string(role_name);
}

}  // namespace sandbox
