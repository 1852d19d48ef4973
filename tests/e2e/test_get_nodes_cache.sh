#!/usr/bin/env bash
# `get nodes` through the credential cache (issue 7): one plugin run for repeated and concurrent
# runs, --no-cache bypasses it, a logout is noticed, a 401 drops the entry.
source "$(dirname "$0")/sandbox_lib.sh"
require_sandbox_bin
sandbox_tmpdir >/dev/null
sandbox_start
sandbox_login sandbox-admin >/dev/null
LOG="$SANDBOX_DIR/aws-argv.log"
gn() { sandbox_run env EKS_SSO_SANDBOX_AWS_LOG="$LOG" "$EKS_SSO_BIN" get nodes "$@"; }
count() { grep -c '"get-token"' "$LOG" 2>/dev/null || echo 0; }

first=$(gn 2>&1); rc=$?
assert_rc 0 "$rc" "first get nodes"
second=$(gn 2>&1); rc=$?
assert_rc 0 "$rc" "second get nodes"
assert_eq "$first" "$second" "same output from the cache"
assert_eq 1 "$(count)" "two runs, one plugin run"
gn --no-cache >/dev/null 2>&1
assert_eq 2 "$(count)" "--no-cache runs the plugin"

# 50 concurrent runs with an empty cache: one plugin run, no corrupt or leftover file.
sandbox_run "$EKS_SSO_BIN" cache clear >/dev/null
: >"$LOG"
pids=()
for i in $(seq 50); do gn -o name >"$SANDBOX_DIR/par.$i" 2>&1 & pids+=($!); done
bad=0
for p in "${pids[@]}"; do wait "$p" || bad=$((bad + 1)); done
assert_eq 0 "$bad" "50 concurrent get nodes all succeed"
assert_eq 1 "$(count)" "50 concurrent get nodes, one plugin run"
for i in $(seq 50); do assert_eq "$(cat "$SANDBOX_DIR/par.1")" "$(cat "$SANDBOX_DIR/par.$i")" "concurrent output $i"; done
leftovers=$(find "$SANDBOX_DIR/home/.cache/eks-sso" -type f ! -name '*.json' ! -name '*.lock' | wc -l)
assert_eq 0 "$leftovers" "no temporary files left"

# After a logout the cached credential is not served: the login action, exit 3.
sandbox_logout >/dev/null
out=$(gn 2>&1); rc=$?
assert_rc 3 "$rc" "logged out: the cache does not hide it"
assert_contains "$out" "Login with AWS SSO" "logged out: action"

# A 401: the entry is dropped (the refresh reran the plugin, the next run does again).
sandbox_login sandbox-noentry >/dev/null
: >"$LOG"
gn --context sandbox-noentry >/dev/null 2>&1
rc=$?
assert_rc 4 "$rc" "401"
before=$(count)
gn --context sandbox-noentry >/dev/null 2>&1
(( $(count) > before )) || fail "after a 401 the credential was served from the cache again"
finish
