#!/usr/bin/env bash
# The krew manifest: scripts/krew-archive.sh packs the built binary as the release does,
# scripts/krew-manifest.sh fills packaging/krew/eks-sso.yaml.in; the result is checked against
# krew's manifest rules (sigs.k8s.io/krew internal/index/validation: apiVersion, kind, a safe
# name, a one-line shortDescription, a v-prefixed semver version, platforms each with a uri, a
# sha256 of 64 hex digits, a bin and an os/arch selector) and ours (the version is CMake's, each
# sha256 is its archive's, bin kubectl-eks_sso is in the archive and runs, kubectl finds it).
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

src=${EKS_SSO_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${EKS_SSO_BUILD_DIR:-$src/build}
[[ -x $build/eks-sso ]] || skip "eks-sso not built in $build"
python3 -c 'import yaml' 2>/dev/null || skip "python3-yaml is needed"
sandbox_tmpdir >/dev/null
tmp=$TEST_TMP
version=$("$build/eks-sso" --version | cut -d' ' -f2)
cmake_version=$(sed -n 's/^project(eks-sso VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
assert_eq "$cmake_version" "$version" "eks-sso version is CMake's project version"

amd=$(bash "$src/scripts/krew-archive.sh" "$build" "$tmp/dist" amd64)
arm=$(bash "$src/scripts/krew-archive.sh" "$build" "$tmp/dist" arm64)
assert_eq "$tmp/dist/eks-sso_${version}_linux_amd64.tar.gz" "$amd" "archive name"
base="https://github.com/owner/eks-sso/releases/download/v$version"
mkdir -p "$tmp/plugins"
bash "$src/scripts/krew-manifest.sh" "$version" "$base" https://github.com/owner/eks-sso "$amd" "$arm" \
  >"$tmp/plugins/eks-sso.yaml" || fail "krew-manifest.sh failed"

# krew_check MANIFEST: "ok" or the broken rules, one a line
krew_check() {
  python3 - "$1" "$version" "$tmp/dist" <<'EOF'
import hashlib, os, re, sys, yaml
path, version, dist = sys.argv[1:]
m = yaml.safe_load(open(path, encoding="utf-8"))
errors = []
def need(ok, what):
    if not ok:
        errors.append(what)
name = os.path.basename(path)[:-len(".yaml")]
need(m.get("apiVersion") == "krew.googlecontainertools.github.com/v1alpha2", "apiVersion")
need(m.get("kind") == "Plugin", "kind")
meta = m.get("metadata") or {}
need(re.fullmatch(r"[\w-]+", meta.get("name", "")) is not None, "metadata.name must match ^[\\w-]+$")
need(meta.get("name", "").upper() not in {"CON", "PRN", "AUX", "NUL"}, "metadata.name is a Windows device name")
need(meta.get("name") == name, f"metadata.name must be the file's name ({name})")
spec = m.get("spec") or {}
sd = spec.get("shortDescription", "")
need(isinstance(sd, str) and sd != "" and "\n" not in sd and "\r" not in sd, "shortDescription: one non-empty line")
v = str(spec.get("version", ""))
need(re.fullmatch(r"v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?", v) is not None,
     "spec.version: v-prefixed semver")
need(v == "v" + version, f"spec.version is v{version}")
need(str(spec.get("homepage", "")).startswith("https://"), "homepage: https URL")
platforms = spec.get("platforms") or []
need(len(platforms) > 0, "platforms: at least one")
seen = set()
for p in platforms:
    uri, sha, bin_ = (str(p.get(k, "")) for k in ("uri", "sha256", "bin"))
    need(uri.startswith("https://"), f"uri {uri!r}: https")
    need(re.fullmatch(r"[a-f0-9]{64}", sha) is not None, f"sha256 {sha!r}: 64 hex digits")
    need(bin_ == "kubectl-eks_sso", f"bin {bin_!r}: kubectl-eks_sso")
    labels = ((p.get("selector") or {}).get("matchLabels")) or {}
    need(len(labels) > 0 and set(labels) <= {"os", "arch"}, f"selector {labels}: matchLabels with os/arch only")
    key = tuple(sorted(labels.items()))
    need(key not in seen, f"selector {labels} twice")
    seen.add(key)
    if "files" in p:
        need(isinstance(p["files"], list) and p["files"] and all(f.get("from") and f.get("to") for f in p["files"]),
             "files: non-empty, each with from and to")
    archive = os.path.join(dist, os.path.basename(uri))
    if os.path.exists(archive):
        need(hashlib.sha256(open(archive, "rb").read()).hexdigest() == sha, f"sha256 of {os.path.basename(uri)}")
    else:
        errors.append(f"no archive for {uri}")
print("\n".join(errors) if errors else "ok")
EOF
}
assert_eq "ok" "$(krew_check "$tmp/plugins/eks-sso.yaml")" "the generated manifest follows krew's rules"
assert_contains "$(cat "$tmp/plugins/eks-sso.yaml")" "uri: $base/eks-sso_${version}_linux_arm64.tar.gz" "arm64 uri"

# The checker itself catches broken manifests.
mutant() { # mutant SED-EXPR -> krew_check of the edited copy
  mkdir -p "$tmp/m"
  sed "$1" "$tmp/plugins/eks-sso.yaml" >"$tmp/m/eks-sso.yaml"
  krew_check "$tmp/m/eks-sso.yaml"
}
assert_contains "$(mutant 's/bin: kubectl-eks_sso/bin: eks-sso/')" "bin 'eks-sso'" "checker: wrong bin"
assert_contains "$(mutant "s/version: v$version/version: $version/")" "v-prefixed semver" "checker: version without v"
assert_contains "$(mutant 's/sha256: \(.\).*/sha256: \1/')" "64 hex digits" "checker: short sha256"
assert_contains "$(mutant 's/kind: Plugin/kind: Plugins/')" "kind" "checker: kind"
assert_contains "$(mutant 's/arch: arm64/arch: amd64/')" "twice" "checker: duplicate selector"

# The archive holds bin as a regular executable, and it is eks-sso.
mkdir -p "$tmp/x"
tar -xzf "$amd" -C "$tmp/x"
assert_eq "README.md
kubectl-eks_sso" "$(tar -tzf "$amd" | sort)" "archive contents"
[[ -f $tmp/x/kubectl-eks_sso && ! -L $tmp/x/kubectl-eks_sso && -x $tmp/x/kubectl-eks_sso ]] || fail "bin is a regular executable"
assert_eq "eks-sso $version" "$("$tmp/x/kubectl-eks_sso" --version)" "the archive's bin runs"
assert_eq "$(sha256sum <"$amd")" "$(bash "$src/scripts/krew-archive.sh" "$build" "$tmp/again" amd64 >/dev/null; sha256sum <"$tmp/again/eks-sso_${version}_linux_amd64.tar.gz")" \
  "the archive is reproducible"
if [[ -n "$(kubectl132)" ]]; then
  # krew puts the bin on the PATH; kubectl finds it as the eks-sso plugin.
  out=$(env -i HOME="$tmp" PATH="$tmp/x:/usr/bin:/bin" "$(kubectl132)" eks-sso version --short 2>&1)
  assert_eq "eks-sso $version" "$out" "kubectl eks-sso version"
fi

# The generator refuses what would make a broken manifest.
gen() { bash "$src/scripts/krew-manifest.sh" "$@" >/dev/null 2>"$tmp/gen.err"; echo "$?"; }
assert_eq "2" "$(gen 1.0 "$base" https://h "$amd")" "version not X.Y.Z"
assert_contains "$(cat "$tmp/gen.err")" 'version must be X.Y.Z, not "1.0"'
assert_eq "2" "$(gen 9.9.9 "$base" https://h "$amd")" "an archive of another version"
assert_contains "$(cat "$tmp/gen.err")" "expected eks-sso_9.9.9_<os>_<arch>.tar.gz"
assert_eq "2" "$(gen "$version" "http://example.test/x" https://h "$amd")" "a plain http URL"
assert_eq "2" "$(gen "$version" "$base" https://h "$tmp/nope.tar.gz")" "a missing archive"
assert_contains "$(cat "$tmp/gen.err")" "nope.tar.gz: no such file"

finish
