#!/usr/bin/env bash
# Packs the krew archive of a built eks-sso: eks-sso_<version>_linux_<arch>.tar.gz holding
# kubectl-eks_sso (the program itself, stripped: krew links its `bin` as kubectl-eks_sso) and README.md.
#   scripts/krew-archive.sh BUILD_DIR OUT_DIR ARCH      prints the archive's path
set -euo pipefail
build=$1 out=$2 arch=$3
version=$("$build/eks-sso" --version | cut -d' ' -f2)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -s -m 0755 "$build/eks-sso" "$stage/kubectl-eks_sso"
cp "$(dirname "$0")/../README.md" "$stage/README.md"
mkdir -p "$out"
archive="$out/eks-sso_${version}_linux_${arch}.tar.gz"
# Reproducible: fixed owner, order and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$stage" -cf - kubectl-eks_sso README.md | gzip -n >"$archive"
echo "$archive"
