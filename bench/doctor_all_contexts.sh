#!/usr/bin/env bash
# Benchmark (not a test): `eks-sso doctor --all-contexts` over 20 sandbox contexts against a single
# context. The contexts are checked concurrently (at most 8 at a time), so 20 should take about
# the time of the slowest few, not 20 times one. Uses hyperfine when installed, else a timing loop.
#   bench/doctor_all_contexts.sh [BUILD_DIR] [RUNS]
set -euo pipefail

BUILD=$(cd "${1:-build}" && pwd)
RUNS=${2:-5}
SANDBOX="$BUILD/eks-sso-sandbox"
EKS="$BUILD/eks-sso"
[[ -x "$SANDBOX" && -x "$EKS" ]] || { echo "build eks-sso and eks-sso-sandbox in $BUILD first" >&2; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/eks-sso-bench.XXXXXX")
SB="$TMP/sb"
PID=""
cleanup() {
  [[ -n "$PID" ]] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT

"$SANDBOX" init "$SB" >/dev/null
"$SANDBOX" serve "$SB" --max-seconds 900 >"$TMP/serve.out" 2>&1 &
PID=$!
for _ in $(seq 100); do [[ -s "$SB/ready" ]] && break; sleep 0.1; done
[[ -s "$SB/ready" ]] || { cat "$TMP/serve.out" >&2; exit 1; }

hermetic() { env -i HOME="$SB/home" PATH="$SB/bin:/usr/bin:/bin" LANG=C.UTF-8 "$@"; }
hermetic aws sso login --profile sandbox-admin --no-browser >/dev/null

# A kubeconfig with 20 copies of sandbox-admin (same cluster and user, different context names).
ca=$(grep -m1 'certificate-authority-data:' "$SB/kubeconfig" | awk '{print $2}')
server=$(grep -m1 'server:' "$SB/kubeconfig" | awk '{print $2}')
arn=$(grep -m1 '  name: arn:' "$SB/kubeconfig" | awk '{print $2}')
K20="$TMP/kubeconfig-20"
{
  printf 'apiVersion: v1\nkind: Config\ncurrent-context: admin-01\nclusters:\n'
  printf -- '- name: %s\n  cluster:\n    server: %s\n    certificate-authority-data: %s\n' "$arn" "$server" "$ca"
  printf 'contexts:\n'
  for i in $(seq -w 1 20); do
    printf -- '- name: admin-%s\n  context:\n    cluster: %s\n    user: sandbox-admin\n' "$i" "$arn"
  done
  printf 'users:\n- name: sandbox-admin\n  user:\n    exec:\n'
  printf '      apiVersion: client.authentication.k8s.io/v1beta1\n      command: aws\n'
  printf '      args: [--region, us-east-1, eks, get-token, --cluster-name, sandbox-eks, --output, json]\n'
  printf '      env:\n      - name: AWS_PROFILE\n        value: sandbox-admin\n'
} >"$K20"

one=(env -i HOME="$SB/home" PATH="$SB/bin:/usr/bin:/bin" LANG=C.UTF-8 "$EKS" doctor --kubeconfig "$K20" --context admin-01 -o json)
all=(env -i HOME="$SB/home" PATH="$SB/bin:/usr/bin:/bin" LANG=C.UTF-8 "$EKS" doctor --kubeconfig "$K20" --all-contexts -o json)
"${one[@]}" >/dev/null || { echo "single-context doctor failed" >&2; exit 1; }
"${all[@]}" >/dev/null || { echo "--all-contexts doctor failed" >&2; exit 1; }

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs "$RUNS" -n "doctor (1 context)" "${one[*]}" -n "doctor --all-contexts (20)" "${all[*]}"
  exit 0
fi

ms() { date +%s%N | awk '{printf "%d", $1 / 1000000}'; }
measure() { # measure NAME CMD...: prints min/mean/max over RUNS runs
  local name=$1 t0 t1 d sum=0 min=999999 max=0
  shift
  for _ in $(seq "$RUNS"); do
    t0=$(ms); "$@" >/dev/null; t1=$(ms)
    d=$((t1 - t0)); sum=$((sum + d))
    ((d < min)) && min=$d
    ((d > max)) && max=$d
  done
  printf '%-28s mean %5d ms   min %5d ms   max %5d ms   (%d runs)\n' "$name" $((sum / RUNS)) "$min" "$max" "$RUNS"
}
echo "hyperfine not found: a simple timing loop"
measure "doctor (1 context)" "${one[@]}"
measure "doctor --all-contexts (20)" "${all[@]}"
