# Flattens `eks-sso __tree` (JSON on stdin) into lines the shell tests read:
#   cmd<TAB>PATH<TAB>SUBCOMMAND     one per subcommand of a command path ("" = top level)
#   flag<TAB>PATH<TAB>--LONG        one per long flag a command accepts (its own and the global ones)
#   global<TAB><TAB>--LONG          the top level's flags, accepted by every command
#   leaf<TAB>PATH                   commands without subcommands (each has a man page)
import json
import sys

tree = json.load(sys.stdin)
globals_ = [l for o in tree["options"] for l in o["long"] if l != "--version"]
for g in globals_:
    print(f"global\t\t{g}")


def walk(node, path):
    for sub in node["commands"]:
        print(f"cmd\t{path}\t{sub['name']}")
    own = [l for o in node["options"] for l in o["long"]]
    for flag in sorted(set(own + globals_)):
        print(f"flag\t{path}\t{flag}")
    if not node["commands"] and path:
        print(f"leaf\t{path}")
    for sub in node["commands"]:
        walk(sub, f"{path} {sub['name']}".strip())


walk(tree, "")
