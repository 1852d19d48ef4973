#!/usr/bin/env python3
"""Regenerates the seed corpora in fuzz/corpus/<target>/ from the test fixtures (tests/data,
tests/e2e/data) and the recorded transcripts (docs/spec/transcripts). The seeds are committed;
run this only to refresh them:  python3 fuzz/make_seeds.py [TRANSCRIPTS_DIR]

Each seed is named by the SHA-1 of its bytes (libFuzzer's convention), so re-running is idempotent.
Seeds over 16 KiB are skipped: small inputs mutate better and keep the repository small.
"""
import ast
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TRANSCRIPTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "spec", "transcripts")
MAX_SEED = 16 * 1024

counts = {}


def seed(target, data):
    if isinstance(data, str):
        data = data.encode()
    if not data or len(data) > MAX_SEED:
        return
    d = os.path.join(ROOT, "fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
    counts[target] = counts.get(target, 0) + 1
    if target == "kubeconfig":
        seed("yaml_subset", data)  # the fast YAML reader is checked on the same files


def read(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


def blocks(text, header_re):
    """Text after each header line matching header_re, up to the next '## ' or '-----' line."""
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if re.match(header_re, lines[i]):
            j = i + 1
            body = []
            while j < len(lines) and not lines[j].startswith("## ") and not lines[j].startswith("-----") \
                    and not lines[j].startswith("$ "):
                body.append(lines[j])
                j += 1
            out.append("\n".join(body).strip("\n") + "\n")
            i = j
        else:
            i += 1
    return out


def stdout_blocks(text):
    """The '[stdout]' sections of AWS transcripts, up to '[stdout ends' / '[stderr'."""
    out = []
    for m in re.finditer(r"^\[stdout\]\n(.*?)^\[(?:stdout ends|stderr|stdout repr)", text, re.S | re.M):
        out.append(m.group(1))
    return out


aws_dir = os.path.join(TRANSCRIPTS, "aws")
kube_dir = os.path.join(TRANSCRIPTS, "kube")
for name in sorted(os.listdir(aws_dir)) if os.path.isdir(aws_dir) else []:
    t = read(os.path.join(aws_dir, name))
    for b in blocks(t, r"^## \$HOME/\.aws/(config|credentials):"):
        seed("aws_config", b)
    for b in blocks(t, r"^## (initial|final|now) --- \.aws/sso/cache/.*"):
        seed("sso_token", b)
    for b in blocks(t, r"^## (initial|final|now) --- \.aws/cli/cache/.*\.json"):
        seed("role_credentials", b)
    for m in re.finditer(r"^\[stderr repr\] (.*)$", t, re.M):
        try:
            seed("aws_stderr", ast.literal_eval(m.group(1)))
        except (ValueError, SyntaxError):
            pass
    for b in stdout_blocks(t):
        if "ExecCredential" in b:
            seed("exec_credential", b)
    for m in re.finditer(r'"(?:expiresAt|Expiration|expirationTimestamp|registrationExpiresAt)": "([^"]*)"', t):
        seed("duration", m.group(1))

for name in sorted(os.listdir(kube_dir)) if os.path.isdir(kube_dir) else []:
    path = os.path.join(kube_dir, name)
    if os.path.isdir(path):
        continue
    t = read(path)
    for b in blocks(t, r"^## file: .*\.ya?ml"):
        seed("kubeconfig", b)
    if t.startswith("# Scenario") and "kind: Config" in t and "## file:" not in t:
        # L* transcripts print the file right after the header comment block.
        m = re.search(r"^(apiVersion: v1\n.*?)(?:^\$ |^## )", t, re.S | re.M)
        if m:
            seed("kubeconfig", m.group(1))

samples = os.path.join(kube_dir, "_samples")
for d in [os.path.join(ROOT, "tests", "data", "eks")] + ([samples] if os.path.isdir(samples) else []):
    for name in sorted(os.listdir(d)):
        t = read(os.path.join(d, name))
        if name.endswith(".http"):
            # status line, headers, blank line, body: the body is the Status JSON.
            code = re.match(r"HTTP/\S+ (\d+)", t)
            body = t.split("\n\n", 1)[1] if "\n\n" in t else t
            status = int(code.group(1)) if code else 500
            seed("kube_json", bytes([status >> 8, status & 0xff, 0]) + body.encode())
        elif name.startswith("nodes-"):
            for fmt in range(5):
                seed("kube_json", bytes([0, 200, fmt]) + t.encode())
        else:
            seed("kube_json", bytes([0x01, 0x94, 0]) + t.encode())  # 404 with an odd body

for name in sorted(os.listdir(os.path.join(ROOT, "tests", "e2e", "data"))):
    if os.path.isfile(os.path.join(ROOT, "tests", "e2e", "data", name)):  # data/terminal/ is a folder
        seed("kubeconfig", read(os.path.join(ROOT, "tests", "e2e", "data", name)))

with open(os.path.join(ROOT, "tests", "data", "aws-cli-failures.json")) as f:
    for entry in json.load(f):
        seed("aws_stderr", entry.get("stderr", ""))

for text in ["500ms", "10s", "1m", "1h30m", "0", "30", "1.5s", "2h45m30.5s", "-1s", "1d",
             "2026-11-29T14:08:49Z", "2026-11-29T14:08:49.123456789+05:30", "2020-12-01T04:05:45UTC",
             "2026-11-29 14:08:49-05:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"]:
    seed("duration", text)

for text in ["", "YQ==", "YWI=", "YWJj", "aGVsbG8gd29ybGQ=\n", "LS0tLS1CRUdJTg", "a2hhbl9_-w", "!!!!", "YW=="]:
    seed("base64", text if text else "\n")

# go_yaml (differential, fuzz/fuzz_go_yaml.cpp): JSON values, among them kubectl's own objects
# (the Y01 ConfigMap of awkward strings, single nodes of G05) and the shapes the emitter branches on.
def transcript_stdout(name):
    t = read(os.path.join(ROOT, "tests", "data", "transcripts", "kube", name))
    m = re.search(r"^## stdout \((\d+) bytes\)\n", t, re.M)
    return t[m.end():m.end() + int(m.group(1))] if m else ""


configmap = transcript_stdout("Y01-configmap-json.txt")
if configmap:
    seed("go_yaml", configmap)
    for key, value in json.loads(configmap)["data"].items():
        seed("go_yaml", json.dumps({key: value}))
        seed("go_yaml", json.dumps([value]))
nodes = transcript_stdout("G05-get-nodes-json.txt")
if nodes:
    for item in json.JSONDecoder().raw_decode(nodes)[0].get("items", []):
        seed("go_yaml", json.dumps(item["metadata"]))
for text in ['{"a":[1,2,{"b":[]}],"c":{},"d":null,"e":true,"f":1.5,"g":1e300,"h":-0.0,"i":18446744073709551615}',
             '[[1,[2,[3]]],{"a":{"b":{"c":[]}}}]', '"plain"', '"x\\n\\n"', '{"' + "k" * 129 + '":[1,{"a":2}]}',
             '{"a\\nb":{"c":1}}', '{"a":"x\\u2028y","b":"x\\u0085 y"}', '{"a":"\\ufeffx","b":"it\'s #1"}',
             '{"w":"' + "word " * 30 + '","t":"\\t' + "word  " * 20 + '"}', '{"1":1,"10":2,"2":3,"a1":4,"a01":5}']:
    seed("go_yaml", text)

print(" ".join(f"{k}={v}" for k, v in sorted(counts.items())))
