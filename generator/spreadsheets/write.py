"""Writing the template, or an organisation's data, as a workbook (XLSX) or its plan alone (CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import statuses
from ..model.fields import Spec
from .columns import ORGANISATION_FIELDS, PLAN, REPORT_FIELDS, STATUS_CODES, cell_text


def plan_rows(org: dict[str, Any]) -> list[list[str]]:
    """The Plan sheet's rows for one organisation's raw data."""
    rows: list[list[str]] = []
    for response in org.get("responses") or []:
        response_cells = {c.header: cell_text(response.get(c.field)) for c in PLAN if c.level == "response"}
        units: list[tuple[dict[str, Any] | None, list[dict[str, Any] | None]]] = []
        if response.get("progress") or not response.get("actions"):
            units.append((None, list(response.get("progress") or [])))
        units += [(action, list(action.get("progress") or [])) for action in response.get("actions") or []]
        for action, progress in units:
            action_cells = {
                c.header: cell_text(action.get(c.field)) if action else "" for c in PLAN if c.level == "action"
            }
            for entry in progress or [None]:
                progress_cells = {
                    c.header: cell_text(entry.get(c.field)) if entry else "" for c in PLAN if c.level == "progress"
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
        value = cell_text(org.get(field.name)) if org else ""
        sheet.append([field.name, value, _field_help(field)])
    reports = book.create_sheet("Reports")
    reports.append([f.name for f in REPORT_FIELDS])
    for report in (org or {}).get("reports") or []:
        reports.append([cell_text(report.get(f.name)) for f in REPORT_FIELDS])
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


def _field_help(field: Spec) -> str:
    return ("Required. " if field.required else "") + field.kind.describe()
