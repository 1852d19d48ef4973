// TEMPORARY placeholder until the libcurl client lands (wip-kube).
#pragma once
#include <atomic>
namespace eks {
class HttpClient {
 public:
  virtual ~HttpClient() = default;
};
class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(const std::atomic<bool>* = nullptr) {}
};
}  // namespace eks
