// Test support: an HttpClient that answers from a script and records what it was asked. Like gh's
// internal/run/stub.go it checks itself: an answer scripted but never asked for fails the test
// when the fake goes out of scope (allow_unused() opts out).
#pragma once

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

#include "lib/os/http.hpp"

namespace eks::test {

class FakeHttpClient final : public HttpClient {
 public:
  FakeHttpClient() = default;
  FakeHttpClient(const FakeHttpClient&) = delete;
  FakeHttpClient& operator=(const FakeHttpClient&) = delete;
  ~FakeHttpClient() override {
    if (!m_allow_unused && !m_script.empty()) {
      FAIL_CHECK("FakeHttpClient: " << m_script.size() << " scripted answer(s) never asked for (after "
                                    << m_requests.size() << " request(s)); call allow_unused() if that is the point");
    }
  }

  // The test leaves scripted answers unused on purpose: the destructor does not fail it.
  void allow_unused() { m_allow_unused = true; }
  // Queues the next answer: a response, or an error when `error` is set.
  void respond(int status, std::string body, std::map<std::string, std::string> headers = {}) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    if (const auto date = response.headers.find("date"); date != response.headers.end()) {
      response.date = date->second;  // as CurlHttpClient fills it
    }
    m_script.emplace_back(std::move(response));
  }
  void fail(Error error) { m_script.emplace_back(std::move(error)); }

  [[nodiscard]] Result<HttpResponse> send(const HttpRequest& request) override {
    m_requests.push_back(request);
    if (m_script.empty()) {
      return make_error(ErrorKind::general, "FakeHttpClient: unexpected request " + request.method + " " + request.url);
    }
    Result<HttpResponse> next = std::move(m_script.front());
    m_script.pop_front();
    return next;
  }

  [[nodiscard]] const std::vector<HttpRequest>& requests() const { return m_requests; }
  [[nodiscard]] size_t unused() const { return m_script.size(); }

 private:
  std::deque<Result<HttpResponse>> m_script;
  std::vector<HttpRequest> m_requests;
  bool m_allow_unused = false;
};

// The value of a request header ("" when absent).
inline std::string header_of(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) {
      return value;
    }
  }
  return "";
}

}  // namespace eks::test
