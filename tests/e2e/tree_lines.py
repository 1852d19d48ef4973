# Flattens `eks-sso __tree` (JSON on stdin) into lines the shell tests read:
#   cmd|PATH|SUBCOMMAND     one per subcommand of a command path ("" = top level)
#   flag|PATH|--LONG        one per long flag a command accepts (its own and the global ones)
#   global||--LONG          the top level's flags, accepted by every command
#   leaf|PATH                   commands without subcommands (each has a man page)
import json
import sys

tree = json.load(sys.stdin)
globals_ = [l for o in tree["options"] for l in o["long"] if l != "--version"]
for g in globals_:
    print(f"global||{g}")


def walk(node, path):
    for sub in node["commands"]:
        print(f"cmd|{path}|{sub['name']}")
    own = [l for o in node["options"] for l in o["long"]]
    for flag in sorted(set(own + globals_)):
        print(f"flag|{path}|{flag}")
    if not node["commands"] and path:
        print(f"leaf|{path}")
    for sub in node["commands"]:
        walk(sub, f"{path} {sub['name']}".strip())


walk(tree, "")
