// doctor checks against the API server: api-reachable (step 8), api-authenticated (6) with the
// access-entry diagnosis of a 401, and can-list-nodes (6) with the access policy that covers nodes.
// Facts: docs/spec/eks.md 2.2, 2.4, 3, 3.4, 8.
#include <fmt/format.h>

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

std::string first_extra(const UserInfo& info, const std::string& key) {
  const auto it = info.extra.find(key);
  return it == info.extra.end() || it->second.empty() ? std::string() : it->second.front();
}

// The kubeconfig's own idea of the cluster (its ARN, or an eksctl context name), if it has one.
std::optional<EksClusterRef> kubeconfig_cluster(const State& s) {
  if (auto ref = parse_eks_cluster_ref(s.access->selection.cluster->name)) {
    return ref;
  }
  return parse_eks_cluster_ref(s.access->context_name);
}

// The principal ARN an access entry or policy association needs, with the detail lines that say
// how it was found. Never rebuilds the role's IAM path from the STS ARN (eks.md 2.4).
struct Principal {
  std::string argument;  // for --principal-arn
  std::optional<CallerArn> caller;
  std::vector<std::string> detail;
};

Principal principal_for(State& s, Deps& deps, std::string_view sts_arn) {
  Principal p;
  p.caller = parse_caller_arn(sts_arn);
  if (!p.caller) {
    p.argument = "ROLE_ARN";
    return p;
  }
  if (!p.caller->user_arn.empty()) {
    p.argument = shell_quote(p.caller->user_arn);
    p.detail.push_back("an IAM user's ARN is its principal ARN as it is");
    return p;
  }
  ensure_role_arn(s, deps, *p.caller);
  p.argument = principal_argument(s.role_arn, p.caller->role_name);
  if (!s.role_arn.empty()) {
    p.detail.push_back(fmt::format("IAM role ARN (aws iam get-role): {}", s.role_arn));
  } else {
    p.detail.push_back(
        fmt::format("the access entry needs the IAM role ARN with its path{}, which the STS ARN "
                    "does not show; look it up (the command below does): {}",
                    p.caller->is_sso_role() ? " (/aws-reserved/sso.amazonaws.com/[region/])" : "",
                    get_role_arn_command(p.caller->role_name)));
  }
  return p;
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
    std::string session = first_extra(u, "sessionName");
    if (session.empty()) {
      if (auto c = parse_caller_arn(first_extra(u, "arn"))) {
        session = c->session;
      }
    }
    if (!session.empty()) {
      f.detail.push_back("session " + session);
    }
    if (const std::string arn = first_extra(u, "arn"); !arn.empty()) {
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
  bool other_cluster = false;
  if (ref && !plugin_cluster.empty() && plugin_cluster != ref->name) {
    other_cluster = true;
    f.detail.push_back(
        fmt::format("the plugin signs the token for cluster {} (--cluster-name), but the kubeconfig's "
                    "cluster is {}: EKS rejects a token for another cluster with 401",
                    dq(plugin_cluster), dq(ref->name)));
    f.fix.push_back(
        update_kubeconfig_command(ref->name, ref->region.empty() ? s.region : ref->region, s.access->auth.profile));
  }
  ensure_caller_identity(s, deps);
  const std::string cluster = ref && !ref->name.empty() && other_cluster ? ref->name : s.cluster_name;
  if (s.caller) {
    f.detail.push_back(fmt::format("you are {} (aws sts get-caller-identity)", s.caller->arn));
    if (ref && !ref->account.empty() && !s.caller->account.empty() && ref->account != s.caller->account) {
      f.detail.push_back(
          fmt::format("your credentials are for account {}, but the cluster is in account {}: check "
                      "the profile",
                      s.caller->account, ref->account));
    }
    Principal p = principal_for(s, deps, s.caller->arn);
    for (auto& line : p.detail) {
      f.detail.push_back(std::move(line));
    }
    f.fix.push_back(create_access_entry_command(cluster, s.region, p.argument));
    f.fix.push_back(associate_access_policy_command(cluster, s.region, p.argument, k_admin_view_policy, s.partition));
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
    f.fix.push_back(create_access_entry_command(cluster, s.region, "ROLE_ARN"));
  }
  if (!other_cluster && !plugin_cluster.empty()) {
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
  std::string sts_arn = s.user_info ? first_extra(*s.user_info, "arn") : std::string();
  if (sts_arn.empty()) {
    ensure_caller_identity(s, deps);
    sts_arn = s.caller ? s.caller->arn : std::string();
  }
  Principal p = principal_for(s, deps, sts_arn);
  for (auto& line : p.detail) {
    f.detail.push_back(std::move(line));
  }
  f.fix.push_back(
      associate_access_policy_command(s.cluster_name, s.region, p.argument, k_admin_view_policy, s.partition));
  f.detail.push_back("or full admin: " + associate_access_policy_command(s.cluster_name, s.region, p.argument,
                                                                         k_cluster_admin_policy, s.partition));
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

}  // namespace eks::doctor
