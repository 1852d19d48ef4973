#!/usr/bin/env bash
# One version everywhere: CMake's project(VERSION) is what `eks-sso version`, `--version`, `-o json`,
# the .deb (CPack), the krew manifest (test_krew_manifest.sh generates it) and the GitHub Action's
# default install read; CHANGELOG.md is in Keep a Changelog form with no section newer than it
# and either its section or [Unreleased]; scripts/release-notes.sh refuses a tag that is not the
# version or has no dated section, and prints that section when it has one.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

src=${EKS_SSO_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${EKS_SSO_BUILD_DIR:-$src/build}
bin=${EKS_SSO_BIN:-$build/eks-sso}
[[ -x $bin ]] || skip "eks-sso not built"
sandbox_tmpdir >/dev/null
tmp=$TEST_TMP
v=$(sed -n 's/^project(eks-sso VERSION \([0-9][0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[[ $v =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "CMake's project version is X.Y.Z: \"$v\""
assert_eq "eks-sso $v" "$("$bin" version)" "eks-sso version"
assert_eq "eks-sso $v" "$("$bin" --version)" "eks-sso --version"
assert_eq "{\"version\": \"$v\"}" "$("$bin" version -o json | tr -d '\n' | sed 's/{  */{/; s/ *}$/}/')" "version -o json"
if [[ -f $build/CPackConfig.cmake ]]; then
  assert_contains "$(cat "$build/CPackConfig.cmake")" "set(CPACK_PACKAGE_VERSION \"$v\")" "the .deb's version"
fi
# The action installs CMake's version by default (the same sed as action.yml's install step).
assert_contains "$(cat "$src/action.yml")" "sed -n 's/^project(eks-sso VERSION \\([0-9][0-9.]*\\).*/\\1/p' \"\$src/CMakeLists.txt\"" \
  "action.yml reads the version from CMakeLists.txt"

# CHANGELOG.md: Keep a Changelog headings, versions not newer than CMake's, links for each.
out=$(python3 - "$src/CHANGELOG.md" "$v" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
cmake = tuple(int(x) for x in sys.argv[2].split("."))
err = []
lines = text.split("\n")
if lines[0] != "# Changelog":
    err.append("first line is '# Changelog'")
if "keepachangelog.com" not in text:
    err.append("names Keep a Changelog")
heads = [l for l in lines if l.startswith("## ")]
versions = []
for h in heads:
    m = re.fullmatch(r"## \[(Unreleased|(\d+)\.(\d+)\.(\d+))\]( - (\d{4}-\d{2}-\d{2}))?", h)
    if not m:
        err.append(f"heading {h!r}: '## [Unreleased]' or '## [X.Y.Z] - YYYY-MM-DD'")
        continue
    if m.group(1) == "Unreleased":
        if versions or m.group(5):
            err.append("[Unreleased] comes first, undated")
        versions.append("Unreleased")
    else:
        if not m.group(5):
            err.append(f"{h!r}: a released version has a date")
        versions.append(tuple(int(m.group(i)) for i in (2, 3, 4)))
    if not re.search(r"^\[" + re.escape(m.group(1)) + r"\]: https://", text, re.M):
        err.append(f"no link reference for [{m.group(1)}]")
released = [x for x in versions if x != "Unreleased"]
if released != sorted(released, reverse=True):
    err.append("versions newest first")
if released and released[0] > cmake:
    err.append(f"CHANGELOG has {released[0]}, newer than CMake's {cmake}")
if cmake not in released and "Unreleased" not in versions:
    err.append("neither a section for CMake's version nor [Unreleased]")
for sub in re.findall(r"^### (.*)$", text, re.M):
    if sub not in ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"):
        err.append(f"### {sub}: not a Keep a Changelog kind of change")
print("\n".join(err) or "ok")
EOF
)
assert_eq "ok" "$out" "CHANGELOG.md form"

# release-notes.sh: the tag must be the version with a dated section.
notes() { bash "$src/scripts/release-notes.sh" "$@" 2>"$tmp/notes.err"; }
notes "9.9.9" >/dev/null
assert_rc 2 "$?" "a tag other than CMake's version"
assert_contains "$(cat "$tmp/notes.err")" "version 9.9.9 is not CMake's project version $v"
if ! grep -q "^## \[$v\] - " "$src/CHANGELOG.md"; then
  notes "$v" >/dev/null
  assert_rc 2 "$?" "no dated section yet for $v"
  assert_contains "$(cat "$tmp/notes.err")" "has no \"## [$v] - YYYY-MM-DD\" section"
fi
sed "s/^## \[Unreleased\]/## [$v] - 2026-12-02/" "$src/CHANGELOG.md" >"$tmp/CHANGELOG.md"
printf '\n## [0.0.1] - 2026-01-01\n\n### Added\n\n- ancient-entry-marker\n' >>"$tmp/CHANGELOG.md"
got=$(notes "$v" "$tmp/CHANGELOG.md")
assert_rc 0 "$?" "a dated section"
assert_contains "$got" "### Added" "the section's body"
assert_not_contains "$got" "ancient-entry-marker" "only that section"
assert_not_contains "$got" "## [" "without its heading"
finish
