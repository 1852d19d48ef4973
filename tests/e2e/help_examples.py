# Checks the "Examples:" section of every command's --help (issue 8: "--help on every command
# with examples"). Usage: help_examples.py EKS_SSO_BIN < tree.json (the `eks-sso __tree` JSON);
# help_examples.py EKS_SSO_BIN --example LINE... < tree.json checks only the given lines.
# For each command path of the tree (the top level included), `eks-sso PATH --help` must exit 0
# and contain an "Examples:" section with at least one invocation; each invocation must name
# only commands of the tree and flags that command accepts (its own and the global ones), so an
# example cannot go stale when a flag is renamed. Prints one line per problem; exit 1 if any.
import json
import os
import shlex
import subprocess
import sys

binary = sys.argv[1]
tree = json.load(sys.stdin)
problems = []


def flags_of(node):
    out = set()
    for o in node["options"]:
        out.update(o["long"])
        out.update(o["short"])
    return out


def value_flags(node):
    out = set()
    for o in node["options"]:
        if o["value"] is not None:
            out.update(o["long"])
            out.update(o["short"])
    return out


GLOBAL = flags_of(tree)
GLOBAL_VALUES = value_flags(tree)


def examples(text):
    lines = text.split("\n")
    if "Examples:" not in lines:
        return None
    out = []
    for line in lines[lines.index("Examples:") + 1:]:
        if not line.startswith("  "):
            break
        out.append(line.strip())
    return out


def words_of(example):
    """The eks-sso argv of an example line: no comment, no redirection or pipe, no source <(...)."""
    example = example.split("  #")[0].strip()
    if example.startswith("source <(") and example.endswith(")"):
        example = example[len("source <("):-1]
    words = shlex.split(example, comments=True)
    cut = [i for i, w in enumerate(words) if w in ("|", ">", ">>", "2>", "&&", ";")]
    if cut:
        words = words[:cut[0]]
    if words[:2] == ["kubectl", "eks-sso"]:
        words = words[1:]
    return words


def check_invocation(path, example):
    words = words_of(example)
    if not words or words[0] != "eks-sso":
        problems.append(f"{path}: example does not run eks-sso: {example!r}")
        return
    node = tree
    accepted = set(GLOBAL)
    takes_value = set(GLOBAL_VALUES)
    i = 1
    positionals = 0
    while i < len(words):
        w = words[i]
        if w.startswith("-"):
            flag = w.split("=", 1)[0]
            if flag not in accepted:
                problems.append(f"{path}: example uses {flag}, unknown to \"{node['path']}\": {example!r}")
                return
            if flag in takes_value and "=" not in w:
                i += 1
        else:
            sub = [c for c in node["commands"] if c["name"] == w or w in c["aliases"]]
            if sub and positionals == 0:
                node = sub[0]
                accepted |= flags_of(node)
                takes_value |= value_flags(node)
            elif node["positionals"]:
                positionals += 1
            else:
                problems.append(f"{path}: example word {w!r} is not a command of \"{node['path']}\": {example!r}")
                return
        i += 1
    if node["commands"]:
        problems.append(f"{path}: example stops at \"{node['path']}\", which needs a subcommand: {example!r}")


def walk(node, path):
    args = path.split()[1:]
    env = {"HOME": "/nonexistent", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    run = subprocess.run([binary, *args, "--help"], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        problems.append(f"{path} --help: exit {run.returncode}")
    found = examples(run.stdout)
    if found is None:
        problems.append(f"{path} --help: no \"Examples:\" section")
    elif not found:
        problems.append(f"{path} --help: an empty \"Examples:\" section")
    else:
        for example in found:
            check_invocation(path, example)
    for sub in node["commands"]:
        walk(sub, sub["path"])


if sys.argv[2:3] == ["--example"]:  # the tests of this checker: one example line, no --help runs
    for example in sys.argv[3:]:
        check_invocation("eks-sso", example)
else:
    walk(tree, tree["path"])
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
