#!/usr/bin/env bash
# `eks-sso doctor --admin-profile` end to end: the built binary against the sandbox cluster, with a
# fake `aws` in front of the sandbox's that answers the admin profile's read-only calls per scenario
# (the user's calls go to the sandbox's aws unchanged). Right check fails, right fix, right exit code.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

require_sandbox_bin
command -v python3 >/dev/null || skip "python3 is needed to read the JSON output"
sandbox_start
sandbox_login sandbox-admin
mv "$SANDBOX_DIR/bin/aws" "$SANDBOX_DIR/bin/aws-sandbox"
ANSWERS="$SANDBOX_DIR/admin-answers"
mkdir -p "$ANSWERS"
cat >"$SANDBOX_DIR/bin/aws" <<SH
#!/usr/bin/env bash
# the admin profile's calls: answered from $ANSWERS/<service>_<op>.json (or .err with exit 255)
for a in "\$@"; do
  if [[ "\$a" == org-admin ]]; then
    echo "\$*" >>"$ANSWERS/calls.log"
    f="$ANSWERS/\$1_\$2"
    if [[ -f "\$f.err" ]]; then cat "\$f.err" >&2; exit 255; fi
    if [[ -f "\$f.json" ]]; then cat "\$f.json"; exit 0; fi
    echo "unexpected: \$*" >&2; exit 252
  fi
done
exec -a aws "$SANDBOX_DIR/bin/aws-sandbox" "\$@"
SH
chmod +x "$SANDBOX_DIR/bin/aws"

ROLE="$(sandbox_role_name EKSAdmins)"
[[ -n "$ROLE" ]] || ROLE="AWSReservedSSO_EKSAdmins_0123456789abcdef"
# The user's profile: its sso_role_name and account, as the sandbox wrote them.
PS_NAME=$(sed -n '/\[profile sandbox-admin\]/,/^\[/s/^sso_role_name *= *//p' "$SANDBOX_DIR/home/.aws/config" | head -1)
ACCOUNT=$(sed -n '/\[profile sandbox-admin\]/,/^\[/s/^sso_account_id *= *//p' "$SANDBOX_DIR/home/.aws/config" | head -1)
ROLE_ARN="arn:aws:iam::$ACCOUNT:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_${PS_NAME}_0123456789abcdef"
PS_ARN="arn:aws:sso:::permissionSet/ssoins-1/ps-1"

healthy() {
  rm -f "$ANSWERS"/*.json "$ANSWERS"/*.err
  echo '{"Instances":[{"InstanceArn":"arn:aws:sso:::instance/ssoins-1","IdentityStoreId":"d-1","Status":"ACTIVE"}]}' >"$ANSWERS/sso-admin_list-instances.json"
  echo "{\"PermissionSets\":[\"$PS_ARN\"]}" >"$ANSWERS/sso-admin_list-permission-sets.json"
  echo "{\"PermissionSet\":{\"Name\":\"$PS_NAME\",\"PermissionSetArn\":\"$PS_ARN\"}}" >"$ANSWERS/sso-admin_describe-permission-set.json"
  echo "{\"PermissionSets\":[\"$PS_ARN\"]}" >"$ANSWERS/sso-admin_list-permission-sets-provisioned-to-account.json"
  echo '{"InlinePolicy":"{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"eks:DescribeCluster\",\"Resource\":\"*\"}]}"}' >"$ANSWERS/sso-admin_get-inline-policy-for-permission-set.json"
  echo '{"AttachedManagedPolicies":[]}' >"$ANSWERS/sso-admin_list-managed-policies-in-permission-set.json"
  echo '{"CustomerManagedPolicyReferences":[]}' >"$ANSWERS/sso-admin_list-customer-managed-policy-references-in-permission-set.json"
  echo "{\"AccountAssignments\":[{\"AccountId\":\"$ACCOUNT\",\"PermissionSetArn\":\"$PS_ARN\",\"PrincipalType\":\"GROUP\",\"PrincipalId\":\"g-1\"}]}" >"$ANSWERS/sso-admin_list-account-assignments.json"
  echo '{"GroupId":"g-1","DisplayName":"platform"}' >"$ANSWERS/identitystore_describe-group.json"
  echo '{"cluster":{"name":"sandbox-eks","accessConfig":{"authenticationMode":"API"}}}' >"$ANSWERS/eks_describe-cluster.json"
  echo "{\"Roles\":[{\"Path\":\"/aws-reserved/sso.amazonaws.com/us-east-1/\",\"RoleName\":\"AWSReservedSSO_${PS_NAME}_0123456789abcdef\",\"Arn\":\"$ROLE_ARN\"}]}" >"$ANSWERS/iam_list-roles.json"
  echo "{\"accessEntries\":[\"$ROLE_ARN\"]}" >"$ANSWERS/eks_list-access-entries.json"
  echo "{\"accessEntry\":{\"principalArn\":\"$ROLE_ARN\",\"kubernetesGroups\":[],\"type\":\"STANDARD\"}}" >"$ANSWERS/eks_describe-access-entry.json"
  echo '{"associatedAccessPolicies":[{"policyArn":"arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy","accessScope":{"type":"cluster","namespaces":[]}}]}' >"$ANSWERS/eks_list-associated-access-policies.json"
}

doc() {
  out=$(sandbox_eks_sso doctor --context sandbox-admin --admin-profile org-admin -o json "$@" 2>"$TEST_TMP/err")
  rc=$?
  err=$(cat "$TEST_TMP/err")
}
check_of() {
  python3 -c "
import json,sys
d=json.load(sys.stdin)
v=next(c for c in d['checks'] if c['id']=='$1')['$2']
print('\\n'.join(v) if isinstance(v, list) else v)" <<<"$out"
}

healthy
doc -v 1
assert_rc 0 "$rc" "all pass: $err $out"
assert_eq "pass pass pass pass pass" "$(python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join(c['status'] for c in d['checks'][10:]))" <<<"$out")" "admin checks pass"
assert_eq "identity-center permission-set account-assignment cluster-auth-mode access-entry" \
  "$(python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join(c['id'] for c in d['checks'][10:]))" <<<"$out")" "appended in guide order"
assert_contains "$err" "running (read-only): aws sso-admin list-instances --region us-east-1 --output json --profile org-admin"
assert_not_contains "$(cat "$ANSWERS/calls.log")" "create-" "read-only calls only"

healthy
echo '{"cluster":{"name":"sandbox-eks","accessConfig":{"authenticationMode":"CONFIG_MAP"}}}' >"$ANSWERS/eks_describe-cluster.json"
doc
assert_rc 4 "$rc" "CONFIG_MAP"
assert_eq "fail" "$(check_of cluster-auth-mode status)" "CONFIG_MAP fails cluster-auth-mode"
assert_contains "$(check_of cluster-auth-mode fix)" "aws eks update-cluster-config --name sandbox-eks --access-config authenticationMode=API_AND_CONFIG_MAP --region us-east-1 --profile org-admin"

healthy
echo '{"accessEntries":[]}' >"$ANSWERS/eks_list-access-entries.json"
doc
assert_rc 4 "$rc" "no entry"
assert_contains "$(check_of access-entry fix)" "aws eks create-access-entry --cluster-name sandbox-eks --region us-east-1 --principal-arn $ROLE_ARN --profile org-admin"

healthy
echo '{"associatedAccessPolicies":[{"policyArn":"arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy","accessScope":{"type":"namespace","namespaces":["dev"]}}]}' >"$ANSWERS/eks_list-associated-access-policies.json"
doc
assert_rc 5 "$rc" "namespace-scoped policy"
assert_contains "$(check_of access-entry summary)" "namespace-scoped"

healthy
echo '{"Instances":[]}' >"$ANSWERS/sso-admin_list-instances.json"
doc
assert_rc 7 "$rc" "no instance"
assert_eq "fail" "$(check_of identity-center status)" "no instance fails identity-center"

healthy
printf '\nError when retrieving token from sso: Token has expired and refresh failed\n' >"$ANSWERS/sso-admin_list-instances.err"
printf '\nError when retrieving token from sso: Token has expired and refresh failed\n' >"$ANSWERS/eks_describe-cluster.err"
doc
assert_rc 3 "$rc" "expired admin token"
assert_contains "$(check_of identity-center fix)" "aws sso login --profile org-admin"

# The user-side 401 (a role without an access entry): its access-entry fixes run as the admin
# profile, and say the authenticationMode the admin check learned (issue 16, defect 5).
healthy
sandbox_login sandbox-noentry
out=$(sandbox_eks_sso doctor --context sandbox-noentry --admin-profile org-admin -o json 2>"$TEST_TMP/err"); rc=$?
assert_rc 4 "$rc" "noentry with --admin-profile: $(cat "$TEST_TMP/err")"
fixes=$(check_of api-authenticated fix)
assert_contains "$fixes" "aws eks create-access-entry --cluster-name sandbox-eks --region us-east-1 --principal-arn "
assert_eq "2 2" "$(grep -c . <<<"$fixes") $(grep -c -- ' --profile org-admin$' <<<"$fixes")" "401: every access-entry fix as the admin profile"
notes=$(check_of api-authenticated notes)
assert_contains "$notes" "run the access-entry commands as the cluster administrator of --admin-profile \"org-admin\" (the commands carry --profile org-admin), not as the SSO user"
assert_contains "$notes" "access entries need the cluster's authenticationMode API or API_AND_CONFIG_MAP: it is API (cluster-auth-mode), so they apply"
assert_not_contains "$notes" "describe-cluster --name" "the mode is known: no command to look it up"
# The access-entry check finds the developer's role (no entry): its ARN replaces the user side's lookup.
DEV_ROLE=$(sandbox_role_name EKSDeveloper)
DEV_ARN="arn:aws:iam::$ACCOUNT:role/aws-reserved/sso.amazonaws.com/us-east-1/$DEV_ROLE"
echo "{\"Roles\":[{\"Path\":\"/aws-reserved/sso.amazonaws.com/us-east-1/\",\"RoleName\":\"$DEV_ROLE\",\"Arn\":\"$DEV_ARN\"}]}" >"$ANSWERS/iam_list-roles.json"
out=$(sandbox_eks_sso doctor --context sandbox-noentry --admin-profile org-admin -o json 2>"$TEST_TMP/err"); rc=$?
assert_eq "fail" "$(check_of access-entry status)" "the developer's role has no entry"
assert_eq "aws eks create-access-entry --cluster-name sandbox-eks --region us-east-1 --principal-arn $DEV_ARN --profile org-admin" \
  "$(check_of api-authenticated fix | head -1)" "401: the role ARN the access-entry check found"
# With an entry the access-entry check accepts, the 401's access-entry fixes are dropped.
echo "{\"accessEntries\":[\"$DEV_ARN\"]}" >"$ANSWERS/eks_list-access-entries.json"
echo "{\"accessEntry\":{\"principalArn\":\"$DEV_ARN\",\"kubernetesGroups\":[],\"type\":\"STANDARD\"}}" >"$ANSWERS/eks_describe-access-entry.json"
out=$(sandbox_eks_sso doctor --context sandbox-noentry --admin-profile org-admin -o json 2>"$TEST_TMP/err"); rc=$?
assert_eq "pass" "$(check_of access-entry status)" "an entry the check accepts: $(check_of access-entry summary)"
assert_not_contains "$(check_of api-authenticated fix)" "access-entry" "the entry exists: no create-access-entry"
assert_contains "$(check_of api-authenticated notes)" "the access-entry check found the role's access entry"
healthy
echo '{"cluster":{"name":"sandbox-eks","accessConfig":{"authenticationMode":"CONFIG_MAP"}}}' >"$ANSWERS/eks_describe-cluster.json"
out=$(sandbox_eks_sso doctor --context sandbox-noentry --admin-profile org-admin -o json 2>"$TEST_TMP/err"); rc=$?
assert_eq "aws eks update-cluster-config --name sandbox-eks --access-config authenticationMode=API_AND_CONFIG_MAP --region us-east-1 --profile org-admin" \
  "$(check_of api-authenticated fix | head -1)" "CONFIG_MAP: switch the mode first"
assert_contains "$(check_of api-authenticated notes)" "it is CONFIG_MAP (cluster-auth-mode), so switch it first"

out=$(sandbox_eks_sso doctor --principal x 2>&1); rc=$?
assert_rc 2 "$rc" "--principal without --admin-profile"
finish
