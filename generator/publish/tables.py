"""The open-data tables and their columns. A table's columns are the fields its record publishes (as the
schema in model/ declares them, in order) with a few columns worked out around them: whose it is, where
it is on the site, its status. The CSV files, the Table Schemas in datapackage.json, the JSON files and
the Open data page's explanations all come from these declarations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model.fields import Spec, spec_of
from ..model.provenance import KeyEntry, SourceNote
from ..model.records import Action, Dataset, Organisation, PlanAction, Progress, Recommendation, Report, Response


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, date
    description: str
    get: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Column, ...]
    primary_key: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """A row about part of a plan: whose it is, and where, with the record itself."""

    organisation: Organisation
    recommendation: int  # the response's recommendation; 0 for the plan as a whole
    action: int  # the action's place in its response or plan; 0 for the response itself
    page: str  # where the response or action is on the site
    record: Any


Unit = Response | PlanAction  # what a page's files are cut into: a response, or an action of the whole plan


def _published(record: type, pick: Callable[[Any], Any] = lambda row: row) -> tuple[Column, ...]:
    """A column for each field of `record` that the schema publishes; `pick` finds the record in a row."""

    def getter(spec: Spec) -> Callable[[Any], Any]:
        export, name = spec.kind.export, spec.name
        if spec.name == "date" and record is Progress:  # the date it speaks for: its own, or its report's
            return lambda row: pick(row).when
        return lambda row: export(getattr(pick(row), name))

    return tuple(
        Column(s.published, s.kind.table_type, s.description, getter(s)) for s in spec_of(record) if s.published
    )


def _record(row: Row) -> Any:
    return row.record


def _whose(what: str) -> tuple[Column, ...]:
    return (
        Column("organisation", "string", "The organisation's code.", lambda x: x.organisation.code),
        Column(
            "recommendation",
            "integer",
            f"The recommendation {what}; empty for the organisation's plan as a whole.",
            lambda x: x.recommendation or "",
        ),
        Column(
            "action",
            "integer",
            "The action's place in its response or in the plan, from 1; empty for a response as a whole.",
            lambda x: x.action or "",
        ),
        Column("page", "string", "Where it is on this site, relative to the site's address.", lambda x: x.page),
    )


RECOMMENDATION_FIELDS = (
    *_published(Recommendation),
    Column(
        "page",
        "string",
        "Its page on this site, relative to the site's address.",
        lambda r: urls.recommendation(r.number),
    ),
)
ORGANISATION_FIELDS = (
    *_published(Organisation),
    Column("responses", "integer", "How many recommendations it responds to.", lambda o: len(o.responses)),
    Column("actions", "integer", "How many actions its plan has.", lambda o: o.action_count),
)
# Rows: (organisation, report)
REPORT_FIELDS = (
    Column("organisation", "string", "The organisation's code.", lambda x: x[0].code),
    *_published(Report, lambda x: x[1]),
)
RESPONSE_FIELDS = (
    Column("organisation", "string", "The organisation's code.", lambda r: r.organisation.code),
    *_published(Response),
    Column(
        "status",
        "string",
        "Its status as at its organisation's latest report: its own rating, or the least advanced of its actions'.",
        lambda r: r.status(),
    ),
    Column(
        "page", "string", "Where it is on this site.", lambda r: urls.response(r.organisation.code, r.recommendation)
    ),
)
ACTION_FIELDS = (
    *_whose("whose response the action is in"),
    *_published(Action, _record),
    Column(
        "addresses",
        "string",
        "For an action of the plan as a whole: the recommendations the document says it addresses, separated "
        "by semicolons.",
        lambda x: "; ".join(map(str, x.record.recommendations)) if isinstance(x.record, PlanAction) else "",
    ),
    Column("status", "string", "Its status as at its latest progress entry.", lambda x: x.record.status()),
)
PROGRESS_FIELDS = (*_whose("whose response it is about"), *_published(Progress, _record))
NOTE_FIELDS = (*_whose("whose response it is about"), *_published(SourceNote, _record))
# Rows: (organisation, report, key entry)
KEY_FIELDS = (
    Column("organisation", "string", "The organisation's code.", lambda x: x[0].code),
    Column("report", "string", "The report whose key it is.", lambda x: x[1].id),
    *_published(KeyEntry, lambda x: x[2]),
)

TABLES = (
    Table(
        "recommendations",
        "Recommendations",
        "The 290 recommendations of the Francis Report.",
        RECOMMENDATION_FIELDS,
        ("number",),
    ),
    Table(
        "organisations",
        "Organisations",
        "The organisations whose responses are published.",
        ORGANISATION_FIELDS,
        ("code",),
    ),
    Table(
        "reports", "Reports", "The documents each organisation published.", REPORT_FIELDS, ("organisation", "report")
    ),
    Table(
        "responses",
        "Responses",
        "Each organisation's response to each recommendation.",
        RESPONSE_FIELDS,
        ("organisation", "recommendation"),
    ),
    Table("actions", "Actions", "The actions in each response, and of each plan as a whole.", ACTION_FIELDS, ("page",)),
    Table("progress", "Progress", "Dated progress and status, one row per report that gave it.", PROGRESS_FIELDS, ()),
    Table(
        "notes",
        "Source notes",
        "What the transcription found in a document, about a response or an action.",
        NOTE_FIELDS,
        (),
    ),
    Table(
        "status_keys",
        "Status keys",
        "The words each report rates with, what each means and the site's status for it.",
        KEY_FIELDS,
        ("organisation", "report", "written"),
    ),
)
PER_UNIT = ("responses", "actions", "progress", "notes")  # tables whose rows belong to a response or plan action


def units(org: Organisation) -> Iterator[Unit]:
    yield from org.responses
    yield from org.actions


def rows(table: Table, data: Dataset) -> Iterator[Any]:
    """The rows of a table."""
    if table.name == "recommendations":
        yield from data.recommendations
    elif table.name == "organisations":
        yield from data.organisations
    elif table.name == "reports":
        yield from ((o, r) for o in data.organisations for r in o.reports)
    elif table.name == "status_keys":
        yield from ((o, r, e) for o in data.organisations for r in o.reports for e in r.status_key)
    else:
        for unit in (u for o in data.organisations for u in units(o)):
            yield from rows_of(table, unit)


def rows_of(table: Table, unit: Unit) -> Iterator[Any]:
    """The rows of a per-unit table that belong to one response, or to one action of a whole plan."""
    if isinstance(unit, PlanAction):
        org, number = unit.organisation, 0
        parts: list[tuple[int, str, Action | Response]] = [(unit.index, urls.plan_action(org.code, unit.index), unit)]
    else:
        org, number = unit.organisation, unit.recommendation
        parts = [(0, urls.response(org.code, number), unit)]
        parts += [(i, urls.action(org.code, number, i), a) for i, a in enumerate(unit.actions, start=1)]
    if table.name == "responses":
        if isinstance(unit, Response):
            yield unit
    elif table.name == "actions":
        yield from (Row(org, number, index, page, item) for index, page, item in parts if index)
    elif table.name == "progress":
        yield from (Row(org, number, index, page, p) for index, page, item in parts for p in item.progress)
    elif table.name == "notes":
        yield from (Row(org, number, index, page, n) for index, page, item in parts for n in item.source_notes)
