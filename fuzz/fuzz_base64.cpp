// Base64 as kubeconfig []byte fields and EKS tokens use it. Properties: decoding what we encoded
// gives the bytes back (standard and URL-safe), and what the kubeconfig loader accepts
// (base64_decode, Go's rules) the API client decodes to the same bytes (decode_base64).
#include <string>

#include "fuzz/fuzz_common.hpp"
#include "lib/util/base64.hpp"
#include "lib/kube/client.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const std::string_view text = fuzz::text_of(data, size);
  Base64Error error;
  const auto decoded = base64_decode(text, &error);
  if (!decoded) {
    fuzz::require(error.offset <= text.size(), "the error offset is inside the input");
  }
  (void)base64url_decode(text);
  const auto via_client = decode_base64(text);
  if (decoded) {
    fuzz::require(via_client.ok() && *via_client == *decoded, "decode_base64 decodes what base64_decode accepts");
  }

  const auto round = base64_decode(base64_encode(text));
  fuzz::require(round && *round == text, "standard base64 round trip");
  const auto round_url = base64url_decode(base64url_encode_nopad(text));
  fuzz::require(round_url && *round_url == text, "URL-safe base64 round trip");
  return 0;
}
