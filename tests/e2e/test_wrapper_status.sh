#!/usr/bin/env bash
# Issue 16, the presentation half: eks-sso's own wrapper (`eks-sso ... credential`) is followed to
# the user it wraps (contexts, status, doctor, connect); `eks-sso status` for shell prompts (files
# only, exit 0/3); `credential --print-kubeconfig-user`'s kubectl commands, run by real kubectl
# 1.32 when present; the `help` command; `contexts` shortened to a 60-column terminal (tmux) only.
source "$(dirname "$0")/common.sh"
mkdir -p "$T/bin" "$T/home/.aws/sso/cache"
# Any plugin or aws run leaves a marker: status and contexts must never start one.
printf '#!/bin/sh\ntouch "%s/plugin-ran"\nexit 255\n' "$T" >"$T/bin/aws"
chmod +x "$T/bin/aws"
ln -s "$EKS_SSO_BIN" "$T/bin/eks-sso"
E2E_PATH="$T/bin:/usr/bin:/bin"

cat >"$T/home/.aws/config" <<'EOF'
[profile prod-admin]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
region = eu-west-1
[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
EOF
token() { # token EXPIRES-AT: the AWS CLI's cache file for sso-session "corp" (sha1 of the name)
  local f
  f="$T/home/.aws/sso/cache/$(printf corp | sha1sum | cut -d' ' -f1).json"
  printf '{"startUrl":"https://d-1234567890.awsapps.com/start","region":"eu-west-1","accessToken":"SECRET-TOKEN","expiresAt":"%s"}' "$1" >"$f"
}
KC="$T/kc.yaml"
cat >"$KC" <<EOF
apiVersion: v1
kind: Config
current-context: prod-wrapped
clusters:
- name: arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name
  cluster: {server: "https://127.0.0.1:1"}
contexts:
- name: arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name
  context: {cluster: "arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name", user: sso-prod}
- name: prod-wrapped
  context: {cluster: "arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name", user: wrapper}
- name: loop
  context: {cluster: "arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name", user: loop}
- name: static
  context: {cluster: "arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name", user: static}
users:
- name: sso-prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [--region, eu-west-1, eks, get-token, --cluster-name, prod-cluster-with-a-rather-long-name, --output, json]
      env: [{name: AWS_PROFILE, value: prod-admin}]
- name: wrapper
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: eks-sso
      args: [--kubeconfig, "$KC", --context, "arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name", credential]
      interactiveMode: Never
- name: loop
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: /opt/bin/eks-sso
      args: [--context=prod-wrapped, credential]
- name: static
  user: {token: abc}
EOF
E2E_ENV=(KUBECONFIG="$KC")
in_3h12m=$(date -u -d '+3 hours 12 minutes 30 seconds' +%Y-%m-%dT%H:%M:%SZ)

# --- Defect 3: the wrapper is followed to the user it wraps.
token "$in_3h12m"
run_eks contexts -o json
expect_rc 0 "contexts json"
got=$(python3 -c '
import json,sys
c={x["name"]:x for x in json.load(sys.stdin)}
w=c["prod-wrapped"]
print(w["auth"]["profile"], w["auth"]["region"], w["auth"]["clusterName"], w["auth"]["wraps"]["user"], w["sso"]["state"], c["loop"]["sso"]["state"], c["static"]["sso"]["state"])' <<<"$OUT")
[[ "$got" == "prod-admin eu-west-1 prod-cluster-with-a-rather-long-name sso-prod valid unknown not-sso" ]] && pass \
  || fail "wrapper followed in contexts -o json: $got"
run_eks contexts
line=$(grep '^\*' <<<"$OUT")
[[ "$line" == "*"*"prod-wrapped"*"prod-admin"*"eu-west-1"*"valid (3h12m left)" ]] && pass || fail "wrapper row: $line"
run_eks contexts -o wide
expect_out_contains "eks-sso credential → exec: aws" "wide AUTH column names the wrapper and the wrapped plugin"

# Doctor follows it too: the exec-plugin check is about aws eks get-token, no update-kubeconfig fix.
run_eks doctor --context prod-wrapped -o json --request-timeout 1s
got=$(python3 -c '
import json,sys
d=json.load(sys.stdin)
f={x["id"]:x for x in d["checks"]}
print(f["exec-plugin"]["status"], "update-kubeconfig" in json.dumps(f["exec-plugin"]), "wraps user \"sso-prod\"" in str(f["context"]["detail"]))' <<<"$OUT" 2>&1)
[[ "$got" == "pass False True" ]] && pass || fail "doctor follows the wrapper: $got"
# A wrapper of a wrapper is an error naming both, exit 7.
run_eks connect --context loop
expect_rc 7 "wrapper of a wrapper"
expect_err_contains 'runs eks-sso credential too; it cannot wrap itself' "wrapper of a wrapper message"
rm -f "$T/plugin-ran"

# --- status: files only, exit 0/3.
run_eks status
expect_rc 0 "status valid"
expect_out "prod-admin sso: 3h12m" "status valid line"
run_eks status -o json
got=$(python3 -c '
import json,sys
d=json.load(sys.stdin)
print(d["context"], d["profile"], d["sso"]["state"], d["sso"]["text"], d["sso"]["loginRequired"], 11400 <= d["sso"]["secondsLeft"] <= 11550)' <<<"$OUT")
[[ "$got" == "prod-wrapped prod-admin valid 3h12m False True" ]] && pass || fail "status json: $got"
token "2020-01-01T00:00:00Z"
run_eks status
expect_rc 3 "status expired"
expect_out "prod-admin sso: expired" "status expired line"
rm -f "$T/home/.aws/sso/cache/"*.json
run_eks status
expect_rc 3 "status no token"
expect_out "prod-admin sso: none" "status no token line"
run_eks status --context static
expect_rc 0 "status not SSO"
expect_out "sso: n/a" "status not SSO line"
run_eks status --context nope
expect_rc 7 "status unknown context"
run_eks status -o wide
expect_rc 2 "status bad -o"
[[ ! -e "$T/plugin-ran" ]] && pass || fail "status or contexts ran a plugin or aws"

# --- credential --print-kubeconfig-user: the kubectl commands write the same entry.
run_eks credential --kubeconfig "$KC" --context arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name --print-kubeconfig-user
expect_rc 0 "print-kubeconfig-user"
expect_err_contains "kubectl config set-credentials arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name-eks-sso --kubeconfig $KC --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-command=eks-sso --exec-arg=--kubeconfig --exec-arg=$KC --exec-arg=--context --exec-arg=arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name --exec-arg=credential --exec-interactive-mode=Never" "set-credentials line"
python3 -c 'import sys,yaml' 2>/dev/null && { python3 -c 'import sys,yaml; d=yaml.safe_load(sys.stdin); assert d[0]["user"]["exec"]["command"]=="eks-sso"' <<<"$OUT" && pass || fail "stdout stays the YAML users: entry"; }
expect_err_contains "kubectl config set-context arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name-eks-sso --kubeconfig $KC --cluster=arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name --user=arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name-eks-sso" "set-context line: a new context next to the original"
if have_kubectl; then
  cp "$KC" "$T/kc2.yaml"
  commands=$(grep '^kubectl config' <<<"$ERR" | sed "s#$KC#$T/kc2.yaml#g; s#^kubectl #\"\$KUBECTL132\" #")
  (export KUBECTL132 HOME="$T/home"; eval "$commands") >/dev/null 2>"$T/kerr" && pass || fail "kubectl ran the commands: $(cat "$T/kerr")"
  got=$(env -i HOME="$T/home" "$KUBECTL132" --kubeconfig "$T/kc2.yaml" config view -o json | python3 -c '
import json,sys
d=json.load(sys.stdin)
u={x["name"]:x["user"] for x in d["users"]}["arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name-eks-sso"]["exec"]
print(u["command"], u["args"][-1], u["interactiveMode"], u["apiVersion"])')
  [[ "$got" == "eks-sso credential Never client.authentication.k8s.io/v1beta1" ]] && pass || fail "kubectl wrote: $got"
  token "$in_3h12m"
  E2E_ENV=(KUBECONFIG="$T/kc2.yaml")
  run_eks status --context arn:aws:eks:eu-west-1:111122223333:cluster/prod-cluster-with-a-rather-long-name-eks-sso
  expect_out "prod-admin sso: 3h12m" "the context kubectl added is followed through the wrapper"
  E2E_ENV=(KUBECONFIG="$KC")
fi

# --- help: the same text as --help; an unknown command exits 2 with a suggestion.
run_eks get nodes --help
want=$OUT
run_eks help get nodes
expect_rc 0 "help get nodes"
expect_out "$want" "help get nodes equals get nodes --help"
run_eks help statsu
expect_rc 2 "help unknown"
expect_err_contains 'did you mean "status"?' "help suggestion"

# --- doctor's first run (no kubeconfig at all): real fixes, aws configure sso first, and what the
# environment says instead of placeholders.
mkdir -p "$T/empty-home"
env -i HOME="$T/empty-home" PATH="$E2E_PATH" AWS_PROFILE=dev AWS_REGION=eu-west-1 "$EKS_SSO_BIN" doctor -o json >"$T/out" 2>"$T/err"
got=$(python3 -c '
import json,sys
d=json.load(sys.stdin)
f={x["id"]:x for x in d["checks"]}["kubeconfig"]["fix"]
print(f[0], "|", f[-1])' <"$T/out" 2>&1)
[[ "$got" == "aws configure sso --profile dev | aws eks update-kubeconfig --name CLUSTER --region eu-west-1 --profile dev" ]] \
  && pass || fail "first-run fixes: $got"

# --- contexts on a 60-column terminal: shortened with …; the same command piped is whole.
if command -v tmux >/dev/null; then
  token "$in_3h12m"
  SOCK="eks-sso-e2e-ws-$$"
  E2E_CLEANUPS+=("tmux -L $SOCK kill-server 2>/dev/null")
  tmux -L "$SOCK" -f /dev/null new-session -d -x 60 -y 20 -s t \
    "env -i HOME=$T/home PATH=$E2E_PATH LANG=C.UTF-8 TERM=xterm KUBECONFIG=$KC $EKS_SSO_BIN contexts; echo rc=\$?; sleep 30"
  for ((i = 0; i < 100; i++)); do tmux -L "$SOCK" capture-pane -p -t t | grep -q '^rc=' && break; sleep 0.1; done
  pane=$(tmux -L "$SOCK" capture-pane -p -t t)
  widest=$(python3 -c 'import sys; print(max(len(l.rstrip()) for l in sys.stdin.read().splitlines()))' <<<"$pane")
  [[ "$pane" == *"…"* ]] && pass || fail "terminal table shortened with …: $pane"
  (( widest < 60 )) && pass || fail "terminal table fits 60 columns (widest $widest): $pane"
  [[ "$pane" == *"prod-a…"*"eu-west-1"*"valid (3h12m left)"* ]] && pass || fail "terminal table keeps region and SSO whole: $pane"
  [[ "$pane" == *"rc=0"* ]] && pass || fail "terminal contexts exit: $pane"
else
  echo "note: tmux not installed; the terminal-width case is skipped"
fi

finish
