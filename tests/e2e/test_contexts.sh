#!/usr/bin/env bash
# `eks-sso contexts` against kubectl 1.32's `config get-contexts` on the same kubeconfig sets,
# plus its errors and the promise that it never runs a plugin.
source "$(dirname "$0")/common.sh"
D="$EKS_SSO_SOURCE_DIR/tests/e2e/data"
cp "$D"/*.yaml "$T/"
# A plugin that leaves a marker if anything ever runs it.
printf '#!/bin/sh\ntouch "%s/plugin-ran"\n' "$T" > "$T/marker-plugin"
chmod +x "$T/marker-plugin"

compare_with_kubectl() { # compare_with_kubectl "what" KUBECONFIG-value
  local what=$1 kc=$2
  E2E_ENV=(KUBECONFIG="$kc")
  run_eks contexts -o name
  expect_rc 0 "$what: -o name exit"
  local want
  want=$(env -i HOME="$T/home" KUBECONFIG="$kc" "$KUBECTL132" config get-contexts -o name 2>/dev/null)
  expect_out "$want" "$what: -o name matches kubectl"
  for flags in "" "--no-headers"; do
    run_eks contexts -o wide $flags
    expect_rc 0 "$what: table $flags exit"
    # kubectl's five columns are ours too under -o wide: each kubectl line (trailing blanks
    # trimmed) must start our line, byte for byte.
    local k_lines o_lines i
    mapfile -t k_lines < <(env -i HOME="$T/home" KUBECONFIG="$kc" "$KUBECTL132" config get-contexts $flags)
    mapfile -t o_lines <<<"$OUT"
    [[ -z "$OUT" ]] && o_lines=()
    if [[ ${#k_lines[@]} -ne ${#o_lines[@]} ]]; then
      fail "$what: table $flags has ${#o_lines[@]} lines, kubectl ${#k_lines[@]}"
      continue
    fi
    for i in "${!k_lines[@]}"; do
      local k=${k_lines[$i]%"${k_lines[$i]##*[! ]}"}
      if [[ "${o_lines[$i]}" == "$k"* ]]; then pass; else
        fail "$what: table $flags line $i"; printf '  kubectl: %s\n  ours:    %s\n' "$k" "${o_lines[$i]}" >&2
      fi
    done
  done
}

if have_kubectl; then
  compare_with_kubectl "one file" "$T/eks-three.yaml"
  compare_with_kubectl "merged first:second" "$T/eks-three.yaml:$T/second.yaml"
  compare_with_kubectl "merged second:first" "$T/second.yaml:$T/eks-three.yaml"
  compare_with_kubectl "no current-context" "$T/nocurrent.yaml"
  compare_with_kubectl "dangling current" "$T/dangling.yaml"
  compare_with_kubectl "missing files skipped" "$T/nope.yaml::$T/nocurrent.yaml:$T/nocurrent.yaml"
  : > "$T/empty.yaml"
  compare_with_kubectl "empty file" "$T/empty.yaml"
else
  echo "note: kubectl 1.32 not found at $KUBECTL132; kubectl comparisons skipped"
fi

# What kubectl does not show: server, auth, AWS profile/region/cluster (first file wins), -o wide.
E2E_ENV=(KUBECONFIG="$T/second.yaml:$T/eks-three.yaml")
run_eks contexts -o wide
expect_rc 0 "merged table"
line=$(grep '^\*' <<<"$OUT")
[[ "$line" == *"ctx-second"*"https://second.example"*"exec: /usr/local/bin/aws-iam-authenticator"*"second-sso"*"second"* ]] \
  && pass || fail "current row shows server, plugin, profile and cluster: $line"
# The default fits a terminal (issue 16, defect 4): CURRENT NAME PROFILE REGION SSO only, and
# piped output is never shortened.
run_eks contexts
expect_rc 0 "default table"
read -r -a header <<<"$(head -1 <<<"$OUT")"
[[ "${header[*]}" == "CURRENT NAME PROFILE REGION SSO" ]] && pass || fail "default header: ${header[*]}"
expect_not_contains "https://" "$OUT" "default table has no server column"
expect_out_contains "arn:aws:eks:us-west-2:111122223333:cluster/dev" "piped output keeps long names whole"
expect_not_contains "…" "$OUT" "piped output is not truncated"
run_eks contexts -o json
expect_rc 0 "json exit"
if command -v python3 >/dev/null; then
  got=$(python3 -c '
import json,sys
d=json.load(sys.stdin)
c={x["name"]:x for x in d}
print(len(d), c["ctx-second"]["current"], c["ctx-second"]["auth"]["type"], c["ctx-second"]["auth"]["profile"],
      c["static-ok"]["user"], c["static-ok"]["auth"]["type"], c["static-ok"]["sso"]["state"],
      c["arn:aws:eks:us-west-2:111122223333:cluster/dev"]["auth"]["region"],
      c["arn:aws:eks:us-west-2:111122223333:cluster/dev"]["server"])' <<<"$OUT")
  [[ "$got" == "4 True exec second-sso shadowed none not-sso us-west-2 https://shadowed.example" ]] && pass \
    || fail "json content: $got"
fi

# --kubeconfig alone: KUBECONFIG ignored.
E2E_ENV=(KUBECONFIG="$T/second.yaml")
run_eks contexts -o name --kubeconfig "$T/nocurrent.yaml"
expect_out $'alpha\nzeta' "--kubeconfig ignores KUBECONFIG"

# Errors: missing --kubeconfig file, malformed YAML (file:line:col), unknown context.
E2E_ENV=()
run_eks contexts --kubeconfig "$T/does-not-exist.yaml"
expect_rc 7 "missing --kubeconfig"
expect_err_contains "error: kubeconfig $T/does-not-exist.yaml does not exist" "missing --kubeconfig message"
E2E_ENV=(KUBECONFIG="$T/eks-three.yaml:$T/malformed.yaml")
run_eks contexts
expect_rc 7 "malformed YAML"
expect_err_contains "error: $T/malformed.yaml:5:6: did not find expected ',' or '}'" "malformed YAML position"
run_eks contexts --kubeconfig "$T/eks-three.yaml" --context nope
expect_rc 7 "unknown context"
expect_err_contains 'context "nope" not found' "unknown context message"

# It never runs a plugin.
E2E_ENV=(KUBECONFIG="$T/nocurrent.yaml")
(cd "$T" && run_eks contexts && run_eks contexts -o json)
[[ ! -e "$T/plugin-ran" ]] && pass || fail "contexts ran an exec plugin"

# Usage errors exit 2, with a hint.
run_eks contxts
expect_rc 2 "unknown command"
expect_err_contains 'did you mean "contexts"?' "unknown command hint"
run_eks contexts --kubeconfg x
expect_rc 2 "unknown flag"
expect_err_contains 'did you mean "--kubeconfig"?' "unknown flag hint"
run_eks contexts -o wdie
expect_rc 2 "bad -o"
expect_err_contains 'did you mean "-o wide"?' "bad -o suggestion"
# version: the plain line first, then the commit and build date (tests/e2e/test_versions.sh pins
# every form); --version and version --short are the plain line alone.
run_eks version
[[ ${OUT%%$'\n'*} == "eks-sso 0.1.0" ]] && pass || fail "version: first line"
run_eks version --short
expect_out "eks-sso 0.1.0" "version --short"
run_eks --version
expect_out "eks-sso 0.1.0" "--version"

finish
