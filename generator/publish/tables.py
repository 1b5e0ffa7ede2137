"""The open-data tables and their columns. A table's columns are the fields its record publishes (as
model/records.py declares them, in order) with a few columns worked out around them: whose it is,
its status, its page. The CSV files, the Table Schemas in datapackage.json, the JSON files and the
Open data page's explanations all come from these declarations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model import statuses
from ..model.fields import Spec, spec_of
from ..model.records import Action, Dataset, Organisation, Progress, Recommendation, Report, Response


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


def _published(record: type, pick: Callable[[Any], Any] = lambda row: row) -> tuple[Column, ...]:
    """A column for each field of `record` that the schema publishes; `pick` finds the record in a row."""

    def getter(spec: Spec) -> Callable[[Any], Any]:
        export, name = spec.kind.export, spec.name
        if spec.name == "date" and record is Progress:  # the date it speaks for: its own, or its report's
            return lambda row: pick(row).when
        if spec.name == "recommendation_basis":
            return lambda row: "yes" if pick(row).number_note else ""
        return lambda row: export(getattr(pick(row), name))

    return tuple(
        Column(s.published, s.kind.table_type, s.description, getter(s)) for s in spec_of(record) if s.published
    )


def _organisation_code(row: Any) -> str:
    response = row[0] if isinstance(row, tuple) else row
    return str(response.organisation.code)


ORGANISATION_CODE = Column("organisation", "string", "The organisation's code.", _organisation_code)

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
    ORGANISATION_CODE,
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
# Rows: (response, index, action)
ACTION_FIELDS = (
    ORGANISATION_CODE,
    Column("recommendation", "integer", "The recommendation the action answers.", lambda x: x[0].recommendation),
    Column("action", "integer", "The action's place in its response, from 1.", lambda x: x[1]),
    *_published(Action, lambda x: x[2]),
    Column("status", "string", "Its status as at its latest progress entry.", lambda x: x[2].status()),
    Column(
        "page",
        "string",
        "Where it is on this site.",
        lambda x: urls.action(x[0].organisation.code, x[0].recommendation, x[1]),
    ),
)
# Rows: (response, index of the action or 0, progress)
PROGRESS_FIELDS = (
    ORGANISATION_CODE,
    Column("recommendation", "integer", "The recommendation.", lambda x: x[0].recommendation),
    Column(
        "action",
        "integer",
        "The action's place in its response; empty for progress on the response as a whole.",
        lambda x: x[1] or "",
    ),
    *_published(Progress, lambda x: x[2]),
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
    Table(
        "actions",
        "Actions",
        "The actions in each response.",
        ACTION_FIELDS,
        ("organisation", "recommendation", "action"),
    ),
    Table("progress", "Progress", "Dated progress and status, one row per report that gave it.", PROGRESS_FIELDS, ()),
)
PER_RESPONSE = ("responses", "actions", "progress")  # tables whose rows belong to one response each


def rows(table: Table, data: Dataset) -> Iterator[Any]:
    """The rows of a table."""
    if table.name == "recommendations":
        yield from data.recommendations
    elif table.name == "organisations":
        yield from data.organisations
    elif table.name == "reports":
        yield from ((o, r) for o in data.organisations for r in o.reports)
    else:
        for response in (r for o in data.organisations for r in o.responses):
            yield from rows_of(table, response)


def rows_of(table: Table, r: Response) -> Iterator[Any]:
    """The rows of a per-response table that belong to one response."""
    if table.name == "responses":
        yield r
    elif table.name == "actions":
        yield from ((r, i, a) for i, a in enumerate(r.actions, start=1))
    elif table.name == "progress":
        yield from ((r, 0, p) for p in r.progress)
        for i, a in enumerate(r.actions, start=1):
            yield from ((r, i, p) for p in a.progress)


__all__ = ["TABLES", "Column", "Table", "statuses"]
