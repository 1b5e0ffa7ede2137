"""Spreadsheets for communications leads: a template made from the schema, import and export.

A workbook has four sheets: "Organisation" (field and value), "Reports" (one row per report), "Plan" (one
row per action, or per dated progress entry of an action when it has several; a response with no
actions takes one row with the action columns empty) and "Statuses" (the allowed statuses and their
meanings, for reference). The columns come from generator/schema.py, so the template cannot drift from
the data format. CSV holds the Plan sheet alone.

Import checks every cell and reports every problem with sheet, row, column, the value and what is
expected. Nothing is dropped silently: a cell that would not land in the data is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import schema, statuses
from .checkfields import CODE_RE, date_problem

SEP = "; "  # between tags in one cell


@dataclass(frozen=True)
class Column:
    header: str
    level: str  # response, action or progress
    field: str
    help: str


PLAN: tuple[Column, ...] = (
    Column("Recommendation", "response", "recommendation", "Number, 1 to 290"),
    Column("Number basis", "response", "recommendation_basis", "stated, or inferred if the document does not show it"),
    Column("Number note", "response", "recommendation_note", "How an inferred number was worked out"),
    Column("First reported in", "response", "report", "Report id, from the Reports sheet"),
    Column("Theme given", "response", "theme", "The theme or heading the document gives"),
    Column(
        "Recommendation as quoted", "response", "quoted_text", "The recommendation's text as the document quotes it"
    ),
    Column("Government response as quoted", "response", "government_response", "As the document quotes it"),
    Column("Position", "response", "position", "The organisation's position or summary"),
    Column("Response tags", "response", "tags", "Labels, separated by semicolons"),
    Column("Action ref", "action", "ref", "The document's own number for the action"),
    Column("Summary", "action", "summary", "Summary of the recommendation, as the plan gives it"),
    Column("Key area", "action", "key_area", ""),
    Column("Action", "action", "description", "What will be done (required for an action)"),
    Column("Lead", "action", "lead", ""),
    Column("Timescale", "action", "timescale", "As written"),
    Column("Due date", "action", "due", "Only to override the date read from the timescale: YYYY-MM-DD"),
    Column("Outcome", "action", "outcome", ""),
    Column("Evidence", "action", "evidence", ""),
    Column("Action tags", "action", "tags", "Labels, separated by semicolons"),
    Column("Progress report", "progress", "report", "Report id the progress comes from"),
    Column("Status", "progress", "status", "See the Statuses sheet"),
    Column("Status as written", "progress", "status_as_written", "The RAG cell exactly as written, e.g. N/A"),
    Column("Progress", "progress", "text", "Progress as reported"),
    Column("Assessed by", "progress", "assessed_by", "Who gave the rating, if not the organisation"),
    Column("Progress date", "progress", "date", "Only if the progress has its own date: YYYY-MM-DD"),
)
ORGANISATION_FIELDS = tuple(f for f in schema.ORGANISATION if f.kind != schema.RECORDS)
REPORT_FIELDS = schema.REPORT
STATUS_CODES = statuses.codes(statuses.IMPLEMENTATION)


class SheetProblem(Exception):
    pass


@dataclass(frozen=True)
class CellProblem:
    file: str
    sheet: str
    row: int  # as the spreadsheet numbers it; the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        where = f'{self.file}, sheet "{self.sheet}"'
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f', column "{self.column}"'
        return f"{where}: {self.message}"


# ---------- writing ----------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return SEP.join(str(v) for v in value)
    return str(value)


def plan_rows(org: dict[str, Any]) -> list[list[str]]:
    """The Plan sheet's rows for one organisation's raw data."""
    rows: list[list[str]] = []
    for response in org.get("responses") or []:
        response_cells = {c.header: _cell(response.get(c.field)) for c in PLAN if c.level == "response"}
        units: list[tuple[dict[str, Any] | None, list[dict[str, Any] | None]]] = []
        if response.get("progress") or not response.get("actions"):
            units.append((None, list(response.get("progress") or [])))
        units += [(action, list(action.get("progress") or [])) for action in response.get("actions") or []]
        for action, progress in units:
            action_cells = {c.header: _cell(action.get(c.field)) if action else "" for c in PLAN if c.level == "action"}
            for entry in progress or [None]:
                progress_cells = {
                    c.header: _cell(entry.get(c.field)) if entry else "" for c in PLAN if c.level == "progress"
                }
                merged = {**response_cells, **action_cells, **progress_cells}
                rows.append([merged[c.header] for c in PLAN])
    return rows


def write_workbook(org: dict[str, Any] | None, path: Path) -> None:
    """The template (org None) or an organisation's data as an XLSX workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Organisation"
    sheet.append(["Field", "Value", "What to write"])
    for field in ORGANISATION_FIELDS:
        value = _cell(org.get(field.name)) if org else ""
        sheet.append([field.name, value, _field_help(field)])
    reports = book.create_sheet("Reports")
    reports.append([f.name for f in REPORT_FIELDS])
    for report in (org or {}).get("reports") or []:
        reports.append([_cell(report.get(f.name)) for f in REPORT_FIELDS])
    plan = book.create_sheet("Plan")
    plan.append([c.header for c in PLAN])
    for row in plan_rows(org) if org else []:
        plan.append(row)
    status_column = next(i for i, c in enumerate(PLAN) if c.field == "status" and c.level == "progress")
    letter = plan.cell(row=1, column=status_column + 1).column_letter
    listed = DataValidation(type="list", formula1="=Statuses!$A$2:$A$" + str(len(STATUS_CODES) + 1), allow_blank=True)
    listed.error = "Choose a status from the Statuses sheet."
    plan.add_data_validation(listed)
    listed.add(f"{letter}2:{letter}5000")
    help_sheet = book.create_sheet("Statuses")
    help_sheet.append(["Status", "Label on the site", "Meaning"])
    for term in statuses.IMPLEMENTATION:
        help_sheet.append([term.code, term.label, term.definition])
    columns = book.create_sheet("Columns")
    columns.append(["Plan column", "What to write"])
    for column in PLAN:
        columns.append([column.header, column.help])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                cell.number_format = "@"  # text, so Excel does not turn 1.1 into a number or N/A into an error
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    book.save(path)


def write_csv(org: dict[str, Any], path: Path) -> None:
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in PLAN])
        writer.writerows(plan_rows(org))


def _field_help(field: schema.Field) -> str:
    if field.choices:
        return "One of: " + ", ".join(field.choices)
    return {"code": "Lower-case letters, digits and hyphens", "url": "A web address starting https://"}.get(
        field.kind, "Required" if field.required else ""
    )


# ---------- reading ----------


def _read_tables(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as rows of text cells, header first. "N/A" and "NA" stay text."""
    import pandas as pd

    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, header=None, encoding="utf-8-sig")
        return {"Plan": frame.values.tolist()}
    if path.suffix.lower() != ".xlsx":
        raise SheetProblem(f"{path.name}: expected an .xlsx workbook or a .csv file")
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False, na_filter=False, header=None)
    return {name: [[_text(v) for v in row] for row in frame.values.tolist()] for name, frame in sheets.items()}


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1", text)  # a date Excel stored as a date


def _colour_only_statuses(path: Path) -> list[tuple[int, str]]:
    """Rows whose Status cell is empty but filled with a colour: a RAG rating given by colour alone."""
    if path.suffix.lower() != ".xlsx":
        return []
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=False)
    if "Plan" not in book.sheetnames:
        return []
    sheet = book["Plan"]
    headers = [str(c.value or "").strip() for c in sheet[1]]
    if "Status" not in headers:
        return []
    column = headers.index("Status") + 1
    found = []
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=column)
        fill = cell.fill
        colour = fill.fgColor.rgb if fill is not None and fill.fill_type == "solid" else None
        empty = cell.value is None or str(cell.value).strip() == ""
        if empty and isinstance(colour, str) and colour.upper() not in ("FFFFFFFF", "00000000"):
            found.append((row, "#" + colour[-6:]))
    return found


class Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = path.name
        self.problems: list[CellProblem] = []
        self.colours: dict[int, str] = {}  # rows whose status is only a cell colour

    def problem(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(CellProblem(self.file, sheet, row, column, message))

    def read(self, existing: dict[str, Any] | None, code: str) -> dict[str, Any] | None:
        tables = _read_tables(self.path)
        org: dict[str, Any] = {}
        if "Organisation" in tables:
            org.update(self._organisation(tables["Organisation"]))
        elif existing:
            org.update({k: v for k, v in existing.items() if k not in ("reports", "responses")})
        else:
            self.problem("Organisation", 0, "", "a new organisation needs the Organisation sheet of the template")
        if "Reports" in tables:
            org["reports"] = self._reports(tables["Reports"])
        elif existing:
            org["reports"] = existing.get("reports") or []
        if org.get("code") not in (None, code):
            self.problem(
                "Organisation", 0, "code", f'found "{org.get("code")}"; expected "{code}", as given with --org'
            )
        org["code"] = code
        report_ids = {r.get("id") for r in org.get("reports") or []}
        if "Plan" not in tables:
            self.problem("Plan", 0, "", "the workbook has no Plan sheet")
            return None
        self.colours = dict(_colour_only_statuses(self.path))
        org["responses"] = self._plan(tables["Plan"], report_ids)
        known = {"Organisation", "Reports", "Plan", "Statuses", "Columns"}
        for name, rows in tables.items():
            if name not in known and any(any(c.strip() for c in row) for row in rows):
                self.problem(name, 0, "", "this sheet is not part of the template, so its contents would be lost")
        return None if self.problems else _ordered(org)

    def _organisation(self, rows: list[list[str]]) -> dict[str, Any]:
        fields = {f.name: f for f in ORGANISATION_FIELDS}
        values: dict[str, Any] = {}
        for number, row in enumerate(rows[1:], start=2):
            name = row[0].strip() if row else ""
            value = row[1].strip() if len(row) > 1 else ""
            if not name and not value:
                continue
            if name not in fields:
                self.problem("Organisation", number, "Field", f'found "{name}"; expected one of: {", ".join(fields)}')
            elif value:
                values[name] = self._check(fields[name], value, "Organisation", number, "Value")
            elif fields[name].required:
                self.problem("Organisation", number, "Value", f"{name} is required")
        return values

    def _reports(self, rows: list[list[str]]) -> list[dict[str, Any]]:
        header = [h.strip() for h in rows[0]] if rows else []
        fields = {f.name: f for f in REPORT_FIELDS}
        self._check_header("Reports", header, fields)
        reports = []
        for number, row in enumerate(rows[1:], start=2):
            cells = dict(zip(header, row, strict=False))
            if not any(v.strip() for v in cells.values()):
                continue
            report: dict[str, Any] = {}
            for name, field in fields.items():
                value = cells.get(name, "").strip()
                if value:
                    report[name] = self._check(field, value, "Reports", number, name)
                elif field.required:
                    self.problem("Reports", number, name, f"{name} is required for each report")
            reports.append(report)
        return reports

    def _check_header(self, sheet: str, header: list[str], known: Iterable[str]) -> None:
        known = set(known)
        for name in header:
            if name and name not in known:
                self.problem(sheet, 1, name, "this column is not part of the template, so its values would be lost")

    def _check(self, field: schema.Field, value: str, sheet: str, row: int, column: str) -> Any:
        """A cell's value converted for the data, or reported."""
        if field.kind == schema.NUMBER:
            if not re.fullmatch(r"\d+(?:\.0)?", value) or not field.low <= int(float(value)) <= field.high:
                self.problem(
                    sheet, row, column, f'found "{value}"; expected a whole number from {field.low} to {field.high}'
                )
                return value
            return int(float(value))
        if field.kind == schema.CHOICE and value not in field.choices:
            hint = " (see the Statuses sheet)" if field.name == "status" else ""
            self.problem(sheet, row, column, f'found "{value}"; expected one of: {", ".join(field.choices)}{hint}')
        elif field.kind == schema.DATE and date_problem(value):
            self.problem(sheet, row, column, f'found "{value}"; {date_problem(value)}')
        elif field.kind == schema.CODE and not CODE_RE.match(value):
            self.problem(sheet, row, column, f'found "{value}"; expected lower-case letters, digits and hyphens')
        elif field.kind == schema.TEXT_LIST:
            return [part.strip() for part in value.split(";") if part.strip()]
        return value

    def _plan(self, rows: list[list[str]], report_ids: set[Any]) -> list[dict[str, Any]]:
        header = [h.strip() for h in rows[0]] if rows else []
        by_header = {c.header: c for c in PLAN}
        self._check_header("Plan", header, by_header)
        specs = {
            "response": {f.name: f for f in schema.RESPONSE},
            "action": {f.name: f for f in schema.ACTION},
            "progress": {f.name: f for f in schema.PROGRESS},
        }
        responses: list[dict[str, Any]] = []
        first_row: dict[int, int] = {}
        for number, row in enumerate(rows[1:], start=2):
            cells = {h: v.strip() for h, v in zip(header, row, strict=False) if h in by_header}
            for index, value in enumerate(row):
                if value.strip() and (index >= len(header) or not header[index]):
                    self.problem(
                        "Plan", number, f"column {index + 1}", "this cell has no column heading, so it would be lost"
                    )
            if not any(cells.values()):
                continue
            parts: dict[str, dict[str, Any]] = {"response": {}, "action": {}, "progress": {}}
            for header_name, value in cells.items():
                column = by_header[header_name]
                if value:
                    spec = specs[column.level][column.field]
                    parts[column.level][column.field] = self._check(spec, value, "Plan", number, header_name)
            response_fields, action_fields, progress_fields = parts["response"], parts["action"], parts["progress"]
            for level, fields in (("response", response_fields), ("progress", progress_fields)):
                ref = fields.get("report")
                if ref and report_ids and ref not in report_ids:
                    heading = next(c.header for c in PLAN if c.level == level and c.field == "report")
                    self.problem("Plan", number, heading, f'found "{ref}"; expected a report id from the Reports sheet')
            recommendation = response_fields.get("recommendation")
            if recommendation is None:
                self.problem("Plan", number, "Recommendation", "every row needs the recommendation number")
                continue
            if number in self.colours and "status" not in progress_fields:
                self.problem(
                    "Plan",
                    number,
                    "Status",
                    f"the status is given only as a cell colour ({self.colours[number]}); type it in the cell, "
                    "one of: " + ", ".join(STATUS_CODES),
                )
            elif progress_fields and "status" not in progress_fields:
                self.problem(
                    "Plan", number, "Status", "a row with progress needs a status (not-rated if the report gives none)"
                )
            if action_fields and "description" not in action_fields:
                self.problem("Plan", number, "Action", "a row with action details needs the action itself")
            current = responses[-1] if responses and responses[-1]["recommendation"] == recommendation else None
            if current is None:
                if recommendation in first_row:
                    self.problem(
                        "Plan",
                        number,
                        "Recommendation",
                        f"recommendation {recommendation} also has rows from row {first_row[recommendation]}; "
                        "keep all the rows of a response together",
                    )
                first_row[recommendation] = number
                current = dict(response_fields)
                responses.append(current)
            else:
                self._same(current, response_fields, "response", number)
            if action_fields:
                actions = current.setdefault("actions", [])
                last = actions[-1] if actions else None
                if last is not None and all(last.get(k) == action_fields.get(k) for k in ("ref", "description")):
                    self._same(last, action_fields, "action", number)
                else:
                    last = dict(action_fields)
                    actions.append(last)
                if progress_fields:
                    last.setdefault("progress", []).append(progress_fields)
            elif progress_fields:
                current.setdefault("progress", []).append(progress_fields)
        return responses

    def _same(self, first: dict[str, Any], row: dict[str, Any], level: str, number: int) -> None:
        """A repeated response or action must say the same on every row."""
        for column in PLAN:
            if column.level != level or column.field in ("actions", "progress"):
                continue
            if row.get(column.field) != first.get(column.field):
                shown = _cell(row.get(column.field))
                self.problem(
                    "Plan",
                    number,
                    column.header,
                    f'found "{shown}", but an earlier row of the same {level} says "{_cell(first.get(column.field))}"; '
                    f"every row of a {level} must give the same {column.header.lower()}",
                )


def _ordered(org: dict[str, Any]) -> dict[str, Any]:
    """Fields in the schema's order, as in the hand-written files."""

    def order(record: dict[str, Any], fields: tuple[schema.Field, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in fields:
            if field.name not in record:
                continue
            value = record[field.name]
            if field.kind == schema.RECORDS:
                value = [order(item, field.record) for item in value]
            out[field.name] = value
        return out

    return order(org, schema.ORGANISATION)


# ---------- YAML out ----------


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def to_yaml(org: dict[str, Any]) -> str:
    return yaml.dump(org, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000, indent=2)
