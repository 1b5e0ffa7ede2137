"""The open-data downloads: CSV and JSON beside each page, a bulk ZIP, an XLSX and a Frictionless Data
Package, all from the tables declared in tables.py. Deterministic: the same data gives byte-identical
files (fixed timestamps, sorted entries)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model.records import Action, Dataset, Organisation, PlanAction, Progress
from .archive import fixed_zip
from .tables import (
    ACTION_FIELDS,
    NOTE_FIELDS,
    ORGANISATION_FIELDS,
    PER_UNIT,
    PROGRESS_FIELDS,
    REPORT_FIELDS,
    RESPONSE_FIELDS,
    TABLES,
    Row,
    Table,
    Unit,
    rows,
    rows_of,
)
from .tables import units as plan_units
from .workbook import workbook

LICENCE = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0",
}
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0: Report of the Mid "
    "Staffordshire NHS Foundation Trust Public Inquiry (HC 898), 2013, and the Department of Health's response. "
    "Organisations' responses are quoted from the reports they published; each row names its source report."
)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula (OWASP CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return "'" + value
    return value


class _Lines(list[str]):
    """A file-like list: csv.writer writes one row per call, so each row stays its own string."""

    def write(self, text: str) -> None:
        self.append(text)


@dataclass
class _Rendered:
    """A table's rows, worked out once: as CSV lines for the bulk ZIP, and as cells for the workbook and the
    pages' CSVs (with where each response's rows are, so a page's rows are slices)."""

    table: Table
    lines: _Lines
    spans: dict[int, tuple[int, int]]  # id(unit) -> its rows in lines
    cells: list[list[Any]]

    @classmethod
    def of(cls, table: Table, groups: Iterable[tuple[Unit | None, Iterable[Any]]]) -> _Rendered:
        lines = _Lines()
        writer = csv.writer(lines, lineterminator="\r\n")
        getters = [f.get for f in table.fields]
        cells: list[list[Any]] = []
        spans: dict[int, tuple[int, int]] = {}
        for unit, records in groups:
            start = len(lines)
            for record in records:
                row = [safe_cell(get(record)) for get in getters]
                writer.writerow(row)
                cells.append(row)
            if unit is not None:
                spans[id(unit)] = (start, len(lines))
        return cls(table, lines, spans, cells)

    def of_units(self, units: Iterable[Unit]) -> Iterator[tuple[Unit, list[list[Any]]]]:
        """Each unit's rows, as cells."""
        for unit in units:
            start, end = self.spans[id(unit)]
            yield unit, self.cells[start:end]

    def pieces(self, rows: int = 5000) -> Iterator[bytes]:
        """The whole table as CSV, UTF-8 with a BOM so Excel reads it right, in pieces of `rows` rows: the
        largest table is 100 MB of text."""
        header = ",".join(f.name for f in self.table.fields) + "\r\n"
        yield ("\ufeff" + header).encode("utf-8")
        for start in range(0, len(self.lines), rows):
            yield "".join(self.lines[start : start + rows]).encode("utf-8")


def _render(table: Table, data: Dataset) -> _Rendered:
    if table.name in PER_UNIT:  # grouped by response or plan action, so each page's rows can be cut out
        every = (u for o in data.organisations for u in plan_units(o))
        return _Rendered.of(table, ((u, rows_of(table, u)) for u in every))
    return _Rendered.of(table, ((None, rows(table, data)),))


def _without_whose(row: Row) -> dict[str, Any]:
    """A progress entry or a note as JSON, leaving out whose it is: the file says."""
    fields = PROGRESS_FIELDS if isinstance(row.record, Progress) else NOTE_FIELDS
    record = {f.name: f.get(row) for f in fields[4:]}
    return {k: v for k, v in record.items() if v not in ("", None)}


def _json_action(row: Row) -> dict[str, Any]:
    record = {f.name: f.get(row) for f in ACTION_FIELDS if f.name not in ("organisation", "recommendation")}
    action: Action = row.record
    parts = [Row(row.organisation, row.recommendation, row.action, row.page, p) for p in action.progress]
    notes = [Row(row.organisation, row.recommendation, row.action, row.page, n) for n in action.source_notes]
    return {
        **{k: v for k, v in record.items() if v not in ("", None)},
        "progress": [_without_whose(p) for p in parts],
        "notes": [_without_whose(n) for n in notes],
    }


def json_unit(unit: Unit) -> dict[str, Any]:
    """A response, with its progress, notes and actions; or an action of the plan as a whole."""
    table = {t.name: t for t in TABLES}
    actions = [_json_action(row) for row in rows_of(table["actions"], unit)]
    if isinstance(unit, PlanAction):
        return actions[0]
    record = {f.name: f.get(unit) for f in RESPONSE_FIELDS}
    record = {k: v for k, v in record.items() if v not in ("", None)}
    own = [row for row in rows_of(table["progress"], unit) if not row.action]
    notes = [row for row in rows_of(table["notes"], unit) if not row.action]
    record["progress"] = [_without_whose(p) for p in own]
    record["notes"] = [_without_whose(n) for n in notes]
    record["actions"] = actions
    return record


def _json(value: Any, indent: int | None = None) -> bytes:
    """Compact by default: at national scale an indented file is a third bigger and, because indenting
    bypasses the json module's C encoder, six times slower to write."""
    separators = None if indent else (",", ":")
    return (json.dumps(value, ensure_ascii=False, indent=indent, separators=separators) + "\n").encode("utf-8")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def organisation_json(org: Organisation) -> bytes:
    """The bytes _json would give for the organisation, its reports, "responses" and "plan_actions",
    encoded a response at a time rather than built as one object first."""
    head = {f.name: f.get(org) for f in ORGANISATION_FIELDS}
    reports = [{f.name: f.get((org, r)) for f in REPORT_FIELDS[1:]} for r in org.reports]
    parts = [f"{_compact(key)}:{_compact(value)}" for key, value in {"organisation": head, "reports": reports}.items()]
    parts.append('"responses":[' + ",".join(_compact(json_unit(r)) for r in org.responses) + "]")
    parts.append('"plan_actions":[' + ",".join(_compact(json_unit(a)) for a in org.actions) + "]")
    return ("{" + ",".join(parts) + "}\n").encode("utf-8")


def datapackage(tables: tuple[Table, ...] = TABLES) -> dict[str, Any]:
    return {
        "name": "francis-report-progress",
        "title": "Francis Report recommendations: progress by NHS organisations",
        "description": "The 290 recommendations of the Mid Staffordshire NHS Foundation Trust Public Inquiry and what "
        "NHS organisations report doing about them.",
        "licenses": [LICENCE],
        "sources": [{"title": ATTRIBUTION}],
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "title": t.title,
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [{"name": f.name, "type": f.type, "description": f.description} for f in t.fields],
                    **({"primaryKey": list(t.primary_key)} if t.primary_key else {}),
                    "missingValues": [""],
                },
            }
            for t in tables
        ],
    }


def _xlsx(tables: list[_Rendered]) -> bytes:
    """The whole data set as one workbook, a sheet per table."""
    sheets = [(t.table.title, [f.name for f in t.table.fields], t.cells) for t in tables]
    return workbook(sheets, "Francis Report progress: all data")


FOLDER = "data"  # the bulk files and the Open data page
PAGE = f"{FOLDER}/index.md"
BULK = f"{FOLDER}/francis-progress-data.zip"
WORKBOOK = f"{FOLDER}/francis-progress-data.xlsx"


PAGE_CSV = "responses-and-actions.csv"  # beside each recommendation's and organisation's page


def files(data: Dataset) -> Iterator[tuple[str, bytes]]:
    """Every download, by path relative to the site root, made one at a time. Each table's rows are
    worked out once and then cut up for the pages, the bulk files and the workbook.

    Nothing is published twice: beside each recommendation, one CSV of its responses and actions; beside
    each organisation, that CSV and the whole plan as JSON (and the workbook in the import format, made
    by publish/plans.py); in bulk, one ZIP of every table with its Data Package, and the same tables as
    one workbook. (Loose copies of the bulk tables were 125 MB at national scale, and each
    recommendation's JSON repeated its organisations' another 138 MB.)"""
    rendered = {t.name: _render(t, data) for t in TABLES}
    both = _Combined(rendered["responses"], rendered["actions"])
    for rec in data.recommendations:
        if rec.responses or rec.plan_actions:
            yield urls.recommendation(rec.number) + PAGE_CSV, both.csv([*rec.responses, *rec.plan_actions])
    for org in data.organisations:
        if not org.reports:
            continue  # no plan published here yet
        base = urls.organisation(org.code)
        yield base + PAGE_CSV, both.csv(list(plan_units(org)))
        yield base + "responses.json", organisation_json(org)
    yield BULK, fixed_zip(_bulk_parts(rendered))
    for table in rendered.values():
        table.lines.clear()  # every CSV is written: only the cells are left to use, in the workbook
    yield WORKBOOK, _xlsx(list(rendered.values()))


def _bulk_parts(rendered: dict[str, _Rendered]) -> Iterator[tuple[str, bytes | Iterator[bytes]]]:
    """The bulk ZIP's files in name order, each table's CSV made in pieces as it is zipped: the tables
    are 200 MB of text at national scale, which the open-data process would otherwise hold twice over."""
    names = sorted([*(f"{name}.csv" for name in rendered), "datapackage.json"])
    for name in names:
        if name == "datapackage.json":
            yield name, _json(datapackage(), indent=2)
        else:
            yield name, rendered[name.removesuffix(".csv")].pieces()


class _Combined:
    """A page's responses and their actions in one CSV: a row for each response (its own fields), then a row
    for each of its actions (their fields), told apart by `row`; columns a row does not have are empty."""

    def __init__(self, responses: _Rendered, actions: _Rendered) -> None:
        self.responses, self.actions = responses, actions
        names = [f.name for f in responses.table.fields]
        self.header = ["row", *names, *(f.name for f in actions.table.fields if f.name not in names)]
        self.places = {
            "response": [self.header.index(f.name) for f in responses.table.fields],
            "action": [self.header.index(f.name) for f in actions.table.fields],
        }

    def csv(self, units: list[Unit]) -> bytes:
        lines = _Lines()
        writer = csv.writer(lines, lineterminator="\r\n")
        writer.writerow(self.header)
        own = dict(self.responses.of_units(u for u in units if not isinstance(u, PlanAction)))
        for unit, action_rows in self.actions.of_units(units):
            for kind, found in (("response", own.get(unit, [])), ("action", action_rows)):
                for cells in found:
                    row: list[Any] = [""] * len(self.header)
                    row[0] = kind
                    for place, value in zip(self.places[kind], cells, strict=True):
                        row[place] = value
                    writer.writerow(row)
        return ("\ufeff" + "".join(lines)).encode("utf-8")
