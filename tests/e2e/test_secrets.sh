#!/usr/bin/env bash
# Issue 9, secrets: no token, SSO access/refresh token, client secret or secret key appears in
# anything eks-sso prints, at any verbosity. Every command in COMMANDS runs at -v 9 against the
# sandbox in three SSO states (logged in, expired, logged out); all stdout and stderr (and the argv
# log of the fake aws) is searched for the known secret values:
#   - the static kubeconfig token "sandbox-static-token" (sandbox/README.md, context sandbox-token);
#   - every accessToken, refreshToken and clientSecret in the sandbox's SSO cache, read from the
#     cache files before and after each command (login writes new ones);
#   - the IAM user's aws_secret_access_key from the sandbox credentials file;
#   - any EKS token: "k8s-aws-v1." followed by token characters.
# Commands still being written are listed too: today they exit 2 ("not implemented yet", or an
# unknown command); the test covers them as soon as they land. To cover a new command, add a line
# to COMMANDS. A command whose stdout IS a credential by design (the kubectl exec-plugin wrapper)
# goes in CREDENTIAL_COMMANDS too: its stdout may hold the EKS token, nothing else.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

COMMANDS=(
  "version"
  "completion bash"
  "contexts"
  "contexts -o json"
  "contexts -o yaml"
  "__complete contexts"
  "connect --context sandbox-admin"
  "connect --context sandbox-admin -o json"
  "connect --context sandbox-legacy"
  "connect --context sandbox-static -o yaml"
  "connect --context sandbox-token -o json"
  "connect --context sandbox-noentry"
  "connect --context sandbox-forbidden"
  "connect --context sandbox-wrong-cluster"
  "connect --context sandbox-admin --use-cache"
  "get nodes --context sandbox-token"
  "get nodes --context sandbox-admin -o json"
  "get nodes --context sandbox-admin -o wide"
  "get nodes --context sandbox-static -o yaml"
  "doctor --context sandbox-admin"
  "doctor --context sandbox-admin -o json"
  "doctor --context sandbox-token -o markdown"
  "doctor --all-contexts -o json"
  "doctor --all-contexts -o junit"
  "logout-test --context sandbox-admin"
  "logout-test --context sandbox-admin -o json"
  "credential --context sandbox-admin"
  "credential --context sandbox-token"
  "login --context sandbox-admin --no-browser"
  "login --context sandbox-legacy --no-browser -o json"
)
CREDENTIAL_COMMANDS=("credential")

require_sandbox_bin
sandbox_start
export EKS_SSO_SANDBOX_AWS_LOG="$TEST_TMP/aws-argv.log"
: >"$EKS_SSO_SANDBOX_AWS_LOG"
CACHE="$SANDBOX_DIR/home/.aws/sso/cache"

# Prints the secret values known now, one per line.
known_secrets() {
  echo "sandbox-static-token"
  sed -n 's/^aws_secret_access_key *= *//p' "$SANDBOX_DIR/home/.aws/credentials"
  # The AWS CLI writes each cache file as one line of JSON.
  cat "$CACHE"/*.json 2>/dev/null | grep -oE '"(accessToken|refreshToken|clientSecret)": *"[^"]{8,}"' |
    sed -E 's/^"[A-Za-z]+": *"//; s/"$//'
}

# found_secret FILE [stdout-is-a-credential]: prints what was found (a secret's first characters,
# or "an EKS token") and succeeds when FILE holds a known secret.
found_secret() {
  local file=$1 credential=${2:-} secret
  while IFS= read -r secret; do
    [[ -n "$secret" ]] || continue
    if grep -qF -- "$secret" "$file"; then
      echo "a secret (${secret:0:6}…)"
      return 0
    fi
  done <"$TEST_TMP/secrets"
  if [[ -z "$credential" ]] && grep -qE 'k8s-aws-v1\.[A-Za-z0-9_-]{8}' "$file"; then
    echo "an EKS token"
    return 0
  fi
  return 1
}

# check_no_secret FILE "what" [stdout-is-a-credential]
check_no_secret() {
  local found
  if found=$(found_secret "$1" "${3:-}"); then
    fail "$2: prints $found"
  fi
}

is_credential_command() {
  local c
  for c in "${CREDENTIAL_COMMANDS[@]}"; do [[ "$1" == "$c" ]] && return 0; done
  return 1
}

RUNS=0
run_all() { # run_all SCENARIO
  local scenario=$1 cmd i=0 rc words
  for cmd in "${COMMANDS[@]}"; do
    i=$((i + 1))
    read -ra words <<<"$cmd"
    known_secrets >"$TEST_TMP/secrets"
    # A finite limit: a hang is a failure, not a stuck test.
    sandbox_run timeout -k 5 120 "${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}" -v 9 "${words[@]}" \
      >"$TEST_TMP/out" 2>"$TEST_TMP/err" </dev/null
    rc=$?
    RUNS=$((RUNS + 1))
    known_secrets >>"$TEST_TMP/secrets"
    if ((rc >= 124)); then
      fail "$scenario: eks-sso -v 9 $cmd: exit $rc (crash, signal or timeout)"
      sed 's/^/  | /' "$TEST_TMP/err" | tail -n 20 >&2
    fi
    if is_credential_command "${words[0]}"; then
      check_no_secret "$TEST_TMP/out" "$scenario: eks-sso -v 9 $cmd (stdout)" credential
    else
      check_no_secret "$TEST_TMP/out" "$scenario: eks-sso -v 9 $cmd (stdout)"
    fi
    check_no_secret "$TEST_TMP/err" "$scenario: eks-sso -v 9 $cmd (stderr)"
  done
  check_no_secret "$EKS_SSO_SANDBOX_AWS_LOG" "$scenario: argv passed to aws"
}

# The checker itself must be able to fail: a file holding the static token is caught.
known_secrets >"$TEST_TMP/secrets"
grep -q '^sandbox-static-token$' "$TEST_TMP/secrets" || fail "the static token is not among the known secrets"
printf 'Authorization: Bearer sandbox-static-token\n' >"$TEST_TMP/probe"
found_secret "$TEST_TMP/probe" >/dev/null || fail "the secret check misses the static token"
printf 'token: k8s-aws-v1.aHR0cHM6Ly9zdHMu\n' >"$TEST_TMP/probe"
found_secret "$TEST_TMP/probe" >/dev/null || fail "the secret check misses an EKS token"

# Logged in: both SSO token kinds in the cache (session and legacy), with refresh tokens.
sandbox_login sandbox-admin
sandbox_login sandbox-legacy
known_secrets >"$TEST_TMP/secrets"
[[ $(grep -c . "$TEST_TMP/secrets") -ge 5 ]] || fail "the SSO cache holds no tokens after sandbox_login"
run_all "logged in"

# Expired: the cache holds tokens that expired an hour ago (still secrets).
sandbox_logout >/dev/null
sandbox_login_expired sandbox-admin
sandbox_login_expired sandbox-legacy
run_all "expired"

# Logged out: no SSO token at all (the plugin fails; messages must still hold no secret).
sandbox_logout >/dev/null
run_all "logged out"

echo "$RUNS runs searched"
finish
