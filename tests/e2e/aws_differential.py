#!/usr/bin/env python3
"""The differential table of issue 18: each case is a throwaway HOME (AWS config, credentials
file, SSO token cache state), run through the real `aws eks get-token` (v1 and v2) and through
eks-sso (`contexts -o json` SSO state, `connect -o json` login-required outcome and the profile it
names). Offline the real CLI decides locally whether the SSO token is usable before any network
call: "could not connect" (AWS_ENDPOINT_URL and HTTPS_PROXY point at a closed 127.0.0.1 port, so
nothing leaves the machine) means it accepted the token, the SSO error texts mean a login is
needed. Each case names the botocore rule it exercises.

usage: aws_differential.py EKS_SSO_BIN WORKDIR CLI_PATH... ; prints one line per case, exit 1 on
any disagreement, 77 when no CLI could be run."""
import json
import os
import shutil
import socket
import subprocess
import sys

BC = "https://github.com/boto/botocore/blob/develop/botocore/"
R_LOADER = BC + "utils.py SSOTokenLoader.__call__"
R_FILECACHE = BC + "utils.py JSONFileCache.__contains__/__getitem__"
R_SSO_LEGACY = BC + "credentials.py SSOProvider._load_sso_config"
R_SSO_TOKEN = BC + "tokens.py SSOTokenProvider._refresher"
R_ASSUME = BC + "credentials.py AssumeRoleProvider._resolve_credentials_from_profile"
R_LOOP = BC + "credentials.py AssumeRoleProvider._validate_source_profile"
R_SOURCE = BC + "credentials.py AssumeRoleProvider._get_role_config"
R_PROCESS = BC + "credentials.py ProcessProvider._retrieve_credentials_using"
R_PROFILE_V1 = BC + "configprovider.py BOTOCORE_DEFAUT_SESSION_VARIABLES['profile'] (v1)"
R_PROFILE_V2 = "https://github.com/aws/aws-cli/blob/v2/awscli/botocore/configprovider.py (v2: AWS_PROFILE first)"
R_SCOPED = BC + "session.py Session.get_scoped_config"
R_ENV = BC + "credentials.py EnvProvider.load"
R_CONFIGFILE = BC + "configloader.py load_config / session.py Session.full_config"

URL = "https://d-1234567890.awsapps.com/start"
LEGACY = f"""sso_start_url = {URL}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = EKSDev
"""
CONFIG = f"""[profile legacy]
{LEGACY}
[profile legacy2]
sso_start_url = https://d-2222222222.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = EKSDev

[profile modern]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = EKSDev

[sso-session corp]
sso_start_url = {URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile chain]
role_arn = arn:aws:iam::111122223333:role/Chained
source_profile = legacy

[profile chain2]
role_arn = arn:aws:iam::111122223333:role/Chained2
source_profile = chainm

[profile chainm]
role_arn = arn:aws:iam::111122223333:role/ChainedM
source_profile = modern

[profile loopa]
role_arn = arn:aws:iam::111122223333:role/A
source_profile = loopb

[profile loopb]
role_arn = arn:aws:iam::111122223333:role/B
source_profile = loopa

[profile dangling]
role_arn = arn:aws:iam::111122223333:role/D
source_profile = nowhere

[profile both]
role_arn = arn:aws:iam::111122223333:role/Both
source_profile = legacy
credential_source = Environment

[profile envsource]
role_arn = arn:aws:iam::111122223333:role/E
credential_source = Environment

[profile wrapped]
credential_process = {{wrap}} --profile legacy

[profile wrappedm]
credential_process = {{wrap}} --profile=modern

[profile opaque]
credential_process = {{wrap_fixed}}

[profile chainproc]
role_arn = arn:aws:iam::111122223333:role/CP
source_profile = wrapped

[profile statickeys]
region = us-east-1
"""
CREDENTIALS = """[statickeys]
aws_access_key_id = AKIAFAKEFAKEFAKEFAKE
aws_secret_access_key = fakefakefakefakefakefakefakefakefakefake
"""


def iso(hours):
    import datetime
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=hours)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def token(hours, refresh=False, reg_hours=2000):
    d = {"startUrl": URL, "region": "us-east-1", "accessToken": "aoaFAKE", "expiresAt": iso(hours)}
    if refresh:
        d.update({"refreshToken": "aorFAKE", "clientId": "cid", "clientSecret": "csecret",
                  "registrationExpiresAt": iso(reg_hours)})
    return json.dumps(d).encode()


# AWS CLI v2 before 2.10.2 cannot assume a role from an sso-session profile ("'NoneType' object has
# no attribute 'get_frozen_token'", docs/spec/aws-matrix.md 27-sso-source-profile-chain): no
# login verdict to compare against on those versions.
BUG_CHAIN_SESSION = ((2, 0, 0), (2, 10, 2), "AWS CLI v2 < 2.10.2 fails role_arn + sso-session (aws-matrix 27)")

VALID = token(8)
EXPIRED = token(-2)

# name, profile env, token files {subject: bytes | "dir" | "dangling"}, rule, the profile a login
# must name when one is needed, options.
CASES = [
    ("legacy-valid", {"AWS_PROFILE": "legacy"}, {URL: VALID}, R_SSO_LEGACY, "legacy", {}),
    ("legacy-missing", {"AWS_PROFILE": "legacy"}, {}, R_LOADER, "legacy", {}),
    ("legacy-expired", {"AWS_PROFILE": "legacy"}, {URL: EXPIRED}, BC + "credentials.py SSOCredentialFetcher._get_credentials", "legacy",
     {"skip": {2: "AWS CLI v2 before 2.10 sends an expired legacy token to the portal (docs/spec/aws-matrix.md 10-sso-legacy-expired)"}}),
    ("session-valid", {"AWS_PROFILE": "modern"}, {"corp": VALID}, R_SSO_TOKEN, "modern", {}),
    ("session-missing", {"AWS_PROFILE": "modern"}, {}, R_LOADER, "modern", {}),
    ("session-expired-no-refresh", {"AWS_PROFILE": "modern"}, {"corp": EXPIRED}, R_SSO_TOKEN, "modern", {}),
    ("session-expired-refreshable", {"AWS_PROFILE": "modern"}, {"corp": token(-2, True)}, R_SSO_TOKEN, "modern", {}),
    ("session-expiring-refreshable", {"AWS_PROFILE": "modern"}, {"corp": token(0.1, True)}, R_SSO_TOKEN, "modern", {}),
    ("session-expired-registration-expired", {"AWS_PROFILE": "modern"}, {"corp": token(-2, True, -1)}, R_SSO_TOKEN, "modern", {}),
    ("cache-corrupt-json", {"AWS_PROFILE": "legacy"}, {URL: b"{not json"}, R_FILECACHE, "legacy", {}),
    ("cache-utf8-bom", {"AWS_PROFILE": "legacy"}, {URL: b"\xef\xbb\xbf" + VALID}, R_FILECACHE, "legacy", {}),
    ("cache-bom-session", {"AWS_PROFILE": "modern"}, {"corp": b"\xef\xbb\xbf" + VALID}, R_FILECACHE, "modern", {}),
    ("cache-directory", {"AWS_PROFILE": "legacy"}, {URL: "dir"}, R_FILECACHE, "legacy", {}),
    ("cache-dangling-symlink", {"AWS_PROFILE": "modern"}, {"corp": "dangling"}, R_FILECACHE, "modern", {}),
    ("cache-empty-file", {"AWS_PROFILE": "legacy"}, {URL: b""}, R_FILECACHE, "legacy", {}),
    ("cache-not-utf8", {"AWS_PROFILE": "legacy"}, {URL: b'{"accessToken": "\xff", "expiresAt": "2099-01-01T00:00:00Z"}'}, R_FILECACHE, "legacy", {}),
    ("cache-json-array", {"AWS_PROFILE": "legacy"}, {URL: b"[]"}, R_LOADER, "legacy", {}),
    ("cache-json-null", {"AWS_PROFILE": "legacy"}, {URL: b"null"}, R_LOADER, "legacy", {}),
    ("cache-json-number", {"AWS_PROFILE": "modern"}, {"corp": b"5"}, R_LOADER, "modern", {}),
    ("cache-no-access-token", {"AWS_PROFILE": "legacy"}, {URL: json.dumps({"expiresAt": iso(8)}).encode()}, R_LOADER, "legacy", {}),
    ("chain-to-legacy-missing", {"AWS_PROFILE": "chain"}, {}, R_ASSUME, "legacy", {}),
    ("chain-to-legacy-valid", {"AWS_PROFILE": "chain"}, {URL: VALID}, R_ASSUME, "legacy", {}),
    ("chain-2-levels-to-session-missing", {"AWS_PROFILE": "chain2"}, {}, R_ASSUME, "modern", {"below": BUG_CHAIN_SESSION}),
    ("chain-2-levels-to-session-expired", {"AWS_PROFILE": "chain2"}, {"corp": EXPIRED}, R_ASSUME, "modern", {"below": BUG_CHAIN_SESSION}),
    ("chain-loop", {"AWS_PROFILE": "loopa"}, {URL: VALID}, R_LOOP, "", {"config": True}),
    ("chain-source-missing", {"AWS_PROFILE": "dangling"}, {}, R_SOURCE, "", {"config": True}),
    ("chain-both-sources", {"AWS_PROFILE": "both"}, {}, R_SOURCE, "", {"config": True}),
    ("credential-source-env", {"AWS_PROFILE": "envsource", "AWS_ACCESS_KEY_ID": "AKIAFAKE", "AWS_SECRET_ACCESS_KEY": "x"}, {}, R_SOURCE, "", {}),
    ("static-keys", {"AWS_PROFILE": "statickeys"}, {}, BC + "credentials.py SharedCredentialProvider.load", "", {}),
    ("env-keys-over-sso", {"AWS_PROFILE": "legacy", "AWS_ACCESS_KEY_ID": "AKIAFAKE", "AWS_SECRET_ACCESS_KEY": "x"}, {}, R_ENV, "", {}),
    ("process-wraps-legacy-missing", {"AWS_PROFILE": "wrapped"}, {}, R_PROCESS, "legacy", {"wrap": True}),
    ("process-wraps-legacy-valid", {"AWS_PROFILE": "wrapped"}, {URL: VALID}, R_PROCESS, "legacy", {"wrap": True}),
    ("process-wraps-session-expired", {"AWS_PROFILE": "wrappedm"}, {"corp": EXPIRED}, R_PROCESS, "modern", {"wrap": True}),
    ("chain-to-process-wrapping-sso", {"AWS_PROFILE": "chainproc"}, {}, R_PROCESS, "legacy", {"wrap": True}),
    ("process-opaque-missing", {"AWS_PROFILE": "opaque"}, {}, R_PROCESS, "opaque",
     {"wrap": True, "contexts": "files name no profile: contexts cannot tell (the README's documented gap)"}),
    ("precedence-both-set", {"AWS_PROFILE": "legacy", "AWS_DEFAULT_PROFILE": "legacy2"}, {URL: VALID}, R_PROFILE_V1 + " / " + R_PROFILE_V2, "legacy2", {}),
    ("precedence-both-set-reverse", {"AWS_PROFILE": "legacy2", "AWS_DEFAULT_PROFILE": "legacy"}, {URL: VALID}, R_PROFILE_V1 + " / " + R_PROFILE_V2, "legacy2", {}),
    ("precedence-default-only", {"AWS_DEFAULT_PROFILE": "legacy"}, {}, R_PROFILE_V1, "legacy", {}),
    ("precedence-missing-profile", {"AWS_PROFILE": "nosuch", "AWS_DEFAULT_PROFILE": "legacy"}, {URL: VALID}, R_SCOPED, "legacy", {}),
    ("aws-config-file", {"AWS_PROFILE": "legacy", "AWS_CONFIG_FILE": "{home}/elsewhere/config"}, {}, R_CONFIGFILE, "legacy", {"move_config": True}),
]

LOGIN_TEXTS = ("Error loading SSO Token", "The SSO session associated with this profile",
               "Token has expired and refresh failed", "The SSO access token has either expired")
ACCEPT_TEXTS = ("Could not connect to the endpoint URL", "Failed to connect to proxy URL",
                "Connect timeout on endpoint URL")
CONFIG_TEXTS = ("Infinite loop in credential configuration", "contains both source_profile and credential_source",
                "referenced in the profile", "could not be found")


def cli_verdict(rc, err):
    e = err.strip()
    if any(t in e for t in LOGIN_TEXTS) or (len(e) == 42 and e[0] == e[-1] == "'"):
        return "login"
    if rc == 0 or any(t in e for t in ACCEPT_TEXTS):
        return "accepted"
    if any(t in e for t in CONFIG_TEXTS):
        return "config"
    return "other"


def closed_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def sha1(s):
    import hashlib
    return hashlib.sha1(s.encode()).hexdigest()


def make_home(root, case, wrap, wrap_fixed):
    name, env, tokens, _, _, opts = case
    home = os.path.join(root, "home")
    os.makedirs(os.path.join(home, ".aws", "sso", "cache"))
    cfg = CONFIG.replace("{wrap}", wrap).replace("{wrap_fixed}", wrap_fixed)
    cfg_path = os.path.join(home, ".aws", "config")
    if opts.get("move_config"):
        os.makedirs(os.path.join(home, "elsewhere"))
        cfg_path = os.path.join(home, "elsewhere", "config")
    with open(cfg_path, "w") as f:
        f.write(cfg)
    with open(os.path.join(home, ".aws", "credentials"), "w") as f:
        f.write(CREDENTIALS)
    for subject, content in tokens.items():
        path = os.path.join(home, ".aws", "sso", "cache", sha1(subject) + ".json")
        if content == "dir":
            os.makedirs(path)
        elif content == "dangling":
            os.symlink(path + ".gone", path)
        else:
            with open(path, "wb") as f:
                f.write(content)
    return home


def kubeconfig(path, cli, port):
    with open(path, "w") as f:
        f.write(f"""apiVersion: v1
kind: Config
current-context: diff
clusters:
- name: diff
  cluster: {{server: "https://127.0.0.1:{port}"}}
contexts:
- name: diff
  context: {{cluster: diff, user: diff}}
users:
- name: diff
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: {cli}
      args: [--region, us-east-1, eks, get-token, --cluster-name, diff, --output, json]
      interactiveMode: Never
""")


def run_case(eks, work, path_dirs, wrap, wrap_fixed, n, case, cli, major):
    name, env, _, rule, owner, opts = case
    lines = []
    root = os.path.join(work, f"{n:02d}-{name}-v{major}")
    os.makedirs(root)
    home = make_home(root, case, wrap, wrap_fixed)
    port = closed_port()
    base = {"PATH": path_dirs, "HOME": home, "LANG": "C.UTF-8",
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
            "HTTPS_PROXY": f"http://127.0.0.1:{port}", "HTTP_PROXY": f"http://127.0.0.1:{port}",
            "NO_PROXY": "", "AWS_EC2_METADATA_DISABLED": "true"}
    case_env = {k: v.replace("{home}", home) for k, v in env.items()}
    full = dict(base, **case_env)
    if opts.get("wrap"):
        full.setdefault("AWS_CONFIG_FILE", os.path.join(home, ".aws", "config"))
    r = subprocess.run([cli, "eks", "get-token", "--cluster-name", "diff", "--region", "us-east-1"],
                       env=full, capture_output=True, text=True, timeout=120)
    truth = cli_verdict(r.returncode, r.stderr)
    kc = os.path.join(root, "kubeconfig")
    kubeconfig(kc, cli, port)
    ctx = subprocess.run([eks, "--kubeconfig", kc, "contexts", "-o", "json"], env=full,
                         capture_output=True, text=True, timeout=120)
    con = subprocess.run([eks, "--kubeconfig", kc, "connect", "-o", "json", "--request-timeout", "5s"],
                         env=full, capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)
    problems = []
    try:
        sso = json.loads(ctx.stdout)[0]["sso"]
    except (ValueError, LookupError):
        sso = None
        problems.append(f"contexts -o json unreadable (exit {ctx.returncode}): {ctx.stderr.strip()[:200]}")
    try:
        cj = json.loads(con.stdout) if con.stdout.strip() else {}
    except ValueError:
        cj = {}
    check_contexts = "contexts" not in opts and sso is not None
    if truth == "login":
        if check_contexts and (sso.get("loginRequired") is not True or sso.get("profile") != owner):
            problems.append(f"contexts says state={sso.get('state')} loginRequired={sso.get('loginRequired')} profile={sso.get('profile')}, want a login for {owner!r}")
        if con.returncode != 3:
            problems.append(f"connect exit {con.returncode}, want 3")
        elif cj.get("profile") != owner or owner not in cj.get("action", {}).get("awsCommand", ""):
            problems.append(f"connect names profile {cj.get('profile')!r} ({cj.get('action', {}).get('awsCommand')}), want {owner!r}")
    else:
        if check_contexts and sso.get("loginRequired"):
            problems.append(f"contexts says loginRequired ({sso.get('state')}, {sso.get('reason')}) but the AWS CLI did not ask for a login")
        # "expired" with loginRequired false is a token the CLI refreshes (sso-session).
        if check_contexts and truth == "accepted" and sso.get("state") not in ("valid", "not-sso", "expired"):
            problems.append(f"contexts says state={sso.get('state')} but the AWS CLI accepted the credentials")
        if con.returncode == 3:
            problems.append("connect exit 3 but the AWS CLI did not ask for a login")
        if truth == "config" and con.returncode != 7:
            problems.append(f"connect exit {con.returncode}, want 7 (a configuration error)")
    if opts.get("config") and truth != "config":
        problems.append(f"the AWS CLI's verdict is {truth}, the case expects a configuration error")
    first = (r.stderr.strip().splitlines() or [f"exit {r.returncode}"])[-1][:110]
    if problems:
        lines.append(f"FAIL  {name} v{major}: aws says {truth} ({first})\n      rule: {rule}")
        for p in problems:
            lines.append(f"      - {p}")
        lines.append(f"      connect stderr: {con.stderr.strip()[:300]}")
    else:
        lines.append(f"ok    {name} v{major}: {truth} ({first}); rule: {rule}")
    return truth, lines, 1 if problems else 0


def main():
    eks, work, clis = sys.argv[1], sys.argv[2], sys.argv[3:]
    path_dirs = os.environ.get("PATH", "/usr/bin:/bin")
    v2 = shutil.which("aws", path="/usr/bin")
    majors, versions = {}, {}
    for cli in clis:
        try:
            out = subprocess.run([cli, "--version"], capture_output=True, text=True, timeout=60)
            text = (out.stdout + out.stderr).strip()
            if text.startswith("aws-cli/"):
                versions[cli] = tuple(int(x) for x in text.split("/")[1].split()[0].split(".")[:3])
                majors[cli] = versions[cli][0]
        except (OSError, subprocess.TimeoutExpired):
            pass
    if not majors:
        print("skip: no AWS CLI could be run")
        return 77
    # credential_process wrappers: `aws configure export-credentials` exists in v2 only, so the
    # wrapper runs the v2 CLI in a clean environment (the pyenv v1's variables must not leak in).
    wrap = os.path.join(work, "wrap-export")
    wrap_fixed = os.path.join(work, "wrap-fixed")
    with open(wrap, "w") as f:
        f.write('#!/bin/sh\n# usage: wrap-export --profile P | --profile=P\np=${2:-${1#--profile=}}\n'
                f'exec env -i PATH=/usr/bin:/bin HOME="$HOME" AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" '
                f'HTTPS_PROXY="$HTTPS_PROXY" AWS_CONFIG_FILE="$AWS_CONFIG_FILE" {v2 or "/usr/bin/aws"} '
                'configure export-credentials --profile "$p"\n')
    with open(wrap_fixed, "w") as f:
        f.write(f'#!/bin/sh\nexec {wrap} --profile legacy\n')
    os.chmod(wrap, 0o755)
    os.chmod(wrap_fixed, 0o755)
    jobs = []
    for n, case in enumerate(CASES):
        name, _, _, _, _, opts = case
        for cli, major in majors.items():
            low, high, why = opts.get("below", ((0,), (0,), ""))
            if low <= versions[cli] < high:
                print(f"skip  {name} v{major}: {why}")
            elif major in opts.get("skip", {}):
                print(f"skip  {name} v{major}: {opts['skip'][major]}")
            elif opts.get("wrap") and not (v2 and majors.get(v2) == 2):
                print(f"skip  {name} v{major}: needs AWS CLI v2 at /usr/bin/aws for the credential_process")
            else:
                jobs.append((n, case, cli, major))
    import concurrent.futures
    workers = int(os.environ.get("EKS_SSO_DIFF_JOBS", "3"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda job: run_case(eks, work, path_dirs, wrap, wrap_fixed, *job), jobs))
    failures, ran, seen = 0, len(results), set()
    for truth, lines, failed in results:
        seen.add(truth)
        failures += failed
        print("\n".join(lines))
    for want in ("login", "accepted", "config"):
        if ran and want not in seen:
            failures += 1
            print(f"FAIL  the table never produced the verdict {want!r}: the harness is not exercising the CLI")
    print(f"{ran} runs, {failures} disagreements")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
