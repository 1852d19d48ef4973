// parse_exec_credential on arbitrary plugin stdout, for both apiVersions. Property: an EKS token
// (k8s-aws-v1.…) that the input holds never appears in an error message or hint.
#include <cctype>
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/kube/exec_credential.hpp"

namespace {

// The first "k8s-aws-v1." token of at least 8 payload characters in `text`, or "".
std::string eks_token_in(std::string_view text) {
  const std::string_view prefix = "k8s-aws-v1.";
  const std::size_t at = text.find(prefix);
  if (at == std::string_view::npos) {
    return "";
  }
  std::size_t end = at + prefix.size();
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) != 0 || text[end] == '_' ||
                               text[end] == '-')) {
    ++end;
  }
  return end - at - prefix.size() >= 8 ? std::string(text.substr(at, end - at)) : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const std::string_view text = fuzz::text_of(data, size);
  const std::string token = eks_token_in(text);
  for (const char* version : {"client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1"}) {
    const auto cred = parse_exec_credential(text, version, "aws eks get-token", fuzz::fixed_now());
    if (cred) {
      (void)cred->masked_token();
      continue;
    }
    if (!token.empty()) {
      fuzz::require(cred.error().message.find(token) == std::string::npos, "token in an error message");
      for (const auto& hint : cred.error().hints) {
        fuzz::require(hint.find(token) == std::string::npos, "token in an error hint");
      }
    }
  }
  (void)mask_token(text);
  return 0;
}
