// go-yaml v2's Marshal written through libyaml's own emitter (yaml_emitter_*), the candidate
// that issue 13 item 6 weighed against our port in lib/formats/go_yaml.cpp. It keeps go-yaml's
// encoding decisions (encode.go: key order, which strings are quoted, literal blocks for "\n",
// numbers as go-yaml writes them) and leaves layout and scalar analysis to libyaml.
// It is not the production writer: libyaml 0.2.5 differs from go-yaml v2's Go port of it on
// inputs kubectl can meet (see the header of lib/formats/go_yaml.cpp). It is the differential
// oracle of fuzz/fuzz_go_yaml.cpp and of tests/unit/formats/test_go_yaml_libyaml.cpp.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace eks::test {

// The document libyaml writes for `value`; nullopt if libyaml refused an event (invalid UTF-8).
[[nodiscard]] std::optional<std::string> libyaml_go_yaml_marshal(const nlohmann::json& value);

// Inputs on which libyaml 0.2.5 and go-yaml v2 are known to write different bytes (the two
// divergences named in lib/formats/go_yaml.cpp): some string, key or value, ends with a line
// break other than "\n" (U+0085, U+2028, U+2029, "\r"), is one line break or ends with two (a "|+" block:
// libyaml then ends the stream with "..."), or starts with U+FEFF (go-yaml escapes every character).
[[nodiscard]] bool libyaml_known_divergence(const nlohmann::json& value);

}  // namespace eks::test
