#include "lib/aws/access_entry.hpp"

#include <nlohmann/json.hpp>
#include <vector>

#include "lib/aws/login_action.hpp"

namespace eks {
namespace {

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t pos = text.find(sep, start);
    out.emplace_back(text.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) {
      return out;
    }
    start = pos + 1;
  }
}

std::string or_placeholder(std::string_view value, std::string_view placeholder) {
  return value.empty() ? std::string(placeholder) : shell_quote(std::string(value));
}

}  // namespace

Result<CallerIdentity> parse_caller_identity(std::string_view json_text) {
  try {
    const auto j = nlohmann::json::parse(json_text);
    if (!j.is_object() || !j.contains("Arn") || !j["Arn"].is_string()) {
      return make_error(ErrorKind::general, "aws sts get-caller-identity: no \"Arn\" in its output");
    }
    CallerIdentity id;
    id.arn = j["Arn"].get<std::string>();
    id.account = j.value("Account", "");
    id.user_id = j.value("UserId", "");
    return id;
  } catch (const nlohmann::json::exception&) {
    return make_error(ErrorKind::general, "aws sts get-caller-identity: the output is not JSON");
  }
}

std::optional<CallerArn> parse_caller_arn(std::string_view arn) {
  const auto parts = split(arn, ':');
  if (parts.size() < 6 || parts[0] != "arn" || parts[1].empty() || parts[4].empty()) {
    return std::nullopt;
  }
  std::string resource = parts[5];
  for (size_t i = 6; i < parts.size(); ++i) {
    resource += ":" + parts[i];  // session names may hold ':'? keep whatever follows
  }
  CallerArn c;
  c.partition = parts[1];
  c.account = parts[4];
  const size_t first = resource.find('/');
  c.type = resource.substr(0, first);
  if (parts[2] == "sts" && c.type == "assumed-role") {
    const size_t last = resource.rfind('/');
    if (first == std::string::npos || last == first) {
      return std::nullopt;
    }
    c.role_name = resource.substr(first + 1, last - first - 1);
    c.session = resource.substr(last + 1);
    if (c.role_name.empty()) {
      return std::nullopt;
    }
    return c;
  }
  if (parts[2] == "iam" && c.type == "user") {
    c.user_arn = std::string(arn);
    return c;
  }
  return c;
}

std::string path_stripped_role_arn(const CallerArn& caller) {
  // Role names cannot contain '/', so the last segment is the name even under a role path.
  const size_t slash = caller.role_name.rfind('/');
  const std::string name = slash == std::string::npos ? caller.role_name : caller.role_name.substr(slash + 1);
  return "arn:" + caller.partition + ":iam::" + caller.account + ":role/" + name;
}

std::string get_role_arn_command(std::string_view role_name, std::string_view profile) {
  return "aws iam get-role --role-name " + shell_quote(std::string(role_name)) + " --query Role.Arn --output text" +
         (profile.empty() ? std::string() : " --profile " + shell_quote(std::string(profile)));
}

std::string principal_argument(std::string_view known_arn, std::string_view role_name, std::string_view profile) {
  if (!known_arn.empty()) {
    return shell_quote(std::string(known_arn));
  }
  if (!role_name.empty()) {
    return "\"$(" + get_role_arn_command(role_name, profile) + ")\"";
  }
  return "ROLE_ARN";
}

std::string sso_role_principal_argument(std::string_view permission_set, std::string_view profile) {
  // Permission set names are [\w+=,.@-]+: nothing in them needs quoting inside '...'.
  if (permission_set.empty() || permission_set.find_first_of("'\"$`\\ ") != std::string_view::npos) {
    return "ROLE_ARN";
  }
  return "\"$(aws iam list-roles --path-prefix /aws-reserved/sso.amazonaws.com/ --query \"Roles[?starts_with(RoleName, "
         "'AWSReservedSSO_" +
         std::string(permission_set) + "_')].Arn\" --output text" +
         (profile.empty() ? std::string() : " --profile " + shell_quote(std::string(profile))) + ")\"";
}

std::string create_access_entry_command(std::string_view cluster, std::string_view region, std::string_view principal) {
  return "aws eks create-access-entry --cluster-name " + or_placeholder(cluster, "CLUSTER") + " --region " +
         or_placeholder(region, "REGION") + " --principal-arn " + std::string(principal);
}

std::string access_policy_arn(std::string_view policy, std::string_view partition) {
  return "arn:" + std::string(partition.empty() ? "aws" : partition) + ":eks::aws:cluster-access-policy/" +
         std::string(policy);
}

std::string associate_access_policy_command(std::string_view cluster, std::string_view region,
                                            std::string_view principal, std::string_view policy,
                                            std::string_view partition) {
  return "aws eks associate-access-policy --cluster-name " + or_placeholder(cluster, "CLUSTER") + " --region " +
         or_placeholder(region, "REGION") + " --principal-arn " + std::string(principal) + " --policy-arn " +
         access_policy_arn(policy, partition) + " --access-scope type=cluster";
}

std::optional<EksClusterRef> parse_eks_cluster_ref(std::string_view text) {
  const auto parts = split(text, ':');
  if (parts.size() == 6 && parts[0] == "arn" && parts[2] == "eks" && parts[5].rfind("cluster/", 0) == 0) {
    EksClusterRef ref{parts[5].substr(8), parts[3], parts[4]};
    if (!ref.name.empty()) {
      return ref;
    }
    return std::nullopt;
  }
  // eksctl: "user@CLUSTER.REGION.eksctl.io" (the cluster name cannot contain '.').
  constexpr std::string_view suffix = ".eksctl.io";
  if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
    std::string_view rest = text.substr(0, text.size() - suffix.size());
    const size_t at = rest.rfind('@');
    if (at != std::string_view::npos) {
      rest = rest.substr(at + 1);
    }
    const size_t dot = rest.find('.');
    if (dot != std::string_view::npos && dot > 0 && dot + 1 < rest.size()) {
      return EksClusterRef{std::string(rest.substr(0, dot)), std::string(rest.substr(dot + 1)), ""};
    }
  }
  return std::nullopt;
}

std::string update_kubeconfig_command(std::string_view cluster, std::string_view region, std::string_view profile,
                                      std::string_view role_arn) {
  std::string cmd = "aws eks update-kubeconfig --name " + or_placeholder(cluster, "CLUSTER") + " --region " +
                    or_placeholder(region, "REGION");
  if (profile != "default") {
    cmd += " --profile " + or_placeholder(profile, "PROFILE");
  }
  if (!role_arn.empty()) {
    cmd += " --role-arn " + shell_quote(std::string(role_arn));
  }
  return cmd;
}

}  // namespace eks
