// Go's output encoders as kubectl uses them for unstructured objects (-o json / -o yaml):
// - encoding/json MarshalIndent: keys sorted bytewise, HTML-safe escaping (<, >, & as \u003c...),
//   \u2028/\u2029 escaped, integral numbers as integers.
// - sigs.k8s.io/yaml -> go-yaml v2: keys in go-yaml's "natural" order, 2-space indent, sequences
//   in mappings not indented, strings quoted when they would read back as another type (YAML 1.1
//   bools, null, numbers, timestamps), single quotes for indicator characters, double quotes for
//   special characters, literal blocks for multi-line strings, folding past column 80.
// - fmt.Sprint of JSON values (Table cells).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace eks {

// json.MarshalIndent(value, "", indent) without the trailing newline.
[[nodiscard]] std::string go_json_marshal_indent(const nlohmann::json& value, std::string_view indent = "    ");

// A JSON string literal as Go's encoder writes it (quotes included).
[[nodiscard]] std::string go_json_quote(std::string_view text);

// fmt's %q (strconv.Quote) as client-go uses it in messages: escapes for control characters
// (\a \b \f \n \r \t \v, else \xXX; C1 controls and U+2028/2029 as \uXXXX) and invalid UTF-8
// bytes (\xXX). Other non-printable runes (which Go escapes by its Unicode tables) are kept.
[[nodiscard]] std::string go_quote(std::string_view text);

// sigs.k8s.io/yaml.Marshal(value): the document, ending with a newline.
[[nodiscard]] std::string go_yaml_marshal(const nlohmann::json& value);

// sigs.k8s.io/yaml.Marshal is json.Marshal, then go-yaml v2 reads that JSON text back as YAML
// (JSONToYAML) before it writes YAML. json.Marshal leaves U+0085 (NEL) raw, and go-yaml's scanner
// folds a raw line break inside a double-quoted scalar: the run of spaces and NELs around it
// becomes one space (one NEL) or n-1 line feeds (n NELs). Every other character survives the trip
// (\t \n \r U+2028 U+2029 are escaped by json.Marshal). go_yaml_json_round_trip applies this to
// every key and string of `value`.
[[nodiscard]] std::string go_yaml_fold_raw_breaks(std::string_view text);
[[nodiscard]] nlohmann::json go_yaml_json_round_trip(const nlohmann::json& value);

// go-yaml v2 encode.go stringv's encoding decision: the string is double-quoted because, written
// plain, it would read back as another type (resolve() gives no !!str, or a base-60 float).
[[nodiscard]] bool go_yaml_needs_quotes(std::string_view text);

// The plain scalar go-yaml writes for a JSON number after sigs.k8s.io/yaml's JSON round trip:
// integers and integral floats as integers, other floats as strconv.FormatFloat(f, 'g', -1, 64).
[[nodiscard]] std::string go_yaml_number_text(const nlohmann::json& number);

// go-yaml v2's map key order (keyList.Less) for string keys.
[[nodiscard]] bool go_yaml_key_less(std::string_view a, std::string_view b);

// fmt.Sprint of a decoded JSON value: numbers as %v, bools, "map[k:v]", "[a b]", "<nil>".
[[nodiscard]] std::string go_sprint(const nlohmann::json& value);

// strconv.FormatFloat(f, 'g', -1, 64) (also fmt's %v).
[[nodiscard]] std::string go_format_float_g(double value);

}  // namespace eks
