#!/usr/bin/env bash
# eks-sso login against the sandbox's fake aws: it turns a login-required context into a connected
# one (running exactly one `aws sso login`), refuses without a terminal unless --no-browser is given,
# verifies the token cache and the plugin afterwards, and stops at the AWS CLI's limits (v1, timeout).
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

sandbox_start
log="$TEST_TMP/argv.log"
: >"$log"
export EKS_SSO_SANDBOX_AWS_LOG="$log"
token_file="$SANDBOX_DIR/home/.aws/sso/cache/$(printf '%s' sandbox-sso | sha1sum | cut -d' ' -f1).json"

# eks ARGS... -> $out $err $rc (stdin is never a terminal here)
eks() {
  sandbox_eks_sso "$@" >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
  rc=$?
  out=$(cat "$TEST_TMP/o")
  err=$(cat "$TEST_TMP/e")
}
login_lines() { grep -c '"sso","login"' "$log"; }

# --- logged out: the context needs a login ---------------------------------------------------------
[[ ! -e "$token_file" ]] || fail "sandbox starts logged in"

# --- no terminal and no --no-browser: refused before anything runs --------------------------------
eks login --context sandbox-admin
assert_rc 2 "$rc" "no terminal"
assert_eq 'error: eks-sso login needs a terminal: standard input is not a terminal, and aws sso login would open a browser and wait for a person
  log in from a terminal: eks-sso login
  or print the URL and code instead of opening a browser (it still waits up to --login-timeout for someone to enter the code): eks-sso login --no-browser' "$err" "refusal text"
assert_eq "" "$out" "refusal stdout"
assert_eq "" "$(cat "$log")" "nothing ran when refused"

sandbox_run env CI=true "$EKS_SSO_BIN" login --context sandbox-admin >/dev/null 2>"$TEST_TMP/e" </dev/null
assert_rc 2 "$?" "CI without --no-browser"
assert_contains "$(cat "$TEST_TMP/e")" "error: eks-sso login needs a terminal: CI is set, and aws sso login"

eks login --context sandbox-admin --no-browser --login-timeout 0
assert_rc 2 "$rc" "bad --login-timeout"
assert_eq 'error: invalid --login-timeout "0": use a positive duration such as 5m' "$err"

# --- the login: exactly one aws sso login, then verified -------------------------------------------
eks login --context sandbox-admin --no-browser
assert_rc 0 "$rc" "login"
assert_contains "$err" 'note: profile "sandbox-admin" uses sso-session "sandbox-sso": "aws sso login --sso-session sandbox-sso" would log in every profile sharing it
Running: aws sso login --profile sandbox-admin --no-browser
'
# The AWS CLI's own prompt reaches the person (stdout inherited with -o table).
assert_contains "$out" $'Browser will not be automatically opened.\nPlease visit the following URL:\n\nhttps://device.sso.us-east-1.amazonaws.com/'
assert_contains "$out" "Successfully logged into Start URL: https://d-9067sandbox.awsapps.com/start"
assert_contains "$err" '✓ SSO token for profile "sandbox-admin" is valid until '
[[ "$err" =~ \((7h59m|8h)\ left\) ]] || fail "time left of a fresh 8h token: $err"
assert_contains "$err" $'✓ context "sandbox-admin": the exec plugin returned a credential (expires '
assert_contains "$err" $'\nLogged in.'
assert_eq 1 "$(login_lines)" "one sso login"
assert_eq '["aws","sso","login","--profile","sandbox-admin","--no-browser"]' "$(grep '"sso","login"' "$log")" "login argv"
assert_contains "$(cat "$log")" '["aws","--region","us-east-1","eks","get-token","--cluster-name","sandbox-eks","--output","json"]' "verified with the plugin"
[[ -f "$token_file" ]] || fail "no token written"
# Now connected: the plugin works from the real home and the API answers.
sandbox_run aws --profile sandbox-admin eks get-token --cluster-name sandbox-eks >/dev/null 2>&1
assert_rc 0 "$?" "get-token after login"

# --- -o json: stdout is only the result object; the AWS CLI's prompt goes to stderr ----------------
sandbox_logout
: >"$log"
eks login --context sandbox-admin --no-browser -o json
assert_rc 0 "$rc" "login -o json"
printf '%s' "$out" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j["status"] == "logged_in", j
assert j["context"] == "sandbox-admin" and j["profile"] == "sandbox-admin", j
assert j["command"] == "aws sso login --profile sandbox-admin --no-browser", j
assert j["awsExitCode"] == 0, j
assert j["ssoToken"]["state"] == "valid" and j["ssoToken"]["expiresAt"].endswith("Z"), j
assert j["ssoToken"]["session"] == "sandbox-sso", j
c = j["credential"]
assert c["apiVersion"] == "client.authentication.k8s.io/v1beta1" and c["expirationTimestamp"].endswith("Z"), j
assert c["command"] == "aws --region us-east-1 eks get-token --cluster-name sandbox-eks --output json", j
' || fail "login json: $out"
assert_contains "$err" "Successfully logged into Start URL: https://d-9067sandbox.awsapps.com/start"
assert_not_contains "$out$err" "k8s-aws-v1." "no EKS token printed"
assert_not_contains "$out$err" "$(sed -n 's/.*"accessToken": "\([^"]*\)".*/\1/p' "$token_file")" "no SSO token printed"
assert_eq 1 "$(login_lines)" "one sso login (json)"

# --- --use-device-code on the sandbox's aws-cli/2.15.0: dropped with a note -------------------------
sandbox_logout
: >"$log"
eks login --context sandbox-legacy --no-browser --use-device-code
assert_rc 0 "$rc" "legacy login"
assert_contains "$err" "note: aws-cli/2.15.0 has no --use-device-code (it needs 2.22 or later) and uses the device code flow anyway: flag dropped"
assert_eq '["aws","sso","login","--profile","sandbox-legacy","--no-browser"]' "$(grep '"sso","login"' "$log")" "device code dropped"
assert_not_contains "$err" "sso-session" "legacy: no sso-session note"

# --- the login "succeeds" but writes an expired token: verification catches it (exit 3) ------------
sandbox_logout
sandbox_run env EKS_SSO_SANDBOX_SSO_TTL=-3600 "$EKS_SSO_BIN" login --context sandbox-admin --no-browser \
  >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
rc=$?
assert_rc 3 "$rc" "expired token after login"
assert_contains "$(cat "$TEST_TMP/e")" 'error: aws sso login succeeded, but the SSO token cache for profile "sandbox-admin" is still not valid: the SSO token expired 1h ago ('

# --- --profile differs from the context's: the plugin still needs its own login --------------------
sandbox_logout
eks login --context sandbox-admin --profile sandbox-legacy --no-browser
assert_rc 3 "$rc" "other profile"
assert_contains "$err" 'note: context "sandbox-admin" uses profile "sandbox-admin", not "sandbox-legacy"'
assert_contains "$err" "Running: aws sso login --profile sandbox-legacy --no-browser"
assert_contains "$err" 'error: logged in, but the exec plugin of context "sandbox-admin" still needs an AWS SSO login: the context'"'"'s plugin uses profile "sandbox-admin", which this login did not cover'
assert_contains "$err" 'AWS SSO login required for context "sandbox-admin"'

# --- --profile without a usable kubeconfig: only the token is verified -----------------------------
sandbox_logout
sandbox_run env KUBECONFIG="$TEST_TMP/none.yaml" "$EKS_SSO_BIN" login --profile sandbox-admin --no-browser \
  >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
assert_rc 0 "$?" "profile only"
assert_contains "$(cat "$TEST_TMP/e")" "Logged in (no context: the exec plugin was not checked)."

# --- contexts that SSO login cannot help: exit 7, no login ------------------------------------------
: >"$log"
eks login --context sandbox-static --no-browser
assert_rc 7 "$rc" "static context"
assert_eq 'error: AWS profile "sandbox-static" does not use AWS SSO (static-keys): aws sso login cannot help' "$err"
eks login --context sandbox-token --no-browser
assert_rc 7 "$rc" "token context"
assert_eq 'error: context "sandbox-token" does not use an AWS exec plugin (auth: token): no AWS profile to log in
  name the profile: eks-sso login --profile PROFILE' "$err"
eks login --profile nope --no-browser
assert_rc 7 "$rc" "unknown profile"
assert_contains "$err" "error: AWS profile \"nope\" not found in $SANDBOX_DIR/home/.aws/config"
assert_eq 0 "$(login_lines)" "no login for unusable profiles"

# --- AWS CLI v1 first on the PATH: no aws sso login at all -----------------------------------------
mkdir -p "$TEST_TMP/v1" "$TEST_TMP/slow"
cat >"$TEST_TMP/v1/aws" <<'EOF'
#!/bin/sh
echo "$*" >>"$(dirname "$0")/calls"
[ "$1" = "--version" ] && { echo "aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11"; exit 0; }
exit 2
EOF
cat >"$TEST_TMP/slow/aws" <<'EOF'
#!/bin/sh
[ "$1" = "--version" ] && { echo "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off"; exit 0; }
[ "$1" = "sso" ] && { echo "Browser will not be automatically opened."; sleep 30; exit 0; }
exit 1
EOF
chmod +x "$TEST_TMP/v1/aws" "$TEST_TMP/slow/aws"
env -i HOME="$SANDBOX_DIR/home" PATH="$TEST_TMP/v1:/usr/bin:/bin" KUBECONFIG="$SANDBOX_KUBECONFIG" \
  "$EKS_SSO_BIN" login --context sandbox-admin --no-browser >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
assert_rc 7 "$?" "v1"
assert_eq 'error: SSO login needs AWS CLI v2: "aws" is aws-cli/1.45.11, which has no "aws sso login"
  install AWS CLI v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html' "$(cat "$TEST_TMP/e")"
assert_eq "--version" "$(cat "$TEST_TMP/v1/calls")" "v1: only --version ran"

# --- --login-timeout: the login is stopped, the login is still required (exit 3) -------------------
start=$(date +%s)
env -i HOME="$SANDBOX_DIR/home" PATH="$TEST_TMP/slow:/usr/bin:/bin" KUBECONFIG="$SANDBOX_KUBECONFIG" \
  "$EKS_SSO_BIN" login --context sandbox-admin --no-browser --login-timeout 1s -o json >"$TEST_TMP/o" 2>"$TEST_TMP/e" </dev/null
rc=$?
assert_rc 3 "$rc" "timeout"
(( $(date +%s) - start < 10 )) || fail "the login was not stopped at --login-timeout"
assert_contains "$(cat "$TEST_TMP/e")" "error: aws sso login did not finish within 1s (--login-timeout) and was stopped: the AWS SSO login is still required"
assert_contains "$(cat "$TEST_TMP/e")" "Browser will not be automatically opened." "prompt on stderr with -o json"
python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); assert j["status"]=="timed_out" and j["awsExitCode"] is None, j' "$TEST_TMP/o" ||
  fail "timeout json: $(cat "$TEST_TMP/o")"

# --- on a terminal (script(1) gives a pty) no --no-browser is needed --------------------------------
if command -v script >/dev/null; then
  sandbox_logout
  : >"$log"
  env -i HOME="$SANDBOX_DIR/home" PATH="$SANDBOX_DIR/bin:/usr/bin:/bin" KUBECONFIG="$SANDBOX_KUBECONFIG" TERM=dumb \
    EKS_SSO_SANDBOX_AWS_LOG="$log" script -qec "$EKS_SSO_BIN login --context sandbox-admin" /dev/null \
    >"$TEST_TMP/o" 2>&1 </dev/null
  assert_rc 0 "$?" "login on a terminal"
  assert_contains "$(cat "$TEST_TMP/o")" "Running: aws sso login --profile sandbox-admin"
  assert_contains "$(cat "$TEST_TMP/o")" "Logged in."
  assert_eq '["aws","sso","login","--profile","sandbox-admin"]' "$(grep '"sso","login"' "$log")" "terminal login argv"
  # CI set: refused even on a terminal without --no-browser
  env -i HOME="$SANDBOX_DIR/home" PATH="$SANDBOX_DIR/bin:/usr/bin:/bin" KUBECONFIG="$SANDBOX_KUBECONFIG" TERM=dumb CI=true \
    script -qec "$EKS_SSO_BIN login --context sandbox-admin" /dev/null >"$TEST_TMP/o" 2>&1 </dev/null
  assert_contains "$(cat "$TEST_TMP/o")" "error: eks-sso login needs a terminal: CI is set"
else
  echo "note: script(1) not found: the terminal cases are skipped" >&2
fi

finish
