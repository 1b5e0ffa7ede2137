"""Reading a workbook or CSV back into an organisation's data. Every cell is checked, and every problem is
reported with sheet, row, column, the value and what is expected. Nothing is dropped silently: a cell
that would not land in the data is an error."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model.fields import Spec, spec_of
from ..model.kinds import Choice, Number, Records, TextList
from ..model.records import Organisation
from .columns import ORGANISATION_FIELDS, PLAN, REPORT_FIELDS, SPECS, STATUS_CODES, CellProblem, SheetProblem, cell_text


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

    def _check(self, field: Spec, value: str, sheet: str, row: int, column: str) -> Any:
        """A cell's value converted for the data, or reported, as the field's kind says."""
        kind = field.kind
        if isinstance(kind, Number):
            number = int(float(value)) if re.fullmatch(r"\d+(?:\.0)?", value) else value
            message = kind.problem(number, field)
            if message:
                self.problem(sheet, row, column, message.replace(f"found {number}", f'found "{value}"', 1))
                return value
            return number
        if isinstance(kind, TextList):
            return [part.strip() for part in value.split(";") if part.strip()]
        message = kind.problem(value, field)
        if message:
            hint = " (see the Statuses sheet)" if isinstance(kind, Choice) and field.name == "status" else ""
            self.problem(sheet, row, column, message + hint)
        return value

    def _plan(self, rows: list[list[str]], report_ids: set[Any]) -> list[dict[str, Any]]:
        header = [h.strip() for h in rows[0]] if rows else []
        by_header = {c.header: c for c in PLAN}
        self._check_header("Plan", header, by_header)
        specs = SPECS
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
                shown, earlier = cell_text(row.get(column.field)), cell_text(first.get(column.field))
                self.problem(
                    "Plan",
                    number,
                    column.header,
                    f'found "{shown}", but an earlier row of the same {level} says "{earlier}"; '
                    f"every row of a {level} must give the same {column.header.lower()}",
                )


def _ordered(org: dict[str, Any]) -> dict[str, Any]:
    """Fields in the schema's order, as in the hand-written files."""

    def order(record: dict[str, Any], fields: tuple[Spec, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in fields:
            if field.name not in record:
                continue
            value = record[field.name]
            if isinstance(field.kind, Records):
                value = [order(item, spec_of(field.kind.record)) for item in value]
            out[field.name] = value
        return out

    return order(org, spec_of(Organisation))
