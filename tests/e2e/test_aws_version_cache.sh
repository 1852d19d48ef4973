#!/usr/bin/env bash
# The AWS CLI version remembered across runs (issue 16, defect 2): through the kubectl wrapper
# (`eks-sso credential`) a logged-out run needs the AWS CLI's major version, and asked
# `aws --version` every time. It is now remembered in eks-sso's cache folder (where the
# credential cache lives) by the binary's path, mtime and size: the next runs start no
# `aws --version`; a changed binary (a new mtime) is asked again; a corrupt file is ignored and
# rewritten. A fake aws in front of the sandbox's counts its --version runs.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"
sandbox_start
AWS_LOG="$TEST_TMP/aws.log"
mkdir -p "$SANDBOX_DIR/real"
mv "$SANDBOX_DIR/bin/aws" "$SANDBOX_DIR/real/aws"
printf '#!/bin/sh\nprintf "%%s\\n" "$*" >>"%s"\nexec "%s" "$@"\n' "$AWS_LOG" "$SANDBOX_DIR/real/aws" \
  >"$SANDBOX_DIR/bin/aws"
chmod +x "$SANDBOX_DIR/bin/aws"
CACHE="$SANDBOX_DIR/home/.cache/eks-sso/aws-cli-versions.memo"
versions() { [[ -f $AWS_LOG ]] && grep -c '^--version$' "$AWS_LOG" || echo 0; }
get_tokens() { [[ -f $AWS_LOG ]] && grep -c 'eks get-token' "$AWS_LOG" || echo 0; }
wrap() { # wrap ARGS...: eks-sso credential as kubectl runs it; $rc $err
  sandbox_run env 'KUBERNETES_EXEC_INFO={"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":false}}' \
    "$EKS_SSO_BIN" credential --context sandbox-admin "$@" >/dev/null 2>"$TEST_TMP/err" </dev/null
  rc=$?
  err=$(cat "$TEST_TMP/err")
}

sandbox_logout
wrap
assert_rc 3 "$rc" "logged out: exit 3"
assert_eq 1 "$(versions)" "first run: aws --version once"
[[ -f $CACHE ]] || fail "the version is remembered in the cache folder: $CACHE"
assert_eq 600 "$(stat -c %a "$CACHE")" "the file is 0600"
assert_contains "$(cat "$CACHE")" "\"$SANDBOX_DIR/bin/aws\"" "keyed by the binary's path"
# --no-cache: no login memo, so the plugin runs each time; the version is remembered all the same.
for i in 1 2 3; do
  wrap --no-cache
  assert_rc 3 "$rc" "run $i: exit 3"
done
assert_eq 4 "$(get_tokens)" "the plugin ran every time"
assert_eq 1 "$(versions)" "the next runs: no aws --version"
wrap --no-cache -v 1
assert_contains "$err" "aws-cli version: $SANDBOX_DIR/bin/aws is " "-v 1 says the version was remembered"
assert_eq 1 "$(versions)" "-v 1 run: no aws --version"

# A changed binary (an upgrade in place: a new mtime) is asked again, once.
touch -d '+1 minute' "$SANDBOX_DIR/bin/aws"
wrap --no-cache
wrap --no-cache
assert_eq 2 "$(versions)" "a new mtime: aws --version once more"

# A corrupt file is ignored (the version asked again), then rewritten.
printf '{"%s": {"mtimeNs": "garbage"' "$SANDBOX_DIR/bin/aws" >"$CACHE"
wrap --no-cache
assert_rc 3 "$rc" "corrupt cache file: still the login verdict"
assert_not_contains "$err" "error" "corrupt cache file: no error shown"
assert_eq 3 "$(versions)" "corrupt cache file: aws --version asked"
wrap --no-cache
assert_eq 3 "$(versions)" "rewritten: remembered again"

# `cache clear` forgets it too.
sandbox_eks_sso cache clear >/dev/null
[[ ! -e $CACHE ]] || fail "cache clear removes the remembered versions"
wrap --no-cache
assert_eq 4 "$(versions)" "after cache clear: aws --version asked again"

# The verdict is the same as without the cache: logged in, the credential is served.
sandbox_login sandbox-admin
wrap --no-cache
assert_rc 0 "$rc" "logged in: a credential"
finish
