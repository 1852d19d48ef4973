#!/usr/bin/env bash
# One command reads each file once (issue 13): on the login-required path `connect` (plain) and
# `get nodes` (through the credential cache, whose SSO cap reads the token cache before the plugin
# runs) open the AWS config and the SSO token file once each, and run `aws --version` once, however
# many steps ask (ContextAccess's memo). strace counts the opens of eks-sso and its children; the
# fake `aws` reads neither file.
source "$(dirname "$0")/common.sh"
command -v strace >/dev/null || skip "strace not found"
strace -f -qq -e trace=none true 2>/dev/null || skip "strace cannot trace here (ptrace not permitted)"
W=$T/w
mkdir -p "$W/bin" "$W/home/.aws/sso/cache"

cat >"$W/bin/aws" <<'PLUGIN'
#!/bin/sh
echo "$*" >>"$AWS_LOG"
if [ "$1" = "--version" ]; then echo "aws-cli/2.15.0 Python/3.11.2 Linux/6.1 exe/x86_64.debian.12"; exit 0; fi
printf '\nError when retrieving token from sso: Token has expired and refresh failed\n' >&2
exit 255
PLUGIN
chmod +x "$W/bin/aws"
cat >"$W/home/.aws/config" <<'CFG'
[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = EKSDeveloper
region = us-east-1
[sso-session corp]
sso_start_url = https://d-123.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
CFG
token_file="$W/home/.aws/sso/cache/$(printf corp | sha1sum | cut -d' ' -f1).json"
printf '{"startUrl":"https://d-123.awsapps.com/start","region":"us-east-1","accessToken":"at","expiresAt":"2020-01-01T00:00:00Z"}' >"$token_file"
cat >"$W/kubeconfig" <<'KC'
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: dev
  context: {cluster: c, user: u}
users:
- name: u
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]
      env:
      - {name: AWS_PROFILE, value: dev}
KC

opens() { # opens FILE: how many times the traced processes opened FILE
  grep -c "open[a-z]*(.*\"$1\"" "$W/trace" || true
}

for cmd in connect "get nodes"; do
  : >"$W/aws.log"
  # shellcheck disable=SC2086
  env -i HOME="$W/home" PATH="$W/bin:/usr/bin:/bin" AWS_LOG="$W/aws.log" XDG_CACHE_HOME="$W/xdg" \
    strace -f -qq -e trace=open,openat -o "$W/trace" "$EKS_SSO_BIN" --kubeconfig "$W/kubeconfig" $cmd \
    >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
  expect_rc 3 "$cmd: login required"
  expect_err_contains 'AWS SSO login required for context "dev"' "$cmd: the login block"
  n=$(opens "$W/home/.aws/config")
  [[ $n == 1 ]] && pass || fail "$cmd: the AWS config was opened $n times, want 1"
  n=$(opens "$token_file")
  [[ $n == 1 ]] && pass || fail "$cmd: the SSO token file was opened $n times, want 1"
  n=$(grep -c -- '--version' "$W/aws.log")
  [[ $n == 1 ]] && pass || fail "$cmd: aws --version ran $n times, want 1"
  n=$(grep -c 'get-token' "$W/aws.log")
  [[ $n == 1 ]] && pass || fail "$cmd: the plugin ran $n times, want 1"
done
finish
