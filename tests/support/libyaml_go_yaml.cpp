// See tests/support/libyaml_go_yaml.hpp. Upstream: go-yaml v2's encoder
// https://github.com/kubernetes-sigs/yaml/blob/v1.4.0/goyaml.v2/encode.go (the events it sends)
// and libyaml's https://github.com/yaml/libyaml/blob/0.2.5/src/emitter.c (the writer).
#include "tests/support/libyaml_go_yaml.hpp"

#include <yaml.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "lib/formats/go_format.hpp"

namespace eks::test {
namespace {

int write_to_string(void* data, unsigned char* buffer, size_t size) {
  static_cast<std::string*>(data)->append(reinterpret_cast<const char*>(buffer), size);
  return 1;
}

class LibyamlWriter {
 public:
  LibyamlWriter() {
    yaml_emitter_initialize(&m_emitter);
    yaml_emitter_set_output(&m_emitter, write_to_string, &m_out);
    yaml_emitter_set_unicode(&m_emitter, 1);  // go-yaml newEncoder: yaml_emitter_set_unicode(true)
    yaml_emitter_set_width(&m_emitter, 80);   // libyaml's and go-yaml v2's default best_width
    yaml_emitter_set_indent(&m_emitter, 2);
  }
  ~LibyamlWriter() { yaml_emitter_delete(&m_emitter); }
  LibyamlWriter(const LibyamlWriter&) = delete;
  LibyamlWriter& operator=(const LibyamlWriter&) = delete;

  std::optional<std::string> marshal(const nlohmann::json& value) {
    yaml_event_t event;
    yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING);
    bool ok = emit(event);
    ok = ok && yaml_document_start_event_initialize(&event, nullptr, nullptr, nullptr, 1) && emit(event);
    ok = ok && node(value);
    ok = ok && yaml_document_end_event_initialize(&event, 1) && emit(event);
    ok = ok && yaml_stream_end_event_initialize(&event) && emit(event);
    if (!ok) {
      return std::nullopt;
    }
    return m_out;
  }

 private:
  bool emit(yaml_event_t& event) { return yaml_emitter_emit(&m_emitter, &event) != 0; }

  bool scalar(std::string_view text, yaml_scalar_style_t style) {
    yaml_event_t event;
    return yaml_scalar_event_initialize(&event, nullptr, nullptr,
                                        reinterpret_cast<yaml_char_t*>(const_cast<char*>(text.data())),
                                        static_cast<int>(text.size()), 1, 1, style) &&
           emit(event);
  }

  // encode.go stringv: literal when the text holds "\n", plain when it reads back as a string,
  // double-quoted otherwise. The emitter may still change the style (select_scalar_style).
  bool string(std::string_view text) {
    yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
    if (text.find('\n') != std::string_view::npos) {
      style = YAML_LITERAL_SCALAR_STYLE;
    } else if (go_yaml_needs_quotes(text)) {
      style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    }
    return scalar(text, style);
  }

  bool node(const nlohmann::json& value) {
    yaml_event_t event;
    switch (value.type()) {
      case nlohmann::json::value_t::object: {
        std::vector<std::string> keys;
        for (const auto& [key, item] : value.items()) {
          keys.push_back(key);
        }
        std::stable_sort(keys.begin(), keys.end(),
                         [](const std::string& a, const std::string& b) { return go_yaml_key_less(a, b); });
        if (!yaml_mapping_start_event_initialize(&event, nullptr, nullptr, 1, YAML_BLOCK_MAPPING_STYLE) ||
            !emit(event)) {
          return false;
        }
        for (const std::string& key : keys) {
          if (!string(key) || !node(value.at(key))) {
            return false;
          }
        }
        return yaml_mapping_end_event_initialize(&event) && emit(event);
      }
      case nlohmann::json::value_t::array: {
        if (!yaml_sequence_start_event_initialize(&event, nullptr, nullptr, 1, YAML_BLOCK_SEQUENCE_STYLE) ||
            !emit(event)) {
          return false;
        }
        for (const auto& item : value) {
          if (!node(item)) {
            return false;
          }
        }
        return yaml_sequence_end_event_initialize(&event) && emit(event);
      }
      case nlohmann::json::value_t::string: return string(value.get_ref<const std::string&>());
      case nlohmann::json::value_t::boolean: return scalar(value.get<bool>() ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
      case nlohmann::json::value_t::number_float: return scalar(go_yaml_number_text(value), YAML_PLAIN_SCALAR_STYLE);
      case nlohmann::json::value_t::number_integer:
      case nlohmann::json::value_t::number_unsigned: return scalar(value.dump(), YAML_PLAIN_SCALAR_STYLE);
      default: return scalar("null", YAML_PLAIN_SCALAR_STYLE);
    }
  }

  yaml_emitter_t m_emitter{};
  std::string m_out;
};

bool ends_with_other_break(std::string_view s) {
  return s.ends_with("\r") || s.ends_with("\xC2\x85") || s.ends_with("\xE2\x80\xA8") || s.ends_with("\xE2\x80\xA9");
}

bool ends_with_two_breaks(std::string_view s) {
  if (s.empty() || !(s.back() == '\n' || ends_with_other_break(s))) {
    return false;
  }
  s.remove_suffix(s.back() == '\n' || s.back() == '\r' ? 1 : s.ends_with("\xC2\x85") ? 2 : 3);
  return s.empty() || s.back() == '\n' || ends_with_other_break(s);  // "\n" alone is a "|+" block too
}

bool string_diverges(std::string_view s) {
  return ends_with_other_break(s) || ends_with_two_breaks(s) || s.starts_with("\xEF\xBB\xBF");
}

}  // namespace

std::optional<std::string> libyaml_go_yaml_marshal(const nlohmann::json& value) {
  return LibyamlWriter().marshal(go_yaml_json_round_trip(value));
}

bool libyaml_known_divergence(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      return std::any_of(value.items().begin(), value.items().end(),
                         [](const auto& item) { return string_diverges(item.key()) || libyaml_known_divergence(item.value()); });
    case nlohmann::json::value_t::array:
      return std::any_of(value.begin(), value.end(), [](const nlohmann::json& item) { return libyaml_known_divergence(item); });
    case nlohmann::json::value_t::string: return string_diverges(value.get_ref<const std::string&>());
    default: return false;
  }
}

}  // namespace eks::test
