#include "lib/kube/pem_pair.hpp"

#include <cstdint>
#include <optional>
#include <vector>

#include "lib/util/base64.hpp"

namespace eks {
namespace {

struct PemBlock {
  std::string type;
  std::string der;
};

// Go's pem.Decode, simplified: "-----BEGIN T-----", base64 lines (headers skipped), "-----END T-----".
std::vector<PemBlock> pem_blocks(std::string_view text) {
  std::vector<PemBlock> out;
  constexpr std::string_view k_begin = "-----BEGIN ";
  std::size_t pos = 0;
  while ((pos = text.find(k_begin, pos)) != std::string_view::npos) {
    const std::size_t type_start = pos + k_begin.size();
    const std::size_t type_end = text.find("-----", type_start);
    if (type_end == std::string_view::npos) {
      break;
    }
    const std::string type(text.substr(type_start, type_end - type_start));
    const std::string end_marker = "-----END " + type + "-----";
    const std::size_t body_start = type_end + 5;
    const std::size_t end = text.find(end_marker, body_start);
    if (end == std::string_view::npos) {
      pos = body_start;
      continue;
    }
    std::string b64;
    for (char c : text.substr(body_start, end - body_start)) {
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
        b64 += c;
      }
    }
    // Proc-Type/DEK-Info headers (encrypted keys) contain ':'; such a block is not usable.
    if (auto der = base64_decode(b64); der && b64.find(':') == std::string::npos) {
      out.push_back(PemBlock{type, std::move(*der)});
    }
    pos = end + end_marker.size();
  }
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// A DER TLV reader.
struct Der {
  std::string_view data;

  struct Tlv {
    unsigned char tag = 0;
    std::string_view value;
  };

  std::optional<Tlv> next() {
    if (data.size() < 2) {
      return std::nullopt;
    }
    Tlv t;
    t.tag = static_cast<unsigned char>(data[0]);
    std::size_t len = static_cast<unsigned char>(data[1]);
    std::size_t header = 2;
    if ((len & 0x80) != 0) {
      const std::size_t n = len & 0x7f;
      if (n == 0 || n > 4 || data.size() < 2 + n) {
        return std::nullopt;
      }
      len = 0;
      for (std::size_t i = 0; i < n; ++i) {
        len = len << 8 | static_cast<unsigned char>(data[2 + i]);
      }
      header += n;
    }
    if (data.size() - header < len) {
      return std::nullopt;
    }
    t.value = data.substr(header, len);
    data.remove_prefix(header + len);
    return t;
  }

  std::optional<Tlv> expect(unsigned char tag) {
    auto t = next();
    if (!t || t->tag != tag) {
      return std::nullopt;
    }
    return t;
  }
};

constexpr unsigned char k_seq = 0x30;
constexpr unsigned char k_int = 0x02;
constexpr unsigned char k_bits = 0x03;
constexpr unsigned char k_octets = 0x04;
constexpr unsigned char k_oid = 0x06;

const std::string_view k_oid_rsa("\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", 9);
const std::string_view k_oid_ec("\x2a\x86\x48\xce\x3d\x02\x01", 7);

std::string_view strip_zeros(std::string_view v) {
  while (v.size() > 1 && v[0] == '\0') {
    v.remove_prefix(1);
  }
  return v;
}

// What can be compared of a public key: RSA modulus or EC point ("" when unknown).
struct PublicKey {
  std::string kind;  // "rsa", "ec", "other"
  std::string_view value;
};

std::optional<PublicKey> rsa_modulus_of(std::string_view rsa_public_or_private, bool is_private) {
  Der outer{rsa_public_or_private};
  auto seq = outer.expect(k_seq);
  if (!seq) {
    return std::nullopt;
  }
  Der in{seq->value};
  if (is_private && !in.expect(k_int)) {
    return std::nullopt;
  }
  auto n = in.expect(k_int);
  if (!n || !in.expect(k_int)) {
    return std::nullopt;
  }
  return PublicKey{"rsa", strip_zeros(n->value)};
}

// Certificate -> SubjectPublicKeyInfo's key. nullopt: malformed.
std::optional<PublicKey> certificate_key(std::string_view der) {
  Der top{der};
  auto cert = top.expect(k_seq);
  if (!cert || !top.data.empty()) {
    return std::nullopt;
  }
  Der c{cert->value};
  auto tbs = c.expect(k_seq);
  if (!tbs || !c.expect(k_seq) || !c.expect(k_bits)) {
    return std::nullopt;
  }
  Der t{tbs->value};
  auto first = t.next();
  if (!first) {
    return std::nullopt;
  }
  if (first->tag == 0xa0) {  // [0] version
    first = t.next();
  }
  if (!first || first->tag != k_int) {  // serial
    return std::nullopt;
  }
  for (int i = 0; i < 4; ++i) {  // signature, issuer, validity, subject
    if (!t.expect(k_seq)) {
      return std::nullopt;
    }
  }
  auto spki = t.expect(k_seq);
  if (!spki) {
    return std::nullopt;
  }
  Der s{spki->value};
  auto alg = s.expect(k_seq);
  auto bits = s.expect(k_bits);
  if (!alg || !bits || bits->value.empty()) {
    return std::nullopt;
  }
  Der a{alg->value};
  auto oid = a.expect(k_oid);
  if (!oid) {
    return std::nullopt;
  }
  const std::string_view key = bits->value.substr(1);
  if (oid->value == k_oid_rsa) {
    return rsa_modulus_of(key, false);
  }
  if (oid->value == k_oid_ec) {
    return PublicKey{"ec", key};
  }
  return PublicKey{"other", key};
}

// SEC1 ECPrivateKey: the [1] public key when present.
std::optional<PublicKey> ec_private_key(std::string_view der) {
  Der top{der};
  auto seq = top.expect(k_seq);
  if (!seq) {
    return std::nullopt;
  }
  Der in{seq->value};
  if (!in.expect(k_int) || !in.expect(k_octets)) {
    return std::nullopt;
  }
  PublicKey out{"ec", {}};
  while (auto t = in.next()) {
    if (t->tag == 0xa1) {
      Der pub{t->value};
      if (auto bits = pub.expect(k_bits); bits && !bits->value.empty()) {
        out.value = bits->value.substr(1);
      }
    }
  }
  return out;
}

// PKCS#1, SEC1 or PKCS#8 -> the key's public part (value "" when it cannot be known).
std::optional<PublicKey> private_key(const PemBlock& block) {
  if (block.type == "RSA PRIVATE KEY") {
    return rsa_modulus_of(block.der, true);
  }
  if (block.type == "EC PRIVATE KEY") {
    return ec_private_key(block.der);
  }
  Der top{block.der};
  auto seq = top.expect(k_seq);
  if (!seq) {
    return std::nullopt;
  }
  Der in{seq->value};
  if (!in.expect(k_int)) {
    return std::nullopt;
  }
  auto alg = in.expect(k_seq);
  auto inner = in.expect(k_octets);
  if (!alg || !inner) {
    return std::nullopt;
  }
  Der a{alg->value};
  auto oid = a.expect(k_oid);
  if (!oid) {
    return std::nullopt;
  }
  if (oid->value == k_oid_rsa) {
    return rsa_modulus_of(inner->value, true);
  }
  if (oid->value == k_oid_ec) {
    return ec_private_key(inner->value);
  }
  return PublicKey{"other", {}};
}

}  // namespace

PemPairProblem check_pem_pair(std::string_view cert_pem, std::string_view key_pem) {
  const std::vector<PemBlock> certs = pem_blocks(cert_pem);
  std::optional<PemBlock> cert;
  bool cert_input_has_key = false;
  for (const auto& b : certs) {
    if (b.type == "CERTIFICATE") {
      if (!cert) {
        cert = b;
      }
    } else if (ends_with(b.type, " PRIVATE KEY") || b.type == "PRIVATE KEY") {
      cert_input_has_key = true;
    }
  }
  if (!cert) {
    if (cert_input_has_key) {
      return {"clientCertificateData",
              "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs "
              "may have been switched"};
    }
    return {"clientCertificateData", "tls: failed to find any PEM data in certificate input"};
  }
  std::optional<PemBlock> key;
  bool key_input_has_cert = false;
  for (const auto& b : pem_blocks(key_pem)) {
    if (b.type == "PRIVATE KEY" || ends_with(b.type, " PRIVATE KEY")) {
      key = b;
      break;
    }
    key_input_has_cert = key_input_has_cert || b.type == "CERTIFICATE";
  }
  if (!key) {
    if (key_input_has_cert) {
      return {"clientKeyData", "tls: found a certificate rather than a key in the PEM for the private key"};
    }
    return {"clientKeyData", "tls: failed to find any PEM data in key input"};
  }
  const std::optional<PublicKey> cert_key = certificate_key(cert->der);
  if (!cert_key) {
    return {"clientCertificateData", "x509: malformed certificate"};
  }
  const std::optional<PublicKey> priv = private_key(*key);
  if (!priv) {
    return {"clientKeyData", "tls: failed to parse private key"};
  }
  if (priv->kind != "other" && cert_key->kind != "other" && priv->kind != cert_key->kind) {
    return {"clientKeyData", "tls: private key type does not match public key type"};
  }
  if (priv->kind == cert_key->kind && priv->kind != "other" && !priv->value.empty() && priv->value != cert_key->value) {
    return {"clientKeyData", "tls: private key does not match public key"};
  }
  return {};
}

}  // namespace eks
