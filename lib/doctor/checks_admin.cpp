// doctor --admin-profile: the administrator's half of the guide (issue 15), steps 1-3 and 6:
// identity-center, permission-set, account-assignment, cluster-auth-mode, access-entry. Every call
// is a read-only `aws <service> <op> --output json --profile ADMIN` through deps.runner, listed at
// -v 1 and bounded by --exec-timeout; the answers are parsed in lib/aws/admin_answers and the
// policies judged in lib/aws/iam_policy. An expired admin SSO token is the login action for the
// admin profile (exit 3); later admin checks are then skipped. Facts: docs/spec/eks.md 2.2.
#include <fmt/format.h>

#include "lib/aws/admin_answers.hpp"
#include "lib/aws/errors.hpp"
#include "lib/aws/iam_policy.hpp"
#include "lib/aws/login_action.hpp"
#include "lib/doctor/checks.hpp"

namespace eks::doctor {
namespace {

constexpr size_t k_max_describes = 200;  // describe-permission-set calls at most
constexpr std::string_view k_sso_role_path = "/aws-reserved/sso.amazonaws.com/";

std::string q(std::string_view s) {
  return shell_quote(std::string(s));
}

std::string dq(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// " --region R --profile P" for printed commands.
std::string tail(const State& s, std::string_view region) {
  std::string out;
  if (!region.empty()) {
    out += " --region " + q(region);
  }
  return out + " --profile " + q(s.input.admin_profile);
}

struct Answer {
  bool ok = false;
  std::string out;
  std::optional<AwsServiceError> service;  // the service's error, when it answered with one
  Finding failure;                         // when !ok
};

// Runs `aws ARGS --output json --profile ADMIN` and classifies a failure into a Finding of `id`.
Answer run_admin(State& s, Deps& deps, std::string_view id, std::vector<std::string> args) {
  args.push_back("--output");
  args.push_back("json");
  args.push_back("--profile");
  args.push_back(s.input.admin_profile);
  std::string display = "aws";
  for (const auto& a : args) {
    display += " " + q(a);
  }
  ProcessSpec spec;
  spec.program = "aws";
  spec.args = args;
  spec.env = plugin_env(s, deps).to_strings();
  spec.timeout = s.input.exec_timeout;
  spec.stdout_limit = 4 * 1024 * 1024;
  log_run(s, deps, display);
  const ProcessResult r = deps.runner.run(spec);
  Answer a;
  if (r.outcome == ProcessResult::Outcome::exited && r.exit_code == 0) {
    a.ok = true;
    a.out = r.out;
    return a;
  }
  const std::string op = args.size() >= 2 ? args[0] + " " + args[1] : display;
  if (r.outcome == ProcessResult::Outcome::timed_out) {
    a.failure = make_finding(id, CheckStatus::fail,
                             fmt::format("aws {} timed out after {}ms (--exec-timeout)", op, s.input.exec_timeout.count()));
    a.failure.kind = ErrorKind::unreachable;
    return a;
  }
  if (r.outcome != ProcessResult::Outcome::exited) {
    a.failure = make_finding(id, CheckStatus::fail,
                             fmt::format("aws {} could not run: {}", op,
                                         r.outcome == ProcessResult::Outcome::not_found ? std::string("aws is not on PATH")
                                                                                       : r.error_text));
    return a;
  }
  const AwsFailure failure = classify_aws_stderr(r.err);
  if (auto login = login_required_from(failure, "", s.input.admin_profile)) {
    login->evidence = "aws " + op + " said: " + failure.message.substr(0, failure.message.find('\n'));
    a.failure = login_finding(id, *login, deps.clock.now());
    a.failure.summary = fmt::format("the admin profile {} needs an AWS SSO login: {}", dq(s.input.admin_profile),
                                    a.failure.summary);
    s.admin_login_required = true;
    return a;
  }
  a.service = parse_service_error(r.err);
  if (a.service && a.service->access_denied()) {
    a.failure = make_finding(id, CheckStatus::fail,
                             fmt::format("the admin profile {} may not call {}: {}", dq(s.input.admin_profile),
                                         a.service->operation.empty() ? op : a.service->operation, a.service->message));
    a.failure.detail.push_back("the admin checks need read-only rights on sso-admin, identitystore, iam and eks");
    a.failure.fix.push_back("aws sts get-caller-identity --profile " + q(s.input.admin_profile));
    return a;
  }
  const std::string msg = normalize_aws_stderr(r.err);
  a.failure = make_finding(id, CheckStatus::fail,
                           fmt::format("aws {} failed (exit {}): {}", op, r.exit_code, msg.substr(0, msg.find('\n'))));
  a.failure.kind = error_kind_for(failure.kind);
  return a;
}

Finding parse_failure(std::string_view id, const Error& e) {
  return make_finding(id, CheckStatus::fail, e.message);
}

bool admin_blocked(const State& s) {
  return s.admin_login_required;
}

Finding blocked_finding(const State& s, std::string_view id) {
  return make_finding(id, CheckStatus::skip,
                      fmt::format("skipped: the admin profile {} needs a login first", dq(s.input.admin_profile)));
}

std::string cluster_arn(const State& s) {
  if (s.cluster_name.rfind("arn:", 0) == 0) {
    return s.cluster_name;
  }
  if (s.admin_account.empty() || s.region.empty()) {
    return "*";
  }
  return fmt::format("arn:{}:eks:{}:{}:cluster/{}", s.partition, s.region, s.admin_account, s.cluster_name);
}

std::string short_cluster(const State& s) {
  const size_t slash = s.cluster_name.rfind('/');
  return s.cluster_name.rfind("arn:", 0) == 0 && slash != std::string::npos ? s.cluster_name.substr(slash + 1)
                                                                            : s.cluster_name;
}

}  // namespace

Finding check_identity_center(State& s, Deps& deps) {
  // What the user's profile says: the SSO region, account and permission set (role name).
  if (s.profile && s.profile->sso) {
    s.admin_sso_region = s.profile->sso->region;
    s.admin_account = s.profile->sso->account_id;
    s.admin_permission_set = s.profile->sso->role_name;
  }
  if (!s.input.permission_set.empty()) {
    s.admin_permission_set = s.input.permission_set;
  }
  // Else the account of the cluster's ARN: the plugin's --cluster-name, the kubeconfig's cluster or
  // context name (a static-keys or non-SSO user has no sso_account_id).
  std::vector<std::string> names = {s.cluster_name};
  if (s.access && s.access->selection.cluster != nullptr) {
    names.push_back(s.access->selection.cluster->name);
    names.push_back(s.access->context_name);
  }
  for (const auto& n : names) {
    if (const auto ref = parse_eks_cluster_ref(n); s.admin_account.empty() && ref && !ref->account.empty()) {
      s.admin_account = ref->account;
    }
  }
  std::vector<std::string> args = {"sso-admin", "list-instances"};
  if (!s.admin_sso_region.empty()) {
    args.insert(args.end(), {"--region", s.admin_sso_region});
  }
  Answer a = run_admin(s, deps, "identity-center", args);
  if (!a.ok) {
    return a.failure;
  }
  auto instances = parse_list_instances(a.out);
  if (!instances) {
    return parse_failure("identity-center", instances.error());
  }
  if (instances->empty()) {
    Finding f = make_finding(
        "identity-center", CheckStatus::fail,
        s.admin_sso_region.empty()
            ? fmt::format("no IAM Identity Center instance is visible to the admin profile {}", dq(s.input.admin_profile))
            : fmt::format("no IAM Identity Center instance in region {} (the profile's sso_region)", s.admin_sso_region));
    f.kind = ErrorKind::config;
    f.detail.push_back(
        "enable IAM Identity Center in the organization's management account (console: IAM Identity Center → Enable), "
        "or set sso_region in the user's profile to the region where it is enabled");
    f.fix.push_back("aws sso-admin list-instances" + tail(s, s.admin_sso_region));
    return f;
  }
  s.admin_instance = instances->front();
  Finding f = make_finding("identity-center", CheckStatus::pass,
                           fmt::format("instance {} (identity store {}){}", s.admin_instance->arn,
                                       s.admin_instance->identity_store_id,
                                       s.admin_sso_region.empty() ? "" : " in " + s.admin_sso_region));
  if (instances->size() > 1) {
    f.detail.push_back(fmt::format("{} instances answered; the first is used", instances->size()));
  }
  if (!s.admin_instance->status.empty() && s.admin_instance->status != "ACTIVE") {
    f.status = CheckStatus::warn;
    f.detail.push_back("its status is " + s.admin_instance->status + ", not ACTIVE");
  }
  return f;
}

Finding check_permission_set(State& s, Deps& deps) {
  constexpr std::string_view id = "permission-set";
  if (admin_blocked(s)) {
    return blocked_finding(s, id);
  }
  if (s.admin_permission_set.empty()) {
    Finding f = make_finding(id, CheckStatus::fail,
                             "no permission set to check: the profile has no sso_role_name; pass --permission-set NAME");
    f.kind = ErrorKind::usage;
    return f;
  }
  const std::string& instance = s.admin_instance->arn;
  const std::string& region = s.admin_sso_region;
  auto with_region = [&](std::vector<std::string> args) {
    if (!region.empty()) {
      args.insert(args.end(), {"--region", region});
    }
    return args;
  };
  Answer list = run_admin(s, deps, id, with_region({"sso-admin", "list-permission-sets", "--instance-arn", instance}));
  if (!list.ok) {
    return list.failure;
  }
  auto arns = parse_string_list(list.out, "PermissionSets");
  if (!arns) {
    return parse_failure(id, arns.error());
  }
  std::vector<std::string> seen;
  for (size_t i = 0; i < arns->size() && i < k_max_describes && s.admin_permission_set_arn.empty(); ++i) {
    Answer d = run_admin(s, deps, id,
                         with_region({"sso-admin", "describe-permission-set", "--instance-arn", instance,
                                      "--permission-set-arn", (*arns)[i]}));
    if (!d.ok) {
      return d.failure;
    }
    auto info = parse_describe_permission_set(d.out);
    if (!info) {
      return parse_failure(id, info.error());
    }
    if (info->name == s.admin_permission_set) {
      s.admin_permission_set_arn = info->arn.empty() ? (*arns)[i] : info->arn;
    }
    seen.push_back(info->name);
  }
  if (s.admin_permission_set_arn.empty()) {
    Finding f = make_finding(id, CheckStatus::fail,
                             fmt::format("no permission set named {} in {}", dq(s.admin_permission_set), instance));
    f.kind = ErrorKind::config;
    if (!seen.empty()) {
      std::string names;
      for (const auto& n : seen) {
        names += (names.empty() ? "" : ", ") + n;
      }
      f.detail.push_back("permission sets: " + names);
    }
    f.fix.push_back(fmt::format("aws sso-admin create-permission-set --instance-arn {} --name {}{}", q(instance),
                                q(s.admin_permission_set), tail(s, region)));
    return f;
  }
  const std::string& ps = s.admin_permission_set_arn;
  const std::string provision_fix = fmt::format(
      "aws sso-admin provision-permission-set --instance-arn {} --permission-set-arn {} --target-type AWS_ACCOUNT "
      "--target-id {}{}",
      q(instance), q(ps), q(s.admin_account.empty() ? "ACCOUNT_ID" : s.admin_account), tail(s, region));
  std::vector<std::string> problems;  // summaries, the first becomes the finding's
  std::vector<std::string> fixes;
  std::vector<std::string> detail;
  // Provisioned to the account?
  if (!s.admin_account.empty()) {
    Answer p = run_admin(s, deps, id,
                         with_region({"sso-admin", "list-permission-sets-provisioned-to-account", "--instance-arn",
                                      instance, "--account-id", s.admin_account}));
    if (!p.ok) {
      return p.failure;
    }
    auto provisioned = parse_string_list(p.out, "PermissionSets");
    if (!provisioned) {
      return parse_failure(id, provisioned.error());
    }
    if (std::find(provisioned->begin(), provisioned->end(), ps) == provisioned->end()) {
      problems.push_back(fmt::format("permission set {} is not provisioned to account {}", dq(s.admin_permission_set),
                                     s.admin_account));
      fixes.push_back(provision_fix);
    }
  } else {
    detail.push_back("the account is unknown (no sso_account_id): provisioning not checked");
  }
  // Its policies: inline, AWS/customer managed.
  std::vector<std::string> documents;  // (policy text)
  std::vector<std::string> doc_names;
  std::vector<std::string> doc_arns;  // the managed policy's ARN, "" for the inline policy
  Answer inl = run_admin(s, deps, id,
                         with_region({"sso-admin", "get-inline-policy-for-permission-set", "--instance-arn", instance,
                                      "--permission-set-arn", ps}));
  if (!inl.ok) {
    return inl.failure;
  }
  auto inline_doc = parse_inline_policy(inl.out);
  if (!inline_doc) {
    return parse_failure(id, inline_doc.error());
  }
  if (!inline_doc->empty()) {
    documents.push_back(*inline_doc);
    doc_names.push_back("the inline policy");
    doc_arns.emplace_back();
  }
  Answer man = run_admin(s, deps, id,
                         with_region({"sso-admin", "list-managed-policies-in-permission-set", "--instance-arn",
                                      instance, "--permission-set-arn", ps}));
  if (!man.ok) {
    return man.failure;
  }
  auto managed = parse_managed_policies(man.out);
  if (!managed) {
    return parse_failure(id, managed.error());
  }
  for (const auto& m : *managed) {
    Answer gp = run_admin(s, deps, id, {"iam", "get-policy", "--policy-arn", m.arn});
    if (!gp.ok) {
      detail.push_back(fmt::format("managed policy {} could not be read: {}", m.name, gp.failure.summary));
      continue;
    }
    auto version = parse_policy_default_version(gp.out);
    if (!version) {
      detail.push_back(fmt::format("managed policy {}: {}", m.name, version.error().message));
      continue;
    }
    Answer gv = run_admin(s, deps, id, {"iam", "get-policy-version", "--policy-arn", m.arn, "--version-id", *version});
    auto doc = gv.ok ? parse_policy_version_document(gv.out) : Result<std::string>(make_error(ErrorKind::general, gv.failure.summary));
    if (!doc) {
      detail.push_back(fmt::format("managed policy {}: {}", m.name, doc.error().message));
      continue;
    }
    documents.push_back(*doc);
    doc_names.push_back("managed policy " + m.name);
    doc_arns.push_back(m.arn);
  }
  Answer cust = run_admin(s, deps, id,
                          with_region({"sso-admin", "list-customer-managed-policy-references-in-permission-set",
                                       "--instance-arn", instance, "--permission-set-arn", ps}));
  if (!cust.ok) {
    return cust.failure;
  }
  auto customer = parse_customer_policy_refs(cust.out);
  if (!customer) {
    return parse_failure(id, customer.error());
  }
  bool allows = false;
  std::string allowed_by;
  for (size_t i = 0; i < documents.size(); ++i) {
    auto describe = evaluate_policy(documents[i], "eks:DescribeCluster", cluster_arn(s));
    auto caller = evaluate_policy(documents[i], "sts:GetCallerIdentity", "*");
    if (!describe || !caller) {
      detail.push_back(fmt::format("{}: {}", doc_names[i], (!describe ? describe.error() : caller.error()).message));
      continue;
    }
    if (describe->allows && !describe->denies && allowed_by.empty()) {
      allows = true;
      allowed_by = doc_names[i];
    }
    if (describe->denies) {
      problems.push_back(fmt::format("{} denies eks:DescribeCluster", doc_names[i]));
    }
    if (caller->denies) {
      problems.push_back(fmt::format("{} denies sts:GetCallerIdentity, which aws eks get-token's token is", doc_names[i]));
      // Without that Deny: the inline policy put back, a managed policy detached; then re-provisioned.
      if (doc_arns[i].empty()) {
        if (auto kept = policy_without_denies(documents[i], "sts:GetCallerIdentity", "*")) {
          fixes.push_back(fmt::format(
              "aws sso-admin put-inline-policy-to-permission-set --instance-arn {} --permission-set-arn {} "
              "--inline-policy {}{}",
              q(instance), q(ps), q(*kept), tail(s, region)));
        }
      } else {
        fixes.push_back(fmt::format(
            "aws sso-admin detach-managed-policy-from-permission-set --instance-arn {} --permission-set-arn {} "
            "--managed-policy-arn {}{}",
            q(instance), q(ps), q(doc_arns[i]), tail(s, region)));
      }
      fixes.push_back(provision_fix);
    }
  }
  const std::string describe_fix = fmt::format(
      "aws sso-admin put-inline-policy-to-permission-set --instance-arn {} --permission-set-arn {} --inline-policy "
      "'{{\"Version\":\"2012-10-17\",\"Statement\":[{{\"Effect\":\"Allow\",\"Action\":[\"eks:DescribeCluster\","
      "\"eks:ListClusters\"],\"Resource\":\"*\"}}]}}'{}",
      q(instance), q(ps), tail(s, region));
  bool customer_unread = false;
  if (!allows) {
    if (!customer->empty()) {
      customer_unread = true;
      std::string names;
      for (const auto& c : *customer) {
        names += (names.empty() ? "" : ", ") + c.path + c.name;
      }
      detail.push_back(fmt::format(
          "customer managed policies {} live in the target account and are not read: check they allow "
          "eks:DescribeCluster",
          names));
    } else {
      problems.push_back(fmt::format("no policy of permission set {} allows eks:DescribeCluster (aws eks "
                                     "update-kubeconfig needs it)",
                                     dq(s.admin_permission_set)));
      fixes.push_back(describe_fix);
      if (!inline_doc->empty()) {
        detail.push_back("put-inline-policy replaces the inline policy: merge the statement into the existing one");
      }
      if (!s.admin_account.empty()) {
        fixes.push_back(provision_fix);
      }
    }
  } else {
    detail.push_back("eks:DescribeCluster is allowed by " + allowed_by);
  }
  if (!problems.empty()) {
    Finding f = make_finding(id, CheckStatus::fail, problems.front());
    f.kind = ErrorKind::config;
    for (size_t i = 1; i < problems.size(); ++i) {
      f.detail.push_back("also: " + problems[i]);
    }
    for (auto& d : detail) {
      f.detail.push_back(std::move(d));
    }
    std::vector<std::string> unique;
    for (auto& x : fixes) {
      if (std::find(unique.begin(), unique.end(), x) == unique.end()) {
        unique.push_back(std::move(x));
      }
    }
    f.fix = std::move(unique);
    return f;
  }
  Finding f = make_finding(id, customer_unread ? CheckStatus::warn : CheckStatus::pass,
                           fmt::format("permission set {} ({}){}", dq(s.admin_permission_set), ps,
                                       s.admin_account.empty() ? "" : " is provisioned to account " + s.admin_account));
  f.detail = std::move(detail);
  return f;
}

Finding check_account_assignment(State& s, Deps& deps) {
  constexpr std::string_view id = "account-assignment";
  if (admin_blocked(s)) {
    return blocked_finding(s, id);
  }
  if (s.admin_permission_set_arn.empty()) {
    return make_finding(id, CheckStatus::skip, "skipped: the permission set was not found");
  }
  if (s.admin_account.empty()) {
    return make_finding(id, CheckStatus::skip, "skipped: the account is unknown (the profile has no sso_account_id)");
  }
  const std::string& instance = s.admin_instance->arn;
  const std::string& store = s.admin_instance->identity_store_id;
  const std::string& region = s.admin_sso_region;
  auto with_region = [&](std::vector<std::string> args) {
    if (!region.empty()) {
      args.insert(args.end(), {"--region", region});
    }
    return args;
  };
  Answer a = run_admin(s, deps, id,
                       with_region({"sso-admin", "list-account-assignments", "--instance-arn", instance,
                                    "--account-id", s.admin_account, "--permission-set-arn",
                                    s.admin_permission_set_arn}));
  if (!a.ok) {
    return a.failure;
  }
  auto assignments = parse_account_assignments(a.out);
  if (!assignments) {
    return parse_failure(id, assignments.error());
  }
  // The --principal, looked up in the identity store: a user name, else a group display name.
  std::optional<IdentityPrincipal> wanted;
  std::string wanted_type;
  if (!s.input.principal.empty()) {
    Answer u = run_admin(s, deps, id,
                         with_region({"identitystore", "list-users", "--identity-store-id", store, "--filters",
                                      "AttributePath=UserName,AttributeValue=" + s.input.principal}));
    if (!u.ok) {
      return u.failure;
    }
    auto users = parse_identity_users(u.out);
    if (!users) {
      return parse_failure(id, users.error());
    }
    if (!users->empty()) {
      wanted = users->front();
      wanted_type = "USER";
    } else {
      Answer g = run_admin(s, deps, id,
                           with_region({"identitystore", "list-groups", "--identity-store-id", store, "--filters",
                                        "AttributePath=DisplayName,AttributeValue=" + s.input.principal}));
      if (!g.ok) {
        return g.failure;
      }
      auto groups = parse_identity_groups(g.out);
      if (!groups) {
        return parse_failure(id, groups.error());
      }
      if (!groups->empty()) {
        wanted = groups->front();
        wanted_type = "GROUP";
      }
    }
    if (!wanted) {
      Finding f = make_finding(id, CheckStatus::fail,
                               fmt::format("no user or group named {} in identity store {}", dq(s.input.principal), store));
      f.kind = ErrorKind::config;
      f.fix.push_back(fmt::format("aws identitystore list-groups --identity-store-id {}{}", q(store), tail(s, region)));
      return f;
    }
  }
  // Name the assigned principals.
  std::vector<std::string> names;
  std::vector<IdentityPrincipal> assigned_groups;
  bool wanted_assigned = false;
  for (const auto& as : *assignments) {
    if (as.account_id != s.admin_account && !as.account_id.empty()) {
      continue;
    }
    std::string name = as.principal_id;
    const bool user = as.principal_type == "USER";
    Answer d = run_admin(s, deps, id,
                         with_region({"identitystore", user ? "describe-user" : "describe-group",
                                      "--identity-store-id", store, user ? "--user-id" : "--group-id",
                                      as.principal_id}));
    if (d.ok) {
      auto p = user ? parse_describe_user(d.out) : parse_describe_group(d.out);
      if (p && !p->name.empty()) {
        name = p->name;
      }
    }
    names.push_back(fmt::format("{} {}", user ? "user" : "group", name));
    if (!user) {
      assigned_groups.push_back(IdentityPrincipal{as.principal_id, name, name});
    }
    if (wanted && as.principal_id == wanted->id) {
      wanted_assigned = true;
    }
  }
  // A user not assigned directly may be through an assigned group it is a member of.
  const IdentityPrincipal* via_group = nullptr;
  if (wanted && !wanted_assigned && wanted_type == "USER" && !assigned_groups.empty()) {
    Answer m = run_admin(s, deps, id,
                         with_region({"identitystore", "list-group-memberships-for-member", "--identity-store-id",
                                      store, "--member-id", "UserId=" + wanted->id}));
    if (!m.ok) {
      return m.failure;
    }
    auto member_of = parse_group_memberships_for_member(m.out);
    if (!member_of) {
      return parse_failure(id, member_of.error());
    }
    for (const auto& g : assigned_groups) {
      if (via_group == nullptr && std::find(member_of->begin(), member_of->end(), g.id) != member_of->end()) {
        via_group = &g;
      }
    }
  }
  auto create_fix = [&](std::string_view type, std::string_view principal_id) {
    return fmt::format(
        "aws sso-admin create-account-assignment --instance-arn {} --target-id {} --target-type AWS_ACCOUNT "
        "--permission-set-arn {} --principal-type {} --principal-id {}{}",
        q(instance), q(s.admin_account), q(s.admin_permission_set_arn), type, q(principal_id), tail(s, region));
  };
  if (names.empty()) {
    Finding f = make_finding(id, CheckStatus::fail,
                             fmt::format("no user or group is assigned to account {} with permission set {}",
                                         s.admin_account, dq(s.admin_permission_set)));
    f.kind = ErrorKind::config;
    if (wanted) {
      f.fix.push_back(create_fix(wanted_type, wanted->id));
    } else {
      f.fix.push_back(fmt::format("aws identitystore list-groups --identity-store-id {}{}", q(store), tail(s, region)));
      f.fix.push_back(create_fix("GROUP", "GROUP_ID"));
    }
    return f;
  }
  std::string list;
  for (const auto& n : names) {
    list += (list.empty() ? "" : ", ") + n;
  }
  const std::string wanted_kind = wanted_type == "USER" ? "user" : "group";
  if (wanted && !wanted_assigned && via_group == nullptr) {
    Finding f = make_finding(
        id, CheckStatus::fail,
        fmt::format("{} {} is not assigned to account {} with permission set {}{} (assigned: {})", wanted_kind,
                    dq(s.input.principal), s.admin_account, dq(s.admin_permission_set),
                    wanted_type == "USER" && !assigned_groups.empty() ? ", nor a member of an assigned group" : "",
                    list));
    f.kind = ErrorKind::config;
    if (wanted_type == "USER" && !assigned_groups.empty()) {
      const IdentityPrincipal& g = assigned_groups.front();
      f.fix.push_back(fmt::format("aws identitystore create-group-membership --identity-store-id {} --group-id {} "
                                  "--member-id UserId={}{}",
                                  q(store), q(g.id), q(wanted->id), tail(s, region)));
      f.detail.push_back(fmt::format("the fix adds the user to the assigned group {}; or assign the user directly: {}",
                                     g.name, create_fix(wanted_type, wanted->id)));
    } else {
      f.fix.push_back(create_fix(wanted_type, wanted->id));
    }
    return f;
  }
  Finding f = make_finding(id, CheckStatus::pass,
                           fmt::format("account {} is assigned with permission set {} to: {}", s.admin_account,
                                       dq(s.admin_permission_set), list));
  if (wanted) {
    f.detail.push_back(via_group != nullptr
                           ? fmt::format("user {} is assigned through group {}, which it is a member of",
                                         dq(s.input.principal), via_group->name)
                           : fmt::format("{} {} is assigned directly", wanted_kind, dq(s.input.principal)));
  }
  return f;
}

Finding check_cluster_auth_mode(State& s, Deps& deps) {
  constexpr std::string_view id = "cluster-auth-mode";
  if (admin_blocked(s)) {
    return blocked_finding(s, id);
  }
  const std::string name = short_cluster(s);
  std::vector<std::string> args = {"eks", "describe-cluster", "--name", name};
  if (!s.region.empty()) {
    args.insert(args.end(), {"--region", s.region});
  }
  Answer a = run_admin(s, deps, id, args);
  if (!a.ok) {
    if (a.service && a.service->not_found()) {
      Finding f = make_finding(id, CheckStatus::fail,
                               fmt::format("the admin profile {} sees no cluster {} in {}", dq(s.input.admin_profile),
                                           dq(name), s.region.empty() ? "its region" : s.region));
      f.kind = ErrorKind::config;
      f.detail.push_back("the EKS checks need an admin profile in the cluster's account");
      return f;
    }
    return a.failure;
  }
  auto cluster = parse_describe_cluster(a.out);
  if (!cluster) {
    return parse_failure(id, cluster.error());
  }
  if (s.admin_account.empty()) {
    if (const auto ref = parse_eks_cluster_ref(cluster->arn); ref && !ref->account.empty()) {
      s.admin_account = ref->account;
    }
  }
  const std::string mode = cluster->authentication_mode.empty() ? "CONFIG_MAP" : cluster->authentication_mode;
  s.cluster_auth_mode = mode;  // for the user-side access-entry fixes (explain_access_fixes)
  if (mode == "API" || mode == "API_AND_CONFIG_MAP") {
    return make_finding(id, CheckStatus::pass,
                        fmt::format("cluster {} uses authenticationMode {}: access entries apply", dq(name), mode));
  }
  Finding f = make_finding(id, CheckStatus::fail,
                           fmt::format("cluster {} uses authenticationMode {}: access entries are not used, only the "
                                       "aws-auth ConfigMap",
                                       dq(name), mode));
  f.kind = ErrorKind::unauthorized;
  f.detail.push_back("the mode can only move towards API (CONFIG_MAP → API_AND_CONFIG_MAP → API), never back");
  f.fix.push_back(fmt::format("aws eks update-cluster-config --name {} --access-config "
                              "authenticationMode=API_AND_CONFIG_MAP{}",
                              q(name), tail(s, s.region)));
  return f;
}

Finding check_access_entry(State& s, Deps& deps) {
  constexpr std::string_view id = "access-entry";
  if (admin_blocked(s)) {
    return blocked_finding(s, id);
  }
  if (s.admin_permission_set.empty()) {
    return make_finding(id, CheckStatus::skip, "skipped: no permission set (sso_role_name or --permission-set)");
  }
  const std::string name = short_cluster(s);
  // IAM is global, but AWS CLI v1 refuses to sign without a region when the admin profile has none
  // ("You must specify a region"); the cluster's region serves.
  std::vector<std::string> list_roles = {"iam", "list-roles", "--path-prefix", std::string(k_sso_role_path)};
  if (!s.region.empty()) {
    list_roles.insert(list_roles.end(), {"--region", s.region});
  }
  Answer r = run_admin(s, deps, id, std::move(list_roles));
  if (!r.ok) {
    return r.failure;
  }
  auto roles = parse_list_roles(r.out);
  if (!roles) {
    return parse_failure(id, roles.error());
  }
  const auto role = find_sso_role(*roles, s.admin_permission_set);
  if (!role) {
    Finding f = make_finding(id, CheckStatus::fail,
                             fmt::format("no role AWSReservedSSO_{}_* under {} in the cluster's account: the permission "
                                         "set is not provisioned there",
                                         s.admin_permission_set, k_sso_role_path));
    f.kind = ErrorKind::config;
    f.fix.push_back(fmt::format("aws iam list-roles --path-prefix {} --profile {}", k_sso_role_path,
                                q(s.input.admin_profile)));
    return f;
  }
  s.admin_role_arn = role->arn;
  auto region_args = [&](std::vector<std::string> args) {
    if (!s.region.empty()) {
      args.insert(args.end(), {"--region", s.region});
    }
    return args;
  };
  Answer l = run_admin(s, deps, id, region_args({"eks", "list-access-entries", "--cluster-name", name}));
  if (!l.ok) {
    return l.failure;
  }
  auto entries = parse_string_list(l.out, "accessEntries");
  if (!entries) {
    return parse_failure(id, entries.error());
  }
  const std::string create = create_access_entry_command(name, s.region, role->arn) + " --profile " +
                             q(s.input.admin_profile);
  const std::string associate =
      associate_access_policy_command(name, s.region, role->arn, k_admin_view_policy, s.partition) + " --profile " +
      q(s.input.admin_profile);
  if (std::find(entries->begin(), entries->end(), role->arn) == entries->end()) {
    const std::string sts = assumed_role_prefix(*role);
    const std::string stripped = path_stripped_arn(*role);
    std::string wrong;
    for (const auto& e : *entries) {
      if (e.rfind(sts, 0) == 0 || e == stripped) {
        wrong = e;
      }
    }
    Finding f = make_finding(
        id, CheckStatus::fail,
        wrong.empty()
            ? fmt::format("no access entry on cluster {} for role {}", dq(name), role->arn)
            : fmt::format("the access entry is for {}, not the IAM role ARN with its path {}", wrong, role->arn));
    f.kind = ErrorKind::unauthorized;
    if (!wrong.empty()) {
      f.detail.push_back(wrong.rfind(sts, 0) == 0
                             ? "an STS assumed-role ARN is one session's principal: EKS never matches it"
                             : "the path-stripped ARN is the aws-auth ConfigMap form; access entries need the path");
      f.fix.push_back(fmt::format("aws eks delete-access-entry --cluster-name {} --principal-arn {}{}", q(name),
                                  q(wrong), tail(s, s.region)));
    }
    f.fix.push_back(create);
    f.fix.push_back(associate);
    return f;
  }
  Answer d = run_admin(s, deps, id,
                       region_args({"eks", "describe-access-entry", "--cluster-name", name, "--principal-arn", role->arn}));
  if (!d.ok) {
    return d.failure;
  }
  auto entry = parse_describe_access_entry(d.out);
  if (!entry) {
    return parse_failure(id, entry.error());
  }
  Answer p = run_admin(s, deps, id,
                       region_args({"eks", "list-associated-access-policies", "--cluster-name", name,
                                    "--principal-arn", role->arn}));
  if (!p.ok) {
    return p.failure;
  }
  auto policies = parse_associated_policies(p.out);
  if (!policies) {
    return parse_failure(id, policies.error());
  }
  std::string groups;
  for (const auto& g : entry->kubernetes_groups) {
    groups += (groups.empty() ? "" : ", ") + g;
  }
  if (policies->empty()) {
    if (!groups.empty()) {
      Finding f = make_finding(id, CheckStatus::warn,
                               fmt::format("the access entry for {} has no access policy, only Kubernetes groups {}: "
                                           "RBAC must bind them",
                                           role->arn, groups));
      f.detail.push_back("eks-sso cannot see RBAC from AWS; can-list-nodes shows whether the bindings let you list nodes");
      f.fix.push_back(fmt::format("kubectl get clusterrolebindings -o wide | grep -e {}",
                                  q(entry->kubernetes_groups.front())));
      return f;
    }
    Finding f = make_finding(id, CheckStatus::fail,
                             fmt::format("the access entry for {} has no access policy and no Kubernetes groups: it "
                                         "authenticates but may do nothing",
                                         role->arn));
    f.kind = ErrorKind::forbidden;
    f.fix.push_back(associate);
    return f;
  }
  std::string list;
  const AssociatedPolicy* covering = nullptr;
  const AssociatedPolicy* namespaced = nullptr;
  for (const auto& pol : *policies) {
    const size_t slash = pol.policy_arn.rfind('/');
    std::string pname = slash == std::string::npos ? pol.policy_arn : pol.policy_arn.substr(slash + 1);
    std::string scope = pol.scope_type;
    if (pol.scope_type == "namespace") {
      std::string ns;
      for (const auto& n : pol.namespaces) {
        ns += (ns.empty() ? "" : ",") + n;
      }
      scope += " " + ns;
      namespaced = namespaced ? namespaced : &pol;
    }
    list += (list.empty() ? "" : ", ") + pname + " (" + scope + ")";
    if (access_policy_covers_nodes(pol) && covering == nullptr) {
      covering = &pol;
    }
  }
  if (covering != nullptr) {
    Finding f = make_finding(id, CheckStatus::pass, fmt::format("access entry {} with {}", role->arn, list));
    if (!groups.empty()) {
      f.detail.push_back("Kubernetes groups: " + groups);
    }
    return f;
  }
  Finding f = make_finding(
      id, groups.empty() ? CheckStatus::fail : CheckStatus::warn,
      namespaced != nullptr
          ? fmt::format("the access entry's policies are namespace-scoped or do not cover nodes: {}; listing nodes "
                        "needs a cluster-scoped AmazonEKSAdminViewPolicy or AmazonEKSClusterAdminPolicy",
                        list)
          : fmt::format("the access entry's policies do not cover listing nodes: {} (AmazonEKSAdminPolicy, Edit and "
                        "View have no nodes rule)",
                        list));
  f.kind = ErrorKind::forbidden;
  if (!groups.empty()) {
    f.detail.push_back(fmt::format("Kubernetes groups {} may grant it through RBAC", groups));
  }
  f.fix.push_back(associate);
  return f;
}

}  // namespace eks::doctor
