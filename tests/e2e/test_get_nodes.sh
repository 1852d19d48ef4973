#!/usr/bin/env bash
# `eks-sso get nodes` against real kubectl 1.32 on the same sandbox, byte for byte, for several
# node sets and every output format; then the failure paths with the contract's exit codes.
source "$(dirname "$0")/sandbox_lib.sh"
require_sandbox_bin
sandbox_tmpdir >/dev/null
KUBECTL=$(kubectl132)

# compare ARGS...: stdout, stderr and exit status of eks-sso and kubectl must match exactly.
# The sandbox derives creation times from ages at each request, and each client computes AGE from
# its own clock: a slow run (the sanitizer build) can straddle a second boundary between the two
# requests, so a difference is measured again (up to 3 times) before it counts. A real difference
# repeats every time.
compare() {
  local what="$*" eo ko ee ke er kr attempt
  for attempt in 1 2 3; do
    eo=$(sandbox_eks_sso get nodes "$@" 2>"$SANDBOX_DIR/e.err"); er=$?
    ko=$(sandbox_run "$KUBECTL" get nodes "$@" 2>"$SANDBOX_DIR/k.err"); kr=$?
    if [[ "$*" == *json* || "$*" == *yaml* ]]; then
      eo=$(sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/T/g' <<<"$eo")
      ko=$(sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/T/g' <<<"$ko")
    fi
    [[ "$ko" == "$eo" ]] && break
  done
  assert_eq "$ko" "$eo" "get nodes $what: stdout differs from kubectl"
  assert_eq "$(cat "$SANDBOX_DIR/k.err")" "$(cat "$SANDBOX_DIR/e.err")" "get nodes $what: stderr differs from kubectl"
  assert_rc "$kr" "$er" "get nodes $what: exit status"
}

if [[ -n "$KUBECTL" ]]; then
  for scenario in default varied empty many; do
    sandbox_start --scenario "$scenario"
    sandbox_login sandbox-admin >/dev/null
    compare
    compare -o wide
    compare -o name
    compare --no-headers
    compare -o wide --no-headers
    if [[ $scenario != many ]]; then
      compare -o json
      compare -o yaml
    fi
    sandbox_stop
  done
  sandbox_start --scenario varied
  sandbox_login sandbox-admin >/dev/null
  compare -l node-role.kubernetes.io/worker
  compare -l 'kubernetes.io/role!=infra' -o name
  compare -l nothing=here
  # A server that answers with a plain NodeList (some proxies): NAME and AGE only.
  sandbox_set plainNodeList=true
  compare
  compare -o wide
  sandbox_set plainNodeList=false
  # 500 from the server: kubectl's message (exit 1 in both).
  sandbox_set status500=true
  out=$(sandbox_eks_sso get nodes 2>&1); rc=$?
  assert_rc 1 "$rc" "500 exit"
  assert_contains "$out" "Error from server (InternalError)" "500 message"
  sandbox_set status500=false
  sandbox_stop
else
  echo "note: kubectl 1.32 not found; byte-for-byte comparisons skipped"
fi

sandbox_start
# Logged out: the login action, exit 3, and no `aws sso login` started.
export EKS_SSO_SANDBOX_AWS_LOG="$SANDBOX_DIR/aws-argv.log"
out=$(sandbox_run env EKS_SSO_SANDBOX_AWS_LOG="$EKS_SSO_SANDBOX_AWS_LOG" "$EKS_SSO_BIN" get nodes 2>&1); rc=$?
assert_rc 3 "$rc" "logged out"
assert_contains "$out" 'AWS SSO login required for context "sandbox-admin"' "logged out: prompt"
assert_contains "$out" "→ Login with AWS SSO:  eks-sso login --context sandbox-admin" "logged out: action"
assert_contains "$out" "(runs: aws sso login --profile sandbox-admin)" "logged out: aws command"
assert_not_contains "$(cat "$EKS_SSO_SANDBOX_AWS_LOG" 2>/dev/null)" '"login"' "no aws sso login was started"
out=$(sandbox_eks_sso get nodes -o json 2>/dev/null); rc=$?
assert_rc 3 "$rc" "logged out -o json"
assert_contains "$out" '"status": "login_required"' "logged out -o json status"
assert_contains "$out" '"reason": "sso_token_missing"' "logged out -o json reason"

sandbox_login_expired sandbox-admin >/dev/null
out=$(sandbox_eks_sso get nodes 2>&1); rc=$?
assert_rc 3 "$rc" "expired"
assert_contains "$out" "the SSO token expired 1h" "expired: when"

sandbox_login sandbox-admin >/dev/null
sandbox_login sandbox-viewer >/dev/null
sandbox_login sandbox-noentry >/dev/null
out=$(sandbox_eks_sso get nodes --context sandbox-noentry 2>&1); rc=$?
assert_rc 4 "$rc" "401 exit"
assert_contains "$out" "error: You must be logged in to the server (Unauthorized)" "401 message"
assert_contains "$out" "eks-sso doctor --context sandbox-noentry" "401 hint"
out=$(sandbox_eks_sso get nodes --context sandbox-forbidden 2>&1); rc=$?
assert_rc 5 "$rc" "403 exit"
assert_contains "$out" 'Error from server (Forbidden): nodes is forbidden: User "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_EKSNamespaceViewer_' "403 message"
out=$(sandbox_eks_sso get nodes --context sandbox-forbidden -o json 2>/dev/null)
assert_contains "$out" '"items": []' "403 -o json still prints an empty List, as kubectl"
out=$(sandbox_eks_sso get nodes --context sandbox-unknown-ca 2>&1); rc=$?
assert_rc 6 "$rc" "unknown CA exit"
assert_contains "$out" "x509: certificate signed by unknown authority" "unknown CA message"
out=$(sandbox_eks_sso get nodes --context sandbox-wrong-cluster 2>&1); rc=$?
assert_rc 4 "$rc" "token for another cluster: 401"

# A server that accepts and never answers: the request timeout, exit 6, no hang.
sandbox_set hang=true
start=$(date +%s)
out=$(sandbox_eks_sso get nodes --request-timeout 2s 2>&1); rc=$?
assert_rc 6 "$rc" "hang exit"
assert_contains "$out" "timed out" "hang message"
(( $(date +%s) - start < 15 )) || fail "hang: took $(( $(date +%s) - start ))s"
sandbox_set hang=false

# Named nodes, and a missing one.
out=$(sandbox_eks_sso get nodes ip-192-168-10-21.ec2.internal -o name 2>&1)
assert_eq "node/ip-192-168-10-21.ec2.internal" "$out" "named node"
out=$(sandbox_eks_sso get node nope-node 2>&1); rc=$?
assert_rc 1 "$rc" "missing node exit"
assert_eq 'Error from server (NotFound): nodes "nope-node" not found' "$out" "missing node message"

# Hostname mismatch: the server presents a certificate for another name.
port=$SANDBOX_PORT
sandbox_stop
sandbox_start --serve-arg --alt-cert --serve-arg --port --serve-arg "$port"
sandbox_login sandbox-admin >/dev/null
out=$(sandbox_eks_sso get nodes 2>&1); rc=$?
assert_rc 6 "$rc" "hostname mismatch exit"
assert_contains "$out" "tls: failed to verify certificate: x509: the server certificate is not valid for 127.0.0.1" "hostname mismatch message"

# Connection refused: nothing listens any more.
sandbox_stop
out=$(sandbox_eks_sso get nodes 2>&1); rc=$?
assert_rc 6 "$rc" "refused exit"
assert_contains "$out" "connection refused" "refused message"

# Usage errors.
out=$(sandbox_eks_sso get nodes -o wat 2>&1); rc=$?
assert_rc 2 "$rc" "bad -o"
finish
