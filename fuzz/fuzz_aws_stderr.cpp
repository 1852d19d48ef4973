// The AWS CLI's stderr: classification and redaction. Property: no EKS token survives
// redact_secrets ("k8s-aws-v1." is only ever followed by the mask).
#include <cctype>
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/aws/errors.hpp"
#include "lib/util/redact.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const std::string_view text = fuzz::text_of(data, size);
  const AwsFailure failure = classify_aws_stderr(text);
  (void)error_kind_for(failure.kind);
  (void)aws_error_class_name(failure.kind);
  (void)sso_login_reason_name(failure.sso_reason);
  (void)aws_endpoint_name(failure.endpoint);

  const std::string redacted = redact_secrets(text);
  const std::string_view prefix = "k8s-aws-v1.";
  for (std::size_t at = redacted.find(prefix); at != std::string::npos; at = redacted.find(prefix, at + 1)) {
    const std::size_t next = at + prefix.size();
    if (next < redacted.size()) {
      const unsigned char c = static_cast<unsigned char>(redacted[next]);
      fuzz::require(!(std::isalnum(c) != 0 || c == '_' || c == '-' || c == '='), "an EKS token survived redaction");
    }
  }
  return 0;
}
