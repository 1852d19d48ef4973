#!/usr/bin/env bash
# The quick start: installs the dependencies if needed, builds eks-sso, starts the built-in
# sandbox (an EKS-like API server on 127.0.0.1 with a fake AWS CLI and SSO; no AWS account), and
# walks through the guide: the logged-out prompt, the explicit login, doctor (with the admin's
# checks of steps 1-3 and 6), get nodes, the logged-out test, and the admin's setup script.
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
# The administrator's profile: static test keys the sandbox's aws answers the admin calls for.
printf '\n[profile org-admin]\nregion = us-east-1\n' >>"$SB/home/.aws/config"
printf '\n[org-admin]\naws_access_key_id = AKIASANDBOXADMIN0001\naws_secret_access_key = sandbox-admin-secret\n' \
  >>"$SB/home/.aws/credentials"
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
step doctor --admin-profile org-admin   # every check of the guide, the admin's steps 1-3 and 6 too
step get nodes
step get nodes --context sandbox-forbidden   # a role whose access policy does not cover nodes
step logout-test                  # guide step 10: logged-out state detected, login action shown

echo
echo "\$ eks-sso setup-script --context sandbox-admin --group eks-developers --admin-profile org-admin | head -n 21"
"${demo_env[@]}" "$EKS_SSO" setup-script --context sandbox-admin --group eks-developers --admin-profile org-admin | head -n 21
echo "[...]"
