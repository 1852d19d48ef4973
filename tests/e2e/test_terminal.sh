#!/usr/bin/env bash
# The human output of doctor, connect, login and logout-test in a real terminal (issue 8,
# "terminal manners"): each runs in a tmux pane (120x50) against the sandbox, and the pane is
# pinned after normalising only what varies between runs (port, temp paths, times). Also: the
# spinner shows while a slow API server is awaited and leaves nothing behind; colour escapes are
# on the screen on a terminal (capture-pane -e) and gone with NO_COLOR=1. Skips without tmux.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"
# A UTF-8 locale for this script too, whatever CI's environment has: tmux judges the terminal's
# UTF-8 by its client's locale, and the column counts below are in characters.
export LANG=C.UTF-8
unset LC_ALL LC_CTYPE

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
# spinner_line "command line" FRAME_REGEX: types the line while the API server is slow; $seen =
# the first spinner line seen (normalised); returns when the command has ended.
spinner_line() {
  local i
  sandbox_set delayMs=2500
  tm send-keys -t t "clear" Enter
  sleep 0.3
  tm send-keys -t t "$1; echo \"rc=\$?\"" Enter
  seen=""
  for ((i = 0; i < 100; i++)); do
    seen=$(tm capture-pane -p -t t | grep -E "^($2) " | normalise)
    [[ -n $seen ]] && break
    sleep 0.05
  done
  for ((i = 0; i < 200; i++)); do
    tm capture-pane -p -t t | grep -q '^rc=[0-9]*$' && break
    sleep 0.05
  done
  sandbox_set delayMs=0
}
spinner_line "eks-sso connect --context sandbox-admin" '⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏'
assert_eq "waiting for https://127.0.0.1:PORT" "${seen#* }" "the spinner while the API server is slow"
pane=$(tm capture-pane -p -J -t t | normalise)
EKS_SSO_UPDATE_GOLDEN="" expect_pane "connect after the spinner" "$G/connect.txt"

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
spinner_line "LANG=C eks-sso connect --context sandbox-admin" '[|/\\-]'
assert_eq "waiting for https://127.0.0.1:PORT" "${seen#* }" "the spinner with LANG=C: ASCII frames"
# Unset LC_ALL with LANG=C.UTF-8 (the pane's default): the glyphs.
run_in_pane "LC_ALL= eks-sso doctor --context sandbox-admin"
assert_eq "$(sed 1d <<<"$golden_doctor")" "$(sed 1d <<<"$pane")" "doctor with LANG=C.UTF-8: the glyphs"

# --- prose wraps to the terminal's width (issue 16, polish) ----------------------------------------------
# At 60 and 120 columns: no line of doctor's report wider than the pane but a command to copy (a
# fix stays whole on its own line); wrapping changes only where lines break (the same words as
# the piped report, which is never wrapped); the login action's command moves to its own line.
# capture-pane -J joins what the terminal itself wrapped, so a line cut by the terminal counts
# as the long line it is.
is_command_line() { # the line, after its indent, is a command to copy
  local first
  read -r first _ <<<"$1"
  [[ $first =~ ^(aws|eks-sso|kubectl|eksctl|export|sudo)$ || $first =~ ^[A-Z_][A-Z0-9_]*= ]]
}
check_width() { # check_width COLUMNS WHAT: every line of $pane fits, or is a command / one word
  local line
  while IFS= read -r line; do
    if ((${#line} > $1)) && ! is_command_line "$line" && [[ $line =~ [^\ ]\ +[^\ ] ]]; then
      fail "$2: a line of ${#line} columns at $1: $line"
    fi
  done < <(sed '1d;/^rc=/,$d' <<<"$pane")  # not the shell's command line
}
words() { tr -s ' \n' '  ' | sed 's/^ //; s/ $//'; }
# Times differ between runs, and normalise cannot see one split over two lines: drop them.
untimed() { sed -E 's/\b(DURATION|Nms|([0-9]+(ms|h|m|s))+)\b//g; s/  +/ /g'; }
sandbox_eks_sso doctor --context sandbox-admin >"$TEST_TMP/doctor.piped" 2>/dev/null
(($(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$TEST_TMP/doctor.piped") > 120)) ||
  fail "piped doctor: long lines, never wrapped"
for cols in 60 120; do
  tm resize-window -t t -x "$cols" -y 150  # the whole report on the screen
  run_in_pane "eks-sso doctor --context sandbox-admin"
  check_width "$cols" "doctor at $cols columns"
  assert_eq "$(normalise <"$TEST_TMP/doctor.piped" | words | untimed)" "$(sed '1d;/^rc=/,$d' <<<"$pane" | words | untimed)" \
    "doctor at $cols columns: the same words as piped"
  # Piped from the pane: never wrapped.
  run_in_pane "eks-sso doctor --context sandbox-admin >$TEST_TMP/doctor.pane-piped"
  assert_eq "$(normalise <"$TEST_TMP/doctor.piped")" "$(normalise <"$TEST_TMP/doctor.pane-piped")" \
    "doctor piped at $cols columns: not wrapped"
done
tm resize-window -t t -x 60 -y 50
sandbox_logout
run_in_pane "eks-sso connect --context sandbox-admin --no-prompt"
check_width 60 "login block at 60 columns"
assert_contains "$pane" $'\n  → Login with AWS SSO:\n      eks-sso login --context sandbox-admin\n' \
  "login block at 60: the command whole on its own line" 
run_in_pane "eks-sso connect --context sandbox-admin --no-prompt 2>$TEST_TMP/login.piped"
assert_contains "$(cat "$TEST_TMP/login.piped")" "  → Login with AWS SSO:  eks-sso login --context sandbox-admin" \
  "login block piped: one line, as always"
sandbox_login sandbox-admin
# Fix texts at 60 columns (a 401: the access-entry fixes): the explanations wrap, every fix
# command of the piped report is on the screen whole, on a line of its own.
sandbox_eks_sso doctor --context sandbox-noentry >"$TEST_TMP/noentry.piped" 2>/dev/null
tm resize-window -t t -x 60 -y 150
run_in_pane "eks-sso doctor --context sandbox-noentry"
check_width 60 "doctor fixes at 60 columns"
fixes=0
while IFS= read -r line; do
  is_command_line "$line" || continue
  fixes=$((fixes + 1))
  grep -qxF -- "$line" <<<"$pane" || fail "fix command at 60 columns not whole on its line: $line"
done < <(normalise <"$TEST_TMP/noentry.piped" | grep '^        ')
((fixes >= 2)) || fail "the 401 report has fix commands ($fixes)"
tm resize-window -t t -x 120 -y 50

# --- login --no-browser: the AWS CLI talks to the terminal, nothing is drawn over it -----------------
run_in_pane "eks-sso login --context sandbox-admin --no-browser"
expect_pane "login" "$G/login.txt"

# --- logout-test ----------------------------------------------------------------------------------------
run_in_pane "eks-sso logout-test --context sandbox-admin"
expect_pane "logout-test" "$G/logout-test.txt"

finish
