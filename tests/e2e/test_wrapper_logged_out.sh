#!/usr/bin/env bash
# Through the kubectl wrapper (`eks-sso credential`), logged out (issue 16, defect 2): kubectl
# runs the plugin again on every discovery retry. The first run prints the full login block; the
# next ones within 15 s print one line, exit 3 and start no AWS process at all; a login (which
# rewrites the SSO token cache) is seen at once. With kubectl 1.32 through the wrapper, the login
# block appears once. Also -v 1 (defect 7): the plugin's argv, AWS_PROFILE, time, exit and stderr.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"
sandbox_start
AWS_LOG="$TEST_TMP/aws.log"
mkdir -p "$SANDBOX_DIR/real"  # the sandbox's aws knows its role by its name: it stays "aws"
mv "$SANDBOX_DIR/bin/aws" "$SANDBOX_DIR/real/aws"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s"\nexec "%s" "$@"\n' "$AWS_LOG" "$SANDBOX_DIR/real/aws" \
  >"$SANDBOX_DIR/bin/aws"
chmod +x "$SANDBOX_DIR/bin/aws"
runs() { [[ -f $AWS_LOG ]] && grep -vc '^sso logout' "$AWS_LOG" || echo 0; }
wrap() { # wrap ARGS...: eks-sso credential as kubectl runs it; $out $err $rc
  out=$(sandbox_run env 'KUBERNETES_EXEC_INFO={"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":false}}' \
    "$EKS_SSO_BIN" credential --context sandbox-admin "$@" 2>"$TEST_TMP/err" </dev/null)
  rc=$?
  err=$(cat "$TEST_TMP/err")
}

sandbox_logout
rm -f "$AWS_LOG"
wrap
assert_rc 3 "$rc" "first logged-out run: exit 3"
assert_contains "$err" "→ Login with AWS SSO:" "first run: the full login block"
first_runs=$(runs)
[[ $first_runs -ge 1 ]] || fail "first run: the plugin ran"
for i in 1 2 3 4; do
  wrap
  assert_rc 3 "$rc" "retry $i: exit 3"
  assert_eq "AWS SSO login still required for context \"sandbox-admin\" (see above): eks-sso login --context sandbox-admin" \
    "$err" "retry $i: one line"
done
assert_eq "$first_runs" "$(runs)" "retries: no AWS process started (no get-token, no --version)"
# A login rewrites the SSO token cache: the memo is dropped at once and the credential is served.
sandbox_login sandbox-admin
wrap
assert_rc 0 "$rc" "after the login: a credential at once"
assert_contains "$out" '"token":' "after the login: an ExecCredential"
# Logged out again: the full block again (the memo was forgotten on success).
sandbox_logout
wrap
assert_rc 3 "$rc" "logged out again: exit 3"
assert_contains "$err" "→ Login with AWS SSO:" "logged out again: the full block again"
# --no-cache: no memo either (every run is the live state).
wrap --no-cache
assert_contains "$err" "→ Login with AWS SSO:" "--no-cache: the full block every time"

# -v 1: what the plugin ran, its AWS_PROFILE, time, exit code and stderr; never a token.
sandbox_login sandbox-admin
out=$(sandbox_eks_sso connect --context sandbox-admin -v 1 2>"$TEST_TMP/err")
err=$(cat "$TEST_TMP/err")
assert_contains "$err" "exec plugin: ran aws --region us-east-1 eks get-token" "-v 1: the plugin's argv"
assert_contains "$err" "(AWS_PROFILE=sandbox-admin) in " "-v 1: AWS_PROFILE and the time"
assert_contains "$err" "ms: exited with 0" "-v 1: the exit code"
sandbox_logout
out=$(sandbox_eks_sso connect --context sandbox-admin -v 3 2>"$TEST_TMP/err")
err=$(cat "$TEST_TMP/err")
assert_contains "$err" "ms: exited with 255" "-v 3 logged out: the exit code"
assert_contains "$err" "exec plugin stderr: " "-v 3 logged out: the plugin's stderr"
out=$(sandbox_eks_sso connect --context sandbox-admin 2>"$TEST_TMP/err")
assert_not_contains "$(cat "$TEST_TMP/err")" "exec plugin: ran" "-v 0: no plugin log"

# kubectl 1.32 through the wrapper, logged out: the login block once, however often it retries.
if K=$(kubectl132) && [[ -n $K ]]; then
  ln -sf "$EKS_SSO_BIN" "$SANDBOX_DIR/bin/eks-sso"
  "$EKS_SSO_BIN" --kubeconfig "$SANDBOX_KUBECONFIG" --context sandbox-admin credential --print-kubeconfig-user -o json \
    >"$TEST_TMP/user.json"
  python3 - "$SANDBOX_KUBECONFIG" "$TEST_TMP/user.json" "$TEST_TMP/wrapped" <<'PY'
import json, sys, yaml
kc = yaml.safe_load(open(sys.argv[1]))
entry = json.load(open(sys.argv[2]))
kc["users"].append(entry)
for c in kc["contexts"]:
    if c["name"] == "sandbox-admin":
        kc["contexts"].append({"name": "wrapped", "context": dict(c["context"], user=entry["name"])})
        break
kc["current-context"] = "wrapped"
yaml.safe_dump(kc, open(sys.argv[3], "w"))
PY
  if [[ -s "$TEST_TMP/wrapped" ]]; then
    sandbox_run env KUBECONFIG="$TEST_TMP/wrapped" "$K" get nodes >/dev/null 2>"$TEST_TMP/kerr"
    blocks=$(grep -c "→ Login with AWS SSO:" "$TEST_TMP/kerr")
    assert_eq 1 "$blocks" "kubectl through the wrapper: the login block once"
  fi
fi
finish
