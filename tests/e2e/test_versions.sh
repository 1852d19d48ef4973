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
# `version` (issue 16): "eks-sso X.Y.Z", then "commit C, built YYYY-MM-DD" (C: 12 hex digits of the
# built checkout, or "unknown"); the first line alone is what --version and version --short print,
# the form the action, the .deb check and krew-archive.sh read. -o json adds commit and buildDate.
full=$("$bin" version)
assert_eq "eks-sso $v" "${full%%$'\n'*}" "eks-sso version: the first line"
[[ $(sed -n 2p <<<"$full") =~ ^commit\ ([0-9a-f]{12}|unknown),\ built\ [0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] ||
  fail "eks-sso version: the second line is 'commit C, built YYYY-MM-DD': $(sed -n 2p <<<"$full")"
assert_eq 2 "$(wc -l <<<"$full")" "eks-sso version: two lines"
assert_eq "eks-sso $v" "$("$bin" --version)" "eks-sso --version"
assert_eq "eks-sso $v" "$("$bin" version --short)" "eks-sso version --short"
commit=$(sed -n 's/^commit \([^,]*\),.*/\1/p' <<<"$full")
date=$(sed -n 's/.*, built //p' <<<"$full")
assert_eq "{\"buildDate\": \"$date\",\"commit\": \"$commit\",\"version\": \"$v\"}" \
  "$("$bin" version -o json | tr -d '\n' | sed 's/{  */{/; s/ *}$/}/; s/,  */,/g')" "version -o json"
assert_eq "{\"version\": \"$v\"}" "$("$bin" version --short -o json | tr -d '\n' | sed 's/{  */{/; s/ *}$/}/')" \
  "version --short -o json"
# The commit is the checkout's when the source is one (the binary was built from this tree).
if git -C "$src" rev-parse --show-toplevel >/dev/null 2>&1 && [[ $(git -C "$src" rev-parse --show-toplevel) == "$(cd "$src" && pwd -P)" ]]; then
  [[ $commit =~ ^[0-9a-f]{12}$ ]] || fail "built from a git checkout: the commit is known, got $commit"
  git -C "$src" cat-file -e "$commit^{commit}" 2>/dev/null || fail "the commit $commit is one of this checkout"
fi
# A clean copy without .git (a release tarball), even inside another repository, says "unknown";
# a checkout says its HEAD. cmake/build_info.cmake is what the build runs.
mkdir -p "$tmp/outer/copy"
git -C "$tmp/outer" init -q
GIT_CEILING_DIRECTORIES=$tmp cmake -DSOURCE_DIR="$tmp/outer/copy" -DOUTPUT="$tmp/bi.hpp" -P "$src/cmake/build_info.cmake"
assert_contains "$(cat "$tmp/bi.hpp")" '#define EKS_SSO_COMMIT "unknown"' "no .git: commit unknown"
assert_contains "$(cat "$tmp/bi.hpp")" "#define EKS_SSO_BUILD_DATE \"$(date -u +%Y-%m-%d)\"" "no .git: today's date (UTC)"
git -C "$tmp/outer/copy" init -q
git -C "$tmp/outer/copy" -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m x
head=$(git -C "$tmp/outer/copy" rev-parse --short=12 HEAD)
cmake -DSOURCE_DIR="$tmp/outer/copy" -DOUTPUT="$tmp/bi.hpp" -P "$src/cmake/build_info.cmake"
assert_contains "$(cat "$tmp/bi.hpp")" "#define EKS_SSO_COMMIT \"$head\"" "a checkout: its HEAD"
touch -d '2000-01-01' "$tmp/bi.hpp"
cmake -DSOURCE_DIR="$tmp/outer/copy" -DOUTPUT="$tmp/bi.hpp" -P "$src/cmake/build_info.cmake"
assert_eq "2000-01-01" "$(date -u -r "$tmp/bi.hpp" +%Y-%m-%d)" "unchanged: the header is not rewritten (nothing recompiles)"
SOURCE_DATE_EPOCH=86400 cmake -DSOURCE_DIR="$tmp/outer/copy" -DOUTPUT="$tmp/bi.hpp" -P "$src/cmake/build_info.cmake"
assert_contains "$(cat "$tmp/bi.hpp")" '#define EKS_SSO_BUILD_DATE "1970-01-02"' "SOURCE_DATE_EPOCH"
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
