"""The GitHub Actions workflows: actionlint and zizmor find nothing, and the safety rules hold."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def load(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # "on" stays a string


def test_zizmor_finds_nothing() -> None:
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert zizmor, "zizmor is installed by make test (requirements-dev.txt)"
    result = subprocess.run(
        [zizmor, "--offline", "--persona=pedantic", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def actionlint(*files: Path) -> list[dict]:  # type: ignore[type-arg]
    binary = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert binary, "actionlint is installed by make test (requirements-dev.txt)"
    assert shutil.which("shellcheck"), "ShellCheck is installed by make test (Debian package)"
    result = subprocess.run(
        [binary, "-format", "{{json .}}", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1 means findings; anything else is a failure
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_actionlint_finds_nothing() -> None:
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_and_shellcheck_do_check(tmp_path: Path) -> None:
    # Without this, a silently broken actionlint (or a missing ShellCheck) would pass the test above.
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: cat $GITHUB_EVENT_PATH\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n',
        encoding="utf-8",
    )
    found = {(error["line"], error["kind"]) for error in actionlint(bad)}
    assert found == {(7, "shellcheck"), (8, "expression")}


def test_every_action_is_pinned_to_a_full_commit() -> None:
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w-]+/[\w-]+@[0-9a-f]{40} # v\d", line), (path.name, line)


def test_least_privilege_and_no_pull_request_target() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        assert "pull_request_target" not in workflow["on"], path.name
        assert "permissions" in workflow, path.name
        assert "concurrency" in workflow, path.name
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                if "actions/checkout" in step.get("uses", ""):
                    assert step["with"]["fetch-depth"] == "0"  # the change log needs every tag
                    assert step["with"]["persist-credentials"] == "false"


def test_release_deploys_only_after_every_check() -> None:
    publish = load(ROOT / ".github" / "workflows" / "publish.yml")
    # A release deploys; a manual run (workflow_dispatch) is a dry run that builds as a release does.
    assert publish["on"] == {"release": {"types": ["published"]}, "workflow_dispatch": ""}
    assert publish["permissions"] == {}
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert runs.index("make test") < runs.index("make build")
    assert "actions/upload-pages-artifact" in build["steps"][-1]["uses"]
    assert deploy["needs"] == "build" and deploy["if"] == "github.event_name == 'release'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages" in deploy["steps"][0]["uses"]
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    assert "must allow tags" in text  # the one repository setting a release deploy needs


def test_the_jobs_use_the_runners_chrome_and_cache_only_what_cannot_go_stale() -> None:
    checks = load(ROOT / ".github" / "workflows" / "checks.yml")["jobs"]["checks"]
    publish = load(ROOT / ".github" / "workflows" / "publish.yml")["jobs"]["build"]
    for job in (checks, publish):
        assert job["env"]["CHROMIUM"] == "/usr/bin/google-chrome"  # not the image's unsandboxable Chromium
    python = next(s for s in checks["steps"] if "actions/setup-python" in s.get("uses", ""))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements*.txt"
    caches = {s["with"]["path"]: s["with"] for s in checks["steps"] if "actions/cache" in s.get("uses", "")}
    assert caches["~/.npm"]["key"] == "npm-${{ hashFiles('package-lock.json') }}"
    assert "restore-keys" not in caches["~/.npm"]
    assert caches["build/cache"]["key"].startswith("build-cache-${{ hashFiles('data/**'")  # content-addressed
    # A release is built from nothing: no cache can reach what it publishes.
    assert not [s for s in publish["steps"] if "actions/cache" in s.get("uses", "") or "cache" in s.get("with", {})]


def test_a_workflows_steps_run_here_as_on_a_runner(tmp_path: Path) -> None:
    """bench/workflow_steps.py, which the note on issue 23 used to run the workflows' steps locally."""
    workflow = tmp_path / "w.yml"
    workflow.write_text(
        "on: [pull_request]\njobs:\n  one:\n    env:\n      WHERE: ${{ vars.SITE_URL }}\n    steps:\n"
        "      - uses: actions/checkout@abc # v5\n"
        '      - name: Say\n        run: echo "$GITHUB_ACTIONS $CI $WHERE $CHROMIUM" >> "$GITHUB_STEP_SUMMARY"\n'
        "      - name: Only on a release\n        if: github.event_name == 'release'\n        run: exit 1\n",
        encoding="utf-8",
    )
    command = [sys.executable, str(ROOT / "bench" / "workflow_steps.py"), str(workflow), "--var", "SITE_URL=https://x/"]
    done = subprocess.run([*command, "--set", "CHROMIUM=here"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "- actions/checkout@abc: a GitHub action (actions/checkout), not run here"
    assert re.fullmatch(r"- Say: exit 0, \d+\.\d s", lines[2])
    assert lines[3] == "- Only on a release: skipped (if github.event_name == 'release')"
    assert lines[4] == "GITHUB_STEP_SUMMARY (26 bytes): 'true true https://x/ here\\n'"
