#!/usr/bin/env bash
# `eks-sso connect`: the credential phase with plugin scripts on PATH (client-go's test-plugin
# style: output and exit code come from env vars), the real AWS CLI with an SSO profile and no
# token, the exec timeout killing the plugin's process group, and the cluster phase on the sandbox.
source "$(dirname "$0")/sandbox_lib.sh"
require_sandbox_bin
W=$(sandbox_tmpdir)
mkdir -p "$W/bin" "$W/home"

# The test plugin: prints $TEST_OUTPUT, writes $TEST_STDERR to stderr, exits $TEST_EXIT_CODE, and
# records its argv and KUBERNETES_EXEC_INFO.
cat >"$W/bin/test-plugin" <<'PLUGIN'
#!/bin/sh
printf '%s\n' "$*" >>"$TEST_LOG"
printf '%s\n' "$KUBERNETES_EXEC_INFO" >>"$TEST_LOG.info"
[ -n "$TEST_STDERR" ] && printf '%b' "$TEST_STDERR" >&2
[ -n "$TEST_OUTPUT" ] && printf '%s' "$TEST_OUTPUT"
exit "${TEST_EXIT_CODE:-0}"
PLUGIN
# A fake `aws` with the same contract, so the SSO classification applies.
cp "$W/bin/test-plugin" "$W/bin/aws"
# A plugin that starts a child and sleeps forever (both must die at --exec-timeout).
cat >"$W/bin/sleepy-plugin" <<'PLUGIN'
#!/bin/sh
sleep 300 &
echo $! >"$TEST_LOG.child"
sleep 300
PLUGIN
chmod +x "$W/bin/"*

# alive PID: running and not a zombie (in a container nothing may reap the killed orphan).
alive() { [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]; }

kubeconfig() { # kubeconfig COMMAND APIVERSION [extra exec yaml]
  cat >"$W/kubeconfig" <<KC
apiVersion: v1
kind: Config
current-context: ctx
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: ctx
  context: {cluster: c, user: u}
users:
- name: u
  user:
    exec:
      apiVersion: $2
      command: $1
      args: [--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]
      env:
      - {name: AWS_PROFILE, value: k8studio-sso}
${3:-}
KC
}

run() { # run ARGS... with the plugin env from TEST_* variables (a UTF-8 locale: the glyphs as such)
  env -i HOME="$W/home" PATH="$W/bin:/usr/bin:/bin" LANG=C.UTF-8 TEST_LOG="$W/log" TEST_OUTPUT="${TEST_OUTPUT:-}" \
    TEST_STDERR="${TEST_STDERR:-}" TEST_EXIT_CODE="${TEST_EXIT_CODE:-0}" \
    "$EKS_SSO_BIN" --kubeconfig "$W/kubeconfig" "$@" >"$W/out" 2>"$W/err" </dev/null
  RC=$?
  OUT=$(cat "$W/out")
  ERR=$(cat "$W/err")
}

V1B1=client.authentication.k8s.io/v1beta1
TOKEN=k8s-aws-v1.c2VjcmV0LXRva2VuLXZhbHVlLWZvci10ZXN0cw
GOOD="{\"kind\":\"ExecCredential\",\"apiVersion\":\"$V1B1\",\"spec\":{},\"status\":{\"expirationTimestamp\":\"2099-01-01T00:00:00Z\",\"token\":\"$TOKEN\"}}"

# 1. SSO token missing / expired (real AWS CLI texts, v2 and 2.34+ forms) → exit 3 with the action.
kubeconfig aws $V1B1
TEST_EXIT_CODE=255 TEST_STDERR='\nError loading SSO Token: Token for my-sso does not exist\n' run connect
assert_rc 3 "$RC" "token missing"
assert_contains "$ERR" 'AWS SSO login required for context "ctx"' "token missing: prompt"
assert_contains "$ERR" 'profile "k8studio-sso": no SSO token is cached' "token missing: why"
assert_contains "$ERR" '→ Login with AWS SSO:  eks-sso login --kubeconfig '"$W/kubeconfig"' --context ctx' "token missing: action"
assert_contains "$ERR" '(runs: aws sso login --profile k8studio-sso)' "token missing: aws command"
TEST_EXIT_CODE=255 TEST_STDERR='\naws: [ERROR]: Error when retrieving token from sso: Token has expired and refresh failed\n' run connect -o json
assert_rc 3 "$RC" "refresh failed"
assert_contains "$OUT" '"reason": "sso_token_expired"' "refresh failed: json reason"
assert_contains "$OUT" '"awsCommand": "aws sso login --profile k8studio-sso"' "refresh failed: json action"
# The fake aws was only ever asked for get-token (and --version), never for sso login.
assert_not_contains "$(cat "$W/log")" "sso login" "no login started"

# 2. Other AWS failures are not login prompts.
TEST_EXIT_CODE=255 TEST_STDERR='\nThe config profile (k8studio-sso) could not be found\n' run connect
assert_rc 7 "$RC" "profile not found"
TEST_EXIT_CODE=255 TEST_STDERR='\nCould not connect to the endpoint URL: "https://oidc.us-east-1.amazonaws.com/token"\n' run connect
assert_rc 6 "$RC" "network"
# Offline is explained the same way in connect and get nodes (issue 16, defect 6), not as a bare exit code.
OFFLINE='error: could not reach https://oidc.us-east-1.amazonaws.com/token (the AWS SSO OIDC endpoint): check the network, proxy or VPN; a login would not help'
assert_eq "$OFFLINE" "$(head -1 <<<"$ERR")" "network: connect explains it"
assert_not_contains "$ERR" "Login with AWS SSO" "network: connect offers no login"
TEST_EXIT_CODE=255 TEST_STDERR='\nCould not connect to the endpoint URL: "https://oidc.us-east-1.amazonaws.com/token"\n' run get nodes
assert_rc 6 "$RC" "network: get nodes"
assert_eq "$OFFLINE" "$(head -1 <<<"$ERR")" "network: get nodes explains it"
TEST_EXIT_CODE=7 TEST_STDERR='something odd happened\n' run connect
assert_rc 1 "$RC" "unknown failure"
assert_contains "$ERR" "exec: executable aws failed with exit code 7" "unknown failure: client-go words"
assert_contains "$ERR" "something odd happened" "unknown failure: the plugin's stderr shown"

# 3. A non-AWS plugin failing with SSO-like text: shown as it is, no SSO prompt.
kubeconfig test-plugin $V1B1
TEST_EXIT_CODE=1 TEST_STDERR='Token has expired and refresh failed\n' run connect
assert_rc 1 "$RC" "other plugin"
assert_not_contains "$ERR" "Login with AWS SSO" "other plugin: no SSO prompt"

# 4. Invalid ExecCredentials → exit 1 naming the plugin; the token never printed.
for bad in 'this is not json' '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"x"}}' \
           "{\"apiVersion\":\"$V1B1\",\"kind\":\"ExecCredential\"}" "{\"apiVersion\":\"$V1B1\",\"kind\":\"ExecCredential\",\"status\":{}}" \
           "{\"apiVersion\":\"$V1B1\",\"status\":{\"token\":\"$TOKEN\",\"expirationTimestamp\":\"tomorrow\"}}"; do
  TEST_OUTPUT=$bad run connect
  assert_rc 1 "$RC" "invalid ExecCredential: $bad"
  assert_contains "$ERR" "test-plugin" "invalid ExecCredential names the plugin: $bad"
  assert_not_contains "$OUT$ERR" "$TOKEN" "invalid ExecCredential: token not printed"
done

# 5. A valid credential: KUBERNETES_EXEC_INFO exact, time taken, expiry; then the server is
#    unreachable (nothing on 127.0.0.1:1) → exit 6. The token never appears, even at -v 9.
: >"$W/log.info"
TEST_OUTPUT=$GOOD run -v 9 connect
assert_rc 6 "$RC" "valid credential, no server"
assert_contains "$OUT" "Credential:  exec plugin \"test-plugin --region us-east-1 eks get-token --cluster-name demo --output json\" ($V1B1) in " "credential line"
assert_contains "$OUT" "(2099-01-01T00:00:00Z)" "expiry shown"
assert_eq "{\"kind\":\"ExecCredential\",\"apiVersion\":\"$V1B1\",\"spec\":{\"interactive\":false}}" "$(tail -1 "$W/log.info")" "KUBERNETES_EXEC_INFO"
assert_contains "$ERR" "connection refused" "refused"
assert_not_contains "$OUT$ERR" "$TOKEN" "token never printed at -v 9"

# 6. --exec-timeout kills the plugin and its child.
kubeconfig sleepy-plugin $V1B1
start=$(date +%s)
run connect --exec-timeout 1s
assert_rc 1 "$RC" "timeout exit"
assert_contains "$ERR" "timed out after 1s" "timeout message"
(( $(date +%s) - start < 10 )) || fail "timeout took too long"
child=$(cat "$W/log.child" 2>/dev/null)
sleep 0.3
if [[ -n $child ]] && alive "$child"; then fail "the plugin's child survived the timeout"; kill "$child"; fi

# 7. Ctrl-C while the plugin runs → 130, plugin group killed.
rm -f "$W/log.child"
env -i HOME="$W/home" PATH="$W/bin:/usr/bin:/bin" TEST_LOG="$W/log" "$EKS_SSO_BIN" --kubeconfig "$W/kubeconfig" connect \
  >/dev/null 2>&1 </dev/null &
pid=$!
sleep 1
kill -INT $pid
wait $pid; rc=$?
assert_rc 130 "$rc" "interrupted"
child=$(cat "$W/log.child" 2>/dev/null)
sleep 0.3
if [[ -n $child ]] && alive "$child"; then fail "the plugin's child survived Ctrl-C"; kill "$child"; fi

# 8. Not found, with the installHint (PATH lookups only).
kubeconfig no-such-plugin $V1B1 '      installHint: "install it with: apt-get install no-such-plugin"'
run connect
assert_rc 7 "$RC" "plugin not found"
assert_contains "$ERR" "exec: executable no-such-plugin not found" "not found message"
assert_contains "$ERR" "install it with: apt-get install no-such-plugin" "install hint"

# 9. The real AWS CLI v2 with an SSO profile and an empty token cache: exit 3 naming the profile.
if [[ -x /usr/bin/aws ]]; then
  mkdir -p "$W/realhome/.aws"
  cat >"$W/realhome/.aws/config" <<'CFG'
[profile k8studio-sso]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = K8StudioEKSExec
region = us-east-1
[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
CFG
  kubeconfig /usr/bin/aws $V1B1
  env -i HOME="$W/realhome" PATH=/usr/bin:/bin "$EKS_SSO_BIN" --kubeconfig "$W/kubeconfig" connect -o json \
    >"$W/out" 2>"$W/err" </dev/null
  rc=$?
  assert_rc 3 "$rc" "real aws: exit 3"
  assert_contains "$(cat "$W/out")" '"profile": "k8studio-sso"' "real aws: profile"
  assert_contains "$(cat "$W/out")" '"reason": "sso_token_missing"' "real aws: reason"
  assert_contains "$(cat "$W/out")" '"session": "my-sso"' "real aws: session"
  [[ -z $(ls -A "$W/realhome/.aws/sso/cache" 2>/dev/null) ]] || fail "real aws: something wrote an SSO token"
else
  echo "note: /usr/bin/aws (AWS CLI v2) not installed; real-CLI case skipped"
fi

# 10. The cluster phase on the sandbox: who we are.
sandbox_start
sandbox_login sandbox-admin >/dev/null
out=$(sandbox_eks_sso connect 2>&1); rc=$?
assert_rc 0 "$rc" "sandbox connect"
assert_contains "$out" "Identity:    arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSClusterAdmin_" "identity"
assert_contains "$out" "List nodes:  yes" "can list nodes"
# The session as EKS sends it in extra.sessionName ("@" kept), not the username's "jane.doe-example.com".
assert_contains "$out" $'\n  Session:   jane.doe@example.com\n' "session from extra.sessionName"
assert_contains "$out" "Connected." "connected"
out=$(sandbox_eks_sso connect -o json 2>/dev/null)
assert_contains "$out" '"status": "connected"' "json status"
assert_contains "$out" '"canListNodes": true' "json canListNodes"
assert_eq "jane.doe@example.com" "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["identity"]["session"])' <<<"$out")" \
  "json identity.session (added to the contract's identity)"
assert_contains "$out" '"serverVersion": "v1.32' "json serverVersion"
out=$(sandbox_eks_sso connect --context sandbox-noentry -o json 2>/dev/null); rc=$?
assert_rc 4 "$rc" "sandbox 401"
assert_contains "$out" '"status": "unauthorized"' "json unauthorized"
sandbox_login sandbox-viewer >/dev/null
out=$(sandbox_eks_sso connect --context sandbox-forbidden 2>&1); rc=$?
assert_rc 0 "$rc" "viewer connects"
assert_contains "$out" "List nodes:  no" "viewer cannot list nodes"
out=$(sandbox_eks_sso connect --context sandbox-token 2>&1); rc=$?
assert_rc 0 "$rc" "static token connects"
assert_not_contains "$out" "sandbox-static-token" "static token never printed"
finish
