// The AWS services' wire protocols on the sandbox's HTTPS port, as botocore speaks them (the
// models' "protocol": sso-admin and identitystore "json" 1.1 with X-Amz-Target; eks "rest-json"
// with URI labels; iam and sts "query" with XML answers). A request is AWS's when it carries a
// SigV4 Authorization header; the service and region come from its credential scope. Any
// signature is accepted (static test keys, no network): the sandbox checks shapes, not secrets.
#pragma once

#include <optional>

#include "sandbox/api.hpp"
#include "sandbox/aws_admin.hpp"

namespace sandbox {

[[nodiscard]] bool is_aws_request(const ApiRequest& request);

// The call a request makes, or an error response (unknown route, bad JSON).
struct DecodedCall {
  std::optional<AdminCall> call;
  ApiResponse error;
};
[[nodiscard]] DecodedCall decode_aws_request(const ApiRequest& request);

[[nodiscard]] ApiResponse encode_aws_reply(const AdminCall& call, const AdminReply& reply);

}  // namespace sandbox
