"""Kinds of field that hold several values: labels, recommendation numbers, and records (see kinds.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..check.problems import show
from .kinds import CODE_RE, Checker, Kind, Number, as_text, text_problem, whole_number

if TYPE_CHECKING:
    from .fields import Spec


class TextList(Kind):
    label = "list of text"
    default = ()

    def describe(self) -> str:
        return "A list of labels, such as [CCG action]."

    def check(self, checker: Checker, spec: Spec, value: Any, path: str, line: int) -> None:
        if not isinstance(value, list):
            checker.error(line, path, f"found {show(value)}; expected a list such as [CCG action]")
            return
        for i, item in enumerate(value):
            message = text_problem(item)
            if message:
                checker.error(line, f"{path}[{i}]", message)

    def model(self, value: Any) -> Any:
        return tuple(as_text(item) for item in value or ())

    def export(self, value: Any) -> Any:
        return "; ".join(value)


class NumberList(Kind):
    """A list of recommendation numbers, such as [123, 124]."""

    label = "list of numbers"
    default = ()
    table_type = "string"

    def __init__(self, low: int, high: int) -> None:
        self.number = Number(low, high)

    def describe(self) -> str:
        return f"A list of whole numbers from {self.number.low} to {self.number.high}, such as [123, 124]."

    def check(self, checker: Checker, spec: Spec, value: Any, path: str, line: int) -> None:
        if not isinstance(value, list):
            checker.error(line, path, f"found {show(value)}; expected a list of numbers such as [123, 124]")
            return
        for i, item in enumerate(value):
            message = self.number.problem(item, spec)
            if message:
                checker.error(line, f"{path}[{i}]", message)
        numbers = [whole_number(item) for item in value]
        if None not in numbers and len(set(numbers)) != len(numbers):
            checker.error(line, path, "a number is listed twice; list each once")

    def model(self, value: Any) -> Any:
        return tuple(whole_number(item) for item in value or ())

    def export(self, value: Any) -> Any:
        return "; ".join(str(n) for n in value)


class Records(Kind):
    """A list of records of one type, each starting '- ' in the file."""

    label = "list"
    default = ()

    def __init__(self, record: type) -> None:
        self.record = record

    def describe(self) -> str:
        return f"A list of {self.record.__name__.lower()} entries, each starting '- '."

    def check(self, checker: Checker, spec: Spec, value: Any, path: str, line: int) -> None:
        if not isinstance(value, list):
            checker.error(line, path, f"found {show(value)}; expected a list of entries, each starting '- '")
            return
        for i, item in enumerate(value):
            checker.record(item, self.record, f"{path}[{i}]", getattr(item, "line", line))


class Named(Kind):
    """A block of records of one type, each under its own code (the record's id)."""

    label = "named entries"
    default = ()

    def __init__(self, record: type) -> None:
        self.record = record

    def describe(self) -> str:
        return f"A block of {self.record.__name__.lower()} entries, each under its own code."

    def check(self, checker: Checker, spec: Spec, value: Any, path: str, line: int) -> None:
        if not isinstance(value, dict) or not hasattr(value, "key_lines"):
            checker.error(line, path, f"found {show(value)}; expected a block of named entries")
            return
        for key, item in value.items():
            if not CODE_RE.match(key):
                checker.error(value.key_lines[key], f"{path}.{key}", "expected a code as the name")
            checker.record(item, self.record, f"{path}.{key}", value.key_lines[key])
