#include "lib/kube/node_printer.hpp"

#include <cctype>

#include "lib/formats/go_format.hpp"
#include "lib/formats/tabwriter.hpp"
#include "lib/util/timefmt.hpp"

namespace eks {
namespace {

const nlohmann::json& array_at(const nlohmann::json& object, const char* key) {
  static const nlohmann::json k_empty = nlohmann::json::array();  // const: not mutable state
  if (!object.is_object()) {
    return k_empty;
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : k_empty;
}

std::string string_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) {
    return "";
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const nlohmann::json* object_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) {
    return nullptr;
  }
  const auto it = object.find(key);
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

std::string item_name(const nlohmann::json& item) {
  const nlohmann::json* metadata = object_at(item, "metadata");
  return metadata != nullptr ? string_at(*metadata, "name") : std::string();
}

std::string upper(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

// cli-runtime terminal escaping: ESC -> "^[", CR -> "\r" (two characters).
std::string escape_terminal(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\x1b') {
      out += "^[";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

std::string print_table(const nlohmann::json& table, const NodePrintOptions& options, bool& empty) {
  const bool wide = options.output == NodeOutput::wide;
  const nlohmann::json& columns = array_at(table, "columnDefinitions");
  const nlohmann::json& rows = array_at(table, "rows");
  empty = rows.empty();
  if (empty) {
    return "";
  }
  std::vector<bool> shown;
  std::string text;
  std::vector<std::string> headers;
  for (const auto& column : columns) {
    const auto priority = column.is_object() ? column.find("priority") : column.end();
    const bool low_priority = column.is_object() && priority != column.end() && priority->is_number() &&
                              priority->get<double>() != 0;
    shown.push_back(!low_priority || wide);
    if (shown.back()) {
      headers.push_back(upper(string_at(column, "name")));
    }
  }
  if (!options.no_headers) {
    for (size_t i = 0; i < headers.size(); ++i) {
      text += (i > 0 ? "\t" : "") + headers[i];
    }
    text += "\n";
  }
  for (const auto& row : rows) {
    const nlohmann::json& cells = array_at(row, "cells");
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i >= shown.size()) {
        break;  // more cells than columns (issue 66379): ignore the extra ones
      }
      if (!shown[i]) {
        continue;
      }
      if (i != 0) {
        text += "\t";
      }
      text += format_table_cell(cells[i]);
    }
    text += "\n";
  }
  return tabwrite(text);
}

// kubectl's default printer for a list it could not get as a Table: NAME and AGE.
std::string print_list_fallback(const nlohmann::json& list, const NodePrintOptions& options, bool& empty) {
  const nlohmann::json& items = array_at(list, "items");
  empty = items.empty();
  if (empty) {
    return "";
  }
  std::string text = options.no_headers ? "" : "NAME\tAGE\n";
  for (const auto& item : items) {
    const nlohmann::json* metadata = object_at(item, "metadata");
    std::string age = "<unknown>";
    if (metadata != nullptr) {
      const std::optional<TimePoint> created = parse_rfc3339(string_at(*metadata, "creationTimestamp"));
      if (created) {
        age = human_duration(options.now - *created);
      }
    }
    text += escape_terminal(item_name(item)) + "\t" + age + "\n";
  }
  return tabwrite(text);
}

nlohmann::json as_list_object(const nlohmann::json& list) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : array_at(list, "items")) {
    nlohmann::json copy = item.is_object() ? item : nlohmann::json::object();
    if (!copy.contains("apiVersion")) {
      copy["apiVersion"] = "v1";
    }
    if (!copy.contains("kind")) {
      copy["kind"] = "Node";
    }
    items.push_back(std::move(copy));
  }
  return nlohmann::json{{"apiVersion", "v1"}, {"items", std::move(items)}, {"kind", "List"},
                        {"metadata", {{"resourceVersion", ""}}}};
}

}  // namespace

std::string format_table_cell(const nlohmann::json& cell) {
  if (cell.is_null()) {
    return "";
  }
  if (!cell.is_string()) {
    return escape_terminal(go_sprint(cell));
  }
  const std::string& value = cell.get_ref<const std::string&>();
  const size_t cut = value.find_first_of("\f\n\r");
  if (cut == std::string::npos) {
    return escape_terminal(value);
  }
  return escape_terminal(std::string_view(value).substr(0, cut)) + "...";
}

Result<PrintedNodes> print_nodes(const NodeListResult& list, const NodePrintOptions& options) {
  PrintedNodes printed;
  const bool is_table = list.kind == NodeListKind::table;
  switch (options.output) {
    case NodeOutput::table:
    case NodeOutput::wide: {
      bool empty = false;
      printed.out = is_table ? print_table(list.object, options, empty) : print_list_fallback(list.object, options, empty);
      printed.no_resources = empty;
      return printed;
    }
    case NodeOutput::name: {
      const nlohmann::json& entries = array_at(list.object, is_table ? "rows" : "items");
      for (const auto& entry : entries) {
        std::string name;
        if (is_table) {
          const nlohmann::json* object = object_at(entry, "object");
          name = object != nullptr ? item_name(*object) : std::string();
          const nlohmann::json& cells = array_at(entry, "cells");
          if (name.empty() && !cells.empty() && cells[0].is_string()) {
            name = cells[0].get<std::string>();
          }
        } else {
          name = item_name(entry);
        }
        printed.out += "node/" + name + "\n";
      }
      return printed;
    }
    case NodeOutput::json:
    case NodeOutput::yaml: {
      if (is_table) {
        return make_error(ErrorKind::general, "cannot print a Table as " +
                                                  std::string(options.output == NodeOutput::json ? "json" : "yaml") +
                                                  ": request the nodes with Accept: application/json");
      }
      const nlohmann::json object = as_list_object(list.object);
      printed.out = options.output == NodeOutput::json ? go_json_marshal_indent(object) + "\n" : go_yaml_marshal(object);
      return printed;
    }
  }
  return printed;
}

std::string empty_node_list_output(NodeOutput output) {
  if (output != NodeOutput::json && output != NodeOutput::yaml) {
    return "";
  }
  NodeListResult empty;
  empty.kind = NodeListKind::list;
  empty.object = nlohmann::json{{"items", nlohmann::json::array()}};
  NodePrintOptions options;
  options.output = output;
  Result<PrintedNodes> printed = print_nodes(empty, options);
  return printed ? printed->out : std::string();
}

}  // namespace eks
