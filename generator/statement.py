"""Annual progress statements: the position as at the end of each reporting year.

Everything here is computed "as at" a date from the dated reports, so a past year's statement only ever
looks at reports dated on or before its year end: adding this year's report cannot change it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import statuses
from .model import Action, Dataset, Organisation, Response
from .tallies import Tally, tally

NOT_OVERDUE = {"complete", "not-applicable"}


@dataclass(frozen=True)
class OrganisationYear:
    organisation: Organisation
    reports: tuple[str, ...]  # titles of reports dated in the year
    reporting: str  # reporting status as at the statement date (12 months to it)
    responses: Tally
    actions: Tally


@dataclass(frozen=True)
class Movement:
    organisation: Organisation
    recommendation: int
    what: str  # "Response" or "Action 1.2"
    before: str  # status as at the previous year end, or "" if new this year
    after: str


@dataclass(frozen=True)
class Overdue:
    organisation: Organisation
    recommendation: int
    what: str
    description: str
    timescale: str
    due: dt.date
    status: str


@dataclass
class Statement:
    year: int
    as_at: dt.date
    provisional: bool  # the year has not ended yet
    organisations: list[OrganisationYear] = field(default_factory=list)
    responses: Tally = field(default_factory=lambda: tally((), statuses.IMPLEMENTATION))
    actions: Tally = field(default_factory=lambda: tally((), statuses.IMPLEMENTATION))
    by_theme: list[tuple[str, Tally]] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    overdue: list[Overdue] = field(default_factory=list)
    new_responses: int = 0  # responses first reported in the year

    @property
    def reporting(self) -> list[OrganisationYear]:
        return [o for o in self.organisations if o.reports]

    @property
    def newly_complete(self) -> list[Movement]:
        return [m for m in self.movements if m.after == "complete"]


def years(data: Dataset, today: dt.date) -> list[int]:
    """Every year from the first report to this one: the duty is annual, so empty years count too."""
    dated = [r.as_at.year for o in data.organisations for r in o.reports]
    return list(range(min(dated), today.year + 1)) if dated else []


def statement_date(year: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), today)


def _responses_as_at(org: Organisation, as_at: dt.date) -> list[Response]:
    return [r for r in org.responses if r.report.as_at <= as_at]


def _action_name(action: Action, index: int) -> str:
    return f"Action {action.ref}" if action.ref else f"Action {index}"


def build(data: Dataset, year: int, today: dt.date) -> Statement:
    as_at = statement_date(year, today)
    previous = dt.date(year - 1, 12, 31)
    statement = Statement(year, as_at, provisional=as_at < dt.date(year, 12, 31))
    all_responses: list[Response] = []
    for org in data.organisations:
        if not any(r.as_at <= as_at for r in org.reports):
            continue  # not yet publishing here
        responses = _responses_as_at(org, as_at)
        actions = [a for r in responses for a in r.actions]
        statement.organisations.append(
            OrganisationYear(
                org,
                tuple(r.title for r in org.reports if r.as_at.year == year and r.as_at <= as_at),
                org.reporting_status(as_at),
                tally((r.status(as_at) for r in responses), statuses.IMPLEMENTATION),
                tally((a.status(as_at) for a in actions), statuses.IMPLEMENTATION),
            )
        )
        all_responses += responses
        statement.new_responses += sum(1 for r in responses if r.report.as_at > previous)
        for response in responses:
            statement.movements += _movements(response, previous, as_at)
            statement.overdue += _overdue(response, as_at)
    statement.responses = tally((r.status(as_at) for r in all_responses), statuses.IMPLEMENTATION)
    statement.actions = tally((a.status(as_at) for r in all_responses for a in r.actions), statuses.IMPLEMENTATION)
    themes: dict[str, list[str]] = {}
    for response in all_responses:
        theme = data.recommendation(response.recommendation).theme or "No theme recorded"
        themes.setdefault(theme, []).append(response.status(as_at))
    statement.by_theme = [
        (theme, tally(codes, statuses.IMPLEMENTATION))
        for theme, codes in sorted(themes.items(), key=lambda item: (item[0] == "No theme recorded", item[0]))
    ]
    statement.overdue.sort(key=lambda o: (o.due, o.organisation.short_name, o.recommendation))
    return statement


def _movements(response: Response, previous: dt.date, as_at: dt.date) -> list[Movement]:
    org, number = response.organisation, response.recommendation
    new = response.report.as_at > previous
    moves = []
    before = "" if new else response.status(previous)
    after = response.status(as_at)
    if before != after and not (new and after == "not-rated"):
        moves.append(Movement(org, number, "Response", before, after))
    for index, action in enumerate(response.actions, start=1):
        before = "" if new else action.status(previous)
        after = action.status(as_at)
        if before != after and not (new and after == "not-rated"):
            moves.append(Movement(org, number, _action_name(action, index), before, after))
    return moves


def _overdue(response: Response, as_at: dt.date) -> list[Overdue]:
    found = []
    for index, action in enumerate(response.actions, start=1):
        if not action.due or action.due >= as_at:
            continue  # not due yet: no need to work out its status
        status = action.status(as_at)
        if status not in NOT_OVERDUE:
            found.append(
                Overdue(
                    response.organisation,
                    response.recommendation,
                    _action_name(action, index),
                    action.description,
                    action.timescale,
                    action.due,
                    status,
                )
            )
    return found


def organisation_years(org: Organisation, today: dt.date) -> list[tuple[int, tuple[str, ...], Tally, Tally]]:
    """An organisation's own progress, year by year: (year, reports in it, responses, actions)."""
    dated = [r.as_at.year for r in org.reports]
    rows = []
    for year in range(min(dated), today.year + 1):
        as_at = statement_date(year, today)
        responses = [r for r in org.responses if r.report.as_at <= as_at]
        rows.append(
            (
                year,
                tuple(r.title for r in org.reports if r.as_at.year == year and r.as_at <= as_at),
                tally((r.status(as_at) for r in responses), statuses.IMPLEMENTATION),
                tally((a.status(as_at) for r in responses for a in r.actions), statuses.IMPLEMENTATION),
            )
        )
    return rows
