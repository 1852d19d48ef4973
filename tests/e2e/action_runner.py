#!/usr/bin/env python3
"""Runs a composite GitHub Action's steps the way the runner does, for tests/e2e/test_action.sh.

  action_runner.py ACTION_DIR WORK_DIR [--input NAME=VALUE]...

Each step (only `run:` steps with `shell: bash`; anything else is an error, so the action cannot
grow a step this emulator does not run) gets, as on GitHub: `bash --noprofile --norc -eo pipefail
FILE`, its own GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_PATH and GITHUB_ENV files (under
WORK_DIR/steps/<n>-<id>/), GITHUB_ACTION_PATH, GITHUB_ACTION (the step's id), RUNNER_TEMP
(WORK_DIR/runner-temp), the step's `env:` with `${{ }}` expressions evaluated, and the PATH and
environment that earlier steps added. The steps stop at the first failure, as in a composite action.
Expressions known: inputs.NAME (the given value or the input's default), github.token (a dummy),
github.action_path, runner.temp, steps.ID.outputs.NAME; any other is an error.

Prints a JSON object on stdout: {"steps": [{"id", "exitCode", "outputs", "summary"}],
"outputs": {NAME: VALUE}, "exitCode": the first failing step's code or 0}; each step's stdout and
stderr go to WORK_DIR/steps/<n>-<id>/log.
"""
import json
import os
import re
import subprocess
import sys

import yaml

EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def parse_command_file(path):
    """name=value lines and name<<DELIM ... DELIM blocks (GitHub's GITHUB_OUTPUT/GITHUB_ENV format)."""
    values = {}
    if not os.path.exists(path):
        return values
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        m = re.match(r"^([^=<]+)<<(.+)$", line)
        if m:
            name, delim, body = m.group(1), m.group(2), []
            while i < len(lines) and lines[i] != delim:
                body.append(lines[i])
                i += 1
            if i >= len(lines):
                raise SystemExit(f"{path}: unterminated {name}<<{delim}")
            i += 1
            values[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        else:
            raise SystemExit(f"{path}: invalid line: {line!r}")
    return values


def main():
    action_dir, work = sys.argv[1], sys.argv[2]
    given = {}
    args = sys.argv[3:]
    while args:
        if args[0] != "--input" or len(args) < 2 or "=" not in args[1]:
            raise SystemExit("usage: action_runner.py ACTION_DIR WORK_DIR [--input NAME=VALUE]...")
        name, value = args[1].split("=", 1)
        given[name] = value
        args = args[2:]
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    declared = action.get("inputs", {}) or {}
    for name in given:
        if name not in declared:
            raise SystemExit(f"unknown input {name!r} (action.yml declares: {', '.join(declared)})")
    inputs = {n: given.get(n, str(spec.get("default", ""))) for n, spec in declared.items()}
    temp = os.path.join(work, "runner-temp")
    os.makedirs(temp, exist_ok=True)
    steps_out = {}

    def evaluate(text):
        def one(m):
            e = m.group(1)
            if e.startswith("inputs."):
                if e[7:] not in inputs:
                    raise SystemExit(f"expression {e!r}: no such input")
                return inputs[e[7:]]
            if e == "github.token":
                return "dummy-github-token"
            if e == "github.action_path":
                return action_dir
            if e == "runner.temp":
                return temp
            m2 = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", e)
            if m2:
                return steps_out.get(m2.group(1), {}).get(m2.group(2), "")
            raise SystemExit(f"expression {e!r} is not known to this emulator")

        return EXPR.sub(one, str(text))

    runs = action["runs"]
    if runs.get("using") != "composite":
        raise SystemExit("not a composite action")
    env = dict(os.environ)
    extra_path = []
    report = {"steps": [], "outputs": {}, "exitCode": 0}
    for n, step in enumerate(runs["steps"], 1):
        unknown = set(step) - {"name", "id", "shell", "env", "run"}
        if unknown or "run" not in step or step.get("shell") != "bash":
            raise SystemExit(f"step {n}: only run: steps with shell: bash are emulated (has {sorted(step)})")
        sid = step.get("id", f"step{n}")
        d = os.path.join(work, "steps", f"{n}-{sid}")
        os.makedirs(d, exist_ok=True)
        files = {k: os.path.join(d, k.lower()) for k in
                 ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV")}
        for p in files.values():
            open(p, "w").close()
        step_env = dict(env)
        step_env.update({k: evaluate(v) for k, v in (step.get("env") or {}).items()})
        step_env.update(files)
        step_env.update({"GITHUB_ACTION_PATH": action_dir, "GITHUB_ACTION": sid, "RUNNER_TEMP": temp})
        if extra_path:
            step_env["PATH"] = ":".join(extra_path + [step_env.get("PATH", "")])
        script = os.path.join(d, "script.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(step["run"])
        with open(os.path.join(d, "log"), "w", encoding="utf-8") as log:
            rc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], env=step_env,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, cwd=work).returncode
        steps_out[sid] = parse_command_file(files["GITHUB_OUTPUT"])
        env.update(parse_command_file(files["GITHUB_ENV"]))
        with open(files["GITHUB_PATH"], encoding="utf-8") as f:
            extra_path = [p for p in f.read().split("\n") if p][::-1] + extra_path
        report["steps"].append({"id": sid, "exitCode": rc, "outputs": steps_out[sid],
                                "summary": files["GITHUB_STEP_SUMMARY"], "log": os.path.join(d, "log")})
        if rc != 0:
            report["exitCode"] = rc
            break
    for name, spec in (action.get("outputs") or {}).items():
        report["outputs"][name] = evaluate(spec.get("value", ""))
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
