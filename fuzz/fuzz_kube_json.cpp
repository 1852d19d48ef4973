// Answers from a Kubernetes API server. Input: 2 bytes HTTP status (big-endian), 1 byte output
// format selector, then the body. The body goes through error_from_response (a Status or
// anything else) and, when it is JSON, through print_nodes as a Table and as a NodeList in the
// selected output format (table, wide, name, json, yaml; bit 3 = --no-headers).
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_common.hpp"
#include "lib/kube/client.hpp"
#include "lib/kube/node_printer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace eks;
  if (size < 3) {
    return 0;
  }
  const int status = (data[0] << 8) | data[1];
  const std::uint8_t selector = data[2];
  const std::string_view body = fuzz::text_of(data + 3, size - 3);
  (void)error_from_response(status, body);

  nlohmann::json object = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    return 0;
  }
  NodePrintOptions options;
  options.output = static_cast<NodeOutput>((selector & 7) % 5);
  options.no_headers = (selector & 8) != 0;
  options.now = fuzz::fixed_now();
  for (const NodeListKind kind : {NodeListKind::table, NodeListKind::list}) {
    NodeListResult list;
    list.kind = kind;
    list.object = object;
    list.pages = 1;
    (void)print_nodes(list, options);
  }
  if (object.is_array()) {
    for (const auto& cell : object) {
      (void)format_table_cell(cell);
    }
  }
  return 0;
}
