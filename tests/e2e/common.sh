# Shared helpers for the end-to-end tests: a private temp dir, a hermetic environment, assertions.
# Each test script sources this, runs cases, and ends with `finish` (exit 1 on any failure;
# exit 77 = skipped, which ctest reports as skipped).
set -u

EKS_SSO_BIN=${EKS_SSO_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build/eks-sso}
EKS_SSO_BUILD_DIR=${EKS_SSO_BUILD_DIR:-$(dirname "$EKS_SSO_BIN")}
EKS_SSO_SOURCE_DIR=${EKS_SSO_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
KUBECTL132=${KUBECTL132:-/usr/lib/google-cloud-sdk/bin/kubectl.1.32}

T=$(mktemp -d "${TMPDIR:-/tmp}/eks-sso-e2e.XXXXXX")
trap 'cleanup_e2e' EXIT
E2E_CLEANUPS=()
cleanup_e2e() {
  local c
  for c in "${E2E_CLEANUPS[@]+"${E2E_CLEANUPS[@]}"}"; do eval "$c" || true; done
  if [[ -z "${EKS_SSO_KEEP_TEMP:-}" ]]; then rm -rf "$T"; else echo "kept $T" >&2; fi
}
mkdir -p "$T/home"

FAILS=0
PASSES=0

# run_eks [args...]: runs the binary in a scrubbed environment (empty HOME, no inherited
# KUBECONFIG/AWS_*), capturing stdout, stderr and the exit code in $OUT, $ERR, $RC.
# Extra variables: set E2E_ENV=(NAME=value ...) before calling.
E2E_ENV=()
E2E_PATH=${E2E_PATH:-/usr/bin:/bin}
run_eks() {
  env -i HOME="$T/home" PATH="$E2E_PATH" LANG=C.UTF-8 TERM=dumb "${E2E_ENV[@]+"${E2E_ENV[@]}"}" \
    "$EKS_SSO_BIN" "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
}

pass() { PASSES=$((PASSES + 1)); }
fail() {
  FAILS=$((FAILS + 1))
  echo "FAIL: $*" >&2
  echo "  --- stdout:" >&2; sed 's/^/  | /' "$T/out" >&2 2>/dev/null || true
  echo "  --- stderr:" >&2; sed 's/^/  | /' "$T/err" >&2 2>/dev/null || true
}

expect_rc() { # expect_rc CODE "what"
  if [[ "$RC" == "$1" ]]; then pass; else fail "$2: exit $RC, want $1"; fi
}
expect_out() { # expect_out "exact stdout" "what"
  if [[ "$OUT" == "$1" ]]; then pass; else fail "$2: stdout differs"; diff <(echo "$1") <(echo "$OUT") >&2; fi
}
expect_err_contains() {
  if [[ "$ERR" == *"$1"* ]]; then pass; else fail "$2: stderr lacks: $1"; fi
}
expect_out_contains() {
  if [[ "$OUT" == *"$1"* ]]; then pass; else fail "$2: stdout lacks: $1"; fi
}
expect_not_contains() { # expect_not_contains "needle" "haystack" "what"
  if [[ "$2" != *"$1"* ]]; then pass; else fail "$3: must not contain: $1"; fi
}

have_kubectl() { [[ -x "$KUBECTL132" ]]; }

# finish: prints the plain closing line and exits non-zero on any failure.
finish() {
  echo "$(basename "$0"): $PASSES passed, $FAILS failed"
  [[ $FAILS -eq 0 ]]
}

skip() {
  echo "SKIP: $*"
  exit 77
}
