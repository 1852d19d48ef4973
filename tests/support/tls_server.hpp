// Test support: a throwaway PKI (OpenSSL, in memory) and a real TLS API server on an ephemeral
// 127.0.0.1 port (cpp-httplib), recording every request it sees. No network beyond loopback.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace eks::test {

struct Pem {
  std::string cert;
  std::string key;
};

// A self-signed CA that can issue server certificates.
class TestCa {
 public:
  explicit TestCa(const std::string& common_name = "test-ca");
  ~TestCa();
  TestCa(const TestCa&) = delete;
  TestCa& operator=(const TestCa&) = delete;

  [[nodiscard]] const std::string& cert_pem() const { return m_pem.cert; }
  // A leaf certificate for the given DNS names and IP addresses (subject alternative names).
  [[nodiscard]] Pem issue(const std::string& common_name, const std::vector<std::string>& dns_names,
                          const std::vector<std::string>& ip_addresses) const;

 private:
  void* m_key = nullptr;   // EVP_PKEY*
  void* m_cert = nullptr;  // X509*
  Pem m_pem;
};

struct SeenRequest {
  std::string method;
  std::string target;  // path and raw query, as sent
  httplib::Headers headers;
  std::string body;
  int remote_port = 0;  // the client's port: the same for requests on one connection
  [[nodiscard]] std::string header(const std::string& name) const;
};

// httplib::SSLServer on 127.0.0.1:<ephemeral>, running in its own thread until destroyed.
class TestTlsServer {
 public:
  using Handler = std::function<void(const SeenRequest&, httplib::Response&)>;

  // With client_ca_pem, the server requires a client certificate signed by that CA.
  TestTlsServer(const Pem& server_cert, Handler handler, const std::string& client_ca_pem = "");
  ~TestTlsServer();
  TestTlsServer(const TestTlsServer&) = delete;
  TestTlsServer& operator=(const TestTlsServer&) = delete;

  [[nodiscard]] int port() const { return m_port; }
  [[nodiscard]] std::string url(const std::string& host = "127.0.0.1") const;
  [[nodiscard]] std::vector<SeenRequest> seen() const;

 private:
  std::unique_ptr<httplib::SSLServer> m_server;
  std::thread m_thread;
  int m_port = 0;
  mutable std::mutex m_mutex;
  std::vector<SeenRequest> m_seen;
};

// A TCP socket on 127.0.0.1 that listens but never accepts nor answers (TLS handshake hangs).
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  [[nodiscard]] int port() const { return m_port; }

 private:
  int m_fd = -1;
  int m_port = 0;
};

// A 127.0.0.1 port with nothing listening (bound, then closed).
[[nodiscard]] int closed_port();

// Reads a test data file (tests/data/...) or shared spec file.
[[nodiscard]] std::string read_text_file(const std::string& path);

// The body of a "*.fake.http" fixture (after the blank line).
[[nodiscard]] std::string http_fixture_body(const std::string& path);

}  // namespace eks::test
