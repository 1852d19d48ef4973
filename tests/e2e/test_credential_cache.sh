#!/usr/bin/env bash
# The credential cache and the kubectl wrapper (issue 7) against the sandbox: `eks-sso credential`
# prints an ExecCredential kubectl 1.32 accepts, the second call is served from the cache (the
# fake aws ran get-token once), logged out it exits 3 with the login action on stderr (kubectl
# shows it), 50 concurrent runs make one plugin run and no corrupt file, `cache clear` empties it.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

require_sandbox_bin
EKS=${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}
sandbox_start
export EKS_SSO_SANDBOX_AWS_LOG="$TEST_TMP/aws-calls.log"
CACHE="$SANDBOX_DIR/home/.cache/eks-sso"
: >"$EKS_SSO_SANDBOX_AWS_LOG"

# eks CMD... -> $out $err $rc (hermetic, as sandbox_eks_sso)
eks() {
  out=$(sandbox_eks_sso "$@" 2>"$TEST_TMP/err" </dev/null)
  rc=$?
  err=$(cat "$TEST_TMP/err")
}
get_tokens() { grep -c 'get-token' "$EKS_SSO_SANDBOX_AWS_LOG"; }
# check_exec_credential JSON APIVERSION: a valid ExecCredential as client-go reads it.
CHECK_PY='
import json, sys, datetime
doc = json.loads(sys.stdin.read())
assert doc["kind"] == "ExecCredential", doc.get("kind")
assert doc["apiVersion"] == sys.argv[1], doc.get("apiVersion")
status = doc["status"]
assert status["token"].startswith("k8s-aws-v1."), "token prefix"
exp = datetime.datetime.strptime(status["expirationTimestamp"], "%Y-%m-%dT%H:%M:%SZ")
assert exp > datetime.datetime.utcnow(), "already expired"
'
check_exec_credential() { python3 -c "$CHECK_PY" "$2" <<<"$1" >/dev/null 2>&1; }
mode_of() { stat -c %a "$1"; }

# --- logged out: exit 3, nothing on stdout, the action on stderr ---------------------------------
eks credential --context sandbox-admin
assert_rc 3 "$rc" "logged out"
assert_eq "" "$out" "logged out: stdout"
assert_contains "$err" 'AWS SSO login required for context "sandbox-admin"'
assert_contains "$err" "eks-sso login --context sandbox-admin"
assert_contains "$err" "(runs: aws sso login --profile sandbox-admin)"
assert_eq 1 "$(get_tokens)" "logged out: one get-token"
[[ ! -e "$CACHE" ]] || [[ -z "$(ls "$CACHE"/*.json 2>/dev/null)" ]] || fail "logged out: something was cached"

# --- logged in: the plugin runs once, then the cache answers ------------------------------------
sandbox_login sandbox-admin
: >"$EKS_SSO_SANDBOX_AWS_LOG"
eks credential --context sandbox-admin
assert_rc 0 "$rc" "first credential: $err"
assert_eq "" "$err" "first credential: stderr"
first=$out
check_exec_credential "$out" client.authentication.k8s.io/v1beta1 || fail "first credential is not a valid ExecCredential"
assert_eq 1 "$(get_tokens)" "first run: one get-token"
assert_eq 700 "$(mode_of "$CACHE")" "cache folder mode"
entries=("$CACHE"/*.json)
assert_eq 1 "${#entries[@]}" "one cache entry"
assert_eq 600 "$(mode_of "${entries[0]}")" "cache file mode"
[[ "${entries[0]##*/}" =~ ^[0-9a-f]{64}\.json$ ]] || fail "cache file name: ${entries[0]##*/}"

eks credential --context sandbox-admin
assert_rc 0 "$rc" "second credential"
assert_eq "$first" "$out" "second credential: same answer"
assert_eq 1 "$(get_tokens)" "second run served from the cache"

# kubectl asks for v1: the answer follows KUBERNETES_EXEC_INFO, from the same entry.
out=$(sandbox_run env 'KUBERNETES_EXEC_INFO={"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}' \
  "$EKS" credential --context sandbox-admin 2>"$TEST_TMP/err")
assert_rc 0 "$?" "v1 request"
check_exec_credential "$out" client.authentication.k8s.io/v1 || fail "v1 answer"
assert_eq 1 "$(get_tokens)" "v1 request served from the cache"
out=$(sandbox_run env 'KUBERNETES_EXEC_INFO={"apiVersion":"client.authentication.k8s.io/v2"}' \
  "$EKS" credential --context sandbox-admin 2>"$TEST_TMP/err")
assert_rc 2 "$?" "unknown apiVersion in KUBERNETES_EXEC_INFO"
assert_eq "error: KUBERNETES_EXEC_INFO asks for apiVersion \"client.authentication.k8s.io/v2\"; eks-sso credential answers client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1" \
  "$(cat "$TEST_TMP/err")" "unknown apiVersion message"

# --no-cache runs the plugin.
eks credential --context sandbox-admin --no-cache
assert_rc 0 "$rc" "--no-cache"
assert_eq 2 "$(get_tokens)" "--no-cache ran get-token"

# --- the kubeconfig user stanza ------------------------------------------------------------------
eks credential --context sandbox-admin --print-kubeconfig-user --kubeconfig "$SANDBOX_KUBECONFIG"
assert_rc 0 "$rc" "--print-kubeconfig-user"
assert_eq "- name: sandbox-admin-eks-sso
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      args:
      - --kubeconfig
      - $SANDBOX_KUBECONFIG
      - --context
      - sandbox-admin
      - credential
      command: eks-sso
      interactiveMode: Never
      provideClusterInfo: false" "$out" "kubeconfig user stanza"
stanza=$out

# A kubeconfig whose user is the printed stanza (command made absolute for the test).
WRAPPED="$TEST_TMP/wrapped.yaml"
{
  cat <<YAML
apiVersion: v1
kind: Config
current-context: wrapped
clusters:
- name: sandbox
  cluster:
    server: https://127.0.0.1:$SANDBOX_PORT
    certificate-authority: $SANDBOX_DIR/certs/ca.crt
contexts:
- name: wrapped
  context: {cluster: sandbox, user: sandbox-admin-eks-sso}
users:
YAML
  sed "s|command: eks-sso|command: $EKS|" <<<"$stanza"
} >"$WRAPPED"

# The wrapper refuses to wrap itself.
eks credential --kubeconfig "$WRAPPED" --context wrapped
assert_rc 7 "$rc" "recursion refused"
assert_eq "error: the user \"sandbox-admin-eks-sso\" of context \"wrapped\" already runs \"eks-sso credential\"; it cannot wrap itself
  point --context at a context whose user runs the real plugin (aws eks get-token), and keep that user: eks-sso credential runs it" \
  "$err" "recursion message"

K=$(kubectl132)
if [[ -n $K ]]; then
  out=$(sandbox_run "$K" --kubeconfig "$WRAPPED" get nodes -o name 2>"$TEST_TMP/err")
  assert_rc 0 "$?" "kubectl 1.32 with the wrapper: $(cat "$TEST_TMP/err")"
  assert_eq "node/ip-192-168-10-21.ec2.internal
node/ip-192-168-45-7.ec2.internal
node/ip-192-168-77-3.ec2.internal" "$out" "kubectl get nodes through the wrapper"
  assert_eq 2 "$(get_tokens)" "kubectl through the wrapper: served from the cache"
else
  echo "note: kubectl 1.32 not found; kubectl cases skipped" >&2
fi

# --- cache clear ---------------------------------------------------------------------------------
touch "$CACHE/notes.txt"
eks cache clear
assert_rc 0 "$rc" "cache clear"
assert_eq "removed 1 cached credential from $CACHE" "$out" "cache clear message"
assert_eq "$(printf '%s\n' notes.txt)" "$(ls "$CACHE")" "cache clear leaves other files"
eks cache clear -o json
assert_eq "{
  \"dir\": \"$CACHE\",
  \"removed\": 0
}" "$out" "cache clear -o json"

# --- 50 concurrent runs: one plugin run, no corrupt file ----------------------------------------
: >"$EKS_SSO_SANDBOX_AWS_LOG"
pids=()
for i in $(seq 1 50); do
  sandbox_eks_sso credential --context sandbox-admin >"$TEST_TMP/c.$i.out" 2>"$TEST_TMP/c.$i.err" &
  pids+=($!)
done
bad=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || bad=$((bad + 1))
done
assert_eq 0 "$bad" "50 concurrent runs: failures"
assert_eq 1 "$(get_tokens)" "50 concurrent runs: exactly one plugin run"
distinct=$(cat "$TEST_TMP"/c.*.out | sort -u | wc -l)
assert_eq 1 "$distinct" "50 concurrent runs: one answer"
assert_eq "" "$(cat "$TEST_TMP"/c.*.err)" "50 concurrent runs: stderr"
check_exec_credential "$(cat "${CACHE}"/*.json)" client.authentication.k8s.io/v1beta1 || fail "cache file after the race"
assert_eq "" "$(ls "$CACHE" | grep -v -E '^[0-9a-f]{64}\.(json|lock)$|^notes\.txt$')" "no temp files left"

# --- a folder open to others: warned, not used, the command still works ------------------------
chmod 777 "$CACHE"
: >"$EKS_SSO_SANDBOX_AWS_LOG"
eks credential --context sandbox-admin
assert_rc 0 "$rc" "open folder: still works"
assert_eq "warning: not using the credential cache: credential cache folder $CACHE is open to group or others (mode 0777)
  close it: chmod 700 $CACHE" "$err" "open folder warning"
assert_eq 1 "$(get_tokens)" "open folder: the plugin ran"
chmod 700 "$CACHE"

# --- logged out after caching: not served, exit 3, and kubectl shows the action -----------------
eks credential --context sandbox-admin
assert_rc 0 "$rc" "cached again"
sandbox_logout >/dev/null
: >"$EKS_SSO_SANDBOX_AWS_LOG"
eks credential --context sandbox-admin
assert_rc 3 "$rc" "logged out after caching"
assert_eq "" "$out" "logged out after caching: stdout"
assert_contains "$err" 'AWS SSO login required for context "sandbox-admin"'
assert_eq 1 "$(get_tokens)" "logged out: the plugin decided"
if [[ -n $K ]]; then
  out=$(sandbox_run "$K" --kubeconfig "$WRAPPED" get nodes 2>"$TEST_TMP/err")
  rc=$?
  kerr=$(cat "$TEST_TMP/err")
  assert_rc 1 "$rc" "kubectl, logged out"
  # The verdict of the run above is remembered for 15 s (issue 16): kubectl's runs get one line
  # each, with the command; no AWS process starts for them.
  assert_contains "$kerr" "AWS SSO login still required for context \"sandbox-admin\" (see above): eks-sso login --kubeconfig $SANDBOX_KUBECONFIG --context sandbox-admin" "kubectl shows the action"
  assert_eq 1 "$(get_tokens)" "kubectl within 15 s of the verdict: no plugin run"
  assert_contains "$kerr" "failed with exit code 3" "kubectl names the exit code"
fi

# An expired SSO token: exit 3 too, with the reason.
sandbox_login_expired sandbox-admin
eks credential --context sandbox-admin
assert_rc 3 "$rc" "expired SSO token"
assert_contains "$err" "the SSO token expired" "expired reason"

# Not an exec user: refused.
eks credential --context sandbox-token
assert_rc 7 "$rc" "token user"
assert_contains "$err" 'has no exec plugin (it uses token)' "token user message"

finish
