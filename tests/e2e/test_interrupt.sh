#!/usr/bin/env bash
# Ctrl-C (issue 16, defect 1): while eks-sso waits on an API server that never answers
# (tests/e2e/bad_server.py, mode hang) or on an exec plugin that never ends, SIGINT stops it at
# once: "interrupted" on stderr, exit 130, no "timed out" text and no --request-timeout advice.
# get nodes, connect and doctor wait on the server; login's verification and logout-test wait on
# the plugin. Each command gets SIGINT as a terminal's Ctrl-C delivers it (kill -INT to the
# process), and once through a real Ctrl-C in a tmux pane when tmux is installed.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"
require_sandbox_bin
command -v python3 >/dev/null || skip "python3 not installed"
command -v openssl >/dev/null || skip "openssl not installed"
W=$(sandbox_tmpdir)
S="$W/server"
mkdir -p "$S" "$W/home"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$S/key.pem" -out "$S/cert.pem" \
  -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1 || fail "openssl req failed"
echo hang >"$S/mode"
python3 "$EKS_SSO_SOURCE_DIR/tests/e2e/bad_server.py" "$S" "$S/cert.pem" "$S/key.pem" >"$S/server.log" 2>&1 &
SERVER_PID=$!
SOCKET="eks-sso-int-$$"
trap 'kill "$SERVER_PID" 2>/dev/null; tmux -L "$SOCKET" kill-server 2>/dev/null; _sandbox_cleanup' EXIT
for ((i = 0; i < 100; i++)); do [[ -s "$S/port" ]] && break; sleep 0.1; done
[[ -s "$S/port" ]] || { cat "$S/server.log" >&2; echo "bad_server.py did not start" >&2; exit 1; }
cat >"$W/kubeconfig" <<KC
apiVersion: v1
kind: Config
current-context: ctx
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:$(cat "$S/port")", certificate-authority: "$S/cert.pem"}
contexts:
- name: ctx
  context: {cluster: c, user: u}
users:
- name: u
  user: {token: interrupt-test-token}
KC

# interrupt_row WHAT ENV... -- ARGS...: starts eks-sso, waits until it is waiting, sends SIGINT,
# and checks it ended within 3 s with 130 and "interrupted", and no timeout text.
interrupt_row() {
  local what=$1 envs=()
  shift
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  env -i HOME="${ROW_HOME:-$W/home}" PATH="${ROW_PATH:-/usr/bin:/bin}" LANG=C.UTF-8 ${envs[@]+"${envs[@]}"} \
    "$EKS_SSO_BIN" "$@" >"$W/out" 2>"$W/err" </dev/null &
  local pid=$! start end rc
  sleep "${ROW_WAIT:-1}"
  kill -0 "$pid" 2>/dev/null || fail "$what: ended before the interrupt: $(cat "$W/err")"
  start=$(date +%s%N)
  kill -INT "$pid"
  wait "$pid"
  rc=$?
  end=$(date +%s%N)
  local err
  err=$(cat "$W/err")
  assert_rc 130 "$rc" "$what: exit code"
  (((end - start) / 1000000 < 3000)) || fail "$what: took $(((end - start) / 1000000))ms after Ctrl-C"
  assert_contains "$err" "interrupted" "$what: says interrupted"
  assert_not_contains "$err" "timed out" "$what: no timeout text"
  assert_not_contains "$err" "request-timeout" "$what: no --request-timeout advice"
  assert_not_contains "$(cat "$W/out")$err" "interrupt-test-token" "$what: token printed"
}

# --- the API server never answers -------------------------------------------------------------------
for c in "get nodes" connect doctor; do
  # shellcheck disable=SC2086
  interrupt_row "$c (server hangs)" -- $c --kubeconfig "$W/kubeconfig" --request-timeout 30s
done
interrupt_row "get nodes -v 6 (server hangs)" -- get nodes --kubeconfig "$W/kubeconfig" --request-timeout 30s -v 6
assert_contains "$(cat "$W/err")" "milliseconds: interrupted" "get nodes -v 6: the request's log line says interrupted"
# doctor: the checks after the interrupted one are skipped, none says timed out.
interrupt_row "doctor (server hangs)" -- doctor --kubeconfig "$W/kubeconfig" --request-timeout 30s
assert_contains "$(cat "$W/out")" "interrupted" "doctor: the api-reachable check says interrupted"

# --- the exec plugin never ends: login's verification, logout-test ----------------------------------
sandbox_start
sandbox_login sandbox-admin
# The sandbox's aws, except that get-token hangs (after the login, during its verification).
mkdir -p "$SANDBOX_DIR/real"  # the sandbox's aws knows its role by its name: it stays "aws"
mv "$SANDBOX_DIR/bin/aws" "$SANDBOX_DIR/real/aws"
cat >"$SANDBOX_DIR/bin/aws" <<'SH'
#!/bin/sh
case " $* " in *" get-token "*) exec sleep 300 ;; esac
exec "$(dirname "$0")/../real/aws" "$@"
SH
chmod +x "$SANDBOX_DIR/bin/aws"
ROW_PATH="$SANDBOX_DIR/bin:/usr/bin:/bin" ROW_HOME="$SANDBOX_DIR/home"
interrupt_row "login (verification waits on the plugin)" KUBECONFIG="$SANDBOX_KUBECONFIG" -- \
  login --context sandbox-admin --no-browser
interrupt_row "logout-test (plugin hangs)" KUBECONFIG="$SANDBOX_KUBECONFIG" -- logout-test --context sandbox-admin
ROW_PATH=""

# --- a real Ctrl-C in a terminal ---------------------------------------------------------------------
if command -v tmux >/dev/null; then
  tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
  printf '%s\n' "PS1='$ '" "export HOME=$W/home PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=xterm-256color" \
    "unset CI NO_COLOR HISTFILE" >"$W/rc"
  tm new-session -d -x 120 -y 30 -s t "env -i HOME=$W/home TERM=xterm-256color bash --noprofile --rcfile $W/rc -i"
  sleep 0.5
  for c in "get nodes" doctor; do
    tm send-keys -t t "clear" Enter
    sleep 0.3
    tm send-keys -t t "$EKS_SSO_BIN $c --kubeconfig $W/kubeconfig --request-timeout 30s; echo \"rc=\$?\"" Enter
    sleep 1.5
    tm send-keys -t t C-c
    for ((i = 0; i < 30; i++)); do
      tm capture-pane -p -t t | grep -q '^rc=[0-9]*$' && break
      sleep 0.1
    done
    pane=$(tm capture-pane -p -J -t t)
    assert_contains "$pane" "rc=130" "$c in a terminal: Ctrl-C exits 130 at once"
    assert_contains "$pane" "interrupted" "$c in a terminal: says interrupted"
    assert_not_contains "$pane" "timed out" "$c in a terminal: no timeout text"
  done
fi
finish
