"""The spreadsheet's columns and sheets, from the schema (model/records.py): the template cannot drift
from the data format. A workbook has the sheets "Organisation" (field and value), "Reports" (one row per
report), "Plan" (one row per action, or per dated progress entry of an action when it has several; a
response with no actions takes one row with the action columns empty), "Statuses" and "Columns" (for
reference). CSV holds the Plan sheet alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import statuses
from ..model.fields import Spec, spec_of
from ..model.kinds import Named, Records
from ..model.records import Action, Organisation, Progress, Report, Response

SEP = "; "  # between tags in one cell
LEVELS: tuple[tuple[str, type], ...] = (("response", Response), ("action", Action), ("progress", Progress))


@dataclass(frozen=True)
class Column:
    header: str
    level: str  # response, action or progress
    field: str
    help: str


PLAN: tuple[Column, ...] = tuple(
    Column(spec.column, level, spec.name, spec.help)
    for level, record in LEVELS
    for spec in spec_of(record)
    if spec.column
)
SPECS: dict[str, dict[str, Spec]] = {level: {s.name: s for s in spec_of(record)} for level, record in LEVELS}
ORGANISATION_FIELDS = tuple(s for s in spec_of(Organisation) if not isinstance(s.kind, Records | Named))
REPORT_FIELDS = spec_of(Report)
STATUS_CODES = statuses.codes(statuses.IMPLEMENTATION)


def cell_text(value: Any) -> str:
    """A value of the data as a cell's text: lists joined with semicolons."""
    if value is None:
        return ""
    if isinstance(value, list):
        return SEP.join(str(v) for v in value)
    return str(value)


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
