"""Writing the template, or an organisation's data, as a workbook (XLSX) or its plan alone (CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import statuses
from ..model.fields import Spec
from ..publish.opendata import safe_cell
from .layout import (
    ORGANISATION_FIELDS,
    PLAN,
    RECORD_SHEETS,
    REPORT_FIELDS,
    STATUS_CODES,
    RecordSheet,
    SheetProblem,
    cell_text,
)
from .plan import plan_rows


def record_rows(sheet: RecordSheet, org: dict[str, Any]) -> list[list[str]]:
    if not sheet.parent:
        return [[cell_text(r.get(s.name)) for s in sheet.fields] for r in org.get(sheet.field) or []]
    return [
        [cell_text(report.get("id")), *(cell_text(r.get(s.name)) for s in sheet.fields)]
        for report in org.get("reports") or []
        for r in report.get(sheet.field) or []
    ]


CELL_LIMIT = 32767  # the most characters a spreadsheet cell holds: Excel and openpyxl cut the rest


def write_workbook(org: dict[str, Any] | None, path: Path) -> None:
    """The template (org None) or an organisation's data as an XLSX workbook. Every cell is text, never a
    formula, even where the text starts with "=". A text longer than a cell holds is refused (SheetProblem):
    the workbook would cut it, and the import would bring it back cut."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    data = org or {}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Organisation"
    _append(sheet, ["Field", "Value", "What to write"])
    for field in ORGANISATION_FIELDS:
        _append(sheet, [field.name, cell_text(data.get(field.name)), _field_help(field)])
    history = book.create_sheet(RECORD_SHEETS[0].name)
    _append(history, RECORD_SHEETS[0].headers)
    for row in record_rows(RECORD_SHEETS[0], data):
        _append(history, row)
    reports = book.create_sheet("Reports")
    _append(reports, [f.name for f in REPORT_FIELDS])
    for report in data.get("reports") or []:
        _append(reports, [cell_text(report.get(f.name)) for f in REPORT_FIELDS])
    for record_sheet in RECORD_SHEETS[1:]:
        ws = book.create_sheet(record_sheet.name)
        _append(ws, record_sheet.headers)
        for row in record_rows(record_sheet, data):
            _append(ws, row)
    plan = book.create_sheet("Plan")
    _append(plan, [c.header for c in PLAN])
    for row in plan_rows(data):
        _append(plan, row)
    status_column = next(i for i, c in enumerate(PLAN) if c.field == "status" and c.level == "progress")
    letter = plan.cell(row=1, column=status_column + 1).column_letter
    listed = DataValidation(type="list", formula1="=Statuses!$A$2:$A$" + str(len(STATUS_CODES) + 1), allow_blank=True)
    listed.error = "Choose a status from the Statuses sheet."
    plan.add_data_validation(listed)
    listed.add(f"{letter}2:{letter}5000")
    help_sheet = book.create_sheet("Statuses")
    _append(help_sheet, ["Status", "Label on the site", "Meaning"])
    for term in statuses.IMPLEMENTATION:
        _append(help_sheet, [term.code, term.label, term.definition])
    columns = book.create_sheet("Columns")
    _append(columns, ["Plan column", "What to write"])
    for column in PLAN:
        _append(columns, [column.header, column.help])
    for ws in book.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl writes text starting with "=" as a formula otherwise
                cell.number_format = "@"  # text, so Excel does not turn 1.1 into a number or N/A into an error
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    book.save(path)


def write_csv(org: dict[str, Any], path: Path) -> None:
    """The Plan sheet as CSV. A cell a spreadsheet would run as a formula gets an apostrophe in front, as
    the public downloads do; the import takes it off again (read.py)."""
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in PLAN])
        writer.writerows([safe_cell(cell) for cell in row] for row in plan_rows(org))


def _append(sheet: Any, values: list[str]) -> None:
    """A row at the foot of the sheet. openpyxl cuts a text longer than a cell holds without a word: here it
    is refused, naming the cell."""
    from openpyxl.utils import get_column_letter

    row = sheet._current_row + 1  # the row append() writes (reading a cell to find out would create it)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and len(value) > CELL_LIMIT:
            raise SheetProblem(
                f'sheet "{sheet.title}", cell {get_column_letter(column)}{row} would hold {len(value):,} characters, '
                f"and a spreadsheet cell holds at most {CELL_LIMIT:,}: the workbook would cut it. Export this "
                "organisation as CSV (--out plan.csv), or edit its data file"
            )
    sheet.append(values)


def _field_help(field: Spec) -> str:
    return ("Required. " if field.required else "") + field.kind.describe()
