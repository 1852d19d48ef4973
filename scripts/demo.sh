#!/usr/bin/env bash
# The quick start: installs the dependencies if needed, builds eks-sso, and shows its main job on
# the built-in sandbox (an EKS-like API server and a fake aws CLI on 127.0.0.1; no AWS account):
# `eks-sso doctor` all green, then the logged-out state with its "Login with AWS SSO" action.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

EKS="$(pwd)/build/eks-sso"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/eks-sso-demo.XXXXXX")
SB="$TMP/sandbox"
./build/eks-sso-sandbox init "$SB" >/dev/null
./build/eks-sso-sandbox serve "$SB" --max-seconds 300 >"$TMP/serve.log" 2>&1 &
PID=$!
trap 'kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [[ -s "$SB/ready" ]] && break; sleep 0.1; done

# Everything runs as a fresh user would: the sandbox's HOME, its aws first on the PATH.
sandboxed() { env -i HOME="$SB/home" PATH="$SB/bin:/usr/bin:/bin" LANG=C.UTF-8 KUBECONFIG="$SB/kubeconfig" "$@"; }

echo "\$ aws sso login --profile sandbox-admin      # the sandbox's fake aws: instant"
sandboxed aws sso login --profile sandbox-admin --no-browser >/dev/null
echo "\$ eks-sso doctor"
sandboxed "$EKS" doctor || true
echo
echo "\$ aws sso logout && eks-sso doctor           # logged out: exit 3 and the login action"
sandboxed aws sso logout >/dev/null 2>&1 || true
sandboxed "$EKS" doctor || echo "(exit $?)"
if out=$(sandboxed "$EKS" logout-test 2>&1) || [[ "$out" != *"not implemented"* ]]; then
  echo
  echo "\$ eks-sso logout-test"
  printf '%s\n' "$out"
fi
