#!/usr/bin/env bash
# Prints the CHANGELOG.md section of a release, for the GitHub release's notes; used by
# .github/workflows/release.yml before anything is built.
#   scripts/release-notes.sh VERSION [CHANGELOG]
# Fails (exit 2) unless VERSION is CMake's project version and CHANGELOG has a
# "## [VERSION] - YYYY-MM-DD" section (Keep a Changelog).
set -euo pipefail
root="$(dirname "$0")/.."
version=${1:?usage: release-notes.sh VERSION [CHANGELOG]}
changelog=${2:-$root/CHANGELOG.md}
cmake_version=$(sed -n 's/^project(eks-sso VERSION \([0-9][0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
if [[ $version != "$cmake_version" ]]; then
  echo "release-notes: version $version is not CMake's project version $cmake_version (CMakeLists.txt)" >&2
  exit 2
fi
notes=$(awk -v v="$version" '
  /^## \[/ { if (inside) exit; if (index($0, "## [" v "] - ") == 1 && $0 ~ /- [0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) { inside = 1; next } }
  /^\[[^]]+\]: / { if (inside) exit }
  inside { print }' "$changelog")
if [[ -z ${notes//[[:space:]]/} ]]; then
  echo "release-notes: $changelog has no \"## [$version] - YYYY-MM-DD\" section: rename [Unreleased] to it" >&2
  exit 2
fi
printf '%s\n' "$notes"
