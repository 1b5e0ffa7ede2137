"""Problems found in the data, worded for the person who has to fix them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ERROR = "error"
# Characters a message shows by their code, as they are invisible (controls, zero-width and direction
# marks, unusual spaces): a code with a zero-width space in it must not look right.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\xa0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str  # path relative to the data folder's parent, e.g. data/organisations/bury-ccg.yaml
    line: int
    field: str  # e.g. responses[3].actions[0].status ("" for the whole file)
    message: str  # what is wrong and what is expected
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # 0: the file as a whole
        what = f" {self.field}:" if self.field else ""
        return f"{where}: {self.severity}:{what} {self.message}"


def show(value: Any) -> str:
    """A short, unambiguous rendering of a bad value for a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return '"' + _INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", text.replace("\n", " ")) + '"'
    if isinstance(value, dict):
        return "a block of fields"
    if isinstance(value, list):
        return "a list"
    return str(value)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]
