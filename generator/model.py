"""The trusted data model, built only from data that passed validation."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import statuses
from .dates import period_end, read_timescale

NOT_RATED = "not-rated"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str = ""
    notes: str = ""


@dataclass
class Recommendation:
    number: int
    title: str = ""
    title_source: str = ""
    theme: str = ""
    text: str = ""
    text_source: str = ""
    government_response: str = "unknown"
    government_response_source: str = ""
    responses: list[Response] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"Recommendation {self.number}" + (f": {self.title}" if self.title else "")


@dataclass(frozen=True)
class Report:
    id: str
    title: str
    date: str  # ISO date, month or year, as given
    body: str = ""
    date_basis: str = "stated"
    date_note: str = ""
    source_file: str = ""
    url: str = ""
    notes: str = ""

    @cached_property
    def as_at(self) -> dt.date:
        """Where a report gives only a month or year, it speaks for the whole of that period."""
        return period_end(self.date)


@dataclass(frozen=True)
class Progress:
    report: Report
    status: str
    status_as_written: str = ""
    text: str = ""
    assessed_by: str = ""
    date: str = ""

    @cached_property
    def as_at(self) -> dt.date:
        return period_end(self.date) if self.date else self.report.as_at

    @property
    def when(self) -> str:
        """The date as precise as the source gives it (ISO date, month or year)."""
        return self.date or self.report.date


@dataclass
class Action:
    description: str
    ref: str = ""
    summary: str = ""
    key_area: str = ""
    lead: str = ""
    timescale: str = ""
    due: dt.date | None = None
    outcome: str = ""
    evidence: str = ""
    tags: tuple[str, ...] = ()
    progress: tuple[Progress, ...] = ()
    _timeline: Timeline = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._timeline = Timeline(self.progress)

    def latest(self, as_at: dt.date | None = None) -> Progress | None:
        return self._timeline.latest(as_at)

    def status(self, as_at: dt.date | None = None) -> str:
        # Inlined Timeline.latest: statements ask this five million times at national scale.
        timeline = self._timeline
        found = len(timeline.dates) if as_at is None else bisect_right(timeline.dates, as_at)
        return timeline.entries[found - 1].status if found else NOT_RATED


@dataclass
class Response:
    organisation: Organisation
    recommendation: int
    report: Report
    number_note: str = ""  # why the number was inferred, where the document does not show it
    theme: str = ""
    quoted_text: str = ""
    government_response: str = ""
    position: str = ""
    tags: tuple[str, ...] = ()
    progress: tuple[Progress, ...] = ()
    actions: list[Action] = field(default_factory=list)
    line: int = 0  # where the response starts in its file, for messages
    _statuses: dict[dt.date | None, str] = field(default_factory=dict, repr=False, compare=False)
    _timeline: Timeline = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._timeline = Timeline(self.progress)

    def status(self, as_at: dt.date | None = None) -> str:
        """The response's own latest rating, else the least advanced rating among its actions."""
        if as_at not in self._statuses:
            self._statuses[as_at] = self._status(as_at)
        return self._statuses[as_at]

    def _status(self, as_at: dt.date | None) -> str:
        own = self._timeline.latest(as_at)
        if own:
            return own.status
        rated = [a.status(as_at) for a in self.actions]
        progressed = [s for s in rated if s in statuses.PROGRESS_ORDER]
        if progressed:
            least = min(progressed, key=statuses.PROGRESS_ORDER.index)
            # Complete means every action is done: one left unrated cannot be assumed complete.
            if least == "complete" and NOT_RATED in rated:
                return NOT_RATED
            return least
        for fallback in ("deferred", "not-applicable"):
            if rated and all(s in (fallback, NOT_RATED) for s in rated) and fallback in rated:
                return fallback
        return NOT_RATED


@dataclass
class Organisation:
    code: str
    name: str
    short_name: str
    kind: str
    region: str
    website: str = ""
    reports: list[Report] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)

    @property
    def latest_report(self) -> Report:
        return max(self.reports, key=lambda r: r.as_at)

    def reporting_status(self, as_at: dt.date) -> str:
        dated = [r.as_at for r in self.reports if r.as_at <= as_at]
        if not dated:
            return "not-reported"
        return "reported" if max(dated) > _year_before(as_at) else "overdue"

    @property
    def action_count(self) -> int:
        return sum(len(r.actions) for r in self.responses)


@dataclass
class Dataset:
    recommendations: list[Recommendation]  # index = number - 1
    organisations: list[Organisation]  # sorted by short name
    sources: dict[str, Source]

    def recommendation(self, number: int) -> Recommendation:
        return self.recommendations[number - 1]

    def organisation(self, code: str) -> Organisation:
        return next(o for o in self.organisations if o.code == code)


class Timeline:
    """Progress entries in date order, so "the latest as at a date" is a binary search. Statements ask it
    for every action at every year end: millions of questions at national scale."""

    __slots__ = ("dates", "entries")

    def __init__(self, entries: tuple[Progress, ...]) -> None:
        # Of entries with the same date, the first given counts (as max() would pick): it sorts last here.
        order = sorted(range(len(entries)), key=lambda i: (entries[i].as_at, -i))
        self.entries = [entries[i] for i in order]
        self.dates = [e.as_at for e in self.entries]

    def latest(self, as_at: dt.date | None) -> Progress | None:
        if not self.entries:
            return None
        if as_at is None:
            return self.entries[-1]
        found = bisect_right(self.dates, as_at)
        return self.entries[found - 1] if found else None


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def build(catalogue: dict[str, Any], organisations: list[dict[str, Any]]) -> Dataset:
    """Turn validated raw data into the model. Assumes check() found no errors."""
    sources = {
        key: Source(key, value["title"], value.get("url", ""), value.get("notes", ""))
        for key, value in catalogue["sources"].items()
    }
    recs = sorted(
        (
            Recommendation(
                number=r["number"],
                title=_text(r.get("title")),
                title_source=_text(r.get("title_source")),
                theme=_text(r.get("theme")),
                text=_text(r.get("text")),
                text_source=_text(r.get("text_source")),
                government_response=r.get("government_response") or "unknown",
                government_response_source=_text(r.get("government_response_source")),
            )
            for r in catalogue["recommendations"]
        ),
        key=lambda r: r.number,
    )
    orgs = [_organisation(data) for data in organisations]
    orgs.sort(key=lambda o: o.short_name.lower())
    for org in orgs:
        for response in org.responses:
            recs[response.recommendation - 1].responses.append(response)
    for rec in recs:
        rec.responses.sort(key=lambda r: r.organisation.short_name.lower())
    return Dataset(recs, orgs, sources)


def _organisation(data: dict[str, Any]) -> Organisation:
    org = Organisation(
        code=data["code"],
        name=_text(data["name"]),
        short_name=_text(data["short_name"]),
        kind=data["kind"],
        region=_text(data["region"]),
        website=_text(data.get("website")),
    )
    reports = {
        r["id"]: Report(
            id=r["id"],
            title=_text(r["title"]),
            date=str(r["date"]),
            body=_text(r.get("body")),
            date_basis=r.get("date_basis") or "stated",
            date_note=_text(r.get("date_note")),
            source_file=_text(r.get("source_file")),
            url=_text(r.get("url")),
            notes=_text(r.get("notes")),
        )
        for r in data["reports"]
    }
    org.reports = sorted(reports.values(), key=lambda r: r.as_at)
    for raw in data.get("responses") or []:
        org.responses.append(
            Response(
                organisation=org,
                recommendation=raw["recommendation"],
                report=reports[raw["report"]],
                number_note=_text(raw.get("recommendation_note"))
                if raw.get("recommendation_basis") == "inferred"
                else "",
                theme=_text(raw.get("theme")),
                quoted_text=_text(raw.get("quoted_text")),
                government_response=_text(raw.get("government_response")),
                position=_text(raw.get("position")),
                tags=tuple(_text(t) for t in raw.get("tags") or ()),
                progress=_progress(raw.get("progress"), reports),
                actions=[_action(a, reports) for a in raw.get("actions") or []],
                line=getattr(raw, "line", 0),
            )
        )
    org.responses.sort(key=lambda r: r.recommendation)
    return org


def _action(raw: dict[str, Any], reports: dict[str, Report]) -> Action:
    timescale = _text(raw.get("timescale"))
    due = period_end(raw["due"]) if raw.get("due") else read_timescale(timescale)
    return Action(
        description=_text(raw["description"]),
        ref=_text(raw.get("ref")),
        summary=_text(raw.get("summary")),
        key_area=_text(raw.get("key_area")),
        lead=_text(raw.get("lead")),
        timescale=timescale,
        due=due,
        outcome=_text(raw.get("outcome")),
        evidence=_text(raw.get("evidence")),
        tags=tuple(_text(t) for t in raw.get("tags") or ()),
        progress=_progress(raw.get("progress"), reports),
    )


def _progress(raw: list[dict[str, Any]] | None, reports: dict[str, Report]) -> tuple[Progress, ...]:
    return tuple(
        Progress(
            report=reports[p["report"]],
            status=p["status"],
            status_as_written=_text(p.get("status_as_written")),
            text=_text(p.get("text")),
            assessed_by=_text(p.get("assessed_by")),
            date=_text(p.get("date")),
        )
        for p in raw or []
    )


def _text(value: Any) -> str:
    """Validated text; whole numbers typed without quotes are kept as their digits."""
    return "" if value is None else str(value).strip()
