#!/usr/bin/env bash
# Installs what eks-sso needs to build and test, from Debian's packages (idempotent).
# Build: compiler, CMake, CLI11, yaml-cpp, libyaml, libcurl, nlohmann-json, fmt, doctest, cpp-httplib, OpenSSL.
# Tests: the real AWS CLI v2 (awscli), groff for the man pages, python3 for JSON checks, zsh and
# fish for the completion tests, dpkg-dev (dpkg-shlibdeps) and file for the .deb built by CPack;
# python3-yaml, python3-jsonschema and shellcheck for the GitHub Action and krew manifest tests
# (shellcheck also for the script of eks-sso setup-script, tests/e2e/test_setup_script.sh).
# Hardening (scripts/fuzz.sh, scripts/sanitize.sh): clang and libclang-rt-dev (libFuzzer and clang's
# ASan/UBSan runtimes; on Debian 12 it pulls libclang-rt-14-dev, which clang only recommends). GCC's
# ASan/UBSan runtimes (libasan8, libubsan1) come with build-essential.
set -euo pipefail
packages=(build-essential cmake pkg-config git
  libcli11-dev libyaml-cpp-dev libyaml-dev libcurl4-openssl-dev nlohmann-json3-dev libfmt-dev doctest-dev
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  awscli groff-base python3 openssl procps
  zsh fish dpkg-dev file
  python3-yaml python3-jsonschema shellcheck
  clang libclang-rt-dev)
missing=()
packages+=(tmux)  # tests/e2e/test_terminal.sh drives a real terminal (tmux capture-pane)
packages+=(strace)  # tests/e2e/test_reads_once.sh counts the files one command opens
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; fi
echo "installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
