// Go encoders used by -o json / -o yaml: escaping, quoting, key order, folding.
#include <doctest/doctest.h>

#include <string>

#include "lib/formats/go_format.hpp"

namespace {

std::string yaml_of(const char* json) { return eks::go_yaml_marshal(nlohmann::json::parse(json)); }

}  // namespace

TEST_CASE("go_format: json is HTML-safe and Go-escaped") {
  CHECK(eks::go_json_quote("<a&b>") == "\"\\u003ca\\u0026b\\u003e\"");
  CHECK(eks::go_json_quote("tab\tnl\ncr\r\x01") == "\"tab\\tnl\\ncr\\r\\u0001\"");
  CHECK(eks::go_json_quote("\xE2\x80\xA8") == "\"\\u2028\"");
  CHECK(eks::go_json_quote("bad\xFF") == "\"bad\\ufffd\"");
  CHECK(eks::go_json_quote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");
  CHECK(eks::go_json_marshal_indent(nlohmann::json::parse(R"({"b":[],"a":{},"c":[1.5,2.0,1e21,1e-7,null,true]})")) ==
        "{\n    \"a\": {},\n    \"b\": [],\n    \"c\": [\n        1.5,\n        2,\n        1e+21,\n        1e-7,\n"
        "        null,\n        true\n    ]\n}");
}

TEST_CASE("go_format: go_quote is fmt's %q (strconv.Quote), the same loop as go_json_quote") {
  // Expected values from Go 1.22: fmt.Sprintf("%q", s).
  CHECK(eks::go_quote("a\"b\\c\n\t\r") == "\"a\\\"b\\\\c\\n\\t\\r\"");
  CHECK(eks::go_quote("\x01\x7f\x1b[31m") == "\"\\x01\\x7f\\x1b[31m\"");
  CHECK(eks::go_quote("\a\b\f\v") == "\"\\a\\b\\f\\v\"");
  CHECK(eks::go_quote("bad\xFF\xC3") == "\"bad\\xff\\xc3\"");
  CHECK(eks::go_quote("caf\xC3\xA9 <a&b>") == "\"caf\xC3\xA9 <a&b>\"");
  CHECK(eks::go_quote("\xE2\x80\xA8\xC2\x85") == "\"\\u2028\\u0085\"");
  CHECK(eks::go_quote("") == "\"\"");
  // The JSON form of the same inputs differs only where the two encoders differ.
  CHECK(eks::go_json_quote("\a\x7f") == "\"\\u0007\x7f\"");
  CHECK(eks::go_json_quote("\xC2\x85") == "\"\xC2\x85\"");
}

TEST_CASE("go_format: yaml quotes strings that would read back as another type") {
  CHECK(yaml_of(R"({"a":"true"})") == "a: \"true\"\n");
  CHECK(yaml_of(R"({"a":"yes"})") == "a: \"yes\"\n");
  CHECK(yaml_of(R"({"a":"Off"})") == "a: \"Off\"\n");
  CHECK(yaml_of(R"({"a":"~"})") == "a: \"~\"\n");
  CHECK(yaml_of(R"({"a":""})") == "a: \"\"\n");
  CHECK(yaml_of(R"({"a":"29"})") == "a: \"29\"\n");
  CHECK(yaml_of(R"({"a":"1.5"})") == "a: \"1.5\"\n");
  CHECK(yaml_of(R"({"a":"1e3"})") == "a: \"1e3\"\n");
  CHECK(yaml_of(R"({"a":".5"})") == "a: \".5\"\n");
  CHECK(yaml_of(R"({"a":"0x1F"})") == "a: \"0x1F\"\n");
  CHECK(yaml_of(R"({"a":"1_000"})") == "a: \"1_000\"\n");
  CHECK(yaml_of(R"({"a":"1:20"})") == "a: \"1:20\"\n");
  CHECK(yaml_of(R"({"a":"2026-01-02"})") == "a: \"2026-01-02\"\n");
  CHECK(yaml_of(R"({"a":"2026-11-29T16:12:05Z"})") == "a: \"2026-11-29T16:12:05Z\"\n");
  CHECK(yaml_of(R"({"a":"1930m"})") == "a: 1930m\n");
  CHECK(yaml_of(R"({"a":"v1.30.4"})") == "a: v1.30.4\n");
  CHECK(yaml_of(R"({"a":"192.168.10.21"})") == "a: 192.168.10.21\n");
  CHECK(yaml_of(R"({"a":"aws:///us-west-2a/i-0"})") == "a: aws:///us-west-2a/i-0\n");
}

TEST_CASE("go_format: yaml single quotes indicators, double quotes specials, literal for newlines") {
  CHECK(yaml_of(R"({"a":"- x"})") == "a: '- x'\n");
  CHECK(yaml_of(R"({"a":"*"})") == "a: '*'\n");
  CHECK(yaml_of(R"({"a":"x: y"})") == "a: 'x: y'\n");
  CHECK(yaml_of(R"({"a":"it's # x"})") == "a: 'it''s # x'\n");
  CHECK(yaml_of(R"({"a":" lead"})") == "a: ' lead'\n");
  CHECK(yaml_of(R"({"a":"tab\there"})") == "a: \"tab\\there\"\n");
  CHECK(yaml_of(R"({"a":"\u001b[0m"})") == "a: \"\\e[0m\"\n");
  CHECK(yaml_of("{\"a\":\"\xF0\x9F\x98\x80\"}") == "a: \"\\U0001F600\"\n");
  CHECK(yaml_of("{\"a\":\"caf\xC3\xA9\"}") == "a: caf\xC3\xA9\n");
  CHECK(yaml_of(R"({"a":"line1\nline2"})") == "a: |-\n  line1\n  line2\n");
  CHECK(yaml_of(R"({"a":"line1\n"})") == "a: |\n  line1\n");
  CHECK(yaml_of(R"({"a":"x\n","b":{"c":"y\nz"},"d":1})") == "a: |\n  x\nb:\n  c: |-\n    y\n    z\nd: 1\n");
  CHECK(yaml_of(R"({"a":"trailing \nx"})") == "a: \"trailing \\nx\"\n");
}

TEST_CASE("go_format: yaml layout") {
  CHECK(yaml_of(R"({"a":[],"b":{},"c":null,"d":1.5,"e":3,"f":false})") ==
        "a: []\nb: {}\nc: null\nd: 1.5\ne: 3\nf: false\n");
  CHECK(yaml_of(R"({"":1})") == "\"\": 1\n");
  CHECK(yaml_of(R"({"a":[[1,2],{"x":{"y":"z"},"w":[3]}]})") == "a:\n- - 1\n  - 2\n- w:\n  - 3\n  x:\n    \"y\": z\n");
  CHECK(yaml_of(R"(["a","b"])") == "- a\n- b\n");
  CHECK(yaml_of(R"("x")") == "x\n");
}

TEST_CASE("go_format: yaml folds long strings past column 80") {
  std::string words;
  for (int i = 1; i <= 20; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%sword%02d", i == 1 ? "" : " ", i);
    words += buf;
  }
  const nlohmann::json object = {{"message", words}};
  CHECK(eks::go_yaml_marshal(object) ==
        "message: word01 word02 word03 word04 word05 word06 word07 word08 word09 word10 word11\n"
        "  word12 word13 word14 word15 word16 word17 word18 word19 word20\n");
  const nlohmann::json quoted = {{"m", "x: " + words}};
  CHECK(eks::go_yaml_marshal(quoted) ==
        "m: 'x: word01 word02 word03 word04 word05 word06 word07 word08 word09 word10 word11\n"
        "  word12 word13 word14 word15 word16 word17 word18 word19 word20'\n");
}

TEST_CASE("go_format: go-yaml key order") {
  CHECK(eks::go_yaml_key_less("a2", "a10"));
  CHECK_FALSE(eks::go_yaml_key_less("a10", "a2"));
  CHECK(eks::go_yaml_key_less("node-role.kubernetes.io/worker", "node.kubernetes.io/instance-type"));
  CHECK(eks::go_yaml_key_less("kubeProxyVersion", "kubeletVersion"));
  CHECK(eks::go_yaml_key_less("_x", "ax"));
  CHECK(eks::go_yaml_key_less("a.b", "ab"));
  CHECK(eks::go_yaml_key_less("a", "ab"));
  CHECK(yaml_of(R"({"b10":1,"b9":2,"a":3})") == "a: 3\nb9: 2\nb10: 1\n");
}

TEST_CASE("go_format: fmt.Sprint and FormatFloat 'g'") {
  CHECK(eks::go_format_float_g(1.5) == "1.5");
  CHECK(eks::go_format_float_g(1e6) == "1e+06");
  CHECK(eks::go_format_float_g(123456) == "123456");
  CHECK(eks::go_format_float_g(1e-5) == "1e-05");
  CHECK(eks::go_format_float_g(0.0001) == "0.0001");
  CHECK(eks::go_sprint(nlohmann::json::parse(R"({"b":[1,"x"],"a":null})")) == "map[a:<nil> b:[1 x]]");
}
