#!/usr/bin/env bash
# The quick start: installs the dependencies if needed, builds eks-sso, and shows its main job on
# the built-in sandbox (no AWS account needed). Until the sandbox lands it lists the contexts of
# the example kubeconfig.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "\$ eks-sso contexts --kubeconfig examples/kubeconfig.yaml"
./build/eks-sso contexts --kubeconfig examples/kubeconfig.yaml
