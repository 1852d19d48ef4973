#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan + UBSan, in build-fuzz/) and runs each for a
# bounded time. Fails on any crash, leak, timeout (> 5 s for one input) or out-of-memory.
#   scripts/fuzz.sh [seconds-per-target] [target...]      default: 60 s, every target
# Targets: kubeconfig yaml_subset exec_credential aws_config sso_token role_credentials kube_json aws_stderr
#          duration base64 go_yaml (fuzz/fuzz_<target>.cpp; seeds in fuzz/corpus/<target>/).
# New interesting inputs go to build-fuzz/corpus/<target>/ (the committed seeds are only read);
# a failing input is saved as build-fuzz/artifacts/<target>/crash-<sha1> (or leak-, timeout-, oom-):
# reproduce with build-fuzz/fuzz_<target> <file>.
# EKS_SSO_FUZZ_PARALLEL=N runs N targets at once (CI: one per core); EKS_SSO_JOBS: build jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=${EKS_SSO_FUZZ_BUILD_DIR:-build-fuzz}
all=(kubeconfig yaml_subset exec_credential aws_config sso_token role_credentials kube_json aws_stderr duration base64 go_yaml)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

generator=()
if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null; then generator=(-G Ninja); fi
# -O1 with line tables only: builds far faster than -O2 -g under the sanitizers; reports keep file:line.
CC=clang CXX=clang++ cmake -S . -B "$build" "${generator[@]}" -DEKS_SSO_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
  -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" >/dev/null
cmake --build "$build" --target fuzzers -j"${EKS_SSO_JOBS:-2}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# run_one TARGET: runs one fuzzer, prints its summary line, exits non-zero on a finding.
run_one() {
  local t=$1 log="$build/fuzz_$1.log" start rc=0 runs cov dict=()
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
  # The YAML readers get a dictionary of YAML's indicators (fuzz/yaml.dict).
  [[ $t == kubeconfig || $t == yaml_subset ]] && dict=(-dict=fuzz/yaml.dict)
  [[ $t == go_yaml ]] && dict=(-dict=fuzz/json_yaml.dict)
  start=$(date +%s)
  "$build/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
    -artifact_prefix="$build/artifacts/$t/" ${EKS_SSO_FUZZ_ARGS:-} "$build/corpus/$t" "fuzz/corpus/$t" \
    >"$log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)
  echo "fuzz_$t: exit $rc, $(($(date +%s) - start)) s, ${runs:-?} runs, ${cov:-cov: ?}"
  if ((rc != 0)); then
    grep -E 'ERROR|SUMMARY|runtime error|property violated|Test unit written' "$log" | head -n 20 >&2 || true
    echo "  full log: $log" >&2
  fi
  return "$rc"
}

for t in "${targets[@]}"; do
  [[ -x "$build/fuzz_$t" ]] || { echo "fuzz.sh: no target \"$t\" (have: ${all[*]})" >&2; exit 2; }
done
# EKS_SSO_FUZZ_PARALLEL targets run at once (default 1; CI uses one per core).
parallel=${EKS_SSO_FUZZ_PARALLEL:-1}
declare -A pids=()
failed=()
reap() { # waits for any one running target; records it if it failed
  local done_pid rc=0 t
  wait -n -p done_pid "${!pids[@]}" || rc=$?
  t=${pids[$done_pid]}
  unset "pids[$done_pid]"
  if ((rc != 0)); then failed+=("$t"); fi
}
for t in "${targets[@]}"; do
  while ((${#pids[@]} >= parallel)); do reap; done
  run_one "$t" &
  pids[$!]=$t
done
while ((${#pids[@]})); do reap; done
if ((${#failed[@]})); then
  echo "fuzz.sh: findings in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets, ${seconds} s each, no findings"
