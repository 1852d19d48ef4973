// lib/formats/go_yaml.cpp against kubectl 1.32 and against libyaml's own emitter
// (tests/support/libyaml_go_yaml.hpp): complex keys, breaks in single quotes, the BOM rule, the
// JSON round trip's NEL folding, and the three inputs where libyaml and go-yaml part ways.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "lib/formats/go_format.hpp"
#include "lib/formats/yaml_doc.hpp"
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

namespace {

// yaml-cpp as an independent reader (it shares no code with libyaml, which both our reader and
// kubectl's come from): a string node's text, and whether it was written plain (tag "?").
struct Reread {
  std::string text;
  bool plain = false;
};

Reread reread_value(const std::string& yaml) {
  const YAML::Node doc = YAML::Load(yaml);
  const YAML::Node value = doc["v"];
  return {value.Scalar(), value.Tag() == "?"};
}

}  // namespace

TEST_CASE("go_yaml: every string survives a second, independent YAML reader (yaml-cpp)") {
  // The Y01 strings, then the ones YAML 1.1 or the flow/block syntax would read as something else.
  const nlohmann::json y01 = nlohmann::json::parse(eks::test::transcript_stdout("Y01-configmap-json.txt"));
  std::vector<std::string> strings;
  for (const auto& [key, value] : y01.at("data").items()) {
    strings.push_back(value.get<std::string>());
  }
  REQUIRE(strings.size() > 10);
  for (const char* s : {"yes", "No", "on", "OFF", "y", "true", "null", "~", "", "123", "-1.5e3", "0x1F", "0o17",
                        "1_000", ".inf", "-.NaN", "2001-12-14", "12:30:45", " lead", "trail ", "a: b", "a #b", "- x",
                        "#c", "@at", "`tick", "%pct", "!bang", "&amp", "*star", "[x", "{y", "|", ">", "'q", "\"dq",
                        "?", ":", "-", "line\nbreak", "two\n\nbreaks\n", "tab\there", "ünïcödé", "\x7f"}) {
    strings.emplace_back(s);
  }
  for (const std::string& s : strings) {
    CAPTURE(s);
    // YAML 1.1 (go-yaml, libyaml) reads U+2028/U+2029 as line breaks and strips the indent after
    // them; yaml-cpp reads YAML 1.2, where they are ordinary characters. Those strings are judged
    // by the kubectl transcript above instead.
    if (s.find("\u2028") != std::string::npos || s.find("\u2029") != std::string::npos) {
      continue;
    }
    const std::string yaml = eks::go_yaml_marshal(nlohmann::json{{"v", s}});
    const Reread back = reread_value(yaml);
    // What kubectl's YAML holds: the string after sigs.k8s.io/yaml's JSON round trip (raw NELs fold).
    CHECK(back.text == eks::go_yaml_json_round_trip(nlohmann::json(s)).get<std::string>());
    // A string written plain must not be one YAML 1.1 resolves to another type.
    if (back.plain) {
      bool b = false;
      CHECK_FALSE(eks::yaml_bool(s, b));
      CHECK(s.find_first_not_of("+-.0123456789") != std::string::npos);
      CHECK(s != "~");
      CHECK(s != "null");
    }
  }
}
