"""The Plan sheet: an organisation's responses, actions and progress as rows, and back.

A row has up to three parts: the response's columns (blank for an action of the plan as a whole), the
action's (blank for a response's own progress, or a response with no actions) and a progress entry's.
Rows with the same recommendation and "Action no." are one action, so an action is never merged with
another worded alike; a row with no action number is a new action.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .layout import ACTION_NO, PLAN, SPECS, cell_text, status_cell

Check = Callable[[Any, str, int, str], Any]  # (spec, cell, row, header) -> the value for the data
Problem = Callable[[int, str, str], None]  # (row, header, message)


def plan_rows(org: dict[str, Any]) -> list[list[str]]:
    """The Plan sheet's rows for one organisation's raw data."""
    rows: list[list[str]] = []
    for response in org.get("responses") or []:
        own = {c.header: cell_text(response.get(c.field)) for c in PLAN if c.level == "response"}
        units: list[tuple[int, dict[str, Any] | None, list[dict[str, Any] | None]]] = []
        if response.get("progress") or not response.get("actions"):
            units.append((0, None, list(response.get("progress") or [])))
        units += [(i, a, list(a.get("progress") or [])) for i, a in enumerate(response.get("actions") or [], 1)]
        rows += _rows(own, units)
    blank = {c.header: "" for c in PLAN if c.level == "response"}
    for index, action in enumerate(org.get("actions") or [], start=1):
        own = {**blank, "First reported in": cell_text(action.get("report"))}
        rows += _rows(own, [(index, action, list(action.get("progress") or []))])
    return rows


def _rows(
    response: dict[str, str], units: list[tuple[int, dict[str, Any] | None, list[dict[str, Any] | None]]]
) -> Iterator[list[str]]:
    for number, action, progress in units:
        cells = {c.header: cell_text(action.get(c.field)) if action else "" for c in PLAN if c.level == "action"}
        cells[ACTION_NO] = str(number) if action else ""
        for entry in progress or [None]:
            entered = {c.header: _cell(c.field, entry) for c in PLAN if c.level == "progress"}
            merged = {**response, **cells, **entered}
            yield [merged[c.header] for c in PLAN]


def _cell(field: str, entry: dict[str, Any] | None) -> str:
    if entry is None:
        return ""
    return status_cell(entry.get(field)) if field == "status" else cell_text(entry.get(field))


@dataclass
class Grouper:
    """Rows read one at a time, into responses and the plan's own actions."""

    check: Check
    problem: Problem
    report_ids: set[Any]
    responses: list[dict[str, Any]] = field(default_factory=list)
    plan: list[dict[str, Any]] = field(default_factory=list)
    first_row: dict[int, int] = field(default_factory=dict)
    _actions: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)

    def add(self, number: int, cells: dict[str, str]) -> None:
        parts: dict[str, dict[str, Any]] = {"response": {}, "action": {}, "progress": {}}
        for column in PLAN:
            value = cells.get(column.header, "")
            if value and column.field:
                parts[column.level][column.field] = self.check(
                    SPECS[column.level][column.field], value, number, column.header
                )
        response, action, progress = parts["response"], parts["action"], parts["progress"]
        self._reports(number, response.get("report"), progress.get("report"))
        action_no = cells.get(ACTION_NO, "")
        if action and "description" not in action:
            self.problem(number, "Action", "a row with action details needs the action itself")
        if "recommendation" not in response:
            self._plan_row(number, response, action, progress, action_no)
            return
        recommendation = response["recommendation"]
        current = (
            self.responses[-1] if self.responses and self.responses[-1]["recommendation"] == recommendation else None
        )
        if current is None:
            if recommendation in self.first_row:
                self.problem(
                    number,
                    "Recommendation",
                    f"recommendation {recommendation} also has rows from row {self.first_row[recommendation]}; "
                    "keep all the rows of a response together",
                )
            self.first_row[recommendation] = number
            current = dict(response)
            self.responses.append(current)
        else:
            self.same(current, response, "response", number)
        if action or action_no:
            self._action(number, current.setdefault("actions", []), (recommendation, action_no), action, progress)
        elif progress:
            current.setdefault("progress", []).append(progress)

    def _plan_row(
        self, number: int, response: dict[str, Any], action: dict[str, Any], progress: dict[str, Any], action_no: str
    ) -> None:
        extra = {k: v for k, v in response.items() if k != "report"}
        if extra or not (action or action_no):
            self.problem(
                number,
                "Recommendation",
                "every row needs the recommendation number, or an action of the plan as a whole",
            )
            return
        action = {**action, "report": response.get("report")} if response.get("report") else dict(action)
        if "report" not in action and not (action_no and (0, action_no) in self._actions):
            self.problem(number, "First reported in", "an action of the plan as a whole needs the report it comes from")
        self._action(number, self.plan, (0, action_no), action, progress)

    def _action(
        self,
        number: int,
        actions: list[dict[str, Any]],
        key: tuple[int, str],
        fields: dict[str, Any],
        progress: dict[str, Any],
    ) -> None:
        known = self._actions.get(key) if key[1] else None
        if known is None:
            known = dict(fields)
            actions.append(known)
            if key[1]:
                self._actions[key] = known
        else:
            self.same(known, fields, "action", number)
        if progress:
            known.setdefault("progress", []).append(progress)

    def _reports(self, number: int, *refs: Any) -> None:
        for ref, header in zip(refs, ("First reported in", "Progress report"), strict=True):
            if ref and self.report_ids and ref not in self.report_ids:
                self.problem(number, header, f'found "{ref}"; expected a report id from the Reports sheet')

    def same(self, first: dict[str, Any], row: dict[str, Any], level: str, number: int) -> None:
        """A repeated response or action must say the same on every row."""
        for column in PLAN:
            if column.level != level or not column.field:
                continue
            if row.get(column.field) != first.get(column.field):
                shown, earlier = cell_text(row.get(column.field)), cell_text(first.get(column.field))
                self.problem(
                    number,
                    column.header,
                    f'found "{shown}", but an earlier row of the same {level} says "{earlier}"; '
                    f"every row of a {level} must give the same {column.header.lower()}",
                )
