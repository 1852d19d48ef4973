#!/usr/bin/env bash
# Usage errors in kubectl's words (issue 16, polish), never CLI11's raw "The following argument
# was not expected: ...": `error: unknown flag: --foo` with a did-you-mean among the flags that
# command accepts (its own and the global ones), or the command that has the flag, then
# `See 'eks-sso COMMAND --help' for usage.`; exit 2 (usage error, CONTRACT.md). No plugin runs.
source "$(dirname "$0")/common.sh"

# expect_usage "exact stderr" ARGS...: exit 2, nothing on stdout, stderr exactly as given.
expect_usage() {
  local want=$1
  shift
  run_eks "$@"
  expect_rc 2 "$*: exit 2"
  expect_out "" "$*: nothing on stdout"
  if [[ "$ERR" == "$want" ]]; then pass; else fail "$*: stderr differs"; diff <(echo "$want") <(echo "$ERR") >&2; fi
  expect_not_contains "not expected" "$ERR" "$*: no CLI11 text"
}

expect_usage "error: unknown flag: --all-contextz
  did you mean \"--all-contexts\"?
See 'eks-sso doctor --help' for usage." doctor --all-contextz
# A global flag misspelt after the command: suggested from the globals.
expect_usage "error: unknown flag: --kubeconfg
  did you mean \"--kubeconfig\"?
See 'eks-sso contexts --help' for usage." contexts --kubeconfg x
# before the command: the top level's help
expect_usage "error: unknown flag: --contxt
  did you mean \"--context\"?
See 'eks-sso --help' for usage." --contxt prod doctor
# --all-contexts is doctor's flag, not connect's: never suggested as if it were connect's; the
# hint says which command has it.
expect_usage "error: unknown flag: --all-contexts
  --all-contexts is a flag of 'eks-sso doctor'
See 'eks-sso connect --help' for usage." connect --all-contexts
expect_usage "error: unknown flag: --frobnicate
See 'eks-sso get nodes --help' for usage." get nodes --frobnicate
expect_usage "error: unknown flag: --selectr
  did you mean \"--selector\"?
See 'eks-sso get nodes --help' for usage." get nodes --selectr=a=b
# cobra's words for a short flag
expect_usage "error: unknown shorthand flag: 'x' in -x
See 'eks-sso get nodes --help' for usage." get nodes -x
# a value that looks like a flag is the value, not an unknown flag
run_eks --context --nope contexts -o name
expect_rc 7 "--context --nope: the value of --context (no such context)"
expect_usage "error: flag needs an argument: --context
See 'eks-sso doctor --help' for usage." doctor --context
expect_usage "error: unexpected argument \"extra\": \"eks-sso version\" takes no arguments
See 'eks-sso version --help' for usage." version extra
expect_usage "error: unknown command \"nods\" for \"eks-sso get\"
  did you mean \"nodes\"?
See 'eks-sso get --help' for usage." get nods
expect_usage "error: unknown command \"contxts\" for \"eks-sso\"
  did you mean \"contexts\"?
See 'eks-sso --help' for usage." --context x contxts
expect_usage "error: missing command: use one of nodes
See 'eks-sso get --help' for usage." get
# an integer flag given a word: pflag's words, not CLI11's "Could not convert"
expect_usage "error: invalid argument \"abc\" for \"--v\" flag: not a whole number
See 'eks-sso doctor --help' for usage." -v abc doctor
expect_usage "error: invalid argument \"x\" for \"--chunk-size\" flag: not a whole number
See 'eks-sso get nodes --help' for usage." get nodes --chunk-size x
# -o values keep their did-you-mean (validate_global).
run_eks contexts -o wdie
expect_rc 2 "bad -o"
expect_err_contains 'did you mean "-o wide"?' "bad -o suggestion"
finish
