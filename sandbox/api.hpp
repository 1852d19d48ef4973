// The API server's request handling, free of sockets: a request in, a response out. server.cpp
// adds the transport (TLS, logging, hang/delay knobs); tests can call handle_api directly.
#pragma once

#include <map>
#include <string>

#include "lib/util/clock.hpp"
#include "sandbox/state.hpp"

namespace sandbox {

struct ApiRequest {
  std::string method;
  std::string path;
  std::string target;  // raw request target (path still percent-encoded, with the query)
  std::map<std::string, std::string> query;  // decoded; the last value wins
  std::string accept;
  std::string content_type;
  std::string authorization;
  std::string body;
  std::map<std::string, std::string> headers;  // every header, names lower-cased
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::map<std::string, std::string> headers;  // extra response headers (AWS error types)
  std::string note;  // for requests.log: who the caller was, why a request was refused
};

[[nodiscard]] ApiResponse handle_api(const State& state, const ApiRequest& request, eks::TimePoint now);

// kube-apiserver Status bodies (compact JSON + "\n", as Go's json.Encoder writes them).
[[nodiscard]] ApiResponse status_response(int code, const std::string& reason, const std::string& message,
                                          const nlohmann::ordered_json& details = nullptr);

}  // namespace sandbox
