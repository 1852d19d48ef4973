#!/usr/bin/env bash
# Proves the sandbox against the real kubectl 1.32: exec plugin through the fake aws, SSO login
# states, 401/403, server-side Table columns, node sets and fault knobs.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

require_sandbox_bin
require_kubectl132
K=$(kubectl132)
sandbox_start
export EKS_SSO_SANDBOX_AWS_LOG="$TEST_TMP/aws-calls.log"

# kctl CONTEXT ARGS... -> $out, $err, $rc
kctl() {
  local ctx=$1
  shift
  out=$(sandbox_run "$K" --context "$ctx" "$@" 2>"$TEST_TMP/err")
  rc=$?
  err=$(cat "$TEST_TMP/err")
}

# --- logged out: the plugin's SSO error, passed through by kubectl -------------------------------
kctl sandbox-admin get nodes
assert_rc 1 "$rc" "logged out get nodes"
assert_contains "$err" "Error loading SSO Token: Token for sandbox-sso does not exist" "logged out stderr"
assert_contains "$err" "Unable to connect to the server: getting credentials: exec: executable aws failed with exit code 255"
kctl sandbox-legacy get nodes
assert_contains "$err" "Error loading SSO Token: Token for https://d-9067sandbox.awsapps.com/start does not exist"

# --- logged in: get nodes in every output shape ---------------------------------------------------
sandbox_login sandbox-admin
kctl sandbox-admin get nodes
assert_rc 0 "$rc" "get nodes: $err"
assert_eq "NAME                            STATUS                     ROLES          AGE    VERSION
ip-192-168-10-21.ec2.internal   Ready                      <none>         3d5h   v1.32.3-eks-473151a
ip-192-168-45-7.ec2.internal    Ready,SchedulingDisabled   infra,worker   47h    v1.32.3-eks-473151a
ip-192-168-77-3.ec2.internal    NotReady                   <none>         2m3s   v1.31.7-eks-473151a" "$out" "get nodes table"

kctl sandbox-admin get nodes --no-headers
assert_eq "ip-192-168-10-21.ec2.internal   Ready                      <none>         3d5h   v1.32.3-eks-473151a
ip-192-168-45-7.ec2.internal    Ready,SchedulingDisabled   infra,worker   47h    v1.32.3-eks-473151a
ip-192-168-77-3.ec2.internal    NotReady                   <none>         2m3s   v1.31.7-eks-473151a" "$out" "--no-headers"

kctl sandbox-admin get nodes -o wide
assert_eq "NAME                            STATUS                     ROLES          AGE    VERSION               INTERNAL-IP     EXTERNAL-IP   OS-IMAGE                       KERNEL-VERSION                    CONTAINER-RUNTIME" \
  "$(head -n 1 <<<"$out")" "-o wide header"
assert_contains "$out" "ip-192-168-10-21.ec2.internal   Ready                      <none>         3d5h   v1.32.3-eks-473151a   192.168.10.21   54.70.1.21    Amazon Linux 2023.6.20250303   6.1.128-136.201.amzn2023.x86_64   containerd://1.7.25"

kctl sandbox-admin get nodes -o name
assert_eq "node/ip-192-168-10-21.ec2.internal
node/ip-192-168-45-7.ec2.internal
node/ip-192-168-77-3.ec2.internal" "$out" "-o name"

kctl sandbox-admin get nodes -o json
assert_rc 0 "$rc" "-o json"
assert_contains "$out" '"kind": "List"'
assert_contains "$out" '"name": "ip-192-168-45-7.ec2.internal"'
assert_contains "$out" '"unschedulable": true'

kctl sandbox-admin get nodes -l node-role.kubernetes.io/worker -o name
assert_eq "node/ip-192-168-45-7.ec2.internal" "$out" "label selector"
kctl sandbox-admin get node ip-192-168-77-3.ec2.internal --no-headers
assert_contains "$out" "NotReady" "get one node"
kctl sandbox-admin get node nope
assert_eq 'Error from server (NotFound): nodes "nope" not found' "$err" "get missing node"

kctl sandbox-admin version
assert_contains "$out" "Server Version: v1.32.5-eks-5e0fdde"

# whoami / can-i (kubectl sends protobuf; the sandbox answers JSON)
admin_role=$(sandbox_role_name EKSClusterAdmin)
kctl sandbox-admin auth whoami
assert_contains "$out" "arn:aws:sts::111122223333:assumed-role/$admin_role/jane.doe-example.com" "whoami username"
assert_contains "$out" "Extra: sessionName                                     [jane.doe@example.com]"
kctl sandbox-admin auth can-i list nodes
assert_eq "yes" "$out" "can-i admin"

# --- 401 (no access entry) and 403 (no node permission); the discovery cache is warm now ---------
kctl sandbox-noentry get nodes
assert_rc 1 "$rc"
assert_eq "error: You must be logged in to the server (Unauthorized)" "$err" "no access entry"
kctl sandbox-wrong-cluster get nodes
assert_eq "error: You must be logged in to the server (Unauthorized)" "$err" "token for another cluster name"
viewer_role=$(sandbox_role_name EKSNamespaceViewer)
kctl sandbox-forbidden get nodes
assert_rc 1 "$rc"
assert_eq "Error from server (Forbidden): nodes is forbidden: User \"arn:aws:sts::111122223333:assumed-role/$viewer_role/jane.doe-example.com\" cannot list resource \"nodes\" in API group \"\" at the cluster scope" \
  "$err" "403"
kctl sandbox-forbidden auth can-i list nodes
assert_eq "no" "$out" "can-i viewer"
assert_rc 1 "$rc"

# --- static keys, static token, untrusted CA ------------------------------------------------------
kctl sandbox-static get nodes -o name
assert_rc 0 "$rc" "static keys: $err"
kctl sandbox-token get nodes -o name
assert_rc 0 "$rc" "static token: $err"
kctl sandbox-unknown-ca get nodes
assert_contains "$err" "x509: certificate signed by unknown authority"

# --- expired SSO tokens: the two AWS CLI messages ---------------------------------------------------
sandbox_login_expired sandbox-admin
kctl sandbox-admin get nodes
assert_contains "$err" "Error when retrieving token from sso: Token has expired and refresh failed"
sandbox_login_expired sandbox-legacy
kctl sandbox-legacy get nodes
assert_contains "$err" "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile."
sandbox_login sandbox-legacy
kctl sandbox-legacy get nodes -o name
assert_rc 0 "$rc" "legacy after login: $err"
sandbox_logout
kctl sandbox-legacy get nodes
assert_contains "$err" "does not exist" "after logout"

# kubectl only ever ran get-token, never sso login
kubectl_calls=$(grep -c '"get-token"' "$EKS_SSO_SANDBOX_AWS_LOG")
((kubectl_calls > 0)) || fail "no get-token calls logged"

# --- fault knobs (state.json is re-read per request) ----------------------------------------------
sandbox_login sandbox-admin
sandbox_set status500=true
kctl sandbox-admin get nodes
assert_eq "Error from server (InternalError): Internal error occurred: etcdserver: request timed out" "$err" "status500"
sandbox_set status500=false plainNodeList=true
kctl sandbox-admin get nodes
assert_eq "NAME                            AGE" "$(head -n 1 <<<"$out")" "plainNodeList: NAME/AGE only"
sandbox_set plainNodeList=false hang=true
start=$SECONDS
kctl sandbox-admin get nodes --request-timeout=2s
assert_rc 1 "$rc" "hang"
((SECONDS - start < 20)) || fail "hang: kubectl did not time out"
sandbox_set hang=false

# --- node sets ------------------------------------------------------------------------------------
sandbox_set --scenario empty
kctl sandbox-admin get nodes
assert_eq "" "$out" "empty list stdout"
assert_eq "No resources found" "$err" "empty list stderr"

sandbox_set --scenario varied
kctl sandbox-admin get nodes -L sandbox/age --no-headers
norm=$(sed 's/  */ /g' <<<"$out")
checked=0
while read -r name status roles age version label; do
  [[ "$label" =~ ^a[0-9][0-9]- ]] || continue
  assert_eq "${label#a[0-9][0-9]-}" "$age" "HumanDuration for $name"
  checked=$((checked + 1))
done <<<"$norm"
assert_eq 22 "$checked" "HumanDuration rows checked"
assert_contains "$norm" "ip-10-0-2-10.ec2.internal NotReady <none> 60m"
assert_contains "$norm" "ip-10-0-2-11.ec2.internal NotReady,SchedulingDisabled <none>"
assert_contains "$norm" "ip-10-0-2-12.ec2.internal Unknown <none>"
assert_contains "$norm" "ip-10-0-2-13.ec2.internal Ready,SchedulingDisabled control-plane,etcd"
assert_contains "$norm" "ip-10-0-2-14.ec2.internal Ready ingress"
kctl sandbox-admin get node ip-10-0-2-15.ec2.internal -o wide --no-headers
assert_contains "$(sed 's/  */ /g' <<<"$out")" "24h <none> <none> <unknown> <unknown> <unknown>" "empty nodeInfo/addresses"

cat >"$TEST_TMP/nodes.json" <<'JSON'
[{"name": "custom-1", "ageSeconds": 59, "ready": "False"},
 {"name": "custom-2", "creationTimestamp": "2020-01-01T00:00:00Z", "roles": ["gpu"]}]
JSON
sandbox_set --nodes "$TEST_TMP/nodes.json"
kctl sandbox-admin get nodes --no-headers
assert_contains "$(sed 's/  */ /g' <<<"$out")" "custom-1 NotReady <none> 59s"
assert_contains "$out" "gpu"

sandbox_set --scenario many
kctl sandbox-admin get nodes -o name
assert_eq "1203" "$(wc -l <<<"$out" | tr -d ' ')" "paging with limit=500/continue"

# --- garbage in, 4xx out, server alive ------------------------------------------------------------
url="https://127.0.0.1:$SANDBOX_PORT"
curl_code() { curl -s -o /dev/null -w '%{http_code}' --cacert "$SANDBOX_DIR/certs/ca.crt" "$@"; }
assert_eq 401 "$(curl_code -H 'Authorization: Bearer k8s-aws-v1.!!!notbase64' "$url/api/v1/nodes")" "bad base64"
assert_eq 401 "$(curl_code -H 'Authorization: Bearer k8s-aws-v1.aHR0cDovL2V2aWwuZXhhbXBsZS8' "$url/api/v1/nodes")" "http URL"
assert_eq 401 "$(curl_code -H "Authorization: Bearer k8s-aws-v1.$(head -c 5000 /dev/zero | tr '\0' A)" "$url/api")" "huge token"
big=$(head -c 20000 /dev/zero | tr '\0' x)
code=$(curl_code -H "X-Big: $big" "$url/api")
[[ "$code" == 4* || "$code" == 000 ]] || fail "huge header: $code"
assert_eq 400 "$(curl_code -X POST -H 'Authorization: Bearer sandbox-static-token' -H 'Content-Type: application/json' \
  --data '{not json' "$url/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")" "malformed SSAR"
assert_eq 403 "$(curl_code "$url/api")" "anonymous discovery"
assert_eq 200 "$(curl_code "$url/version")" "anonymous /version"
body=$(curl -s --cacert "$SANDBOX_DIR/certs/ca.crt" -H 'Authorization: Bearer nope' "$url/api/v1/nodes")
assert_eq '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}' "$body" "401 body"
kill -0 "$SANDBOX_PID" || fail "server died"

# --- requests.log masks tokens -----------------------------------------------------------------------
assert_contains "$(cat "$SANDBOX_DIR/requests.log")" "Authorization: Bearer k8s-aws-v1.***("
assert_not_contains "$(cat "$SANDBOX_DIR/requests.log")" "sandbox-static-token" "token in requests.log"

finish
