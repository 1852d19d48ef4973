#!/usr/bin/env bash
# logout-test with the REAL AWS CLI v2 (/usr/bin/aws, skipped when absent): a kubeconfig whose exec
# runs `/usr/bin/aws eks get-token` for an SSO profile of a throwaway AWS config, with a valid-looking
# token cache in the (throwaway) home. Isolated mode must make the real CLI report
# "Token for real-sso does not exist" and PASS, leaving that home untouched. No network is used:
# the CLI fails on the missing token before any call.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

real_aws=${EKS_SSO_REAL_AWS:-/usr/bin/aws}
[[ -x "$real_aws" ]] || skip "$real_aws not found"
"$real_aws" --version 2>/dev/null | grep -q '^aws-cli/2\.' || skip "$real_aws is not AWS CLI v2"
EKS_SSO_BIN=${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}
sandbox_tmpdir >/dev/null
mkdir -p "$TEST_TMP/tmp"

rh="$TEST_TMP/realhome"
mkdir -p "$rh/.aws/sso/cache" "$TEST_TMP/realcfg"
cat >"$TEST_TMP/realcfg/config" <<'EOF'
[profile real-sso]
sso_session = real-sso
sso_account_id = 111122223333
sso_role_name = EKSClusterAdmin
region = us-east-1

[sso-session real-sso]
sso_start_url = https://d-9067sandbox.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
EOF
exp=$(date -u -d '+8 hours' +%Y-%m-%dT%H:%M:%SZ)
reg=$(date -u -d '+90 days' +%Y-%m-%dT%H:%M:%SZ)
printf '{"startUrl": "https://d-9067sandbox.awsapps.com/start", "region": "us-east-1", "accessToken": "aoaFAKE", "expiresAt": "%s", "clientId": "c", "clientSecret": "s", "registrationExpiresAt": "%s", "refreshToken": "aorFAKE"}' \
  "$exp" "$reg" >"$rh/.aws/sso/cache/$(printf '%s' real-sso | sha1sum | cut -d' ' -f1).json"
cat >"$TEST_TMP/real-kubeconfig" <<EOF
apiVersion: v1
kind: Config
current-context: real
clusters:
- name: real
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: real
  context: {cluster: real, user: real}
users:
- name: real
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: $real_aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, sandbox-eks, --output, json]
      env:
      - {name: AWS_PROFILE, value: real-sso}
      - {name: AWS_CONFIG_FILE, value: $TEST_TMP/realcfg/config}
EOF
# The files alone say "logged in" (no plugin run): the isolation is what makes the CLI see no token.
env -i HOME="$rh" PATH=/usr/bin:/bin "$EKS_SSO_BIN" --kubeconfig "$TEST_TMP/real-kubeconfig" contexts -o json >"$TEST_TMP/o" 2>&1
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j[0]["sso"]["state"]=="valid", j' "$TEST_TMP/o" ||
  fail "the token cache should look valid: $(cat "$TEST_TMP/o")"
real_before=$(cd "$rh" && find . -type f | sort | xargs sha1sum)
env -i HOME="$rh" PATH=/usr/bin:/bin TMPDIR="$TEST_TMP/tmp" "$EKS_SSO_BIN" --kubeconfig "$TEST_TMP/real-kubeconfig" \
  logout-test -o json >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
assert_rc 0 "$?" "real aws logout-test"
assert_contains "$(cat "$TEST_TMP/e")" "(the exec plugin said: Error loading SSO Token: Token for real-sso does not exist)"
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["status"] == "pass" and j["loginStarted"] is False, j
assert j["detected"]["profile"] == "real-sso" and j["detected"]["session"] == "real-sso", j
assert j["processes"][0][0] == sys.argv[2], j
' "$TEST_TMP/o" "$real_aws" || fail "real aws json: $(cat "$TEST_TMP/o")"
assert_eq "$real_before" "$(cd "$rh" && find . -type f | sort | xargs sha1sum)" "real aws: home untouched"
assert_eq "" "$(ls -A "$TEST_TMP/tmp")" "real aws: throwaway home removed"

finish
