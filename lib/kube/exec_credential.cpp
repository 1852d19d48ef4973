#include "lib/kube/exec_credential.hpp"
#include "lib/util/strings.hpp"

#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "lib/formats/yaml_doc.hpp"
#include "lib/formats/yaml_json.hpp"
#include "lib/kube/pem_pair.hpp"
#include "lib/util/redact.hpp"
#include "lib/util/timefmt.hpp"

namespace eks {

namespace {

using nlohmann::json;

constexpr std::string_view k_group = "client.authentication.k8s.io/";
constexpr std::string_view k_v1 = "client.authentication.k8s.io/v1";
constexpr std::string_view k_v1beta1 = "client.authentication.k8s.io/v1beta1";

// A JSON-quoted excerpt: the first line, at most 60 bytes, control characters escaped, secrets
// masked (the output may hold a token even when it does not parse).
std::string quote_excerpt(std::string_view raw) {
  const std::string redacted = redact_secrets(raw);
  const std::string_view text = redacted;
  std::string_view first = text.substr(0, text.find('\n'));
  std::string excerpt(first.substr(0, 60));
  if (first.size() > 60 || first.size() < text.size()) {
    excerpt += "…";
  }
  return json(excerpt).dump(-1, ' ', false, json::error_handler_t::replace);
}

// Every value quoted in a message may come from the plugin's output (apiVersion, kind, a bad
// expirationTimestamp), so it is redacted first: a token pasted into the wrong field must not be
// echoed (found by fuzz_exec_credential).
std::string quote(std::string_view text) {
  return json(redact_secrets(text)).dump(-1, ' ', false, json::error_handler_t::replace);
}

Error credential_error(std::string_view command, std::string what, std::string client_go_text = "") {
  std::vector<std::string> hints;
  if (!client_go_text.empty()) {
    hints.push_back("kubectl reports: getting credentials: " + client_go_text);
  }
  return make_error(ErrorKind::general, fmt::format("exec plugin {} {}", quote(command), what), std::move(hints));
}

constexpr std::string_view k_not_an_object_text = "decoding stdout: couldn't get version/kind; json parse error";

// Output that decodes but is no ExecCredential object; noise printed before the JSON gets its hint.
Error not_an_object(std::string_view text, std::string_view command, std::string client_go_text) {
  Error error = credential_error(
      command, fmt::format("printed output that is not an ExecCredential object: {}", quote_excerpt(text)),
      std::move(client_go_text));
  if (text.find("\n{") != std::string_view::npos) {
    error.hints.push_back("the plugin printed other text before the JSON; only the ExecCredential may go to stdout");
  }
  if (command.rfind("aws ", 0) == 0 || command.find("/aws ") != std::string_view::npos) {
    error.hints.push_back(
        "if the AWS profile sets \"output = text\" or \"table\", add \"--output\", \"json\" to the exec args");
  }
  return error;
}

// Decodes JSON, else YAML, as client-go's UniversalDecoder does: sigs.k8s.io/yaml turns YAML into
// JSON with go-yaml's YAML 1.1 scalars (so `token: 123` is a number, not a string) and words a
// syntax error as go-yaml does. `raw` is stdout as printed (YAML's indentation and go-yaml's line
// numbers depend on every byte); `text` is it trimmed, for the messages.
Result<json> decode(std::string_view raw, std::string_view text, std::string_view command) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_discarded()) {
    return doc;
  }
  YamlFailure failure;
  auto yaml = parse_yaml(raw, "stdout", ErrorKind::general, {}, &failure);
  if (yaml.ok()) {
    return yaml_to_json(&*yaml);
  }
  if (failure.reader) {
    // Bytes libyaml refuses (control characters, invalid UTF-8) reach kubectl's decoder as one
    // string (kubectl 1.32 on "\x07", "x\x07", binary noise: docs/spec/kube.md 2.7).
    return not_an_object(text, command, std::string(k_not_an_object_text));
  }
  std::string client_go_text = "decoding stdout: " + go_yaml_error_text(failure);
  if (text.find("\n{") != std::string_view::npos) {
    return not_an_object(text, command, std::move(client_go_text));  // JSON after other text
  }
  return credential_error(command,
                          fmt::format("printed output that is neither JSON nor YAML (line {}, column {}: {}): {}",
                                      failure.where.line + 1, failure.where.column + 1,
                                      failure.problem, quote_excerpt(text)),
                          std::move(client_go_text));
}

// A string field: absent/null → "", other types → error.
Result<std::string> string_field(const json& obj, const char* key, std::string_view where, std::string_view command) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    return std::string();
  }
  if (!it->is_string()) {
    // The type only: the value may be a secret.
    return credential_error(command, fmt::format("returned {}{} as {}, not a string", where, key, it->type_name()));
  }
  return it->get<std::string>();
}

}  // namespace

std::string ExecCredential::masked_token() const { return mask_token(token); }

Result<ExecCredential> parse_exec_credential(std::string_view stdout_text, std::string_view requested_api_version,
                                             std::string_view command, TimePoint now) {
  const std::string_view text = trim_view(stdout_text);
  const std::string internal_mismatch =
      fmt::format("exec plugin is configured to use API version {}, plugin returned version {}__internal",
                  requested_api_version, k_group);
  if (text.empty()) {
    return credential_error(command,
                            fmt::format("printed nothing on stdout; expected an ExecCredential with apiVersion {}",
                                        quote(requested_api_version)),
                            internal_mismatch);
  }
  TRY_ASSIGN(json decoded, decode(stdout_text, text, command));
  const json& doc = decoded;
  // Without any ExecCredential field it is not one.
  if (!doc.is_object() || (!doc.contains("apiVersion") && !doc.contains("kind") && !doc.contains("status"))) {
    return not_an_object(text, command, std::string(k_not_an_object_text));
  }
  TRY_ASSIGN(std::string api_version, string_field(doc, "apiVersion", "", command));
  TRY_ASSIGN(std::string kind, string_field(doc, "kind", "", command));
  // Unknown versions fail in the decoder, before the version comparison (client-go's order).
  if (!api_version.empty() && api_version != k_v1 && api_version != k_v1beta1) {
    return credential_error(command,
                            fmt::format("returned unsupported apiVersion {}; expected {}", quote(api_version),
                                        quote(requested_api_version)),
                            fmt::format("decoding stdout: no kind \"{}\" is registered for version \"{}\" in scheme "
                                        "\"pkg/client/auth/exec/exec.go:62\"",
                                        kind.empty() ? "ExecCredential" : redact_secrets(kind),
                                        redact_secrets(api_version)));
  }
  if (!kind.empty() && kind != "ExecCredential") {
    return credential_error(command, fmt::format("returned kind {}; expected \"ExecCredential\"", quote(kind)),
                            fmt::format("decoding stdout: no kind \"{}\" is registered for version \"{}\" in scheme "
                                        "\"pkg/client/auth/exec/exec.go:62\"",
                                        redact_secrets(kind), redact_secrets(api_version)));
  }
  const auto status_it = doc.find("status");
  const bool has_status = status_it != doc.end() && !status_it->is_null();
  if (has_status && !status_it->is_object()) {
    return credential_error(command, "returned a status that is not an object");
  }
  const json empty_status = json::object();
  const json& status = has_status ? *status_it : empty_status;

  // The timestamp is parsed while decoding, so its error comes before the version check.
  ExecCredential cred;
  TRY_ASSIGN(std::string expiration, string_field(status, "expirationTimestamp", "status.", command));
  if (status.contains("expirationTimestamp") && !status["expirationTimestamp"].is_null()) {
    cred.expiration = parse_rfc3339_strict(expiration);
    if (!cred.expiration) {
      return credential_error(
          command,
          fmt::format("returned status.expirationTimestamp {}, which is not an RFC 3339 time like "
                      "\"2026-11-29T14:08:49Z\"",
                      quote(expiration)),
          fmt::format("decoding stdout: parsing time {} as \"2006-01-02T15:04:05Z07:00\"", quote(expiration)));
    }
  }
  if (api_version.empty()) {
    return credential_error(command,
                            fmt::format("returned an ExecCredential without apiVersion; expected {}",
                                        quote(requested_api_version)),
                            internal_mismatch);
  }
  if (api_version != requested_api_version) {
    return credential_error(
        command,
        fmt::format("returned apiVersion {}, but the kubeconfig's exec section asks for {}; they must match",
                    quote(api_version), quote(requested_api_version)),
        fmt::format("exec plugin is configured to use API version {}, plugin returned version {}",
                    requested_api_version, api_version));
  }
  if (!has_status) {
    return credential_error(command, "returned an ExecCredential without a status field",
                            "exec plugin didn't return a status field");
  }
  Result<std::string> token = string_field(status, "token", "status.", command);
  Result<std::string> cert = string_field(status, "clientCertificateData", "status.", command);
  Result<std::string> key = string_field(status, "clientKeyData", "status.", command);
  for (Result<std::string>* field : {&token, &cert, &key}) {
    if (!*field) {
      return field->take_error();
    }
  }
  if (token->empty() && cert->empty() && key->empty()) {
    return credential_error(command, "returned an ExecCredential whose status has no token and no client certificate",
                            "exec plugin didn't return a token or cert/key pair");
  }
  if (cert->empty() != key->empty()) {
    return credential_error(command,
                            cert->empty() ? "returned status.clientKeyData without status.clientCertificateData"
                                          : "returned status.clientCertificateData without status.clientKeyData",
                            "exec plugin returned only certificate or key, not both");
  }
  // crypto/tls.X509KeyPair in exec.go refreshCredsLocked: the pair must parse and match.
  if (!cert->empty()) {
    const PemPairProblem problem = check_pem_pair(*cert, *key);
    if (!problem.go_error.empty()) {
      return credential_error(
          command,
          fmt::format("returned status.{} that is not usable with status.{}: {}", problem.field,
                      problem.field == "clientKeyData" ? "clientCertificateData" : "clientKeyData", problem.go_error),
          "failed parsing client key/certificate: " + problem.go_error);
    }
  }
  // Already expired: client-go uses it for this request and runs the plugin again next time.
  cred.expired = cred.expiration && *cred.expiration < now;
  cred.api_version = std::move(api_version);
  cred.token = std::move(*token);
  cred.client_certificate_data = std::move(*cert);
  cred.client_key_data = std::move(*key);
  return cred;
}

}  // namespace eks
