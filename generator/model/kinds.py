"""What a field may hold. Each kind owns its check (with the message a person reads), its help text and
the value the model keeps, so the validator, the spreadsheets and the docs all say the same thing."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..check.problems import show
from .dates import FIRST_YEAR, LAST_YEAR, period_end

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
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"expected a year between {FIRST_YEAR} and {LAST_YEAR}"
    if month is not None and not 1 <= month <= 12:
        return "there is no such month; expected a date written as YYYY-MM-DD"
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"there is no such day: {calendar.month_name[month]} {year} has " + (
            f"{calendar.monthrange(year, month)[1]} days"
        )
    return None


# Invisible characters no text here may hold: control characters (a YAML escape such as "\x07" can put
# them in), and the ones that change the direction text is shown in, which can make a line read as
# something else than it says ("Trojan source").
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
hidden = _HIDDEN.search  # the first such character of a text, or None


def text_problem(value: Any) -> str | None:
    """Why a value is not a line of text, or None. Whole numbers typed without quotes are kept as text."""
    if isinstance(value, str):
        hidden = _HIDDEN.search(value)
        if hidden:
            char, code = hidden[0], f"U+{ord(hidden[0]):04X}"
            if char >= "\u202a":
                name = unicodedata.name(char)
                what = f"{code} ({name}), an invisible character that changes the direction text is shown in"
            else:
                what = f"{code}, a control character, which a page cannot show"
            return f"found {show(value)}; it holds {what}: delete it"
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


class Day(Date):
    """A whole date, YYYY-MM-DD: the day something happened."""

    default = None
    table_type = "date"

    def describe(self) -> str:
        return "A date written as YYYY-MM-DD."

    def problem(self, value: Any, spec: Spec) -> str | None:
        problem = super().problem(value, spec)
        if problem is None and value.count("-") != 2:
            return f"found {show(value)}; expected a whole date written as YYYY-MM-DD, such as 2022-07-01"
        return problem

    def model(self, value: Any) -> Any:
        return dt.date.fromisoformat(value) if value else None

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
        number = whole_number(value)
        if number is not None and self.low <= number <= self.high:
            return None
        return f"found {show(value)}; expected a whole number from {self.low} to {self.high}"

    def model(self, value: Any) -> Any:
        return whole_number(value) if value is not None else self.default


_LEADING_ZERO = re.compile(r"^0[0-9]{1,17}$")


def whole_number(value: Any) -> int | None:
    """A whole number, or None. Digits with a leading zero (013), which the loader keeps as text, are read
    as the decimal number they show: 13, never octal."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _LEADING_ZERO.match(value):
        return int(value, 10)
    return None


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


class Lines(Kind):
    """A passage of a source document: line numbers, "12", "12-14", or several: "6, 12-14"."""

    label = "lines"
    default = ()

    def describe(self) -> str:
        return 'Line numbers in the source document: "12", "12-14", or several, "6, 12-14".'

    def problem(self, value: Any, spec: Spec) -> str | None:
        if read_lines(value) is None:
            return f'found {show(value)}; expected line numbers such as "12", "12-14" or "6, 12-14"'
        return None

    def model(self, value: Any) -> Any:
        return read_lines(value) or ()

    def export(self, value: Any) -> Any:
        return show_lines(value)


_RANGE = re.compile(r"^(\d{1,7})(?:\s*-\s*(\d{1,7}))?$")


def read_lines(value: Any) -> tuple[tuple[int, int], ...] | None:
    """ "6, 12-14" as ((6, 6), (12, 14)); None if it is not line numbers in order."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    ranges: list[tuple[int, int]] = []
    for part in value.split(","):
        match = _RANGE.match(part.strip())
        if not match:
            return None
        start, end = int(match[1]), int(match[2] or match[1])
        if not 1 <= start <= end or (ranges and start <= ranges[-1][1]):
            return None
        ranges.append((start, end))
    return tuple(ranges)


def show_lines(ranges: tuple[tuple[int, int], ...]) -> str:
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)
