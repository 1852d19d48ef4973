#!/usr/bin/env bash
# Shell completion (issue 8): `eks-sso completion SHELL` prints completions/ byte for byte; the
# scripts offer every subcommand and long flag of the real CLI11 tree (`eks-sso __tree`) and no
# other; real prompts in bash, zsh and fish; context names come from the kubeconfig the command
# line points at, and completing never runs an exec plugin; `kubectl eks-sso <TAB>`.
source "$(dirname "$0")/common.sh"
S="$EKS_SSO_SOURCE_DIR/completions"
mkdir -p "$T/bin"
ln -s "$EKS_SSO_BIN" "$T/bin/eks-sso"
ln -s "$EKS_SSO_BIN" "$T/bin/kubectl-eks_sso"
E2E_PATH="$T/bin:/usr/bin:/bin"

# --- the binary prints the files ---
for pair in bash:eks-sso.bash zsh:_eks-sso fish:eks-sso.fish; do
  run_eks completion "${pair%%:*}"
  expect_rc 0 "completion ${pair%%:*}"
  if cmp -s "$T/out" "$S/${pair#*:}"; then pass; else fail "completion ${pair%%:*} differs from completions/${pair#*:}"; fi
done
run_eks completion ksh
expect_rc 2 "unknown shell"
expect_err_contains 'unsupported shell "ksh"' "unknown shell message"
expect_err_contains "use one of bash, zsh, fish" "unknown shell hint"
run_eks completion
expect_rc 2 "completion without a shell"

# --- the tree ---
run_eks __tree
expect_rc 0 "__tree"
python3 "$(dirname "$0")/tree_lines.py" <"$T/out" >"$T/tree" || fail "__tree is not the JSON tree_lines.py reads"
grep -q '^cmd|get|nodes$' "$T/tree" && pass || fail "__tree lacks get nodes"
grep -q '^flag|doctor|--all-contexts$' "$T/tree" && pass || fail "__tree lacks doctor --all-contexts"
grep -q '__complete\|__tree' "$T/tree" && fail "__tree lists the hidden commands" || pass
run_eks --help
expect_not_contains "__complete" "$OUT" "--help hides __complete"

# A kubeconfig whose exec plugin leaves a marker if anything ever runs it.
printf '#!/bin/sh\ntouch "%s/plugin-ran"\n' "$T" >"$T/marker-plugin"
chmod +x "$T/marker-plugin"
cat >"$T/kc.yaml" <<YAML
apiVersion: v1
kind: Config
current-context: dev@arn:aws:eks:us-west-2:111122223333:cluster/dev
clusters:
- name: dev
  cluster: {server: "https://127.0.0.1:9"}
users:
- name: sso
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: $T/marker-plugin}
contexts:
- name: dev@arn:aws:eks:us-west-2:111122223333:cluster/dev
  context: {cluster: dev, user: sso}
- name: prod-admin
  context: {cluster: dev, user: sso}
YAML
cat >"$T/other.yaml" <<YAML
apiVersion: v1
kind: Config
contexts:
- name: other-one
  context: {cluster: c, user: u}
YAML

# --- bash, as bash calls it: COMP_LINE/COMP_POINT and COMP_WORDS/COMP_CWORD split at
# COMP_WORDBREAKS (done here by bash itself through a throwaway `complete -C` would need a
# terminal, so the words are split the way readline does: blanks and the break characters) ---
bash_complete() { # bash_complete "command line up to the cursor" -> candidates, one per line
  env -i HOME="$T/home" PATH="$E2E_PATH" "${E2E_ENV[@]+"${E2E_ENV[@]}"}" bash --norc --noprofile -c '
    source <(eks-sso completion bash) || exit 9
    COMP_LINE=$1
    COMP_POINT=${#1}
    # Split like readline: blanks separate, each COMP_WORDBREAKS character is a word of its own.
    COMP_WORDS=()
    word=""
    for ((i = 0; i < ${#1}; i++)); do
      c=${1:i:1}
      if [[ $c == [[:space:]] ]]; then
        [[ -n $word ]] && COMP_WORDS+=("$word"); word=""
      elif [[ $COMP_WORDBREAKS == *"$c"* ]]; then
        [[ -n $word ]] && COMP_WORDS+=("$word"); COMP_WORDS+=("$c"); word=""
      else
        word+=$c
      fi
    done
    COMP_WORDS+=("$word")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    _eks_sso
    printf "%s\n" "${COMPREPLY[@]}"
  ' bash "$1"
}
# expect_candidates SHELL "line" "want, one per line" — exact, order-insensitive.
expect_candidates() {
  local got
  got=$("${1}_complete" "$2" | sort)
  if [[ "$got" == "$(sort <<<"$3")" ]]; then pass; else
    fail "$1: '$2'"; diff <(sort <<<"$3") <(echo "$got") | sed 's/^/    /' >&2
  fi
}

expect_candidates bash "eks-sso get " "nodes"
expect_candidates bash "eks-sso g" "get"
expect_candidates bash "eks-sso " "$(printf '%s\n' doctor contexts connect login get logout-test credential cache completion status help setup-script version)"
expect_candidates bash "eks-sso --kubeconfig $T/kc.yaml --context " \
  "$(printf '%s\n' "dev@arn:aws:eks:us-west-2:111122223333:cluster/dev" prod-admin)"
# '@' and ':' are word breaks: bash replaces only the text after the last one.
expect_candidates bash "eks-sso --kubeconfig $T/kc.yaml --context dev@arn:aws:eks:us-" "us-west-2:111122223333:cluster/dev"
expect_candidates bash "eks-sso --kubeconfig=$T/other.yaml doctor --context o" "other-one"
E2E_ENV=(KUBECONFIG="$T/other.yaml:$T/kc.yaml")
expect_candidates bash "eks-sso connect --context p" "prod-admin"
expect_candidates bash "eks-sso contexts " "$(printf '%s\n' "dev@arn:aws:eks:us-west-2:111122223333:cluster/dev" other-one prod-admin)"
E2E_ENV=()
expect_candidates bash "eks-sso --context " ""
expect_candidates bash "eks-sso -o " "$(printf '%s\n' table json yaml wide name junit markdown)"
expect_candidates bash "eks-sso doctor -o " "$(printf '%s\n' table json yaml junit markdown)"
expect_candidates bash "eks-sso get nodes -o " "$(printf '%s\n' table json yaml wide name)"
expect_candidates bash "eks-sso contexts --output " "$(printf '%s\n' table wide json yaml name)"
expect_candidates bash "eks-sso doctor --output=j" "$(printf '%s\n' json junit)"
expect_candidates bash "eks-sso version -o " "$(printf '%s\n' table json yaml)"
expect_candidates bash "eks-sso completion " "$(printf '%s\n' bash zsh fish)"
expect_candidates bash "eks-sso get node --no-h" "--no-headers"
[[ ! -e "$T/plugin-ran" ]] && pass || fail "completing a context ran the exec plugin"

# The brief's form too: only COMP_WORDS/COMP_CWORD set (no COMP_LINE).
got=$(env -i HOME="$T/home" PATH="$E2E_PATH" bash --norc -c '
  source <(eks-sso completion bash); COMP_WORDS=(eks-sso doctor -o ""); COMP_CWORD=3; _eks_sso
  printf "%s\n" "${COMPREPLY[@]}"' | sort)
[[ "$got" == "$(printf '%s\n' json junit markdown table yaml)" ]] && pass || fail "COMP_WORDS only: $got"

# --- zsh, fast and for every case: the completion function with compadd/_files recorded; zsh
# itself filters by prefix, so the stub prints everything offered (the real widgets run below,
# through zsh/zpty) ---
zsh_complete() {
  env -i HOME="$T/home" PATH="$E2E_PATH" "${E2E_ENV[@]+"${E2E_ENV[@]}"}" zsh -f -c '
    compdef() { :; }
    compset() { :; }
    compadd() { local -a a=("$@"); print -rl -- "${(@)a[$((${a[(i)--]} + 1)),-1]}"; }
    _files() { print -r -- __files__; }
    source <(eks-sso completion zsh) || exit 9
    words=(${(z)1})
    [[ $1 == *" " ]] && words+=("")
    CURRENT=${#words}
    _eks-sso
  ' zsh "$1" | awk -v cur="${1##* }" 'index($0, cur) == 1'
}
# fish: `complete -C` runs the real completion machinery.
fish_complete() {
  env -i HOME="$T/home" PATH="$E2E_PATH" "${E2E_ENV[@]+"${E2E_ENV[@]}"}" fish --no-config -c '
    eks-sso completion fish | source; or exit 9
    complete -C"$argv[1]"
  ' "$1" | cut -f1
}

shells=(bash)
for sh in zsh fish; do
  if command -v "$sh" >/dev/null; then shells+=("$sh"); else echo "note: $sh not installed; its cases skipped"; fi
done
for sh in "${shells[@]}"; do
  [[ $sh == bash ]] && continue
  expect_candidates "$sh" "eks-sso get " "nodes"
  expect_candidates "$sh" "eks-sso --kubeconfig $T/kc.yaml --context " \
    "$(printf '%s\n' "dev@arn:aws:eks:us-west-2:111122223333:cluster/dev" prod-admin)"
  E2E_ENV=(KUBECONFIG="$T/other.yaml")
  expect_candidates "$sh" "eks-sso doctor --context " "other-one"
  E2E_ENV=()
  expect_candidates "$sh" "eks-sso -o " "$(printf '%s\n' table json yaml wide name junit markdown)"
  expect_candidates "$sh" "eks-sso doctor -o " "$(printf '%s\n' table json yaml junit markdown)"
  expect_candidates "$sh" "eks-sso completion " "$(printf '%s\n' bash zsh fish)"
done
[[ ! -e "$T/plugin-ran" ]] && pass || fail "completing a context ran the exec plugin (zsh/fish)"
if [[ " ${shells[*]} " == *" zsh "* ]]; then
  [[ $(zsh_complete "eks-sso --kubeconfig ") == __files__ ]] && pass || fail "zsh: --kubeconfig completes files"
fi

# --- zsh for real: compinit and the completion function in a pseudo-terminal (zsh/zpty), a TAB
# typed, the edit buffer and the listing read back (tests/e2e/zpty_complete.zsh) ---
zpty_complete() {
  env -i HOME="$T/home" PATH="$E2E_PATH" TERM=xterm TMPDIR="$T" zsh -f "$(dirname "$0")/zpty_complete.zsh" "$S/_eks-sso" "$1"
}
expect_zpty() { # expect_zpty "line" "want (buffer:/list: lines)"
  local got
  got=$(zpty_complete "$1")
  if [[ "$got" == "$2" ]]; then pass; else fail "zsh (zpty): '$1'"; diff <(echo "$2") <(echo "$got") | sed 's/^/    /' >&2; fi
}
if [[ " ${shells[*]} " == *" zsh "* ]] && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then
  expect_zpty "eks-sso " "$(printf '%s\n' 'buffer:eks-sso ' list:cache list:completion list:connect list:contexts \
    list:credential list:doctor list:get list:help list:login list:logout-test list:setup-script list:status list:version)"
  expect_zpty "eks-sso get " "buffer:eks-sso get nodes "
  expect_zpty "kubectl-eks_sso get n" "buffer:kubectl-eks_sso get nodes "
  expect_zpty "eks-sso doctor -o ju" "buffer:eks-sso doctor -o junit "
  expect_zpty "eks-sso --kubeconfig $T/kc.yaml connect --context p" "buffer:eks-sso --kubeconfig $T/kc.yaml connect --context prod-admin "
  [[ ! -e "$T/plugin-ran" ]] && pass || fail "zsh (zpty) completion ran the exec plugin"
else
  echo "note: zsh or its zsh/zpty module missing; real zsh completion cases skipped"
fi

# --- the tree walk: each shell offers exactly the tree's subcommands and long flags ---
for sh in "${shells[@]}"; do
  paths=("" $(awk -F'|' '$1 == "cmd" { print ($2 == "" ? $3 : $2 " " $3) }' "$T/tree" | tr ' ' '+'))
  for p in "${paths[@]}"; do
    p=${p//+/ }
    want=$(awk -F'|' -v p="$p" '$1 == "cmd" && $2 == p { print $3 }' "$T/tree")
    if [[ -n $want ]]; then
      expect_candidates "$sh" "eks-sso ${p:+$p }" "$want"
    fi
    want=$(awk -F'|' -v p="$p" '$1 == "flag" && $2 == p { print $3 }' "$T/tree")
    expect_candidates "$sh" "eks-sso ${p:+$p }--" "$want"
  done
done

# --- kubectl eks-sso <TAB>: kubectl_complete-eks_sso answers in cobra's format ---
cp "$S/kubectl_complete-eks_sso" "$T/bin/"
helper() { env -i HOME="$T/home" PATH="$E2E_PATH" "$T/bin/kubectl_complete-eks_sso" "$@"; }
[[ $(helper get "") == $'nodes\n:4' ]] && pass || fail "helper: get -> $(helper get "")"
[[ $(helper --kubeconfig "$T/kc.yaml" --context "prod") == $'prod-admin\n:4' ]] && pass || fail "helper: --context"
[[ $(helper --kubeconfig "") == ":0" ]] && pass || fail "helper: --kubeconfig lets the shell complete files"
[[ $(helper doctor -o j) == $'json\njunit\n:4' ]] && pass || fail "helper: doctor -o j"
if have_kubectl; then
  got=$(env -i HOME="$T/home" PATH="$E2E_PATH" "$KUBECTL132" __complete eks-sso get "" 2>/dev/null)
  [[ $got == $'nodes\n:4' ]] && pass || fail "kubectl 1.32 __complete eks-sso get: $got"
  got=$(env -i HOME="$T/home" PATH="$E2E_PATH" "$KUBECTL132" __complete eks-sso --kubeconfig "$T/kc.yaml" --context p 2>/dev/null)
  [[ $got == $'prod-admin\n:4' ]] && pass || fail "kubectl 1.32 __complete eks-sso --context p: $got"
else
  echo "note: kubectl 1.32 not found at $KUBECTL132; kubectl plugin completion cases skipped"
fi
[[ ! -e "$T/plugin-ran" ]] && pass || fail "completion ran the exec plugin (kubectl helper)"

# --- __complete contexts: files only, quiet on errors ---
run_eks __complete contexts --kubeconfig "$T/kc.yaml"
expect_rc 0 "__complete contexts"
expect_out $'dev@arn:aws:eks:us-west-2:111122223333:cluster/dev\nprod-admin' "__complete contexts lists the names"
run_eks __complete contexts --kubeconfig "$T/missing.yaml"
expect_rc 7 "__complete contexts, missing file"
[[ -z "$OUT$ERR" ]] && pass || fail "__complete contexts stays quiet on errors"
[[ ! -e "$T/plugin-ran" ]] && pass || fail "__complete ran the exec plugin"

finish
