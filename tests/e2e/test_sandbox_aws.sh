#!/usr/bin/env bash
# The fake aws CLI: exact stdout/stderr bytes and exit codes of AWS CLI v2 (aws.md), SSO cache
# naming and format, profile precedence, argv logging. No server needed.
source "$(dirname "${BASH_SOURCE[0]}")/sandbox_lib.sh"

require_sandbox_bin
sandbox_tmpdir >/dev/null
SANDBOX_DIR="$TEST_TMP/sb"
SANDBOX_KUBECONFIG="$SANDBOX_DIR/kubeconfig"
"$(sandbox_bin)" init "$SANDBOX_DIR" >/dev/null || { echo "init failed" >&2; exit 1; }
cache="$SANDBOX_DIR/home/.aws/sso/cache"

# aws ARGS... -> $out, $err (exact bytes, trailing newlines kept), $rc
aws_() {
  sandbox_run aws "$@" >"$TEST_TMP/o" 2>"$TEST_TMP/e"
  rc=$?
  out=$(cat "$TEST_TMP/o"; echo x)
  out=${out%x}
  err=$(cat "$TEST_TMP/e"; echo x)
  err=${err%x}
}

aws_ --version
assert_eq $'aws-cli/2.15.0 Python/3.11.2 Linux/6.1 exe/x86_64.sandbox\n' "$out" "--version"
assert_rc 0 "$rc"

# --- not logged in --------------------------------------------------------------------------------
aws_ --profile sandbox-admin eks get-token --cluster-name sandbox-eks
assert_eq $'\nError loading SSO Token: Token for sandbox-sso does not exist\n' "$err" "sso-session, no token"
assert_rc 255 "$rc"
aws_ eks get-token --cluster-name sandbox-eks --profile sandbox-legacy
assert_eq $'\nError loading SSO Token: Token for https://d-9067sandbox.awsapps.com/start does not exist\n' "$err" "legacy, no token"
aws_ eks get-token --cluster-name x --profile nope
assert_eq $'\nThe config profile (nope) could not be found\n' "$err" "unknown profile"
assert_rc 255 "$rc"
aws_ eks get-token
assert_eq $'Either parameter --cluster-name or --cluster-id must be specified.\n' "$err" "no cluster name"
assert_rc 1 "$rc"
aws_ eks get-token --cluster-name x
assert_rc 253 "$rc" "no profile, no credentials"
aws_ frobnicate
assert_rc 252 "$rc" "unknown command"
assert_contains "$err" "aws: error: argument command: Invalid choice"
aws_ eks get-token --cluster-name x --bogus
assert_rc 252 "$rc" "unknown option"

# --- login: output and cache files ----------------------------------------------------------------
aws_ sso login --profile sandbox-admin --no-browser
assert_rc 0 "$rc" "sso login"
assert_contains "$out" $'Browser will not be automatically opened.\nPlease visit the following URL:\n\nhttps://device.sso.us-east-1.amazonaws.com/\n\nThen enter the code:\n\n'
assert_contains "$out" $'\nAlternatively, you may visit the following URL which will autofill the code upon loading:\nhttps://device.sso.us-east-1.amazonaws.com/?user_code='
assert_contains "$out" $'Successfully logged into Start URL: https://d-9067sandbox.awsapps.com/start\n'
token_file="$cache/$(printf '%s' sandbox-sso | sha1sum | cut -d' ' -f1).json"
[[ -f "$token_file" ]] || fail "token file $token_file missing"
assert_eq 600 "$(stat -c %a "$token_file")" "token file mode"
content=$(cat "$token_file")
[[ "$content" =~ ^\{\"startUrl\":\ \"https://d-9067sandbox.awsapps.com/start\",\ \"region\":\ \"us-east-1\",\ \"accessToken\":\ \"aoa[^\"]+\",\ \"expiresAt\":\ \"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\",\ \"clientId\":\ \"[^\"]+\",\ \"clientSecret\":\ \"[^\"]+\",\ \"registrationExpiresAt\":\ \"[^\"]+\",\ \"refreshToken\":\ \"aor[^\"]+\"\}$ ]] ||
  fail "token file format: $content"
[[ -f "$cache/8fb048be9cd99e4ecd40f2208cdd42e2ebd3c922.json" ]] || fail "client registration file missing"
[[ $(tail -c 1 "$token_file" | od -An -c | tr -d ' ') == "}" ]] || fail "token file must not end with a newline"

# --- get-token: the ExecCredential and its token ----------------------------------------------------
aws_ --region us-east-1 eks get-token --cluster-name sandbox-eks --output json --profile sandbox-admin
assert_rc 0 "$rc" "get-token: $err"
[[ "$out" =~ ^\{$'\n'\ \ \ \ \"kind\":\ \"ExecCredential\",$'\n'\ \ \ \ \"apiVersion\":\ \"client.authentication.k8s.io/v1beta1\",$'\n'\ \ \ \ \"spec\":\ \{\},$'\n'\ \ \ \ \"status\":\ \{$'\n'\ \ \ \ \ \ \ \ \"expirationTimestamp\":\ \"[0-9T:-]+Z\",$'\n'\ \ \ \ \ \ \ \ \"token\":\ \"k8s-aws-v1\.[A-Za-z0-9_-]+\"$'\n'\ \ \ \ \}$'\n'\}$'\n'$'\n'$ ]] ||
  fail "ExecCredential layout: $out"
tok=$(sed -n 's/.*"token": "k8s-aws-v1\.\([^"]*\)".*/\1/p' <<<"$out")
pad=$(( (4 - ${#tok} % 4) % 4 ))
url=$(printf '%s%s' "$tok" "$(head -c $pad /dev/zero | tr '\0' =)" | tr '_-' '/+' | base64 -d)
assert_contains "$url" "https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA"
assert_contains "$url" "&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id&X-Amz-Security-Token="
# apiVersion follows KUBERNETES_EXEC_INFO
aws_ eks get-token --cluster-name sandbox-eks --profile sandbox-admin
sandbox_run env 'KUBERNETES_EXEC_INFO={"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}' \
  aws eks get-token --cluster-name sandbox-eks --profile sandbox-admin >"$TEST_TMP/o"
assert_contains "$(cat "$TEST_TMP/o")" '"apiVersion": "client.authentication.k8s.io/v1"'

# --- profile precedence: env keys beat AWS_PROFILE, not --profile ---------------------------------
sandbox_run env AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=x AWS_PROFILE=sandbox-legacy \
  aws eks get-token --cluster-name c >/dev/null 2>&1
assert_rc 0 "$?" "env keys win over AWS_PROFILE"
sandbox_run env AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=x \
  aws eks get-token --cluster-name c --profile sandbox-legacy >/dev/null 2>&1
assert_rc 255 "$?" "--profile wins over env keys"
sandbox_run env AWS_PROFILE=sandbox-admin AWS_DEFAULT_PROFILE=nope aws eks get-token --cluster-name c >/dev/null 2>&1
assert_rc 0 "$?" "AWS_PROFILE beats AWS_DEFAULT_PROFILE (v2)"

# --- sts get-caller-identity ----------------------------------------------------------------------
aws_ sts get-caller-identity --profile sandbox-admin
role=$(sandbox_role_name EKSClusterAdmin)
[[ "$out" =~ ^\{$'\n'\ \ \ \ \"UserId\":\ \"AROA[0-9A-F]{17}:jane.doe@example.com\",$'\n'\ \ \ \ \"Account\":\ \"111122223333\",$'\n'\ \ \ \ \"Arn\":\ \"arn:aws:sts::111122223333:assumed-role/$role/jane.doe@example.com\"$'\n'\}$'\n'$ ]] ||
  fail "get-caller-identity: $out"
aws_ sts get-caller-identity --profile sandbox-static
assert_contains "$out" '"Arn": "arn:aws:iam::111122223333:user/ci-bot"'

# --- expired tokens ---------------------------------------------------------------------------------
sandbox_login_expired sandbox-admin
aws_ eks get-token --cluster-name sandbox-eks --profile sandbox-admin
assert_eq $'\nError when retrieving token from sso: Token has expired and refresh failed\n' "$err" "sso-session expired"
sandbox_login_expired sandbox-legacy
aws_ eks get-token --cluster-name sandbox-eks --profile sandbox-legacy
assert_eq $'\nThe SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.\n' "$err" "legacy expired"
printf '{not json' >"$token_file"
aws_ eks get-token --cluster-name sandbox-eks --profile sandbox-admin
assert_eq $'\n\'894fb14886f1419ec59be27d016efd4963465d08\'\n' "$err" "corrupt cache file"

# --- logout deletes token files only --------------------------------------------------------------
sandbox_login sandbox-admin
sandbox_login sandbox-legacy
printf 'garbage' >"$cache/not-json.txt"
aws_ sso logout
assert_rc 0 "$rc" "logout"
assert_eq "" "$out$err" "logout is silent"
left=$(cd "$cache" && ls | sort | tr '\n' ' ')
assert_eq "1944400a59c4fca0f67ec94985eccd31403654c6.json 8fb048be9cd99e4ecd40f2208cdd42e2ebd3c922.json not-json.txt " "$left" \
  "logout keeps registrations and non-JSON"

# --- the admin side, answered from state.json (no server): what doctor --admin-profile calls ------------
printf '\n[profile org-admin]\nregion = us-east-1\n' >>"$SANDBOX_DIR/home/.aws/config"
printf '\n[org-admin]\naws_access_key_id = AKIASANDBOXADMIN0001\naws_secret_access_key = s\n' >>"$SANDBOX_DIR/home/.aws/credentials"
aws_ --profile org-admin sso-admin list-instances --output json
assert_rc 0 "$rc" "list-instances: $err"
assert_contains "$out" $'{\n    "Instances": [\n        {\n' "the CLI's JSON (4-space indent)"
assert_contains "$out" '"InstanceArn": "arn:aws:sso:::instance/ssoins-7223sandbox0001"' "list-instances"
aws_ --profile org-admin identitystore list-groups --identity-store-id d-9067sandbox \
  --filters AttributePath=DisplayName,AttributeValue=eks-developers
assert_contains "$out" '"GroupId": "9067sandbox-0000-0000-0000-0000eks-devs"' "list-groups, shorthand filter"
aws_ --profile org-admin identitystore list-groups --identity-store-id d-9067sandbox \
  --filters '[{"AttributePath":"DisplayName","AttributeValue":"nobody"}]'
assert_eq $'{\n    "Groups": []\n}\n' "$out" "list-groups, JSON filter, no match"
aws_ --profile org-admin eks describe-access-entry --cluster-name sandbox-eks --principal-arn arn:aws:iam::111122223333:role/none
assert_rc 254 "$rc" "service error (v2: 254)"
assert_eq $'\nAn error occurred (ResourceNotFoundException) when calling the DescribeAccessEntry operation: The specified principalArn could not be found. You can view your available access entries with \'list-access-entries\'.\n' \
  "$err" "the CLI's error line"
aws_ --profile org-admin identitystore create-group --identity-store-id d-9067sandbox --display-name "a b's"
assert_rc 0 "$rc" "create-group: $err"
assert_contains "$(cat "$SANDBOX_DIR/state.json")" "\"DisplayName\": \"a b's\"" "a write is saved to state.json"
aws_ --profile nope sso-admin list-instances
assert_eq $'\nThe config profile (nope) could not be found\n' "$err" "admin call, unknown profile"
assert_rc 255 "$rc"
aws_ --profile org-admin sso-admin list-instances --query 'Instances[0]'
assert_rc 252 "$rc" "--query is not simulated"

# --- argv log ---------------------------------------------------------------------------------------
log="$TEST_TMP/argv.log"
EKS_SSO_SANDBOX_AWS_LOG="$log" sandbox_run aws --version >/dev/null
assert_eq '["aws","--version"]' "$(cat "$log")" "argv log"

# --- the sandbox's own command line: one parser for init, serve and set ----------------------------
sb_() { "$(sandbox_bin)" "$@" >"$TEST_TMP/o" 2>"$TEST_TMP/e"; rc=$?; err=$(head -1 "$TEST_TMP/e"); }
sb_ init
assert_rc 2 "$rc" "init without DIR"
assert_eq "eks-sso-sandbox: init: DIR is required" "$err" "init without DIR"
sb_ init "$TEST_TMP/sb2" --port 70000
assert_eq 'eks-sso-sandbox: invalid --port "70000"' "$err" "port out of range"
sb_ serve "$TEST_TMP/sb2" --max-seconds x1
assert_eq 'eks-sso-sandbox: invalid --max-seconds "x1"' "$err" "bad --max-seconds"
sb_ serve "$TEST_TMP/sb2" --bogus
assert_eq 'eks-sso-sandbox: serve: unexpected argument "--bogus"' "$err" "unknown flag"
sb_ serve "$TEST_TMP/sb2" extra
assert_eq 'eks-sso-sandbox: serve: unexpected argument "extra"' "$err" "serve takes one DIR"
sb_ set "$SANDBOX_DIR" --nodes
assert_eq 'eks-sso-sandbox: set: unexpected argument "--nodes"' "$err" "flag without its value"
assert_rc 2 "$rc" "flag without its value"
sb_ init "$TEST_TMP/sb2" --scenario empty --force --port 0
assert_rc 0 "$rc" "init with every kind of flag"
sb_ set "$TEST_TMP/sb2" delayMs=5 --scenario default
assert_rc 0 "$rc" "set with an assignment and a flag"
assert_contains "$(cat "$TEST_TMP/sb2/state.json")" '"delayMs": 5' "the assignment after DIR is applied"

finish
