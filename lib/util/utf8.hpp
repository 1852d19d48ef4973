// UTF-8 validation for text read from files people edit (kubeconfig, AWS config). Go's YAML
// reader (kubectl) and Python's decoder (the AWS CLI) both refuse invalid UTF-8, and JSON output
// cannot carry it, so it is rejected where the text comes in.
#pragma once

#include <cstddef>
#include <string_view>

namespace eks {

// The offset of the first byte that does not start a valid UTF-8 sequence (bad lead byte,
// truncated or bad continuation, overlong, surrogate, above U+10FFFF), or npos when `s` is valid.
[[nodiscard]] std::size_t invalid_utf8_offset(std::string_view s);

}  // namespace eks
