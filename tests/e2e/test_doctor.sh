#!/usr/bin/env bash
# `eks-sso doctor` against the sandbox: for each check a scenario that makes it fail (status, fix
# text, exit code), the all-pass run, --all-contexts mixing outcomes, and the CI formats.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

require_sandbox_bin
command -v python3 >/dev/null || skip "python3 is needed to read the JSON output"
sandbox_start
export EKS_SSO_SANDBOX_AWS_LOG="$TEST_TMP/aws-calls.log"

# doc ARGS... -> $out, $err, $rc
doc() {
  out=$(sandbox_eks_sso doctor "$@" 2>"$TEST_TMP/err")
  rc=$?
  err=$(cat "$TEST_TMP/err")
}

# doc_env NAME=value... -- ARGS...: doctor with extra variables in its environment
doc_env() {
  local vars=()
  while [[ "$1" != "--" ]]; do vars+=("$1"); shift; done
  shift
  out=$(sandbox_run env "${vars[@]}" "${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}" doctor "$@" 2>"$TEST_TMP/err")
  rc=$?
  err=$(cat "$TEST_TMP/err")
}

# count_of TEXT PART: how often PART occurs in TEXT
count_of() {
  python3 -c 'import sys; print(sys.argv[1].count(sys.argv[2]))' "$1" "$2"
}

# jq-like access with python: jget EXPR (the JSON is in $out, bound to d)
jget() {
  python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" <<<"$out"
}

# check_of ID FIELD: a field of one check of a single-context report (a list: one item a line)
check_of() {
  python3 -c "
import json,sys
d=json.load(sys.stdin)
v=next(c for c in d['checks'] if c['id']=='$1')['$2']
print('\\n'.join(v) if isinstance(v, list) else json.dumps(v) if isinstance(v, dict) else v)" <<<"$out"
}

IDS="kubeconfig context exec-plugin aws-cli aws-profile sso-token credential api-reachable api-authenticated can-list-nodes"

# --- all pass -------------------------------------------------------------------------------------
sandbox_login sandbox-admin
doc --context sandbox-admin -o json
assert_rc 0 "$rc" "all pass: $err"
assert_eq "$IDS" "$(jget "' '.join(c['id'] for c in d['checks'])")" "check ids in the contract's order"
assert_eq "pass pass pass pass pass pass pass pass pass pass" "$(jget "' '.join(c['status'] for c in d['checks'])")" \
  "all pass statuses"
assert_eq "sandbox-admin True 0" "$(jget "d['context'], d['ok'], d['exitCode']" | tr -d "(),'")" "report head"
assert_eq "7 7 7 4 4 5 9 8 6 6" "$(jget "' '.join(str(c['step']) for c in d['checks'])")" "guide steps"
assert_eq "" "$err" "json: nothing on stderr (no spinner, no colour)"
assert_not_contains "$out" "k8s-aws-v1." "never a token"

doc --context sandbox-admin
assert_rc 0 "$rc" "all pass, human"
assert_contains "$out" "eks-sso doctor: context \"sandbox-admin\""
assert_contains "$out" "Step 7 · Generate the kubeconfig"
assert_contains "$out" "  ✓ sso-token          valid, "
assert_contains "$out" "  ✓ can-list-nodes     allowed to list nodes (kubectl get nodes works)"
assert_contains "$out" "✓ EKS SSO access works: 10 checks passed"
assert_not_contains "$out" $'\033[' "no colour when stdout is not a terminal"

# Every AWS CLI call doctor makes is read-only and listed with -v 1; it never logs in.
: >"$EKS_SSO_SANDBOX_AWS_LOG"
doc --context sandbox-admin -v 1
assert_rc 0 "$rc" "-v 1"
assert_contains "$err" "doctor[sandbox-admin]: running (read-only): aws --version"
assert_contains "$err" "doctor[sandbox-admin]: running (read-only): AWS_PROFILE=sandbox-admin aws --region us-east-1 eks get-token --cluster-name sandbox-eks --output json"
aws_calls() { # the distinct argv lines the fake aws recorded, sorted, ';'-separated
  python3 -c '
import json,sys
print(";".join(sorted({" ".join(json.loads(l)) for l in open(sys.argv[1]) if l.strip()})))' "$EKS_SSO_SANDBOX_AWS_LOG"
}
assert_eq "aws --region us-east-1 eks get-token --cluster-name sandbox-eks --output json;aws --version" "$(aws_calls)" \
  "all pass: the AWS CLI runs (read-only, no login)"

# --- logged out: sso-token and credential fail, exit 3, later checks skip ------------------------
sandbox_logout >/dev/null 2>&1
doc --context sandbox-admin -o json
assert_rc 3 "$rc" "logged out"
assert_eq "fail" "$(check_of sso-token status)" "logged out: sso-token"
assert_eq "fail" "$(check_of credential status)" "logged out: credential"
assert_eq "skip skip skip" "$(jget "' '.join(c['status'] for c in d['checks'][7:])")" "logged out: later checks skip"
assert_eq "eks-sso login --context sandbox-admin
aws sso login --profile sandbox-admin" "$(check_of credential fix)" "logged out: the login action"
assert_eq "AWS SSO login required: no SSO token is cached (never logged in, or logged out)" "$(check_of sso-token summary)"
assert_eq '{"awsCommand": "aws sso login --profile sandbox-admin", "command": "eks-sso login --context sandbox-admin", "label": "Login with AWS SSO"}' \
  "$(check_of credential action)" "logged out: the contract's action"
doc --context sandbox-admin
assert_rc 3 "$rc" "logged out, human"
# The login action once per report (issue 16, defect 5): the checklist's sso-token and credential
# refer to the login-required block that follows it (it used to print the commands twice more).
assert_eq 2 "$(count_of "$out" "      → Login with AWS SSO: see the login action below")" "logged out: the checks refer to it"
assert_eq 1 "$(count_of "$out$err" "aws sso login --profile sandbox-admin")" "logged out: the login action once"
assert_eq 1 "$(count_of "$out$err" "eks-sso login --context sandbox-admin")" "logged out: eks-sso login once"
assert_contains "$out" "✗ EKS SSO access is broken at sso-token (guide step 5): exit 3"
assert_eq "
AWS SSO login required for context \"sandbox-admin\"
  profile \"sandbox-admin\": no SSO token is cached (never logged in, or logged out)
  sso-session \"sandbox-sso\", start URL https://d-9067sandbox.awsapps.com/start
  (the SSO token cache)
  → Login with AWS SSO:  eks-sso login --context sandbox-admin
    (runs: aws sso login --profile sandbox-admin)" "$err" "logged out: the contract's human form on stderr"

# An expired token: the cache has a refresh token, so the cache alone says "the CLI will try to
# refresh it"; the plugin's failure (the refresh failed) decides, exit 3.
sandbox_login_expired sandbox-admin
doc --context sandbox-admin -o json
assert_rc 3 "$rc" "expired token"
assert_eq "warn" "$(check_of sso-token status)" "expired token: sso-token"
assert_contains "$(check_of sso-token summary)" "SSO token expired 1h ago ("
assert_contains "$(check_of sso-token notes)" "but the AWS CLI rejected it or could not refresh it (see credential), and the plugin is believed"
assert_contains "$(check_of credential summary)" "AWS SSO login required: the SSO token expired 1h ago ("
assert_contains "$(check_of credential notes)" "the exec plugin said: Error when retrieving token from sso: Token has expired and refresh failed"

# --- 401: no access entry; the create-access-entry command with the role ARN lookup ---------------
sandbox_login sandbox-admin
sandbox_login sandbox-noentry
: >"$EKS_SSO_SANDBOX_AWS_LOG"
doc --context sandbox-noentry -o json
assert_rc 4 "$rc" "no access entry"
role=$(sandbox_role_name EKSDeveloper)
[[ -n "$role" ]] || fail "no EKSDeveloper role in state.json"
assert_eq "fail" "$(check_of api-authenticated status)" "401: api-authenticated"
assert_eq "aws eks create-access-entry --cluster-name sandbox-eks --region us-east-1 --principal-arn \"\$(aws iam get-role --role-name $role --query Role.Arn --output text)\"" \
  "$(jget "next(c for c in d['checks'] if c['id']=='api-authenticated')['fix'][0]")" "401: create-access-entry"
notes=$(check_of api-authenticated notes)
assert_contains "$notes" "you are arn:aws:sts::111122223333:assumed-role/$role/jane.doe@example.com (aws sts get-caller-identity)"
assert_contains "$notes" "rolearn: arn:aws:iam::111122223333:role/$role"
assert_contains "$notes" "/aws-reserved/sso.amazonaws.com/[region/]"
assert_contains "$notes" "run the access-entry commands as a cluster administrator (a principal allowed eks:CreateAccessEntry and eks:AssociateAccessPolicy on this cluster), not as the SSO user" \
  "401: who runs the access-entry fixes"
assert_contains "$notes" "access entries need the cluster's authenticationMode API or API_AND_CONFIG_MAP (CONFIG_MAP uses only the aws-auth ConfigMap); see it with: aws eks describe-cluster --name sandbox-eks --region us-east-1 --query cluster.accessConfig" \
  "401: the authenticationMode, and how to see it"
assert_not_contains "$(check_of api-authenticated fix)$notes" "ADMIN" "401: no placeholder for the administrator"
assert_eq "skip" "$(check_of can-list-nodes status)" "401: can-list-nodes skipped"
assert_eq "aws --region us-east-1 eks get-token --cluster-name sandbox-eks --output json;aws --version;aws iam get-role --role-name $role --query Role.Arn --output text;aws sts get-caller-identity --output json" \
  "$(aws_calls)" "401: only read-only AWS calls"

# A token signed for another cluster name: also 401, and doctor says which name is wrong.
doc --context sandbox-wrong-cluster -o json
assert_rc 4 "$rc" "wrong cluster"
assert_contains "$(check_of api-authenticated notes)" "the plugin signs the token for cluster \"other-eks\" (--cluster-name), but the kubeconfig's cluster is \"sandbox-eks\""
assert_eq "aws eks update-kubeconfig --name sandbox-eks --region us-east-1 --profile sandbox-admin" \
  "$(check_of api-authenticated fix)" "wrong cluster: only the fix that applies (no create-access-entry)"
assert_contains "$(check_of api-authenticated summary)" "the token is signed for cluster \"other-eks\", not \"sandbox-eks\""

# --- keys in the environment beat the profile's SSO: access works, but not through AWS SSO ----------
keys=$(python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["iamUsers"][0]; print(u["accessKeyId"], u["secretAccessKey"])' \
  "$SANDBOX_DIR/state.json")
doc_env AWS_ACCESS_KEY_ID="${keys% *}" AWS_SECRET_ACCESS_KEY="${keys#* }" -- --context sandbox-admin
assert_rc 0 "$rc" "env keys: $err"
assert_not_contains "$out" "EKS SSO access works" "env keys: never \"EKS SSO access works\""
assert_contains "$out" "! EKS access works, but not through AWS SSO: the credentials are AWS_ACCESS_KEY_ID in the plugin's environment (it comes before profile \"sandbox-admin\"'s SSO settings)"
assert_contains "$out" "AWS_ACCESS_KEY_ID in the plugin's environment wins over profile \"sandbox-admin\": AWS SSO is not used"
assert_contains "$out" "the AWS CLI tries credentials in botocore's order: environment variables"
assert_contains "$out" "        unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN"
assert_contains "$out" "authenticated as arn:aws:iam::" "env keys: the cluster saw the IAM user, not the SSO role"
doc --context sandbox-static
assert_rc 0 "$rc" "static keys in the profile"
assert_contains "$out" "! EKS access works, but not through AWS SSO: the credentials are profile \"sandbox-static\"'s static-keys credentials (1 warning)"
doc --context sandbox-token
assert_rc 0 "$rc" "a token in the kubeconfig"
assert_contains "$out" "! EKS access works, but not through AWS SSO: the credentials are user \"sandbox-token\"'s token from the kubeconfig (1 warning)"

# --- 403 on nodes: a policy that really covers nodes ---------------------------------------------
sandbox_login sandbox-viewer
doc --context sandbox-forbidden -o json
assert_rc 5 "$rc" "forbidden"
viewer=$(sandbox_role_name EKSNamespaceViewer)
assert_eq "aws eks associate-access-policy --cluster-name sandbox-eks --region us-east-1 --principal-arn \"\$(aws iam get-role --role-name $viewer --query Role.Arn --output text)\" --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy --access-scope type=cluster" \
  "$(jget "next(c for c in d['checks'] if c['id']=='can-list-nodes')['fix'][0]")" "403: associate-access-policy"
assert_contains "$(check_of can-list-nodes notes)" "AmazonEKSViewPolicy, AmazonEKSEditPolicy and AmazonEKSAdminPolicy do not cover nodes"

# --- unknown CA: api-reachable fails, exit 6 ------------------------------------------------------
doc --context sandbox-unknown-ca -o json
assert_rc 6 "$rc" "unknown CA"
assert_contains "$(check_of api-reachable summary)" "x509: certificate signed by unknown authority"
assert_eq "aws eks update-kubeconfig --name sandbox-eks --region us-east-1 --profile sandbox-admin" \
  "$(check_of api-reachable fix)" "unknown CA: fix"

# --- configuration errors: exit 7 -----------------------------------------------------------------
printf 'apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: [\n' >"$TEST_TMP/bad.yaml"
doc --kubeconfig "$TEST_TMP/bad.yaml" -o json
assert_rc 7 "$rc" "malformed kubeconfig"
assert_eq "fail" "$(check_of kubeconfig status)" "malformed: kubeconfig"
assert_contains "$(check_of kubeconfig summary)" "$TEST_TMP/bad.yaml:"
assert_eq "skip" "$(check_of context status)" "malformed: context skipped"

doc --context no-such-context -o json
assert_rc 7 "$rc" "missing context"
assert_contains "$(check_of context notes)" 'available contexts: "sandbox-admin", "sandbox-forbidden", '
assert_eq "aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE" "$(check_of context fix)" "missing context: fix"
# Values the environment knows replace the placeholders (issue 16, defect 8); CLUSTER stays unknown.
doc_env AWS_PROFILE=sandbox-admin AWS_REGION=eu-west-1 -- --context no-such-context -o json
assert_rc 7 "$rc" "missing context, AWS_PROFILE and AWS_REGION set"
assert_eq "aws eks update-kubeconfig --name CLUSTER --region eu-west-1 --profile sandbox-admin" "$(check_of context fix)" \
  "missing context: the environment's profile and region"

sed 's/value: sandbox-legacy/value: no-such-profile/' "$SANDBOX_KUBECONFIG" >"$TEST_TMP/noprofile.yaml"
doc --kubeconfig "$TEST_TMP/noprofile.yaml" --context sandbox-legacy -o json
assert_rc 7 "$rc" "missing profile"
assert_eq "The config profile (no-such-profile) could not be found" "$(check_of aws-profile summary)"
assert_contains "$(check_of aws-profile fix)" "aws configure sso --profile no-such-profile"

# --- CI formats -----------------------------------------------------------------------------------
doc --context sandbox-noentry -o junit
assert_rc 4 "$rc" "junit exit"
printf '%s\n' "$out" >"$TEST_TMP/doctor.xml"
if command -v xmllint >/dev/null; then
  xmllint --noout "$TEST_TMP/doctor.xml" || fail "junit: xmllint rejects it"
fi
junit=$(python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suite = root.find("testsuite")
cases = suite.findall("testcase")
fails = [c.get("name").split(":")[0] for c in cases if c.find("failure") is not None]
skips = [c.get("name").split(":")[0] for c in cases if c.find("skipped") is not None]
msg = cases[8].find("failure").get("message")
print(root.tag, suite.get("name"), len(cases), suite.get("failures"), fails, skips, "create-access-entry" in msg)
' "$TEST_TMP/doctor.xml")
assert_eq "testsuites sandbox-noentry 10 1 ['api-authenticated'] ['can-list-nodes'] True" "$junit" "junit content"

doc --context sandbox-admin -o markdown
assert_rc 0 "$rc" "markdown exit"
assert_contains "$out" "## eks-sso doctor: \`sandbox-admin\` ✅"
assert_contains "$out" "| ✅ | \`kubeconfig\` | 7 | loaded $SANDBOX_KUBECONFIG |"

doc --context sandbox-admin -o yaml
assert_rc 0 "$rc" "yaml exit"
assert_contains "$out" "context: sandbox-admin"

# --- several contexts, concurrently -----------------------------------------------------------------
sandbox_login sandbox-legacy
doc --all-contexts -o json
assert_rc 5 "$rc" "all contexts: the first failing context's code (sandbox-forbidden)"
summary=$(jget "' '.join('%s=%s' % (r['context'], r['exitCode']) for r in d)")
assert_eq "sandbox-admin=0 sandbox-forbidden=5 sandbox-legacy=0 sandbox-noentry=4 sandbox-static=0 sandbox-token=0 sandbox-unknown-ca=6 sandbox-wrong-cluster=4" \
  "$summary" "all contexts: one report per context"
doc --all-contexts
assert_rc 5 "$rc" "all contexts, human"
assert_contains "$out" "CONTEXT                 VERDICT          FIRST FAILING CHECK
sandbox-admin           ok               -
sandbox-forbidden       fail (exit 5)    can-list-nodes
sandbox-legacy          ok               -
sandbox-noentry         fail (exit 4)    api-authenticated
sandbox-static          ok (1 warning)   -
sandbox-token           ok (1 warning)   -
sandbox-unknown-ca      fail (exit 6)    api-reachable
sandbox-wrong-cluster   fail (exit 4)    api-authenticated"

doc --context sandbox-admin --context sandbox-noentry -o json
assert_rc 4 "$rc" "repeated --context"
assert_eq "sandbox-admin sandbox-noentry" "$(jget "' '.join(r['context'] for r in d)")"

doc --all-contexts --context sandbox-admin
assert_rc 2 "$rc" "--all-contexts with --context"
assert_eq "error: doctor: --all-contexts and --context cannot be used together" "$err"

doc -o wide
assert_rc 2 "$rc" "bad output format"

# --- the server stopped: exit 6 ---------------------------------------------------------------------
sandbox_stop
doc --context sandbox-admin -o json --request-timeout 3s
assert_rc 6 "$rc" "server stopped"
assert_eq "fail" "$(check_of api-reachable status)" "server stopped: api-reachable"
assert_contains "$(check_of api-reachable summary)" "connection refused"

finish
