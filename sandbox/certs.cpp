#include "sandbox/certs.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <string>

namespace sandbox {
namespace {

constexpr long k_validity_seconds = 10L * 365 * 24 * 3600;

struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using Cert = std::unique_ptr<X509, X509Free>;

eks::Error openssl_error(const std::string& what) {
  return eks::make_error(eks::ErrorKind::general, "openssl: cannot " + what);
}

bool add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) {
    return false;
  }
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return ok == 1;
}

// A certificate for `key`, signed by (issuer, issuer_key), or self-signed when issuer is null.
Cert make_cert(EVP_PKEY* key, const char* cn, const char* org, X509* issuer, EVP_PKEY* issuer_key,
               bool is_ca, const char* san) {
  Cert cert(X509_new());
  X509_set_version(cert.get(), 2);
  unsigned char serial[16];
  RAND_bytes(serial, sizeof serial);
  serial[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
  BN_free(bn);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), k_validity_seconds);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (org != nullptr) {
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(org), -1, -1, 0);
  }
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn), -1, -1, 0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  bool ok = add_ext(cert.get(), signer, NID_subject_key_identifier, "hash");
  if (is_ca) {
    ok = ok && add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:TRUE");
    ok = ok && add_ext(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment,keyCertSign");
  } else {
    ok = ok && add_ext(cert.get(), signer, NID_authority_key_identifier, "keyid");
    ok = ok && add_ext(cert.get(), signer, NID_basic_constraints, "critical,CA:FALSE");
    ok = ok && add_ext(cert.get(), signer, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    ok = ok && add_ext(cert.get(), signer, NID_ext_key_usage, "serverAuth");
    ok = ok && add_ext(cert.get(), signer, NID_subject_alt_name, san);
  }
  if (!ok || X509_sign(cert.get(), issuer_key != nullptr ? issuer_key : key, EVP_sha256()) == 0) {
    return nullptr;
  }
  return cert;
}

eks::Status write_pem(const std::filesystem::path& file, X509* cert, EVP_PKEY* key) {
  FILE* f = std::fopen(file.c_str(), "w");
  if (f == nullptr) {
    return eks::make_error(eks::ErrorKind::config, "cannot write \"" + file.string() + "\"");
  }
  const int ok = cert != nullptr ? PEM_write_X509(f, cert)
                                 : PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  if (ok != 1) {
    return openssl_error("write " + file.string());
  }
  if (key != nullptr) {
    std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  return eks::Ok{};
}

}  // namespace

eks::Status generate_certs(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  Pkey ca_key(EVP_EC_gen("P-256"));
  Pkey server_key(EVP_EC_gen("P-256"));
  Pkey alt_key(EVP_EC_gen("P-256"));
  Pkey other_key(EVP_EC_gen("P-256"));
  if (!ca_key || !server_key || !alt_key || !other_key) {
    return openssl_error("generate keys");
  }
  Cert ca = make_cert(ca_key.get(), "kubernetes", nullptr, nullptr, nullptr, true, nullptr);
  Cert other = make_cert(other_key.get(), "kubernetes", nullptr, nullptr, nullptr, true, nullptr);
  if (!ca || !other) {
    return openssl_error("create the CA certificates");
  }
  Cert server = make_cert(server_key.get(), "kube-apiserver", nullptr, ca.get(), ca_key.get(), false,
                          "IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default");
  Cert alt = make_cert(alt_key.get(), "wrong-name.sandbox.invalid", nullptr, ca.get(), ca_key.get(), false,
                       "DNS:wrong-name.sandbox.invalid");
  if (!server || !alt) {
    return openssl_error("create the server certificates");
  }
  const std::pair<std::string, std::pair<X509*, EVP_PKEY*>> files[] = {
      {"ca.crt", {ca.get(), nullptr}},          {"ca.key", {nullptr, ca_key.get()}},
      {"server.crt", {server.get(), nullptr}},  {"server.key", {nullptr, server_key.get()}},
      {"alt-server.crt", {alt.get(), nullptr}}, {"alt-server.key", {nullptr, alt_key.get()}},
      {"other-ca.crt", {other.get(), nullptr}},
  };
  for (const auto& [name, pem] : files) {
    if (auto st = write_pem(dir / name, pem.first, pem.second); !st) {
      return st;
    }
  }
  return eks::Ok{};
}

}  // namespace sandbox
