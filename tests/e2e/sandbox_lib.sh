# Helpers for end-to-end tests that use the EKS sandbox (eks-sso-sandbox). Source it:
#   source "$(dirname "$0")/sandbox_lib.sh"
# Environment (ctest sets them): EKS_SSO_BUILD_DIR (where eks-sso-sandbox is), EKS_SSO_BIN,
# EKS_SSO_SOURCE_DIR. Exit code 77 = skipped. EKS_SSO_KEEP_TMP=1 keeps the temp dir.
#
#   sandbox_start [init args]   init a fresh sandbox + serve it in the background; exports
#                               SANDBOX_DIR, SANDBOX_PORT (and PORT), SANDBOX_KUBECONFIG (and
#                               KUBECONFIG), SANDBOX_PID; --serve-arg ARG passes ARG to serve
#   sandbox_stop                stop the server (SIGTERM, by pid)
#   sandbox_run CMD...          run CMD hermetically: env -i, HOME=$SANDBOX_DIR/home,
#                               PATH=$SANDBOX_DIR/bin:/usr/bin:/bin, KUBECONFIG=$SANDBOX_KUBECONFIG
#                               (extra variables: sandbox_run env NAME=value CMD...)
#   sandbox_eks_sso ARGS...     sandbox_run "$EKS_SSO_BIN" ARGS...
#   sandbox_login PROFILE       fake `aws sso login --profile PROFILE` (writes the SSO cache)
#   sandbox_login_expired P     same, but the cached token expired an hour ago
#   sandbox_logout              fake `aws sso logout` (deletes every cached SSO token)
#   sandbox_set ARGS...         change state.json of the running sandbox (faults, nodes)
#   sandbox_role_name PERMSET   AWSReservedSSO_<PERMSET>_<hex> as the sandbox derives it
#   kubectl132                  path of the real kubectl 1.32 ("" if absent); require_kubectl132 skips
#   skip MSG / fail MSG / assert_eq / assert_contains / assert_not_contains / assert_rc

set -u

SANDBOX_KUBECTL132_DEFAULT=/usr/lib/google-cloud-sdk/bin/kubectl.1.32
SANDBOX_MAX_SECONDS=${SANDBOX_MAX_SECONDS:-300}
SANDBOX_PID=""
SANDBOX_DIR=""
SANDBOX_COUNT=0
TEST_FAILURES=0

skip() {
  echo "SKIP: $*" >&2
  exit 77
}

fail() {
  echo "FAIL: $*" >&2
  TEST_FAILURES=$((TEST_FAILURES + 1))
}

# assert_eq EXPECTED ACTUAL [WHAT]
assert_eq() {
  if [[ "$1" != "$2" ]]; then
    fail "${3:-values differ}"
    diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") >&2 || true
  fi
}

# assert_contains HAYSTACK NEEDLE [WHAT]
assert_contains() {
  if [[ "$1" != *"$2"* ]]; then
    fail "${3:-missing text}: expected to contain: $2"
    printf '%s\n' "--- actual:" "$1" >&2
  fi
}

assert_not_contains() {
  if [[ "$1" == *"$2"* ]]; then
    fail "${3:-unexpected text}: must not contain: $2"
  fi
}

# assert_rc EXPECTED ACTUAL [WHAT]
assert_rc() {
  if [[ "$1" != "$2" ]]; then
    fail "${3:-exit code}: expected $1, got $2"
  fi
}

# Call at the end of a test script.
finish() {
  if ((TEST_FAILURES > 0)); then
    echo "$TEST_FAILURES check(s) failed" >&2
    exit 1
  fi
  echo "ok"
  exit 0
}

sandbox_bin() {
  echo "${EKS_SSO_SANDBOX_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso-sandbox}"
}

require_sandbox_bin() {
  [[ -x "$(sandbox_bin)" ]] || skip "sandbox binary not built: $(sandbox_bin) (cmake --build build --target eks-sso-sandbox)"
}

kubectl132() {
  local k="${KUBECTL132:-$SANDBOX_KUBECTL132_DEFAULT}"
  if [[ -x "$k" ]]; then
    echo "$k"
  fi
}

require_kubectl132() {
  [[ -n "$(kubectl132)" ]] || skip "kubectl 1.32 not found at ${KUBECTL132:-$SANDBOX_KUBECTL132_DEFAULT}"
}

_sandbox_cleanup() {
  sandbox_stop
  if [[ -n "${TEST_TMP:-}" && -z "${EKS_SSO_KEEP_TMP:-}" ]]; then
    rm -rf "$TEST_TMP"
  elif [[ -n "${TEST_TMP:-}" ]]; then
    echo "kept $TEST_TMP" >&2
  fi
}

# A private temp dir, removed (with any running sandbox stopped) on exit.
sandbox_tmpdir() {
  if [[ -z "${TEST_TMP:-}" ]]; then
    TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/eks-sso-e2e.XXXXXX")
    trap _sandbox_cleanup EXIT
  fi
  echo "$TEST_TMP"
}

# sandbox_start [--nodes FILE] [--scenario NAME] [--serve-arg ARG]...
sandbox_start() {
  require_sandbox_bin
  sandbox_tmpdir >/dev/null
  local init_args=() serve_args=()
  while (($#)); do
    case "$1" in
      --serve-arg) serve_args+=("$2"); shift 2 ;;
      *) init_args+=("$1"); shift ;;
    esac
  done
  SANDBOX_COUNT=$((SANDBOX_COUNT + 1))
  SANDBOX_DIR="$TEST_TMP/sandbox-$SANDBOX_COUNT"
  "$(sandbox_bin)" init "$SANDBOX_DIR" ${init_args[@]+"${init_args[@]}"} >/dev/null || {
    echo "sandbox init failed" >&2
    exit 1
  }
  "$(sandbox_bin)" serve "$SANDBOX_DIR" --max-seconds "$SANDBOX_MAX_SECONDS" ${serve_args[@]+"${serve_args[@]}"} \
    >"$SANDBOX_DIR/serve.out" 2>&1 &
  SANDBOX_PID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$SANDBOX_DIR/ready" ]] && break
    if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then
      cat "$SANDBOX_DIR/serve.out" >&2
      echo "sandbox server exited early" >&2
      exit 1
    fi
    sleep 0.1
  done
  [[ -s "$SANDBOX_DIR/ready" ]] || { echo "sandbox not ready after 10s" >&2; exit 1; }
  SANDBOX_PORT=$(cat "$SANDBOX_DIR/port")
  PORT=$SANDBOX_PORT
  SANDBOX_KUBECONFIG="$SANDBOX_DIR/kubeconfig"
  KUBECONFIG="$SANDBOX_KUBECONFIG"
  export SANDBOX_DIR SANDBOX_PORT PORT SANDBOX_KUBECONFIG SANDBOX_PID KUBECONFIG
}

sandbox_stop() {
  if [[ -n "${SANDBOX_PID:-}" ]]; then
    kill -TERM "$SANDBOX_PID" 2>/dev/null || true
    wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=""
  fi
}

# The hermetic environment: nothing inherited but what is listed here.
sandbox_run() {
  env -i HOME="$SANDBOX_DIR/home" PATH="$SANDBOX_DIR/bin:/usr/bin:/bin" LANG=C.UTF-8 \
    KUBECONFIG="$SANDBOX_KUBECONFIG" ${EKS_SSO_SANDBOX_AWS_LOG:+EKS_SSO_SANDBOX_AWS_LOG="$EKS_SSO_SANDBOX_AWS_LOG"} \
    "$@"
}

# eks-sso under test, hermetically: sandbox_eks_sso get nodes --context sandbox-admin
sandbox_eks_sso() {
  sandbox_run "${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}" "$@"
}

sandbox_login() {
  sandbox_run aws sso login --profile "$1" --no-browser >/dev/null
}

sandbox_login_expired() {
  sandbox_run env EKS_SSO_SANDBOX_SSO_TTL=-3600 aws sso login --profile "$1" --no-browser >/dev/null
}

sandbox_logout() {
  sandbox_run aws sso logout
}

sandbox_set() {
  "$(sandbox_bin)" set "$SANDBOX_DIR" "$@" >/dev/null
}

sandbox_role_name() {
  sed -n "s/.*\"roleName\": \"\\(AWSReservedSSO_$1_[0-9a-f]*\\)\".*/\\1/p" "$SANDBOX_DIR/state.json" | head -n 1
}
