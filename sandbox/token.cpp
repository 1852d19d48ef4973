#include "sandbox/token.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <regex>
#include <set>
#include <vector>

#include "sandbox/encoding.hpp"

namespace sandbox {
namespace {

constexpr std::size_t k_max_token_bytes = 4096;
constexpr auto k_presign_validity = std::chrono::minutes(15);
constexpr std::string_view k_empty_sha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

std::string amz_date(eks::TimePoint t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::optional<eks::TimePoint> parse_amz_date(std::string_view s) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') {
    return std::nullopt;
  }
  for (size_t i = 0; i < 15; ++i) {
    if (i != 8 && !std::isdigit(static_cast<unsigned char>(s[i]))) {
      return std::nullopt;
    }
  }
  std::tm tm{};
  tm.tm_year = std::stoi(std::string(s.substr(0, 4))) - 1900;
  tm.tm_mon = std::stoi(std::string(s.substr(4, 2))) - 1;
  tm.tm_mday = std::stoi(std::string(s.substr(6, 2)));
  tm.tm_hour = std::stoi(std::string(s.substr(9, 2)));
  tm.tm_min = std::stoi(std::string(s.substr(11, 2)));
  tm.tm_sec = std::stoi(std::string(s.substr(13, 2)));
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

std::string host_for(std::string_view region) {
  return region.empty() ? "sts.amazonaws.com" : "sts." + std::string(region) + ".amazonaws.com";
}

std::string signature_for(const std::map<std::string, std::string>& query, std::string_view host,
                          std::string_view secret, std::string_view date, std::string_view region,
                          std::string_view cluster_name) {
  std::vector<std::pair<std::string, std::string>> sorted;
  for (const auto& [k, v] : query) {
    if (k != "X-Amz-Signature") {
      sorted.emplace_back(uri_encode(k), uri_encode(v));
    }
  }
  std::sort(sorted.begin(), sorted.end());
  std::string canonical_query;
  for (const auto& [k, v] : sorted) {
    canonical_query += (canonical_query.empty() ? "" : "&") + k + "=" + v;
  }
  const std::string canonical_request = "GET\n/\n" + canonical_query + "\nhost:" + std::string(host) +
                                        "\nx-k8s-aws-id:" + std::string(cluster_name) +
                                        "\n\nhost;x-k8s-aws-id\n" + std::string(k_empty_sha256);
  const std::string day(date.substr(0, 8));
  const std::string scope = day + "/" + std::string(region) + "/sts/aws4_request";
  const std::string to_sign =
      "AWS4-HMAC-SHA256\n" + std::string(date) + "\n" + scope + "\n" + sha256_hex(canonical_request);
  std::string key = hmac_sha256_raw("AWS4" + std::string(secret), day);
  key = hmac_sha256_raw(key, region);
  key = hmac_sha256_raw(key, "sts");
  key = hmac_sha256_raw(key, "aws4_request");
  return hex_lower(hmac_sha256_raw(key, to_sign));
}

eks::Error bad_format(std::string_view why) {
  return eks::make_error(eks::ErrorKind::unauthorized,
                         "input token was not properly formatted: " + std::string(why));
}

eks::Error rejected(std::string msg) {
  return eks::make_error(eks::ErrorKind::unauthorized, std::move(msg));
}

bool valid_sts_host(std::string_view host, std::string& region) {
  if (host == "sts.amazonaws.com") {
    region = "us-east-1";
    return true;
  }
  static const std::regex k_regional(R"(^sts(-fips)?\.([a-z]{2}(-[a-z]+)+-[0-9])\.amazonaws\.com$)");
  std::cmatch m;
  if (!std::regex_match(host.begin(), host.end(), m, k_regional)) {
    return false;
  }
  region = m[2].str();
  return true;
}

}  // namespace

std::string presign_get_caller_identity(const PresignInput& in) {
  const std::string region = in.region.empty() ? "us-east-1" : in.region;
  const std::string date = amz_date(in.now);
  const std::string host = host_for(in.region);
  std::map<std::string, std::string> query = {
      {"Action", "GetCallerIdentity"},
      {"Version", "2011-06-15"},
      {"X-Amz-Algorithm", "AWS4-HMAC-SHA256"},
      {"X-Amz-Credential", in.access_key_id + "/" + date.substr(0, 8) + "/" + region + "/sts/aws4_request"},
      {"X-Amz-Date", date},
      {"X-Amz-Expires", "60"},
      {"X-Amz-SignedHeaders", "host;x-k8s-aws-id"},
  };
  if (!in.session_token.empty()) {
    query["X-Amz-Security-Token"] = in.session_token;
  }
  const std::string sig = signature_for(query, host, in.secret_key, date, region, in.cluster_name);
  // botocore's parameter order (aws.md 2.5).
  constexpr std::string_view k_order[] = {"Action",          "Version",    "X-Amz-Algorithm",
                                          "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires",
                                          "X-Amz-SignedHeaders", "X-Amz-Security-Token"};
  std::string url = "https://" + host + "/?";
  bool first = true;
  for (const auto key : k_order) {
    const auto it = query.find(std::string(key));
    if (it == query.end()) {
      continue;
    }
    url += (first ? "" : "&") + it->first + "=" + uri_encode(it->second);
    first = false;
  }
  return url + "&X-Amz-Signature=" + sig;
}

std::string make_eks_token(std::string_view presigned_url) {
  return std::string(k_token_prefix_v1) + base64url_nopad_encode(presigned_url);
}

eks::Result<ParsedToken> parse_eks_token(std::string_view token, eks::TimePoint now) {
  if (token.size() > k_max_token_bytes) {
    return bad_format("token is too large");
  }
  if (token.substr(0, k_token_prefix_v1.size()) != k_token_prefix_v1) {
    return bad_format("token is missing expected \"k8s-aws-v1.\" prefix");
  }
  const auto url = base64url_decode(token.substr(k_token_prefix_v1.size()));
  if (!url) {
    return bad_format("illegal base64 data");
  }
  ParsedToken out;
  out.url = *url;
  const auto scheme_end = url->find("://");
  if (scheme_end == std::string::npos) {
    return bad_format("parse error: missing scheme");
  }
  if (url->substr(0, scheme_end) != "https") {
    return rejected("unexpected scheme \"" + url->substr(0, scheme_end) + "\" in pre-signed URL");
  }
  const std::string rest = url->substr(scheme_end + 3);
  const auto path_start = rest.find_first_of("/?");
  out.host = rest.substr(0, path_start);
  if (!valid_sts_host(out.host, out.signing_region)) {
    return rejected("unexpected hostname \"" + out.host + "\" in pre-signed URL");
  }
  const std::string path_and_query = path_start == std::string::npos ? "" : rest.substr(path_start);
  const auto qpos = path_and_query.find('?');
  if (path_and_query.substr(0, qpos) != "/") {
    return rejected("unexpected path in pre-signed URL");
  }
  static const std::set<std::string> k_allowed = {
      "action",           "version",    "x-amz-algorithm",      "x-amz-credential",
      "x-amz-date",       "x-amz-expires", "x-amz-security-token", "x-amz-signature",
      "x-amz-signedheaders"};
  std::set<std::string> seen;
  std::string query = qpos == std::string::npos ? "" : path_and_query.substr(qpos + 1);
  size_t pos = 0;
  while (pos <= query.size() && !query.empty()) {
    const auto amp = query.find('&', pos);
    const std::string pair = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    const auto eq = pair.find('=');
    const auto key = uri_decode(pair.substr(0, eq));
    const auto value = uri_decode(eq == std::string::npos ? "" : pair.substr(eq + 1));
    if (!key || !value) {
      return bad_format("invalid URL escape");
    }
    std::string lower = *key;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!seen.insert(lower).second) {
      return rejected("duplicate query parameter found: \"" + lower + "\"");
    }
    if (k_allowed.count(lower) == 0) {
      return rejected("non-whitelisted query parameter \"" + lower + "\"");
    }
    out.query[*key] = *value;
    if (amp == std::string::npos) {
      break;
    }
    pos = amp + 1;
  }
  const auto get = [&](const std::string& k) {
    const auto it = out.query.find(k);
    return it == out.query.end() ? std::string() : it->second;
  };
  if (get("Action") != "GetCallerIdentity") {
    return rejected("unexpected action parameter in pre-signed URL");
  }
  const std::string signed_headers = get("X-Amz-SignedHeaders");
  if ((";" + signed_headers + ";").find(";x-k8s-aws-id;") == std::string::npos) {
    return rejected("client did not sign the x-k8s-aws-id header in the pre-signed URL");
  }
  const std::string expires = get("X-Amz-Expires");
  if (!expires.empty()) {
    const bool digits = std::all_of(expires.begin(), expires.end(),
                                    [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits || expires.size() > 4 || std::stoi(expires) > 900) {
      return rejected("invalid X-Amz-Expires parameter in pre-signed URL: " + expires);
    }
  }
  const auto date = parse_amz_date(get("X-Amz-Date"));
  if (!date) {
    return rejected("X-Amz-Date parameter must be present in pre-signed URL");
  }
  if (now > *date + k_presign_validity) {
    return bad_format("X-Amz-Date parameter is expired (15 minute expiration) " + get("X-Amz-Date"));
  }
  out.signed_at = *date;
  const std::string credential = get("X-Amz-Credential");
  out.access_key_id = credential.substr(0, credential.find('/'));
  if (out.access_key_id.empty()) {
    return rejected("X-Amz-Credential parameter must be present in pre-signed URL");
  }
  out.session_token = get("X-Amz-Security-Token");
  return out;
}

bool signature_matches(const ParsedToken& token, std::string_view secret_key,
                       std::string_view cluster_name) {
  const auto it = token.query.find("X-Amz-Signature");
  const auto date = token.query.find("X-Amz-Date");
  if (it == token.query.end() || date == token.query.end()) {
    return false;
  }
  const std::string credential = token.query.count("X-Amz-Credential") != 0
                                     ? token.query.at("X-Amz-Credential")
                                     : std::string();
  // Scope region from the credential ("AKID/20261129/us-east-1/sts/aws4_request").
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const auto slash = credential.find('/', start);
    parts.push_back(credential.substr(start, slash - start));
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  if (parts.size() != 5) {
    return false;
  }
  const std::string expected =
      signature_for(token.query, token.host, secret_key, date->second, parts[2], cluster_name);
  return expected == it->second;
}

}  // namespace sandbox
