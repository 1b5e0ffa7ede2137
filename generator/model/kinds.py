"""What a field may hold. Each kind owns its check (with the message a person reads), its help text and
the value the model keeps, so the validator, the spreadsheets and the docs all say the same thing."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..check.problems import show
from .dates import period_end

if TYPE_CHECKING:
    from .fields import Spec

CODE_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
URL_RE = re.compile(r"^https?://[^\s<>\"]+$")


class Checker(Protocol):
    """What a kind needs from the validator walking a file: somewhere to put errors, and a way into a
    nested record (see check/fields.py)."""

    def error(self, line: int, path: str, message: str) -> None: ...

    def record(self, data: Any, record: type, path: str, line: int) -> bool: ...


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


def text_problem(value: Any) -> str | None:
    """Why a value is not a line of text, or None. Whole numbers typed without quotes are kept as text."""
    if isinstance(value, str):
        return None if value.strip() else "this text is empty; write the text, or remove the field"
    if isinstance(value, bool):
        return f"found {show(value)}; expected text: put it in quotes to keep it as text"
    if isinstance(value, float):
        return f"found {show(value)}; expected text: put it in quotes so it is kept exactly as typed"
    if not isinstance(value, int):
        return f"found {show(value)}; expected a line of text"
    return None


def as_text(value: Any) -> str:
    """Validated text as the model keeps it; whole numbers typed without quotes keep their digits."""
    return "" if value is None else str(value).strip()


class Kind:
    """A kind of field. `describe` is the help a person reads (docs, spreadsheets); `check` reports what
    is wrong with a value; `model` gives the value the model keeps."""

    label = "text"  # one word or two, for the docs' tables
    default: Any = ""  # the model's value when the field is left out
    table_type = "string"  # its type in the open data's Table Schema

    def describe(self) -> str:
        return "Text."

    def check(self, checker: Checker, spec: Spec, value: Any, path: str, line: int) -> None:
        message = self.problem(value, spec)
        if message:
            checker.error(line, path, message)

    def problem(self, value: Any, spec: Spec) -> str | None:
        return text_problem(value)

    def model(self, value: Any) -> Any:
        return as_text(value)

    def export(self, value: Any) -> Any:
        """The model's value as the open data gives it."""
        return value


class Text(Kind):
    pass


class Code(Kind):
    label = "code"

    def describe(self) -> str:
        return "A code: lower-case letters, digits and hyphens."

    def problem(self, value: Any, spec: Spec) -> str | None:
        if isinstance(value, str) and CODE_RE.match(value):
            return None
        return (
            f"found {show(value)}; expected a code of lower-case letters, digits and hyphens (such as bury-ccg)"
            f"{spec.hint}"
        )

    def model(self, value: Any) -> Any:
        return "" if value is None else value


class Reference(Code):
    """A code naming another record in the same file (a report's id): the model holds that record."""

    label = "reference"

    def __init__(self, to: str) -> None:
        self.to = to  # what it names, in words

    def describe(self) -> str:
        return f"The id of {self.to}."

    def export(self, value: Any) -> Any:
        return value.id


class Date(Kind):
    label = "date"

    def describe(self) -> str:
        return "A date: YYYY-MM-DD, or YYYY-MM or YYYY where only a month or a year is known."

    def problem(self, value: Any, spec: Spec) -> str | None:
        if not isinstance(value, str):
            return f"found {show(value)}; expected a date written as YYYY-MM-DD (or YYYY-MM, or YYYY)"
        problem = date_problem(value)
        return f"found {show(value)}; {problem}" if problem else None

    def model(self, value: Any) -> Any:
        return "" if value is None else str(value)


class Deadline(Date):
    """A date that stands for the last day it covers (2014-03 is 31 March 2014)."""

    default = None
    table_type = "date"

    def model(self, value: Any) -> Any:
        return period_end(value) if value else None

    def export(self, value: Any) -> Any:
        return value.isoformat() if value else ""


class Url(Kind):
    label = "web address"

    def describe(self) -> str:
        return "A web address starting https://."

    def problem(self, value: Any, spec: Spec) -> str | None:
        if isinstance(value, str) and URL_RE.match(value):
            return None
        return f"found {show(value)}; expected a web address starting https://"


@dataclass(frozen=True)
class Number(Kind):
    low: int
    high: int
    label = "number"
    default = 0
    table_type = "integer"

    def describe(self) -> str:
        return f"A whole number from {self.low} to {self.high}."

    def problem(self, value: Any, spec: Spec) -> str | None:
        if isinstance(value, int) and not isinstance(value, bool) and self.low <= value <= self.high:
            return None
        return f"found {show(value)}; expected a whole number from {self.low} to {self.high}"

    def model(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Choice(Kind):
    choices: tuple[str, ...]
    fallback: str = ""  # the model's value when the field is left out
    label = "choice"

    def describe(self) -> str:
        return "One of: " + ", ".join(self.choices) + "."

    @property
    def default(self) -> str:
        return self.fallback

    def problem(self, value: Any, spec: Spec) -> str | None:
        if value in self.choices:
            return None
        return f"found {show(value)}; expected one of: {', '.join(self.choices)}"

    def model(self, value: Any) -> Any:
        return value or self.fallback


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
