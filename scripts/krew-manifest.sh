#!/usr/bin/env bash
# Generates the krew plugin manifest (plugins/eks-sso.yaml) from packaging/krew/eks-sso.yaml.in,
# the version and the release archives; used by .github/workflows/release.yml.
#   scripts/krew-manifest.sh VERSION BASE_URL HOMEPAGE ARCHIVE... > eks-sso.yaml
# VERSION is X.Y.Z (CMake's project version; the manifest says vX.Y.Z). Each ARCHIVE is named
# eks-sso_<version>_linux_<arch>.tar.gz (made by scripts/krew-archive.sh); its entry gets
# uri BASE_URL/<archive name>, its sha256 and bin kubectl-eks_sso. Fails (exit 2) on a version
# that is not X.Y.Z, an archive of another version, a missing archive or a non-https URL.
set -euo pipefail
die() { echo "krew-manifest: $*" >&2; exit 2; }
(($# >= 4)) || die "usage: krew-manifest.sh VERSION BASE_URL HOMEPAGE ARCHIVE..."
version=$1 base=${2%/} homepage=$3
shift 3
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "version must be X.Y.Z, not \"$version\""
[[ $base == https://* ]] || die "BASE_URL must be https://, not \"$base\""
[[ $homepage == https://* ]] || die "HOMEPAGE must be https://, not \"$homepage\""
template="$(dirname "$0")/../packaging/krew/eks-sso.yaml.in"
platforms=""
for archive in "$@"; do
  [[ -f $archive ]] || die "$archive: no such file"
  name=$(basename "$archive")
  [[ $name =~ ^eks-sso_${version//./\\.}_(linux|darwin)_(amd64|arm64)\.tar\.gz$ ]] ||
    die "$name: expected eks-sso_${version}_<os>_<arch>.tar.gz"
  os=${BASH_REMATCH[1]} arch=${BASH_REMATCH[2]}
  sha=$(sha256sum "$archive" | cut -d' ' -f1)
  platforms+="  - selector:
      matchLabels:
        os: $os
        arch: $arch
    uri: $base/$name
    sha256: $sha
    bin: kubectl-eks_sso
"
done
platforms=${platforms%$'\n'}
while IFS= read -r line; do
  case $line in
    "#"*) ;;
    @PLATFORMS@) printf '%s\n' "$platforms" ;;
    *) line=${line//@VERSION@/$version}; printf '%s\n' "${line//@HOMEPAGE@/$homepage}" ;;
  esac
done <"$template"
