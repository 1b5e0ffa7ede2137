"""What changed in the data between two versions: organisations, responses, actions, statuses, text.

Versions come from git: a release is a tag; `changes --since REF` compares REF with the working tree.
Everything is sorted, so the same data and tags always give the same entries.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from . import statuses
from .dates import show_partial
from .model import Action, Dataset, Organisation, Progress, Response
from .pipeline import load_dataset

RESPONSE_FIELDS = ("theme", "quoted_text", "government_response", "position", "tags")
ACTION_FIELDS = ("summary", "key_area", "description", "lead", "timescale", "outcome", "evidence", "tags")


@dataclass(frozen=True)
class Change:
    organisation: str  # code
    recommendation: int  # 0 for the organisation as a whole
    what: str  # "organisation", "response", "Action 1.2"
    kind: str  # added, removed, status, edited
    detail: str  # words for people
    organisation_name: str = ""

    @property
    def pages(self) -> list[str]:
        """The pages this change affects, relative to the site root."""
        pages = [f"organisations/{self.organisation}/"] if self.organisation else []
        if self.recommendation:
            pages.append(f"recommendations/{self.recommendation}/")
        return pages


class HistoryError(Exception):
    """A version of the data could not be read (not a git repository, unknown ref, shallow clone)."""


def _label(code: str) -> str:
    return statuses.label(statuses.IMPLEMENTATION, code)


def _action_key(action: Action, index: int) -> str:
    return f"Action {action.ref}" if action.ref else f"Action {index}"


def _status_change(before: str, after: str, as_at: str) -> str:
    return f"status {_label(before)} to {_label(after)} (reported {show_partial(as_at)})"


def diff(old: Dataset | None, new: Dataset) -> list[Change]:
    """The changes from old to new (old None: everything in new is added)."""
    changes: list[Change] = _catalogue_changes(old, new) if old else []
    old_orgs = {o.code: o for o in old.organisations} if old else {}
    new_orgs = {o.code: o for o in new.organisations}
    for code in sorted(set(old_orgs) | set(new_orgs)):
        before, after = old_orgs.get(code), new_orgs.get(code)
        if before is None and after is not None:
            changes.append(
                Change(code, 0, "organisation", "added", f"added, with {len(after.responses)} responses", after.name)
            )
        elif after is None and before is not None:
            changes.append(Change(code, 0, "organisation", "removed", "removed", before.name))
        elif before is not None and after is not None:
            changes += _organisation_changes(before, after)
    return sorted(changes, key=_order)


KINDS = ("added", "removed", "status", "edited")


def _order(change: Change) -> tuple[str, int, int, str, int]:
    """By organisation, recommendation, the response before its actions, then added, removed, status, edits."""
    whole = change.what in ("organisation", "response", "recommendation")
    return (change.organisation, change.recommendation, 0 if whole else 1, change.what, KINDS.index(change.kind))


CATALOGUE = "Recommendations"  # shown as the heading of catalogue changes


def _catalogue_changes(old: Dataset, new: Dataset) -> list[Change]:
    changes = []
    for before, after in zip(old.recommendations, new.recommendations, strict=True):
        notes = []
        if before.text != after.text:
            notes.append("text added" if not before.text else "text removed" if not after.text else "text changed")
        for field, words in (("title", "heading"), ("theme", "theme")):
            if getattr(before, field) != getattr(after, field):
                notes.append(f"{words} changed")
        if before.government_response != after.government_response:
            label = statuses.label(statuses.GOVERNMENT_RESPONSE, after.government_response)
            notes.append(f"Government response recorded as {label}")
        if notes:
            changes.append(Change("", after.number, "recommendation", "edited", "; ".join(notes), CATALOGUE))
    return changes


def _organisation_changes(before: Organisation, after: Organisation) -> list[Change]:
    changes: list[Change] = []
    name = after.name
    new_reports = sorted({r.id for r in after.reports} - {r.id for r in before.reports})
    for report_id in new_reports:
        report = next(r for r in after.reports if r.id == report_id)
        detail = f'new report "{report.title}" ({show_partial(report.date)})'
        changes.append(Change(after.code, 0, "organisation", "added", detail, name))
    old_responses = {r.recommendation: r for r in before.responses}
    new_responses = {r.recommendation: r for r in after.responses}
    for number in sorted(set(old_responses) | set(new_responses)):
        old, new = old_responses.get(number), new_responses.get(number)
        if old is None and new is not None:
            actions = len(new.actions)
            detail = f"response added, with {actions} action{'s' if actions != 1 else ''}"
            changes.append(Change(after.code, number, "response", "added", detail, name))
        elif new is None:
            changes.append(Change(after.code, number, "response", "removed", "response removed", name))
        elif old is not None:
            changes += _response_changes(old, new)
    return changes


def _latest_date(entries: tuple[Progress, ...], fallback: str) -> str:
    return max((e.when for e in entries), default=fallback)


def _response_changes(old: Response, new: Response) -> list[Change]:
    code, number, name = new.organisation.code, new.recommendation, new.organisation.name
    changes: list[Change] = []
    if old.status() != new.status():
        when = _latest_date(new.progress, new.organisation.latest_report.date)
        detail = _status_change(old.status(), new.status(), when)
        changes.append(Change(code, number, "response", "status", detail, name))
    edited = [f for f in RESPONSE_FIELDS if getattr(old, f) != getattr(new, f)]
    if edited:
        changes.append(Change(code, number, "response", "edited", "edited: " + ", ".join(edited), name))
    old_actions = {_action_key(a, i): a for i, a in enumerate(old.actions, start=1)}
    new_actions = {_action_key(a, i): a for i, a in enumerate(new.actions, start=1)}
    for key in sorted(set(old_actions) | set(new_actions)):
        before, after = old_actions.get(key), new_actions.get(key)
        if before is None and after is not None:
            changes.append(Change(code, number, key, "added", f"action added ({_label(after.status())})", name))
        elif after is None:
            changes.append(Change(code, number, key, "removed", "action removed", name))
        elif before is not None:
            if before.status() != after.status():
                when = _latest_date(after.progress, new.organisation.latest_report.date)
                detail = _status_change(before.status(), after.status(), when)
                changes.append(Change(code, number, key, "status", detail, name))
            fields = [f for f in ACTION_FIELDS if getattr(before, f) != getattr(after, f)]
            if [p.text for p in before.progress] != [p.text for p in after.progress]:
                fields.append("progress")
            if fields:
                changes.append(Change(code, number, key, "edited", "edited: " + ", ".join(fields), name))
    return changes


# ----- versions from git -----


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


def load_at(root: Path, ref: str, today: dt.date) -> Dataset | None:
    """The data as it was at a git ref; None where the data folder did not exist yet."""
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
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        outcome = load_dataset(Path(folder) / "data", today)
    if outcome.dataset is None:
        raise HistoryError(f"the data at {ref} is not valid: {outcome.errors[0]}")
    return outcome.dataset


@dataclass(frozen=True)
class Release:
    tag: str
    date: dt.date
    changes: tuple[Change, ...]
    previous: str  # the tag it is compared with, "" for the first release


def releases(root: Path, today: dt.date) -> list[Release]:
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
        data = load_at(root, tag, today)
        if data is None:
            continue
        found.append(Release(tag, dt.date.fromisoformat(date), tuple(diff(previous_data, data)), previous_tag))
        previous_tag, previous_data = tag, data
    return list(reversed(found))


def as_text(changes: list[Change], markdown: bool = False) -> str:
    """For a terminal, or Markdown for a pull request summary."""
    if not changes:
        return "No changes to the data.\n"
    lines: list[str] = []
    current: str | None = None
    for change in changes:
        if change.organisation != current:
            current = change.organisation
            title = change.organisation_name or change.organisation
            lines += ["", f"### {title}" if markdown else title]
        where = f"Recommendation {change.recommendation}" if change.recommendation else "Organisation"
        if change.what not in ("organisation", "response", "recommendation"):
            where += f", {change.what}"
        lines.append(f"- {where}: {change.detail}" if markdown else f"  {where}: {change.detail}")
    counts = summary(changes)
    head = f"## Data changes\n\n{counts}" if markdown else counts
    return head + "\n" + "\n".join(lines) + "\n"


def summary(changes: list[Change] | tuple[Change, ...]) -> str:
    by_kind: dict[str, int] = {}
    for change in changes:
        by_kind[change.kind] = by_kind.get(change.kind, 0) + 1
    parts = [f"{by_kind[k]} {k}" for k in ("added", "removed", "status", "edited") if k in by_kind]
    parts = [p.replace(" status", " status changes").replace(" edited", " edits") for p in parts]
    organisations = len({c.organisation for c in changes if c.organisation})
    total = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
    where = f"{organisations} organisation{'s' if organisations != 1 else ''}"
    return f"{total} ({where}): " + ", ".join(parts) + "."


@dataclass(frozen=True)
class History:
    """The releases for the change log, or why they could not be worked out."""

    releases: tuple[Release, ...] = ()
    problem: str = ""

    def for_page(self, page: str) -> list[tuple[Release, Change]]:
        return [(r, c) for r in self.releases for c in r.changes if page in c.pages]


def history(data_dir: Path, today: dt.date) -> History:
    try:
        root = Path(git(data_dir, "rev-parse", "--show-toplevel").strip())
        return History(tuple(releases(root, today)))
    except HistoryError as exc:
        return History(problem=str(exc))


def atom_feed(found: History, site_url: str, site_name: str) -> str:
    """A valid Atom feed of releases, newest first, with absolute links."""
    from xml.sax.saxutils import escape as xml

    base = site_url.rstrip("/") + "/"
    updated = found.releases[0].date if found.releases else dt.date(2013, 2, 6)
    entries = []
    for release in found.releases:
        link = f"{base}changes/#release-{release.tag}"
        words = summary(release.changes) if release.changes else "No changes to the data."
        items = "".join(
            f"<li>{xml(c.organisation_name)}: {xml(c.detail)}"
            + (f" (recommendation {c.recommendation})" if c.recommendation else "")
            + "</li>"
            for c in release.changes
        )
        content = f"<p>{xml(words)}</p><ul>{items}</ul>"
        entries.append(
            "  <entry>\n"
            f"    <title>Release {xml(release.tag)}</title>\n"
            f"    <id>{xml(link)}</id>\n"
            f'    <link rel="alternate" type="text/html" href="{xml(link)}"/>\n'
            f"    <updated>{release.date.isoformat()}T00:00:00Z</updated>\n"
            f"    <summary>{xml(words)}</summary>\n"
            f'    <content type="html">{xml(content)}</content>\n'
            "  </entry>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{xml(site_name)}: releases</title>\n"
        f"  <subtitle>What changed in the data in each release.</subtitle>\n"
        f"  <id>{xml(base)}changes/</id>\n"
        f'  <link rel="self" type="application/atom+xml" href="{xml(base)}changes/feed.xml"/>\n'
        f'  <link rel="alternate" type="text/html" href="{xml(base)}changes/"/>\n'
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
        f"  <author><name>{xml(site_name)}</name></author>\n" + "".join(entries) + "</feed>\n"
    )
