#!/usr/bin/env bash
# Errors end with the line that says what to do (issue 8, "errors end with a hint line where one
# helps"): the exact stderr of each common failure, in the one form print_error() writes:
# "error: <what>", then indented lines, the fix last ("<what to do>: <command>").
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

sandbox_start
sandbox_login sandbox-admin
sandbox_login sandbox-viewer
# eks ARGS... -> $out $err $rc; the port and the temp dir normalised in $err.
eks() {
  sandbox_eks_sso "$@" >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
  rc=$?
  out=$(cat "$TEST_TMP/o")
  err=$(sed -e "s#$SANDBOX_DIR#SANDBOX#g" -e "s#$TEST_TMP#TMP#g" -e "s/127\.0\.0\.1:$SANDBOX_PORT/127.0.0.1:PORT/g" "$TEST_TMP/e")
}

# --- an unknown context: the contexts there are, and the command that lists them --------------------
eks connect --context nope
assert_rc 7 "$rc" "unknown context"
assert_eq 'error: context "nope" does not exist in SANDBOX/kubeconfig
  available contexts: "sandbox-admin", "sandbox-forbidden", "sandbox-legacy", "sandbox-noentry", "sandbox-static", "sandbox-token", "sandbox-unknown-ca", "sandbox-wrong-cluster"
  list them with their AWS profile and SSO state: eks-sso contexts' "$err" "unknown context"

# --- no kubeconfig at all: how to point at one ---------------------------------------------------------
sandbox_run env -u KUBECONFIG "$EKS_SSO_BIN" get nodes >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
assert_rc 7 "$?" "no kubeconfig"
assert_eq 'error: no kubeconfig file found, so there is no context to use
  point at one: --kubeconfig FILE, or export KUBECONFIG=FILE (the default is ~/.kube/config)
  or write ~/.kube/config for an EKS cluster: aws eks update-kubeconfig --name CLUSTER --region REGION --profile PROFILE' \
  "$(cat "$TEST_TMP/e")" "no kubeconfig"
eks get nodes --kubeconfig "$TEST_TMP/missing.yaml"
assert_rc 7 "$rc" "--kubeconfig missing"
assert_eq 'error: kubeconfig TMP/missing.yaml does not exist
  check the --kubeconfig path, or omit it to use $KUBECONFIG or ~/.kube/config' "$err" "--kubeconfig missing"

# --- timeouts: the flag that allows more time -----------------------------------------------------------
sandbox_set hang=true
eks get nodes --context sandbox-admin --request-timeout 1s
assert_rc 6 "$rc" "request timeout"
assert_eq 'error: cannot connect to https://127.0.0.1:PORT/api/v1/nodes?limit=500&timeout=1s: timed out after 1s waiting for the response
  the server accepted the connection but did not answer in time; retry with a larger --request-timeout' "$err" "request timeout"
sandbox_set hang=false
printf '#!/bin/sh\nsleep 5\n' >"$SANDBOX_DIR/bin/slow-plugin"
chmod +x "$SANDBOX_DIR/bin/slow-plugin"
cat >"$TEST_TMP/slow.yaml" <<YAML
apiVersion: v1
kind: Config
current-context: slow
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:$SANDBOX_PORT", certificate-authority: "$SANDBOX_DIR/certs/ca.crt"}
users:
- name: u
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: slow-plugin, interactiveMode: Never}
contexts:
- name: slow
  context: {cluster: c, user: u}
YAML
eks connect --kubeconfig "$TEST_TMP/slow.yaml" --exec-timeout 300ms
assert_rc 1 "$rc" "exec timeout"
assert_eq 'error: exec plugin "slow-plugin" timed out after 300ms; it and its child processes were killed
  allow more time with --exec-timeout, or check why the plugin hangs (network, a prompt)' "$err" "exec timeout"

# --- 403: what is missing, and doctor for the exact access-policy command ----------------------------
eks get nodes --context sandbox-forbidden
assert_rc 5 "$rc" "403"
assert_eq "Error from server (Forbidden): nodes is forbidden: User \"arn:aws:sts::111122223333:assumed-role/$(sandbox_role_name EKSNamespaceViewer)/jane.doe-example.com\" cannot list resource \"nodes\" in API group \"\" at the cluster scope
  the identity is known but not allowed: its access policy or RBAC binding does not cover this (AmazonEKSViewPolicy does not cover nodes)
  run: eks-sso doctor --context sandbox-forbidden  (it prints the exact aws eks associate-access-policy command)" "$err" "403"

# --- TLS: a CA that does not match the server -------------------------------------------------------------
eks connect --context sandbox-unknown-ca
assert_rc 6 "$rc" "unknown CA"
assert_eq 'error: cannot connect to https://127.0.0.1:PORT/version?timeout=32s: tls: failed to verify certificate: x509: certificate signed by unknown authority
  the cluster'"'"'s certificate-authority-data does not match this server; refresh it with aws eks update-kubeconfig --name CLUSTER --region REGION
  curl said: ' "$(sed '3s/curl said: .*/curl said: /' <<<"$err")" "unknown CA"

finish
