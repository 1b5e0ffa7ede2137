"""Writing the template, or an organisation's data, as a workbook (XLSX) or its plan alone (CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import statuses
from ..model.fields import Spec
from .layout import ORGANISATION_FIELDS, PLAN, RECORD_SHEETS, REPORT_FIELDS, STATUS_CODES, RecordSheet, cell_text
from .plan import plan_rows


def record_rows(sheet: RecordSheet, org: dict[str, Any]) -> list[list[str]]:
    if not sheet.parent:
        return [[cell_text(r.get(s.name)) for s in sheet.fields] for r in org.get(sheet.field) or []]
    return [
        [cell_text(report.get("id")), *(cell_text(r.get(s.name)) for s in sheet.fields)]
        for report in org.get("reports") or []
        for r in report.get(sheet.field) or []
    ]


def write_workbook(org: dict[str, Any] | None, path: Path) -> None:
    """The template (org None) or an organisation's data as an XLSX workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    data = org or {}
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Organisation"
    sheet.append(["Field", "Value", "What to write"])
    for field in ORGANISATION_FIELDS:
        sheet.append([field.name, cell_text(data.get(field.name)), _field_help(field)])
    history = book.create_sheet(RECORD_SHEETS[0].name)
    history.append(RECORD_SHEETS[0].headers)
    for row in record_rows(RECORD_SHEETS[0], data):
        history.append(row)
    reports = book.create_sheet("Reports")
    reports.append([f.name for f in REPORT_FIELDS])
    for report in data.get("reports") or []:
        reports.append([cell_text(report.get(f.name)) for f in REPORT_FIELDS])
    for record_sheet in RECORD_SHEETS[1:]:
        ws = book.create_sheet(record_sheet.name)
        ws.append(record_sheet.headers)
        for row in record_rows(record_sheet, data):
            ws.append(row)
    plan = book.create_sheet("Plan")
    plan.append([c.header for c in PLAN])
    for row in plan_rows(data):
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


def _field_help(field: Spec) -> str:
    return ("Required. " if field.required else "") + field.kind.describe()
