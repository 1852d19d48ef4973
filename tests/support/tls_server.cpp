#include "support/tls_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace eks::test {
namespace {

EVP_PKEY* make_key() {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  if (key == nullptr) {
    throw std::runtime_error("EVP_RSA_gen failed");
  }
  return key;
}

std::string to_pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(len));
  BIO_free(bio);
  return out;
}

std::string to_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(len));
  BIO_free(bio);
  return out;
}

void add_ext(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (ext == nullptr) {
    throw std::runtime_error("bad extension " + value);
  }
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509* make_cert(const std::string& cn, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key, long serial) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600L * 24);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert, issuer != nullptr ? X509_get_subject_name(issuer) : name);
  return cert;
}

}  // namespace

TestCa::TestCa(const std::string& common_name) {
  EVP_PKEY* key = make_key();
  X509* cert = make_cert(common_name, key, nullptr, nullptr, 1);
  add_ext(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_ext(cert, cert, NID_subject_key_identifier, "hash");
  X509_sign(cert, key, EVP_sha256());
  m_key = key;
  m_cert = cert;
  m_pem = Pem{to_pem(cert), to_pem(key)};
}

TestCa::~TestCa() {
  X509_free(static_cast<X509*>(m_cert));
  EVP_PKEY_free(static_cast<EVP_PKEY*>(m_key));
}

Pem TestCa::issue(const std::string& common_name, const std::vector<std::string>& dns_names,
                  const std::vector<std::string>& ip_addresses) const {
  EVP_PKEY* key = make_key();
  auto* ca_cert = static_cast<X509*>(m_cert);
  X509* cert = make_cert(common_name, key, ca_cert, static_cast<EVP_PKEY*>(m_key), 2);
  std::string san;
  for (const auto& dns : dns_names) {
    san += (san.empty() ? "" : ",") + std::string("DNS:") + dns;
  }
  for (const auto& ip : ip_addresses) {
    san += (san.empty() ? "" : ",") + std::string("IP:") + ip;
  }
  if (!san.empty()) {
    add_ext(cert, ca_cert, NID_subject_alt_name, san);
  }
  add_ext(cert, ca_cert, NID_basic_constraints, "CA:FALSE");
  add_ext(cert, ca_cert, NID_ext_key_usage, "serverAuth,clientAuth");
  X509_sign(cert, static_cast<EVP_PKEY*>(m_key), EVP_sha256());
  Pem pem{to_pem(cert), to_pem(key)};
  X509_free(cert);
  EVP_PKEY_free(key);
  return pem;
}

std::string SeenRequest::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

TestTlsServer::TestTlsServer(const Pem& server_cert, Handler handler, const std::string& client_ca_pem) {
  BIO* cert_bio = BIO_new_mem_buf(server_cert.cert.data(), static_cast<int>(server_cert.cert.size()));
  X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
  BIO_free(cert_bio);
  BIO* key_bio = BIO_new_mem_buf(server_cert.key.data(), static_cast<int>(server_cert.key.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  BIO_free(key_bio);
  X509_STORE* client_store = nullptr;
  if (!client_ca_pem.empty()) {
    client_store = X509_STORE_new();  // owned by the server's SSL_CTX from here on
    BIO* ca_bio = BIO_new_mem_buf(client_ca_pem.data(), static_cast<int>(client_ca_pem.size()));
    X509* ca = PEM_read_bio_X509(ca_bio, nullptr, nullptr, nullptr);
    BIO_free(ca_bio);
    X509_STORE_add_cert(client_store, ca);
    X509_free(ca);
  }
  m_server = std::make_unique<httplib::SSLServer>(cert, key, client_store);
  X509_free(cert);
  EVP_PKEY_free(key);
  if (!m_server->is_valid()) {
    throw std::runtime_error("SSLServer is not valid");
  }
  m_server->set_tcp_nodelay(true);  // as Go's net/http: no 40 ms Nagle/delayed-ACK stalls
  auto route = [this, handler](const httplib::Request& req, httplib::Response& res) {
    SeenRequest seen{req.method, req.target, req.headers, req.body, req.remote_port};
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_seen.push_back(seen);
    }
    handler(seen, res);
  };
  m_server->Get(".*", route);
  m_server->Post(".*", route);
  m_port = m_server->bind_to_any_port("127.0.0.1");
  m_thread = std::thread([this] { m_server->listen_after_bind(); });
  while (!m_server->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

TestTlsServer::~TestTlsServer() {
  m_server->stop();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

std::string TestTlsServer::url(const std::string& host) const {
  return "https://" + host + ":" + std::to_string(m_port);
}

std::vector<SeenRequest> TestTlsServer::seen() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_seen;
}

namespace {

int bind_loopback(int& port_out) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    throw std::runtime_error("bind failed");
  }
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port_out = ntohs(addr.sin_port);
  return fd;
}

}  // namespace

SilentListener::SilentListener() {
  m_fd = bind_loopback(m_port);
  ::listen(m_fd, 16);
}

SilentListener::~SilentListener() { ::close(m_fd); }

int closed_port() {
  int port = 0;
  const int fd = bind_loopback(port);
  ::close(fd);
  return port;
}

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string http_fixture_body(const std::string& path) {
  const std::string text = read_text_file(path);
  const auto crlf = text.find("\r\n\r\n");
  if (crlf != std::string::npos) {
    return text.substr(crlf + 4);
  }
  const auto blank = text.find("\n\n");
  return blank == std::string::npos ? std::string() : text.substr(blank + 2);
}

}  // namespace eks::test
