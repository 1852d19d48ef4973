// Pure helpers of lib/kube/client.hpp: query strings, durations, Status errors, base64.
#include <cctype>
#include <map>
#include <string>

#include "lib/formats/go_format.hpp"
#include "lib/kube/client.hpp"
#include "lib/util/base64.hpp"

namespace eks {
namespace {

struct Generic {
  std::string reason;
  std::string message;
};

// client-go NewGenericServerResponse: the reason and message for a body that is not a Status.
Generic generic_for(int status, const std::string& server_message) {
  switch (status) {
    case 400: return {"BadRequest", "the server rejected our request for an unknown reason"};
    case 401: return {"Unauthorized", "the server has asked for the client to provide credentials"};
    case 403: return {"Forbidden", server_message.empty() ? "the server does not allow access to the requested resource"
                                                          : server_message};
    case 404: return {"NotFound", "the server could not find the requested resource"};
    case 405: return {"MethodNotAllowed", "the server does not allow this method on the requested resource"};
    case 406: return {"NotAcceptable", "the server was unable to respond with a content type that the client supports"};
    case 409: return {"Conflict", "the server reported a conflict"};
    case 415: return {"UnsupportedMediaType", "the server does not support the request's media type"};
    case 429: return {"TooManyRequests", "the server has received too many requests and has asked us to try again later"};
    case 503: return {"ServiceUnavailable", "the server is currently unable to handle the request"};
    case 504: return {"Timeout", "the server was unable to return a response in the time allotted, but may still be "
                                 "processing the request"};
    default: break;
  }
  if (status >= 500) {
    return {"InternalError", "an error on the server (" + go_quote(server_message) +
                                 ") has prevented the request from succeeding"};
  }
  return {"Unknown", "the server responded with the status code " + std::to_string(status) +
                         " but did not return more information"};
}

std::string string_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string query_escape(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 0xF];
    }
  }
  return out;
}

std::string nodes_list_path(const ListOptions& options, std::string_view continue_token,
                            std::chrono::milliseconds request_timeout) {
  std::map<std::string, std::string> params;  // sorted keys, as Go's url.Values.Encode
  if (!continue_token.empty()) {
    params["continue"] = std::string(continue_token);
  }
  if (!options.field_selector.empty()) {
    params["fieldSelector"] = options.field_selector;
  }
  if (!options.label_selector.empty()) {
    params["labelSelector"] = options.label_selector;
  }
  if (options.chunk_size > 0) {
    params["limit"] = std::to_string(options.chunk_size);
  }
  if (request_timeout.count() > 0) {
    params["timeout"] = go_duration(request_timeout);
  }
  std::string path = "/api/v1/nodes";
  char sep = '?';
  for (const auto& [key, value] : params) {
    path += sep + key + "=" + query_escape(value);
    sep = '&';
  }
  return path;
}

Error error_from_response(int status, std::string_view body) {
  std::string reason;
  std::string message;
  bool decoded = false;
  try {
    const auto json = nlohmann::json::parse(body);
    if (json.is_object() && string_field(json, "kind") == "Status") {
      reason = string_field(json, "reason");
      message = string_field(json, "message");
      decoded = true;
    }
  } catch (const nlohmann::json::exception&) {
    decoded = false;  // not a Status: use client-go's generic text below
  }
  if (!decoded) {
    std::string text(body.substr(0, 2048));  // client-go's maxUnstructuredResponseTextBytes
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) {
      text.pop_back();
    }
    Generic generic = generic_for(status, text);
    reason = generic.reason;
    message = generic.message;
  }
  if (status == 401 || reason == "Unauthorized") {
    if (message.empty()) {
      message = "the server has asked for the client to provide credentials";
    }
    return make_error(ErrorKind::unauthorized, "You must be logged in to the server (" + message + ")");
  }
  const ErrorKind kind = status == 403 ? ErrorKind::forbidden : ErrorKind::general;
  if (reason.empty()) {
    return make_error(kind, "Error from server: " + message);
  }
  return make_error(kind, "Error from server (" + reason + "): " + message);
}

Error error_from_response(const HttpResponse& response) {
  Error error = error_from_response(response.status, response.body);
  if (response.status >= 300 && response.status < 400) {
    const std::string location = response.header("location");
    error.hints.push_back(location.empty()
                              ? "the server answered with a redirect; eks-sso does not follow redirects"
                              : "the server redirected to " + go_quote(location) +
                                    "; eks-sso does not follow redirects (the credential would go along)");
  }
  return error;
}

Result<std::string> decode_base64(std::string_view text) {
  Base64Error error;
  std::optional<std::string> out = base64_decode_lenient(text, &error);
  if (!out) {
    return make_error(ErrorKind::config, error.bad_length ? "invalid base64 data (bad length)"
                                                          : "invalid base64 data (unexpected character)");
  }
  return std::move(*out);
}

}  // namespace eks
