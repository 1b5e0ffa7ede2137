"""Annual progress statements: the position as at the end of each reporting year.

Everything here is computed "as at" a date from the dated reports, so a past year's statement only ever
looks at reports dated on or before its year end: adding this year's report cannot change it. A
statement counts the organisations open at its date; one that closed during the year is listed as
closed, with the body that took over its duties, and is not expected to report after it closed.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from . import statuses
from .records import Action, Dataset, Organisation, PlanAction, Response
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
class ClosedYear:
    organisation: Organisation
    closed: dt.date
    successor: Organisation | None
    reports: tuple[str, ...]  # titles of reports dated in the year, before it closed


@dataclass(frozen=True)
class Movement:
    organisation: Organisation
    recommendation: int  # 0 for an action of the plan as a whole
    what: str  # "Response", "Action 1.2" or "Plan action 3"
    before: str  # status as at the previous year end, or "" if new this year
    after: str


@dataclass(frozen=True)
class Overdue:
    organisation: Organisation
    recommendation: int  # 0 for an action of the plan as a whole
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
    organisations: list[OrganisationYear] = field(default_factory=list)  # open at as_at, publishing here
    closed: list[ClosedYear] = field(default_factory=list)  # closed during the year
    closed_earlier: int = 0  # organisations that had reported here and closed before the year
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


# An action waiting to be listed as overdue: (due, organisation, recommendation, running number, action,
# its place in its response); cheap to sort, made into an Overdue (and named) only if it is among the
# LIST_LIMIT longest overdue.
Waiting = tuple[dt.date, str, int, int, Action, int, Organisation]
# A response or an action, its place in its response (0 for the response itself and a plan's action), and
# its status at the year end.
Rated = tuple[int, Response | Action, str]


def build(data: Dataset, year: int, today: dt.date) -> Statement:
    as_at = statement_date(year, today)
    previous = dt.date(year - 1, 12, 31)
    statement = Statement(year, as_at, provisional=as_at < dt.date(year, 12, 31))
    codes_by_org = {o.code: o for o in data.organisations}
    all_responses: list[Response] = []
    all_codes: list[str] = []
    overdue: list[Waiting] = []
    for org in data.organisations:
        if not any(r.as_at <= as_at for r in org.reports):
            continue  # not yet publishing here
        in_year = tuple(r.title for r in org.reports if r.as_at.year == year and r.as_at <= as_at)
        if org.closed is not None and org.closed <= as_at:
            if org.closed > previous:
                successor = codes_by_org.get(org.succeeded_by)
                statement.closed.append(ClosedYear(org, org.closed, successor, in_year))
            else:
                statement.closed_earlier += 1
            continue
        responses = _responses_as_at(org, as_at)
        # Each action's status at the year end, worked out once for the tallies, the movements and the
        # overdue list (at national scale that is 150,000 actions for each of the years).
        codes: list[str] = []
        for response in responses:
            action_codes = [a.status(as_at) for a in response.actions]
            _movements(statement, response, action_codes, previous, as_at)
            _overdue(overdue, org, response.recommendation, response.actions, action_codes, as_at)
            codes += action_codes
        plan = [a for a in org.actions if a.report.as_at <= as_at]
        plan_codes = [a.status(as_at) for a in plan]
        _plan_movements(statement, plan, plan_codes, previous, as_at)
        _overdue(overdue, org, 0, plan, plan_codes, as_at)
        codes += plan_codes
        statement.organisations.append(
            OrganisationYear(
                org,
                in_year,
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
    statement.overdue_by_organisation = Counter(item[1] for item in overdue)
    # Longest overdue first; the running number keeps the order of equal dates as the data gives it.
    statement.overdue = [_overdue_entry(item, as_at) for item in heapq.nsmallest(LIST_LIMIT, overdue)]
    return statement


def _movements(
    statement: Statement, response: Response, action_codes: list[str], previous: dt.date, as_at: dt.date
) -> None:
    """Count the response's and its actions' status changes over the year (`action_codes`: the actions'
    statuses at the year end); keep the first LIST_LIMIT."""
    new = response.report.as_at > previous
    rated: list[Rated] = [(0, response, response.status(as_at))]
    actions = zip(response.actions, action_codes, strict=True)
    rated += [(i, action, code) for i, (action, code) in enumerate(actions, start=1)]
    _count(statement, response.organisation, response.recommendation, rated, new, previous)


def _plan_movements(
    statement: Statement, plan: list[PlanAction], codes: list[str], previous: dt.date, as_at: dt.date
) -> None:
    for action, code in zip(plan, codes, strict=True):
        new = action.report.as_at > previous
        _count(statement, action.organisation, 0, [(0, action, code)], new, previous)


def _count(
    statement: Statement,
    org: Organisation,
    number: int,
    rated: list[Rated],
    new: bool,
    previous: dt.date,
) -> None:
    for place, item, after in rated:
        before = "" if new else item.status(previous)
        if before == after or (new and after == "not-rated"):
            continue
        statement.moves[before, after] += 1
        if len(statement.movements) < LIST_LIMIT:
            statement.movements.append(Movement(org, number, _what(item, place), before, after))


def _what(item: Response | Action, place: int) -> str:
    """How a statement names a response or an action (`place`: an action's in its response), made only for
    the few it lists: at national scale a year has 150,000 actions."""
    if isinstance(item, Response):
        return "Response"
    return item.label if isinstance(item, PlanAction) else item.name(place)


def _overdue(
    found: list[Waiting],
    org: Organisation,
    number: int,
    actions: tuple[Action, ...] | list[PlanAction],
    codes: list[str],
    as_at: dt.date,
) -> None:
    """Actions past the date in their timescale and not complete (`codes`: their statuses at as_at)."""
    for place, (action, code) in enumerate(zip(actions, codes, strict=True), start=1):
        if action.due and action.due < as_at and code not in NOT_OVERDUE:
            found.append((action.due, org.short_name, number, len(found), action, place, org))


def _overdue_entry(item: Waiting, as_at: dt.date) -> Overdue:
    due, _short_name, number, _order, action, place, org = item
    return Overdue(org, number, _what(action, place), action.description, action.timescale, due, action.status(as_at))


def organisation_years(
    org: Organisation, today: dt.date, statements: Mapping[int, Statement] | None = None
) -> list[tuple[int, tuple[str, ...], Tally, Tally]]:
    """An organisation's own progress, year by year: (year, reports in it, responses, actions). Where the
    year's statement is given and counts the organisation, its figures are taken from it."""
    dated = [r.as_at.year for r in org.reports]
    # The last year it existed in: a body that closed on 1 January did not see that year.
    last = min(today.year, (org.closed - dt.timedelta(days=1)).year if org.closed else today.year)
    rows = []
    for year in range(min(dated), last + 1):
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
                tally(
                    [a.status(as_at) for r in responses for a in r.actions]
                    + [a.status(as_at) for a in org.actions if a.report.as_at <= as_at],
                    statuses.IMPLEMENTATION,
                ),
            )
        )
    return rows
