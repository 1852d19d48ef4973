#!/usr/bin/env bash
# Process start (issue 7): libcurl and libcrypto are not linked; libcurl is opened only by commands
# that make a request, so `version`, `contexts` and shell completion start with a handful of
# libraries. LD_DEBUG=files (glibc's loader) lists every object the process opens.
source "$(dirname "$0")/sandbox_lib.sh"
EKS_SSO_BIN=${EKS_SSO_BIN:-${EKS_SSO_BUILD_DIR:-build}/eks-sso}
T=$(sandbox_tmpdir)
mkdir -p "$T/home"

needed=$(objdump -p "$EKS_SSO_BIN" | awk '$1 == "NEEDED" {print $2}' | tr '\n' ' ')
assert_not_contains "$needed" libcurl "eks-sso links libcurl"
assert_not_contains "$needed" libcrypto "eks-sso links libcrypto"
assert_not_contains "$needed" libssl "eks-sso links libssl"

printf 'apiVersion: v1\nkind: Config\ncontexts:\n- name: a\n  context: {cluster: c, user: u}\n' >"$T/kc"
for args in "version" "--kubeconfig $T/kc contexts" "--kubeconfig $T/kc __complete contexts"; do
  # shellcheck disable=SC2086
  env -i HOME="$T/home" PATH=/usr/bin:/bin LD_DEBUG=files "$EKS_SSO_BIN" $args >/dev/null 2>"$T/ld.log" </dev/null
  assert_contains "$(cat "$T/ld.log")" "file=libstdc++" "$args: LD_DEBUG=files lists the libraries"
  assert_not_contains "$(cat "$T/ld.log")" "libcurl" "$args opened libcurl"
done

# A command that makes a request opens it at run time, and works.
sandbox_start
sandbox_run env LD_DEBUG=files "$EKS_SSO_BIN" --context sandbox-static connect >"$T/connect.out" 2>"$T/connect.err" </dev/null
assert_rc 0 "$?" "connect with the run-time libcurl"
assert_contains "$(cat "$T/connect.err")" "libcurl.so.4" "connect opened libcurl"
assert_contains "$(cat "$T/connect.out")" "Connected." "connect output"
finish
