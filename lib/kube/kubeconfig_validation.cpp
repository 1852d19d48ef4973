#include "lib/kube/kubeconfig_validation.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

#include "lib/kube/exec_plugin.hpp"
#include "lib/util/go_url.hpp"

namespace eks {
namespace {

constexpr std::string_view k_exec_v1 = "client.authentication.k8s.io/v1";
constexpr std::string_view k_exec_v1beta1 = "client.authentication.k8s.io/v1beta1";

std::string methods_text(const std::vector<std::string>& methods) {
  std::string out = "[";
  for (std::size_t i = 0; i < methods.size(); ++i) {
    out += (i == 0 ? "" : " ") + methods[i];
  }
  return out + "]";
}

}  // namespace

std::vector<std::string> auth_info_problems(const AuthInfo& u, const OpenProbe& open) {
  std::vector<std::string> out;
  const std::string& name = u.name;
  std::vector<std::string> methods;
  if (!u.token.empty()) {
    methods.emplace_back("token");
  }
  if (!u.username.empty() || !u.password.empty()) {
    methods.emplace_back("basicAuth");
  }
  if (!u.client_certificate.empty() || !u.client_certificate_data.empty()) {
    if (!u.client_certificate.empty() && !u.client_certificate_data.empty()) {
      out.push_back(fmt::format(
          "client-cert-data and client-cert are both specified for {}. client-cert-data will override.", name));
    }
    if (!u.client_key.empty() && !u.client_key_data.empty()) {
      out.push_back(
          fmt::format("client-key-data and client-key are both specified for {}; client-key-data will override", name));
    }
    if (u.client_key.empty() && u.client_key_data.empty()) {
      out.push_back(fmt::format(
          "client-key-data or client-key must be specified for {} to use the clientCert authentication method.", name));
    }
    if (!u.client_certificate.empty()) {
      if (std::string err = open(u.client_certificate); !err.empty()) {
        out.push_back(fmt::format("unable to read client-cert {} for {} due to {}", u.client_certificate, name, err));
      }
    }
    if (!u.client_key.empty()) {
      if (std::string err = open(u.client_key); !err.empty()) {
        out.push_back(fmt::format("unable to read client-key {} for {} due to {}", u.client_key, name, err));
      }
    }
  }
  if (u.exec) {
    if (u.auth_provider) {
      out.push_back(fmt::format("authProvider cannot be provided in combination with an exec plugin for {}", name));
    }
    for (std::string& p : exec_config_problems(*u.exec, name)) {
      out.push_back(std::move(p));
    }
  }
  if (methods.size() > 1) {
    out.push_back(fmt::format("more than one authentication method found for {}; found {}, only one is allowed", name,
                              methods_text(methods)));
  }
  if ((!u.impersonate_uid.empty() || !u.impersonate_groups.empty() || !u.impersonate_user_extra.empty()) &&
      u.impersonate.empty()) {
    out.push_back(fmt::format("requesting uid, groups or user-extra for {} without impersonating a user", name));
  }
  return out;
}

std::vector<std::string> cluster_problems(const Cluster& c, const OpenProbe& open) {
  std::vector<std::string> out;
  if (!c.proxy_url.empty()) {
    if (Status s = check_proxy_url(c.proxy_url); !s) {
      out.push_back(fmt::format("invalid 'proxy-url' \"{}\" for cluster \"{}\": {}", c.proxy_url, c.name,
                                s.error().message));
    }
  }
  if (!c.certificate_authority.empty() && !c.certificate_authority_data.empty()) {
    out.push_back(fmt::format(
        "certificate-authority-data and certificate-authority are both specified for {}. certificate-authority-data "
        "will override.",
        c.name));
  }
  if (!c.certificate_authority.empty()) {
    if (std::string err = open(c.certificate_authority); !err.empty()) {
      out.push_back(
          fmt::format("unable to read certificate-authority {} for {} due to {}", c.certificate_authority, c.name, err));
    }
  }
  return out;
}

Status validate_selection(const Selection& sel, const OpenProbe& open) {
  const AuthInfo& user = *sel.user;
  const Cluster& cluster = *sel.cluster;
  std::vector<std::string> problems = auth_info_problems(user, open);
  for (std::string& p : cluster_problems(cluster, open)) {
    problems.push_back(std::move(p));
  }
  const std::string where = fmt::format("fix user \"{}\" and cluster \"{}\" in {}", user.name, cluster.name,
                                        user.origin == cluster.origin || cluster.origin.empty()
                                            ? user.origin.string()
                                            : user.origin.string() + " and " + cluster.origin.string());
  if (!problems.empty()) {
    std::string first = std::move(problems.front());
    problems.erase(problems.begin());
    for (std::string& p : problems) {
      p = "also: " + p;
    }
    problems.push_back(where + " (kubectl refuses this configuration too)");
    return make_error(ErrorKind::config, std::move(first), std::move(problems));
  }
  // rest/transport.go TransportConfig: the exec authenticator is created (and its apiVersion
  // checked) even when a token or certificate means it will not run.
  if (user.exec && user.exec->api_version != k_exec_v1 && user.exec->api_version != k_exec_v1beta1) {
    return make_error(ErrorKind::config, fmt::format("exec plugin: invalid apiVersion \"{}\"", user.exec->api_version),
                      {"use apiVersion client.authentication.k8s.io/v1beta1 (what aws eks update-kubeconfig writes) "
                       "or client.authentication.k8s.io/v1"});
  }
  // transport/transport.go TLSConfigFor.
  if (cluster.insecure_skip_tls_verify &&
      (!cluster.certificate_authority.empty() || !cluster.certificate_authority_data.empty())) {
    return make_error(ErrorKind::config, "specifying a root certificates file with the insecure flag is not allowed",
                      {fmt::format("cluster \"{}\" in {}: remove insecure-skip-tls-verify (the CA is enough) or the "
                                   "certificate-authority",
                                   cluster.name, cluster.origin.string())});
  }
  return Ok{};
}

std::string open_file_error(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (in) {
    return "";
  }
  const int e = errno;
  if (e == ENOENT || e == 0) {
    return fmt::format("open {}: no such file or directory", path);
  }
  if (e == EACCES) {
    return fmt::format("open {}: permission denied", path);
  }
  std::string text = std::strerror(e);
  if (!text.empty()) {
    text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  }
  return fmt::format("open {}: {}", path, text);
}

}  // namespace eks
