#include "lib/aws/sso_cache.hpp"


#include <nlohmann/json.hpp>

#include "lib/os/bounded_file.hpp"
#include "lib/util/timefmt.hpp"
#include "lib/util/utf8.hpp"

namespace eks {
namespace {

using nlohmann::json;

const char* json_type_name(const json& j) {
  // "a number", "an object", ...
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::discarded: return "invalid";
    default: return "a number";
  }
}

// nlohmann throws; every call that can throw is wrapped here (STYLE.md 6).
std::optional<json> parse_json(std::string_view text, std::string& error) {
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    // nlohmann's byte counts past the end when the text stops early (a file cut mid-write).
    error = e.byte > text.size() ? "not valid JSON: the text ends early (truncated?)"
                                 : "not valid JSON";
    return std::nullopt;
  } catch (const json::exception&) {
    // out_of_range 406: a number beyond a double ("1e999"); found by fuzz_sso_token. Python would
    // read it as inf, but no AWS CLI writes one: call the file broken rather than crash.
    error = "not valid JSON: a number is out of range";
    return std::nullopt;
  }
}

// A string member, noting a wrong type in `problem` (first one wins).
std::optional<std::string> string_member(const json& obj, const char* key, std::string& problem) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    return std::nullopt;
  }
  if (!it->is_string()) {
    if (problem.empty()) {
      problem = std::string("\"") + key + "\" is " + json_type_name(*it) + ", not a string";
    }
    return std::nullopt;
  }
  return it->get<std::string>();
}

}  // namespace

std::filesystem::path sso_cache_dir(const std::filesystem::path& home) {
  return home / ".aws" / "sso" / "cache";
}

std::filesystem::path cli_cache_dir(const std::filesystem::path& home) {
  return home / ".aws" / "cli" / "cache";
}

std::string sso_token_cache_key(const SsoSettings& settings) {
  return sha1_hex(settings.uses_session() ? settings.session_name : settings.start_url);
}

std::filesystem::path sso_token_path(const std::filesystem::path& home,
                                     const SsoSettings& settings) {
  return sso_cache_dir(home) / (sso_token_cache_key(settings) + ".json");
}

std::string role_credentials_cache_key(const SsoSettings& settings) {
  json args = json::object();  // std::map-backed: keys sorted, as sort_keys=True
  args["accountId"] = settings.account_id;
  args["roleName"] = settings.role_name;
  if (settings.uses_session()) {
    args["sessionName"] = settings.session_name;
  } else {
    args["startUrl"] = settings.start_url;
  }
  // Compact separators; ensure_ascii as Python's json.dumps default. dump() cannot throw here:
  // the strings came from validated UTF-8 config text, and the error handler replaces anyway.
  return sha1_hex(args.dump(-1, ' ', true, json::error_handler_t::replace));
}

std::filesystem::path role_credentials_path(const std::filesystem::path& home,
                                            const SsoSettings& settings) {
  return cli_cache_dir(home) / (role_credentials_cache_key(settings) + ".json");
}

SsoTokenInfo parse_sso_token_file(std::string_view text) {
  SsoTokenInfo info;
  // botocore JSONFileCache.__getitem__ reads the file as text (UTF-8) and json.loads() it; any
  // ValueError becomes KeyError (the bare quoted cache key). Python refuses what nlohmann accepts:
  // a byte-order mark ("Unexpected UTF-8 BOM") and bytes that are not UTF-8 (UnicodeDecodeError).
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    info.format = SsoTokenInfo::Format::not_json;
    info.parse_error = "it starts with a UTF-8 byte-order mark, which the AWS CLI's JSON reader refuses";
    return info;
  }
  if (invalid_utf8_offset(text) != std::string_view::npos) {
    info.format = SsoTokenInfo::Format::not_json;
    info.parse_error = "not UTF-8 text at byte " + std::to_string(invalid_utf8_offset(text));
    return info;
  }
  const std::optional<json> doc = parse_json(text, info.parse_error);
  if (!doc) {
    info.format = SsoTokenInfo::Format::not_json;
    return info;
  }
  if (!doc->is_object()) {
    // botocore SSOTokenLoader.__call__: `'accessToken' not in token or 'expiresAt' not in token`
    // on whatever json.loads returned: a list is "invalid", a string is searched as text, and
    // anything else raises TypeError.
    const bool text_with_keys = doc->is_string() &&
                                doc->get<std::string>().find("accessToken") != std::string::npos &&
                                doc->get<std::string>().find("expiresAt") != std::string::npos;
    info.format = doc->is_array() || (doc->is_string() && !text_with_keys)
                      ? SsoTokenInfo::Format::not_object
                      : SsoTokenInfo::Format::crashes;
    info.parse_error = std::string("the JSON is ") + json_type_name(*doc) + ", not an object";
    return info;
  }
  // botocore only tests that accessToken is present ("accessToken" in token).
  info.has_access_token = doc->contains("accessToken");
  info.has_refresh_token = doc->contains("refreshToken");
  info.has_client_id = doc->contains("clientId");
  info.has_client_secret = doc->contains("clientSecret");
  info.is_registration = !info.has_access_token && (info.has_client_id || info.has_client_secret);
  info.start_url = string_member(*doc, "startUrl", info.type_problem);
  info.region = string_member(*doc, "region", info.type_problem);
  info.expires_at_raw = string_member(*doc, "expiresAt", info.type_problem);
  if (info.expires_at_raw) {
    info.expires_at = parse_rfc3339(*info.expires_at_raw);
  }
  info.registration_expires_at_raw =
      string_member(*doc, "registrationExpiresAt", info.type_problem);
  if (info.registration_expires_at_raw) {
    info.registration_expires_at = parse_rfc3339(*info.registration_expires_at_raw);
  }
  return info;
}

const char* sso_token_state_name(SsoTokenState state) {
  switch (state) {
    case SsoTokenState::missing: return "missing";
    case SsoTokenState::corrupt: return "corrupt";
    case SsoTokenState::invalid: return "invalid";
    case SsoTokenState::expired: return "expired";
    case SsoTokenState::valid: return "valid";
    case SsoTokenState::refreshable: return "refreshable";
    case SsoTokenState::unusable: return "unusable";
  }
  return "missing";
}

namespace {

std::string expired_phrase(TimePoint at, TimePoint now) {
  const std::string when =
      now - at < std::chrono::seconds(1) ? "just now" : relative_to_now(at, now);
  return "the SSO token expired " + when + " (" + format_rfc3339(at) + ")";
}

// Why an sso-session token cannot be refreshed, or "" when it can (botocore
// SSOTokenProvider._refresh_access_token).
std::string refresh_blocker(const SsoTokenInfo& t, TimePoint now) {
  if (!t.has_refresh_token) {
    return "there is no refresh token";
  }
  if (!t.has_client_id || !t.has_client_secret) {
    return "the client registration is missing";
  }
  if (!t.registration_expires_at) {
    return "the client registration has no expiry";
  }
  if (*t.registration_expires_at <= now) {
    return "the client registration expired " + relative_to_now(*t.registration_expires_at, now);
  }
  return "";
}

}  // namespace

SsoTokenEvaluation evaluate_sso_token(const std::optional<SsoTokenInfo>& token, TimePoint now,
                                      SsoTokenKind kind) {
  SsoTokenEvaluation out;
  if (!token) {
    out.state = SsoTokenState::missing;
    out.detail = "there is no cached SSO token (never logged in, or logged out)";
    return out;
  }
  const SsoTokenInfo& t = *token;
  if (t.format == SsoTokenInfo::Format::not_object) {
    out.state = SsoTokenState::invalid;
    out.detail = "the cached SSO token is invalid (" + t.parse_error + ")";
    return out;
  }
  if (t.format == SsoTokenInfo::Format::crashes) {
    out.state = SsoTokenState::unusable;
    out.detail = "the AWS CLI cannot use the cached SSO token file (" + t.parse_error +
                 ": it stops with a Python TypeError); delete the file, then log in";
    return out;
  }
  if (t.format != SsoTokenInfo::Format::json_object) {
    out.state = SsoTokenState::corrupt;
    out.detail = "the cached SSO token file is corrupt (" + t.parse_error + ")";
    return out;
  }
  if (!t.has_access_token) {
    out.state = SsoTokenState::invalid;
    out.detail = t.is_registration
                     ? "the cache file is a client registration, not an SSO token"
                     : "the cached SSO token has no accessToken";
    return out;
  }
  if (!t.expires_at) {
    out.state = SsoTokenState::invalid;
    if (t.expires_at_raw) {
      out.detail = "the cached SSO token's expiresAt \"" + *t.expires_at_raw +
                   "\" is not a timestamp";
    } else if (!t.type_problem.empty() && t.type_problem.find("expiresAt") != std::string::npos) {
      out.detail = "the cached SSO token is invalid: " + t.type_problem;
    } else {
      out.detail = "the cached SSO token has no expiresAt";
    }
    return out;
  }
  out.expires_at = t.expires_at;
  out.time_left = std::chrono::duration_cast<std::chrono::seconds>(*t.expires_at - now);
  const bool expired = *t.expires_at <= now;
  const std::string until = format_rfc3339(*t.expires_at);
  if (kind == SsoTokenKind::session && out.time_left < k_sso_refresh_window) {
    const std::string blocker = refresh_blocker(t, now);
    if (blocker.empty()) {
      out.state = SsoTokenState::refreshable;
      out.detail = (expired ? expired_phrase(*t.expires_at, now)
                            : "the SSO token expires " + relative_to_now(*t.expires_at, now) +
                                  " (" + until + ")") +
                   "; the AWS CLI will refresh it (this needs the network)";
      return out;
    }
    if (expired) {
      out.state = SsoTokenState::expired;
      out.detail = expired_phrase(*t.expires_at, now) + " and cannot be refreshed: " + blocker;
      return out;
    }
  }
  if (expired) {
    out.state = SsoTokenState::expired;
    out.detail = expired_phrase(*t.expires_at, now);
    return out;
  }
  out.state = SsoTokenState::valid;
  out.detail = "the SSO token is valid for " + short_duration(out.time_left) + " (until " +
               until + ")";
  return out;
}

Result<std::optional<SsoTokenInfo>> read_sso_token_file(const std::filesystem::path& path) {
  // botocore JSONFileCache: `key in cache` is os.path.isfile() (a directory, a FIFO or a dangling
  // symlink "does not exist"); reading it then turns any OSError into KeyError, a corrupt entry.
  auto text = read_bounded_file(path, k_default_file_cap, NonRegularFile::missing);
  if (!text.ok()) {
    SsoTokenInfo info;
    info.format = SsoTokenInfo::Format::not_json;
    info.parse_error = "the AWS CLI cannot read it: " + text.error().message;
    return std::optional<SsoTokenInfo>{std::move(info)};
  }
  if (!text.value()) {
    return std::optional<SsoTokenInfo>{};
  }
  return std::optional<SsoTokenInfo>{parse_sso_token_file(**text)};
}

Result<RoleCredentialsInfo> parse_role_credentials_file(std::string_view text,
                                                        std::string_view path) {
  const auto fail = [&path](const std::string& what) {
    return make_error(ErrorKind::config, std::string(path) + ": " + what);
  };
  std::string error;
  const std::optional<json> doc = parse_json(text, error);
  if (!doc) {
    return fail(error);
  }
  if (!doc->is_object()) {
    return fail(std::string("the JSON is ") + json_type_name(*doc) + ", not an object");
  }
  RoleCredentialsInfo info;
  std::string problem;
  info.provider_type = string_member(*doc, "ProviderType", problem).value_or("");
  const auto creds = doc->find("Credentials");
  if (creds == doc->end() || !creds->is_object()) {
    return fail(creds == doc->end()
                    ? std::string("no \"Credentials\" object")
                    : std::string("\"Credentials\" is ") + json_type_name(*creds) +
                          ", not an object");
  }
  const auto expiration = string_member(*creds, "Expiration", problem);
  if (!expiration) {
    return fail(problem.empty() ? "no \"Credentials.Expiration\"" : "Credentials." + problem);
  }
  const auto when = parse_rfc3339(*expiration);
  if (!when) {
    return fail("\"Credentials.Expiration\" \"" + *expiration + "\" is not a timestamp");
  }
  info.expiration_raw = *expiration;
  info.expiration = *when;
  info.account_id = string_member(*creds, "AccountId", problem);
  return info;
}

bool role_credentials_usable(const RoleCredentialsInfo& info, TimePoint now) {
  return info.expiration - now >= k_sso_refresh_window;
}

}  // namespace eks
