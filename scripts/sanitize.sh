#!/usr/bin/env bash
# Builds eks-sso, the sandbox and every test with AddressSanitizer + UndefinedBehaviorSanitizer
# (the EKS_SSO_SANITIZE option, GCC) in build-asan/, and runs the whole ctest suite under them.
# Any ASan report (memory error, leak) or UBSan report aborts the process, so the test fails.
#   scripts/sanitize.sh [ctest args...]      e.g. scripts/sanitize.sh -R unit
#   scripts/sanitize.sh --unit                builds only the unit tests and runs them (.ci/run)
set -euo pipefail
targets=()
if [[ ${1:-} == --unit ]]; then
  shift
  targets=(--target unit_tests)
  set -- -R '^unit$' "$@"
fi
cd "$(dirname "$0")/.."
build=${EKS_SSO_ASAN_BUILD_DIR:-build-asan}
generator=()
if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
# -O1 with line tables only (asserts on): ASan's usual choice; it compiles about 4x faster than
# RelWithDebInfo's -O2 -g with the sanitizers and reports still carry file:line.
cmake -S . -B "$build" "${generator[@]}" -DEKS_SSO_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" -DCMAKE_C_FLAGS_DEBUG="-O1 -g1" >/dev/null
cmake --build "$build" -j"${EKS_SSO_JOBS:-$(nproc)}" "${targets[@]}"
# abort_on_error: a report ends in SIGABRT, which no test mistakes for an ordinary exit code.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
cd "$build" && ctest --output-on-failure -j2 "$@"
