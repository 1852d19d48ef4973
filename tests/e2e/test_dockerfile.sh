#!/usr/bin/env bash
# The container image's Dockerfile, checked here without a Docker engine (the GitHub workflows
# build and run it): its instructions parsed (continuations joined), the final stage Debian slim
# with the eks-sso .deb and the AWS CLI v2 from Debian, exec-form ENTRYPOINT eks-sso, HOME=/root
# for the documented -v ~/.kube:/root/.kube:ro -v ~/.aws:/root/.aws:ro; nothing downloaded outside
# apt; COPY sources present; .dockerignore keeps build trees out; the workflows build and run it.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

src=${EKS_SSO_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
command -v python3 >/dev/null || skip "python3 is needed"
if command -v hadolint >/dev/null; then
  hadolint "$src/Dockerfile" || fail "hadolint"
fi
out=$(python3 - "$src" <<'EOF'
import json, os, re, shlex, sys
src = sys.argv[1]
text = open(os.path.join(src, "Dockerfile"), encoding="utf-8").read()
lines, cur = [], ""
for raw in text.split("\n"):
    if not cur and (raw.strip().startswith("#") or not raw.strip()):
        continue
    if raw.rstrip().endswith("\\"):
        cur += raw.rstrip()[:-1] + " "
        continue
    cur += raw
    lines.append(cur.strip())
    cur = ""
stages = []
for line in lines:
    op, _, arg = line.partition(" ")
    op = op.upper()
    if op == "FROM":
        stages.append({"from": arg, "ops": []})
    else:
        stages[-1]["ops"].append((op, arg.strip()))
err = []
def need(ok, what):
    if not ok:
        err.append(what)
need(len(stages) >= 2, "a build stage and a run stage")
final = stages[-1]
need(final["from"] == "debian:bookworm-slim", f"final stage from debian:bookworm-slim, not {final['from']}")
need(re.fullmatch(r"debian:bookworm-slim AS \w+", stages[0]["from"], re.I) is not None, "a named Debian build stage")
ops = final["ops"]
runs = " && ".join(a for o, a in ops if o == "RUN")
need("apt-get install" in runs and "--no-install-recommends" in runs, "apt-get install --no-install-recommends")
need(re.search(r"apt-get install[^&]*\bawscli\b", runs) is not None, "awscli (AWS CLI v2 from Debian) installed")
need(re.search(r"apt-get install[^&]*/tmp/eks-sso_\*\.deb", runs) is not None, "the eks-sso .deb installed with apt")
need("rm -rf /var/lib/apt/lists/*" in runs, "apt lists removed")
need("eks-sso version" in runs, "the image checks that eks-sso runs")
need(any(o == "COPY" and a.startswith("--from=") and a.split()[1].endswith(".deb") for o, a in ops), ".deb copied from the build stage")
eps = [a for o, a in ops if o == "ENTRYPOINT"]
need(len(eps) == 1 and json.loads(eps[0]) == ["eks-sso"], f"exec-form ENTRYPOINT [\"eks-sso\"], not {eps}")
cmds = [a for o, a in ops if o == "CMD"]
need(len(cmds) == 1 and isinstance(json.loads(cmds[0]), list), "exec-form CMD")
envs = " ".join(a for o, a in ops if o == "ENV")
need("HOME=/root" in envs, "HOME=/root (the documented volume mounts)")
need(not any(o == "USER" for o, a in ops), "runs as root (reads /root/.kube and /root/.aws)")
build_runs = " && ".join(a for o, a in stages[0]["ops"] if o == "RUN")
need("cpack -G DEB" in build_runs and "scripts/install-deps.sh" in build_runs, "the build stage makes the .deb as the release does")
for s in stages:
    for o, a in s["ops"]:
        if o == "RUN":
            need(re.search(r"\b(curl|wget)\b|https?://", a) is None, f"nothing downloaded outside apt: {a[:60]}")
        if o in ("COPY", "ADD") and not a.startswith("--from="):
            need(o == "COPY", "COPY, not ADD")
            for p in shlex.split(a)[:-1]:
                need(p == "." or os.path.exists(os.path.join(src, p)), f"COPY source {p} exists")
ignore = open(os.path.join(src, ".dockerignore"), encoding="utf-8").read().split("\n")
need("build*/" in ignore and ".git" in ignore, ".dockerignore excludes .git and build*/")
print("\n".join(err) or "ok")
EOF
)
assert_eq "ok" "$out" "Dockerfile shape"

# The AWS CLI that Debian 12 ships as awscli is v2 (the exec plugin doctor checks for).
if command -v apt-cache >/dev/null && grep -q 'VERSION_CODENAME=bookworm' /etc/os-release 2>/dev/null; then
  v=$(apt-cache show awscli 2>/dev/null | sed -n 's/^Version: //p' | head -n 1)
  if [[ -n $v ]]; then
    [[ $v == 2.* ]] || fail "Debian 12's awscli is $v, not v2"
  fi
fi
# The .deb name the Dockerfile installs is CPack's Debian default (<name>_<version>_<arch>.deb).
grep -q 'set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)' "$src/cmake/ecosystem.cmake" || fail "CPack's .deb name changed"
# The workflows build the image and run it.
assert_contains "$(cat "$src/.github/workflows/ci.yml")" "docker build -t eks-sso ." "ci.yml builds the image"
assert_contains "$(cat "$src/.github/workflows/ci.yml")" "docker run --rm eks-sso version" "ci.yml runs it"
finish
