// Differential: our go-yaml v2 emitter port (lib/formats/go_yaml.cpp, go_yaml_marshal) against
// libyaml's own emitter driven with go-yaml's encoding decisions (tests/support/libyaml_go_yaml.cpp)
// on any JSON value the input parses to. Property: the two write the same bytes, except on the
// inputs where libyaml 0.2.5 and go-yaml v2 are known to differ (libyaml_known_divergence, named
// with kubectl's output in lib/formats/go_yaml.cpp's header); everywhere the port writes a
// document that ends with a line break.
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_common.hpp"
#include "lib/formats/go_format.hpp"
#include "tests/support/libyaml_go_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  const nlohmann::json value = nlohmann::json::parse(fuzz::text_of(data, size), nullptr, false);
  if (value.is_discarded()) {
    return 0;  // not JSON (or not UTF-8): kubectl's objects always are
  }
  const std::string ours = go_yaml_marshal(value);
  // A literal block may end the document on its own last break (U+2029 in "\nx\u2029", as
  // kubectl writes it); anything else ends with "\n".
  const std::string_view end(ours);
  fuzz::require(end.ends_with("\n") || end.ends_with("\r") || end.ends_with("\xC2\x85") || end.ends_with("\xE2\x80\xA8") ||
                    end.ends_with("\xE2\x80\xA9"),
                "the document ends with a line break");
  if (test::libyaml_known_divergence(value)) {
    return 0;
  }
  const auto theirs = test::libyaml_go_yaml_marshal(value);
  fuzz::require(theirs.has_value(), "libyaml accepts every JSON value");
  if (ours != *theirs) {
    std::fprintf(stderr, "--- go_yaml_marshal:\n%s--- libyaml:\n%s---\n", ours.c_str(), theirs->c_str());
  }
  fuzz::require(ours == *theirs, "go_yaml_marshal writes what libyaml's emitter writes");
  return 0;
}
