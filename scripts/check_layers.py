#!/usr/bin/env python3
"""Checks the include rules of ARCHITECTURE.md: which folder of lib/ may include which.

usage: check_layers.py [ROOT]   (ROOT: the source tree, default: this script's parent's parent)
Prints one line per broken rule, "file:line: rule", and exits 1 when there is any; 0 otherwise.
"""
import os
import re
import sys

# What each folder may include from lib/ (besides itself). The order is the layering, bottom up.
ALLOWED = {
    "util": set(),
    "formats": {"util"},
    "os": {"util"},
    "kube": {"util", "formats", "os"},
    "aws": {"util", "formats", "os"},
    "session": {"util", "formats", "os", "kube", "aws"},
    "doctor": {"util", "formats", "os", "kube", "aws", "session"},
}
# formats/ is pure: text in, values out. These headers mean I/O (files, processes, sockets, streams
# bound to the terminal) and may not appear there.
IO_HEADERS = {"fstream", "iostream", "cstdio", "stdio.h", "filesystem", "unistd.h", "fcntl.h",
              "curl/curl.h", "dirent.h", "thread", "future"}
IO_PREFIXES = ("sys/", "netinet/", "arpa/")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def rules_broken(path, rel, lines):
    parts = rel.split("/")
    top = parts[0]
    for number, line in enumerate(lines, 1):
        m = INCLUDE.match(line)
        if not m:
            continue
        kind, name = m.groups()
        where = f"{rel}:{number}"
        if top == "lib":
            folder = parts[1] if len(parts) > 2 else ""
            if folder not in ALLOWED:
                yield f"{where}: lib/{parts[1]} is not a folder of ARCHITECTURE.md (files of lib/ live in its folders)"
                continue
            if name.startswith("cmd/"):
                yield f"{where}: lib/ never includes cmd/ ({name})"
            elif name.startswith("CLI/") or "CLI11" in name:
                yield f"{where}: lib/ never includes CLI11 ({name})"
            elif name.startswith("sandbox/") or name.startswith("tests/"):
                yield f"{where}: lib/ never includes {name.split('/')[0]}/ ({name})"
            elif name.startswith("lib/"):
                other = name.split("/")[1]
                if other != folder and other not in ALLOWED[folder]:
                    yield f"{where}: lib/{folder} may not include lib/{other} ({name})"
            if folder == "formats" and kind == "<" and (name in IO_HEADERS or name.startswith(IO_PREFIXES)):
                yield f"{where}: lib/formats does no I/O, yet includes <{name}>"
        elif top == "sandbox":
            if name.startswith("lib/") and not name.startswith("lib/util/"):
                yield f"{where}: the sandbox shares only lib/util with what it tests ({name})"
            elif name.startswith("cmd/"):
                yield f"{where}: the sandbox never includes cmd/ ({name})"


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    broken = []
    for top in ("lib", "sandbox"):
        for dirpath, _, names in os.walk(os.path.join(root, top)):
            for name in sorted(names):
                if not name.endswith((".hpp", ".cpp", ".h")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                with open(path, encoding="utf-8", errors="replace") as f:
                    broken.extend(rules_broken(path, rel, f.read().splitlines()))
    for line in sorted(broken):
        print(line)
    if broken:
        print(f"check_layers: {len(broken)} include(s) break ARCHITECTURE.md's rules", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
