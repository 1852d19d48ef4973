#!/usr/bin/env bash
# Issue 14: kubeconfig and exec semantics as client-go / kubectl 1.32. A table of kubeconfig cases
# runs through eks-sso (connect -o json) and, when present, kubectl 1.32 (auth whoami -o json)
# against the sandbox's TLS API server on 127.0.0.1; the verdicts must agree, config errors must
# carry kubectl's wording, and where both succeed the identity the server saw must be the same.
# The server log (requests.log) shows which secret arrived (a sha256 fingerprint, never the
# token) and the Impersonate-* headers. Without kubectl 1.32 the eks-sso half still runs against
# the expected verdicts.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

require_sandbox_bin
sandbox_start
K=$(kubectl132)
T=$TEST_TMP
LOG="$SANDBOX_DIR/requests.log"
CA="$SANDBOX_DIR/certs/ca.crt"
SERVER="https://127.0.0.1:$SANDBOX_PORT"

# Test tokens name themselves; the server maps each to a user.
TOK_ADMIN=tok-admin-0123456789abcdef
TOK_FILE=tok-file-0123456789abcdef
python3 - "$SANDBOX_DIR/state.json" <<'PY'
import json, sys
p = sys.argv[1]
s = json.load(open(p))
s.setdefault("staticTokens", [])
s["staticTokens"] += [
    {"token": "tok-admin-0123456789abcdef", "username": "from-kubeconfig-token", "groups": ["admins"],
     "rules": [{"verbs": ["*"], "resources": ["*"]}]},
    {"token": "tok-file-0123456789abcdef", "username": "from-token-file", "groups": ["admins"],
     "rules": [{"verbs": ["*"], "resources": ["*"]}]},
]
json.dump(s, open(p, "w"), indent=2)
PY
fingerprint() { printf '%s' "$1" | sha256sum | cut -c1-12; }
printf '%s\n' "$TOK_FILE" >"$T/token-file"
cp "$CA" "$T/ca.crt"

# Plugins: one that records that it ran, one that returns an already expired credential, one
# with a certificate that is not PEM.
mkdir -p "$T/bin"
cat >"$T/bin/marker-plugin" <<SH
#!/bin/sh
touch "$T/marker-plugin-ran"
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"$TOK_ADMIN"}}'
SH
cat >"$T/bin/expired-plugin" <<SH
#!/bin/sh
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"$TOK_ADMIN","expirationTimestamp":"2020-01-01T00:00:00Z"}}'
SH
cat >"$T/bin/badcert-plugin" <<'SH'
#!/bin/sh
echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"clientCertificateData":"not a certificate","clientKeyData":"not a key"}}'
SH
chmod +x "$T/bin/"*

# kubeconfig NAME USER_YAML [CLUSTER_EXTRA_YAML] [EXTRA_USERS_YAML]
kubeconfig() {
  cat >"$T/$1.yaml" <<YAML
apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: $SERVER
${3:-    certificate-authority: $T/ca.crt}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
users:
- name: u
  user:
$2
${4:-}
YAML
}

# verdict of eks-sso: ok | config | unauthorized | forbidden | invalid-credential | other
eks_verdict() {
  case $1 in
    0) echo ok ;; 7) echo config ;; 4) echo unauthorized ;; 5) echo forbidden ;; 1) echo invalid-credential ;;
    *) echo "other($1)" ;;
  esac
}
kubectl_verdict() { # RC STDERR
  if [[ $1 == 0 ]]; then echo ok
  elif [[ $2 == *"Unauthorized"* || $2 == *"must be logged in"* ]]; then echo unauthorized
  elif [[ $2 == *"Forbidden"* || $2 == *"forbidden"* || $2 == *"do not have permission to call it"* ]]; then
    echo forbidden  # kubectl auth whoami words a 403 on SelfSubjectReview this way
  elif [[ $2 == *"getting credentials"* || $2 == *"failed parsing client key/certificate"* ]]; then echo invalid-credential
  elif [[ $2 == error:* || $2 == "Error in configuration"* ]]; then echo config
  else echo other
  fi
}

CASES=0
# check NAME EXPECTED_VERDICT [EXPECTED_USERNAME]
check() {
  local name=$1 want=$2 want_user=${3:-} out err rc v user
  CASES=$((CASES + 1))
  out=$(sandbox_eks_sso connect --kubeconfig "$T/$name.yaml" -o json 2>"$T/$name.eks.err")
  rc=$?
  err=$(cat "$T/$name.eks.err")
  v=$(eks_verdict "$rc")
  assert_eq "$want" "$v" "$name: eks-sso verdict (stderr: $err)"
  eks_user=""
  if [[ $v == ok ]]; then
    eks_user=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["identity"]["username"])' <<<"$out")
    [[ -n $want_user ]] && assert_eq "$want_user" "$eks_user" "$name: identity eks-sso got"
  fi
  assert_not_contains "$out$err" "$TOK_ADMIN" "$name: token in eks-sso output"
  assert_not_contains "$out$err" "$TOK_FILE" "$name: token in eks-sso output"
  [[ -z $K ]] && return
  local kout kerr krc kv
  kout=$(sandbox_run "$K" --kubeconfig "$T/$name.yaml" auth whoami -o json 2>"$T/$name.k.err")
  krc=$?
  kerr=$(cat "$T/$name.k.err")
  kv=$(kubectl_verdict "$krc" "$kerr")
  assert_eq "$kv" "$v" "$name: eks-sso and kubectl 1.32 disagree (kubectl: $kerr)"
  if [[ $kv == ok && $v == ok ]]; then
    k_user=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["status"]["userInfo"]["username"])' <<<"$kout")
    assert_eq "$k_user" "$eks_user" "$name: identity differs between kubectl and eks-sso"
  fi
  if [[ $v == config ]]; then
    # kubectl's wording: eks-sso's message (without our file:line:col) is in kubectl's error.
    local msg
    msg=$(python3 -c 'import json,re,sys; m=json.load(sys.stdin)["error"]["message"]; print(re.sub(r"^.*?:\d+:\d+: ", "", m))' <<<"$out")
    assert_contains "$kerr" "$msg" "$name: kubectl's wording"
  fi
}

# --- precedence ---------------------------------------------------------------------------------
kubeconfig token "    token: $TOK_ADMIN"
check token ok from-kubeconfig-token
assert_contains "$(cat "$LOG")" "sha256:$(fingerprint "$TOK_ADMIN")" "server log fingerprint of the token"

# client_config_test.go TestPrecedenceTokenFile, kubectl 1.32 as the judge: the file's token is sent.
: >"$LOG"
kubeconfig token-and-file "    token: $TOK_ADMIN
    tokenFile: $T/token-file"
check token-and-file ok from-token-file
assert_contains "$(cat "$LOG")" "sha256:$(fingerprint "$TOK_FILE")" "tokenFile's token arrived"
assert_not_contains "$(cat "$LOG")" "sha256:$(fingerprint "$TOK_ADMIN")" "the kubeconfig token was sent"

kubeconfig token-missing-file "    token: $TOK_ADMIN
    tokenFile: $T/no-such-file"
check token-missing-file ok from-kubeconfig-token

kubeconfig token-beats-exec "    token: $TOK_ADMIN
    exec: {command: $T/bin/marker-plugin, apiVersion: client.authentication.k8s.io/v1beta1}"
check token-beats-exec ok from-kubeconfig-token
[[ -e $T/marker-plugin-ran ]] && fail "the exec plugin ran although a token is set"

# Basic auth next to exec: the plugin is not run; the sandbox sees Basic (anonymous: forbidden).
: >"$LOG"
kubeconfig basic-and-exec "    username: someone
    password: secret-pass
    exec: {command: $T/bin/marker-plugin, apiVersion: client.authentication.k8s.io/v1beta1}"
check basic-and-exec forbidden
[[ -e $T/marker-plugin-ran ]] && fail "the exec plugin ran although basic auth is set"
assert_contains "$(cat "$LOG")" "Authorization: Basic " "basic auth sent"

kubeconfig exec-only "    exec: {command: $T/bin/marker-plugin, apiVersion: client.authentication.k8s.io/v1beta1}"
check exec-only ok from-kubeconfig-token
[[ -e $T/marker-plugin-ran ]] || fail "the exec plugin did not run for an exec-only user"

# --- impersonation ------------------------------------------------------------------------------
: >"$LOG"
kubeconfig impersonate "    token: $TOK_ADMIN
    as: alice
    as-uid: uid-42
    as-groups: [system:masters, devs]
    as-user-extra:
      example.com/scopes: [view, edit]"
check impersonate ok alice
log=$(cat "$LOG")
assert_contains "$log" "Impersonate-User: alice" "Impersonate-User arrived"
assert_contains "$log" "Impersonate-Uid: uid-42" "Impersonate-Uid arrived"
assert_contains "$log" "Impersonate-Group: system:masters" "Impersonate-Group arrived"
assert_contains "$log" "Impersonate-Group: devs" "second Impersonate-Group arrived"
assert_contains "$log" "Impersonate-Extra-Example.com%2fscopes: view" "Impersonate-Extra arrived"
assert_contains "$log" "user=from-kubeconfig-token as=alice" "the server impersonated"
out=$(sandbox_eks_sso connect --kubeconfig "$T/impersonate.yaml")
assert_contains "$out" 'Impersonate: user "alice" (uid "uid-42", groups "system:masters", "devs", extra example.com/scopes="view", example.com/scopes="edit")' "connect shows impersonation"
assert_contains "$out" "Identity:    alice" "SelfSubjectReview answers for alice"
out=$(sandbox_eks_sso doctor --kubeconfig "$T/impersonate.yaml" 2>&1)
assert_contains "$out" 'impersonating user "alice"' "doctor shows impersonation"
# get nodes as the impersonated user (system:masters: allowed).
: >"$LOG"
out=$(sandbox_eks_sso get nodes --kubeconfig "$T/impersonate.yaml" -o name 2>&1)
assert_contains "$out" "node/" "get nodes impersonated: $out"
assert_contains "$(cat "$LOG")" "Impersonate-User: alice" "get nodes sends Impersonate-User"

# A caller without the impersonate permission is refused by the server.
kubeconfig impersonate-denied "    token: $TOK_ADMIN
    as: bob"
python3 - "$SANDBOX_DIR/state.json" <<'PY'
import json, sys
p = sys.argv[1]; s = json.load(open(p))
for t in s["staticTokens"]:
    if t["token"].startswith("tok-admin"):
        t["rules"] = [{"verbs": ["get", "list"], "resources": ["nodes"]}]
json.dump(s, open(p, "w"))
PY
check impersonate-denied forbidden

# --- validation: exit 7 with kubectl's wording --------------------------------------------------
kubeconfig groups-without-as "    token: $TOK_ADMIN
    as-groups: [devs]"
check groups-without-as config
assert_contains "$(cat "$T/groups-without-as.eks.err")" "requesting uid, groups or user-extra for u without impersonating a user"

kubeconfig token-and-basic "    token: $TOK_ADMIN
    username: a
    password: b"
check token-and-basic config

kubeconfig exec-and-auth-provider "    exec: {command: $T/bin/marker-plugin, apiVersion: client.authentication.k8s.io/v1beta1}
    auth-provider: {name: oidc}"
check exec-and-auth-provider config

kubeconfig cert-file-and-data "    client-certificate: $T/ca.crt
    client-certificate-data: YWJj
    client-key-data: YWJj"
check cert-file-and-data config

kubeconfig ca-file-and-data "    token: $TOK_ADMIN" "    certificate-authority: $T/ca.crt
    certificate-authority-data: $(base64 -w0 <"$T/ca.crt")"
check ca-file-and-data config

kubeconfig insecure-and-ca "    token: $TOK_ADMIN" "    certificate-authority: $T/ca.crt
    insecure-skip-tls-verify: true"
check insecure-and-ca config
assert_contains "$(cat "$T/insecure-and-ca.eks.err")" "specifying a root certificates file with the insecure flag is not allowed"

for proxy in ftp://127.0.0.1:3128 127.0.0.1:3128 "http://[::1" proxy.invalid; do
  name="proxy-$(printf '%s' "$proxy" | tr -c 'a-z0-9' '-')"
  kubeconfig "$name" "    token: $TOK_ADMIN" "    certificate-authority: $T/ca.crt
    proxy-url: '$proxy'"
  check "$name" config
  assert_contains "$(cat "$T/$name.eks.err")" "invalid 'proxy-url' \"$proxy\" for cluster \"c\"" "$name wording"
done

kubeconfig duplicate-user "    token: $TOK_ADMIN" "" "- name: u
  user: {token: other}"
check duplicate-user config
assert_contains "$(cat "$T/duplicate-user.eks.err")" 'duplicate name "u" in list'

# --- the plugin's answers ------------------------------------------------------------------------
# Already expired: used for the request (client-go does), with a warning, never cached.
python3 - "$SANDBOX_DIR/state.json" <<'PY'
import json, sys
p = sys.argv[1]; s = json.load(open(p))
for t in s["staticTokens"]:
    t["rules"] = [{"verbs": ["*"], "resources": ["*"]}]
json.dump(s, open(p, "w"))
PY
kubeconfig expired "    exec: {command: $T/bin/expired-plugin, apiVersion: client.authentication.k8s.io/v1beta1}"
check expired ok from-kubeconfig-token
assert_contains "$(cat "$T/expired.eks.err")" "returned a credential that expired at 2020-01-01T00:00:00Z" "expired warning"
sandbox_run env XDG_CACHE_HOME="$T/xdg" "${EKS_SSO_BIN:-build/eks-sso}" get nodes --kubeconfig "$T/expired.yaml" -o name >/dev/null 2>&1 ||
  fail "get nodes with an expired credential"
[[ -z "$(ls -A "$T/xdg/eks-sso" 2>/dev/null | grep -v '\.lock$')" ]] || fail "an expired credential was cached: $(ls "$T/xdg/eks-sso")"

# Bad certificate data: an invalid ExecCredential (exit 1) naming the plugin's fields.
kubeconfig badcert "    exec: {command: $T/bin/badcert-plugin, apiVersion: client.authentication.k8s.io/v1beta1}"
check badcert invalid-credential
assert_contains "$(cat "$T/badcert.eks.err")" "status.clientCertificateData" "bad cert names the plugin's field"
assert_not_contains "$(cat "$T/badcert.eks.err")" "client-certificate-data" "bad cert blames the kubeconfig"

echo "$CASES kubeconfig cases${K:+, each also through kubectl 1.32}" >&2
finish
