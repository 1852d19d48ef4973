// EKS bearer tokens: "k8s-aws-v1." + base64url(no padding) of a SigV4-presigned STS
// GetCallerIdentity URL (eks.md 1.1, aws.md 2.5). The fake aws mints them; the server checks them
// in the order aws-iam-authenticator does (eks.md 1.3) and then replays the signature with its own
// cluster name as x-k8s-aws-id, which is what STS does for the real authenticator.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "lib/util/clock.hpp"
#include "lib/util/result.hpp"

namespace sandbox {

inline constexpr std::string_view k_token_prefix_v1 = "k8s-aws-v1.";

struct PresignInput {
  std::string access_key_id;
  std::string secret_key;
  std::string session_token;  // empty for long-term keys
  std::string region;         // empty: global endpoint sts.amazonaws.com, signed for us-east-1
  std::string cluster_name;   // the x-k8s-aws-id header value (signed, not in the URL)
  eks::TimePoint now;
};

[[nodiscard]] std::string presign_get_caller_identity(const PresignInput& in);
[[nodiscard]] std::string make_eks_token(std::string_view presigned_url);

struct ParsedToken {
  std::string url;
  std::string host;
  std::string access_key_id;
  std::string session_token;  // X-Amz-Security-Token, may be empty
  std::string signing_region;
  eks::TimePoint signed_at;
  std::map<std::string, std::string> query;  // original keys -> decoded values
};

// Shape checks of aws-iam-authenticator's tokenVerifier.Verify, with its error texts.
[[nodiscard]] eks::Result<ParsedToken> parse_eks_token(std::string_view token, eks::TimePoint now);

// Recomputes the SigV4 signature for `cluster_name` and compares it (what STS does).
[[nodiscard]] bool signature_matches(const ParsedToken& token, std::string_view secret_key,
                                     std::string_view cluster_name);

}  // namespace sandbox
