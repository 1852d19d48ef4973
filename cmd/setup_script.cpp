// `eks-sso setup-script`: prints the bash script for the guide's steps 1-7 (lib/aws/setup_script.hpp).
// Values come from the flags; with --context, what is missing is read from that context's exec
// plugin (cluster, region, AWS_PROFILE) and the profile's SSO settings in the AWS config.
#include "lib/aws/setup_script.hpp"
#include "cmd/commands.hpp"
#include "cmd/render.hpp"
#include "lib/aws/config.hpp"
#include "lib/aws/sso_config.hpp"
#include "lib/kube/exec_plugin.hpp"
#include "lib/session/context_access.hpp"

namespace eks::cmd {

CLI::App* bind_setup_script(CLI::App& app, SetupScriptOptions& o) {
  CLI::App* sub = app.add_subcommand("setup-script", "Print a bash script for the guide's setup steps 1-7");
  sub->add_option("--cluster", o.cluster, "EKS cluster name")->type_name("NAME");
  sub->add_option("--region", o.region, "Region of the cluster")->type_name("REGION");
  sub->add_option("--account", o.account, "AWS account id of the cluster")->type_name("ID");
  sub->add_option("--start-url", o.start_url, "AWS access portal URL (https://d-xxxx.awsapps.com/start)")
      ->type_name("URL");
  sub->add_option("--sso-region", o.sso_region, "IAM Identity Center region (default: --region)")->type_name("REGION");
  sub->add_option("--permission-set", o.permission_set, "Permission set name (default K8StudioEKSExec)")
      ->type_name("NAME");
  sub->add_option("--group", o.group, "Identity Center group to assign (created when missing)")->type_name("NAME");
  sub->add_option("--user", o.user, "Identity Center user name to assign (instead of --group)")->type_name("NAME");
  sub->add_option("--access-policy", o.access_policy, "EKS access policy ARN (default AmazonEKSAdminViewPolicy)")
      ->type_name("ARN");
  sub->add_option("--admin-profile", o.admin_profile, "AWS profile for the admin calls (default: default credentials)")
      ->type_name("PROFILE");
  sub->add_option("--profile", o.profile, "The user's AWS profile the script writes (default k8studio-sso)")
      ->type_name("PROFILE");
  sub->footer(
      "The script does the guide's steps 1-7, each looking before it creates (a second run changes\n"
      "nothing), writes the profile into ~/.aws/config itself, never runs aws sso login, and ends with\n"
      "aws eks update-kubeconfig and eks-sso doctor. With --context, missing values come from that\n"
      "context's exec plugin and AWS profile.\n"
      "\n"
      "Examples:\n"
      "  eks-sso setup-script --cluster prod --region us-east-1 --account 111122223333 --start-url "
      "https://d-9067example.awsapps.com/start --group eks-users > setup.sh\n"
      "  eks-sso setup-script --context prod --group 'Platform team' --admin-profile org-admin > setup.sh\n"
      "  eks-sso setup-script --context prod --user jane.doe@example.com > setup.sh && bash setup.sh");
  return sub;
}

namespace {

void fill(std::string& target, const std::string& value) {
  if (target.empty()) {
    target = value;
  }
}

// What the context knows: the plugin's cluster, region and profile, then the profile's SSO settings.
Status fill_from_context(SetupValues& v, GlobalOptions& global, const std::string& context, Deps& deps) {
  auto opened = open_context(kubeconfig_sources(global, deps), context, deps.env);
  if (!opened) {
    return opened.error();
  }
  const ContextAccess& access = *opened;
  fill(v.cluster, access.auth.cluster_name);
  fill(v.region, access.auth.region);
  fill(v.profile, access.auth.profile);
  fill(v.context, access.context_name);
  const AuthInfo& user = *access.selection.user;
  if (!user.exec) {
    return Ok{};
  }
  const auto aws = load_aws_config(plugin_environment(*user.exec, deps.env), deps.home);
  if (!aws || access.auth.profile.empty()) {
    return Ok{};
  }
  const ProfileAnalysis analysis = resolve_sso(access.auth.profile, *aws);
  if (analysis.sso) {
    fill(v.account, analysis.sso->account_id);
    fill(v.start_url, analysis.sso->start_url);
    fill(v.sso_region, analysis.sso->region);
    fill(v.permission_set, analysis.sso->role_name);
    fill(v.sso_session, analysis.sso->session_name);
  }
  return Ok{};
}

}  // namespace

int run_setup_script(GlobalOptions& global, const SetupScriptOptions& o, Deps& deps) {
  if (auto s = validate_global(global, {"table"}, "setup-script"); !s) {
    return fail(deps, s.error());
  }
  SetupValues v;
  v.cluster = o.cluster;
  v.region = o.region;
  v.account = o.account;
  v.start_url = o.start_url;
  v.sso_region = o.sso_region;
  v.permission_set = o.permission_set;
  v.group = o.group;
  v.user = o.user;
  v.access_policy = o.access_policy.empty() ? v.access_policy : o.access_policy;
  v.admin_profile = o.admin_profile;
  v.profile = o.profile;
  if (!global.contexts.empty()) {
    auto ctx = single_context(global, "setup-script");
    if (!ctx) {
      return fail(deps, ctx.error());
    }
    if (auto s = fill_from_context(v, global, *ctx, deps); !s) {
      return fail(deps, s.error());
    }
  }
  fill(v.permission_set, "K8StudioEKSExec");
  fill(v.profile, "k8studio-sso");
  auto checked = validate_setup_values(v);
  if (!checked) {
    return fail(deps, checked.error());
  }
  deps.out << setup_script(*checked);
  return 0;
}

}  // namespace eks::cmd
