"""A release freezes the statements it publishes: the steps of .github/workflows/publish.yml run as GitHub
runs them (bash, GitHub's environment variables), on a temporary git repository of the real data, with a
stand-in for `gh` that answers and applies the API calls the way GitHub would."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT
from .test_inbox import git, repo  # noqa: F401 - `repo` is a fixture

PUBLISH = ROOT / ".github" / "workflows" / "publish.yml"
WORKFLOW = yaml.load(PUBLISH.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
REPOSITORY, TAG, SITE_URL = "nhs/francis-progress", "v1.4.0", "https://francis.example.nhs.uk/"
PAST = [str(year) for year in range(2013, dt.date.today().year)]  # the real data's first report is of 2013
FREEZE = "Freeze the statements this release publishes"
PROPOSE = "Open a pull request that archives them"

FAKE_GH = """\
#!{python}
# A stand-in for GitHub's command line on the repository FAKE_GH_REPO: it records each call and answers
# the calls the freeze job makes as GitHub's API would (the --jq filters included).
import base64, json, os, pathlib, subprocess, sys

args = sys.argv[1:]
log = pathlib.Path(os.environ["FAKE_GH_LOG"])
with log.open("a") as handle:
    handle.write(json.dumps(args) + "\\n")
repo = pathlib.Path(os.environ["FAKE_GH_REPO"])
prefix = "repos/{repository}/"


def git(*command):
    return subprocess.run(["git", *command], cwd=repo, capture_output=True, text=True, check=True).stdout


def names(ref, folder):
    return [line.split("\\t")[1] for line in git("ls-tree", f"{{ref}}:{{folder}}").splitlines()]


if args[:2] == ["api", prefix + "git/ref/heads/main"]:
    print(git("rev-parse", "main").strip())
elif args[0] == "api" and args[1].startswith(prefix + "contents/"):
    folder, ref = args[1].removeprefix(prefix + "contents/").split("?ref=")
    shown = names(ref, folder)
    print("\\n".join(n for n in shown if n == "statements" or folder != "data"))
elif args[:2] == ["api", prefix + "git/refs"]:
    fields = dict(args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "-f")
    git("branch", fields["ref"].removeprefix("refs/heads/"), fields["sha"])
elif args[:4] == ["api", "graphql", "--input", "-"]:
    change = json.loads(sys.stdin.read())["variables"]["input"]
    branch = change["branch"]["branchName"]
    if change["expectedHeadOid"] != git("rev-parse", branch).strip():
        sys.exit("the branch has moved")
    git("checkout", "-q", branch)
    for added in change["fileChanges"]["additions"]:
        (repo / added["path"]).parent.mkdir(parents=True, exist_ok=True)
        (repo / added["path"]).write_bytes(base64.b64decode(added["contents"]))
    git("add", "-A")
    git("-c", "user.name=GitHub", "-c", "user.email=g@example.invalid", "commit", "-qm", change["message"]["headline"])
    print(json.dumps({{"data": {{"createCommitOnBranch": {{"commit": {{"oid": git("rev-parse", "HEAD").strip()}}}}}}}}))
    git("checkout", "-q", "main")
elif args[:2] == ["pr", "create"]:
    (log.parent / "pull-request.md").write_text(pathlib.Path(args[args.index("--body-file") + 1]).read_text())
else:
    sys.exit(f"gh {{args}}: not a call the freeze job makes")
"""


def step(job: str, name: str) -> dict[str, Any]:
    return next(s for s in WORKFLOW["jobs"][job]["steps"] if s.get("name") == name)


class Runner:
    """A runner for one job: its temporary folder, its step summary, and `gh` as the stand-in."""

    def __init__(self, folder: Path, github: Path) -> None:
        self.temp, self.summary, self.log = folder / "runner-temp", folder / "step-summary", folder / "gh.log"
        self.temp.mkdir(parents=True)
        bin_dir = folder / "bin"
        bin_dir.mkdir()
        (bin_dir / "gh").write_text(FAKE_GH.format(python=sys.executable, repository=REPOSITORY), encoding="utf-8")
        (bin_dir / "gh").chmod(0o755)
        self.env = {
            **os.environ,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_STEP_SUMMARY": str(self.summary),
            "FAKE_GH_LOG": str(self.log),
            "FAKE_GH_REPO": str(github),
        }

    def run(self, job: str, name: str, workspace: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        script = self.temp.parent / "step.sh"
        script.write_text(step(job, name)["run"], encoding="utf-8")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
        return subprocess.run(command, cwd=workspace, env={**self.env, **env}, capture_output=True, text=True)

    def calls(self) -> list[list[str]]:
        return [json.loads(line) for line in self.log.read_text().splitlines()] if self.log.exists() else []


def build_job(repo: Path, tmp_path: Path) -> Runner:  # noqa: F811
    """The release's build job, from its freeze step on, in a clone of the tagged commit."""
    workspace = tmp_path / "build-workspace"
    subprocess.run(["git", "clone", "-q", str(repo), str(workspace)], check=True)
    (workspace / ".venv").symlink_to(ROOT / ".venv")
    runner = Runner(tmp_path / "build", repo)
    done = runner.run("build", FREEZE, workspace, {"SITE_URL": SITE_URL})
    assert done.returncode == 0, done.stderr
    return runner


def propose(repo: Path, tmp_path: Path, built: Runner | None) -> tuple[Runner, subprocess.CompletedProcess[str]]:  # noqa: F811
    """The freeze job, after the deploy, on a fresh runner in an empty workspace, with the build's artifact."""
    runner = Runner(tmp_path / "freeze", repo)
    if built is not None and any((built.temp / "frozen").rglob("*")):
        shutil.copytree(built.temp / "frozen", runner.temp / "frozen")  # download-artifact
    fresh = tmp_path / "freeze-workspace"
    fresh.mkdir()
    env = {"GH_TOKEN": "t", "REPOSITORY": REPOSITORY, "DEFAULT_BRANCH": "main", "TAG": TAG}
    return runner, runner.run("freeze", PROPOSE, fresh, env)


def test_a_release_proposes_each_past_years_statement_as_it_published_it(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    built = build_job(repo, tmp_path)
    artifact = sorted(p.relative_to(built.temp / "frozen").as_posix() for p in (built.temp / "frozen").rglob("*.*"))
    assert artifact == [f"data/statements/{y}/statement.{kind}" for y in PAST for kind in ("html", "pdf", "yaml")]
    main = git(repo, "rev-parse", "main").strip()
    runner, done = propose(repo, tmp_path, built)
    assert done.returncode == 0, done.stderr
    branch = f"frozen-statements-{TAG}"
    assert [call[:2] for call in runner.calls()] == [
        ["api", f"repos/{REPOSITORY}/git/ref/heads/main"],
        ["api", f"repos/{REPOSITORY}/contents/data?ref={main}"],
        ["api", f"repos/{REPOSITORY}/git/refs"],
        *[["api", "graphql"]] * len(PAST),  # a commit for each year
        ["pr", "create"],
    ]
    create = runner.calls()[-1]
    assert create[create.index("--head") + 1] == branch and create[create.index("--base") + 1] == "main"
    assert git(repo, "rev-parse", "main").strip() == main  # the default branch is not touched
    # A commit a year on the new branch, from the default branch's head, holding exactly the frozen files.
    headlines = git(repo, "log", "--reverse", "--format=%s", f"main..{branch}").splitlines()
    assert headlines == [f"Freeze the statement of {year}" for year in PAST]
    assert sorted(git(repo, "diff", "--name-only", "main", branch).split()) == artifact
    for path in artifact:
        shown = subprocess.run(["git", "show", f"{branch}:{path}"], cwd=repo, capture_output=True, check=True)
        assert shown.stdout == (built.temp / "frozen" / path).read_bytes()
    body = (runner.log.parent / "pull-request.md").read_text()
    assert f"Release {TAG} published the statements of {', '.join(PAST)}" in body
    assert "close and reopen this one to run them" in body
    # Merged, the branch leaves no year that is over unfrozen, and builds read its archive.
    checkout = tmp_path / "merged"
    subprocess.run(["git", "clone", "-q", "-b", branch, str(repo), str(checkout)], check=True)
    again = [sys.executable, "-m", "generator", "--data", str(checkout / "data"), "freeze", "--past"]
    said = subprocess.run(again, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SITE_URL": SITE_URL})
    assert said.returncode == 0, said.stderr
    assert said.stdout.startswith("Every year that is over has its statement frozen (as at ")


def test_a_year_frozen_on_the_default_branch_since_the_tag_is_left_as_it_is(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    built = build_job(repo, tmp_path)
    # After the tag, a maintainer froze the first year by hand on main.
    first = f"data/statements/{PAST[0]}"
    shutil.copytree(built.temp / "frozen" / first, repo / first)
    (repo / first / "statement.yaml").write_text("# frozen by hand\n" + (repo / first / "statement.yaml").read_text())
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"Freeze {PAST[0]}")
    runner, done = propose(repo, tmp_path, built)
    assert done.returncode == 0, done.stderr
    assert ["api", f"repos/{REPOSITORY}/contents/data/statements?ref={git(repo, 'rev-parse', 'main').strip()}"] == (
        runner.calls()[2][:2]
    )
    changed = git(repo, "diff", "--name-only", "main", f"frozen-statements-{TAG}").split()
    assert changed and not [path for path in changed if path.startswith(first + "/")]
    assert {path.split("/")[2] for path in changed} == set(PAST[1:])
    assert f"the statements of {', '.join(PAST[1:])}:" in (runner.log.parent / "pull-request.md").read_text()


def test_nothing_to_freeze_opens_no_pull_request(repo: Path, tmp_path: Path) -> None:  # noqa: F811
    runner, done = propose(repo, tmp_path, None)  # no artifact: the build froze nothing
    assert done.returncode == 0, done.stderr
    assert [call[0:2] for call in runner.calls()][2:] == []  # only the two questions about the default branch
    assert runner.summary.read_text() == "Every year that is over has its statement frozen already.\n"


@pytest.mark.parametrize("name", ["data/statements/2014/run-me.sh", ".github/workflows/evil.yml"])
def test_an_artifact_naming_any_other_file_is_refused(repo: Path, tmp_path: Path, name: str) -> None:  # noqa: F811
    built = Runner(tmp_path / "build", repo)
    (built.temp / "frozen" / name).parent.mkdir(parents=True)
    (built.temp / "frozen" / name).write_text("x", encoding="utf-8")
    runner, done = propose(repo, tmp_path, built)
    assert done.returncode != 0
    assert "the frozen statements name a file that freeze does not write" in done.stderr
    assert len(runner.calls()) == 2  # no branch, no commit, no pull request
    assert git(repo, "branch", "--list").split() == ["*", "main"]


def test_the_freeze_job_runs_after_the_deploy_of_a_release_only() -> None:
    job = WORKFLOW["jobs"]["freeze"]
    assert job["needs"] == "deploy" and job["if"] == "github.event_name == 'release'"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert not [s for s in job["steps"] if "actions/checkout" in s.get("uses", "")]  # it runs none of the files
    steps = [s.get("name", s.get("uses")) for s in WORKFLOW["jobs"]["build"]["steps"]]
    assert steps.index("Build the site") < steps.index(FREEZE) < steps.index("Keep the frozen statements")
