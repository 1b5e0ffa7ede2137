"""Versions of the data from git: a release is a tag, and the change log compares each release with the
one before it. `changes --since REF` compares REF with the working tree."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from ..data import load_dataset
from ..leftovers import work_folder
from ..model.records import Dataset
from .diff import Change, diff


class HistoryError(Exception):
    """A version of the data could not be read (not a git repository, unknown ref, shallow clone)."""


def _git_command() -> str:
    found = shutil.which("git")
    if not found:
        raise HistoryError("git is not installed")
    return found


def git(root: Path, *args: str) -> str:
    result = subprocess.run([_git_command(), *args], cwd=root, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise HistoryError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def is_shallow(root: Path) -> bool:
    return git(root, "rev-parse", "--is-shallow-repository").strip() == "true"


def load_at(root: Path, ref: str, today: dt.date, work: Path | None = None) -> Dataset | None:
    """The data as it was at a git ref; None where the data folder did not exist yet. `work`: where to
    unpack it (the build's own work folder), else the system's temporary folder."""
    try:
        git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except HistoryError as exc:
        raise HistoryError(f'"{ref}" is not a commit or tag in this repository') from exc
    try:
        archive = subprocess.run(  # noqa: S603
            [_git_command(), "archive", "--format=tar", ref, "data"], cwd=root, capture_output=True, check=True
        ).stdout
    except subprocess.CalledProcessError:
        return None  # no data/ at that ref
    folder = work_folder(work, "history-") if work is not None else Path(tempfile.mkdtemp())
    try:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        outcome = load_dataset(folder / "data", today)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if outcome.dataset is None:
        raise HistoryError(f"the data at {ref} is not valid: {outcome.errors[0]}")
    return outcome.dataset


@dataclass(frozen=True)
class Release:
    tag: str
    date: dt.date
    changes: tuple[Change, ...]
    previous: str  # the tag it is compared with, "" for the first release


def releases(root: Path, today: dt.date, work: Path | None = None) -> list[Release]:
    """Every release (git tag), newest first, with what changed since the one before."""
    if is_shallow(root):
        raise HistoryError(
            "this is a shallow clone, so earlier versions of the data are missing; "
            "fetch the full history (actions/checkout with fetch-depth: 0) to build the change log"
        )
    lines = git(
        root, "for-each-ref", "--sort=creatordate", "--format=%(refname:short)|%(creatordate:short)", "refs/tags"
    ).splitlines()
    found: list[Release] = []
    previous_tag, previous_data = "", None
    for line in lines:
        tag, date = line.split("|", 1)
        data = load_at(root, tag, today, work)
        if data is None:
            continue
        found.append(Release(tag, dt.date.fromisoformat(date), tuple(diff(previous_data, data)), previous_tag))
        previous_tag, previous_data = tag, data
    return list(reversed(found))


@dataclass(frozen=True)
class History:
    """The releases for the change log, or why they could not be worked out."""

    releases: tuple[Release, ...] = ()
    problem: str = ""

    def for_page(self, page: str) -> list[tuple[Release, Change]]:
        return [(r, c) for r in self.releases for c in r.changes if page in c.pages]


def history(data_dir: Path, today: dt.date, work: Path | None = None) -> History:
    try:
        root = Path(git(data_dir, "rev-parse", "--show-toplevel").strip())
        return History(tuple(releases(root, today, work)))
    except HistoryError as exc:
        return History(problem=str(exc))
