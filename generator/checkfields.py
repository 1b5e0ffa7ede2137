"""Check one parsed file against a record declaration in schema.py."""

from __future__ import annotations

import calendar
import difflib
import re
from typing import Any

from .problems import Problem, show
from .schema import (
    CHOICE,
    CODE,
    DATE,
    MAPPING,
    NUMBER,
    RECORDS,
    TEXT,
    TEXT_LIST,
    URL,
    Field,
)
from .yamlload import Located

CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL_RE = re.compile(r"^https?://[^\s<>\"]+$")


def date_problem(value: str) -> str | None:
    """Why an ISO date, month or year string is not a real date, or None if it is."""
    match = DATE_RE.match(value)
    if not match:
        return "expected a date written as YYYY-MM-DD (or YYYY-MM, or YYYY), such as 2014-02-25"
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if not 1990 <= year <= 2100:
        return "expected a year between 1990 and 2100"
    if month is not None and not 1 <= month <= 12:
        return "there is no such month; expected a date written as YYYY-MM-DD"
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"there is no such day: {calendar.month_name[month]} {year} has " + (
            f"{calendar.monthrange(year, month)[1]} days"
        )
    return None


class FieldChecker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, path, message))

    def record(self, data: Any, fields: tuple[Field, ...], path: str, line: int) -> bool:
        """Check a mapping against fields; return False if it is not a mapping at all."""
        if not isinstance(data, Located):
            self.error(line, path, f"found {show(data)}; expected a block of fields ({_names(fields)})")
            return False
        known = _known(fields)
        if not known.keys() >= data.keys():
            for key in data:
                if key not in known:
                    close = difflib.get_close_matches(key, known, n=1)
                    guess = f'did you mean "{close[0]}"? ' if close else ""
                    self.error(
                        data.key_lines[key],
                        _join(path, key),
                        f"unknown field; {guess}expected one of: {_names(fields)}",
                    )
        for spec in fields:
            value = data.get(spec.name)
            if value is None:
                if spec.required:
                    self.error(data.line, _join(path, spec.name), f"this required field is missing{_hint(spec)}")
                continue
            # Most fields are text, and most text is fine: checked here, it skips a call and a path.
            if spec.kind == TEXT and value.__class__ is str and value.strip():
                continue
            self.value(value, spec, _join(path, spec.name), data.key_lines[spec.name])
        return True

    def value(self, value: Any, spec: Field, path: str, line: int) -> None:
        kind = spec.kind
        if kind == TEXT:
            self._text(value, path, line)
        elif kind == CODE:
            if not isinstance(value, str) or not CODE_RE.match(value):
                self.error(
                    line,
                    path,
                    f"found {show(value)}; expected a code of lower-case letters, digits and hyphens"
                    f" (such as bury-ccg){_hint(spec)}",
                )
        elif kind == DATE:
            problem = date_problem(value) if isinstance(value, str) else None
            if not isinstance(value, str):
                problem = "expected a date written as YYYY-MM-DD (or YYYY-MM, or YYYY)"
            if problem:
                self.error(line, path, f"found {show(value)}; {problem}")
        elif kind == URL:
            if not isinstance(value, str) or not URL_RE.match(value):
                self.error(line, path, f"found {show(value)}; expected a web address starting https://")
        elif kind == NUMBER:
            if isinstance(value, bool) or not isinstance(value, int) or not spec.low <= value <= spec.high:
                self.error(line, path, f"found {show(value)}; expected a whole number from {spec.low} to {spec.high}")
        elif kind == CHOICE:
            if value not in spec.choices:
                self.error(line, path, f"found {show(value)}; expected one of: {', '.join(spec.choices)}")
        elif kind == TEXT_LIST:
            if not isinstance(value, list):
                self.error(line, path, f"found {show(value)}; expected a list such as [CCG action]")
                return
            for i, item in enumerate(value):
                self._text(item, f"{path}[{i}]", line)
        elif kind == RECORDS:
            if not isinstance(value, list):
                self.error(line, path, f"found {show(value)}; expected a list of entries, each starting '- '")
                return
            for i, item in enumerate(value):
                item_line = item.line if isinstance(item, Located) else line
                self.record(item, spec.record, f"{path}[{i}]", item_line)
        elif kind == MAPPING:
            if not isinstance(value, Located):
                self.error(line, path, f"found {show(value)}; expected a block of named entries")
                return
            for key, item in value.items():
                if not CODE_RE.match(key):
                    self.error(value.key_lines[key], f"{path}.{key}", "expected a code as the name")
                self.record(item, spec.record, f"{path}.{key}", value.key_lines[key])

    def _text(self, value: Any, path: str, line: int) -> None:
        if isinstance(value, str):
            if not value.strip():
                self.error(line, path, "this text is empty; write the text, or remove the field")
            return
        if isinstance(value, bool):
            self.error(line, path, f"found {show(value)}; expected text: put it in quotes to keep it as text")
        elif isinstance(value, float):
            self.error(
                line, path, f"found {show(value)}; expected text: put it in quotes so it is kept exactly as typed"
            )
        elif not isinstance(value, int):
            self.error(line, path, f"found {show(value)}; expected a line of text")


_KNOWN: dict[int, tuple[tuple[Field, ...], dict[str, Field]]] = {}


def _known(fields: tuple[Field, ...]) -> dict[str, Field]:
    """The fields by name, worked out once per schema tuple (kept with it, so its id is never reused)."""
    cached = _KNOWN.get(id(fields))
    if cached is None or cached[0] is not fields:
        cached = _KNOWN[id(fields)] = (fields, {f.name: f for f in fields})
    return cached[1]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _names(fields: tuple[Field, ...]) -> str:
    return ", ".join(f.name for f in fields)


def _hint(spec: Field) -> str:
    return f"; expected {spec.expected}" if spec.expected else ""
