#!/usr/bin/env bash
# Issue 9, the bad-input matrix for the commands that run the exec plugin and talk to the server:
# `connect`, `get nodes` and `doctor`. (The kubeconfig rows for the file-only commands are in
# test_bad_input.sh; the plugin timeout / Ctrl-C / not-found cases in test_connect.sh; the sandbox
# faults hang and 500 in test_get_nodes.sh.) Each row runs every command under `timeout` and asserts:
# the exact exit code (1–7), no crash (no exit ≥ 128, no sanitizer report), no hang (the run ends
# well within its limit), a message naming the source (the first stderr line for connect and
# get nodes, the failing check's line for doctor) and the user's files unchanged (sha256 of the
# kubeconfig, ~/.aws and the SSO cache before and after).
#   plugin rows: tests/e2e plugin script "plug" in a mode (killed by a signal, binary garbage, 100 MB,
#     JSON of the wrong kind, a child holding stdout open, stdout closed while running);
#   server rows: tests/e2e/bad_server.py, a python3 TLS server on 127.0.0.1 (closes mid-response,
#     10 MB body, invalid JSON with 200, a Table with missing cells, never answers, redirects);
#   referenced-file rows: missing CA / client certificate / token file, CA data that is not PEM;
#   AWS rows (the sandbox's fake aws): SSO cache truncated / wrong types / dates in other formats /
#     unreadable, AWS config truncated / binary / unreadable.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"
require_sandbox_bin
command -v python3 >/dev/null || skip "python3 is needed for the misbehaving server"
command -v openssl >/dev/null || skip "openssl is needed for the misbehaving server's certificate"
sandbox_tmpdir >/dev/null
W=$TEST_TMP
mkdir -p "$W/bin" "$W/home/.aws/sso/cache" "$W/kube"
COMMANDS=("connect" "get nodes" "doctor")

# The user's files: kubeconfigs, AWS config, SSO cache (the sandbox's home too once it runs).
user_files() {
  find "$W/kube" "$W/home/.aws" ${SANDBOX_DIR:+"$SANDBOX_DIR/kubeconfig" "$SANDBOX_DIR/home/.aws"} \
    -xtype f -readable -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum 2>/dev/null
}

alive() { [[ -r /proc/$1/stat ]] && [[ $(cut -d' ' -f3 "/proc/$1/stat") != Z ]]; }

# RUNNER: the command prefix that runs eks-sso hermetically for the current group of rows.
plain_runner() {
  RUNNER=(env -i HOME="$W/home" PATH="$W/bin:/usr/bin:/bin" LANG=C.UTF-8 "$@" "$EKS_SSO_BIN")
}

# row "WHAT" RC LIMIT NEEDLE ARGS...: one command of one row (see the header). NEEDLE must be in
# the first line of stderr (connect, get nodes; for exit 3 anywhere in the login-required block) or
# in doctor's first ✗ line.
row() {
  local what=$1 want=$2 limit=$3 needle=$4 before start first
  shift 4
  what="$what: $*"
  before=$(user_files)
  rm -rf "$W/home/.cache" "${SANDBOX_DIR:-/nonexistent}/home/.cache" # eks-sso's credential cache
  start=$SECONDS
  timeout -k 5 "$limit" "${RUNNER[@]}" "$@" >"$W/out" 2>"$W/err" </dev/null
  RC=$?
  OUT=$(cat "$W/out")
  ERR=$(cat "$W/err")
  if ((RC == 124 || RC == 137)); then
    fail "$what: still running after ${limit}s (killed by timeout)"
  elif ((RC >= 128)); then
    fail "$what: crashed (exit $RC)"
  fi
  assert_rc "$want" "$RC" "$what: exit"
  ((SECONDS - start < limit)) || fail "$what: took $((SECONDS - start))s"
  assert_not_contains "$OUT$ERR" "Sanitizer" "$what: sanitizer report"
  assert_not_contains "$OUT$ERR" "runtime error:" "$what: UBSan report"
  assert_not_contains "$OUT$ERR" "terminate called" "$what: uncaught exception"
  if ((want == 0)); then
    first=""
  elif [[ $1 == doctor ]]; then
    first=$(grep -m1 '✗' <<<"$OUT")
  elif ((want == 3)); then
    first=$ERR
    assert_eq "AWS SSO login required for context \"${CTX:-ctx}\"" "$(head -n1 <<<"$ERR")" "$what: login-required first line"
  else
    first=$(head -n1 <<<"$ERR")
    [[ $first == "error: "* || $first == "Error from server"* ]] || fail "$what: first stderr line is not an error: $first"
    (($(grep -c '^error' <<<"$ERR") <= 1)) || fail "$what: more than one error line"
  fi
  if [[ $first != *"$needle"* ]]; then
    fail "$what: message lacks: $needle"
    printf '%s\n' "--- stdout:" "$OUT" "--- stderr:" "$ERR" >&2
  fi
  [[ "$before" == "$(user_files)" ]] || fail "$what: the user's files changed"
}

# every_command "WHAT" RC LIMIT NEEDLE [extra args]: the row against connect, get nodes and doctor.
every_command() {
  local what=$1 want=$2 limit=$3 needle=$4 c
  shift 4
  for c in "${COMMANDS[@]}"; do
    # shellcheck disable=SC2086 # "get nodes" is two words
    row "$what" "$want" "$limit" "$needle" $c "$@"
  done
}

# --- the exec plugin ----------------------------------------------------------------------------
V1B1=client.authentication.k8s.io/v1beta1
GOOD="{\"kind\":\"ExecCredential\",\"apiVersion\":\"$V1B1\",\"spec\":{},\"status\":{\"expirationTimestamp\":\"2099-01-01T00:00:00Z\",\"token\":\"matrix-token-value\"}}"
cat >"$W/bin/plug" <<'PLUGIN'
#!/bin/bash
case "$PLUGIN_MODE" in
  signal) kill -KILL $$ ;;
  segv) kill -SEGV $$ ;;
  garbage) printf '\x00\x01\xff\xfe{{{\x80binary\x1b[31m' ;;
  huge) head -c 100000000 /dev/zero | tr '\0' x ;;
  pod) printf '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"x"}}' ;;
  pod-v1beta1) printf '{"kind":"Pod","apiVersion":"client.authentication.k8s.io/v1beta1","status":{"token":"x"}}' ;;
  array) printf '[1, 2, 3]' ;;
  string) printf '"a JSON string"' ;;
  child-holds) printf '%s' "$GOOD"; sleep 300 & echo $! >"$PID_FILE"; exit 0 ;;
  close-stdout) echo $$ >"$PID_FILE"; exec >&-; sleep 300 ;;
esac
PLUGIN
chmod +x "$W/bin/plug"
cat >"$W/kube/plugin" <<'EOF'
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
      apiVersion: client.authentication.k8s.io/v1beta1
      command: plug
EOF
plugin_row() { # plugin_row MODE RC NEEDLE
  plain_runner PLUGIN_MODE="$1" GOOD="$GOOD" PID_FILE="$W/plugin.pid"
  every_command "plugin $1" "$2" 20 "$3" --kubeconfig "$W/kube/plugin" --exec-timeout 3s
  assert_not_contains "$OUT$ERR" "matrix-token-value" "plugin $1: token printed"
}
plugin_row signal 1 'exec: executable plug failed with exit code -1'
assert_contains "$(cat "$W/err" "$W/out")" "the plugin was killed by signal 9" "signal named"
plugin_row segv 1 'exec: executable plug failed with exit code -1'
plugin_row garbage 1 'exec plugin "plug" printed output that is not an ExecCredential object: "\u0000\u0001'
plugin_row huge 1 'exec plugin "plug" printed more than 4 MiB on stdout; it and its child processes were killed'
plugin_row pod 1 'exec plugin "plug" returned unsupported apiVersion "v1"'
plugin_row pod-v1beta1 1 'exec plugin "plug"'
plugin_row array 1 'exec plugin "plug" printed output that is not an ExecCredential object: "[1, 2, 3]"'
plugin_row string 1 'exec plugin "plug" printed output that is not an ExecCredential object'
# lingering_row MODE RC NEEDLE: a plugin that leaves a process behind (its pid in PID_FILE); after
# each command that process must be gone.
lingering_row() {
  local mode=$1 want=$2 needle=$3 c pid
  for c in "${COMMANDS[@]}"; do
    rm -f "$W/plugin.pid"
    plain_runner PLUGIN_MODE="$mode" GOOD="$GOOD" PID_FILE="$W/plugin.pid"
    # shellcheck disable=SC2086 # "get nodes" is two words
    row "plugin $mode" "$want" 20 "$needle" $c --kubeconfig "$W/kube/plugin" --exec-timeout 3s
    sleep 0.2
    pid=$(cat "$W/plugin.pid" 2>/dev/null)
    if [[ -z $pid ]]; then fail "$mode ($c): the plugin did not run"; elif alive "$pid"; then
      fail "$mode ($c): process $pid left by the plugin survived"
      kill "$pid"
    fi
  done
}
# The plugin prints a good credential and exits, its child keeps stdout open: eks-sso takes the
# credential when the plugin exits (kubectl would wait for the child), kills the group and goes on
# to the server (nothing listens: exit 6).
lingering_row child-holds 6 'connection refused'
# The plugin closes stdout and keeps running: --exec-timeout kills it.
lingering_row close-stdout 1 'exec plugin "plug" timed out after 3s'

# --- the server ---------------------------------------------------------------------------------
S="$W/server"
mkdir -p "$S"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$S/key.pem" -out "$S/cert.pem" \
  -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 || fail "openssl req failed"
python3 "$EKS_SSO_SOURCE_DIR/tests/e2e/bad_server.py" "$S" "$S/cert.pem" "$S/key.pem" >"$S/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; _sandbox_cleanup' EXIT
for ((i = 0; i < 100; i++)); do [[ -s "$S/port" ]] && break; sleep 0.1; done
[[ -s "$S/port" ]] || { cat "$S/server.log" >&2; echo "bad_server.py did not start" >&2; exit 1; }
SERVER="https://127.0.0.1:$(cat "$S/port")"
server_kubeconfig() { # server_kubeconfig FILE [cluster yaml] [user yaml]
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
current-context: ctx
clusters:
- name: c
  cluster:
    server: "$SERVER"
    ${2:-certificate-authority: $S/cert.pem}
contexts:
- name: ctx
  context: {cluster: c, user: u}
users:
- name: u
  user:
    ${3:-token: matrix-token-value}
EOF
}
server_kubeconfig "$W/kube/server"
plain_runner
server_row() { # server_row MODE RC NEEDLE [commands...]
  local mode=$1 want=$2 needle=$3 c
  shift 3
  echo "$mode" >"$S/mode"
  for c in "${@:-${COMMANDS[@]}}"; do
    # shellcheck disable=SC2086
    row "server $mode" "$want" 20 "$needle" $c --kubeconfig "$W/kube/server" --request-timeout 2s
    assert_not_contains "$OUT$ERR" "matrix-token-value" "server $mode: token printed"
  done
}
# The control: the server answers sanely.
echo ok >"$S/mode"
row "server ok (control)" 0 20 "" get nodes --kubeconfig "$W/kube/server"
assert_eq "$(printf 'NAME     STATUS   ROLES    AGE   VERSION\nnode-a   Ready    <none>   5d    v1.32.0')" "$OUT" "server ok: nodes"

server_row close-mid 6 'the connection was closed before a complete response: transfer closed with 99990 bytes remaining to read'
server_row big 1 'the body is not JSON (Content-Type application/json): "xxxxxxxx'
server_row invalid-json 1 'the body is not JSON (Content-Type application/json): "{"kind": "Table"'
server_row hang 6 'timed out after 2s waiting for the response'
# A redirect is not followed (client-go would follow it, with the token for the same host): the
# credential never goes to another location. The server sees no request for the target.
: >"$S/requests.log"
for c in "${COMMANDS[@]}"; do
  # shellcheck disable=SC2086
  server_row redirect 1 'the server responded with the status code 302' "$c"
  assert_contains "$OUT$ERR" "the server redirected to \"$SERVER/redirected\"; eks-sso does not follow redirects" \
    "redirect ($c): the target named"
done
assert_not_contains "$(cat "$S/requests.log")" "/redirected" "redirect: followed"
# A Table with missing and extra cells: printed as kubectl prints it (short rows, extra cells
# dropped), exit 0; the other commands do not read the Table.
echo table-cells >"$S/mode"
row "server table-cells" 0 20 "" get nodes --kubeconfig "$W/kube/server"
assert_eq "$(printf 'NAME     STATUS   ROLES   AGE   VERSION\nnode-a   Ready\n\nnode-c   Ready    <none>   5d    v1.32.0')" "$OUT" \
  "table-cells: rows"
echo ok >"$S/mode"

# --- files the kubeconfig refers to ---------------------------------------------------------------
server_kubeconfig "$W/kube/no-ca" "certificate-authority: $W/nonexistent/ca.crt"
every_command "missing CA file" 7 20 "$W/nonexistent/ca.crt" --kubeconfig "$W/kube/no-ca"
server_kubeconfig "$W/kube/no-cert" "certificate-authority: $S/cert.pem" \
  "$(printf 'client-certificate: %s\n    client-key: %s' "$W/nonexistent/client.crt" "$S/key.pem")"
every_command "missing client certificate" 7 20 "$W/nonexistent/client.crt" --kubeconfig "$W/kube/no-cert"
server_kubeconfig "$W/kube/no-token-file" "" "tokenFile: $W/nonexistent/token"
every_command "missing token file" 7 20 "$W/nonexistent/token" --kubeconfig "$W/kube/no-token-file"
server_kubeconfig "$W/kube/ca-not-pem" "certificate-authority-data: $(printf 'not a certificate' | base64 -w0)"
every_command "CA data that is not PEM" 7 20 "could not load the cluster's certificate authority" --kubeconfig "$W/kube/ca-not-pem"

# --- AWS config and SSO cache (the sandbox's fake aws reads them as the AWS CLI does) ------------
sandbox_start
sandbox_login sandbox-admin >/dev/null
CTX=sandbox-admin
RUNNER=(env -i HOME="$SANDBOX_DIR/home" PATH="$SANDBOX_DIR/bin:/usr/bin:/bin" LANG=C.UTF-8 KUBECONFIG="$SANDBOX_KUBECONFIG"
  "$EKS_SSO_BIN")
CACHE="$SANDBOX_DIR/home/.aws/sso/cache/$(printf %s sandbox-sso | sha1sum | cut -d' ' -f1).json"
CFG="$SANDBOX_DIR/home/.aws/config"
cp "$CACHE" "$W/cache.good"
cp "$CFG" "$W/config.good"
restore() { rm -rf "$CACHE" "$CFG"; cp "$W/cache.good" "$CACHE"; cp "$W/config.good" "$CFG"; }
# Control: all fine.
row "AWS control" 0 20 "" connect
cache_row() { # cache_row WHAT RC NEEDLE CONTENT
  printf '%s' "$4" >"$CACHE"
  every_command "SSO cache: $1" "$2" 20 "$3"
  restore
}
good=$(cat "$W/cache.good")
cache_row "truncated JSON" 3 "the SSO session has expired or is otherwise invalid" "${good:0:60}"
cache_row "empty" 3 "the SSO session has expired or is otherwise invalid" ""
cache_row "wrong types" 3 "the SSO session has expired or is otherwise invalid" \
  "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); d["expiresAt"]=12345; d["accessToken"]=["x"]; print(json.dumps(d))' "$good")"
cache_row "RFC 1123 date" 3 "expired" "$(sed -E 's/"expiresAt": "[^"]*"/"expiresAt": "Mon, 30 Nov 2099 00:33:59 GMT"/' <<<"$good")"
cache_row "date without zone" 3 "expired" "$(sed -E 's/"expiresAt": "[^"]*"/"expiresAt": "2099-11-30 00:33:59"/' <<<"$good")"
cache_row "epoch seconds" 3 "expired" "$(sed -E 's/"expiresAt": "[^"]*"/"expiresAt": 4099999999/' <<<"$good")"
# Unreadable: a directory in its place (root reads through chmod 000); chmod 000 when not root.
rm "$CACHE"
mkdir "$CACHE"
every_command "SSO cache entry is a directory" 3 20 "AWS SSO login required"
restore
chmod 000 "$CACHE"
if ! cat "$CACHE" >/dev/null 2>&1; then
  every_command "SSO cache unreadable (chmod 000)" 3 20 "the SSO session has expired or is otherwise invalid"
fi
chmod 600 "$CACHE"
restore

config_row() { # config_row WHAT RC NEEDLE CONTENT (backslash escapes interpreted: \x00 is a NUL)
  printf '%b' "$4" >"$CFG"
  every_command "AWS config: $1" "$2" 20 "$3"
  restore
}
config_row "truncated" 7 'The specified sso-session does not exist: "sandbox-sso"' "$(head -c 200 "$W/config.good")"
config_row "binary" 7 "$CFG" '\x00\xff\xfe[[[\n'
rm "$CFG"
mkdir "$CFG"
every_command "AWS config is a directory" 7 20 'The config profile (sandbox-admin) could not be found'
restore
chmod 000 "$CFG"
if ! cat "$CFG" >/dev/null 2>&1; then
  every_command "AWS config unreadable (chmod 000)" 7 20 'sandbox-admin'
fi
chmod 600 "$CFG"
restore
row "AWS control after the rows" 0 20 "" connect
finish
