#include "sandbox/home_files.hpp"

#include <fstream>
#include <sstream>

#include "sandbox/encoding.hpp"

namespace sandbox {
namespace {

namespace fs = std::filesystem;

struct ContextSpec {
  std::string name;
  std::string cluster;       // cluster entry name
  std::string profile;       // AWS_PROFILE ("" for the token user)
  std::string cluster_name;  // --cluster-name
  std::string token;         // static bearer token instead of exec
};

std::string exec_user(const ContextSpec& c, const State& s) {
  std::string y = "- name: " + c.name + "\n  user:\n";
  if (!c.token.empty()) {
    return y + "    token: " + c.token + "\n";
  }
  y += "    exec:\n"
       "      apiVersion: client.authentication.k8s.io/v1beta1\n"
       "      args:\n"
       "      - --region\n"
       "      - " + s.region + "\n"
       "      - eks\n"
       "      - get-token\n"
       "      - --cluster-name\n"
       "      - " + c.cluster_name + "\n"
       "      - --output\n"
       "      - json\n"
       "      command: aws\n"
       "      env:\n"
       "      - name: AWS_PROFILE\n"
       "        value: " + c.profile + "\n";
  return y;
}

eks::Status write_text(const fs::path& file, const std::string& text) {
  const fs::path tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) {
      return eks::make_error(eks::ErrorKind::config, "cannot write \"" + file.string() + "\"");
    }
    out << text;
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) {
    return eks::make_error(eks::ErrorKind::config, "cannot write \"" + file.string() + "\": " + ec.message());
  }
  return eks::Ok{};
}

eks::Result<std::string> read_text(const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    return eks::make_error(eks::ErrorKind::config, "cannot read \"" + file.string() + "\"");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

std::string aws_config_text(const State& s) {
  std::string out;
  for (const auto& p : s.profiles) {
    out += "[profile " + p.name + "]\n";
    if (p.kind == "sso-session") {
      out += "sso_session = " + s.sso_session + "\n";
    } else if (p.kind == "legacy") {
      out += "sso_start_url = " + s.sso_start_url + "\nsso_region = " + s.sso_region + "\n";
    }
    if (p.kind != "static") {
      out += "sso_account_id = " + s.account_id + "\nsso_role_name = " + p.permission_set + "\n";
    }
    out += "region = " + s.region + "\noutput = json\n\n";
  }
  out += "[sso-session " + s.sso_session + "]\nsso_start_url = " + s.sso_start_url + "\nsso_region = " +
         s.sso_region + "\nsso_registration_scopes = sso:account:access\n";
  return out;
}

std::string aws_credentials_text(const State& s) {
  std::string out;
  for (const auto& p : s.profiles) {
    if (p.kind == "static" && !s.iam_users.empty()) {
      out += "[" + p.name + "]\naws_access_key_id = " + s.iam_users[0].access_key_id +
             "\naws_secret_access_key = " + s.iam_users[0].secret_access_key + "\n";
    }
  }
  return out;
}

eks::Result<std::string> kubeconfig_text(const fs::path& dir, const State& s, int port) {
  auto ca = read_text(dir / "certs" / "ca.crt");
  auto other_ca = read_text(dir / "certs" / "other-ca.crt");
  if (!ca || !other_ca) {
    return eks::make_error(eks::ErrorKind::config, "missing certificates in \"" + (dir / "certs").string() + "\"",
                           {"run: eks-sso-sandbox init " + dir.string()});
  }
  const std::string arn = cluster_arn(s);
  const std::string other = arn + "-other-ca";
  const std::string server = "https://127.0.0.1:" + std::to_string(port);
  std::vector<ContextSpec> contexts;
  for (const auto& p : s.profiles) {
    contexts.push_back({p.context.empty() ? p.name : p.context, arn, p.name, s.cluster_name, ""});
  }
  const std::string admin = s.profiles.empty() ? "" : s.profiles.front().name;
  if (!s.static_tokens.empty()) {
    contexts.push_back({"sandbox-token", arn, "", "", s.static_tokens.front().token});
  }
  contexts.push_back({"sandbox-wrong-cluster", arn, admin, "other-eks", ""});
  contexts.push_back({"sandbox-unknown-ca", other, admin, s.cluster_name, ""});

  std::string y = "apiVersion: v1\nclusters:\n";
  y += "- cluster:\n    certificate-authority-data: " + base64_encode(*ca) + "\n    server: " + server +
       "\n  name: " + arn + "\n";
  y += "- cluster:\n    certificate-authority-data: " + base64_encode(*other_ca) + "\n    server: " + server +
       "\n  name: " + other + "\n";
  y += "contexts:\n";
  for (const auto& c : contexts) {
    y += "- context:\n    cluster: " + c.cluster + "\n    user: " + c.name + "\n  name: " + c.name + "\n";
  }
  y += "current-context: " + (contexts.empty() ? std::string() : contexts.front().name) +
       "\nkind: Config\npreferences: {}\nusers:\n";
  for (const auto& c : contexts) {
    y += exec_user(c, s);
  }
  return y;
}

eks::Status write_home(const fs::path& dir, const State& s, const fs::path& self_exe) {
  std::error_code ec;
  fs::create_directories(dir / "home" / ".aws" / "sso" / "cache", ec);
  fs::create_directories(dir / "bin", ec);
  if (ec) {
    return eks::make_error(eks::ErrorKind::config, "cannot create \"" + dir.string() + "\": " + ec.message());
  }
  if (auto st = write_text(dir / "home" / ".aws" / "config", aws_config_text(s)); !st) {
    return st;
  }
  if (auto st = write_text(dir / "home" / ".aws" / "credentials", aws_credentials_text(s)); !st) {
    return st;
  }
  fs::permissions(dir / "home" / ".aws" / "credentials", fs::perms::owner_read | fs::perms::owner_write, ec);
  fs::remove(dir / "bin" / "aws", ec);
  fs::create_symlink(self_exe, dir / "bin" / "aws", ec);
  if (ec) {
    return eks::make_error(eks::ErrorKind::config, "cannot create \"" + (dir / "bin" / "aws").string() + "\": " + ec.message());
  }
  return eks::Ok{};
}

eks::Status write_kubeconfig(const fs::path& dir, const State& s, int port) {
  auto text = kubeconfig_text(dir, s, port);
  if (!text) {
    return text.error();
  }
  if (auto st = write_text(dir / "kubeconfig", *text); !st) {
    return st;
  }
  std::error_code ec;
  fs::permissions(dir / "kubeconfig", fs::perms::owner_read | fs::perms::owner_write, ec);
  return eks::Ok{};
}

}  // namespace sandbox
