"""What changed in the data between two versions: organisations, responses, actions, statuses, text.

The text fields compared are those the schema marks `compared` (model/records.py). Everything is sorted,
so the same data always gives the same entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import urls
from ..model import statuses
from ..model.dates import show, show_partial
from ..model.fields import spec_of
from ..model.records import Action, Dataset, Organisation, Progress, Response

RESPONSE_FIELDS = tuple(s.name for s in spec_of(Response) if s.compared)
ACTION_FIELDS = tuple(s.name for s in spec_of(Action) if s.compared)


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
        pages = [urls.organisation(self.organisation)] if self.organisation else []
        if self.recommendation:
            pages.append(urls.recommendation(self.recommendation))
        return pages


def _label(code: str) -> str:
    return statuses.label(statuses.IMPLEMENTATION, code)


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
    for what, detail in _closure(before, after):
        changes.append(Change(after.code, 0, "organisation", what, detail, name))
    fallback = after.latest_report.date if after.latest_report else ""
    old_plan = {a.label: a for a in before.actions}
    new_plan = {a.label: a for a in after.actions}
    changes += _action_changes(after.code, 0, name, old_plan, new_plan, fallback)
    return changes


def _closure(before: Organisation, after: Organisation) -> list[tuple[str, str]]:
    found = []
    if before.closed != after.closed and after.closed:
        found.append(("edited", f"closed on {show(after.closed)}"))
    if before.succeeded_by != after.succeeded_by and after.succeeded_by:
        found.append(("edited", f"succeeded by {after.succeeded_by}"))
    return found


def _latest_date(entries: tuple[Progress, ...], fallback: str) -> str:
    return max((e.when for e in entries), default=fallback)


def _response_changes(old: Response, new: Response) -> list[Change]:
    code, number, name = new.organisation.code, new.recommendation, new.organisation.name
    changes: list[Change] = []
    latest = new.organisation.latest_report
    fallback = latest.date if latest else new.report.date
    if old.status() != new.status():
        when = _latest_date(new.progress, fallback)
        detail = _status_change(old.status(), new.status(), when)
        changes.append(Change(code, number, "response", "status", detail, name))
    edited = [f for f in RESPONSE_FIELDS if getattr(old, f) != getattr(new, f)]
    if edited:
        changes.append(Change(code, number, "response", "edited", "edited: " + ", ".join(edited), name))
    old_actions = {a.name(i): a for i, a in enumerate(old.actions, start=1)}
    new_actions = {a.name(i): a for i, a in enumerate(new.actions, start=1)}
    return changes + _action_changes(code, number, name, old_actions, new_actions, fallback)


def _action_changes(
    code: str,
    number: int,
    name: str,
    old_actions: Mapping[str, Action],
    new_actions: Mapping[str, Action],
    fallback: str,
) -> list[Change]:
    """Actions added, removed, re-rated or edited, by their names (`fallback`: the date of a rating that
    has no date of its own)."""
    changes = []
    for key in sorted(set(old_actions) | set(new_actions)):
        before, after = old_actions.get(key), new_actions.get(key)
        if before is None and after is not None:
            changes.append(Change(code, number, key, "added", f"action added ({_label(after.status())})", name))
        elif after is None:
            changes.append(Change(code, number, key, "removed", "action removed", name))
        elif before is not None:
            if before.status() != after.status():
                when = _latest_date(after.progress, fallback)
                detail = _status_change(before.status(), after.status(), when)
                changes.append(Change(code, number, key, "status", detail, name))
            fields = [f for f in ACTION_FIELDS if getattr(before, f) != getattr(after, f)]
            if [p.text for p in before.progress] != [p.text for p in after.progress]:
                fields.append("progress")
            if fields:
                changes.append(Change(code, number, key, "edited", "edited: " + ", ".join(fields), name))
    return changes
