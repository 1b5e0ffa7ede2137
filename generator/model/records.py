"""The schema: every record a data file holds, each field declared once with `data(...)`. This file
declares an organisation's file; catalogue.py declares data/recommendations.yaml.

These classes are the model too: what validation accepts is exactly what the model keeps, and the
spreadsheets, open data, change log, search index and docs/data-format.md all read these declarations
(see fields.spec_of). A field declared here with `column=` has a spreadsheet column, with `published`
an open-data column. Attributes declared with plain `field(...)` are worked out by the model, not read
from a file.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from . import statuses
from .catalogue import Catalogue, Recommendation, Source
from .dates import period_end, read_timescale
from .fields import data
from .kinds import Choice, Code, Date, Day, Deadline, Lines, Number, Reference, Text, Url
from .lists import NumberList, Records, TextList
from .provenance import LINES_HELP, Citation, KeyEntry, LeftOut, SourceNote
from .timeline import Timeline

NOT_RATED = statuses.NOT_RATED


@dataclass(kw_only=True, eq=False)
class Report:
    """A document an organisation published: the data about it comes from there."""

    id: str = data(
        Code(), "The report's id within the organisation.", required=True, published="report", example="board-2014-02"
    )
    title: str = data(Text(), "The document's title, as it gives it.", required=True)
    body: str = data(Text(), "The board or meeting that received it.")
    date: str = data(
        Date(), "Its date: YYYY-MM-DD, or YYYY-MM or YYYY where it gives only a month or a year.", required=True
    )
    date_basis: str = data(
        Choice(("stated", "inferred"), fallback="stated"), "stated, or inferred where the document is not dated."
    )
    date_note: str = data(Text(), "Why an inferred date was chosen.")
    source_file: str = data(
        Text(),
        "The document as transcribed, a file in data/sources/: the site publishes it, and each response and "
        "action cites its lines.",
        example="003_cf3087e26c055bee.txt",
    )
    url: str = data(Url(), "Where the original can be read, where known.")
    notes: str = data(Text(), "Anything a reader should know about the document.", published=False)
    status_key: tuple[KeyEntry, ...] = data(
        Records(KeyEntry), "The words the document rates with, what each means, and the site's status for it."
    )
    source_notes: tuple[SourceNote, ...] = data(Records(SourceNote), "What the transcription found about the report.")
    left_out: tuple[LeftOut, ...] = data(
        Records(LeftOut), "What the document holds that the data does not, and why: nothing is dropped unsaid."
    )

    @cached_property
    def as_at(self) -> dt.date:
        """Where a report gives only a month or year, it speaks for the whole of that period."""
        return period_end(self.date)

    @cached_property
    def key(self) -> dict[str, str]:
        """The site's status for each word the document rates with."""
        return {entry.written: entry.status for entry in self.status_key}


REPORT_ID = "the id of one of this file's reports"


@dataclass(kw_only=True, eq=False)
class Progress:
    """A dated status, and what a report said about it."""

    report: Report = data(
        Reference("one of this file's reports"),
        "The report that gave this progress.",
        required=True,
        expected=REPORT_ID,
        column="Progress report",
        example="board-2014-02",
    )
    date: str = data(
        Date(),
        "Only if the progress has its own date: YYYY-MM-DD.",
        column="Progress date",
        published="as_at",
        described="The date it speaks for: the report's date, or the entry's own.",
    )
    status: str = data(
        Choice(statuses.codes(statuses.IMPLEMENTATION)),
        "The site's status for it: " + ", ".join(statuses.codes(statuses.IMPLEMENTATION)) + "; it may be left out "
        "where the report's status_key says what status_as_written means.",
        column="Status",
    )
    status_as_written: str = data(
        Text(),
        "The rating exactly as the document wrote it (G, N/A, Complete...).",
        column="Status as written",
        searched=False,
    )
    text: str = data(Text(), "The progress, as reported.", column="Progress")
    assessed_by: str = data(
        Text(), "Who gave the rating, where not the organisation itself.", column="Assessed by", searched=False
    )

    def __post_init__(self) -> None:
        # Where the document's own key says what its words mean, the status can be left to it.
        self.status = self.status or self.report.key.get(self.status_as_written, NOT_RATED)

    @cached_property
    def as_at(self) -> dt.date:
        return period_end(self.date) if self.date else self.report.as_at

    @property
    def when(self) -> str:
        """The date as precise as the source gives it (ISO date, month or year)."""
        return self.date or self.report.date


@dataclass(kw_only=True, eq=False)
class Action:
    """Something an organisation says it will do."""

    ref: str = data(
        Text(),
        "The document's own number for the action.",
        column="Action ref",
        compared=False,
        searched=False,
        example='"1.1"',
    )
    summary: str = data(Text(), "Summary of the recommendation, as the plan gives it.", column="Summary")
    key_area: str = data(Text(), "Key area, as the plan gives it.", column="Key area")
    description: str = data(Text(), "What will be done.", required=True, column="Action")
    lead: str = data(Text(), "Who leads it.", column="Lead")
    timescale: str = data(
        Text(),
        "Its timescale, as written.",
        column="Timescale",
        example="March 2014 & on-going",
        searched=False,  # dates: found through the pages and the filters, not by typing "March 2014"
    )
    due: dt.date | None = data(
        Deadline(),
        "Only to override the date read from the timescale: YYYY-MM-DD.",
        column="Due date",
        described="The date read from the timescale (the last it names), where one can be read.",
    )
    outcome: str = data(Text(), "The outcome it aims for.", column="Outcome")
    evidence: str = data(Text(), "The evidence it will give.", column="Evidence")
    completed: str = data(
        Date(), "The date the document gives for its completion: YYYY-MM-DD, or YYYY-MM.", column="Date completed"
    )
    tags: tuple[str, ...] = data(TextList(), "Labels, separated by semicolons.", column="Action tags")
    lines: tuple[tuple[int, int], ...] = data(Lines(), LINES_HELP, column="Action lines")
    source_notes: tuple[SourceNote, ...] = data(
        Records(SourceNote), "What the transcription found about the action.", column="Action notes"
    )
    progress: tuple[Progress, ...] = data(Records(Progress), "Dated progress: one entry per report that gave it.")
    line: int = field(init=False, default=0, repr=False)  # where it starts in its file, for messages
    _timeline: Timeline[Progress] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.due = self.due or read_timescale(self.timescale)
        self._timeline = Timeline(self.progress)

    def latest(self, as_at: dt.date | None = None) -> Progress | None:
        return self._timeline.latest(as_at)

    def status(self, as_at: dt.date | None = None) -> str:
        # Timeline.latest, inlined: statements ask this five million times at national scale.
        timeline = self._timeline
        found = len(timeline.dates) if as_at is None else bisect_right(timeline.dates, as_at)
        return timeline.entries[found - 1].status if found else NOT_RATED

    def name(self, index: int) -> str:
        """How pages refer to it: by the document's own number, else its place in its response or plan."""
        return f"Action {self.ref or index}"


@dataclass(kw_only=True, eq=False)
class PlanAction(Action):
    """An action of the organisation's plan as a whole, not tied to one recommendation's response. It names
    the recommendations it addresses where the document does: several, or none."""

    report: Report = data(
        Reference("one of this file's reports"),
        "The report that gives it (in the spreadsheet, its row's First reported in).",
        required=True,
        expected=REPORT_ID,
        published=False,
        example="board-2014-02",
    )
    recommendations: tuple[int, ...] = data(
        NumberList(1, 290),
        "The recommendations the document says it addresses, if any.",
        column="Recommendations it addresses",
    )
    organisation: Organisation = field(init=False, repr=False)
    index: int = field(init=False, default=0)  # its place in the plan, from 1
    unnumbered: int = field(init=False, default=0)  # where the document gives it no number: which such one

    def name(self, index: int) -> str:
        """The document's own number, else which of the plan's unnumbered actions it is (its place in the
        plan would read as a number the document gave it)."""
        return f"Action {self.ref}" if self.ref else f"Unnumbered action {self.unnumbered}"

    @property
    def label(self) -> str:
        """How it is named away from its plan (the change log, the statements)."""
        return f"Plan action {self.ref}" if self.ref else f"Unnumbered plan action {self.unnumbered}"


@dataclass(kw_only=True, eq=False)
class Response:
    """What an organisation says about one recommendation."""

    recommendation: int = data(
        Number(1, 290), "The recommendation it responds to.", required=True, column="Recommendation", example="123"
    )
    report: Report = data(
        Reference("one of this file's reports"),
        "The report it was first given in.",
        required=True,
        expected=REPORT_ID,
        column="First reported in",
        example="board-2014-02",
    )
    theme: str = data(Text(), "The theme or heading the document gives.", column="Theme given", published="theme_given")
    quoted_text: str = data(
        Text(), "The recommendation as the document quotes it.", column="Recommendation as quoted", searched=False
    )
    government_response: str = data(
        Text(),
        "The Government's response as the document quotes it.",
        column="Government response as quoted",
        published="government_response_quoted",
    )
    position: str = data(Text(), "The organisation's position or summary.", column="Position")
    tags: tuple[str, ...] = data(
        TextList(), "Labels the document gives, separated by semicolons.", column="Response tags"
    )
    lines: tuple[tuple[int, int], ...] = data(Lines(), LINES_HELP, column="Response lines")
    source_notes: tuple[SourceNote, ...] = data(
        Records(SourceNote), "What the transcription found about the response.", column="Response notes"
    )
    progress: tuple[Progress, ...] = data(Records(Progress), "Dated status of the response as a whole.")
    actions: tuple[Action, ...] = data(Records(Action), "What the organisation will do about it.")
    organisation: Organisation = field(init=False, repr=False)
    line: int = 0  # where it starts in its file, for messages
    _statuses: dict[dt.date | None, str] = field(default_factory=dict, repr=False)
    _timeline: Timeline[Progress] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._timeline = Timeline(self.progress)

    @property
    def number_inferred(self) -> bool:
        """Whether the document does not show the number, so that it was inferred."""
        return any(note.kind == "number-inferred" for note in self.source_notes)

    def status(self, as_at: dt.date | None = None) -> str:
        """The response's own latest rating, else the least advanced rating among its actions."""
        if as_at not in self._statuses:
            self._statuses[as_at] = self._status(as_at)
        return self._statuses[as_at]

    def _status(self, as_at: dt.date | None) -> str:
        own = self._timeline.latest(as_at)
        if own:
            return own.status
        return statuses.roll_up([a.status(as_at) for a in self.actions])


@dataclass(kw_only=True, eq=False)
class Organisation:
    """data/organisations/<code>.yaml: one organisation, its reports, its responses and its plan."""

    code: str = data(
        Code(),
        "The organisation's code on this site; its page is organisations/<code>/.",
        required=True,
        example="bury-ccg",
    )
    name: str = data(Text(), "Its full name.", required=True, example="NHS Bury Clinical Commissioning Group")
    short_name: str = data(Text(), "Its short name.", required=True, example="Bury CCG")
    kind: str = data(
        Choice(statuses.codes(statuses.ORGANISATION_KINDS)),
        "What kind of organisation: " + ", ".join(statuses.codes(statuses.ORGANISATION_KINDS)) + ".",
        required=True,
    )
    region: str = data(Text(), "Its NHS England region.", required=True, example="North West")
    website: str = data(Url(), "Its website, where given.")
    opened: dt.date | None = data(Day(), "The day it came into being, where that matters (a successor).")
    closed: dt.date | None = data(
        Day(), "The day it ceased to exist (from that day its duties were another body's).", example="2022-07-01"
    )
    succeeded_by: str = data(
        Code(),
        "The code of the organisation that took over its duties when it closed.",
        expected="the code of an organisation in data/organisations/",
        example="nhs-greater-manchester-icb",
    )
    history_sources: tuple[Citation, ...] = data(
        Records(Citation), "Where its opening, its closing and its successor are published: at least one for each."
    )
    reports: tuple[Report, ...] = data(
        Records(Report), "The documents the data comes from; none for a body with no plan here yet.", required=True
    )
    responses: tuple[Response, ...] = data(Records(Response), "Its responses, one per recommendation.", required=True)
    actions: tuple[PlanAction, ...] = data(
        Records(PlanAction), "The actions of its plan as a whole, not tied to one recommendation's response."
    )

    @property
    def latest_report(self) -> Report | None:
        return max(self.reports, key=lambda r: r.as_at, default=None)

    def latest_report_by(self, as_at: dt.date) -> Report | None:
        return max((r for r in self.reports if r.as_at <= as_at), key=lambda r: r.as_at, default=None)

    def is_open(self, day: dt.date) -> bool:
        return (self.opened is None or self.opened <= day) and (self.closed is None or day < self.closed)

    def reporting_status(self, as_at: dt.date) -> str:
        """Reported, overdue or not reported in the 12 months to as_at; closed once it has closed."""
        if self.closed is not None and as_at >= self.closed:
            return "closed"
        latest = self.latest_report_by(as_at)
        if latest is None:
            return "not-reported"
        return "reported" if latest.as_at > _year_before(as_at) else "overdue"

    @property
    def action_count(self) -> int:
        return sum(len(r.actions) for r in self.responses) + len(self.actions)


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(eq=False)
class Dataset:
    recommendations: list[Recommendation]  # index = number - 1
    organisations: list[Organisation]  # sorted by short name
    sources: dict[str, Source]

    def recommendation(self, number: int) -> Recommendation:
        return self.recommendations[number - 1]

    def organisation(self, code: str) -> Organisation:
        return next(o for o in self.organisations if o.code == code)

    def predecessors(self, org: Organisation) -> list[Organisation]:
        """The organisations whose duties passed to `org` when they closed."""
        return [o for o in self.organisations if o.succeeded_by == org.code]


__all__ = ["Catalogue", "Citation", "KeyEntry", "LeftOut", "Recommendation", "Source", "SourceNote"]
