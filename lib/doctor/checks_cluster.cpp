// doctor checks against the API server: api-reachable (step 8), api-authenticated (6) with the
// access-entry diagnosis of a 401, and can-list-nodes (6) with the access policy that covers nodes.
// Facts: docs/spec/eks.md 2.2, 2.4, 3, 3.4, 8.
#include <fmt/format.h>

#include <algorithm>

#include "lib/doctor/checks.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/util/timefmt.hpp"

namespace eks::doctor {
namespace {

constexpr auto k_max_skew = std::chrono::minutes(1);
constexpr std::string_view k_ssr_unavailable = "the selfsubjectreviews API is not enabled in the cluster";

std::string dq(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The kubeconfig's own idea of the cluster (its ARN, or an eksctl context name), if it has one.
std::optional<EksClusterRef> kubeconfig_cluster(const State& s) {
  if (auto ref = parse_eks_cluster_ref(s.access->selection.cluster->name)) {
    return ref;
  }
  return parse_eks_cluster_ref(s.access->context_name);
}

constexpr std::string_view k_lookup_prefix = "the access entry needs the IAM role ARN with its path";
constexpr std::string_view k_who_runs_prefix = "run the access-entry commands as ";
constexpr std::string_view k_mode_prefix = "access entries need the cluster's authenticationMode ";

// The principal ARN an access entry or policy association needs, with the detail lines that say
// how it was found. Never rebuilds the role's IAM path from the STS ARN (eks.md 2.4).
struct Principal {
  std::string argument;  // for --principal-arn
  std::optional<CallerArn> caller;
  std::vector<std::string> detail;
};

// The profile that runs the access-entry commands: --admin-profile, else "" (the person decides).
const std::string& admin_profile(const State& s) {
  return s.input.admin_profile;
}

// " --profile ADMIN" for the access-entry commands, when --admin-profile names one.
std::string admin_tail(const State& s) {
  return admin_profile(s).empty() ? std::string() : " --profile " + shell_quote(admin_profile(s));
}

// Without an answer from STS: the plugin's --role-arn (the role the token is signed by), else the
// role IAM Identity Center made for the profile's permission set, else a placeholder.
std::string principal_without_caller(const State& s) {
  if (const std::string role = plugin_role_arn(s); !role.empty()) {
    return shell_quote(role);
  }
  if (s.profile && s.profile->sso && !s.profile->sso->role_name.empty()) {
    return sso_role_principal_argument(s.profile->sso->role_name, admin_profile(s));
  }
  return "ROLE_ARN";
}

Principal principal_for(State& s, Deps& deps, std::string_view sts_arn) {
  Principal p;
  p.caller = parse_caller_arn(sts_arn);
  if (!p.caller) {
    p.argument = principal_without_caller(s);
    return p;
  }
  if (!p.caller->user_arn.empty()) {
    p.argument = shell_quote(p.caller->user_arn);
    p.detail.push_back("an IAM user's ARN is its principal ARN as it is");
    return p;
  }
  // The plugin's --role-arn is the role the token is signed by, with its path as written.
  if (const std::string role = plugin_role_arn(s);
      !role.empty() && role.size() > p.caller->role_name.size() &&
      role.compare(role.size() - p.caller->role_name.size(), p.caller->role_name.size(), p.caller->role_name) == 0 &&
      role[role.size() - p.caller->role_name.size() - 1] == '/') {
    p.argument = shell_quote(role);
    p.detail.push_back(fmt::format("IAM role ARN (the plugin's --role-arn): {}", role));
    return p;
  }
  ensure_role_arn(s, deps, *p.caller);
  p.argument = principal_argument(s.role_arn, p.caller->role_name, admin_profile(s));
  if (!s.role_arn.empty()) {
    p.detail.push_back(fmt::format("IAM role ARN (aws iam get-role): {}", s.role_arn));
  } else {
    p.detail.push_back(fmt::format("{}{}, which the STS ARN does not show; look it up (the command below does): {}",
                                   k_lookup_prefix,
                                   p.caller->is_sso_role() ? " (/aws-reserved/sso.amazonaws.com/[region/])" : "",
                                   get_role_arn_command(p.caller->role_name, admin_profile(s))));
  }
  return p;
}

// A profile of the AWS config whose SSO account is `account` ("" when none or several).
std::string profile_for_account(const State& s, std::string_view account) {
  if (!s.aws_config || account.empty()) {
    return "";
  }
  std::string found;
  for (const auto& [name, profile] : s.aws_config->profiles) {
    if (profile.get("sso_account_id").value_or("") == account) {
      if (!found.empty()) {
        return "";
      }
      found = name;
    }
  }
  return found;
}

}  // namespace

Finding check_api_reachable(State& s, Deps& deps) {
  const Cluster& cluster = *s.access->selection.cluster;
  KubeCredential credential;
  if (s.credential && s.credential->attempt.credential) {
    const Credential& c = *s.credential->attempt.credential;
    credential = KubeCredential{c.token, c.client_certificate_pem, c.client_key_pem, c.username, c.password};
  }
  KubeClientOptions options;
  options.impersonation = impersonation_of(*s.access->selection.user);  // as kubectl: every request
  options.request_timeout = s.input.request_timeout;
  options.verbosity = deps.verbosity;
  std::ostream& err = deps.err;
  options.log = [&err](std::string_view line) { err << line << '\n'; };
  auto client = KubeClient::create(cluster, std::move(credential), deps.http, options);
  if (!client) {
    Finding f = make_finding("api-reachable", CheckStatus::fail, client.error().message);
    f.kind = client.error().kind;
    f.detail = client.error().hints;
    f.fix = {update_kubeconfig_fix(s)};
    return f;
  }
  s.client.emplace(std::move(*client));
  auto version = s.client->get_version();
  Finding f = make_finding("api-reachable", CheckStatus::pass, "");
  if (!version) {
    const Error& e = version.error();
    if (e.kind == ErrorKind::unauthorized || e.kind == ErrorKind::forbidden) {
      f.summary = fmt::format("{} answered over TLS (GET /version: HTTP {})", cluster.server,
                              e.kind == ErrorKind::unauthorized ? 401 : 403);
    } else {
      f.status = CheckStatus::fail;
      f.kind = e.kind;
      f.summary = e.message;
      f.detail = e.hints;
      const std::string& m = e.message;
      const std::string describe =
          fmt::format("aws eks describe-cluster --name {} --region {} --query cluster.resourcesVpcConfig",
                      s.cluster_name.empty() ? "CLUSTER" : shell_quote(s.cluster_name),
                      s.region.empty() ? "REGION" : shell_quote(s.region));
      if (contains(m, "unknown authority") || contains(m, "certificate is valid for") || contains(m, "not valid for")) {
        f.detail.push_back(
            "the kubeconfig's certificate-authority-data or server is not this cluster's (was the "
            "cluster recreated?): generate the entry again");
        f.fix = {update_kubeconfig_fix(s)};
      } else if (contains(m, "timed out") || contains(m, "resolve")) {
        f.detail.push_back(
            "a private-only endpoint is reachable only from its VPC (VPN, bastion, Direct Connect); "
            "a public endpoint may admit only the publicAccessCidrs; see endpointPublicAccess, "
            "endpointPrivateAccess and publicAccessCidrs with the command below (read-only)");
        f.fix = {describe};
      } else if (contains(m, "refused")) {
        f.detail.push_back("nothing accepts connections at that address: is the server in the kubeconfig right?");
        f.fix = {update_kubeconfig_fix(s)};
      }
      return f;
    }
  } else {
    f.summary = fmt::format("{} answered: Kubernetes {}", cluster.server, version->git_version);
  }
  if (cluster.insecure_skip_tls_verify) {
    f.status = CheckStatus::warn;
    f.detail.push_back("insecure-skip-tls-verify is set: the server's certificate is not checked");
  } else if (!cluster.certificate_authority_data.empty() || !cluster.certificate_authority.empty()) {
    f.detail.push_back("TLS verified with the kubeconfig's certificate authority");
  } else {
    f.detail.push_back("TLS verified with the system's certificate authorities");
  }
  // Signed EKS tokens carry X-Amz-Date: a clock far off makes a valid token look expired.
  if (const auto server_time = parse_http_date(s.client->last_date())) {
    const auto skew = std::chrono::duration_cast<std::chrono::seconds>(deps.clock.now() - *server_time);
    const auto magnitude = skew < std::chrono::seconds(0) ? -skew : skew;
    if (magnitude > k_max_skew) {
      f.status = CheckStatus::warn;
      f.detail.push_back(
          fmt::format("this machine's clock is {} {} the server's (Date: {}): EKS tokens are "
                      "signed with the local time and rejected when it is off by minutes; sync the "
                      "clock (NTP)",
                      short_duration(magnitude), skew.count() > 0 ? "ahead of" : "behind", s.client->last_date()));
    }
  }
  return f;
}

Finding check_api_authenticated(State& s, Deps& deps) {
  auto review = s.client->self_subject_review();
  if (review) {
    const UserInfo& u = *review;
    Finding f = make_finding("api-authenticated", CheckStatus::pass, "authenticated as " + u.username);
    // extra.sessionName as EKS sends it, else the assumed-role ARN's session (as connect shows it)
    if (const std::string session = u.session_name(); !session.empty()) {
      f.detail.push_back("session " + session);
    }
    if (const std::string arn = u.first_extra("arn"); !arn.empty()) {
      f.detail.push_back("AWS principal " + arn);
    }
    std::string groups;
    for (const auto& g : u.groups) {
      groups += (groups.empty() ? "" : ", ") + g;
    }
    f.detail.push_back("groups [" + groups + "]");
    s.user_info = *review;
    return f;
  }
  const Error& e = review.error();
  if (e.kind == ErrorKind::general && e.message == k_ssr_unavailable) {
    return make_finding("api-authenticated", CheckStatus::warn,
                        "the server has no SelfSubjectReview API (Kubernetes < 1.28): the identity cannot be shown");
  }
  if (e.kind != ErrorKind::unauthorized) {
    Finding f = make_finding("api-authenticated", CheckStatus::fail, e.message);
    f.kind = e.kind;
    f.detail = e.hints;
    return f;
  }
  // 401: the principal is not mapped, or the token is for another cluster (eks.md 3.1).
  Finding f = make_finding("api-authenticated", CheckStatus::fail,
                           "the cluster rejected the credential (HTTP 401): no access entry for your IAM role, or a "
                           "token for another cluster");
  f.kind = ErrorKind::unauthorized;
  const auto ref = kubeconfig_cluster(s);
  const std::string plugin_cluster = s.access->auth.cluster_name;
  if (ref && !plugin_cluster.empty() && plugin_cluster != ref->name) {
    // The cause is known: an access entry (which the role may well have) would not help.
    f.summary =
        fmt::format("the cluster rejected the credential (HTTP 401): the token is signed for cluster {}, not {}",
                    dq(plugin_cluster), dq(ref->name));
    f.detail.push_back(
        fmt::format("the plugin signs the token for cluster {} (--cluster-name), but the kubeconfig's "
                    "cluster is {}: EKS rejects a token for another cluster with 401",
                    dq(plugin_cluster), dq(ref->name)));
    f.detail.push_back("write the entry again with the cluster's name; the access entries are not the cause");
    f.fix.push_back(update_kubeconfig_command(ref->name, ref->region.empty() ? s.region : ref->region,
                                              s.access->auth.profile, plugin_role_arn(s)));
    return f;
  }
  ensure_caller_identity(s, deps);
  const std::string& cluster = s.cluster_name;
  if (s.caller) {
    f.detail.push_back(fmt::format("you are {} (aws sts get-caller-identity)", s.caller->arn));
    if (ref && !ref->account.empty() && !s.caller->account.empty() && ref->account != s.caller->account) {
      // The cause is known: credentials of another account; an access entry cannot name them.
      f.summary = fmt::format(
          "the cluster rejected the credential (HTTP 401): your credentials are for account {}, "
          "the cluster is in account {}",
          s.caller->account, ref->account);
      const std::string other = profile_for_account(s, ref->account);
      f.detail.push_back(fmt::format("profile {} signs in to account {}; use a profile of account {}{}",
                                     dq(s.access->auth.profile), s.caller->account, ref->account,
                                     other.empty() ? std::string() : " (" + dq(other) + " is one)"));
      f.fix.push_back(update_kubeconfig_command(cluster, s.region, other.empty() ? std::string_view() : other));
      return f;
    }
    Principal p = principal_for(s, deps, s.caller->arn);
    s.access_principal = p.argument;
    for (auto& line : p.detail) {
      f.detail.push_back(std::move(line));
    }
    f.fix.push_back(create_access_entry_command(cluster, s.region, p.argument) + admin_tail(s));
    f.fix.push_back(associate_access_policy_command(cluster, s.region, p.argument, k_admin_view_policy, s.partition) +
                    admin_tail(s));
    if (p.caller && !p.caller->role_name.empty()) {
      f.detail.push_back(
          fmt::format("with the aws-auth ConfigMap instead, map the role ARN with the path stripped: "
                      "rolearn: {}",
                      path_stripped_role_arn(*p.caller)));
    }
  } else {
    f.detail.push_back(
        fmt::format("could not ask STS who you are ({}); find your role with: aws sts "
                    "get-caller-identity",
                    s.caller_error));
    const std::string principal = principal_without_caller(s);
    s.access_principal = principal;
    f.fix.push_back(create_access_entry_command(cluster, s.region, principal) + admin_tail(s));
    f.fix.push_back(associate_access_policy_command(cluster, s.region, principal, k_admin_view_policy, s.partition) +
                    admin_tail(s));
  }
  explain_access_fixes(f, s);
  if (!plugin_cluster.empty()) {
    f.detail.push_back(
        fmt::format("or the token is for another cluster: the plugin signs it for {} "
                    "(--cluster-name), which must be this cluster's name",
                    dq(plugin_cluster)));
  }
  return f;
}

Finding check_can_list_nodes(State& s, Deps& deps) {
  auto review = s.client->can_i("list", "nodes");
  if (!review) {
    Finding f = make_finding("can-list-nodes", CheckStatus::fail, review.error().message);
    f.kind = review.error().kind;
    f.detail = review.error().hints;
    return f;
  }
  if (review->allowed) {
    Finding f = make_finding("can-list-nodes", CheckStatus::pass, "allowed to list nodes (kubectl get nodes works)");
    if (!review->reason.empty()) {
      f.detail.push_back(review->reason);
    }
    return f;
  }
  Finding f = make_finding("can-list-nodes", CheckStatus::fail,
                           "not allowed to list nodes: kubectl get nodes fails with 403 Forbidden");
  f.kind = ErrorKind::forbidden;
  if (!review->reason.empty()) {
    f.detail.push_back("the cluster said: " + review->reason);
  }
  if (!review->evaluation_error.empty()) {
    f.detail.push_back("evaluation error: " + review->evaluation_error);
  }
  f.detail.push_back(
      "AmazonEKSViewPolicy, AmazonEKSEditPolicy and AmazonEKSAdminPolicy do not cover nodes, even "
      "with --access-scope type=cluster; AmazonEKSAdminViewPolicy (read-only, includes Secrets) or "
      "AmazonEKSClusterAdminPolicy do");
  std::string sts_arn = s.user_info ? s.user_info->first_extra("arn") : std::string();
  if (sts_arn.empty()) {
    ensure_caller_identity(s, deps);
    sts_arn = s.caller ? s.caller->arn : std::string();
  }
  Principal p = principal_for(s, deps, sts_arn);
  s.access_principal = p.argument;
  for (auto& line : p.detail) {
    f.detail.push_back(std::move(line));
  }
  f.fix.push_back(
      associate_access_policy_command(s.cluster_name, s.region, p.argument, k_admin_view_policy, s.partition) +
      admin_tail(s));
  f.detail.push_back(
      "or full admin: " +
      associate_access_policy_command(s.cluster_name, s.region, p.argument, k_cluster_admin_policy, s.partition) +
      admin_tail(s));
  explain_access_fixes(f, s);
  std::vector<std::string> groups;
  if (s.user_info) {
    for (const auto& g : s.user_info->groups) {
      if (g.rfind("system:", 0) != 0) {
        groups.push_back(g);
      }
    }
  }
  const std::string group = groups.empty() ? std::string("GROUP") : shell_quote(groups.front());
  f.detail.push_back(
      fmt::format("or RBAC for the access entry's Kubernetes group {}: kubectl create clusterrole "
                  "node-reader --verb=get,list,watch --resource=nodes && kubectl create "
                  "clusterrolebinding node-reader --clusterrole=node-reader --group={}",
                  groups.empty() ? std::string("(set with --kubernetes-groups)") : dq(groups.front()), group));
  return f;
}

void explain_access_fixes(Finding& f, const State& s, const Finding* access_entry) {
  const auto is_access_fix = [](const std::string& cmd) {
    return cmd.rfind("aws eks create-access-entry ", 0) == 0 || cmd.rfind("aws eks associate-access-policy ", 0) == 0;
  };
  if (std::none_of(f.fix.begin(), f.fix.end(), is_access_fix)) {
    return;
  }
  if (access_entry != nullptr && access_entry->status == CheckStatus::pass && f.id == "api-authenticated") {
    // The cause is known not to be the access entry: its fixes do not apply.
    f.fix.erase(std::remove_if(f.fix.begin(), f.fix.end(), is_access_fix), f.fix.end());
    f.detail.push_back(
        "the access-entry check found the role's access entry with a policy that lists nodes: the 401 is not for "
        "want of one (a token for another cluster or account?)");
    return;
  }
  // The access-entry check found the role's ARN with its path: it replaces a lookup in the commands.
  const size_t slash = s.admin_role_arn.rfind('/');
  if (slash != std::string::npos && s.access_principal.rfind("\"$(", 0) == 0 &&
      (s.access_principal.find(" " + s.admin_role_arn.substr(slash + 1) + " ") != std::string::npos ||
       (!s.admin_permission_set.empty() &&
        s.access_principal.find("'AWSReservedSSO_" + s.admin_permission_set + "_'") != std::string::npos))) {
    const std::string known = shell_quote(s.admin_role_arn);
    for (std::string& line : f.detail) {
      if (line.rfind(k_lookup_prefix, 0) == 0) {
        line = "IAM role ARN (the access-entry check, aws iam list-roles): " + s.admin_role_arn;
      }
    }
    for (std::vector<std::string>* lines : {&f.fix, &f.detail}) {
      for (std::string& line : *lines) {
        for (size_t at = line.find(s.access_principal); at != std::string::npos;
             at = line.find(s.access_principal, at + known.size())) {
          line.replace(at, s.access_principal.size(), known);
        }
      }
    }
  }
  const auto starts = [](std::string_view prefix) {
    return [prefix](const std::string& line) { return line.rfind(prefix, 0) == 0; };
  };
  // Called at check time and again once the admin checks ran: the lines are replaced in place.
  const auto at = std::find_if(f.detail.begin(), f.detail.end(), starts(k_who_runs_prefix));
  const auto where = static_cast<std::ptrdiff_t>(at - f.detail.begin());
  f.detail.erase(std::remove_if(f.detail.begin(), f.detail.end(), starts(k_who_runs_prefix)), f.detail.end());
  f.detail.erase(std::remove_if(f.detail.begin(), f.detail.end(), starts(k_mode_prefix)), f.detail.end());
  std::vector<std::string> lines;
  lines.push_back(
      admin_profile(s).empty()
          ? std::string(k_who_runs_prefix) +
                "a cluster administrator (a principal allowed eks:CreateAccessEntry and eks:AssociateAccessPolicy "
                "on this cluster), not as the SSO user: add --profile with an administrator's profile"
          : fmt::format("{}the cluster administrator of --admin-profile {} (the commands carry --profile {}), not as "
                        "the SSO user",
                        k_who_runs_prefix, dq(admin_profile(s)), shell_quote(admin_profile(s))));
  const std::string& mode = s.cluster_auth_mode;
  if (mode.empty()) {
    lines.push_back(
        fmt::format("{}API or API_AND_CONFIG_MAP (CONFIG_MAP uses only the aws-auth ConfigMap); see it with: aws eks "
                    "describe-cluster --name {} --region {} --query cluster.accessConfig{}",
                    k_mode_prefix, s.cluster_name.empty() ? std::string("CLUSTER") : shell_quote(s.cluster_name),
                    s.region.empty() ? std::string("REGION") : shell_quote(s.region), admin_tail(s)));
  } else if (mode == "API" || mode == "API_AND_CONFIG_MAP") {
    lines.push_back(
        fmt::format("{}API or API_AND_CONFIG_MAP: it is {} (cluster-auth-mode), so they apply", k_mode_prefix, mode));
  } else {
    lines.push_back(
        fmt::format("{}API or API_AND_CONFIG_MAP: it is {} (cluster-auth-mode), so switch it first "
                    "(the first command)",
                    k_mode_prefix, mode));
    const std::string name = s.cluster_name.empty() ? std::string("CLUSTER") : shell_quote(s.cluster_name);
    const std::string update =
        fmt::format("aws eks update-cluster-config --name {} --access-config authenticationMode=API_AND_CONFIG_MAP{}{}",
                    name, s.region.empty() ? std::string() : " --region " + shell_quote(s.region), admin_tail(s));
    if (std::find(f.fix.begin(), f.fix.end(), update) == f.fix.end()) {
      f.fix.insert(f.fix.begin(), update);
    }
  }
  f.detail.insert(f.detail.begin() + std::min(where, static_cast<std::ptrdiff_t>(f.detail.size())), lines.begin(),
                  lines.end());
}

}  // namespace eks::doctor
