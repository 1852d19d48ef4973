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

# Every command's --help (and `help COMMAND`) ends with the global options, each with its value
# name and the description the top-level help gives it (issue 16, polish), so a user reading
# `eks-sso get nodes --help` learns --context and -v without going back to `eks-sso --help`.
cat >"$T/globals.py" <<'PY'
import json, subprocess, sys
binary, tree = sys.argv[1], json.load(open(sys.argv[2]))
globals_ = [o for o in tree["options"] if o["long"] not in (["--help"], ["--version"])]
def walk(node):
    for sub in node["commands"]:
        yield sub
        yield from walk(sub)
bad = 0
for node in walk(tree):
    path = node["path"] if isinstance(node["path"], list) else node["path"].split()
    path = [w for w in path if w != "eks-sso"]
    for argv in ([binary] + path + ["--help"], [binary, "help"] + path):
        text = subprocess.run(argv, capture_output=True, text=True).stdout
        if "\nGlobal options (before or after the command; see 'eks-sso --help'):\n" not in text:
            print(f"{' '.join(argv[1:])}: no Global options block"); bad += 1; continue
        block = text.split("\nGlobal options (before or after the command; see 'eks-sso --help'):\n", 1)[1]
        for o in globals_:
            names = ", ".join(o["short"] + o["long"][:1]) + (" " + o["value"] if o["value"] else "")
            if not any(l.startswith("  " + names + " ") and l.endswith(o["description"]) for l in block.split("\n")):
                print(f"{' '.join(argv[1:])}: global option {names} missing"); bad += 1
sys.exit(1 if bad else 0)
PY
if python3 "$T/globals.py" "$EKS_SSO_BIN" "$T/tree.json" >"$T/problems"; then
  pass
else
  fail "global options in every command's --help"
  sed 's/^/    /' "$T/problems" >&2
fi
# The top-level help lists them as its own options, not twice.
run_eks --help
expect_not_contains "Global options (before or after" "$OUT" "top-level --help: no second list"

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
