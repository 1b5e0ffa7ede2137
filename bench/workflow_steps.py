"""Run a workflow's `run:` steps here, as GitHub's runner would, and time each one.

    python bench/workflow_steps.py .github/workflows/checks.yml [--event pull_request] [--var SITE_URL=...]
        [--set CHROMIUM=/usr/bin/chromium]

Each step runs with bash in this folder, with the environment variables GitHub sets (CI, GITHUB_ACTIONS,
RUNNER_TEMP, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_ENV, GITHUB_EVENT_NAME, ...) and the job's and
the step's `env:`, their `${{ }}` expressions filled in from --var and a few github.* values. `uses:`
steps are GitHub's own actions (checkout, caches, upload): they are listed, not run. A step whose `if:`
names another event is skipped. Prints each step's exit status, seconds and last lines.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def _value(expression: str, context: dict[str, str]) -> str:
    if expression.startswith("hashFiles("):
        return "local"
    return context.get(expression, "")


def _fill(text: str, context: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: _value(m.group(1), context), text)


def _applies(condition: str, context: dict[str, str]) -> bool:
    """The `if:` forms our workflows use: github.event_name == '...' (or !=)."""
    match = re.fullmatch(r"(github\.event_name)\s*(==|!=)\s*'([^']*)'", condition.strip())
    if match is None:
        return True
    equal = context[match.group(1)] == match.group(3)
    return equal if match.group(2) == "==" else not equal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workflow", type=Path)
    parser.add_argument("--event", default="pull_request", help="github.event_name (default: pull_request)")
    parser.add_argument("--base-ref", default="main", help="github.base_ref (default: main)")
    parser.add_argument("--var", action="append", default=[], help="a repository variable, NAME=value")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        help="NAME=value over the workflow's env, for what differs from a runner (CHROMIUM=/usr/bin/chromium)",
    )
    args = parser.parse_args()
    workflow = yaml.load(args.workflow.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506
    temp = Path(tempfile.mkdtemp(prefix="runner-"))
    files = {name: temp / name.lower() for name in ("GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_ENV")}
    for path in files.values():
        path.touch()
    context = {
        "github.event_name": args.event,
        "github.base_ref": args.base_ref,
        "github.server_url": "https://github.com",
        "github.repository": "owner/francis-progress",
    }
    context.update({f"vars.{name}": value for name, _, value in (v.partition("=") for v in args.var)})
    base = {
        **os.environ,
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": args.event,
        "GITHUB_WORKSPACE": str(Path.cwd()),
        "RUNNER_TEMP": str(temp),
        **{name: str(path) for name, path in files.items()},
    }
    failed = 0
    for job_name, job in workflow["jobs"].items():
        print(f"## job {job_name}")
        if job.get("if") and not _applies(job["if"], context):
            print(f"skipped: if {job['if']}")
            continue
        job_env = {k: _fill(v, context) for k, v in (job.get("env") or {}).items()}
        for step in job.get("steps") or []:
            name = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
            if "uses" in step:
                print(f"- {name}: a GitHub action ({step['uses'].split('@')[0]}), not run here")
                continue
            if step.get("if") and not _applies(step["if"], context):
                print(f"- {name}: skipped (if {step['if']})")
                continue
            env = {**base, **job_env, **{k: _fill(v, context) for k, v in (step.get("env") or {}).items()}}
            env.update(dict(pair.partition("=")[::2] for pair in args.set))
            started = time.perf_counter()
            done = subprocess.run(  # noqa: S603 - the workflow's own command, as the runner runs it
                ["bash", "-e", "-o", "pipefail", "-c", _fill(step["run"], context)],  # noqa: S607
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            seconds = time.perf_counter() - started
            print(f"- {name}: exit {done.returncode}, {seconds:.1f} s")
            lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
            for line in lines[-4:]:
                print(f"    > {line[:300]}")
            failed += done.returncode != 0
    summary = files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
    print(f"GITHUB_STEP_SUMMARY ({len(summary)} bytes): {summary[:300]!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
