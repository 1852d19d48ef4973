// The fast YAML reader (lib/formats/yaml_subset.hpp) against libyaml: whenever the fast reader accepts an
// input, libyaml must accept it too and build the same tree (kinds, values, styles, positions).
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_common.hpp"
#include "lib/formats/yaml_doc.hpp"
#include "lib/formats/yaml_subset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const std::string_view text = fuzz::text_of(data, size);
  const auto fast = parse_yaml_subset(text, 1000);
  if (!fast) {
    return 0;
  }
  const auto reference = parse_yaml_libyaml(text, "fuzz", ErrorKind::config);
  if (!reference) {
    std::fprintf(stderr, "fast reader accepted what libyaml refuses: %s\n", reference.error().message.c_str());
    std::abort();
  }
  if (const std::string diff = yaml_difference(*fast, *reference); !diff.empty()) {
    std::fprintf(stderr, "fast reader and libyaml differ: %s\n", diff.c_str());
    std::abort();
  }
  return 0;
}
