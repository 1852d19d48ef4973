#!/usr/bin/env bash
# The human output of doctor, connect, login and logout-test in a real terminal (issue 8,
# "terminal manners"): each runs in a tmux pane (120x50) against the sandbox, and the pane is
# pinned after normalising only what varies between runs (port, temp paths, times). Also: the
# spinner shows while a slow API server is awaited and leaves nothing behind; colour escapes are
# on the screen on a terminal (capture-pane -e) and gone with NO_COLOR=1. Skips without tmux.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

command -v tmux >/dev/null || skip "tmux not installed (scripts/install-deps.sh installs it)"
sandbox_start
sandbox_login sandbox-admin

SOCKET="eks-sso-e2e-$$"
tm() { tmux -L "$SOCKET" -f /dev/null "$@"; }
stop_tmux() { tm kill-server 2>/dev/null || true; }
trap 'stop_tmux; _sandbox_cleanup' EXIT

# A hermetic shell in the pane: the sandbox's HOME, PATH and KUBECONFIG, a plain prompt.
cat >"$TEST_TMP/rc" <<EOF
PS1='$ '
export HOME="$SANDBOX_DIR/home" PATH="$SANDBOX_DIR/bin:$(dirname "$EKS_SSO_BIN"):/usr/bin:/bin" LANG=C.UTF-8
export KUBECONFIG="$SANDBOX_KUBECONFIG" TERM=xterm-256color
unset CI NO_COLOR HISTFILE
EOF
tm new-session -d -x 120 -y 50 -s t "env -i HOME=$SANDBOX_DIR/home TERM=xterm-256color bash --noprofile --rcfile $TEST_TMP/rc -i"
ln -sf "$EKS_SSO_BIN" "$SANDBOX_DIR/bin/eks-sso"

# run_in_pane "command line" [timeout s]: clears the pane, types the line, waits for the
# "rc=N" line it ends with; $pane = the screen (no escapes), $pane_e = with colour escapes.
run_in_pane() {
  local i
  tm send-keys -t t "clear; tmux_mark=1" Enter
  tm clear-history -t t
  sleep 0.2
  tm send-keys -t t "$1; echo \"rc=\$?\"" Enter
  for ((i = 0; i < ${2:-20} * 10; i++)); do
    if tm capture-pane -p -t t | grep -q '^rc=[0-9]*$'; then
      break
    fi
    sleep 0.1
  done
  pane=$(tm capture-pane -p -J -t t | normalise)
  pane_e=$(tm capture-pane -p -e -t t)
}

# Only what legitimately varies: the port, temp paths, timestamps, durations and elapsed times.
normalise() {
  sed -E -e 's/ +$//' \
    -e "s#$SANDBOX_DIR#SANDBOX#g" -e "s#$TEST_TMP#TMP#g" \
    -e "s/127\.0\.0\.1:$SANDBOX_PORT/127.0.0.1:PORT/g" \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' \
    -e 's/in [0-9]+ms/in Nms/g' -e 's/eks-sso-logout-test-[A-Za-z0-9]+/eks-sso-logout-test-XXXXXX/g' \
    -e 's/\(([0-9]+h)?([0-9]+m)?([0-9]+s)? left\)/(DURATION left)/g' \
    -e 's/expires in ([0-9]+h)?([0-9]+m)?([0-9]+s)?/expires in DURATION/g' \
    -e 's/valid, ([0-9]+h)?([0-9]+m)?([0-9]+s)? left/valid, DURATION left/g' \
    -e 's/HOME=[^ ]*\/eks-sso-logout-test-/HOME=TMPDIR\/eks-sso-logout-test-/g' \
    -e 's/(AWSReservedSSO_[A-Za-z]+_)[0-9a-f]+/\1HEX/g' -e 's/AROA[0-9A-Z]+/AROAID/g' \
    -e 's/\b[B-Z]{4}-[B-Z]{4}\b/CODE/g' |
    sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'  # no trailing blank lines
}

# expect_pane "what" GOLDEN_FILE: the pane equals the file (EKS_SSO_UPDATE_GOLDEN=1 rewrites it:
# check the new pane by eye first); no spinner frame is left anywhere.
expect_pane() {
  if [[ -n "${EKS_SSO_UPDATE_GOLDEN:-}" ]]; then
    printf '%s\n' "$pane" >"$2"
  fi
  assert_eq "$(cat "$2")" "$pane" "$1"
  if grep -q '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]' <<<"$pane"; then fail "$1: a spinner frame is left on the screen"; fi
}
G="$EKS_SSO_SOURCE_DIR/tests/e2e/data/terminal"

# --- doctor ------------------------------------------------------------------------------------------
run_in_pane "eks-sso doctor --context sandbox-admin"
expect_pane "doctor" "$G/doctor.txt"
golden_doctor=$pane
# Colour on a terminal, none at all with NO_COLOR (the same text otherwise).
assert_contains "$pane_e" $'\e[32m' "doctor: colour escapes on a terminal"
run_in_pane "NO_COLOR=1 eks-sso doctor --context sandbox-admin"
assert_not_contains "$pane_e" $'\e[' "doctor: no escapes with NO_COLOR=1"
assert_eq "$(sed 1d <<<"$golden_doctor")" "$(sed 1d <<<"$pane")" "doctor: the same text with NO_COLOR=1"

# --- connect, then the spinner while the API server is slow -------------------------------------------
run_in_pane "eks-sso connect --context sandbox-admin"
expect_pane "connect" "$G/connect.txt"
sandbox_set delayMs=2500
tm send-keys -t t "clear" Enter
sleep 0.3
tm send-keys -t t "eks-sso connect --context sandbox-admin; echo \"rc=\$?\"" Enter
seen=""
for ((i = 0; i < 100; i++)); do
  seen=$(tm capture-pane -p -t t | grep -E '^(⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏) ' | normalise)
  [[ -n $seen ]] && break
  sleep 0.05
done
assert_eq "waiting for https://127.0.0.1:PORT" "${seen#* }" "the spinner while the API server is slow"
for ((i = 0; i < 200; i++)); do
  tm capture-pane -p -t t | grep -q '^rc=[0-9]*$' && break
  sleep 0.05
done
pane=$(tm capture-pane -p -J -t t | normalise)
EKS_SSO_UPDATE_GOLDEN="" expect_pane "connect after the spinner" "$G/connect.txt"
sandbox_set delayMs=0

# --- no UTF-8 locale: ASCII stand-ins for the glyphs (issue 16, polish) ----------------------------------
# As `locale charmap` decides: LANG=C (or LC_ALL=C over LANG=C.UTF-8, or LC_CTYPE=POSIX) is ASCII;
# the same report with ✓ + · - → > ... and not one byte above 0x7f; the spinner turns | / - \.
to_ascii() { sed -e 's/✓/+/g' -e 's/✗/x/g' -e 's/–/-/g' -e 's/→/>/g' -e 's/·/-/g' -e 's/…/~/g'; }
for locale in "LANG=C" "LC_ALL=C" "LC_CTYPE=POSIX" "LANG=en_US.ISO-8859-1"; do
  run_in_pane "$locale eks-sso doctor --context sandbox-admin"
  assert_eq "$(sed 1d <<<"$golden_doctor" | to_ascii)" "$(sed 1d <<<"$pane")" "doctor with $locale: ASCII stand-ins"
  if LC_ALL=C grep -q '[^ -~]' <<<"$pane"; then fail "doctor with $locale: a non-ASCII byte on the screen"; fi
done
run_in_pane "LANG=C eks-sso doctor --context sandbox-admin -o json >$TEST_TMP/doctor-c.json"
assert_contains "$(cat "$TEST_TMP/doctor-c.json")" '"step": 7' "-o json with LANG=C: the JSON as always"
sandbox_set delayMs=2500
tm send-keys -t t "clear" Enter
sleep 0.3
tm send-keys -t t "LANG=C eks-sso connect --context sandbox-admin; echo \"rc=\$?\"" Enter
seen=""
for ((i = 0; i < 100; i++)); do
  seen=$(tm capture-pane -p -t t | grep -E '^[|/\\-] waiting' | normalise)
  [[ -n $seen ]] && break
  sleep 0.05
done
assert_eq "waiting for https://127.0.0.1:PORT" "${seen#* }" "the spinner with LANG=C: ASCII frames"
for ((i = 0; i < 200; i++)); do
  tm capture-pane -p -t t | grep -q '^rc=[0-9]*$' && break
  sleep 0.05
done
sandbox_set delayMs=0
# Unset LC_ALL with LANG=C.UTF-8 (the pane's default): the glyphs.
run_in_pane "LC_ALL= eks-sso doctor --context sandbox-admin"
assert_eq "$(sed 1d <<<"$golden_doctor")" "$(sed 1d <<<"$pane")" "doctor with LANG=C.UTF-8: the glyphs"

# --- login --no-browser: the AWS CLI talks to the terminal, nothing is drawn over it -----------------
run_in_pane "eks-sso login --context sandbox-admin --no-browser"
expect_pane "login" "$G/login.txt"

# --- logout-test ----------------------------------------------------------------------------------------
run_in_pane "eks-sso logout-test --context sandbox-admin"
expect_pane "logout-test" "$G/logout-test.txt"

finish
