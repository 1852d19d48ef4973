#!/usr/bin/env bash
# `eks-sso doctor --admin-profile` with the REAL AWS CLI v1 as `aws`, for the exec plugin and for
# every admin call, against the sandbox's AWS admin APIs (issue 15, "Done when" 1): each failure
# scenario fails the right check (JSON id + status) with the exact fix (real values, --profile of
# the admin) and the contract's exit code; the fixes, run with the same CLI, make it pass. Skips
# without an AWS CLI v1 on PATH.
#
# The user is the sandbox's static-keys context (IAM user ci-bot: its `aws eks get-token` needs no
# network); the admin profiles are static keys (org-admin, org-no-rights) or an SSO profile whose
# token expired (org-sso). The admin services' endpoints point at the sandbox
# (AWS_ENDPOINT_URL_<SERVICE>); STS is left at its AWS name, so the plugin's pre-signed URL is what
# EKS accepts, and HTTPS_PROXY is a closed 127.0.0.1 port, so a call to anything but the sandbox
# fails at once instead of leaving the machine.
SANDBOX_MAX_SECONDS=${SANDBOX_MAX_SECONDS:-1500}  # some 30 doctor runs of ~15 real CLI calls each
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

AWS1=$(command -v aws || true)
if [[ "$AWS1" == */shims/aws ]]; then
  AWS1=$(pyenv which aws 2>/dev/null || true)
fi
[[ -n "$AWS1" ]] && "$AWS1" --version 2>&1 | grep -q '^aws-cli/1\.' || skip "no AWS CLI v1 on PATH"
command -v python3 >/dev/null || skip "python3 is needed to read the JSON output"
EKS_SSO_BIN=${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}

sandbox_start
EP="https://127.0.0.1:$SANDBOX_PORT"
REALBIN="$TEST_TMP/realbin"
mkdir -p "$REALBIN"
ln -s "$AWS1" "$REALBIN/aws"
H="$SANDBOX_DIR/home"
cat >>"$H/.aws/config" <<'EOF'

[profile org-admin]
region = us-east-1
output = json

[profile org-no-rights]
region = us-east-1

[profile org-sso]
sso_session = org-sso
sso_account_id = 999988887777
sso_role_name = AdministratorAccess
region = us-east-1

[sso-session org-sso]
sso_start_url = https://d-9067admin.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
EOF
cat >>"$H/.aws/credentials" <<'EOF'
[org-admin]
aws_access_key_id = AKIASANDBOXADMIN0001
aws_secret_access_key = sandbox-admin-secret
[org-no-rights]
aws_access_key_id = AKIASANDBOXNORIGHTS1
aws_secret_access_key = sandbox-no-rights-secret
EOF
# org-sso's token expired an hour ago (its refresh, sso-oidc CreateToken, fails: the sandbox does not
# serve it).
printf '{"startUrl": "https://d-9067admin.awsapps.com/start", "region": "us-east-1", "accessToken": "aoaEXPIRED", "expiresAt": "%s", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "%s", "refreshToken": "aorEXPIRED"}' \
  "$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)" "$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)" \
  >"$H/.aws/sso/cache/$(printf '%s' org-sso | sha1sum | cut -d' ' -f1).json"

# real ARGS...: a command in the hermetic environment with the real CLI first on PATH ($FRONT, when
# set, comes before it).
real() {
  env -i HOME="$H" PATH="${FRONT:+$FRONT:}$REALBIN:/usr/bin:/bin" LANG=C.UTF-8 KUBECONFIG="$SANDBOX_KUBECONFIG" \
    AWS_CA_BUNDLE="$SANDBOX_DIR/certs/ca.crt" AWS_ENDPOINT_URL_SSO_ADMIN="$EP" AWS_ENDPOINT_URL_IDENTITYSTORE="$EP" \
    AWS_ENDPOINT_URL_EKS="$EP" AWS_ENDPOINT_URL_IAM="$EP" AWS_ENDPOINT_URL_SSO_OIDC="$EP" \
    HTTPS_PROXY=http://127.0.0.1:1 HTTP_PROXY=http://127.0.0.1:1 NO_PROXY=127.0.0.1,localhost \
    "$@"
}
# doc [ARGS...]: doctor for the static user, the admin checks for permission set EKSClusterAdmin.
doc() {
  out=$(real "$EKS_SSO_BIN" doctor --context sandbox-static --permission-set EKSClusterAdmin -o json \
    --admin-profile "${ADMIN:-org-admin}" "$@" 2>"$TEST_TMP/err" </dev/null)
  rc=$?
  err=$(cat "$TEST_TMP/err")
}
# check_of ID KEY: that check's status / summary / fix / notes (lists one per line; "detail" is the
# summary and the notes as one text).
check_of() {
  python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
c = next((c for c in d["checks"] if c["id"] == sys.argv[1]), None)
if c is None:
    sys.exit("no check " + sys.argv[1])
v = c.get(sys.argv[2], "")
print("\n".join(v) if isinstance(v, list) else v)' "$1" "$2" <<<"$out"
}
statuses() {
  python3 -c 'import json,sys; print(" ".join(c["id"] + "=" + c["status"] for c in json.loads(sys.stdin.read())["checks"]))' <<<"$out" 2>&1
}
# expect SCENARIO CHECK STATUS RC [DOCTOR ARGS]: after `set --admin SCENARIO`, CHECK has STATUS and
# doctor exits RC.
expect() {
  local scenario=$1 id=$2 status=$3 want_rc=$4
  shift 4
  sandbox_set --admin "$scenario"
  doc "$@"
  assert_rc "$want_rc" "$rc" "$scenario: exit code ($(statuses)) $(tail -3 <<<"$err")"
  assert_eq "$status" "$(check_of "$id" status)" "$scenario: $id status: $(check_of "$id" summary)"
  if [[ "$status" == fail ]]; then
    assert_eq "$want_rc" "$(check_of "$id" exitCode)" "$scenario: $id is the failure that decides the exit code"
  fi
}
# fix_is SCENARIO CHECK FIX...: the check's fixes, exactly.
fix_is() {
  local scenario=$1 id=$2
  shift 2
  assert_eq "$(printf '%s\n' "$@")" "$(check_of "$id" fix)" "$scenario: $id fix"
}
# fixes_then_pass SCENARIO CHECK [DOCTOR ARGS]: each fix of CHECK, the exact text doctor printed, run
# with the real CLI; then doctor again: CHECK passes.
fixes_then_pass() {
  local scenario=$1 id=$2 f
  shift 2
  while IFS= read -r f; do
    [[ -n "$f" ]] || continue
    real bash -c "$f" >/dev/null 2>"$TEST_TMP/fix.err" || fail "$scenario: the fix failed: $f: $(cat "$TEST_TMP/fix.err")"
  done <<<"$(check_of "$id" fix)"
  doc "$@"
  assert_eq "pass" "$(check_of "$id" status)" "$scenario: $id passes after its fixes: $(check_of "$id" summary)"
}

INSTANCE=arn:aws:sso:::instance/ssoins-7223sandbox0001
PS=arn:aws:sso:::permissionSet/ssoins-7223sandbox0001/ps-sandbox000000001
ROLE_NAME=$(sandbox_role_name EKSClusterAdmin)
ROLE="arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/$ROLE_NAME"
STS="arn:aws:sts::111122223333:assumed-role/$ROLE_NAME/jane.doe@example.com"
[[ "$ROLE_NAME" == AWSReservedSSO_EKSClusterAdmin_* ]] || fail "role name from state.json: $ROLE_NAME"
P="--profile org-admin"
PROVISION="aws sso-admin provision-permission-set --instance-arn $INSTANCE --permission-set-arn $PS --target-type AWS_ACCOUNT --target-id 111122223333 $P"
CREATE_ENTRY="aws eks create-access-entry --cluster-name sandbox-eks --region us-east-1 --principal-arn $ROLE $P"
ASSOCIATE="aws eks associate-access-policy --cluster-name sandbox-eks --region us-east-1 --principal-arn $ROLE --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope type=cluster $P"

# --- all good; -v 1 lists every admin call, each one the sandbox served -----------------------------
sandbox_set --admin ok
: >"$SANDBOX_DIR/requests.log"
doc -v 1
assert_rc 0 "$rc" "all good: $(statuses) $err"
assert_eq "kubeconfig=pass context=pass exec-plugin=pass aws-cli=pass aws-profile=warn sso-token=skip credential=pass api-reachable=pass api-authenticated=pass can-list-nodes=pass identity-center=pass permission-set=pass account-assignment=pass cluster-auth-mode=pass access-entry=pass" \
  "$(statuses)" "all good (the static user's profile is not SSO: a warning)"
assert_eq "instance $INSTANCE (identity store d-9067sandbox)" "$(check_of identity-center summary)"
assert_eq "permission set \"EKSClusterAdmin\" ($PS) is provisioned to account 111122223333" "$(check_of permission-set summary)"
assert_eq "account 111122223333 is assigned with permission set \"EKSClusterAdmin\" to: group eks-developers" \
  "$(check_of account-assignment summary)" "assigned principals named (identitystore describe-group)"
assert_eq "access entry $ROLE with AmazonEKSClusterAdminPolicy (cluster)" "$(check_of access-entry summary)"
listed=$(sed -n 's/^doctor\[sandbox-static\]: running (read-only): aws \([a-z-]*\) \([a-z-]*\) .*--output json --profile org-admin$/\1 \2/p' <<<"$err" |
  python3 -c 'import sys
for l in sys.stdin:
    svc, op = l.split()
    print({"sso-admin": "sso"}.get(svc, svc), "".join(w.capitalize() for w in op.split("-")))')
served=$(sed -n 's/.* -> [0-9]*  \[\(sso\|identitystore\|eks\|iam\|sts\) \([A-Za-z]*\)\]$/\1 \2/p' "$SANDBOX_DIR/requests.log")
assert_eq "$served" "$listed" "-v 1 lists every admin call, in the order the sandbox served them"
[[ $(wc -l <<<"$listed") -ge 14 ]] || fail "expected the 14 admin calls of a full run, got: $listed"

# --- each failure: the right check, the exact fix, the exit code -------------------------------------
expect no-instance identity-center fail 7
assert_eq "no IAM Identity Center instance is visible to the admin profile \"org-admin\"" "$(check_of identity-center summary)"
fix_is no-instance identity-center "aws sso-admin list-instances $P"
assert_eq skip "$(check_of permission-set status)" "no-instance: permission-set skipped"

expect ps-missing permission-set fail 7
assert_eq "no permission set named \"EKSClusterAdmin\" in $INSTANCE" "$(check_of permission-set summary)"
fix_is ps-missing permission-set "aws sso-admin create-permission-set --instance-arn $INSTANCE --name EKSClusterAdmin $P"
assert_eq "permission sets: EKSDeveloper, EKSNamespaceViewer" "$(check_of permission-set notes)"

expect ps-not-provisioned permission-set fail 7
assert_eq "permission set \"EKSClusterAdmin\" is not provisioned to account 111122223333" "$(check_of permission-set summary)"
fix_is ps-not-provisioned permission-set "$PROVISION"
assert_eq fail "$(check_of access-entry status)" "ps-not-provisioned: no role, so no entry to find"
assert_contains "$(check_of access-entry summary)" "no role AWSReservedSSO_EKSClusterAdmin_* under /aws-reserved/sso.amazonaws.com/"
fixes_then_pass ps-not-provisioned permission-set

expect ps-no-describe permission-set fail 7
assert_eq "no policy of permission set \"EKSClusterAdmin\" allows eks:DescribeCluster (aws eks update-kubeconfig needs it)" \
  "$(check_of permission-set summary)"
fix_is ps-no-describe permission-set \
  "aws sso-admin put-inline-policy-to-permission-set --instance-arn $INSTANCE --permission-set-arn $PS --inline-policy '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"eks:DescribeCluster\",\"eks:ListClusters\"],\"Resource\":\"*\"}]}' $P" \
  "$PROVISION"
fixes_then_pass ps-no-describe permission-set

expect ps-deny-caller permission-set fail 7
assert_eq "the inline policy denies sts:GetCallerIdentity, which aws eks get-token's token is" "$(check_of permission-set summary)"
fix_is ps-deny-caller permission-set \
  "aws sso-admin put-inline-policy-to-permission-set --instance-arn $INSTANCE --permission-set-arn $PS --inline-policy '{\"Statement\":[{\"Action\":[\"eks:DescribeCluster\",\"eks:ListClusters\"],\"Effect\":\"Allow\",\"Resource\":\"*\"}],\"Version\":\"2012-10-17\"}' $P" \
  "$PROVISION"
fixes_then_pass ps-deny-caller permission-set

expect no-assignment account-assignment fail 7
assert_eq "no user or group is assigned to account 111122223333 with permission set \"EKSClusterAdmin\"" "$(check_of account-assignment summary)"
fix_is no-assignment account-assignment "aws identitystore list-groups --identity-store-id d-9067sandbox $P" \
  "aws sso-admin create-account-assignment --instance-arn $INSTANCE --target-id 111122223333 --target-type AWS_ACCOUNT --permission-set-arn $PS --principal-type GROUP --principal-id GROUP_ID $P"
# With --principal the fix has the group's id, looked up in the identity store.
doc --principal eks-developers
fix_is no-assignment account-assignment \
  "aws sso-admin create-account-assignment --instance-arn $INSTANCE --target-id 111122223333 --target-type AWS_ACCOUNT --permission-set-arn $PS --principal-type GROUP --principal-id 9067sandbox-0000-0000-0000-0000eks-devs $P"
fixes_then_pass no-assignment account-assignment --principal eks-developers

expect config-map cluster-auth-mode fail 4
assert_eq "cluster \"sandbox-eks\" uses authenticationMode CONFIG_MAP: access entries are not used, only the aws-auth ConfigMap" \
  "$(check_of cluster-auth-mode summary)"
fix_is config-map cluster-auth-mode \
  "aws eks update-cluster-config --name sandbox-eks --access-config authenticationMode=API_AND_CONFIG_MAP --region us-east-1 $P"
assert_eq fail "$(check_of api-authenticated status)" "config-map: the user's 401"
assert_contains "$(check_of api-authenticated detail)" "cause (cluster-auth-mode): cluster \"sandbox-eks\" uses authenticationMode CONFIG_MAP"
assert_eq skip "$(check_of access-entry status)" "config-map: access-entry skipped"
fixes_then_pass config-map cluster-auth-mode

expect no-entry access-entry fail 4
assert_eq "no access entry on cluster \"sandbox-eks\" for role $ROLE" "$(check_of access-entry summary)"
fix_is no-entry access-entry "$CREATE_ENTRY" "$ASSOCIATE"
fixes_then_pass no-entry access-entry

expect sts-entry access-entry fail 4
assert_eq "the access entry is for $STS, not the IAM role ARN with its path $ROLE" "$(check_of access-entry summary)"
fix_is sts-entry access-entry \
  "aws eks delete-access-entry --cluster-name sandbox-eks --principal-arn $STS --region us-east-1 $P" "$CREATE_ENTRY" "$ASSOCIATE"
fixes_then_pass sts-entry access-entry

expect entry-no-policy access-entry fail 5
assert_eq "the access entry for $ROLE has no access policy and no Kubernetes groups: it authenticates but may do nothing" \
  "$(check_of access-entry summary)"
fix_is entry-no-policy access-entry "$ASSOCIATE"
fixes_then_pass entry-no-policy access-entry

expect namespace-policy access-entry fail 5
assert_eq "the access entry's policies are namespace-scoped or do not cover nodes: AmazonEKSClusterAdminPolicy (namespace default); listing nodes needs a cluster-scoped AmazonEKSAdminViewPolicy or AmazonEKSClusterAdminPolicy" \
  "$(check_of access-entry summary)"
fix_is namespace-policy access-entry "$ASSOCIATE"
fixes_then_pass namespace-policy access-entry

expect groups-only access-entry warn 0
assert_eq "the access entry for $ROLE has no access policy, only Kubernetes groups eks-viewers: RBAC must bind them" \
  "$(check_of access-entry summary)"
fix_is groups-only access-entry "kubectl get clusterrolebindings -o wide | grep -e eks-viewers"

# --- --principal: a user through its group, a user in no assigned group, a group, nobody -------------
expect ok account-assignment pass 0 --principal jane.doe@example.com
assert_eq "user \"jane.doe@example.com\" is assigned through group eks-developers, which it is a member of" \
  "$(check_of account-assignment notes)"
expect ok account-assignment pass 0 --principal eks-developers
assert_eq "group \"eks-developers\" is assigned directly" "$(check_of account-assignment notes)"
expect ok account-assignment fail 7 --principal sam.roe@example.com
assert_eq "user \"sam.roe@example.com\" is not assigned to account 111122223333 with permission set \"EKSClusterAdmin\", nor a member of an assigned group (assigned: group eks-developers)" \
  "$(check_of account-assignment summary)"
fix_is sam account-assignment \
  "aws identitystore create-group-membership --identity-store-id d-9067sandbox --group-id 9067sandbox-0000-0000-0000-0000eks-devs --member-id UserId=9067sandbox-0000-0000-0000-000000000sam $P"
fixes_then_pass sam account-assignment --principal sam.roe@example.com
expect ok account-assignment fail 7 --principal nobody
assert_eq "no user or group named \"nobody\" in identity store d-9067sandbox" "$(check_of account-assignment summary)"

# The identitystore membership calls in the real wire shape, as botocore parses them.
out=$(real aws identitystore is-member-in-groups --identity-store-id d-9067sandbox $P \
  --member-id UserId=9067sandbox-0000-0000-0000-00000000jane --group-ids 9067sandbox-0000-0000-0000-0000eks-devs nope \
  --query 'Results[].[GroupId,MembershipExists]' --output text 2>&1)
assert_eq $'9067sandbox-0000-0000-0000-0000eks-devs\tTrue\nnope\tFalse' "$out" "identitystore is-member-in-groups"
out=$(real aws identitystore describe-user --identity-store-id d-9067sandbox --user-id 9067sandbox-0000-0000-0000-00000000jane \
  $P --query '[UserName,DisplayName]' --output text 2>&1)
assert_eq $'jane.doe@example.com\tJane Doe' "$out" "identitystore describe-user"

# --- the admin profile's own errors ------------------------------------------------------------------
sandbox_set --admin ok
ADMIN=org-no-rights doc
assert_rc 1 "$rc" "AccessDenied: exit 1, as the plugin's AccessDenied ($(statuses))"
assert_eq fail "$(check_of identity-center status)" "AccessDenied: identity-center"
assert_eq "the admin profile \"org-no-rights\" may not call ListInstances: User: arn:aws:iam::111122223333:user/sandbox-no-rights is not authorized to perform: sso:ListInstances because no identity-based policy allows the sso:ListInstances action" \
  "$(check_of identity-center summary)"
assert_eq "aws sts get-caller-identity --profile org-no-rights" "$(check_of identity-center fix)"
assert_contains "$(check_of cluster-auth-mode summary)" "may not call DescribeCluster" "AccessDenied: eks too"

ADMIN=org-sso doc
assert_rc 3 "$rc" "expired admin SSO token: exit 3 ($(statuses)) $(tail -3 <<<"$err")"
assert_eq fail "$(check_of identity-center status)" "expired admin token: identity-center"
assert_contains "$(check_of identity-center summary)" "the admin profile \"org-sso\" needs an AWS SSO login"
assert_eq "eks-sso login --profile org-sso
aws sso login --profile org-sso" "$(check_of identity-center fix)" "the login action for the admin profile"
assert_eq "skipped: the admin profile \"org-sso\" needs a login first" "$(check_of access-entry summary)"
assert_eq pass "$(check_of credential status)" "the user's own credential is not the admin's"

# --- a hung admin call is bounded by --exec-timeout ---------------------------------------------------
FRONT="$TEST_TMP/slowbin"
mkdir -p "$FRONT"
cat >"$FRONT/aws" <<SH
#!/usr/bin/env bash
# eks describe-cluster of the admin profile hangs; everything else is the real CLI.
if [[ "\$1 \$2" == "eks describe-cluster" && " \$* " == *" --profile org-admin "* ]]; then exec sleep 600; fi
exec "$REALBIN/aws" "\$@"
SH
chmod +x "$FRONT/aws"
started=$SECONDS
# 10 s: the limit is per call, and the real CLI's other calls (Python start-up, 1-3 s on a busy
# 2-core machine) must stay under it.
doc --exec-timeout 10s
FRONT=""
assert_rc 6 "$rc" "a hung admin call: exit 6 ($(statuses))"
assert_eq "aws eks describe-cluster timed out after 10000ms (--exec-timeout)" "$(check_of cluster-auth-mode summary)"
assert_eq skip "$(check_of access-entry status)" "after the timeout: access-entry skipped"
((SECONDS - started < 120)) || fail "doctor with a hung admin call took $((SECONDS - started))s"

finish
