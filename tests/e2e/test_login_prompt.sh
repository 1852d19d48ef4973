#!/usr/bin/env bash
# "Log in with AWS SSO now? [y/N]" (issue 16): connect and doctor ask after the login block only
# when a person is at a terminal (stdin and stderr TTYs, not CI, -o table, no --no-prompt or
# EKS_SSO_NO_PROMPT). y runs what `eks-sso login` runs, then the check again; n, anything else and
# EOF exit 3. Every AWS process is recorded by a wrapper around the sandbox's aws on PATH, which
# proves that no `aws sso login` starts without the yes. Terminal cases run in a tmux pane.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

command -v tmux >/dev/null || skip "tmux not installed (scripts/install-deps.sh installs it)"
sandbox_start
AWS_LOG="$TEST_TMP/aws.log"
: >"$AWS_LOG"
mkdir -p "$SANDBOX_DIR/real"  # the sandbox's aws knows its role by its name: it stays "aws"
mv "$SANDBOX_DIR/bin/aws" "$SANDBOX_DIR/real/aws"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s"\nexec "%s" "$@"\n' "$AWS_LOG" "$SANDBOX_DIR/real/aws" \
  >"$SANDBOX_DIR/bin/aws"
chmod +x "$SANDBOX_DIR/bin/aws"
ln -sf "$EKS_SSO_BIN" "$SANDBOX_DIR/bin/eks-sso"
logins() { grep -c '^sso login' "$AWS_LOG"; }

SOCKET="eks-sso-prompt-$$"
tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null || true; _sandbox_cleanup' EXIT
{
  echo "PS1='$ '"
  echo "export HOME='$SANDBOX_DIR/home' PATH='$SANDBOX_DIR/bin:/usr/bin:/bin' LANG=C.UTF-8"
  echo "export KUBECONFIG='$SANDBOX_KUBECONFIG' TERM=xterm-256color"
  echo "unset CI NO_COLOR HISTFILE EKS_SSO_NO_PROMPT"
} >"$TEST_TMP/rc"
tm new-session -d -x 160 -y 60 -s t "env -i HOME=$SANDBOX_DIR/home TERM=xterm-256color bash --noprofile --rcfile $TEST_TMP/rc -i"
sleep 0.5

# start LINE: clears the pane and types LINE, then `echo "rc=$?"`.
start() {
  tm send-keys -t t "clear" Enter
  sleep 0.3
  tm clear-history -t t
  tm send-keys -t t "$1; echo \"rc=\$?\"" Enter
}
# wait_for REGEX [seconds]: until the pane (with its history) shows it; $pane = what it shows.
wait_for() {
  local i
  for ((i = 0; i < ${2:-15} * 10; i++)); do
    pane=$(tm capture-pane -p -J -S - -t t)
    grep -qE "$1" <<<"$pane" && return 0
    sleep 0.1
  done
  return 1
}
ended() { wait_for '^rc=[0-9]+$' "${1:-20}"; }
rc_of() { sed -n 's/^rc=\([0-9]*\)$/\1/p' <<<"$pane" | tail -1; }
QUESTION='Log in with AWS SSO now? [y/N]'
ASKED='Log in with AWS SSO now\? \[y/N\]'

# --- connect: yes logs in (the same login as eks-sso login) and connects ---------------------------
sandbox_logout
: >"$AWS_LOG"
start "eks-sso connect --context sandbox-admin"
wait_for "$ASKED" || fail "connect: no question on a terminal"
assert_contains "$pane" "→ Login with AWS SSO:" "connect: the login block comes before the question"
sleep 0.5
assert_eq 0 "$(logins)" "connect: no aws sso login while the question waits"
tm send-keys -t t "y" Enter
ended 30 || fail "connect yes: did not end"
assert_eq 0 "$(rc_of)" "connect yes: connected after the login"
assert_contains "$pane" "Running: aws sso login --profile sandbox-admin" "connect yes: runs what eks-sso login runs"
assert_contains "$pane" "Logged in." "connect yes: login's verification ran"
assert_contains "$pane" "Connected." "connect yes: the check ran again"
assert_eq 1 "$(logins)" "connect yes: exactly one aws sso login"
assert_contains "$(grep '^sso login' "$AWS_LOG")" "--profile sandbox-admin" "connect yes: the context's profile"

# --- no, other words, EOF: exit 3, no login -----------------------------------------------------------
for answer in n no whatever EOF; do
  sandbox_logout
  : >"$AWS_LOG"
  start "eks-sso connect --context sandbox-admin"
  wait_for "$ASKED" || fail "connect ($answer): no question"
  if [[ $answer == EOF ]]; then tm send-keys -t t C-d; else tm send-keys -t t "$answer" Enter; fi
  ended || fail "connect ($answer): did not end"
  assert_eq 3 "$(rc_of)" "connect ($answer): exit 3"
  assert_eq 0 "$(logins)" "connect ($answer): no aws sso login started"
  assert_not_contains "$pane" "Running: aws sso login" "connect ($answer): no login"
done

# --- doctor: yes logs in and checks again; no exits 3 ------------------------------------------------
sandbox_logout
: >"$AWS_LOG"
start "eks-sso doctor --context sandbox-admin"
wait_for "$ASKED" 30 || fail "doctor: no question on a terminal"
assert_eq 0 "$(logins)" "doctor: no aws sso login while the question waits"
tm send-keys -t t "y" Enter
ended 40 || fail "doctor yes: did not end"
assert_eq 0 "$(rc_of)" "doctor yes: the second run passes"
assert_contains "$pane" "Logged in." "doctor yes: login ran"
assert_eq 1 "$(logins)" "doctor yes: exactly one aws sso login"
sandbox_logout
: >"$AWS_LOG"
start "eks-sso doctor --context sandbox-admin"
wait_for "$ASKED" 30 || fail "doctor (no): no question"
tm send-keys -t t "n" Enter
ended || fail "doctor no: did not end"
assert_eq 3 "$(rc_of)" "doctor no: exit 3"
assert_eq 0 "$(logins)" "doctor no: no aws sso login"

# --- never asked: CI, --no-prompt, EKS_SSO_NO_PROMPT, -o json/junit, stdin or stderr not a TTY, get
# nodes and credential ----------------------------------------------------------------------------------
for line in "CI=true eks-sso connect --context sandbox-admin" \
  "eks-sso connect --context sandbox-admin --no-prompt" \
  "EKS_SSO_NO_PROMPT=1 eks-sso connect --context sandbox-admin" \
  "eks-sso doctor --context sandbox-admin --no-prompt" \
  "CI=1 eks-sso doctor --context sandbox-admin" \
  "eks-sso connect --context sandbox-admin -o json" \
  "eks-sso doctor --context sandbox-admin -o junit" \
  "eks-sso connect --context sandbox-admin </dev/null" \
  "eks-sso connect --context sandbox-admin 2>$TEST_TMP/stderr.txt" \
  "eks-sso get nodes --context sandbox-admin" \
  "eks-sso credential --context sandbox-admin"; do
  sandbox_logout
  : >"$AWS_LOG"
  start "$line"
  if ! ended 30; then
    fail "$line: did not end (waiting for an answer?)"
    tm send-keys -t t C-c
    sleep 0.5
    continue
  fi
  assert_eq 3 "$(rc_of)" "$line: exit 3"
  assert_not_contains "$pane" "$QUESTION" "$line: no question"
  assert_eq 0 "$(logins)" "$line: no aws sso login"
done
assert_not_contains "$(cat "$TEST_TMP/stderr.txt")" "$QUESTION" "stderr not a TTY: no question in the file"
assert_contains "$(cat "$TEST_TMP/stderr.txt")" "Login with AWS SSO" "stderr not a TTY: the login block is there"

# --- without a terminal at all (no tmux pane): nothing asked, nothing read ----------------------------
sandbox_logout
: >"$AWS_LOG"
sandbox_eks_sso connect --context sandbox-admin >"$TEST_TMP/o" 2>"$TEST_TMP/e" <<<"y"
assert_rc 3 $? "piped y: exit 3 (a pipe is not a person)"
assert_not_contains "$(cat "$TEST_TMP/e")" "$QUESTION" "piped: no question"
assert_eq 0 "$(logins)" "piped y: no aws sso login"
finish
