"""Reading a workbook or CSV back into an organisation's data. Every cell is checked, and every problem is
reported with sheet, row, column, the value and what is expected. Nothing is dropped silently: a cell
that would not land in the data is an error."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..load.text import TextError, decode
from ..model.fields import Spec, spec_of
from ..model.kinds import Choice, Number
from ..model.lists import NumberList, Records, TextList
from ..model.records import Organisation
from ..model.statuses import IMPLEMENTATION, read_status
from ..publish.opendata import DANGEROUS
from .layout import (
    ORGANISATION_FIELDS,
    PLAN,
    RECORD_SHEETS,
    REPORT_FIELDS,
    SHEETS,
    STATUS_CODES,
    CellProblem,
    RecordSheet,
    SheetProblem,
    read_notes,
)
from .plan import Grouper


def _read_tables(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet as rows of text cells, header first. "N/A" and "NA" stay text."""
    import pandas as pd

    if path.suffix.lower() == ".csv":
        try:
            text = decode(path.read_bytes())
        except TextError as exc:
            raise SheetProblem(f"{path.name}, line {exc.line}: {exc.message}") from exc
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, header=None)
        except pd.errors.EmptyDataError:
            return {"Plan": []}
        except pd.errors.ParserError as exc:
            raise SheetProblem(f"{path.name}: this is not a CSV file the import can read ({exc})") from exc
        return {"Plan": [[_unguarded(cell) for cell in row] for row in frame.values.tolist()]}
    if path.suffix.lower() != ".xlsx":
        raise SheetProblem(f"{path.name}: expected an .xlsx workbook or a .csv file")
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False, na_filter=False, header=None)
    except Exception as exc:  # not a zip, a zip that is not a workbook, a damaged workbook: all say the same
        raise SheetProblem(
            f"{path.name} is not an Excel workbook the import can read: open it in Excel or LibreOffice and save "
            "it as an Excel workbook (.xlsx)"
        ) from exc
    return {name: [[_text(v) for v in row] for row in frame.values.tolist()] for name, frame in sheets.items()}


def _unguarded(cell: str) -> str:
    """A CSV cell without the apostrophe the export puts before text a spreadsheet would run as a formula."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(DANGEROUS) else cell


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"^(\d{4}-\d{2}-\d{2}) 00:00:00$", r"\1", text)  # a date Excel stored as a date


def _formulas(path: Path) -> list[tuple[str, int, str, str]]:
    """Every cell that holds a formula, as (sheet, row, column heading, formula). The import reads what is
    typed: a formula's value may be missing from the file, or stale, and it would change without notice."""
    if path.suffix.lower() != ".xlsx":
        return []
    from openpyxl import load_workbook

    found = []
    for sheet in load_workbook(path).worksheets:  # not read-only: that mode misreads some saved workbooks
        headers = [str(c.value or "").strip() for c in sheet[1]] if sheet.max_row else []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    named = headers[cell.column - 1] if cell.column - 1 < len(headers) else ""
                    found.append((sheet.title, cell.row, named or cell.coordinate, str(cell.value)))
    return found


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

    def problem(self, sheet: str, row: int, column: str, message: str) -> None:
        self.problems.append(CellProblem(self.file, sheet, row, column, message))

    def read(self, existing: dict[str, Any] | None, code: str) -> dict[str, Any] | None:
        tables = _read_tables(self.path)
        for name, row, column, formula in _formulas(self.path):
            shown = formula if len(formula) <= 60 else formula[:57] + "..."
            self.problem(
                name, row, column, f"this cell holds a formula ({shown}); type the value itself, not a formula"
            )
        org: dict[str, Any] = {}
        kept = {"responses", "actions"}  # what the Plan sheet gives; the rest from the data where no sheet does
        if "Organisation" in tables:
            org.update(self._organisation(tables["Organisation"]))
        elif existing:
            org.update({k: v for k, v in existing.items() if k not in {"reports", "history_sources", *kept}})
        else:
            self.problem("Organisation", 0, "", "a new organisation needs the Organisation sheet of the template")
        if "Reports" in tables:
            org["reports"] = self._reports(tables["Reports"])
            for sheet in RECORD_SHEETS[1:]:
                self._into_reports(sheet, tables.get(sheet.name, []), org["reports"])
        elif existing:
            org["reports"] = existing.get("reports") or []
        if RECORD_SHEETS[0].name in tables:
            found = self._records(RECORD_SHEETS[0], tables[RECORD_SHEETS[0].name])
            if found:
                org["history_sources"] = [record for _parent, record in found]
        elif existing and existing.get("history_sources"):
            org["history_sources"] = existing["history_sources"]
        if org.get("code") not in (None, code):
            self.problem(
                "Organisation", 0, "code", f'found "{org.get("code")}"; expected "{code}", as given with --org'
            )
        org["code"] = code
        if "Plan" not in tables:
            self.problem("Plan", 0, "", "the workbook has no Plan sheet")
            return None
        org["responses"], actions = self._plan(tables["Plan"], {r.get("id") for r in org.get("reports") or []})
        if actions:
            org["actions"] = actions
        for name, rows in tables.items():
            if name not in SHEETS and any(any(c.strip() for c in row) for row in rows):
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
                values[name] = self.check(fields[name], value, "Organisation", number, "Value")
            elif fields[name].required:
                self.problem("Organisation", number, "Value", f"{name} is required")
        return values

    def _reports(self, rows: list[list[str]]) -> list[dict[str, Any]]:
        return [record for _parent, record in self._table("Reports", rows, {f.name: f for f in REPORT_FIELDS})]

    def _records(self, sheet: RecordSheet, rows: list[list[str]]) -> list[tuple[str, dict[str, Any]]]:
        return self._table(sheet.name, rows, {s.name: s for s in sheet.fields}, sheet.parent)

    def _into_reports(self, sheet: RecordSheet, rows: list[list[str]], reports: list[dict[str, Any]]) -> None:
        by_id = {r.get("id"): r for r in reports}
        for number, (parent, record) in enumerate(self._records(sheet, rows), start=2):
            if parent not in by_id:
                self.problem(
                    sheet.name, number, sheet.parent, f'found "{parent}"; expected a report id from the Reports sheet'
                )
                continue
            by_id[parent].setdefault(sheet.field, []).append(record)

    def _table(
        self, sheet: str, rows: list[list[str]], fields: dict[str, Spec], parent: str = ""
    ) -> list[tuple[str, dict[str, Any]]]:
        """The records of a sheet with a header row; `parent` names its first column (a report id)."""
        header = [h.strip() for h in rows[0]] if rows else []
        self._check_header(sheet, header, [*([parent] if parent else []), *fields])
        found = []
        for number, row in enumerate(rows[1:], start=2):
            cells = {h: v.strip() for h, v in zip(header, row, strict=False)}
            if not any(cells.values()):
                continue
            record: dict[str, Any] = {}
            for name, spec in fields.items():
                value = cells.get(name, "")
                if value:
                    record[name] = self.check(spec, value, sheet, number, name)
                elif spec.required:
                    self.problem(sheet, number, name, f"{name} is required")
            found.append((cells.get(parent, ""), record))
        return found

    def _check_header(self, sheet: str, header: list[str], known: Iterable[str]) -> None:
        known = set(known)
        for name in header:
            if name and name not in known:
                self.problem(sheet, 1, name, "this column is not part of the template, so its values would be lost")

    def check(self, field: Spec, value: str, sheet: str, row: int, column: str) -> Any:
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
        if isinstance(kind, NumberList):
            parts = [part.strip() for part in value.split(";") if part.strip()]
            if not all(part.isdigit() for part in parts):
                self.problem(
                    sheet, row, column, f'found "{value}"; expected recommendation numbers separated by semicolons'
                )
                return parts
            return [int(part) for part in parts]
        if isinstance(kind, Records):  # source notes, several to a cell
            notes, message = read_notes(value)
            if message:
                self.problem(sheet, row, column, message)
            return notes
        if isinstance(kind, Choice) and kind.choices == STATUS_CODES:
            code = read_status(value)
            if code is None:
                labels = ", ".join(t.label for t in IMPLEMENTATION)
                self.problem(
                    sheet, row, column, f'found "{value}"; expected a status from the Statuses sheet: {labels}'
                )
                return value
            return code
        message = kind.problem(value, field)
        if message:
            self.problem(sheet, row, column, message)
        return value

    def _plan(self, rows: list[list[str]], report_ids: set[Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        header = [h.strip() for h in rows[0]] if rows else []
        by_header = {c.header: c for c in PLAN}
        self._check_header("Plan", header, by_header)
        colours = dict(_colour_only_statuses(self.path))

        def check(spec: Spec, value: str, row: int, column: str) -> Any:
            return self.check(spec, value, "Plan", row, column)

        grouper = Grouper(check, lambda row, column, message: self.problem("Plan", row, column, message), report_ids)
        for number, row in enumerate(rows[1:], start=2):
            cells = {h: v.strip() for h, v in zip(header, row, strict=False) if h in by_header}
            for index, value in enumerate(row):
                if value.strip() and (index >= len(header) or not header[index]):
                    self.problem(
                        "Plan", number, f"column {index + 1}", "this cell has no column heading, so it would be lost"
                    )
            if not any(cells.values()):
                continue
            if number in colours and not cells.get("Status"):
                self.problem(
                    "Plan",
                    number,
                    "Status",
                    f"the status is given only as a cell colour ({colours[number]}); type it in the cell, "
                    "one of: " + ", ".join(STATUS_CODES),
                )
            grouper.add(number, cells)
        return grouper.responses, grouper.plan


def _ordered(org: dict[str, Any]) -> dict[str, Any]:
    """Fields in the schema's order, as in the hand-written files."""

    def order(record: dict[str, Any], fields: tuple[Spec, ...]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in fields:
            if spec.name not in record:
                continue
            value = record[spec.name]
            if spec.record is not None:
                value = [order(item, spec_of(spec.record)) for item in value]
            out[spec.name] = value
        return out

    return order(org, spec_of(Organisation))
