// get nodes printing against kubectl 1.32's byte-exact transcripts (G01-G07, G11-G13).
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "lib/kube/node_printer.hpp"
#include "lib/util/timefmt.hpp"
#include "support/transcript.hpp"

using namespace std::chrono_literals;
using eks::NodeListKind;
using eks::NodeListResult;
using eks::NodeOutput;
using eks::test::transcript_stdout;
using eks::test::without_rc_lines;

namespace {

NodeListResult table_fixture() {
  NodeListResult list;
  list.kind = NodeListKind::table;
  list.object = nlohmann::json::parse(eks::test::read_text_file(std::string(EKS_SSO_TEST_DATA_DIR) + "/eks/nodes-table.fake.json"));
  return list;
}

// The NodeList the transcripts' server returned, rebuilt from G05's output: kubectl added
// apiVersion/kind to each item and wrapped them in a List.
NodeListResult nodelist_from_g05() {
  nlohmann::json printed = nlohmann::json::parse(transcript_stdout("G05-get-nodes-json.txt").substr(0, 14510));
  NodeListResult list;
  list.kind = NodeListKind::list;
  list.object = {{"kind", "NodeList"}, {"apiVersion", "v1"}, {"metadata", {{"resourceVersion", "987654"}}}};
  list.object["items"] = nlohmann::json::array();
  for (auto item : printed["items"]) {
    item.erase("apiVersion");
    item.erase("kind");
    list.object["items"].push_back(item);
  }
  return list;
}

std::string print(const NodeListResult& list, NodeOutput output, bool no_headers = false,
                  eks::TimePoint now = {}) {
  eks::NodePrintOptions options;
  options.output = output;
  options.no_headers = no_headers;
  options.now = now;
  auto printed = eks::print_nodes(list, options);
  REQUIRE(printed.ok());
  return printed->out;
}

eks::TimePoint at(const char* rfc3339) { return eks::parse_rfc3339(rfc3339).value(); }

}  // namespace

TEST_CASE("node_printer: G01 table") {
  CHECK(print(table_fixture(), NodeOutput::table) == without_rc_lines(transcript_stdout("G01-get-nodes-table.txt")));
}

TEST_CASE("node_printer: G02 wide shows priority-1 columns") {
  CHECK(print(table_fixture(), NodeOutput::wide) == without_rc_lines(transcript_stdout("G02-get-nodes-wide.txt")));
}

TEST_CASE("node_printer: G03 --no-headers") {
  const std::string all = transcript_stdout("G03-get-nodes-no-headers.txt");
  CHECK(print(table_fixture(), NodeOutput::table, true) == all.substr(0, all.find("rc=0\n")));
}

TEST_CASE("node_printer: G04 -o name, from a NodeList or a Table") {
  const std::string expected = without_rc_lines(transcript_stdout("G04-get-nodes-name.txt"));
  CHECK(print(nodelist_from_g05(), NodeOutput::name) == expected);
  CHECK(print(table_fixture(), NodeOutput::name) == expected);
}

TEST_CASE("node_printer: G05 -o json byte-exact") {
  CHECK(print(nodelist_from_g05(), NodeOutput::json) == without_rc_lines(transcript_stdout("G05-get-nodes-json.txt")));
}

TEST_CASE("node_printer: G06 -o yaml byte-exact") {
  CHECK(print(nodelist_from_g05(), NodeOutput::yaml) == without_rc_lines(transcript_stdout("G06-get-nodes-yaml.txt")));
}

TEST_CASE("node_printer: G07 one row narrows the columns") {
  NodeListResult list = table_fixture();
  nlohmann::json row = list.object["rows"][1];
  list.object["rows"] = nlohmann::json::array({row});
  const std::string all = transcript_stdout("G07-get-node-single.txt");
  CHECK(print(list, NodeOutput::table) == all.substr(0, all.find("rc=0\n")));
}

TEST_CASE("node_printer: G11 NodeList fallback prints NAME and AGE, even with wide") {
  const std::string all = transcript_stdout("G11-get-nodes-no-table-fallback.txt");
  const std::string expected = all.substr(0, all.find("rc=0\n"));
  const eks::TimePoint now = at("2026-11-29T16:12:35Z");
  CHECK(print(nodelist_from_g05(), NodeOutput::table, false, now) == expected);
  CHECK(print(nodelist_from_g05(), NodeOutput::wide, false, now) == expected);
}

TEST_CASE("node_printer: G12 ages through HumanDuration") {
  // Node names encode the age in seconds; "future-Ns" nodes were created N seconds ahead. The
  // transcript's clock was mid-second, hence "0s" for future-2s.
  const eks::TimePoint base = at("2026-11-29T16:00:00Z");
  const eks::TimePoint now = base + 500ms;
  const long long ages[] = {0, 1, 59, 119, 120, 123, 599, 600, 601, 3599, 10799, 10800, 10860, 28799, 28800,
                            172799, 172800, 176400, 691199, 691200, 63071999, 63072000, 63158400, 252287999, 252288000};
  NodeListResult list;
  list.kind = NodeListKind::list;
  list.object = {{"kind", "NodeList"}, {"items", nlohmann::json::array()}};
  int index = 0;
  for (const long long age : ages) {
    char name[64];
    std::snprintf(name, sizeof(name), "age-%02d-%llds", index++, age);
    list.object["items"].push_back(
        {{"metadata", {{"name", name}, {"creationTimestamp", eks::format_rfc3339(base - std::chrono::seconds(age))}}}});
  }
  for (const int ahead : {2, 1}) {
    list.object["items"].push_back({{"metadata",
                                     {{"name", "future-" + std::to_string(ahead) + "s"},
                                      {"creationTimestamp", eks::format_rfc3339(base + std::chrono::seconds(ahead))}}}});
  }
  CHECK(print(list, NodeOutput::table, false, now) == without_rc_lines(transcript_stdout("G12-age-humanduration.txt")));
}

TEST_CASE("node_printer: G13 zero rows") {
  NodeListResult table = table_fixture();
  table.object["rows"] = nlohmann::json::array();
  eks::NodePrintOptions options;
  auto printed = eks::print_nodes(table, options);
  REQUIRE(printed.ok());
  CHECK(printed->out.empty());
  CHECK(printed->no_resources);

  NodeListResult list;
  list.kind = NodeListKind::list;
  list.object = {{"kind", "NodeList"}, {"items", nlohmann::json::array()}};
  options.output = NodeOutput::name;
  printed = eks::print_nodes(list, options);
  REQUIRE(printed.ok());
  CHECK(printed->out.empty());
  CHECK_FALSE(printed->no_resources);

  const std::string all = transcript_stdout("G13-get-nodes-empty.txt");
  const std::string json = without_rc_lines(all);
  CHECK(print(list, NodeOutput::json) == json);
  CHECK(eks::empty_node_list_output(NodeOutput::json) == json);  // G10: printed even after a 403
  CHECK(eks::empty_node_list_output(NodeOutput::yaml) == "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
  CHECK(eks::empty_node_list_output(NodeOutput::table).empty());
}

TEST_CASE("node_printer: odd Tables never crash") {
  NodeListResult list;
  list.kind = NodeListKind::table;
  list.object = nlohmann::json::parse(R"({"kind":"Table",
    "columnDefinitions":[{"name":"Name","priority":0},{"name":"Count"},{"name":"x","priority":"high"},
                         {"name":"Hidden","priority":1}, 7],
    "rows":[{"cells":["a\nb",3,null,"h"]},
            {"cells":[{"k":"v","a":1},[1,"x"],true,"h","extra","more"]},
            {"cells":"nope"},
            7,
            {"cells":["\u001b[31mred",1.5,2.0]}]})");
  // A column definition that is not an object still counts (empty header); the cells past the
  // last column are dropped; priority of the wrong type is 0; rows without cells are empty lines.
  const std::string out = print(list, NodeOutput::table);
  CHECK(out ==
        "NAME           COUNT   X     \n"
        "a...           3       \n"
        "map[a:1 k:v]   [1 x]   true   extra\n"
        "\n"
        "\n"
        "^[[31mred      1.5     2\n");
  CHECK(eks::format_table_cell("x\r\ny") == "x...");
  CHECK(eks::format_table_cell(nlohmann::json(1e21)) == "1e+21");
  NodeListResult garbage;
  garbage.kind = NodeListKind::list;
  garbage.object = nlohmann::json::parse(R"({"items":[5,{"metadata":"x"},{"metadata":{"name":7,"creationTimestamp":"never"}}]})");
  CHECK(print(garbage, NodeOutput::table) == "NAME   AGE\n       <unknown>\n       <unknown>\n       <unknown>\n");
  CHECK(print(garbage, NodeOutput::name) == "node/\nnode/\nnode/\n");
  CHECK_FALSE(eks::print_nodes(list, {NodeOutput::json, false, {}}).ok());
}
