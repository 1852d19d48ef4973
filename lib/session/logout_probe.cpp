#include "lib/session/logout_probe.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "lib/aws/access_entry.hpp"
#include "lib/aws/sso_config.hpp"

namespace eks {
namespace fs = std::filesystem;

Result<std::unique_ptr<ThrowawayHome>> ThrowawayHome::create(const Env& env) {
  const std::string tmp = env.get_or_empty("TMPDIR");
  std::string tmpl = (fs::path(tmp.empty() ? "/tmp" : tmp) / "eks-sso-logout-test-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    return make_error(ErrorKind::general, fmt::format("cannot create a throwaway home in \"{}\": {}",
                                                      fs::path(tmpl).parent_path().string(), std::strerror(errno)));
  }
  std::unique_ptr<ThrowawayHome> home(new ThrowawayHome(tmpl));
  ::chmod(tmpl.c_str(), 0700);
  std::error_code ec;
  const fs::path cache = home->path() / ".aws" / "sso" / "cache";
  fs::create_directories(cache, ec);
  if (ec) {
    return make_error(ErrorKind::general,
                      fmt::format("cannot create \"{}\": {}", cache.string(), ec.message()));
  }
  for (const fs::path& p : {home->path() / ".aws", home->path() / ".aws" / "sso", cache}) {
    ::chmod(p.c_str(), 0700);
  }
  return home;
}

ThrowawayHome::~ThrowawayHome() {
  std::error_code ec;
  fs::remove_all(m_path, ec);
}

fs::path plugin_home(const ContextAccess& access, const Env& process_env, const fs::path& fallback) {
  const AuthInfo& user = *access.selection.user;
  const Env env = user.exec ? plugin_environment(*user.exec, process_env) : process_env;
  const std::string home = env.get_or_empty("HOME");
  return home.empty() ? fallback : fs::path(home);
}

IsolatedAccess isolate_access(const ContextAccess& access, const Env& process_env, const fs::path& real_home,
                              const fs::path& fake_home) {
  IsolatedAccess out;
  out.access = access;
  const AuthInfo& user = *access.selection.user;
  auto copy = std::make_shared<AuthInfo>(user);
  if (user.exec) {
    const Env real_env = plugin_environment(*user.exec, process_env);
    out.real_paths = aws_config_paths(real_env, plugin_home(access, process_env, real_home));
    copy->exec->env.push_back({"HOME", fake_home.string()});
    copy->exec->env.push_back({"AWS_CONFIG_FILE", out.real_paths.config.string()});
    copy->exec->env.push_back({"AWS_SHARED_CREDENTIALS_FILE", out.real_paths.credentials.string()});
  }
  out.user = copy;
  bind_user(out.access, out.user.get(), process_env);
  return out;
}

namespace {

// update-kubeconfig for an SSO profile (which one is the person's choice), with the cluster and
// region the plugin's args, the cluster's ARN or the profile tell (issue 16, defect 8).
std::string sso_update_kubeconfig(const ContextAccess& access, const AwsConfig* aws) {
  std::string name = access.auth.cluster_name;
  std::string region = access.auth.region;
  for (const std::string* text :
       {access.selection.cluster != nullptr ? &access.selection.cluster->name : nullptr, &access.context_name}) {
    if (text == nullptr) {
      continue;
    }
    if (const auto ref = parse_eks_cluster_ref(*text)) {
      name = name.empty() ? ref->name : name;
      region = region.empty() ? ref->region : region;
    }
  }
  if (region.empty() && aws != nullptr) {
    if (const AwsProfile* p = aws->find_profile(access.auth.profile)) {
      region = p->get("region").value_or("");
    }
  }
  return update_kubeconfig_command(name, region, "SSO_PROFILE");
}

}  // namespace

NotSsoReason explain_credential_without_sso(const ContextAccess& access, const Result<AwsConfig>& aws) {
  const AuthSummary& auth = access.auth;
  if (auth.type != "exec") {
    return {"kubeconfig-credential",
            fmt::format("the context authenticates with {} from the kubeconfig (user \"{}\"), not through an "
                        "exec plugin: it does not depend on AWS SSO",
                        auth.type == "none" ? "no credential at all" : "a " + auth.type, access.selection.user->name),
            sso_update_kubeconfig(access, aws ? &*aws : nullptr)};
  }
  if (auth.plugin != PluginKind::aws_cli && auth.plugin != PluginKind::aws_iam_authenticator) {
    return {"not-aws-plugin",
            fmt::format("the exec plugin \"{}\" is not the AWS CLI and got a credential without an SSO token: the "
                        "context does not depend on AWS SSO",
                        auth.command),
            ""};
  }
  if (auth.resolution.env_keys_win) {
    return {"env-keys",
            fmt::format("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the plugin's environment take precedence "
                        "over {}={}: the context does not depend on AWS SSO",
                        profile_source_name(auth.resolution.source), auth.profile),
            "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN"};
  }
  if (!aws) {
    return {"aws-config", fmt::format("the plugin got a credential without an SSO token, and the AWS config "
                                      "could not be read to say why: {}",
                                      aws.error().message),
            ""};
  }
  const ProfileAnalysis a = resolve_sso(auth.profile, *aws);
  const std::string source = a.chain.empty() ? auth.profile : a.chain.back();
  const AwsProfile* p = aws->find_profile(source);
  switch (a.source_kind) {
    case ProfileKind::static_keys: {
      const bool in_credentials =
          p != nullptr && std::find(p->credentials_file_keys.begin(), p->credentials_file_keys.end(),
                                    "aws_access_key_id") != p->credentials_file_keys.end();
      const std::string file = in_credentials ? aws->credentials_path : aws->config_path;
      const std::string chain =
          source == auth.profile ? "" : fmt::format(" (profile \"{}\" assumes a role with them)", auth.profile);
      return {
          "static-keys",
          fmt::format("AWS profile \"{}\" has static keys (aws_access_key_id in {}){}: the context does not "
                      "depend on AWS SSO",
                      source, file, chain),
          "to depend on AWS SSO, point the kubeconfig user at an SSO profile: " + sso_update_kubeconfig(access, &*aws)};
    }
    case ProfileKind::sso_legacy:
    case ProfileKind::sso_session:
      return {"sso-yet-credential",
              fmt::format("AWS profile \"{}\" uses AWS SSO, yet the plugin got a credential without a cached SSO "
                          "token (from role credentials cached elsewhere, or another credential source)",
                          auth.profile),
              ""};
    case ProfileKind::none:
      return {"no-profile-credentials",
              fmt::format("AWS profile \"{}\" configures no credentials, yet the plugin got one (instance or "
                          "container credentials?): the context does not depend on AWS SSO",
                          auth.profile),
              ""};
    default:
      return {profile_kind_name(a.source_kind),
              fmt::format("AWS profile \"{}\" gets its credentials from {} (profile \"{}\"), not AWS SSO: the "
                          "context does not depend on AWS SSO",
                          auth.profile, profile_kind_name(a.source_kind), source),
              ""};
  }
}

}  // namespace eks
