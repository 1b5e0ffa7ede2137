"""The inbox, end to end, on a temporary git repository: the steps of .github/workflows/inbox.yml run as
GitHub runs them (bash, with GitHub's environment variables), with a stand-in for the `gh` command that
applies the commit the way GitHub's API would and keeps the comment."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from .conftest import ROOT

WORKFLOW = yaml.load((ROOT / ".github" / "workflows" / "inbox.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
PROJECT = ("generator", "content", "theme", "Makefile", "mkdocs.yml", "pyproject.toml", "requirements.txt")
PROJECT += ("requirements-dev.txt",)
NL = "north-lincolnshire-ccg"

FAKE_GH = """\
#!{python}
# A stand-in for GitHub's command line: it records each call, applies a createCommitOnBranch mutation to
# the repository as GitHub's API would (checking the branch has not moved), and keeps a comment's text.
import base64, json, os, pathlib, subprocess, sys

args = sys.argv[1:]
log = pathlib.Path(os.environ["FAKE_GH_LOG"])
with log.open("a") as handle:
    handle.write(json.dumps(args) + "\\n")
repo = pathlib.Path(os.environ["FAKE_GH_REPO"])
if args[:2] == ["api", "graphql"]:
    change = json.loads(pathlib.Path(args[args.index("--input") + 1]).read_text())["variables"]["input"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    if change["expectedHeadOid"] != head:
        sys.exit("the branch has moved")
    for added in change["fileChanges"]["additions"]:
        (repo / added["path"]).write_bytes(base64.b64decode(added["contents"]))
    for deleted in change["fileChanges"]["deletions"]:
        (repo / deleted["path"]).unlink()
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", "commit", "-qm", change["message"]["headline"]], cwd=repo, check=True)
elif args[:2] == ["pr", "comment"]:
    text = pathlib.Path(args[args.index("--body-file") + 1]).read_text()
    (log.parent / "comment.md").write_text(text)
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout


def step(job: str, name: str) -> dict[str, Any]:
    return next(s for s in WORKFLOW["jobs"][job]["steps"] if s.get("name") == name)


class Runner:
    """A runner's environment for one job: its temporary folder, the files GitHub reads outputs and the
    summary from, and a PATH on which `gh` is the stand-in."""

    def __init__(self, repo: Path, folder: Path) -> None:
        self.repo = repo
        self.temp = folder / "runner-temp"
        self.temp.mkdir(parents=True)
        self.output = folder / "github-output"
        self.summary = folder / "step-summary"
        bin_dir = folder / "bin"
        bin_dir.mkdir()
        (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
        (bin_dir / "gh").chmod(0o755)
        self.log = folder / "gh.log"
        self.env = {
            **os.environ,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_OUTPUT": str(self.output),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "GITHUB_REPOSITORY": "nhs/francis-progress",
            "GITHUB_SERVER_URL": "https://github.com",
            "GITHUB_RUN_ID": "42",
            "FAKE_GH_LOG": str(self.log),
            "FAKE_GH_REPO": str(repo),
        }

    def run(self, job: str, name: str, env: dict[str, str]) -> int:
        """A step's script, as GitHub runs a bash step; returns its exit code."""
        script = self.temp.parent / "step.sh"
        script.write_text(step(job, name)["run"], encoding="utf-8")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
        return subprocess.run(command, cwd=self.repo, env={**self.env, **env}, check=False).returncode

    def outputs(self) -> dict[str, str]:
        text = self.output.read_text(encoding="utf-8") if self.output.exists() else ""
        return dict(line.split("=", 1) for line in text.splitlines())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository like this one: the project's files (with their times, so make installs nothing), its
    virtual environment, and the real data, committed."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, repo / name, copy_function=shutil.copy2, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, repo / name)
    shutil.copytree(ROOT / "data", repo / "data")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    (repo / ".gitignore").write_text(".venv\nbuild/\nsite/\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "The data")
    return repo


def upload(repo: Path, edit: dict[tuple[str, int], str]) -> Path:
    """A communications lead's upload: the plan exported from the site, cells edited, committed."""
    (repo / "imports").mkdir(exist_ok=True)
    book = repo / "imports" / f"{NL}.xlsx"
    command = [sys.executable, "-m", "generator", "--data", str(repo / "data"), "export", "--org", NL]
    subprocess.run([*command, "--out", str(book)], cwd=ROOT, check=True, capture_output=True)
    if edit:
        workbook = load_workbook(book)
        plan = workbook["Plan"]
        headers = [c.value for c in plan[1]]
        for (header, row), value in edit.items():
            plan.cell(row=row, column=headers.index(header) + 1).value = value
        workbook.save(book)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Upload files")
    return book


def both_jobs(repo: Path, tmp_path: Path) -> tuple[Runner, Runner, int]:
    """The import job on its runner, then (as GitHub would, on a fresh runner with the artifact) the
    report job."""
    # actions/checkout: the import job works in a clone of the pull request's branch.
    workspace = tmp_path / "import-workspace"
    subprocess.run(["git", "clone", "-q", str(repo), str(workspace)], check=True)
    (workspace / ".venv").symlink_to(ROOT / ".venv")
    first = Runner(workspace, tmp_path / "import")
    first.env["FAKE_GH_REPO"] = str(repo)
    run_url = "https://github.com/nhs/francis-progress/actions/runs/42"
    code = first.run("import", "Import the upload", {"RUN_URL": run_url})
    second = Runner(repo, tmp_path / "report")  # GitHub's copy of the repository is where gh commits
    if (first.temp / "inbox").exists():
        shutil.copytree(first.temp / "inbox", second.temp / "inbox")  # download-artifact
    head = git(repo, "rev-parse", "HEAD").strip()
    # The report job runs on a fresh runner, in an empty workspace: it checks nothing out.
    fresh = tmp_path / "report-workspace"
    fresh.mkdir()
    second.repo = fresh
    env = {"GH_TOKEN": "t", "REPOSITORY": "nhs/francis-progress", "BRANCH": "patch-1", "HEAD_SHA": head}
    if first.outputs().get("ok") == "true":
        assert second.run("report", "Commit the data file and remove the upload", env) == 0
    env = {"GH_TOKEN": "t", "GH_REPO": "nhs/francis-progress", "PR": "7", "RUN_URL": run_url}
    assert second.run("report", "Comment on the pull request", env) == 0
    return first, second, code


def test_an_edited_workbook_updates_the_data_and_says_what_changes(repo: Path, tmp_path: Path) -> None:
    upload(repo, {("Status", 2): "Complete", ("Progress", 2): "Done in March 2014."})
    first, second, code = both_jobs(repo, tmp_path)
    assert code == 0 and first.outputs() == {"ok": "true"}
    assert git(repo, "log", "-1", "--format=%s").strip() == "Import the uploaded plan"
    changed = git(repo, "show", "--stat", "--format=", "HEAD")
    assert f"data/organisations/{NL}.yaml" in changed and f"imports/{NL}.xlsx" in changed
    diff = git(repo, "show", "--format=", "-U0", "HEAD", "--", f"data/organisations/{NL}.yaml")
    assert [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")] == [
        "-            status: not-rated",
        "-            text: Presented to Governing Body February 2014",
        "+            status: complete",
        "+            text: Done in March 2014.",
    ]
    assert not (repo / "imports" / f"{NL}.xlsx").exists()
    comment = (second.log.parent / "comment.md").read_text(encoding="utf-8")
    assert "**It has been imported.**" in comment
    assert "- Recommendation 1, Action 1.1: status Not rated to Complete (reported February 2014)" in comment
    assert "- `/organisations/north-lincolnshire-ccg/`\n- `/recommendations/1/`" in comment
    assert "[this check's page](https://github.com/nhs/francis-progress/actions/runs/42)" in comment
    assert first.summary.read_text(encoding="utf-8") == comment  # the same words in the run's summary


def test_a_broken_workbook_gets_its_problems_row_by_row_and_nothing_is_committed(repo: Path, tmp_path: Path) -> None:
    upload(repo, {("Status", 3): "Purple", ("Recommendation", 4): "291"})
    head = git(repo, "rev-parse", "HEAD")
    first, second, code = both_jobs(repo, tmp_path)
    assert code == 0 and first.outputs() == {"ok": "false"}  # the step says so; the next one fails the job
    assert first.run("import", "Fail if the upload could not be imported", {}) == 1
    assert git(repo, "rev-parse", "HEAD") == head
    assert json.loads((second.temp / "inbox" / "result.json").read_text()) == {"ok": False, "files": [], "remove": []}
    comment = (second.log.parent / "comment.md").read_text(encoding="utf-8")
    assert "**It could not be imported yet.** Nothing has been changed." in comment
    assert (
        f'- {NL}.xlsx, sheet "Plan", row 3, column "Status": found "Purple"; expected a status from the Statuses '
        "sheet: Complete, Green: on track, Amber: some risk, Red: off track, Not started, Deferred, Not "
        "applicable, Not rated"
    ) in comment
    assert f'- {NL}.xlsx, sheet "Plan", row 4, column "Recommendation": found "291"; expected a whole number' in comment
    calls = [json.loads(line)[:2] for line in second.log.read_text().splitlines()]
    assert calls == [["pr", "comment"]]  # no commit


def test_an_unedited_export_changes_nothing(repo: Path, tmp_path: Path) -> None:
    upload(repo, {})
    _first, second, code = both_jobs(repo, tmp_path)
    assert code == 0
    assert git(repo, "diff", "HEAD~2", "HEAD", "--", "data") == ""  # the data is byte for byte as it was
    assert not (repo / "imports" / f"{NL}.xlsx").exists()  # only the upload went
    comment = (second.log.parent / "comment.md").read_text(encoding="utf-8")
    assert "**The workbook says what the site already says**, so nothing changes." in comment


def test_the_report_job_refuses_an_artifact_that_names_other_files(repo: Path, tmp_path: Path) -> None:
    runner = Runner(repo, tmp_path / "report")
    inbox = runner.temp / "inbox"
    (inbox / "files" / ".github" / "workflows").mkdir(parents=True)
    (inbox / "files" / ".github" / "workflows" / "evil.yml").write_text("on: push\n", encoding="utf-8")
    result = {"ok": True, "files": [".github/workflows/evil.yml"], "remove": []}
    (inbox / "result.json").write_text(json.dumps(result), encoding="utf-8")
    env = {"GH_TOKEN": "t", "REPOSITORY": "nhs/francis-progress", "BRANCH": "patch-1", "HEAD_SHA": "x"}
    assert runner.run("report", "Commit the data file and remove the upload", env) == 1
    assert not runner.log.exists()  # gh was never called


def test_the_steps_are_as_the_workflow_says() -> None:
    # The commit is made through the API by a job that checks nothing out and runs no file of the pull
    # request; the job that runs them has a read-only token.
    report = WORKFLOW["jobs"]["report"]
    assert all("checkout" not in s.get("uses", "") for s in report["steps"])
    assert WORKFLOW["jobs"]["import"]["permissions"] == {"contents": "read"}
    assert "github.event.pull_request.head.repo.full_name == github.repository" in report["if"]
    assert textwrap.dedent(step("report", "Comment on the pull request")["run"]).count("gh pr comment") == 1
