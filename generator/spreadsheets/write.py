"""Writing the template, or an organisation's data, as a workbook (XLSX) made for the people who keep it
up to date, or its plan alone (CSV).

The workbook opens on a "Read me" sheet in plain English. Every sheet has its headings frozen and
filters on them, columns wide enough to read, text wrapped; the Plan sheet offers the statuses and the
report ids as drop-downs; full dates are real date cells. Every other cell is text, never a formula,
even where the text starts with "=". A text longer than a cell holds is refused (SheetProblem): the
workbook would cut it, and the import would bring it back cut."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..model import statuses
from ..model.fields import Spec
from ..model.kinds import Date
from ..publish.opendata import safe_cell
from .layout import (
    ORGANISATION_FIELDS,
    PLAN,
    READ_ME,
    RECORD_SHEETS,
    REPORT_FIELDS,
    SPECS,
    RecordSheet,
    SheetProblem,
    cell_text,
    status_cell,
)
from .plan import plan_rows

CELL_LIMIT = 32767  # the most characters a spreadsheet cell holds: Excel and openpyxl cut the rest
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Columns people write paragraphs in are wide; the rest fit a word or two, or a date.
_WIDE = {"position", "quoted_text", "description", "text", "outcome", "evidence", "notes", "meaning", "what", "why"}
_WIDE |= {"quote", "title", "source_notes", "government_response", "date_note", "name", "summary"}
_CREATED = dt.datetime(2013, 2, 6)  # the Inquiry's report: a fixed date, so the same data makes the same file


def record_rows(sheet: RecordSheet, org: dict[str, Any]) -> list[list[str]]:
    def row(record: dict[str, Any]) -> list[str]:
        return [
            status_cell(record.get(s.name)) if s.name == "status" else cell_text(record.get(s.name))
            for s in sheet.fields
        ]

    if not sheet.parent:
        return [row(r) for r in org.get(sheet.field) or []]
    return [
        [cell_text(report.get("id")), *row(r)]
        for report in org.get("reports") or []
        for r in report.get(sheet.field) or []
    ]


def write_workbook(org: dict[str, Any] | None, path: Path) -> None:
    """The template (org None) or an organisation's data as an XLSX workbook, written with XlsxWriter
    (several times faster than openpyxl: every organisation page offers its own)."""
    import xlsxwriter

    data = org or {}
    sheets: list[tuple[str, list[str], list[list[str]], list[Spec | None]]] = []
    sheets.append(
        (
            "Organisation",
            ["Field", "Value", "What to write"],
            [[f.name, cell_text(data.get(f.name)), _field_help(f)] for f in ORGANISATION_FIELDS],
            [None, None, None],
        )
    )
    history = RECORD_SHEETS[0]
    sheets.append((history.name, history.headers, record_rows(history, data), list(history.fields)))
    report_rows = [[cell_text(report.get(f.name)) for f in REPORT_FIELDS] for report in data.get("reports") or []]
    sheets.append(("Reports", [f.name for f in REPORT_FIELDS], report_rows, list(REPORT_FIELDS)))
    for record_sheet in RECORD_SHEETS[1:]:
        specs: list[Spec | None] = [None] if record_sheet.parent else []
        specs += record_sheet.fields
        sheets.append((record_sheet.name, record_sheet.headers, record_rows(record_sheet, data), specs))
    plan_specs = [SPECS[c.level].get(c.field) if c.field else None for c in PLAN]
    sheets.append(("Plan", [c.header for c in PLAN], plan_rows(data), plan_specs))
    terms = [[t.label, t.code, t.definition] for t in statuses.IMPLEMENTATION]
    sheets.append(("Statuses", ["Status", "Or type", "Meaning"], terms, [None, None, None]))
    sheets.append(("Columns", ["Plan column", "What to write"], [[c.header, c.help] for c in PLAN], [None, None]))
    for name, _headers, rows, _specs in sheets:
        _fits(name, rows)

    # in_memory: each part is assembled in memory rather than in a temporary file (a plan is a few MB at most)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    book = xlsxwriter.Workbook(str(path), options)
    book.set_properties({"title": "Francis Report action plan", "created": _CREATED})  # the same every time
    styles = _Styles(book)
    read_me = book.add_worksheet("Read me")
    read_me.set_column(0, 0, 110)
    _printed(read_me)
    for number, line in enumerate(READ_ME):
        read_me.write_string(number, 0, line, styles.title if number == 0 else styles.plain)
    for name, headers, rows, specs in sheets:
        sheet = book.add_worksheet(name)
        _table(sheet, styles, headers, rows, specs)
        if name == "Organisation":
            for number, field in enumerate(ORGANISATION_FIELDS, start=1):
                _cell(sheet, styles, number, 1, rows[number - 1][1], field)
        for index, header in enumerate(headers):
            column = PLAN[index] if name == "Plan" else None
            if (column and column.level == "progress" and column.field == "status") or header == "status":
                _choose(sheet, index, f"=Statuses!$A$2:$A${len(terms) + 1}")
            if column and column.field == "report":
                _choose(sheet, index, f"=Reports!$A$2:$A${len(report_rows) + 200}")
    book.close()


class _Styles:
    def __init__(self, book: Any) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#D8DDE0", "text_wrap": True, "valign": "top"})
        self.text = book.add_format({"text_wrap": True, "valign": "top", "num_format": "@"})
        self.date = book.add_format({"valign": "top", "num_format": "yyyy-mm-dd"})
        self.plain = book.add_format({})
        self.title = book.add_format({"bold": True, "font_size": 14})


def _fits(sheet: str, rows: list[list[str]]) -> None:
    """Refuse a text longer than a cell holds, naming the cell (the workbook would cut it)."""
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row):
            if len(value) > CELL_LIMIT:
                raise SheetProblem(
                    f'sheet "{sheet}", cell {_letter(column)}{number} would hold {len(value):,} characters, and a '
                    f"spreadsheet cell holds at most {CELL_LIMIT:,}: the workbook would cut it. Export this "
                    "organisation as CSV (--out plan.csv), or edit its data file"
                )


def _letter(column: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(column))


def _table(sheet: Any, styles: _Styles, headers: list[str], rows: list[list[str]], specs: list[Spec | None]) -> None:
    """A sheet of records: bold, frozen headings with filters, wrapped text, and widths by what each column
    holds."""
    for column, header in enumerate(headers):
        sheet.write_string(0, column, header, styles.header)
        # Empty cells, and those of rows people add, take the column's format: text, wrapped (a blank cell
        # written in each would be a third of the workbook's cells and of the time it takes to make).
        sheet.set_column(column, column, _width(header, specs[column]), styles.text)
    widths = [_width(header, spec) for header, spec in zip(headers, specs, strict=True)]
    for number, row in enumerate(rows, start=1):
        lines = 1
        for column, value in enumerate(row):
            if not value:  # half the cells of a plan: the column's format is theirs
                continue
            _cell(sheet, styles, number, column, value, specs[column])
            if len(value) > widths[column] - 2 or "\n" in value:  # else it fits on one line
                lines = max(lines, _lines(value, widths[column]))
        # Tall enough for its wrapped text: spreadsheets do not always work it out when they open a file.
        if lines > 1:
            sheet.set_row(number, min(_LINE_HEIGHT * lines, _TALLEST))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    sheet.repeat_rows(0)  # the headings on every printed page
    _printed(sheet)


def _printed(sheet: Any) -> None:
    """Printed on A4, landscape, one page wide."""
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)


def _cell(sheet: Any, styles: _Styles, row: int, column: int, value: str, spec: Spec | None) -> None:
    """A value as text (never a formula, even if it starts with "="), or a whole date in a date field as a
    real date (people sort and filter by them); nothing for an empty value (its column is formatted)."""
    if spec is not None and isinstance(spec.kind, Date) and _FULL_DATE.match(value):
        sheet.write_datetime(row, column, dt.datetime.fromisoformat(value), styles.date)
    elif value:
        sheet.write_string(row, column, value, styles.text)


_LINE_HEIGHT, _TALLEST = 15, 409  # points: a line of the default font; the tallest row Excel allows


def _lines(text: str, width: int) -> int:
    """About how many lines a text takes when wrapped in a column `width` characters wide."""
    return sum(max(1, -(-len(line) // max(width - 2, 1))) for line in text.split("\n")) if text else 1


def _width(header: str, spec: Spec | None) -> int:
    if spec is not None and spec.name in _WIDE:
        return 50
    return max(12, min(24, len(header) + 4))


def _choose(sheet: Any, index: int, source: str) -> None:
    """A drop-down on a column, from a list on another sheet. Typing something else is allowed (a
    warning, not a refusal): the import says what is wrong with it, naming the row."""
    sheet.data_validation(
        1,
        index,
        4999,
        index,
        {
            "validate": "list",
            "source": source,
            "error_type": "warning",
            "error_message": "This is not in the list. The import will tell you if it cannot read it.",
        },
    )


def write_csv(org: dict[str, Any], path: Path) -> None:
    """The Plan sheet as CSV. A cell a spreadsheet would run as a formula gets an apostrophe in front, as
    the public downloads do; the import takes it off again (read.py)."""
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in PLAN])
        writer.writerows([safe_cell(cell) for cell in row] for row in plan_rows(org))


def _field_help(field: Spec) -> str:
    return ("Required. " if field.required else "") + field.kind.describe()
