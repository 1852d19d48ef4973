#include <doctest/doctest.h>

#include "lib/formats/yaml_doc.hpp"
#include "lib/formats/yaml_json.hpp"
#include "lib/formats/yaml_subset.hpp"

using eks::ErrorKind;
using eks::parse_yaml;
using eks::YamlLimits;
using eks::YamlNode;

namespace {

YamlNode ok(std::string_view text) {
  auto r = parse_yaml(text, "t.yaml", ErrorKind::config);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return std::move(*r);
}

std::string err(std::string_view text, const YamlLimits& limits = {}) {
  auto r = parse_yaml(text, "t.yaml", ErrorKind::general, limits);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == ErrorKind::general);
  return r.error().message;
}

}  // namespace

TEST_CASE("yaml_doc: mappings, sequences and scalars with their positions") {
  const YamlNode root = ok("a: 1\nlist:\n  - x\n  - {k: v}\nflow: [p, 'q']\n");
  REQUIRE(root.is_mapping());
  REQUIRE(root.items.size() == 6);
  REQUIRE(root.get("a") != nullptr);
  CHECK(root.get("a")->value == "1");
  CHECK(root.get("a")->plain);
  CHECK(root.get("a")->mark.line == 0);
  CHECK(root.get("a")->mark.column == 3);
  const YamlNode* list = root.get("list");
  REQUIRE(list != nullptr);
  REQUIRE(list->is_sequence());
  REQUIRE(list->items.size() == 2);
  CHECK(list->items[0].value == "x");
  CHECK(list->items[0].mark.line == 2);
  CHECK(list->items[1].get("k")->value == "v");
  const YamlNode* flow = root.get("flow");
  REQUIRE(flow != nullptr);
  CHECK(flow->items[0].plain);
  CHECK_FALSE(flow->items[1].plain);  // quoted
  CHECK(root.get("missing") == nullptr);
  CHECK(list->get("x") == nullptr);  // not a mapping
}

TEST_CASE("yaml_doc: null, quoted and tagged scalars") {
  const YamlNode root = ok("a:\nb: ~\nc: null\nd: 'null'\ne: \"\"\nf: !!str null\ng: !!null x\nh: NULL\n");
  CHECK(root.get("a")->is_null());
  CHECK(root.get("b")->is_null());
  CHECK(root.get("c")->is_null());
  CHECK(root.get("h")->is_null());
  CHECK_FALSE(root.get("d")->is_null());
  CHECK(root.get("d")->is_scalar());
  CHECK_FALSE(root.get("e")->is_null());  // a quoted empty string is a string
  CHECK_FALSE(root.get("f")->is_null());
  CHECK(root.get("f")->tag == "tag:yaml.org,2002:str");
  CHECK(root.get("g")->is_null());
}

TEST_CASE("yaml_doc: block scalars, a BOM, the first key of a duplicate and the first document") {
  const YamlNode root = ok("\xEF\xBB\xBFtext: |\n  line one\n  line two\nk: first\nk: second\n---\nother: doc\n");
  CHECK(root.get("text")->value == "line one\nline two\n");
  CHECK_FALSE(root.get("text")->plain);
  CHECK(root.get("k")->value == "first");
  CHECK(root.get("other") == nullptr);
}

TEST_CASE("yaml_doc: empty text and empty documents are null") {
  CHECK(ok("").is_null());
  CHECK(ok("# only a comment\n").is_null());
  CHECK(ok("---\n").is_null());
}

TEST_CASE("yaml_doc: anchors and aliases are copied; cycles and floods are refused") {
  const YamlNode root = ok("base: &b {server: s, n: 1}\nuse: *b\nname: &n x\nagain: *n\n");
  REQUIRE(root.get("use")->is_mapping());
  CHECK(root.get("use")->get("server")->value == "s");
  CHECK(root.get("again")->value == "x");

  CHECK(err("a: *nope\n") == "t.yaml:1:4: unknown anchor 'nope' referenced");
  CHECK(err("a: &x [*x]\n") == "t.yaml:1:8: anchor 'x' value contains itself");
  YamlLimits small;
  small.max_nodes = 50;
  CHECK(err("a: &a [x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a]\n", small) ==
        "t.yaml:2:17: document contains excessive aliasing");
}

TEST_CASE("yaml_doc: nesting is bounded") {
  YamlLimits limits;
  limits.max_depth = 3;
  CHECK(ok("[[[x]]]").is_sequence());
  CHECK(err("[[[[x]]]]", limits) == "t.yaml:1:4: nesting deeper than 3 levels");
  // The default bound keeps the recursive walkers and destructors of the tree within the stack.
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  CHECK(err(deep) == "t.yaml:1:1001: nesting deeper than 1000 levels");
}

TEST_CASE("yaml_doc: syntax errors carry libyaml's (and so kubectl's) problem text and position") {
  CHECK(err("clusters:\n- name: a\n  cluster: {server: x\n") == "t.yaml:4:1: did not find expected ',' or '}'");
  CHECK(err("a: b: c\n") == "t.yaml:1:5: mapping values are not allowed in this context");
  CHECK(err("apiVersion: v1\n\tkind: Config\n") == "t.yaml:2:1: found a tab character that violates indentation");
  CHECK(err("- a\nb: c\n") == "t.yaml:2:1: did not find expected '-' indicator");
  CHECK(err("ok: 1\nbad: \x01\n") == "t.yaml:2:6: control characters are not allowed");
  CHECK(err("a: \"unterminated\n") == "t.yaml:2:1: found unexpected end of stream");
}

TEST_CASE("yaml_doc: YAML 1.1 booleans as go-yaml resolves them") {
  bool b = false;
  for (const char* t : {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"}) {
    CHECK_MESSAGE((eks::yaml_bool(t, b) && b), t);
  }
  for (const char* f : {"n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE"}) {
    CHECK_MESSAGE((eks::yaml_bool(f, b) && !b), f);
  }
  CHECK_FALSE(eks::yaml_bool("tRUE", b));
  CHECK_FALSE(eks::yaml_bool("1", b));
  CHECK_FALSE(eks::yaml_bool("", b));
}

TEST_CASE("yaml_json: sigs.k8s.io/yaml's scalar typing") {
  const YamlNode root = ok("b: yes\nq: 'yes'\ni: 42\nf: 1.5\nn: ~\ns: text\nt: !!str 7\nl: [1, '1']\nm: {k: on}\n");
  const nlohmann::json j = eks::yaml_to_json(&root);
  CHECK(j.dump() == R"({"b":true,"f":1.5,"i":42,"l":[1,"1"],"m":{"k":true},"n":null,"q":"yes","s":"text","t":"7"})");
  CHECK(eks::yaml_to_json(nullptr).is_null());
}

namespace {

// The fast reader either gives up or builds exactly libyaml's tree.
void check_subset(std::string_view text, bool expect_fast) {
  const auto fast = eks::parse_yaml_subset(text, 1000);
  CHECK_MESSAGE(fast.has_value() == expect_fast, text);
  if (!fast) {
    return;
  }
  const auto reference = eks::parse_yaml_libyaml(text, "t.yaml", ErrorKind::config);
  REQUIRE_MESSAGE(reference.ok(), text);
  CHECK_MESSAGE(eks::yaml_difference(*fast, *reference) == "", text);
}

}  // namespace

TEST_CASE("yaml_subset: what kubectl and aws eks update-kubeconfig write is read fast, as libyaml reads it") {
  check_subset(R"(apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    server: https://0123456789ABCDEF.gr7.us-east-1.eks.amazonaws.com
  name: arn:aws:eks:us-east-1:111122223333:cluster/dev
contexts:
- context:
    cluster: arn:aws:eks:us-east-1:111122223333:cluster/dev
    user: arn:aws:eks:us-east-1:111122223333:cluster/dev
  name: dev
current-context: dev
kind: Config
preferences: {}
users:
- name: arn:aws:eks:us-east-1:111122223333:cluster/dev
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --region
      - us-east-1
      - eks
      - get-token
      - --cluster-name
      - dev
      - --output
      - json
      command: aws
      env:
      - name: AWS_PROFILE
        value: dev-sso
      interactiveMode: IfAvailable
      provideClusterInfo: false
)",
               true);
  check_subset("# comment\n---\na: 1   # trailing\n\n  # indented comment\nb:\n  c: 'it''s'\n  d: \"x y\"\n", true);
  check_subset("a:\n    - x\n    -\n    - {k: v, l: [1, 'two', \"3\"]}\nb: ~\nc:\n", true);
  check_subset("a:\n  - - x\n", false);                 // nested compact sequence
  check_subset("a: &x 1\nb: *x\n", false);               // anchors
  check_subset("a: |\n  text\n", false);                 // block scalar
  check_subset("a: !!str 1\n", false);                   // tag
  check_subset("a: multi\n  line\n", false);             // continuation line
  check_subset("a: \"esc\\n\"\n", false);                // escapes
  check_subset("a:\tb\n", false);                        // tab
  check_subset("a: caf\xC3\xA9\n", false);               // non-ASCII
  check_subset("a: b: c\n", false);                      // an error: libyaml words it
  check_subset("a: 1\n b: 2\n", false);                  // bad indentation
  check_subset("a: 1\n---\nb: 2\n", false);              // a second document
  check_subset("- a\n- b\n", false);                     // a root sequence
  check_subset("", false);                               // empty
  check_subset("a: [x, y: z]\n", false);                 // a pair inside a flow sequence
  check_subset("a: [x,\n  y]\n", false);                 // a multi-line flow collection
  check_subset("a: {k: https://x}\n", false);            // ':' inside a flow plain scalar
  check_subset("a: x #c\nb: y#z\nc: -x\nd: --flag\ne: a:b\n", true);
  check_subset("k:\n- a\n- b\nl: 1\n", true);            // an indentless sequence
  check_subset("k:\n  - a\n  - b\n", true);
}
