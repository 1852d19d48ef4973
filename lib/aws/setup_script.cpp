#include "lib/aws/setup_script.hpp"

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "lib/aws/login_action.hpp"
#include "lib/util/utf8.hpp"

namespace eks {
namespace {

bool matches(const std::string& value, const char* pattern) {
  return std::regex_match(value, std::regex(pattern));
}

Status check(const std::string& value, const char* pattern, const char* flag, const char* what) {
  if (!matches(value, pattern)) {
    return make_error(ErrorKind::usage, std::string("invalid ") + flag + " \"" + value + "\": " + what);
  }
  return Ok{};
}

// The script body after the values. Placeholders none: it reads the shell variables set above it.
constexpr std::string_view k_body = R"SCRIPT(
AWS_CONFIG="${AWS_CONFIG_FILE:-$HOME/.aws/config}"
STEP=0

say() {
  STEP=${1%%/*}
  printf '==> %s\n' "$*"
}
note() { printf '    %s\n' "$*"; }
die() {
  printf 'setup-script: step %s failed: %s\n' "$1" "$2" >&2
  exit 1
}
# Whatever else fails stops the script too, naming the step it was in.
trap 'die "$STEP" "exit $? from: $BASH_COMMAND"' ERR
admin() {
  if [ -n "$ADMIN_PROFILE" ]; then aws --profile "$ADMIN_PROFILE" "$@"; else aws "$@"; fi
}
none() { [ -z "$1" ] || [ "$1" = None ]; }
# wait_status STEP COMMAND...: polls an sso-admin status query until SUCCEEDED.
wait_status() {
  local step=$1 status
  shift
  for _ in $(seq 30); do
    status=$("$@") || die "$step" "cannot read the request status"
    case "$status" in
      SUCCEEDED*) return 0 ;;
      FAILED*) die "$step" "the request failed: $status" ;;
    esac
    sleep 2
  done
  die "$step" "the request did not finish in 60 seconds"
}

say "1/7 IAM Identity Center instance in $SSO_REGION"
INSTANCE=$(admin sso-admin list-instances --region "$SSO_REGION" --query 'Instances[0].[InstanceArn,IdentityStoreId]' --output text) ||
  die 1 "aws sso-admin list-instances failed (the admin's credentials: --admin-profile)"
read -r INSTANCE_ARN STORE_ID <<<"$INSTANCE" || true
if none "$INSTANCE_ARN"; then
  die 1 "no IAM Identity Center instance in $SSO_REGION: enable it in the console (IAM Identity Center > Enable) or fix --sso-region"
fi
note "instance $INSTANCE_ARN, identity store $STORE_ID"

say "2/7 permission set $PERMISSION_SET"
PS_LIST=$(admin sso-admin list-permission-sets --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
  --query 'PermissionSets[]' --output text) || die 2 "cannot list the permission sets"
PS_ARN=""
for arn in $PS_LIST; do
  name=$(admin sso-admin describe-permission-set --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
    --permission-set-arn "$arn" --query 'PermissionSet.Name' --output text) || die 2 "cannot describe $arn"
  if [ "$name" = "$PERMISSION_SET" ]; then
    PS_ARN=$arn
    break
  fi
done
if [ -z "$PS_ARN" ]; then
  note "creating permission set $PERMISSION_SET"
  PS_ARN=$(admin sso-admin create-permission-set --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
    --name "$PERMISSION_SET" --session-duration PT8H --description 'EKS access through aws eks get-token' \
    --query 'PermissionSet.PermissionSetArn' --output text) || die 2 "cannot create permission set $PERMISSION_SET"
else
  note "exists: $PS_ARN"
fi
POLICY=$(admin sso-admin get-inline-policy-for-permission-set --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
  --permission-set-arn "$PS_ARN" --query 'InlinePolicy' --output text) || die 2 "cannot read the inline policy"
case "$POLICY" in
  *eks:DescribeCluster*) note "inline policy allows eks:DescribeCluster" ;;
  *)
    note "putting the inline policy (eks:DescribeCluster, eks:ListClusters)"
    admin sso-admin put-inline-policy-to-permission-set --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
      --permission-set-arn "$PS_ARN" --inline-policy "$INLINE_POLICY" >/dev/null || die 2 "cannot put the inline policy"
    ;;
esac

say "3/7 assignment of $PRINCIPAL_TYPE $PRINCIPAL_NAME to account $ACCOUNT"
if [ "$PRINCIPAL_TYPE" = GROUP ]; then
  PRINCIPAL_ID=$(admin identitystore list-groups --region "$SSO_REGION" --identity-store-id "$STORE_ID" \
    --filters "$PRINCIPAL_FILTER" --query 'Groups[0].GroupId' --output text) || die 3 "cannot list the groups"
  if none "$PRINCIPAL_ID"; then
    note "creating group $PRINCIPAL_NAME (add its members in IAM Identity Center)"
    PRINCIPAL_ID=$(admin identitystore create-group --region "$SSO_REGION" --identity-store-id "$STORE_ID" \
      --display-name "$PRINCIPAL_NAME" --query 'GroupId' --output text) || die 3 "cannot create group $PRINCIPAL_NAME"
  fi
else
  PRINCIPAL_ID=$(admin identitystore list-users --region "$SSO_REGION" --identity-store-id "$STORE_ID" \
    --filters "$PRINCIPAL_FILTER" --query 'Users[0].UserId' --output text) || die 3 "cannot list the users"
  if none "$PRINCIPAL_ID"; then
    die 3 "user $PRINCIPAL_NAME is not in identity store $STORE_ID: create it in IAM Identity Center > Users"
  fi
fi
ASSIGNED=$(admin sso-admin list-account-assignments --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
  --account-id "$ACCOUNT" --permission-set-arn "$PS_ARN" --query 'AccountAssignments[].PrincipalId' --output text) ||
  die 3 "cannot list the account assignments"
case " $(printf '%s' "$ASSIGNED" | tr '\t\n' '  ') " in
  *" $PRINCIPAL_ID "*) note "already assigned" ;;
  *)
    note "creating the account assignment"
    REQUEST=$(admin sso-admin create-account-assignment --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
      --target-id "$ACCOUNT" --target-type AWS_ACCOUNT --permission-set-arn "$PS_ARN" \
      --principal-type "$PRINCIPAL_TYPE" --principal-id "$PRINCIPAL_ID" \
      --query 'AccountAssignmentCreationStatus.RequestId' --output text) || die 3 "cannot create the account assignment"
    wait_status 3 admin sso-admin describe-account-assignment-creation-status --region "$SSO_REGION" \
      --instance-arn "$INSTANCE_ARN" --account-assignment-creation-request-id "$REQUEST" \
      --query 'AccountAssignmentCreationStatus.[Status,FailureReason]' --output text
    ;;
esac
PROVISIONED=$(admin sso-admin list-permission-sets-provisioned-to-account --region "$SSO_REGION" \
  --instance-arn "$INSTANCE_ARN" --account-id "$ACCOUNT" --query 'PermissionSets[]' --output text) ||
  die 3 "cannot list the permission sets provisioned to $ACCOUNT"
case " $(printf '%s' "$PROVISIONED" | tr '\t\n' '  ') " in
  *" $PS_ARN "*) note "provisioned to $ACCOUNT" ;;
  *)
    note "provisioning $PERMISSION_SET to $ACCOUNT"
    REQUEST=$(admin sso-admin provision-permission-set --region "$SSO_REGION" --instance-arn "$INSTANCE_ARN" \
      --permission-set-arn "$PS_ARN" --target-type AWS_ACCOUNT --target-id "$ACCOUNT" \
      --query 'PermissionSetProvisioningStatus.RequestId' --output text) || die 3 "cannot provision the permission set"
    wait_status 3 admin sso-admin describe-permission-set-provisioning-status --region "$SSO_REGION" \
      --instance-arn "$INSTANCE_ARN" --provision-permission-set-request-id "$REQUEST" \
      --query 'PermissionSetProvisioningStatus.[Status,FailureReason]' --output text
    ;;
esac

say "4/7 AWS CLI profile $PROFILE in $AWS_CONFIG"
PROFILE_BLOCK="[profile $PROFILE]
sso_session = $SSO_SESSION
sso_account_id = $ACCOUNT
sso_role_name = $PERMISSION_SET
region = $REGION
output = json"
SESSION_BLOCK="[sso-session $SSO_SESSION]
sso_start_url = $START_URL
sso_region = $SSO_REGION
sso_registration_scopes = sso:account:access"
# block HEADER: the section's lines (no blank lines, no comments), empty when absent.
block() {
  [ -f "$AWS_CONFIG" ] || return 0
  awk -v want="$1" '
    /^[[:space:]]*\[/ { inside = ($0 == want) }
    inside && NF && $1 !~ /^[#;]/ { print }
  ' "$AWS_CONFIG"
}
# ensure_block TEXT: appends TEXT unless the same block is there; refuses a different one. The
# first append of a run backs the file up.
BACKED_UP=""
ensure_block() {
  local header existing
  header=$(printf '%s\n' "$1" | head -n 1)
  existing=$(block "$header")
  if [ -z "$existing" ]; then
    mkdir -p "$(dirname "$AWS_CONFIG")"
    if [ -f "$AWS_CONFIG" ] && [ -z "$BACKED_UP" ]; then
      cp -p "$AWS_CONFIG" "$AWS_CONFIG.eks-sso.bak"
      BACKED_UP=1
      note "backed up $AWS_CONFIG to $AWS_CONFIG.eks-sso.bak"
    fi
    printf '\n%s\n' "$1" >>"$AWS_CONFIG"
    note "wrote $header"
  elif [ "$(printf '%s\n' "$existing" | sed 's/[[:space:]]*=[[:space:]]*/ = /')" = "$1" ]; then
    note "$header is already configured"
  else
    die 4 "$AWS_CONFIG already has a different $header: remove or rename it, or choose another --profile"
  fi
}
ensure_block "$SESSION_BLOCK"
ensure_block "$PROFILE_BLOCK"

say "5/7 login (not run by this script)"
note "when eks-sso doctor asks for it, run: aws sso login --profile $PROFILE"

say "6/7 EKS access entry on $CLUSTER"
MODE=$(admin eks describe-cluster --region "$REGION" --name "$CLUSTER" --query 'cluster.accessConfig.authenticationMode' \
  --output text) || die 6 "cannot describe cluster $CLUSTER in $REGION"
if [ "$MODE" = CONFIG_MAP ]; then
  note "switching authentication mode CONFIG_MAP -> API_AND_CONFIG_MAP"
  UPDATE=$(admin eks update-cluster-config --region "$REGION" --name "$CLUSTER" \
    --access-config authenticationMode=API_AND_CONFIG_MAP --query 'update.id' --output text) ||
    die 6 "cannot update the cluster's access config"
  UPDATE_STATE=InProgress
  for _ in $(seq 30); do
    UPDATE_STATE=$(admin eks describe-update --region "$REGION" --name "$CLUSTER" --update-id "$UPDATE" \
      --query 'update.status' --output text) || die 6 "cannot read update $UPDATE"
    case "$UPDATE_STATE" in
      Successful) break ;;
      Failed | Cancelled) die 6 "update $UPDATE: $UPDATE_STATE" ;;
    esac
    sleep 10
  done
  [ "$UPDATE_STATE" = Successful ] || die 6 "update $UPDATE did not finish in 5 minutes"
else
  note "authentication mode $MODE"
fi
ROLE_ARN=""
for _ in $(seq 10); do
  ROLES=$(admin iam list-roles --region "$REGION" --path-prefix /aws-reserved/sso.amazonaws.com/ \
    --query "Roles[?starts_with(RoleName, 'AWSReservedSSO_${PERMISSION_SET}_')].[RoleName,Arn]" --output text) ||
    die 6 "cannot list the IAM roles under /aws-reserved/sso.amazonaws.com/"
  while read -r role arn; do
    if [[ "$role" =~ ^AWSReservedSSO_${PERMISSION_SET}_[0-9a-f]{16}$ ]]; then
      ROLE_ARN=$arn
    fi
  done <<<"$ROLES"
  [ -z "$ROLE_ARN" ] || break
  sleep 3
done
[ -n "$ROLE_ARN" ] || die 6 "no role AWSReservedSSO_${PERMISSION_SET}_* under /aws-reserved/sso.amazonaws.com/ (is the permission set provisioned?)"
note "role $ROLE_ARN"
if ENTRY_ERR=$(admin eks describe-access-entry --region "$REGION" --cluster-name "$CLUSTER" --principal-arn "$ROLE_ARN" 2>&1 >/dev/null); then
  note "access entry exists"
else
  case "$ENTRY_ERR" in
    *ResourceNotFoundException*) ;;
    *) die 6 "cannot describe the access entry for $ROLE_ARN: $ENTRY_ERR" ;;
  esac
  note "creating the access entry"
  admin eks create-access-entry --region "$REGION" --cluster-name "$CLUSTER" --principal-arn "$ROLE_ARN" \
    --type STANDARD >/dev/null || die 6 "cannot create the access entry for $ROLE_ARN"
fi
HAS_POLICY=$(admin eks list-associated-access-policies --region "$REGION" --cluster-name "$CLUSTER" --principal-arn "$ROLE_ARN" \
  --query "length(associatedAccessPolicies[?policyArn=='$ACCESS_POLICY' && accessScope.type=='cluster'])" --output text) ||
  die 6 "cannot list the associated access policies"
if [ "$HAS_POLICY" = 0 ]; then
  note "associating $ACCESS_POLICY (cluster scope)"
  admin eks associate-access-policy --region "$REGION" --cluster-name "$CLUSTER" --principal-arn "$ROLE_ARN" \
    --policy-arn "$ACCESS_POLICY" --access-scope type=cluster >/dev/null || die 6 "cannot associate $ACCESS_POLICY"
else
  note "$ACCESS_POLICY is associated"
fi

say "7/7 kubeconfig context $CONTEXT (as $PROFILE)"
if ! KUBE_ERR=$(aws eks update-kubeconfig --profile "$PROFILE" --region "$REGION" --name "$CLUSTER" \
  --alias "$CONTEXT" --user-alias "$CONTEXT" 2>&1); then
  case "$KUBE_ERR" in
    *[Tt]oken* | *SSO* | *sso*)
      printf '%s\n' "$KUBE_ERR" >&2
      printf 'setup-script: step 7 needs the AWS SSO login of %s: run aws sso login --profile %s, then run this script again\n' \
        "$PROFILE" "$PROFILE" >&2
      exit 3
      ;;
    *) die 7 "aws eks update-kubeconfig failed: $KUBE_ERR" ;;
  esac
fi
note "$KUBE_ERR"
trap - ERR
exec eks-sso doctor --context "$CONTEXT"
)SCRIPT";

}  // namespace

Result<SetupValues> validate_setup_values(SetupValues v) {
  if (v.group.empty() == v.user.empty()) {
    return make_error(ErrorKind::usage, "give exactly one of --group and --user");
  }
  if (v.sso_region.empty()) {
    v.sso_region = v.region;
  }
  if (v.sso_session.empty()) {
    v.sso_session = v.profile;
  }
  if (v.context.empty()) {
    v.context = v.profile + "@" + v.cluster;
  }
  const std::pair<const std::string*, const char*> required[] = {{&v.cluster, "--cluster"},
                                                                 {&v.region, "--region"},
                                                                 {&v.account, "--account"},
                                                                 {&v.start_url, "--start-url"},
                                                                 {&v.profile, "--profile"}};
  for (const auto& [value, flag] : required) {
    if (value->empty()) {
      return make_error(ErrorKind::usage,
                        std::string(flag) + " is required (or --context with it in the kubeconfig/AWS config)");
    }
  }
  const char* region = "^[a-z]{2}(-[a-z]+)+-[0-9]$";
  if (auto st = check(v.cluster, "^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$", "--cluster", "an EKS cluster name"); !st) {
    return st.error();
  }
  if (auto st = check(v.region, region, "--region", "an AWS region such as us-east-1"); !st) {
    return st.error();
  }
  if (auto st = check(v.sso_region, region, "--sso-region", "an AWS region such as us-east-1"); !st) {
    return st.error();
  }
  if (auto st = check(v.account, "^[0-9]{12}$", "--account", "a 12-digit AWS account id"); !st) {
    return st.error();
  }
  if (auto st = check(v.start_url, "^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~/#-]*)?$", "--start-url",
                      "an https:// AWS access portal URL");
      !st) {
    return st.error();
  }
  if (auto st =
          check(v.permission_set, "^[A-Za-z0-9+=,.@_-]{1,32}$", "--permission-set", "1-32 of A-Z a-z 0-9 +=,.@_-");
      !st) {
    return st.error();
  }
  if (auto st =
          check(v.profile, "^[A-Za-z0-9_.@+-]{1,64}$", "--profile", "a profile name (letters, digits, _ . @ + -)");
      !st) {
    return st.error();
  }
  if (auto st = check(v.sso_session, "^[A-Za-z0-9_.@+-]{1,64}$", "--profile", "a session name"); !st) {
    return st.error();
  }
  if (auto st =
          check(v.access_policy, "^arn:aws[a-z-]*:eks::aws:cluster-access-policy/[A-Za-z]+$", "--access-policy",
                "an EKS access policy ARN such as arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy");
      !st) {
    return st.error();
  }
  if (!v.admin_profile.empty()) {
    if (auto st = check(v.admin_profile, "^[A-Za-z0-9_.@+-]{1,64}$", "--admin-profile", "a profile name"); !st) {
      return st.error();
    }
  }
  // Identity Center allows letters, marks, symbols, digits, punctuation and (in group names)
  // spaces: quotes, $ and backslashes included. The script single-quotes them; no control bytes.
  if (invalid_utf8_offset(v.group) != std::string::npos || invalid_utf8_offset(v.user) != std::string::npos) {
    return make_error(ErrorKind::usage,
                      std::string("invalid ") + (v.group.empty() ? "--user" : "--group") + ": not UTF-8");
  }
  const std::string& principal = v.group.empty() ? v.user : v.group;
  const size_t limit = v.group.empty() ? 128 : 1024;
  const bool bad = principal.size() > limit || std::any_of(principal.begin(), principal.end(), [&](char c) {
                     const auto u = static_cast<unsigned char>(c);
                     return u < 0x20 || u == 0x7f || (v.group.empty() && u == ' ');
                   });
  if (bad) {
    return make_error(ErrorKind::usage,
                      v.group.empty()
                          ? "invalid --user \"" + principal + "\": a user name (no spaces or control characters)"
                          : "invalid --group \"" + principal + "\": a group display name (no control characters)");
  }
  if (auto st = check(v.context, "^[^'\"\\\\\\n`$ ]{1,253}$", "--context", "a context name"); !st) {
    return st.error();
  }
  return v;
}

std::string setup_script(const SetupValues& v) {
  const auto var = [](const char* name, const std::string& value) {
    // Single quotes keep $ and ` as they are; shellcheck's SC2016 would take them for a mistake.
    const bool literal = value.find_first_of("$`") != std::string::npos;
    return std::string(literal ? "# shellcheck disable=SC2016\n" : "") + name + "=" + single_quote(value) + "\n";
  };
  std::string out;
  out += "#!/usr/bin/env bash\n";
  out += "# EKS access through AWS IAM Identity Center: the guide's steps 1-7 for cluster " + v.cluster + ".\n";
  out += "# Written by eks-sso setup-script. Safe to run again: each step looks first, creates what is missing.\n";
  out += "set -euo pipefail\n";
  out += "set -E  # the ERR trap below holds inside functions too\n\n";
  out += var("CLUSTER", v.cluster);
  out += var("REGION", v.region);
  out += var("ACCOUNT", v.account);
  out += var("START_URL", v.start_url);
  out += var("SSO_REGION", v.sso_region);
  out += var("SSO_SESSION", v.sso_session);
  out += var("PERMISSION_SET", v.permission_set);
  out += var("PRINCIPAL_TYPE", v.group.empty() ? "USER" : "GROUP");
  out += var("PRINCIPAL_NAME", v.group.empty() ? v.user : v.group);
  // JSON, so the AWS CLI takes any name as it is (its shorthand syntax splits at , and =).
  nlohmann::json filter = nlohmann::json::object();
  filter["AttributePath"] = v.group.empty() ? "UserName" : "DisplayName";
  filter["AttributeValue"] = v.group.empty() ? v.user : v.group;
  out += var("PRINCIPAL_FILTER", nlohmann::json::array({filter}).dump());
  out += var("ACCESS_POLICY", v.access_policy);
  out += var("ADMIN_PROFILE", v.admin_profile);
  out += var("PROFILE", v.profile);
  out += var("CONTEXT", v.context);
  out += var(
      "INLINE_POLICY",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["eks:DescribeCluster","eks:ListClusters"],"Resource":"*"}]})");
  out += k_body;
  return out;
}

}  // namespace eks
