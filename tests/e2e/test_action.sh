#!/usr/bin/env bash
# The GitHub Action (action.yml): validated against the action metadata schema kept in tests/data,
# its run: scripts shellchecked, then run as GitHub runs a composite action (tests/e2e/action_runner.py:
# each step's script in bash -eo pipefail with its own GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files)
# against the sandbox: all pass, logged out (exit 3, no login started), several contexts, fail-on
# warn, the kubeconfig input, GitHub OIDC-style environment credentials, bad inputs, and the install
# step's version handling.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

src=${EKS_SSO_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
require_sandbox_bin
python3 -c 'import yaml, jsonschema' 2>/dev/null || skip "python3-yaml and python3-jsonschema are needed (scripts/install-deps.sh)"
runner="$src/tests/e2e/action_runner.py"
schema="$src/tests/data/github-action.schema.json"

# --- action.yml against the metadata schema; the schema rejects what GitHub rejects ----------------
validate() { # validate FILE -> prints "valid" or the first error
  python3 - "$1" "$schema" <<'EOF'
import json, sys, yaml, jsonschema
action = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
schema = json.load(open(sys.argv[2], encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(action), key=lambda e: list(e.path))
print("valid" if not errors else "invalid: " + errors[0].message[:200])
EOF
}
assert_eq "valid" "$(validate "$src/action.yml")" "action.yml matches the action metadata schema"
sandbox_tmpdir >/dev/null
tmp=$TEST_TMP
mutate() { # mutate PYTHON-STATEMENT -> $tmp/mutated.yml (the action as `a`)
  python3 -c "
import yaml, sys
a = yaml.safe_load(open('$src/action.yml'))
$1
yaml.safe_dump(a, open('$tmp/mutated.yml', 'w'))"
}
mutate "del a['runs']['steps'][0]['shell']"
assert_contains "$(validate "$tmp/mutated.yml")" "invalid" "a run: step without shell: is rejected"
mutate "del a['outputs']['report']['value']"
assert_contains "$(validate "$tmp/mutated.yml")" "invalid" "a composite output without value: is rejected"
mutate "a['inputs']['fail-on']['default'] = 1"
assert_contains "$(validate "$tmp/mutated.yml")" "invalid" "a non-string input default is rejected"
mutate "a['runs-on'] = 'x'"
assert_contains "$(validate "$tmp/mutated.yml")" "invalid" "an unknown top-level key is rejected"
mutate "del a['description']"
assert_contains "$(validate "$tmp/mutated.yml")" "invalid" "description is required"

# The inputs and outputs the README documents.
assert_eq "context all-contexts kubeconfig admin-profile fail-on version|exit-code report" \
  "$(python3 -c "import yaml; a=yaml.safe_load(open('$src/action.yml')); print(' '.join(a['inputs']) + '|' + ' '.join(a['outputs']))")" \
  "inputs and outputs"

# The GitHub Action is documented in the README ("Use in CI"), not in the man pages or --help,
# which describe the command line.
for page in "$src"/man/*.1; do
  grep -qiE 'github action([^s]|$)|action\.yml|uses: [^ ]*eks-sso' "$page" && fail "$(basename "$page") mentions the GitHub Action"
done
for cmd in "" "doctor"; do
  # shellcheck disable=SC2086
  "$EKS_SSO_BIN" $cmd --help | grep -qiE 'github action([^s]|$)|action\.yml|uses: [^ ]*eks-sso' && fail "eks-sso $cmd --help mentions the GitHub Action"
done
assert_contains "$(cat "$src/README.md")" "## Use in CI" "README has the Use in CI section"

# --- every run: script passes shellcheck -------------------------------------------------------------
if command -v shellcheck >/dev/null; then
  python3 -c "
import yaml
for i, s in enumerate(yaml.safe_load(open('$src/action.yml'))['runs']['steps']):
    open('$tmp/step%d.sh' % i, 'w').write('#!/usr/bin/env bash\n' + s['run'])"
  for f in "$tmp"/step*.sh; do
    shellcheck -s bash "$f" >"$tmp/shellcheck.out" 2>&1 || fail "shellcheck $(basename "$f"): $(cat "$tmp/shellcheck.out")"
  done
else
  echo "note: shellcheck not installed, run: scripts skipped" >&2
fi

# --- the steps against the sandbox --------------------------------------------------------------------
sandbox_start
export EKS_SSO_SANDBOX_AWS_LOG="$TEST_TMP/aws-calls.log"
tools="$TEST_TMP/tools"
mkdir -p "$tools"
ln -s "$EKS_SSO_BIN" "$tools/eks-sso"
# A fake GitHub CLI: records its arguments and fails as a download without network would.
cat >"$tools/gh" <<EOF
#!/bin/bash
echo "\$*" >>"$TEST_TMP/gh-calls"
echo "gh: could not download (test)" >&2
exit 1
EOF
chmod +x "$tools/gh"

run_no=0
# act [env NAME=V...] -- --input NAME=VALUE ...  -> $res (the runner's JSON), $work; sets rc
act() {
  local envs=()
  while [[ $1 != -- ]]; do envs+=("$1"); shift; done
  shift
  run_no=$((run_no + 1))
  work="$TEST_TMP/run-$run_no"
  mkdir -p "$work"
  res=$(sandbox_run env PATH="$tools:$SANDBOX_DIR/bin:/usr/bin:/bin" CI=true GITHUB_REPOSITORY=owner/eks-sso \
    ${envs[@]+"${envs[@]}"} python3 "$runner" "$src" "$work" "$@")
  rc=$(jq_ exitCode)
}
jq_() { # jq_ KEY.KEY...: a value of the runner's JSON
  python3 -c "
import json,sys
d=json.load(sys.stdin)
for k in sys.argv[1].split('.'):
    d=d[int(k)] if k.isdigit() else d[k]
print(d)" "$1" <<<"$res"
}
step_file() { # step_file ID KIND(summary|log) -> its contents
  python3 -c "
import json,sys
d=json.load(sys.stdin)
s=next(s for s in d['steps'] if s['id']=='$1')
print(open(s['$2'], encoding='utf-8').read(), end='')" <<<"$res"
}
junit() { # junit EXPR: python on the report's XML root r
  python3 -c "
import xml.etree.ElementTree as ET,sys
r=ET.parse(sys.argv[1]).getroot()
print($1)" "$(jq_ outputs.report)"
}

# all pass
sandbox_login sandbox-admin
act -- --input context=sandbox-admin
assert_rc 0 "$rc" "all pass: $res"
assert_eq "0" "$(jq_ outputs.exit-code)" "all pass: the exit-code output"
assert_contains "$(step_file install log)" "eks-sso $(sandbox_eks_sso --version | cut -d' ' -f2) is already installed" \
  "the install step uses eks-sso on the PATH at the action's version"
assert_contains "$(jq_ outputs.report)" "/runner-temp/eks-sso/doctor-doctor.xml" "the report lives in RUNNER_TEMP"
assert_eq "10 0 0" "$(junit "r.get('tests'), r.get('failures'), r.get('errors')" | tr -d "(),'")" "all pass: JUnit counts"
assert_eq "sandbox-admin" "$(junit "r.find('testsuite').get('name')")" "JUnit suite is the context"
summary=$(step_file doctor summary)
assert_contains "$summary" '## eks-sso doctor: `sandbox-admin` ✅' "all pass: the job summary"
assert_contains "$summary" '| ✅ | `can-list-nodes` | 6 |' "all pass: the summary's table"
assert_contains "$(step_file doctor log)" '## eks-sso doctor: `sandbox-admin`' "the summary is in the log too"
assert_not_contains "$summary$(step_file doctor log)$(cat "$(jq_ outputs.report)")" "k8s-aws-v1." "never a token"

# logged out: exit 3, the login action in the summary and the report, no login started
sandbox_logout >/dev/null 2>&1
: >"$EKS_SSO_SANDBOX_AWS_LOG"
act -- --input context=sandbox-admin
assert_rc 3 "$rc" "logged out: the step fails with doctor's exit code"
assert_eq "3" "$(jq_ outputs.exit-code)" "logged out: the exit-code output"
assert_contains "$(step_file doctor summary)" "aws sso login --profile sandbox-admin" "logged out: the fix in the summary"
assert_contains "$(junit "r.find('.//failure').get('message')")" "eks-sso login --context sandbox-admin" \
  "logged out: the fix in the JUnit failure"
assert_contains "$(step_file doctor log)" "::error title=eks-sso doctor (exit 3)::AWS SSO login required" \
  "logged out: an error annotation with the first failure"
assert_not_contains "$(cat "$EKS_SSO_SANDBOX_AWS_LOG")" '"login"' "logged out: never runs aws sso login"

# several contexts, one per line; then all of them
sandbox_login sandbox-admin
act -- --input "context=sandbox-admin
  sandbox-forbidden  "
assert_rc 5 "$rc" "two contexts: the first failing context's code (forbidden, 403)"
summary=$(step_file doctor summary)
assert_contains "$summary" '| `sandbox-admin` | ✅' "two contexts: admin row"
assert_contains "$summary" '| `sandbox-forbidden` | ❌' "two contexts: forbidden row"
assert_eq "2" "$(junit "len(r.findall('testsuite'))")" "two contexts: two JUnit suites"
act -- --input all-contexts=true
assert_eq "$(jq_ outputs.exit-code)" "$rc" "all contexts: the step's code is the exit-code output"
[[ $rc != 0 ]] || fail "all contexts: some sandbox contexts fail"
assert_eq "$(sandbox_eks_sso contexts -o name | wc -l)" "$(junit "len(r.findall('testsuite'))")" \
  "all contexts: one JUnit suite per context"

# fail-on: a context that only warns (static keys, not SSO) passes with fail, fails with warn
act -- --input context=sandbox-static
assert_rc 0 "$rc" "warnings only, fail-on fail: $(step_file doctor log)"
act -- --input context=sandbox-static --input fail-on=warn
assert_rc 1 "$rc" "warnings only, fail-on warn"
assert_eq "0" "$(jq_ outputs.exit-code)" "fail-on warn: doctor itself exited 0"
assert_contains "$(step_file doctor log)" "a check warned and fail-on is warn"

# the kubeconfig input, with KUBECONFIG unset and no ~/.kube/config
act env -u KUBECONFIG -- --input kubeconfig="$SANDBOX_KUBECONFIG" --input context=sandbox-admin
assert_rc 0 "$rc" "kubeconfig input"
act env -u KUBECONFIG -- --input context=sandbox-admin
assert_rc 7 "$rc" "no kubeconfig at all: configuration error"

# GitHub OIDC (aws-actions/configure-aws-credentials): keys in the environment, a kubeconfig from
# aws eks update-kubeconfig (no AWS_PROFILE): warnings (not AWS SSO), the cluster reached, exit 0.
python3 - "$SANDBOX_KUBECONFIG" "$TEST_TMP/kubeconfig-oidc" <<'EOF'
import copy, sys, yaml
k = yaml.safe_load(open(sys.argv[1]))
u = copy.deepcopy(next(x for x in k["users"] if x["name"] == "sandbox-static"))
u["name"] = "ci"
u["user"]["exec"].pop("env", None)
c = copy.deepcopy(next(x for x in k["contexts"] if x["name"] == "sandbox-static"))
c["name"] = "ci"
c["context"]["user"] = "ci"
k["users"].append(u)
k["contexts"].append(c)
yaml.safe_dump(k, open(sys.argv[2], "w"))
EOF
keys=$(python3 -c "
import json; u=json.load(open('$SANDBOX_DIR/state.json'))['iamUsers'][0]
print('AWS_ACCESS_KEY_ID=' + u['accessKeyId'], 'AWS_SECRET_ACCESS_KEY=' + u['secretAccessKey'])")
# shellcheck disable=SC2086
act env $keys AWS_REGION=us-east-1 -- --input kubeconfig="$TEST_TMP/kubeconfig-oidc" --input context=ci
assert_rc 0 "$rc" "OIDC-style environment credentials: $(step_file doctor log)"
summary=$(step_file doctor summary)
assert_contains "$summary" '| ⚠️ | `aws-profile` |' "OIDC: aws-profile warns (not AWS SSO)"
assert_contains "$summary" '| ⏭️ | `sso-token` |' "OIDC: sso-token skipped"
assert_contains "$summary" '| ✅ | `api-authenticated` |' "OIDC: the cluster accepts the credential"
assert_not_contains "$summary" "sandboxStaticSecretKey" "OIDC: the secret key never shows"

# bad inputs: exit 2 with an annotation, doctor not run
act -- --input fail-on=sometimes
assert_rc 2 "$rc" "bad fail-on"
assert_eq "2" "$(jq_ outputs.exit-code)" "bad fail-on: exit-code output"
assert_contains "$(step_file doctor log)" '::error title=eks-sso::fail-on must be fail or warn, not "sometimes"'
act -- --input all-contexts=yes
assert_rc 2 "$rc" "bad all-contexts"
act -- --input all-contexts=true --input context=sandbox-admin
assert_rc 2 "$rc" "all-contexts with context: doctor's usage error"
assert_contains "$(step_file doctor log)" "--all-contexts and --context cannot be used together"
act -- --input version=latest
assert_rc 2 "$rc" "bad version"
assert_contains "$(step_file install log)" 'version must be X.Y.Z, vX.Y.Z or source, not "latest"'

# another version than the one on the PATH: downloaded from the release with the GitHub CLI
act env RUNNER_ARCH=ARM64 -- --input version=v9.8.7
assert_rc 1 "$rc" "version not installed, download fails"
assert_eq "release download v9.8.7 --repo owner/eks-sso --pattern eks-sso_9.8.7_arm64.deb --dir $work/runner-temp --clobber" \
  "$(cat "$TEST_TMP/gh-calls")" "the release asset asked of gh"
assert_eq "1" "$(python3 -c "import json,sys; print(len(json.load(sys.stdin)['steps']))" <<<"$res")" \
  "a failed install stops the action before doctor"

finish
