#!/usr/bin/env bash
# Install and packaging (issue 8): `cmake --install` lays out the binary, the kubectl plugin
# names, man pages and completions in the standard places; the installed binary runs, also as
# `kubectl-eks_sso` and `kubectl eks-sso`; `cpack -G DEB` builds a .deb with its dependencies,
# and the binary extracted from it with `dpkg -x` runs.
source "$(dirname "$0")/common.sh"
B="$EKS_SSO_BUILD_DIR"
[[ -f "$B/cmake_install.cmake" ]] || skip "no cmake_install.cmake in $B"
S="$EKS_SSO_SOURCE_DIR"

check_tree() { # check_tree ROOT/usr "what"
  local u=$1 what=$2 f
  for f in bin/eks-sso bin/kubectl_complete-eks_sso; do
    [[ -f "$u/$f" && -x "$u/$f" ]] && pass || fail "$what: $f missing or not executable"
  done
  [[ -L "$u/bin/kubectl-eks_sso" && $(readlink "$u/bin/kubectl-eks_sso") == eks-sso ]] && pass \
    || fail "$what: bin/kubectl-eks_sso is not a relative symlink to eks-sso"
  cmp -s "$u/share/bash-completion/completions/eks-sso" "$S/completions/eks-sso.bash" && pass || fail "$what: bash completion"
  cmp -s "$u/share/zsh/vendor-completions/_eks-sso" "$S/completions/_eks-sso" && pass || fail "$what: zsh completion"
  cmp -s "$u/share/fish/vendor_completions.d/eks-sso.fish" "$S/completions/eks-sso.fish" && pass || fail "$what: fish completion"
  for f in "$S"/man/*.1; do
    cmp -s "$u/share/man/man1/$(basename "$f")" "$f" && pass || fail "$what: man page $(basename "$f")"
  done
  # Installed, nothing of the tests or the sandbox.
  local extra
  extra=$(cd "$u" && find . -type f -o -type l | grep -v '^\./bin/\(eks-sso\|kubectl-eks_sso\|kubectl_complete-eks_sso\)$' \
    | grep -v '^\./share/\(man/man1/eks-sso[a-z-]*\.1\|bash-completion/completions/eks-sso\|zsh/vendor-completions/_eks-sso\|fish/vendor_completions.d/eks-sso\.fish\)$' \
    | grep -v '^\./share/doc/' || true)
  [[ -z $extra ]] && pass || fail "$what: unexpected files installed: $extra"
}

run_installed() { # run_installed ROOT/usr/bin CMD ARGS... (PATH holds only that bin and the system's)
  local bin=$1
  shift
  env -i HOME="$T/home" PATH="$bin:/usr/bin:/bin" "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
  OUT=$(cat "$T/out")
  ERR=$(cat "$T/err")
}
check_runs() { # check_runs ROOT/usr "what"
  local u=$1 what=$2
  # `version` adds a "commit ..., built ..." line (issue 16); --short is the plain line scripts read.
  run_installed "$u/bin" eks-sso version --short
  expect_rc 0 "$what: eks-sso version --short"
  expect_out "eks-sso $(sed -n 's/^project(eks-sso VERSION \([0-9.]*\).*/\1/p' "$S/CMakeLists.txt")" "$what: version text"
  run_installed "$u/bin" eks-sso version
  expect_out_contains $'\ncommit ' "$what: version shows the commit"
  run_installed "$u/bin" kubectl-eks_sso version
  expect_rc 0 "$what: kubectl-eks_sso version (the symlink)"
  expect_out_contains "eks-sso " "$what: kubectl-eks_sso version text"
  run_installed "$u/bin" kubectl_complete-eks_sso get ""
  expect_out $'nodes\n:4' "$what: kubectl_complete-eks_sso uses the installed binary"
  if have_kubectl; then
    run_installed "$u/bin" "$KUBECTL132" eks-sso version
    expect_rc 0 "$what: kubectl eks-sso version"
    expect_out_contains "eks-sso " "$what: kubectl eks-sso version text"
    run_installed "$u/bin" "$KUBECTL132" __complete eks-sso get ""
    expect_out $'nodes\n:4' "$what: kubectl __complete eks-sso get"
  else
    echo "note: kubectl 1.32 not found at $KUBECTL132; kubectl plugin cases skipped"
  fi
  run_installed "$u/bin" man -l "$u/share/man/man1/eks-sso-doctor.1"
  if command -v man >/dev/null; then
    expect_out_contains "all-contexts" "$what: man renders the installed page"
  fi
}

# --- cmake --install into a scratch prefix (and DESTDIR, as packagers use it) ---
cmake --install "$B" --prefix "$T/root/usr" >"$T/install.log" 2>&1 && pass || { fail "cmake --install"; cat "$T/install.log" >&2; }
check_tree "$T/root/usr" "cmake --install"
check_runs "$T/root/usr" "cmake --install"
DESTDIR="$T/dest" cmake --install "$B" --prefix /opt/eks >"$T/install.log" 2>&1 && pass || fail "cmake --install with DESTDIR"
[[ -x "$T/dest/opt/eks/bin/eks-sso" && -L "$T/dest/opt/eks/bin/kubectl-eks_sso" ]] && pass || fail "DESTDIR install layout"

# --- the .deb ---
if ! command -v cpack >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "note: cpack or dpkg-deb missing; .deb cases skipped"
  finish
  exit
fi
(cd "$T" && cpack -G DEB --config "$B/CPackConfig.cmake" -B "$T/pkg") >"$T/cpack.log" 2>&1 && pass \
  || { fail "cpack -G DEB"; tail -20 "$T/cpack.log" >&2; }
deb=$(ls "$T"/pkg/*.deb 2>/dev/null | head -1)
if [[ -z $deb ]]; then
  fail "no .deb built"
  finish
  exit
fi
[[ $(basename "$deb") == eks-sso_*_*.deb ]] && pass || fail "deb file name $(basename "$deb")"
dpkg-deb -f "$deb" Package Version Depends Architecture >"$T/control"
grep -qx "Package: eks-sso" "$T/control" && pass || fail "Package field"
# dpkg-shlibdeps fills Depends from the libraries the binary links directly (NEEDED entries);
# their own dependencies come with their packages.
depends=$(sed -n 's/^Depends: //p' "$T/control")
for lib in $(objdump -p "$EKS_SSO_BIN" | awk '$1 == "NEEDED" {print $2}'); do
  pkg=$(dpkg -S "$(ldd "$EKS_SSO_BIN" | awk -v l="$lib" '$1 == l {print $3}')" 2>/dev/null | head -1 | cut -d: -f1)
  pkg=${pkg%%:*}
  [[ -z $pkg ]] && continue
  [[ $depends == *"$pkg"* ]] && pass || fail "Depends lacks $pkg (for $lib): $depends"
done
# libcurl is dlopen'ed (no NEEDED entry), so the package must name it itself.
[[ $depends == *"libcurl4 (>= 7.85)"* ]] && pass || fail "Depends lacks libcurl4 (dlopen'ed): $depends"
dpkg-deb -c "$deb" | grep -q ' ./usr/bin/kubectl-eks_sso -> eks-sso$' && pass || fail "the .deb holds the kubectl-eks_sso symlink"
dpkg -x "$deb" "$T/x" && pass || fail "dpkg -x"
check_tree "$T/x/usr" ".deb"
check_runs "$T/x/usr" ".deb"

finish
