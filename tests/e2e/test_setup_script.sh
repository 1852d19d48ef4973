#!/usr/bin/env bash
# `eks-sso setup-script` end to end with the REAL AWS CLI v1 against the sandbox (issue 15 part 2):
# the generated script is shellcheck-clean; run twice against an empty sandbox account it creates
# everything on the first run (permission set and policy, group, assignment, access entry and
# policy, the ~/.aws/config blocks, the kubeconfig context) and nothing on the second, as the
# sandbox records it (requests.log "(state saved)", state.json unchanged), the user's other
# ~/.aws/config content survives, and then `eks-sso doctor` and `doctor --admin-profile` pass.
# A failing step stops with "setup-script: step N failed"; a group name with a space and quotes
# goes through as it is. Skips without AWS CLI v1 (shellcheck part only without shellcheck).
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

EKS_SSO="${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}"
EKS_SSO="$(cd "$(dirname "$EKS_SSO")" && pwd)/$(basename "$EKS_SSO")"
sandbox_start

# --- without any AWS CLI: values from --context, usage errors naming the flag ---------------------
sandbox_eks_sso setup-script --context sandbox-admin --group eks-users >"$TEST_TMP/ctx.sh" 2>"$TEST_TMP/e"
assert_rc 0 $? "setup-script --context: $(cat "$TEST_TMP/e")"
for v in "CLUSTER='sandbox-eks'" "REGION='us-east-1'" "ACCOUNT='111122223333'" \
  "START_URL='https://d-9067sandbox.awsapps.com/start'" "SSO_SESSION='sandbox-sso'" \
  "PERMISSION_SET='EKSClusterAdmin'" "PROFILE='sandbox-admin'" "CONTEXT='sandbox-admin'"; do
  assert_contains "$(cat "$TEST_TMP/ctx.sh")" $'\n'"$v"$'\n' "from the context: $v"
done
sandbox_eks_sso setup-script --context sandbox-admin --group eks-users --account 12 >/dev/null 2>"$TEST_TMP/e"
assert_rc 2 $? "bad --account"
assert_eq 'error: invalid --account "12": a 12-digit AWS account id' "$(head -1 "$TEST_TMP/e")" "the error names the flag"
sandbox_eks_sso setup-script --context sandbox-admin >/dev/null 2>"$TEST_TMP/e"
assert_rc 2 $? "no --group or --user"
assert_contains "$(cat "$TEST_TMP/e")" "give exactly one of --group and --user" "says which flags"
sandbox_eks_sso setup-script --context nope --group g >/dev/null 2>"$TEST_TMP/e"
assert_rc 7 $? "unknown context"

AWS1=$(command -v aws || true)
if [[ "$AWS1" == */shims/aws ]]; then
  AWS1=$(pyenv which aws 2>/dev/null || true)
fi
[[ -n "$AWS1" ]] && "$AWS1" --version 2>&1 | grep -q '^aws-cli/1\.' || skip "no AWS CLI v1 on PATH"
sandbox_set --admin empty
E="https://127.0.0.1:$SANDBOX_PORT"
GROUP="Platform team's \"EKS\" users"
CTX=k8s-user@sandbox-eks

# An isolated home: the user's own AWS config (must survive), the admin's static test keys.
H="$TEST_TMP/home"
mkdir -p "$H/.aws" "$TEST_TMP/bin"
cat >"$H/.aws/config" <<'INI'
# my own settings
[default]
region = eu-west-1

[profile other]
region = us-west-2
output = text

[profile platform-admin]
region = us-east-1
INI
cp "$H/.aws/config" "$TEST_TMP/config.orig"
printf '[platform-admin]\naws_access_key_id = AKIASANDBOXADMIN0001\naws_secret_access_key = sandbox-admin-secret\n' \
  >"$H/.aws/credentials"
# Keys the sandbox answers with AccessDenied, in AWS's wording.
printf '[no-rights]\naws_access_key_id = AKIASANDBOXNORIGHTS1\naws_secret_access_key = sandbox-no-rights\n' \
  >>"$H/.aws/credentials"
ln -s "$AWS1" "$TEST_TMP/bin/aws"
ln -s "$EKS_SSO" "$TEST_TMP/bin/eks-sso"

# in_home HOME CMD...: the real CLI per service at the sandbox (STS unset: get-token only presigns
# it), its CA, no keys in the environment; anything else would go to a closed proxy port.
in_home() {
  local home=$1
  shift
  env -i HOME="$home" PATH="$TEST_TMP/bin:/usr/bin:/bin" LANG=C.UTF-8 KUBECONFIG="$home/.kube/config" \
    AWS_CA_BUNDLE="$SANDBOX_DIR/certs/ca.crt" AWS_ENDPOINT_URL_SSO_ADMIN="$E" AWS_ENDPOINT_URL_IDENTITYSTORE="$E" \
    AWS_ENDPOINT_URL_EKS="$E" AWS_ENDPOINT_URL_IAM="$E" AWS_ENDPOINT_URL_SSO="$E" \
    HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost "$@"
}
# script NAME ARGS...: writes $TEST_TMP/NAME.sh from `eks-sso setup-script ARGS` (and BASE).
BASE=(--region us-east-1 --account 111122223333 --start-url https://d-9067sandbox.awsapps.com/start)
script() {
  local name=$1
  shift
  "$EKS_SSO" setup-script "${BASE[@]}" "$@" >"$TEST_TMP/$name.sh"
}
# run_script NAME [HOME]: runs it; out/err/rc, and `writes`: the calls that changed the sandbox state.
run_script() {
  local from
  from=0
  [[ ! -f "$SANDBOX_DIR/requests.log" ]] || from=$(wc -l <"$SANDBOX_DIR/requests.log")
  in_home "${2:-$H}" bash "$TEST_TMP/$1.sh" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
  rc=$?
  out=$(cat "$TEST_TMP/out")
  err=$(cat "$TEST_TMP/err")
  writes=$(tail -n +"$((from + 1))" "$SANDBOX_DIR/requests.log" | sed -n 's/.*\[\(.*\) (state saved)\]$/\1/p')
}
state_sum() { sha256sum <"$SANDBOX_DIR/state.json"; }

script main --cluster sandbox-eks --admin-profile platform-admin --group "$GROUP" --profile k8s-user
assert_rc 0 $? "setup-script"
assert_contains "$(cat "$TEST_TMP/main.sh")" "PRINCIPAL_NAME='Platform team'\\''s \"EKS\" users'" "the group is one quoted value"
if command -v shellcheck >/dev/null; then
  shellcheck "$TEST_TMP/main.sh" >"$TEST_TMP/sc" 2>&1
  assert_rc 0 $? "shellcheck: $(head -c 2000 "$TEST_TMP/sc")"
  script dollar --cluster sandbox-eks --user 'j$doe`x`' --profile k8s-user
  shellcheck "$TEST_TMP/dollar.sh" >"$TEST_TMP/sc" 2>&1
  assert_rc 0 $? "shellcheck, a user name with \$ and backquotes: $(head -c 2000 "$TEST_TMP/sc")"
else
  echo "note: shellcheck not installed; the shellcheck part skipped"
fi

# The user logged in to the session before (the script never logs in): the sandbox's aws writes
# the token cache from the same [sso-session] block the script will write.
printf '[sso-session k8s-user]\nsso_start_url = https://d-9067sandbox.awsapps.com/start\nsso_region = us-east-1\n' \
  >"$TEST_TMP/session.ini"
sandbox_run env HOME="$H" AWS_CONFIG_FILE="$TEST_TMP/session.ini" aws sso login --sso-session k8s-user --no-browser >/dev/null
assert_rc 0 $? "sso login (sandbox)"

# --- run 1: everything is created -----------------------------------------------------------
state0=$(state_sum)
run_script main
# The script ends with `eks-sso doctor`, which fails only at aws-cli: AWS CLI v1 cannot log in.
assert_rc 7 "$rc" "run 1 ends with doctor: $out $err"
assert_contains "$out" "AWS CLI v1 (" "doctor names the CLI v1"
assert_contains "$out" "✓ sso-token" "doctor: the SSO token"
assert_contains "$out" "✓ aws-profile        profile \"k8s-user\"" "doctor: the written profile"
expected_writes="sso CreatePermissionSet
sso PutInlinePolicyToPermissionSet
identitystore CreateGroup
sso CreateAccountAssignment
eks CreateAccessEntry
eks AssociateAccessPolicy"
assert_eq "$expected_writes" "$writes" "run 1: the sandbox's writes, in guide order"
state1=$(state_sum)
[[ "$state0" != "$state1" ]] || fail "run 1 did not change state.json"
assert_contains "$(cat "$SANDBOX_DIR/state.json")" "\"DisplayName\": \"Platform team's \\\"EKS\\\" users\"" "the group's name as given"
assert_contains "$(cat "$SANDBOX_DIR/state.json")" "\"principalArn\": \"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-east-1/AWSReservedSSO_K8StudioEKSExec_" \
  "access entry for the role ARN with its path"
for step in "1/7" "2/7" "3/7" "4/7" "5/7" "6/7" "7/7"; do
  assert_contains "$out" "==> $step " "run 1 prints step $step"
done
cfg=$(cat "$H/.aws/config")
assert_eq "$(cat "$TEST_TMP/config.orig")" "$(head -n "$(wc -l <"$TEST_TMP/config.orig")" "$H/.aws/config")" "the user's config kept, first"
assert_eq "$(cat "$TEST_TMP/config.orig")" "$(cat "$H/.aws/config.eks-sso.bak")" "backup of the original"
assert_contains "$cfg" $'[sso-session k8s-user]\nsso_start_url = https://d-9067sandbox.awsapps.com/start\nsso_region = us-east-1' "sso-session block"
assert_contains "$cfg" $'[profile k8s-user]\nsso_session = k8s-user\nsso_account_id = 111122223333\nsso_role_name = K8StudioEKSExec\nregion = us-east-1' "profile block"
grep -q "name: $CTX" "$H/.kube/config" || fail "update-kubeconfig wrote context $CTX"
cp "$H/.aws/config" "$TEST_TMP/config.1"
cp "$H/.kube/config" "$TEST_TMP/kube.1"

# --- run 2: nothing changes ---------------------------------------------------------------------
run_script main
assert_rc 7 "$rc" "run 2: $out $err"
assert_eq "" "$writes" "run 2: no call changed the sandbox state"
assert_eq "$state1" "$(state_sum)" "run 2: state.json unchanged"
assert_eq "$(cat "$TEST_TMP/config.1")" "$(cat "$H/.aws/config")" "run 2: ~/.aws/config unchanged"
assert_eq "$(cat "$TEST_TMP/kube.1")" "$(cat "$H/.kube/config")" "run 2: kubeconfig unchanged"
assert_eq 1 "$(grep -c '^\[profile k8s-user\]' "$H/.aws/config")" "one profile block"

# --- afterwards both doctors pass, with an AWS CLI v2 as `aws`: the sandbox's (the real v2 here
# predates AWS_ENDPOINT_URL), reading the same state and the same token cache --------------------
mkdir -p "$TEST_TMP/v2bin"
ln -s "$SANDBOX_DIR/bin/aws" "$TEST_TMP/v2bin/aws"
v2() { in_home "$H" env PATH="$TEST_TMP/v2bin:/usr/bin:/bin" EKS_SSO_SANDBOX_DIR="$SANDBOX_DIR" "$@"; }
v2 "$EKS_SSO" doctor --context "$CTX" >"$TEST_TMP/d1" 2>&1
assert_rc 0 $? "eks-sso doctor: $(cat "$TEST_TMP/d1")"
ids() { python3 -c 'import json,sys; print(" ".join(c["id"]+"="+c["status"] for c in json.load(open(sys.argv[1]))["checks"]))' "$1"; }
v2 "$EKS_SSO" doctor --context "$CTX" --admin-profile platform-admin -o json >"$TEST_TMP/d2" 2>"$TEST_TMP/d2.err"
assert_rc 0 $? "eks-sso doctor --admin-profile: $(cat "$TEST_TMP/d2" "$TEST_TMP/d2.err")"
statuses=$(ids "$TEST_TMP/d2")
for id in can-list-nodes identity-center permission-set account-assignment cluster-auth-mode access-entry; do
  assert_contains " $statuses " " $id=pass " "doctor --admin-profile: $id"
done
# The admin checks through the real CLI v1 pass too (only aws-cli fails there, as above).
in_home "$H" "$EKS_SSO" doctor --context "$CTX" --admin-profile platform-admin -o json >"$TEST_TMP/d3" 2>"$TEST_TMP/d3.err"
assert_rc 7 $? "doctor --admin-profile with CLI v1: $(cat "$TEST_TMP/d3.err")"
statuses=$(ids "$TEST_TMP/d3")
for id in identity-center permission-set account-assignment cluster-auth-mode access-entry; do
  assert_contains " $statuses " " $id=pass " "doctor --admin-profile (CLI v1): $id"
done

# --- a failing step stops with its number ----------------------------------------------------------
script bad-admin --cluster sandbox-eks --admin-profile nobody --group "$GROUP" --profile k8s-user
run_script bad-admin
assert_rc 1 "$rc" "unknown admin profile"
assert_contains "$err" "setup-script: step 1 failed: aws sso-admin list-instances failed" "step 1 named"
assert_contains "$err" "nobody" "the CLI's own error kept"
assert_not_contains "$out" "==> 2/7" "stops at step 1"

script denied --cluster sandbox-eks --admin-profile no-rights --group "$GROUP" --profile k8s-user
run_script denied
assert_rc 1 "$rc" "an admin profile without the rights"
assert_contains "$err" "setup-script: step 1 failed: aws sso-admin list-instances failed" "AccessDenied: step 1 named"
assert_contains "$err" "AccessDenied" "AccessDenied: the AWS error kept"
assert_not_contains "$out" "==> 2/7" "AccessDenied: stops at step 1"

script bad-cluster --cluster other-eks --admin-profile platform-admin --group "$GROUP" --profile k8s-user
run_script bad-cluster
assert_rc 1 "$rc" "unknown cluster"
assert_contains "$err" "setup-script: step 6 failed: cannot describe cluster other-eks in us-east-1" "step 6 named"
assert_contains "$err" "ResourceNotFoundException" "the AWS error kept"
assert_eq "" "$writes" "steps 1-3 found everything: no writes"

script bad-user --cluster sandbox-eks --admin-profile platform-admin --user nobody@example.com --profile k8s-user
run_script bad-user
assert_rc 1 "$rc" "unknown user"
assert_contains "$err" "setup-script: step 3 failed: user nobody@example.com is not in identity store d-9067sandbox" "step 3 named"

# A different existing profile block is never overwritten.
sed -i 's/^sso_role_name = K8StudioEKSExec/sso_role_name = Other/' "$H/.aws/config"
cp "$H/.aws/config" "$TEST_TMP/config.before"
run_script main
assert_rc 1 "$rc" "different profile block"
assert_contains "$err" "setup-script: step 4 failed: $H/.aws/config already has a different [profile k8s-user]" "step 4 named"
assert_eq "$(cat "$TEST_TMP/config.before")" "$(cat "$H/.aws/config")" "config untouched"

# A user instead of a group, with its own permission set: the identity store's UserName filter.
H3="$TEST_TMP/home3"
mkdir -p "$H3/.aws"
cp "$H/.aws/credentials" "$H3/.aws/"
cp "$TEST_TMP/config.orig" "$H3/.aws/config"
script jane --cluster sandbox-eks --admin-profile platform-admin --user jane.doe@example.com --permission-set EKSJane --profile jane
run_script jane "$H3"
assert_rc 3 "$rc" "--user, not logged in: $out $err"
assert_eq "sso CreatePermissionSet
sso PutInlinePolicyToPermissionSet
sso CreateAccountAssignment
eks CreateAccessEntry
eks AssociateAccessPolicy" "$writes" "--user: no group created, the user assigned"
assert_contains "$(cat "$SANDBOX_DIR/state.json")" '"PrincipalId": "9067sandbox-0000-0000-0000-00000000jane"' "jane's assignment"

# A new user's machine without an SSO login: the AWS side exists, step 7 asks for the login (exit 3).
H2="$TEST_TMP/home2"
mkdir -p "$H2/.aws"
cp "$H/.aws/credentials" "$TEST_TMP/config.orig" "$H2/.aws/"
mv "$H2/.aws/config.orig" "$H2/.aws/config"
script newcomer --cluster sandbox-eks --admin-profile platform-admin --group "$GROUP" --profile k8s-new
run_script newcomer "$H2"
assert_rc 3 "$rc" "not logged in: $out $err"
assert_eq "" "$writes" "newcomer: nothing new on the AWS side"
assert_contains "$err" "setup-script: step 7 needs the AWS SSO login of k8s-new: run aws sso login --profile k8s-new" "login action"
assert_contains "$(cat "$H2/.aws/config")" "[profile k8s-new]" "profile written before the login"
finish
