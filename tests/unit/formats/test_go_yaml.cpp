// lib/formats/go_yaml.cpp against kubectl 1.32 and against libyaml's own emitter
// (tests/support/libyaml_go_yaml.hpp): complex keys, breaks in single quotes, the BOM rule, the
// JSON round trip's NEL folding, and the three inputs where libyaml and go-yaml part ways.
#include <doctest/doctest.h>

#include <string>

#include "lib/formats/go_format.hpp"
#include "support/libyaml_go_yaml.hpp"
#include "support/transcript.hpp"

namespace {

std::string yaml_of(const std::string& json) { return eks::go_yaml_marshal(nlohmann::json::parse(json)); }
std::string libyaml_of(const std::string& json) {
  return eks::test::libyaml_go_yaml_marshal(nlohmann::json::parse(json)).value_or("(refused)");
}

}  // namespace

TEST_CASE("go_yaml: kubectl's -o yaml of a ConfigMap of awkward strings, from its -o json (Y01)") {
  const std::string json = eks::test::transcript_stdout("Y01-configmap-json.txt");
  const std::string yaml = eks::test::transcript_stdout("Y01-configmap-yaml.txt");
  REQUIRE(json.size() > 1000);
  REQUIRE(yaml.size() > 1000);
  CHECK(eks::go_yaml_marshal(nlohmann::json::parse(json)) == yaml);
}

TEST_CASE("go_yaml: keys over 128 bytes or with a line break are complex keys") {
  const std::string k128(128, 'k');
  const std::string k129(129, 'k');
  CHECK(yaml_of("{\"" + k128 + "\":1}") == k128 + ": 1\n");
  CHECK(yaml_of("{\"" + k129 + "\":1}") == "? " + k129 + "\n: 1\n");
  CHECK(yaml_of("{\"" + k129 + "\":[1,{\"a\":2}]}") == "? " + k129 + "\n: - 1\n  - a: 2\n");
  CHECK(yaml_of(R"({"a\nb":{"c":1}})") == "? |-\n  a\n  b\n: c: 1\n");
  CHECK(yaml_of(R"({"x":{"a\u2028b":"v"}})") == "x:\n  ? 'a\u2028    b'\n  : v\n");
}

TEST_CASE("go_yaml: a break inside single quotes is followed by the indent, not before the closing quote") {
  CHECK(yaml_of(R"({"a":"x\u2028y"})") == "a: 'x\u2028  y'\n");
  CHECK(yaml_of(R"({"a":"x\u2028"})") == "a: 'x\u2028'\n");
  CHECK(yaml_of(R"({"a":"x\u2029\u2029y"})") == "a: 'x\u2029\u2029  y'\n");
}

TEST_CASE("go_yaml: a string that starts with U+FEFF is escaped throughout (go-yaml's is_bom)") {
  CHECK(yaml_of(R"({"a":"\ufeffx y"})") == "a: \"\\uFEFF\\x78\\x20\\x79\"\n");
  CHECK(yaml_of(R"({"a":"x\ufeff"})") == "a: \"x\\uFEFF\"\n");
}

TEST_CASE("go_yaml: raw NELs fold as JSONToYAML's reader folds them") {
  CHECK(eks::go_yaml_fold_raw_breaks("a\xC2\x85" "b") == "a b");
  CHECK(eks::go_yaml_fold_raw_breaks("a  \xC2\x85  b  c") == "a b  c");
  CHECK(eks::go_yaml_fold_raw_breaks("a \xC2\x85 \xC2\x85\xC2\x85 b") == "a\n\nb");
  CHECK(eks::go_yaml_fold_raw_breaks("\xC2\x85" "a") == " a");
  CHECK(eks::go_yaml_fold_raw_breaks("a\tb\nc  d") == "a\tb\nc  d");
  CHECK(yaml_of(R"({"a\u0085b":"c"})") == "a b: c\n");
}

TEST_CASE("go_yaml: libyaml's emitter writes the same bytes except on the three named inputs") {
  const std::string k129(129, 'k');
  for (const std::string json :
       {std::string(R"({"a":[1,2,{"b":[]}],"c":{},"d":null,"e":"true","f":"1e3","g":" lead","h":"# x"})"),
        std::string(R"({"i":"it's","j":"a: b","k":"line1\nline2\n","l":"trail \n","m":"\ttab","n":"\ud83d\ude00"})"),
        std::string(R"([[1,2],[3,[4]],{"a":1.5,"b":1e300,"c":-0.0}])"), std::string(R"("plain")"),
        "{\"" + k129 + "\":[1,{\"a\":2}],\"a\\nb\":{\"c\":1},\"x\\u2028y\":\"z\"}",
        std::string(R"({"a":"x\u2028y","w":"word word word word word word word word word word word word word word word word word word"})")}) {
    CAPTURE(json);
    CHECK_FALSE(eks::test::libyaml_known_divergence(nlohmann::json::parse(json)));
    CHECK(yaml_of(json) == libyaml_of(json));
  }
  // The three divergences (lib/formats/go_yaml.cpp's header): ours is kubectl's, libyaml's is not.
  CHECK(libyaml_of(R"({"b":"x\u2029"})") == "b: 'x\u2029  '\n");
  CHECK(yaml_of(R"({"b":"x\u2029"})") == "b: 'x\u2029'\n");
  CHECK(libyaml_of(R"({"a":"x\n\n"})") == "a: |+\n  x\n\n...\n");
  CHECK(yaml_of(R"({"a":"x\n\n"})") == "a: |+\n  x\n\n");
  CHECK(libyaml_of(R"({"a":"\ufeffx"})") == "a: \"\\uFEFFx\"\n");
  for (const char* json : {R"({"b":"x\u2029"})", R"({"a":"x\n\n"})", R"({"a":"\ufeffx"})", R"(["x\r"])"}) {
    CAPTURE(json);
    CHECK(eks::test::libyaml_known_divergence(nlohmann::json::parse(json)));
  }
}
