#!/usr/bin/env bash
# eks-sso logout-test (guide step 10): isolated mode detects the logged-out state without touching
# the real session; static credentials fail with the reason; --real logs out for real (and refuses
# without --yes when there is no terminal); an offline logout is reported, not passed. The argv log
# proves no `aws sso login` ever ran. The real AWS CLI case is
# test_logout_test_real_aws.sh.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

sandbox_start
home="$SANDBOX_DIR/home"
token_file="$home/.aws/sso/cache/$(printf '%s' sandbox-sso | sha1sum | cut -d' ' -f1).json"
sandbox_login sandbox-admin  # a real session to protect
[[ -f "$token_file" ]] || fail "sandbox login wrote no token"
log="$TEST_TMP/argv.log"
: >"$log"
export EKS_SSO_SANDBOX_AWS_LOG="$log"
mkdir -p "$TEST_TMP/tmp"

eks() {
  sandbox_run env TMPDIR="$TEST_TMP/tmp" "$EKS_SSO_BIN" "$@" >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
  rc=$?
  out=$(cat "$TEST_TMP/o")
  err=$(cat "$TEST_TMP/e")
}
home_sums() { (cd "$home" && find .aws -type f | sort | xargs sha1sum); }

# --- isolated: PASS, the real session untouched -----------------------------------------------------
before=$(home_sums)
eks logout-test --context sandbox-admin
assert_rc 0 "$rc" "isolated pass"
assert_eq 'PASS: the logged-out state of context "sandbox-admin" is detected and the login action is shown (isolated, session untouched; no aws sso login, no browser)' "$out"
assert_contains "$err" "logout-test: context \"sandbox-admin\": running its credential source as if logged out (HOME=$TEST_TMP/tmp/eks-sso-logout-test-"
assert_contains "$err" "AWS config $home/.aws/config, credentials $home/.aws/credentials; your session is not touched)"
assert_contains "$err" 'The prompt a logged-out user sees:
AWS SSO login required for context "sandbox-admin"
  profile "sandbox-admin": no SSO token is cached (never logged in, or logged out)
  sso-session "sandbox-sso", start URL https://d-9067sandbox.awsapps.com/start
  (the exec plugin said: Error loading SSO Token: Token for sandbox-sso does not exist)
  → Login with AWS SSO:  eks-sso login --context sandbox-admin
    (runs: aws sso login --profile sandbox-admin)'
assert_contains "$err" 'processes started:
  aws --region us-east-1 eks get-token --cluster-name sandbox-eks --output json'
assert_eq "$before" "$(home_sums)" "real SSO cache untouched"
assert_eq "" "$(ls -A "$TEST_TMP/tmp")" "throwaway home removed"
[[ -f "$token_file" ]] || fail "token file gone"
sandbox_run aws --profile sandbox-admin eks get-token --cluster-name sandbox-eks >/dev/null 2>&1
assert_rc 0 "$?" "still logged in for real"

# -o json: the proof
: >"$log"
eks logout-test --context sandbox-admin -o json
assert_rc 0 "$rc" "isolated json"
printf '%s' "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j["status"] == "pass" and j["mode"] == "isolated" and j["exitCode"] == 0, j
assert j["context"] == "sandbox-admin" and j["profile"] == "sandbox-admin", j
assert j["loginStarted"] is False, j
d = j["detected"]
assert d["status"] == "login_required" and d["reason"] == "sso_token_missing", d
assert d["action"] == {"label": "Login with AWS SSO", "command": "eks-sso login --context sandbox-admin",
                       "awsCommand": "aws sso login --profile sandbox-admin"}, d
p = j["processes"]
assert ["aws", "--region", "us-east-1", "eks", "get-token", "--cluster-name", "sandbox-eks", "--output", "json"] in p, p
assert all("login" not in argv for argv in p), p
' || fail "isolated json: $out"
assert_eq "" "$(grep -E '"(sso","login|login)"' "$log")" "no login in the argv log"

# --- a context that does not depend on SSO: FAIL (exit 1) with the reason --------------------------
eks logout-test --context sandbox-static
assert_rc 1 "$rc" "static"
assert_eq "FAIL: AWS profile \"sandbox-static\" has static keys (aws_access_key_id in $home/.aws/credentials): the context does not depend on AWS SSO" "$out"
assert_contains "$err" "error: the plugin still got a credential without an SSO token: AWS profile \"sandbox-static\" has static keys"
eks logout-test --context sandbox-static -o json
assert_rc 1 "$rc" "static json"
python3 -c 'import json,sys; j=json.loads(sys.argv[1]); assert j["status"]=="fail" and j["reason"]["id"]=="static-keys" and j["detected"] is None and j["loginStarted"] is False, j' "$out" ||
  fail "static json: $out"
eks logout-test --context sandbox-token
assert_rc 1 "$rc" "token"
assert_eq 'FAIL: the context authenticates with a token from the kubeconfig (user "sandbox-token"), not through an exec plugin: it does not depend on AWS SSO' "$out"
# Keys in the environment beat AWS_PROFILE (aws.md 3).
sandbox_run env AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=secret TMPDIR="$TEST_TMP/tmp" "$EKS_SSO_BIN" \
  logout-test --context sandbox-admin >"$TEST_TMP/o" 2>/dev/null </dev/null
assert_rc 1 "$?" "env keys"
assert_eq 'FAIL: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the plugin'"'"'s environment take precedence over AWS_PROFILE=sandbox-admin: the context does not depend on AWS SSO' "$(cat "$TEST_TMP/o")"

# --- usage ---------------------------------------------------------------------------------------------
eks logout-test --yes
assert_rc 2 "$rc" "--yes alone"
assert_eq 'error: --yes only applies with --real
  eks-sso logout-test --real --yes' "$err"
: >"$log"
eks logout-test --context sandbox-admin --real
assert_rc 2 "$rc" "--real without --yes, no terminal"
assert_eq 'error: logout-test --real runs aws sso logout, which logs out every AWS SSO session: without a terminal to ask on, it needs --yes
  eks-sso logout-test --real --yes
  or, leaving the session alone: eks-sso logout-test' "$err"
assert_eq "" "$(cat "$log")" "nothing ran"
[[ -f "$token_file" ]] || fail "refused --real must not log out"

# --- --real on a static context: nothing to log out, no logout run ---------------------------------
eks logout-test --context sandbox-static --real --yes
assert_rc 1 "$rc" "real static"
assert_contains "$err" 'error: nothing to log out: AWS profile "sandbox-static" has static keys'
assert_eq "" "$(grep logout "$log")" "no logout for a static context"

# --- --real --yes: logs out for real and detects it -------------------------------------------------
: >"$log"
eks logout-test --context sandbox-admin --real --yes -o json
assert_rc 0 "$rc" "real"
[[ ! -e "$token_file" ]] || fail "--real did not delete the sandbox token"
assert_contains "$err" "Running: aws sso logout --profile sandbox-admin"
assert_contains "$err" 'AWS SSO login required for context "sandbox-admin"'
assert_contains "$err" "You are now logged out; eks-sso does not log back in by itself."
printf '%s' "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j["status"] == "pass" and j["mode"] == "real" and j["loginStarted"] is False, j
assert ["aws", "sso", "logout", "--profile", "sandbox-admin"] in j["processes"], j
assert j["detected"]["reason"] == "sso_token_missing", j
' || fail "real json: $out"
assert_contains "$(cat "$log")" '["aws","sso","logout","--profile","sandbox-admin"]'
assert_eq "" "$(grep -E '"login"' "$log")" "no login after the real logout"

# --- offline aws sso logout: exit 255, nothing deleted: FAIL (exit 6), not a false PASS --------------
sandbox_login sandbox-admin
mkdir -p "$TEST_TMP/offline"
cat >"$TEST_TMP/offline/aws" <<'EOF'
#!/bin/sh
[ "$1" = "--version" ] && { echo "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off"; exit 0; }
[ "$1 $2" = "sso logout" ] && { printf '\nCould not connect to the endpoint URL: "https://portal.sso.us-east-1.amazonaws.com/logout"\n' >&2; exit 255; }
exit 1
EOF
chmod +x "$TEST_TMP/offline/aws"
before=$(home_sums)
env -i HOME="$home" PATH="$TEST_TMP/offline:/usr/bin:/bin" KUBECONFIG="$SANDBOX_KUBECONFIG" \
  "$EKS_SSO_BIN" logout-test --context sandbox-admin --real --yes >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
assert_rc 6 "$?" "offline logout"
assert_contains "$(cat "$TEST_TMP/e")" 'error: aws sso logout could not reach AWS (exit 255) and deleted nothing: the SSO session is unchanged, so there is nothing to test
  the AWS CLI said: Could not connect to the endpoint URL: "https://portal.sso.us-east-1.amazonaws.com/logout"'
assert_eq 'FAIL: aws sso logout could not reach AWS (exit 255) and deleted nothing: the SSO session is unchanged, so there is nothing to test' "$(cat "$TEST_TMP/o")"
assert_eq "$before" "$(home_sums)" "offline: cache unchanged"

# --- --real on a terminal (script(1) gives a pty): asks, "n" logs out nothing, "y" does ----------
if command -v script >/dev/null; then
  sandbox_login sandbox-admin
  tty_run() {
    printf '%s\n' "$1" | env -i HOME="$home" PATH="$SANDBOX_DIR/bin:/usr/bin:/bin" KUBECONFIG="$SANDBOX_KUBECONFIG" \
      TERM=dumb EKS_SSO_SANDBOX_AWS_LOG="$log" script -qec "$EKS_SSO_BIN logout-test --real --context sandbox-admin" /dev/null \
      >"$TEST_TMP/o" 2>&1
  }
  : >"$log"
  tty_run n
  assert_contains "$(cat "$TEST_TMP/o")" 'This runs "aws sso logout --profile sandbox-admin", which logs out every AWS SSO session on this machine, not only profile "sandbox-admin". Continue? [y/N] '
  assert_contains "$(cat "$TEST_TMP/o")" "FAIL: cancelled: nothing was logged out"
  [[ -f "$token_file" ]] || fail "answering n must not log out"
  assert_eq "" "$(grep logout "$log")" "no logout after n"
  tty_run y
  assert_contains "$(cat "$TEST_TMP/o")" 'PASS: the logged-out state of context "sandbox-admin" is detected and the login action is shown (after aws sso logout; no aws sso login, no browser)'
  [[ ! -e "$token_file" ]] || fail "answering y must log out"
  assert_eq "" "$(grep -E '"login"' "$log")" "no login on the terminal path"
else
  echo "note: script(1) not found: the terminal cases are skipped" >&2
fi

finish
