"""Annual progress statements: the position as at the end of each reporting year.

Everything here is computed "as at" a date from the dated reports, so a past year's statement only ever
looks at reports dated on or before its year end: adding this year's report cannot change it.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from . import statuses
from .records import Dataset, Organisation, Response
from .tallies import Tally, tally

NOT_OVERDUE = {"complete", "not-applicable"}
# Statements list this many status changes and overdue actions, and count the rest: at national scale a
# year has tens of thousands of each, which belong on the organisations' pages.
LIST_LIMIT = 100


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
    movements: list[Movement] = field(default_factory=list)  # the first LIST_LIMIT, by organisation
    moves: Counter[tuple[str, str]] = field(default_factory=Counter)  # (before, after): how many
    overdue: list[Overdue] = field(default_factory=list)  # the LIST_LIMIT longest overdue
    overdue_by_organisation: Counter[str] = field(default_factory=Counter)  # short name: how many
    new_responses: int = 0  # responses first reported in the year
    _by_code: dict[str, OrganisationYear] | None = field(default=None, repr=False, compare=False)

    def organisation_year(self, code: str) -> OrganisationYear | None:
        if self._by_code is None:
            self._by_code = {o.organisation.code: o for o in self.organisations}
        return self._by_code.get(code)

    @property
    def reporting(self) -> list[OrganisationYear]:
        return [o for o in self.organisations if o.reports]

    @property
    def movement_count(self) -> int:
        return sum(self.moves.values())

    @property
    def newly_complete(self) -> int:
        return sum(n for (_before, after), n in self.moves.items() if after == "complete")

    @property
    def overdue_count(self) -> int:
        return sum(self.overdue_by_organisation.values())


def years(data: Dataset, today: dt.date) -> list[int]:
    """Every year from the first report to this one: the duty is annual, so empty years count too."""
    dated = [r.as_at.year for o in data.organisations for r in o.reports]
    return list(range(min(dated), today.year + 1)) if dated else []


def build_all(data: Dataset, today: dt.date) -> dict[int, Statement]:
    """Every year's statement, in order."""
    return {year: build(data, year, today) for year in years(data, today)}


def statement_date(year: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), today)


def _responses_as_at(org: Organisation, as_at: dt.date) -> list[Response]:
    return [r for r in org.responses if r.report.as_at <= as_at]


def build(data: Dataset, year: int, today: dt.date) -> Statement:
    as_at = statement_date(year, today)
    previous = dt.date(year - 1, 12, 31)
    statement = Statement(year, as_at, provisional=as_at < dt.date(year, 12, 31))
    all_responses: list[Response] = []
    all_codes: list[str] = []
    overdue: list[tuple[dt.date, str, int, int, Response, int]] = []
    for org in data.organisations:
        if not any(r.as_at <= as_at for r in org.reports):
            continue  # not yet publishing here
        responses = _responses_as_at(org, as_at)
        # Each action's status at the year end, worked out once for the tallies, the movements and the
        # overdue list (at national scale that is 150,000 actions for each of the years).
        codes: list[str] = []
        for response in responses:
            action_codes = [a.status(as_at) for a in response.actions]
            _movements(statement, response, action_codes, previous, as_at)
            _overdue(overdue, response, action_codes, as_at)
            codes += action_codes
        statement.organisations.append(
            OrganisationYear(
                org,
                tuple(r.title for r in org.reports if r.as_at.year == year and r.as_at <= as_at),
                org.reporting_status(as_at),
                tally((r.status(as_at) for r in responses), statuses.IMPLEMENTATION),
                tally(codes, statuses.IMPLEMENTATION),
            )
        )
        all_responses += responses
        all_codes += codes
        statement.new_responses += sum(1 for r in responses if r.report.as_at > previous)
    statement.responses = tally((r.status(as_at) for r in all_responses), statuses.IMPLEMENTATION)
    statement.actions = tally(all_codes, statuses.IMPLEMENTATION)
    themes: dict[str, list[str]] = {}
    for response in all_responses:
        theme = data.recommendation(response.recommendation).theme or "No theme recorded"
        themes.setdefault(theme, []).append(response.status(as_at))
    statement.by_theme = [
        (theme, tally(codes, statuses.IMPLEMENTATION))
        for theme, codes in sorted(themes.items(), key=lambda item: (item[0] == "No theme recorded", item[0]))
    ]
    statement.overdue_by_organisation = Counter(short_name for _due, short_name, *_rest in overdue)
    # Longest overdue first; the running number keeps the order of equal dates as the data gives it.
    statement.overdue = [_overdue_entry(*item, as_at) for item in heapq.nsmallest(LIST_LIMIT, overdue)]
    return statement


def _movements(
    statement: Statement, response: Response, action_codes: list[str], previous: dt.date, as_at: dt.date
) -> None:
    """Count the response's and its actions' status changes over the year (`action_codes`: the actions'
    statuses at the year end); keep the first LIST_LIMIT."""
    new = response.report.as_at > previous
    changes: list[tuple[str | None, Callable[[dt.date | None], str], int, str]] = [
        ("Response", response.status, 0, response.status(as_at))
    ]
    actions = zip(response.actions, action_codes, strict=True)
    changes += [(None, action.status, index, code) for index, (action, code) in enumerate(actions, start=1)]
    for what, status, index, after in changes:
        before = "" if new else status(previous)
        if before == after or (new and after == "not-rated"):
            continue
        statement.moves[before, after] += 1
        if len(statement.movements) < LIST_LIMIT:
            name = what or response.actions[index - 1].name(index)
            statement.movements.append(Movement(response.organisation, response.recommendation, name, before, after))


def _overdue(
    found: list[tuple[dt.date, str, int, int, Response, int]], response: Response, codes: list[str], as_at: dt.date
) -> None:
    """Actions past the date in their timescale and not complete (`codes`: their statuses at as_at), as
    (due, organisation, recommendation, running number, response, action number): cheap to sort, made
    into entries only for the ones listed."""
    for index, (action, code) in enumerate(zip(response.actions, codes, strict=True), start=1):
        if action.due and action.due < as_at and code not in NOT_OVERDUE:
            short_name = response.organisation.short_name
            found.append((action.due, short_name, response.recommendation, len(found), response, index))


def _overdue_entry(
    due: dt.date, _short_name: str, _number: int, _order: int, response: Response, index: int, as_at: dt.date
) -> Overdue:
    action = response.actions[index - 1]
    return Overdue(
        response.organisation,
        response.recommendation,
        action.name(index),
        action.description,
        action.timescale,
        due,
        action.status(as_at),
    )


def organisation_years(
    org: Organisation, today: dt.date, statements: Mapping[int, Statement] | None = None
) -> list[tuple[int, tuple[str, ...], Tally, Tally]]:
    """An organisation's own progress, year by year: (year, reports in it, responses, actions). Where the
    year's statement is given and counts the organisation, its figures are taken from it."""
    dated = [r.as_at.year for r in org.reports]
    rows = []
    for year in range(min(dated), today.year + 1):
        known = statements[year].organisation_year(org.code) if statements and year in statements else None
        if known is not None:
            rows.append((year, known.reports, known.responses, known.actions))
            continue
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
