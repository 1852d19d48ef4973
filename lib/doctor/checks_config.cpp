// doctor checks of guide step 7: kubeconfig, context, exec-plugin (files only, nothing runs).
#include <fmt/format.h>

#include "lib/kube/impersonation.hpp"
#include "lib/kube/kubeconfig_validation.hpp"

#include <algorithm>

#include "lib/session/auth_summary.hpp"
#include "lib/aws/profile.hpp"
#include "lib/doctor/checks.hpp"
#include "lib/kube/exec_plugin.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/session/context_access.hpp"

namespace eks::doctor {
namespace {

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items) {
    out += (out.empty() ? "" : std::string(sep)) + i;
  }
  return out;
}

std::string dq(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// The exec stanza `aws eks update-kubeconfig` writes (aws.md 2.7), with what we know filled in.
std::vector<std::string> corrected_stanza(const State& s, std::string_view user_name) {
  const std::string profile = s.access && !s.access->auth.profile.empty() && s.access->auth.profile != "default"
                                  ? s.access->auth.profile
                                  : "PROFILE";
  return {
      fmt::format("the exec stanza aws eks update-kubeconfig writes for user {}:", dq(user_name)),
      "  exec:",
      "    apiVersion: client.authentication.k8s.io/v1beta1",
      "    command: aws",
      fmt::format("    args: [--region, {}, eks, get-token, --cluster-name, {}, --output, json]",
                  s.region.empty() ? "REGION" : s.region, s.cluster_name.empty() ? "CLUSTER" : s.cluster_name),
      "    env:",
      "    - name: AWS_PROFILE",
      fmt::format("      value: {}", profile),
  };
}

// What the environment says when the kubeconfig cannot (AWS_PROFILE; AWS_REGION, else
// AWS_DEFAULT_REGION): fills the placeholders of update-kubeconfig; "" when unset.
std::string env_profile(const Deps& deps) {
  return deps.env.get_or_empty("AWS_PROFILE");
}

std::string env_region(const Deps& deps) {
  const std::string region = deps.env.get_or_empty("AWS_REGION");
  return region.empty() ? deps.env.get_or_empty("AWS_DEFAULT_REGION") : region;
}

Finding config_fail(std::string_view id, const Error& error) {
  Finding f = make_finding(id, CheckStatus::fail, error.message);
  f.kind = error.kind;
  f.detail = error.hints;
  return f;
}

}  // namespace

Finding check_kubeconfig(State& s, Deps& deps) {
  auto loaded = load_kubeconfig(s.input.sources);
  if (!loaded) {
    Finding f = config_fail("kubeconfig", loaded.error());
    f.detail.push_back("fix the file at that position, or generate the entry again (guide step 7)");
    f.fix = {update_kubeconfig_command("", env_region(deps), env_profile(deps))};
    return f;
  }
  if (loaded->files.empty()) {
    std::vector<std::string> paths;
    for (const auto& p : kubeconfig_paths(s.input.sources)) {
      paths.push_back(p.string());
    }
    Finding f = make_finding("kubeconfig", CheckStatus::fail,
                             fmt::format("no kubeconfig file found (looked for {})", join(paths, ", ")));
    f.kind = ErrorKind::config;
    // A first run (issue 16, defect 5): an SSO profile first, then the cluster's entry. What the
    // environment already says (AWS_PROFILE, AWS_REGION) replaces the placeholders.
    const std::string profile = env_profile(deps);
    const std::string region = env_region(deps);
    const std::string p = shell_quote(profile.empty() ? std::string("PROFILE") : profile);
    const std::string r = shell_quote(region.empty() ? std::string("REGION") : region);
    f.detail.push_back("a first run: create an AWS SSO profile, log in, find the cluster's name, then write its "
                       "kubeconfig entry");
    f.fix = {"aws configure sso --profile " + p, "eks-sso login --profile " + p,
             fmt::format("aws eks list-clusters --region {} --profile {}", r, p),
             update_kubeconfig_command("", region, profile)};
    return f;
  }
  std::vector<std::string> files;
  for (const auto& p : loaded->files) {
    files.push_back(p.string());
  }
  Finding f = make_finding("kubeconfig", CheckStatus::pass, "loaded " + join(files, ", "));
  f.detail.push_back(fmt::format("{} context{}, current-context {}", loaded->contexts.size(),
                                 loaded->contexts.size() == 1 ? "" : "s",
                                 loaded->current_context.empty() ? "not set" : dq(loaded->current_context)));
  s.config = std::make_shared<const Kubeconfig>(std::move(*loaded));
  return f;
}

Finding check_context(State& s, Deps& deps) {
  const std::string wanted = s.input.context.empty() ? s.config->current_context : s.input.context;
  auto sel = select_context(*s.config, s.input.context);
  if (!sel) {
    Finding f = config_fail("context", sel.error());
    f.detail.erase(std::remove_if(f.detail.begin(), f.detail.end(),
                                  [](const std::string& h) { return h.rfind("regenerate the entry:", 0) == 0; }),
                   f.detail.end());
    EksClusterRef ref;
    if (const auto guess = parse_eks_cluster_ref(wanted)) {
      ref = *guess;
    }
    if (const auto ctx = s.config->contexts.find(wanted); ctx != s.config->contexts.end()) {
      if (const auto guess = parse_eks_cluster_ref(ctx->second.cluster)) {
        ref = *guess;
      }
    }
    s.cluster_name = ref.name;
    s.region = ref.region.empty() ? env_region(deps) : ref.region;
    f.fix = {update_kubeconfig_command(ref.name, s.region, env_profile(deps))};
    return f;
  }
  ContextAccess access;
  access.config = s.config;
  access.selection = *sel;
  access.context_name = sel->context->name;
  bind_user(access, sel->user, deps.env);
  if (Status followed = follow_wrapper_in(access, s.input.sources, deps.env); !followed) {
    return config_fail("context", followed.error());
  }
  s.access = std::move(access);
  const Cluster& cluster = *sel->cluster;
  const auto cluster_ref = parse_eks_cluster_ref(cluster.name);
  const auto context_ref = parse_eks_cluster_ref(sel->context->name);
  const auto& ref = cluster_ref ? cluster_ref : context_ref;
  s.cluster_name = s.access->auth.cluster_name;
  s.region = s.access->auth.region;
  if (ref) {
    s.cluster_name = s.cluster_name.empty() ? ref->name : s.cluster_name;
    s.region = s.region.empty() ? ref->region : s.region;
  }
  if (cluster_ref && cluster.name.rfind("arn:", 0) == 0) {
    s.partition = cluster.name.substr(4, cluster.name.find(':', 4) - 4);
  }
  if (cluster.server.empty()) {
    Finding f =
        make_finding("context", CheckStatus::fail,
                     fmt::format("cluster {} of context {} has no server", dq(cluster.name), dq(sel->context->name)));
    f.kind = ErrorKind::config;
    f.fix = {update_kubeconfig_fix(s)};
    return f;
  }
  if (Status valid = validate_selection(*sel, open_file_error); !valid) {
    Finding f = config_fail("context", valid.error());
    f.fix = {update_kubeconfig_fix(s)};
    return f;
  }
  Finding f = make_finding("context", CheckStatus::pass,
                           fmt::format("context {}: cluster {} at {}, user {}", dq(sel->context->name),
                                       dq(cluster.name), cluster.server, dq(sel->user->name)));
  if (sel->user->impersonates()) {
    f.detail.push_back("impersonating " + describe_impersonation(impersonation_of(*sel->user)) +
                       ": every request carries Impersonate-* headers and the cluster answers for that identity");
  }
  if (!sel->context->namespace_.empty()) {
    f.detail.push_back("namespace " + dq(sel->context->namespace_));
  }
  if (!s.access->wrapper_user.empty()) {
    f.detail.push_back(fmt::format("user {} runs eks-sso credential, which wraps user {} of context {}: the checks "
                                   "below follow that user",
                                   dq(s.access->wrapper_user), dq(s.access->auth.wrapped_user),
                                   dq(s.access->auth.wrapped_context)));
  }
  return f;
}

Finding check_exec_plugin(State& s, Deps& /*deps*/) {
  const AuthInfo& user = *s.access->selection.user;
  const AuthSummary& auth = s.access->auth;
  const std::string update = update_kubeconfig_fix(s);
  if (!user.exec) {
    if (auth.type == "token" || auth.type == "tokenFile" || auth.type == "basic-auth" ||
        auth.type == "client-certificate") {
      Finding f = make_finding(
          "exec-plugin", CheckStatus::warn,
          fmt::format("user {} authenticates with a {}, not the AWS SSO exec plugin", dq(user.name), auth.type));
      f.detail.push_back("the AWS checks (aws-cli, aws-profile, sso-token) do not apply to it");
      f.detail.push_back("to use AWS SSO instead: " + update);
      s.not_sso = fmt::format("user {}'s {} from the kubeconfig", dq(user.name), auth.type);
      return f;
    }
    Finding f = make_finding(
        "exec-plugin", CheckStatus::fail,
        auth.type == "auth-provider"
            ? fmt::format("user {} uses the legacy auth-provider {}, which EKS does not use", dq(user.name),
                          dq(user.auth_provider->name))
            : fmt::format("user {} has no credentials: kubectl would connect as system:anonymous", dq(user.name)));
    f.kind = ErrorKind::config;
    f.detail = corrected_stanza(s, user.name);
    f.fix = {update};
    return f;
  }
  const ExecConfig& exec = *user.exec;
  if (auto valid = validate_exec_config(exec, user.name); !valid) {
    Finding f = config_fail("exec-plugin", valid.error());
    for (const auto& line : corrected_stanza(s, user.name)) {
      f.detail.push_back(line);
    }
    f.fix = {update};
    return f;
  }
  const std::string display = plugin_display_command(exec);
  if (auth.plugin == PluginKind::other || auth.plugin == PluginKind::none) {
    Finding f = make_finding(
        "exec-plugin", CheckStatus::warn,
        fmt::format("user {} runs {}, not aws eks get-token or aws-iam-authenticator", dq(user.name), dq(display)));
    f.detail.push_back("the AWS checks (aws-cli, aws-profile, sso-token) do not apply to it");
    f.detail.push_back("to use AWS SSO: " + update);
    s.not_sso = fmt::format("the exec plugin {}, not the AWS CLI", dq(display));
    return f;
  }
  std::vector<std::string> problems;
  std::vector<std::string> warnings;
  if (auth.plugin == PluginKind::aws_cli) {
    const GetTokenArgs args = parse_get_token_args(exec.args);
    if (!args.is_eks_get_token) {
      problems.push_back(fmt::format("the plugin runs {}, not aws eks get-token", dq(display)));
    } else if (!args.cluster_name && !args.cluster_id) {
      problems.push_back(
          "aws eks get-token has no --cluster-name: the AWS CLI fails with \"Either parameter "
          "--cluster-name or --cluster-id must be specified.\"");
    }
    if (!args.region) {
      warnings.push_back(auth.region.empty()
                             ? "no --region in the plugin's args and none in its environment: the token is signed "
                               "for the global STS endpoint (us-east-1)"
                             : fmt::format("no --region in the plugin's args: the region {} comes from the "
                                           "environment or the profile, which other programs may not share",
                                           auth.region));
    }
    if (!args.output || *args.output != "json") {
      // aws.md 2.2: `output = text` in the profile breaks a kubeconfig without --output json.
      warnings.push_back(
          "no --output json in the plugin's args: a profile or AWS_DEFAULT_OUTPUT with output text "
          "or yaml makes aws eks get-token print something kubectl cannot read (AWS CLI >= 2.10.4)");
    }
  } else {
    bool token = false;
    bool cluster = false;
    for (const auto& a : exec.args) {
      token = token || a == "token";
      cluster = cluster || a == "-i" || a == "--cluster-id";
    }
    if (!token || !cluster) {
      problems.push_back(fmt::format("the plugin runs {}, not aws-iam-authenticator token -i CLUSTER", dq(display)));
    }
  }
  const bool profile_from_kubeconfig =
      auth.resolution.source == ProfileSource::flag || auth.profile_source.rfind("exec env", 0) == 0;
  if (auth.resolution.source == ProfileSource::default_profile) {
    warnings.push_back("no AWS_PROFILE in the exec env and no --profile: the plugin uses the \"default\" profile");
  } else if (!profile_from_kubeconfig) {
    warnings.push_back(
        fmt::format("the profile comes from your shell ({}={}), not the kubeconfig: programs started "
                    "elsewhere (K8Studio, IDEs) will not see it",
                    profile_source_name(auth.resolution.source), auth.profile));
  }
  if (auth.env_static_keys) {
    warnings.push_back(
        "AWS_ACCESS_KEY_ID is set in the plugin's environment: static keys win over AWS_PROFILE, "
        "so AWS SSO is not used");
  }
  const std::string summary = fmt::format("{}, profile {} ({})", display,
                                          dq(auth.profile.empty() ? "default" : auth.profile), auth.profile_source);
  if (!problems.empty()) {
    Finding f = make_finding("exec-plugin", CheckStatus::fail, problems.front());
    f.kind = ErrorKind::config;
    f.detail.assign(problems.begin() + 1, problems.end());
    for (const auto& w : warnings) {
      f.detail.push_back(w);
    }
    for (const auto& line : corrected_stanza(s, user.name)) {
      f.detail.push_back(line);
    }
    f.fix = {update};
    return f;
  }
  s.aws_plugin = true;
  if (!warnings.empty()) {
    Finding f = make_finding("exec-plugin", CheckStatus::warn, summary);
    f.detail = warnings;
    f.fix = {update};
    return f;
  }
  return make_finding("exec-plugin", CheckStatus::pass, summary);
}

}  // namespace eks::doctor
