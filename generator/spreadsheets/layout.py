"""The spreadsheet's sheets and columns, all from the schema (model/): the template cannot drift from the
data format.

- "Organisation": one row per field of the organisation (field and value).
- "History sources", "Reports", "Status keys", "Left out": one row per record; a status key or a
  left-out part names its report in its first column.
- "Plan": one row per action, or per dated progress entry of an action when it has several. A response
  with no actions takes a row with the action columns empty. An action of the plan as a whole has no
  recommendation. "Action no." says which rows are the same action: rows of one action repeat it.
- "Statuses" and "Columns": for reference.

CSV holds the Plan sheet alone. Source notes, several to a cell, are one line each:
`kind[ recommendation][ (field)]: text`, such as `quotes-other-recommendation 140: ...`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import statuses
from ..model.fields import Spec, spec_map, spec_of
from ..model.kinds import show_lines
from ..model.lists import Records
from ..model.provenance import Citation, KeyEntry, LeftOut, SourceNote
from ..model.records import Action, Organisation, PlanAction, Progress, Report, Response

SEP = "; "  # between tags in one cell
ACTION_NO = "Action no."  # which rows are the same action (the layout's own column, not a field)
LEVELS: tuple[tuple[str, type], ...] = (("response", Response), ("action", PlanAction), ("progress", Progress))


@dataclass(frozen=True)
class Column:
    header: str
    level: str  # response, action or progress
    field: str
    help: str


def _plan_columns() -> tuple[Column, ...]:
    columns = []
    for level, record in LEVELS:
        if level == "action":
            columns.append(Column(ACTION_NO, "action", "", "Which action the row is: rows of one action repeat it"))
        columns += [Column(s.column, level, s.name, s.help) for s in spec_of(record) if s.column]
    return tuple(columns)


PLAN: tuple[Column, ...] = _plan_columns()
SPECS: dict[str, dict[str, Spec]] = {level: dict(spec_map(record)) for level, record in LEVELS}
SPECS["response"].pop("actions", None)
ORGANISATION_FIELDS = tuple(s for s in spec_of(Organisation) if not isinstance(s.kind, Records))
REPORT_FIELDS = tuple(s for s in spec_of(Report) if not isinstance(s.kind, Records) or s.name == "source_notes")


@dataclass(frozen=True)
class RecordSheet:
    """A sheet of records that belong to the organisation, or (`parent`) each to one of its reports."""

    name: str
    record: type
    field: str  # where the records are: a field of the organisation, or of each report
    parent: str = ""  # the column that names the report ("" for the organisation's own records)

    @property
    def fields(self) -> tuple[Spec, ...]:
        return spec_of(self.record)

    @property
    def headers(self) -> list[str]:
        return ([self.parent] if self.parent else []) + [s.name for s in self.fields]


HISTORY = RecordSheet("History sources", Citation, "history_sources")
KEYS = RecordSheet("Status keys", KeyEntry, "status_key", parent="report")
LEFT_OUT = RecordSheet("Left out", LeftOut, "left_out", parent="report")
RECORD_SHEETS = (HISTORY, KEYS, LEFT_OUT)
SHEETS = (
    "Read me",
    "Organisation",
    "History sources",
    "Reports",
    "Status keys",
    "Left out",
    "Plan",
    "Statuses",
    "Columns",
)
STATUS_CODES = statuses.codes(statuses.IMPLEMENTATION)

# The first sheet of the workbook, in plain English, for the person who keeps the plan up to date.
READ_ME = (
    "Your organisation's Francis Report action plan",
    "",
    "This workbook holds what the Francis Report progress website publishes for your organisation. Change it,",
    "save it (keep it as an Excel workbook, .xlsx), and upload it as the website's guide explains: the website",
    "checks every cell and tells you, row by row, anything it cannot read. Nothing is published until it can.",
    "",
    "The sheets",
    "Plan: one row for each action. A response with no actions has one row with the action columns empty.",
    "   When an action has progress from more than one report, it has one row for each report: copy the row,",
    "   keep its Action no., and give the new report, status and progress.",
    "   An action of your plan as a whole (not of one recommendation) leaves Recommendation empty and lists",
    "   the recommendations it addresses, separated by semicolons (123; 124).",
    "Reports: one row for each document you published (board paper, action plan, progress report). Add a row",
    "   for a new report, with its date and a short id such as q2-2026; the Plan sheet's drop-downs list them.",
    "Status keys: for each report, the ratings its document uses (G, Amber, N/A...) and what each means.",
    "Organisation, History sources, Left out: about your organisation and its documents.",
    "Statuses: the statuses you can choose (the Plan sheet's Status column offers them), and what each means.",
    "Columns: what to write in each column of the Plan sheet.",
    "",
    "Rules",
    "Type a status in the Status column (a colour alone is not read). Complete, Amber, not-started: all work.",
    "Type values, not formulas. Dates are written 2026-09-25, or 2026-09 or 2026 for a month or a year.",
    "Do not add sheets or columns: what the workbook has no place for would be lost, so the upload is refused.",
    "Words are kept exactly as you type them, including N/A.",
)


def status_cell(code: Any) -> str:
    """A status as the workbook shows it: its label, as people read it on the site ("Amber: some risk")."""
    if isinstance(code, str) and code in STATUS_CODES:
        return statuses.label(statuses.IMPLEMENTATION, code)
    return cell_text(code)


def cell_text(value: Any) -> str:
    """A value of the data as a cell's text: lists joined with semicolons, passages as line numbers, source
    notes one to a line."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], dict):  # source notes
            return "\n".join(note_text(note) for note in value)
        return SEP.join(str(v) for v in value)
    return str(value)


def note_text(note: dict[str, Any]) -> str:
    head = str(note.get("kind", ""))
    if note.get("recommendation") is not None:
        head += f" {note['recommendation']}"
    if note.get("field"):
        head += f" ({note['field']})"
    return f"{head}: {note['text']}" if note.get("text") else head


_NOTE = re.compile(r"^(?P<kind>[a-z-]+)(?: (?P<number>\d{1,3}))?(?: \((?P<field>[a-z_]+)\))?(?:: (?P<text>.+))?$")


def read_notes(cell: str) -> tuple[list[dict[str, Any]], str]:
    """The notes of a cell, and what is wrong with it ("" if nothing)."""
    notes: list[dict[str, Any]] = []
    for line in (line.strip() for line in cell.splitlines()):
        if not line:
            continue
        match = _NOTE.match(line)
        if not match:
            return notes, (
                f'found "{line[:60]}"; expected one note a line, written as kind, then the recommendation or '
                "(field) where it has one, then a colon and the text: garbled (lead): the first words are lost"
            )
        note: dict[str, Any] = {"kind": match["kind"]}
        if match["number"]:
            note["recommendation"] = int(match["number"])
        if match["field"]:
            note["field"] = match["field"]
        if match["text"]:
            note["text"] = match["text"].strip()
        notes.append(note)
    return notes, ""


__all__ = ["SEP", "Action", "SourceNote", "show_lines"]


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
