#!/usr/bin/env bash
# ARCHITECTURE.md's include rules hold on the tree, and the checker catches a wrong include: a copy
# of lib/ and sandbox/ gets one file per broken rule, and each must be named.
source "$(dirname "$0")/common.sh"
command -v python3 >/dev/null || skip "python3 not found"
checker="$EKS_SSO_SOURCE_DIR/scripts/check_layers.py"
check() { # check ROOT: runs the checker on ROOT into $OUT, $ERR, $RC
  python3 "$checker" "$1" >"$T/out" 2>"$T/err"
  RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
}

check "$EKS_SSO_SOURCE_DIR"
expect_rc 0 "the tree keeps ARCHITECTURE.md's rules"
expect_out "" "no broken rule on the tree"

copy="$T/tree"
mkdir -p "$copy"
cp -r "$EKS_SSO_SOURCE_DIR/lib" "$EKS_SSO_SOURCE_DIR/sandbox" "$copy/"
check "$copy"
expect_rc 0 "an unchanged copy passes"

# One wrong include per rule, each in a temporary file.
printf '#include "lib/kube/kubeconfig.hpp"\n' >"$copy/lib/util/wrong_util.hpp"
printf '#include "lib/aws/config.hpp"\n' >"$copy/lib/kube/wrong_kube.hpp"
printf '#include "lib/kube/kubeconfig.hpp"\n' >"$copy/lib/aws/wrong_aws.cpp"
printf '#include <fstream>\n' >"$copy/lib/formats/wrong_io.cpp"
printf '#include "cmd/commands.hpp"\n' >"$copy/lib/session/wrong_cmd.hpp"
printf '#include <CLI/CLI.hpp>\n' >"$copy/lib/doctor/wrong_cli.cpp"
printf '#include "lib/kube/client.hpp"\n' >"$copy/sandbox/wrong_sandbox.cpp"
printf '#include "lib/util/env.hpp"\n' >"$copy/lib/flat_file.hpp"
check "$copy"
expect_rc 1 "a wrong include fails the check"
expect_out_contains 'lib/util/wrong_util.hpp:1: lib/util may not include lib/kube (lib/kube/kubeconfig.hpp)' "named"
expect_out_contains 'lib/kube/wrong_kube.hpp:1: lib/kube may not include lib/aws (lib/aws/config.hpp)' "named"
expect_out_contains 'lib/aws/wrong_aws.cpp:1: lib/aws may not include lib/kube (lib/kube/kubeconfig.hpp)' "named"
expect_out_contains 'lib/formats/wrong_io.cpp:1: lib/formats does no I/O, yet includes <fstream>' "named"
expect_out_contains 'lib/session/wrong_cmd.hpp:1: lib/ never includes cmd/ (cmd/commands.hpp)' "named"
expect_out_contains 'lib/doctor/wrong_cli.cpp:1: lib/ never includes CLI11 (CLI/CLI.hpp)' "named"
expect_out_contains 'sandbox/wrong_sandbox.cpp:1: the sandbox shares only lib/util with what it tests (lib/kube/client.hpp)' "named"
expect_out_contains 'lib/flat_file.hpp:1: lib/flat_file.hpp is not a folder of ARCHITECTURE.md' "named"
expect_err_contains 'check_layers: 8 include(s) break' "counted"

# The folders the checker knows are the folders of lib/ and the rows of ARCHITECTURE.md.
for dir in "$EKS_SSO_SOURCE_DIR"/lib/*/; do
  name=$(basename "$dir")
  grep -q "^| \`lib/$name/\`" "$EKS_SSO_SOURCE_DIR/ARCHITECTURE.md" || fail "lib/$name/ has no row in ARCHITECTURE.md"
  pass
  grep -q "\"$name\":" "$checker" || fail "lib/$name/ has no rule in check_layers.py"
done
finish
