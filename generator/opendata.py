"""Open data downloads: CSV and JSON beside each page, a bulk ZIP, XLSX, and a Frictionless Data Package.

The tables and their fields are declared once (TABLES); the CSV files, the Table Schemas in
datapackage.json and the Data page's explanations all come from that declaration. Everything is
deterministic: the same data gives byte-identical files (fixed timestamps, sorted entries).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from . import statuses, xlsx
from .fragments import action_anchor
from .model import Action, Dataset, Organisation, Progress, Recommendation, Response

LICENCE = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0",
}
ATTRIBUTION = (
    "Contains public sector information licensed under the Open Government Licence v3.0: Report of the Mid "
    "Staffordshire NHS Foundation Trust Public Inquiry (HC 947), 2013, and the Department of Health's response. "
    "Organisations' responses are quoted from the reports they published; each row names its source report."
)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type: string, integer, date
    description: str
    get: Callable[[Any], Any]


def _tags(tags: tuple[str, ...]) -> str:
    return "; ".join(tags)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]


RECOMMENDATION_FIELDS = (
    Field("number", "integer", "The recommendation's number in the Francis Report, 1 to 290.", lambda r: r.number),
    Field("title", "string", "Its short heading, where we have one.", lambda r: r.title),
    Field("theme", "string", "The theme it belongs to, where recorded.", lambda r: r.theme),
    Field("text", "string", "Its full text; empty where not added yet.", lambda r: r.text),
    Field(
        "text_source",
        "string",
        "Where the text comes from: a source id, or organisation/report.",
        lambda r: r.text_source,
    ),
    Field(
        "government_response",
        "string",
        "The Government's response (Hard Truths, 2013): accepted, accepted_in_principle, accepted_in_part, "
        "not_accepted, or unknown where not recorded yet.",
        lambda r: r.government_response,
    ),
    Field(
        "government_response_source",
        "string",
        "Where the Government's response comes from.",
        lambda r: r.government_response_source,
    ),
    Field(
        "page",
        "string",
        "Its page on this site, relative to the site's address.",
        lambda r: f"recommendations/{r.number}/",
    ),
)
ORGANISATION_FIELDS = (
    Field(
        "code", "string", "The organisation's code on this site; its page is organisations/<code>/.", lambda o: o.code
    ),
    Field("name", "string", "Its full name.", lambda o: o.name),
    Field("short_name", "string", "Its short name.", lambda o: o.short_name),
    Field(
        "kind",
        "string",
        "What kind of organisation: " + ", ".join(statuses.codes(statuses.ORGANISATION_KINDS)) + ".",
        lambda o: o.kind,
    ),
    Field("region", "string", "Its NHS England region.", lambda o: o.region),
    Field("website", "string", "Its website, where given.", lambda o: o.website),
    Field("responses", "integer", "How many recommendations it responds to.", lambda o: len(o.responses)),
    Field("actions", "integer", "How many actions its plan has.", lambda o: o.action_count),
)
REPORT_FIELDS = (
    Field("organisation", "string", "The organisation's code.", lambda x: x[0].code),
    Field("report", "string", "The report's id within the organisation.", lambda x: x[1].id),
    Field("title", "string", "The document's title, as it gives it.", lambda x: x[1].title),
    Field("body", "string", "The board or meeting that received it.", lambda x: x[1].body),
    Field(
        "date",
        "string",
        "Its date: YYYY-MM-DD, or YYYY-MM or YYYY where it gives only a month or a year.",
        lambda x: x[1].date,
    ),
    Field("date_basis", "string", "stated, or inferred where the document is not dated.", lambda x: x[1].date_basis),
    Field("date_note", "string", "Why an inferred date was chosen.", lambda x: x[1].date_note),
    Field("url", "string", "Where the original can be read, where known.", lambda x: x[1].url),
)


def _response_fields(prefix: str = "") -> tuple[Field, ...]:
    return (
        Field("organisation", "string", "The organisation's code.", lambda r: r.organisation.code),
        Field("recommendation", "integer", "The recommendation it responds to.", lambda r: r.recommendation),
        Field(
            "number_inferred",
            "string",
            "yes where the document does not show the number and it was inferred.",
            lambda r: "yes" if r.number_note else "",
        ),
        Field("report", "string", "The report it was first given in.", lambda r: r.report.id),
        Field("theme_given", "string", "The theme or heading the document gives.", lambda r: r.theme),
        Field("quoted_text", "string", "The recommendation as the document quotes it.", lambda r: r.quoted_text),
        Field(
            "government_response_quoted",
            "string",
            "The Government's response as the document quotes it.",
            lambda r: r.government_response,
        ),
        Field("position", "string", "The organisation's position or summary.", lambda r: r.position),
        Field("tags", "string", "Labels the document gives, separated by semicolons.", lambda r: _tags(r.tags)),
        Field(
            "status",
            "string",
            "Its status as at its organisation's latest report: its own rating, or the least advanced of its actions'.",
            lambda r: r.status(),
        ),
        Field(
            "page",
            "string",
            "Where it is on this site.",
            lambda r: f"organisations/{r.organisation.code}/#rec-{r.recommendation}",
        ),
    )


RESPONSE_FIELDS = _response_fields()


def _action_row_fields() -> tuple[Field, ...]:
    # Rows are (response, index, action)
    return (
        Field("organisation", "string", "The organisation's code.", lambda x: x[0].organisation.code),
        Field("recommendation", "integer", "The recommendation the action answers.", lambda x: x[0].recommendation),
        Field("action", "integer", "The action's place in its response, from 1.", lambda x: x[1]),
        Field("ref", "string", "The document's own number for the action.", lambda x: x[2].ref),
        Field("summary", "string", "Summary of the recommendation, as the plan gives it.", lambda x: x[2].summary),
        Field("key_area", "string", "Key area, as the plan gives it.", lambda x: x[2].key_area),
        Field("description", "string", "What will be done.", lambda x: x[2].description),
        Field("lead", "string", "Who leads it.", lambda x: x[2].lead),
        Field("timescale", "string", "Its timescale, as written.", lambda x: x[2].timescale),
        Field(
            "due",
            "date",
            "The date read from the timescale (the last it names), where one can be read.",
            lambda x: x[2].due.isoformat() if x[2].due else "",
        ),
        Field("outcome", "string", "The outcome it aims for.", lambda x: x[2].outcome),
        Field("evidence", "string", "The evidence it will give.", lambda x: x[2].evidence),
        Field("tags", "string", "Labels, separated by semicolons.", lambda x: _tags(x[2].tags)),
        Field("status", "string", "Its status as at its latest progress entry.", lambda x: x[2].status()),
        Field(
            "page",
            "string",
            "Where it is on this site.",
            lambda x: f"organisations/{x[0].organisation.code}/#{action_anchor(x[0].recommendation, x[1])}",
        ),
    )


ACTION_FIELDS = _action_row_fields()
PROGRESS_FIELDS = (
    Field("organisation", "string", "The organisation's code.", lambda x: x[0].organisation.code),
    Field("recommendation", "integer", "The recommendation.", lambda x: x[0].recommendation),
    Field(
        "action",
        "integer",
        "The action's place in its response; empty for progress on the response as a whole.",
        lambda x: x[1] or "",
    ),
    Field("report", "string", "The report that gave this progress.", lambda x: x[2].report.id),
    Field("as_at", "string", "The date it speaks for: the report's date, or the entry's own.", lambda x: x[2].when),
    Field(
        "status",
        "string",
        "The status given: " + ", ".join(statuses.codes(statuses.IMPLEMENTATION)) + ".",
        lambda x: x[2].status,
    ),
    Field(
        "status_as_written",
        "string",
        "The rating exactly as the document wrote it, where it differs.",
        lambda x: x[2].status_as_written,
    ),
    Field("text", "string", "The progress, as reported.", lambda x: x[2].text),
    Field(
        "assessed_by", "string", "Who gave the rating, where not the organisation itself.", lambda x: x[2].assessed_by
    ),
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


def rows(table: Table, data: Dataset) -> Iterator[Any]:
    """The records of a table."""
    if table.name == "recommendations":
        yield from data.recommendations
    elif table.name == "organisations":
        yield from data.organisations
    elif table.name == "reports":
        yield from ((o, r) for o in data.organisations for r in o.reports)
    else:
        for response in (r for o in data.organisations for r in o.responses):
            yield from _records_of(table, response)


PER_RESPONSE = ("responses", "actions", "progress")  # tables whose rows belong to one response each


def _records_of(table: Table, r: Response) -> Iterator[Any]:
    if table.name == "responses":
        yield r
    elif table.name == "actions":
        yield from ((r, i, a) for i, a in enumerate(r.actions, start=1))
    elif table.name == "progress":
        yield from ((r, 0, p) for p in r.progress)
        for i, a in enumerate(r.actions, start=1):
            yield from ((r, i, p) for p in a.progress)


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
    """A table's rows, worked out once: as CSV lines (with where each response's rows are, so a page's file
    is a join of slices) and as cells for the workbook."""

    table: Table
    lines: _Lines
    spans: dict[int, tuple[int, int]]  # id(response) -> its rows in lines
    cells: list[list[Any]]

    @classmethod
    def of(cls, table: Table, groups: Iterable[tuple[Response | None, Iterable[Any]]]) -> _Rendered:
        lines = _Lines()
        writer = csv.writer(lines, lineterminator="\r\n")
        getters = [f.get for f in table.fields]
        cells: list[list[Any]] = []
        spans: dict[int, tuple[int, int]] = {}
        for response, records in groups:
            start = len(lines)
            for record in records:
                row = [safe_cell(get(record)) for get in getters]
                writer.writerow(row)
                cells.append(row)
            if response is not None:
                spans[id(response)] = (start, len(lines))
        return cls(table, lines, spans, cells)

    def csv(self, responses: Iterable[Response] | None = None) -> bytes:
        """UTF-8 with a BOM, so Excel reads it right; the rows of the given responses, or every row."""
        header = ",".join(f.name for f in self.table.fields) + "\r\n"
        if responses is None:
            body = "".join(self.lines)
        else:
            body = "".join(line for r in responses for line in self.lines[slice(*self.spans[id(r)])])
        return ("\ufeff" + header + body).encode("utf-8")


def _render(table: Table, data: Dataset) -> _Rendered:
    if table.name in PER_RESPONSE:  # grouped by response, so each page's rows can be cut out
        every = (r for o in data.organisations for r in o.responses)
        return _Rendered.of(table, ((r, _records_of(table, r)) for r in every))
    return _Rendered.of(table, ((None, rows(table, data)),))


def _json_progress(p: Progress) -> dict[str, Any]:
    return {
        k: v
        for k, v in {
            "report": p.report.id,
            "as_at": p.when,
            "status": p.status,
            "status_as_written": p.status_as_written,
            "text": p.text,
            "assessed_by": p.assessed_by,
        }.items()
        if v
    }


def _json_action(index: int, a: Action) -> dict[str, Any]:
    record = {f.name: f.get((None, index, a)) for f in ACTION_FIELDS[2:-1]}
    return {
        **{k: v for k, v in record.items() if v not in ("", None)},
        "progress": [_json_progress(p) for p in a.progress],
    }


def json_response(r: Response) -> dict[str, Any]:
    record = {f.name: f.get(r) for f in RESPONSE_FIELDS}
    record = {k: v for k, v in record.items() if v not in ("", None)}
    record["progress"] = [_json_progress(p) for p in r.progress]
    record["actions"] = [_json_action(i, a) for i, a in enumerate(r.actions, start=1)]
    return record


def _json(value: Any, indent: int | None = None) -> bytes:
    """Compact by default: at national scale an indented file is a third bigger and, because indenting
    bypasses the json module's C encoder, six times slower to write."""
    separators = None if indent else (",", ":")
    return (json.dumps(value, ensure_ascii=False, indent=indent, separators=separators) + "\n").encode("utf-8")


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ResponseJson(dict[int, str]):
    """Each response as compact JSON, by id(response), encoded once: both its recommendation's file and its
    organisation's file hold it (at national scale, encoding them twice took 7 s)."""

    def of(self, r: Response) -> str:
        encoded = self.get(id(r))
        if encoded is None:
            encoded = self[id(r)] = _compact(json_response(r))
        return encoded


def _document(
    before: dict[str, Any],
    responses: Iterable[Response],
    encoded: ResponseJson | None,
    after: dict[str, Any] | None = None,
) -> bytes:
    """The bytes _json would give for {**before, "responses": [...], **after}, with each response encoded
    once (kept in `encoded`, when given, for the other file that holds it)."""
    encode = (encoded if encoded is not None else ResponseJson()).of
    parts = [f"{_compact(key)}:{_compact(value)}" for key, value in before.items()]
    parts.append('"responses":[' + ",".join(map(encode, responses)) + "]")
    parts += [f"{_compact(key)}:{_compact(value)}" for key, value in (after or {}).items()]
    return ("{" + ",".join(parts) + "}\n").encode("utf-8")


def recommendation_json(rec: Recommendation, encoded: ResponseJson | None = None) -> bytes:
    head = {f.name: f.get(rec) for f in RECOMMENDATION_FIELDS}
    return _document({"recommendation": head}, rec.responses, encoded, {"licence": LICENCE["title"]})


def organisation_json(org: Organisation, encoded: ResponseJson | None = None) -> bytes:
    head = {f.name: f.get(org) for f in ORGANISATION_FIELDS}
    reports = [{f.name: f.get((org, r)) for f in REPORT_FIELDS[1:]} for r in org.reports]
    return _document({"organisation": head, "reports": reports}, org.responses, encoded)


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


def _zip(files: dict[str, bytes]) -> bytes:
    return xlsx.fixed_zip(sorted(files.items()))


def _xlsx(tables: list[_Rendered]) -> bytes:
    """The whole data set as one workbook, a sheet per table."""
    sheets = [(t.table.title, [f.name for f in t.table.fields], t.cells) for t in tables]
    return xlsx.workbook(sheets, "Francis Report progress: all data")


FOLDER = "data"  # the bulk files and the Open data page
PAGE = f"{FOLDER}/index.md"
BULK = f"{FOLDER}/francis-progress-data.zip"
WORKBOOK = f"{FOLDER}/francis-progress-data.xlsx"
PACKAGE = f"{FOLDER}/datapackage.json"


def files(data: Dataset) -> Iterator[tuple[str, bytes]]:
    """Every download, by path relative to the site root, made one at a time. Each table's rows are
    worked out once and then cut up for the pages, the bulk files and the workbook."""
    rendered = {t.name: _render(t, data) for t in TABLES}
    responses, actions = rendered["responses"], rendered["actions"]
    encoded = ResponseJson()
    for rec in data.recommendations:
        if rec.responses:
            base = f"recommendations/{rec.number}/"
            yield base + "responses.csv", responses.csv(rec.responses)
            yield base + "actions.csv", actions.csv(rec.responses)
            yield base + "responses.json", recommendation_json(rec, encoded)
    for org in data.organisations:
        base = f"organisations/{org.code}/"
        yield base + "responses.csv", responses.csv(org.responses)
        yield base + "actions.csv", actions.csv(org.responses)
        yield base + "responses.json", organisation_json(org, encoded)
    del encoded
    tables = {f"{name}.csv": table.csv() for name, table in rendered.items()}
    package = _json(datapackage(), indent=2)  # small, and read by people
    for name, content in tables.items():
        yield f"{FOLDER}/{name}", content
    yield PACKAGE, package
    yield BULK, _zip({**tables, "datapackage.json": package})
    del tables
    yield WORKBOOK, _xlsx(list(rendered.values()))
