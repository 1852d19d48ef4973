#!/usr/bin/env bash
# Issue 9, the bad-input matrix for the commands that read files only (`contexts` and the hidden
# `__complete contexts`): every broken kubeconfig gives exit 7 and one line naming the file, never
# a crash or a hang; broken AWS config / SSO cache files leave `contexts` at exit 0 with the SSO
# column "unknown" or "missing". No case changes the user's files (sha256 before and after).
#
# The rows for the commands that run the plugin and talk to the server (connect, get nodes, doctor:
# broken plugins, misbehaving servers, missing CA / certificate / token files, broken AWS config and
# SSO cache seen through the AWS CLI) are in test_bad_input_matrix.sh.
source "$(dirname "$0")/common.sh"

K="$T/kube"
mkdir -p "$K" "$T/home/.aws/sso/cache"

# Files of the user that no case may change, with their checksums.
checksums() { find "$T/home" "$K" -xtype f -readable -print0 2>/dev/null | sort -z | xargs -0 -r sha256sum 2>/dev/null; }

# A kubeconfig that would be fine; the broken ones are variations of it.
good_kubeconfig() {
  cat <<'EOF'
apiVersion: v1
kind: Config
current-context: a
clusters:
- name: c
  cluster:
    server: https://127.0.0.1:6443
contexts:
- name: a
  context: {cluster: c, user: u}
users:
- name: u
  user:
    token: not-a-real-token
EOF
}

# bad_kubeconfig "what" PATH EXPECTED-MESSAGE: `contexts` and `__complete contexts` through
# --kubeconfig and through KUBECONFIG, each: exit 7, stderr exactly "error: MESSAGE" (one line),
# nothing on stdout, files unchanged. __complete stays quiet by design (the completion scripts
# discard stderr anyway; test_completion.sh asserts it): exit 7 and no output at all.
bad_kubeconfig() {
  local what=$1 path=$2 message=$3 before after
  before=$(checksums)
  for how in flag env; do
    if [[ $how == flag ]]; then
      E2E_ENV=()
      run_eks contexts --kubeconfig "$path"
    else
      E2E_ENV=(KUBECONFIG="$path")
      run_eks contexts
    fi
    expect_rc 7 "$what ($how): contexts exit"
    if [[ "$ERR" == "error: $message" ]]; then pass; else
      fail "$what ($how): stderr is not the one line: error: $message"
    fi
    [[ -z "$OUT" ]] && pass || fail "$what ($how): stdout not empty"
    if [[ $how == flag ]]; then
      run_eks __complete contexts --kubeconfig "$path"
    else
      run_eks __complete contexts
    fi
    expect_rc 7 "$what ($how): __complete contexts exit"
    [[ -z "$OUT$ERR" ]] && pass || fail "$what ($how): __complete contexts is not quiet"
  done
  E2E_ENV=()
  after=$(checksums)
  [[ "$before" == "$after" ]] && pass || fail "$what: files changed"
}

# --- kubeconfig: not YAML ---
printf '\x00\x01\xff{{{: [\n\t- x' >"$K/binary"
bad_kubeconfig "binary garbage" "$K/binary" "$K/binary:1:3: not valid UTF-8 text (byte 0xFF)"
printf '\x00\x01{{{: [\n' >"$K/control"
bad_kubeconfig "control characters" "$K/control" "$K/control:1:1: control characters are not allowed"
printf 'apiVersion: v1\nclusters: [\n  {name: c\n' >"$K/unclosed"
bad_kubeconfig "unclosed flow collection" "$K/unclosed" "$K/unclosed:4:1: did not find expected ',' or '}'"
printf 'apiVersion: v1\n\tkind: Config\n' >"$K/tab"
bad_kubeconfig "tab indentation" "$K/tab" "$K/tab:2:1: found a tab character that violates indentation"

# Latin-1 instead of UTF-8: kubectl refuses it ("yaml: invalid trailing UTF-8 octet"); before the
# fix, `contexts -o json` died on it (found by fuzz_kubeconfig).
printf 'apiVersion: v1\nkind: Config\ncontexts:\n- name: "caf\xe9"\n  context: {cluster: c, user: u}\n' >"$K/latin1"
bad_kubeconfig "not UTF-8" "$K/latin1" "$K/latin1:4:13: not valid UTF-8 text (byte 0xE9)"
E2E_ENV=()
run_eks contexts --kubeconfig "$K/latin1" -o json
expect_rc 7 "not UTF-8: contexts -o json exit"

# --- kubeconfig: YAML of the wrong shape ---
printf -- '- a\n- b\n' >"$K/list"
bad_kubeconfig "top level is a list" "$K/list" \
  "$K/list:1:1: a kubeconfig must be a mapping (apiVersion, clusters, users, contexts), got a list"
printf 'apiVersion: v1\ncontexts: {a: 1}\n' >"$K/contexts-map"
bad_kubeconfig "contexts is a mapping" "$K/contexts-map" "$K/contexts-map:2:11: \"contexts\" must be a list, got a mapping"
printf 'contexts:\n- name: a\n  context: 5\n' >"$K/context-scalar"
bad_kubeconfig "a context is a scalar" "$K/context-scalar" \
  "$K/context-scalar:3:12: context \"a\" must be a mapping, got a scalar"
good_kubeconfig | sed 's/token: not-a-real-token/token: [1, 2]/' >"$K/token-list"
bad_kubeconfig "token is a list" "$K/token-list" "$K/token-list:14:12: \"token\" must be a string, got a list"

# --- kubeconfig: huge (20 MB; the cap is 16 MiB) and endless ---
{ good_kubeconfig; head -c 20000000 /dev/zero | tr '\0' '#'; echo; } >"$K/huge"
bad_kubeconfig "20 MB file" "$K/huge" "cannot read kubeconfig $K/huge: larger than 16 MiB"
bad_kubeconfig "endless file (/dev/zero)" /dev/zero "cannot read kubeconfig /dev/zero: larger than 16 MiB"

# --- kubeconfig: not a file ---
mkdir "$K/a-directory"
bad_kubeconfig "a directory" "$K/a-directory" "cannot read kubeconfig $K/a-directory: is a directory"
ln -s "$K/loop-b" "$K/loop-a"
ln -s "$K/loop-a" "$K/loop-b"
bad_kubeconfig "a symlink loop" "$K/loop-a" "cannot read kubeconfig $K/loop-a: Too many levels of symbolic links"

# --- kubeconfig: unreadable. As root (CI) chmod 000 does not stop reads: detect and skip. ---
good_kubeconfig >"$K/unreadable"
chmod 000 "$K/unreadable"
if cat "$K/unreadable" >/dev/null 2>&1; then
  echo "note: running as uid $(id -u), chmod 000 does not stop reads here; unreadable-kubeconfig case skipped"
else
  bad_kubeconfig "unreadable (chmod 000)" "$K/unreadable" "cannot read kubeconfig $K/unreadable: Permission denied"
fi
chmod 600 "$K/unreadable"

# --- kubeconfig: duplicate names (client-go's conversion rejects them) ---
good_kubeconfig >"$K/dup-context"
printf -- '- name: a\n  context: {cluster: c, user: u}\n' >"$T/dup-entry"
sed -i "/^users:/e cat $T/dup-entry" "$K/dup-context"
bad_kubeconfig "duplicate context name" "$K/dup-context" "$K/dup-context:11:3: error converting *[]NamedContext into *map[string]*api.Context: duplicate name \"a\" in list"
good_kubeconfig | sed 's/^contexts:/- name: c\n  cluster: {server: "https:\/\/127.0.0.2"}\ncontexts:/' >"$K/dup-cluster"
bad_kubeconfig "duplicate cluster name" "$K/dup-cluster" "$K/dup-cluster:8:3: error converting *[]NamedCluster into *map[string]*api.Cluster: duplicate name \"c\" in list"

# --- kubeconfig: base64 that is not base64 ---
good_kubeconfig | sed 's|server: https://127.0.0.1:6443|&\n    certificate-authority-data: not*base64!|' >"$K/bad-b64"
bad_kubeconfig "certificate-authority-data not base64" "$K/bad-b64" \
  "$K/bad-b64:8:33: \"certificate-authority-data\" is not valid base64 (illegal base64 data at input byte 3)"
good_kubeconfig | sed 's|token: not-a-real-token|client-key-data: QUJ|' >"$K/bad-b64-pad"
bad_kubeconfig "client-key-data without padding" "$K/bad-b64-pad" \
  "$K/bad-b64-pad:14:22: \"client-key-data\" is not valid base64 (illegal base64 data at input byte 0)"

# --- kubeconfig: missing referenced files. `contexts` reads no CA / certificate / key / tokenFile
# (it only lists), so this is not an error for it: exit 0 and the context listed. The commands
# that read them (connect, get nodes, doctor) are in test_bad_input_matrix.sh. ---
cat >"$K/missing-files" <<'EOF'
apiVersion: v1
kind: Config
current-context: a
clusters:
- name: c
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: /nonexistent/ca.crt
contexts:
- name: a
  context: {cluster: c, user: u}
users:
- name: u
  user:
    client-certificate: missing/client.crt
    client-key: missing/client.key
    tokenFile: /nonexistent/token
EOF
before=$(checksums)
run_eks contexts --kubeconfig "$K/missing-files" -o name
expect_rc 0 "missing referenced files: contexts does not read them"
expect_out "a" "missing referenced files: context listed"
run_eks __complete contexts --kubeconfig "$K/missing-files"
expect_rc 0 "missing referenced files: __complete"
expect_out "a" "missing referenced files: __complete lists"
[[ "$before" == "$(checksums)" ]] && pass || fail "missing referenced files: files changed"

# --- AWS config and SSO token cache: `contexts` shows the SSO state, exit 0, no crash ---
mkdir -p "$T/home/.kube"
cat >"$T/home/.kube/config" <<'EOF'
apiVersion: v1
kind: Config
current-context: sess
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:6443"}
contexts:
- name: sess
  context: {cluster: c, user: sess}
- name: legacy
  context: {cluster: c, user: legacy}
users:
- name: sess
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]
      env: [{name: AWS_PROFILE, value: sess}]
- name: legacy
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, us-east-1, eks, get-token, --cluster-name, demo, --output, json]
      env: [{name: AWS_PROFILE, value: legacy}]
EOF
cat >"$T/aws-config.good" <<'EOF'
[profile sess]
sso_session = my-sso
sso_account_id = 111122223333
sso_role_name = Admin
region = us-east-1

[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
EOF
CFG="$T/home/.aws/config"
# The cache files: sha1 of the sso-session name, and of the start URL (legacy).
SESS_CACHE="$T/home/.aws/sso/cache/$(printf %s my-sso | sha1sum | cut -d' ' -f1).json"
LEGACY_CACHE="$T/home/.aws/sso/cache/$(printf %s https://d-1234567890.awsapps.com/start | sha1sum | cut -d' ' -f1).json"
cp "$T/aws-config.good" "$CFG"

# sso_states "what" "legacy-state sess-state": `contexts -o json` exits 0 with these sso.state
# values (contexts sorted by name), the table's SSO column agrees, nothing on stderr, and the files
# are unchanged.
sso_states() {
  local what=$1 want=$2 before got col
  before=$(checksums)
  run_eks contexts -o json
  expect_rc 0 "$what: contexts -o json exit"
  got=$(grep -o '"state": "[a-z-]*"' <<<"$OUT" | sed 's/.*: "//; s/"$//' | paste -sd' ')
  [[ "$got" == "$want" ]] && pass || fail "$what: sso states are \"$got\", want \"$want\""
  [[ -z "$ERR" ]] && pass || fail "$what: stderr not empty"
  run_eks contexts
  expect_rc 0 "$what: contexts table exit"
  [[ -z "$ERR" ]] && pass || fail "$what: table: stderr not empty"
  # The SSO column (the last one): its first word, "not SSO" read as not-sso.
  col=$(awk 'NR == 1 { at = index($0, " SSO") + 1; next } { s = substr($0, at); sub(/^not SSO/, "not-sso", s); split(s, w, " "); print w[1] }' \
    <<<"$OUT" | paste -sd' ')
  [[ "$col" == "$want" ]] && pass || fail "$what: table SSO column is \"$col\", want \"$want\""
  [[ "$before" == "$(checksums)" ]] && pass || fail "$what: files changed"
}

sso_states "no token cached" "missing missing"
valid='{"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "aoaFAKE", "expiresAt": "2099-11-30T00:33:59Z"}'
printf '%s' "$valid" | tee "$SESS_CACHE" >"$LEGACY_CACHE"
sso_states "valid tokens (the control case)" "valid valid"

cache_case() { # cache_case "what" CONTENT "states"
  printf '%s' "$2" | tee "$SESS_CACHE" >"$LEGACY_CACHE"
  sso_states "SSO cache: $1" "$3"
}
cache_case "truncated JSON" '{"startUrl": "https://d-1234567890.aw' "missing missing"
cache_case "empty file" '' "missing missing"
cache_case "JSON array" '[1, 2]' "missing missing"
cache_case "binary" $'\x00\xff\xfe\x01' "missing missing"
cache_case "wrong types" '{"accessToken": 5, "expiresAt": 12345, "startUrl": ["x"]}' "missing missing"
cache_case "a number beyond a double" '{"accessToken": "aoaFAKE", "expiresAt": "2099-11-30T00:33:59Z", "n": 1e999}' \
  "missing missing"
cache_case "expiresAt null" '{"accessToken": "aoaFAKE", "expiresAt": null}' "missing missing"
cache_case "date without zone" '{"accessToken": "aoaFAKE", "expiresAt": "2099-11-30 00:33:59"}' "missing missing"
cache_case "RFC 1123 date" '{"accessToken": "aoaFAKE", "expiresAt": "Mon, 30 Nov 2099 00:33:59 GMT"}' "missing missing"
cache_case "epoch seconds as a string" '{"accessToken": "aoaFAKE", "expiresAt": "4099999999"}' "missing missing"
cache_case "date out of range" '{"accessToken": "aoaFAKE", "expiresAt": "99999-01-01T00:00:00Z"}' "missing missing"
cache_case "offset and fraction (accepted)" '{"accessToken": "aoaFAKE", "expiresAt": "2099-11-30T00:33:59.123+01:00"}' \
  "valid valid"
cache_case "old CLI UTC suffix (accepted)" '{"accessToken": "aoaFAKE", "expiresAt": "2099-11-30T00:33:59UTC"}' \
  "valid valid"
cache_case "expired long ago" '{"accessToken": "aoaFAKE", "expiresAt": "1970-01-01T00:00:00Z"}' "expired expired"
printf '%s' "$valid" | tee "$SESS_CACHE" >"$LEGACY_CACHE"

# A cache entry that is a directory, or a symlink loop: botocore's os.path.isfile() is false, "does not exist" (issue 18).
rm "$SESS_CACHE" "$LEGACY_CACHE"
mkdir "$SESS_CACHE" "$LEGACY_CACHE"
sso_states "SSO cache entry is a directory" "missing missing"
rmdir "$SESS_CACHE" "$LEGACY_CACHE"
ln -s "$SESS_CACHE" "$SESS_CACHE"
ln -s "$LEGACY_CACHE" "$LEGACY_CACHE"
sso_states "SSO cache entry is a symlink loop" "missing missing"
rm "$SESS_CACHE" "$LEGACY_CACHE"
printf '%s' "$valid" | tee "$SESS_CACHE" >"$LEGACY_CACHE"
chmod 000 "$SESS_CACHE"
if cat "$SESS_CACHE" >/dev/null 2>&1; then
  echo "note: running as uid $(id -u), chmod 000 does not stop reads here; unreadable-cache case skipped"
else
  sso_states "SSO cache unreadable (chmod 000)" "valid unknown"
fi
chmod 600 "$SESS_CACHE"

aws_config_case() { # aws_config_case "what" CONTENT "states"
  printf '%s' "$2" >"$CFG"
  sso_states "AWS config: $1" "$3"
}
aws_config_case "unterminated section header" $'[profile sess\nsso_session = my-sso\n' "unknown unknown"
aws_config_case "key before any section" $'sso_session = my-sso\n' "unknown unknown"
aws_config_case "binary" $'\x00\xff\xfe[[[\n' "unknown unknown"
aws_config_case "duplicate section" "$(cat "$T/aws-config.good" "$T/aws-config.good")" "unknown unknown"
aws_config_case "truncated in a key (a parse error)" "$(head -c 340 "$T/aws-config.good")" "unknown unknown"
aws_config_case "truncated after a whole line (sso-session lacks sso_region)" "$(head -n 14 "$T/aws-config.good")" \
  "valid unknown"
aws_config_case "empty" "" "unknown unknown"
rm "$CFG"
mkdir "$CFG"
sso_states "AWS config is a directory (the CLI treats it as absent)" "unknown unknown"
rmdir "$CFG"
cp "$T/aws-config.good" "$CFG"
chmod 000 "$CFG"
if cat "$CFG" >/dev/null 2>&1; then
  echo "note: running as uid $(id -u), chmod 000 does not stop reads here; unreadable-AWS-config case skipped"
else
  sso_states "AWS config unreadable (chmod 000)" "unknown unknown"
fi
chmod 600 "$CFG"
sso_states "AWS config restored (control)" "valid valid"

finish
