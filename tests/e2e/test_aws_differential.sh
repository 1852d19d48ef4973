#!/usr/bin/env bash
# Issue 18's differential test: the table in aws_differential.py (throwaway HOMEs with AWS config,
# credentials file and SSO token cache states) through the real AWS CLI v1 (`aws` on PATH) and v2
# (/usr/bin/aws) and through eks-sso (contexts -o json, connect -o json); each CLI that is absent
# is skipped, and the test is skipped (77) when neither is. No AWS account and no network: the
# CLIs' endpoints and proxy are a closed 127.0.0.1 port.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

clis=()
v1=$(PATH="${EKS_SSO_AWS_V1_PATH:-$PATH}" command -v aws 2>/dev/null || true)
if [[ -n "$v1" && "$v1" != /usr/bin/aws ]] && "$v1" --version 2>&1 | grep -q '^aws-cli/1\.'; then clis+=("$v1"); fi
if [[ -x /usr/bin/aws ]] && /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2\.'; then clis+=(/usr/bin/aws); fi
[[ ${#clis[@]} -gt 0 ]] || { echo "skip: neither AWS CLI v1 nor v2 found"; exit 77; }
mkdir -p "$T/diff"
PATH="$PATH:/usr/bin:/bin" python3 "$EKS_SSO_SOURCE_DIR/tests/e2e/aws_differential.py" "$EKS_SSO_BIN" "$T/diff" "${clis[@]}"
exit $?
