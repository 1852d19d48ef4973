#!/usr/bin/env bash
# --help on every command of the CLI11 tree (`eks-sso __tree`), the top level included, shows an
# "Examples:" section whose invocations use only real commands and flags (help_examples.py).
source "$(dirname "$0")/common.sh"
CHECK="$(dirname "$0")/help_examples.py"

run_eks __tree
expect_rc 0 "__tree"
cp "$T/out" "$T/tree.json"
if python3 "$CHECK" "$EKS_SSO_BIN" <"$T/tree.json" >"$T/problems"; then
  pass
else
  fail "--help examples"
  sed 's/^/    /' "$T/problems" >&2
fi

# The checker catches stale examples (and accepts the real forms used in the footers).
check_example() { # check_example WANT_RC "line" "exact problem output"
  local got rc
  got=$(python3 "$CHECK" "$EKS_SSO_BIN" --example "$2" <"$T/tree.json")
  rc=$?
  if [[ $rc == "$1" && "$got" == "$3" ]]; then pass; else fail "checker on '$2': rc $rc, got: $got"; fi
}
check_example 0 'eks-sso doctor --all-contexts -o markdown >> "$GITHUB_STEP_SUMMARY"' ""
check_example 0 'source <(eks-sso completion bash)                 # bash, this shell only' ""
check_example 0 'kubectl eks-sso get nodes --context=prod -l a=b' ""
check_example 1 'eks-sso doctor --all' "eks-sso: example uses --all, unknown to \"eks-sso doctor\": 'eks-sso doctor --all'"
check_example 1 'eks-sso connect --no-headers' \
  "eks-sso: example uses --no-headers, unknown to \"eks-sso connect\": 'eks-sso connect --no-headers'"
check_example 1 'eks-sso get' "eks-sso: example stops at \"eks-sso get\", which needs a subcommand: 'eks-sso get'"
check_example 1 'eks-sso nodes' "eks-sso: example word 'nodes' is not a command of \"eks-sso\": 'eks-sso nodes'"

finish
