#!/usr/bin/env bash
# The quick start: installs the dependencies if needed, builds eks-sso, starts the built-in
# sandbox (an EKS-like API server on 127.0.0.1 with a fake AWS CLI and SSO; no AWS account), and
# walks through the guide: the logged-out prompt, the explicit login, doctor, get nodes, and the
# logged-out test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

SB=$(mktemp -d "${TMPDIR:-/tmp}/eks-sso-demo.XXXXXX")
./build/eks-sso-sandbox init "$SB" >/dev/null
./build/eks-sso-sandbox serve "$SB" --max-seconds 600 >"$SB/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$SB"' EXIT
for _ in $(seq 100); do [[ -f "$SB/ready" ]] && break; sleep 0.1; done

EKS_SSO=$PWD/build/eks-sso
# A hermetic environment: the sandbox's home (AWS config, SSO cache), its fake aws, its kubeconfig.
demo_env=(env -i HOME="$SB/home" PATH="$SB/bin:/usr/bin:/bin" KUBECONFIG="$SB/kubeconfig" TERM="${TERM:-dumb}")
step() {
  echo
  echo "\$ eks-sso $*"
  set +e
  "${demo_env[@]}" "$EKS_SSO" "$@"
  local rc=$?
  set -e
  echo "[exit $rc]"
}

step contexts
step connect --no-prompt          # no SSO token yet: the login action, exit 3 (the demo logs in next, explicitly)
step login --no-browser           # the explicit login (the sandbox's aws sso login needs no browser)
step doctor                       # every check of the guide
step get nodes
step get nodes --context sandbox-forbidden   # a role whose access policy does not cover nodes
step logout-test                  # guide step 10: logged-out state detected, login action shown
