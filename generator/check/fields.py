"""Checking one parsed file against a record of the schema: each field's kind checks its own value."""

from __future__ import annotations

import difflib
from typing import Any

from ..load.parse import Located
from ..model.fields import Spec, names, spec_map, spec_of
from ..model.kinds import Text, hidden
from .problems import Problem, show


class FieldChecker:
    """Walks one file's parsed content, collecting every problem with its line and field path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def error(self, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, path, message))

    def record(self, data: Any, record: type, path: str, line: int) -> bool:
        """Check a mapping against a record's fields; return False if it is not a mapping at all."""
        if not isinstance(data, Located):
            self.error(line, path, f"found {show(data)}; expected a block of fields ({names(record)})")
            return False
        known = spec_map(record)
        if not known.keys() >= data.keys():
            for key in data:
                if key not in known:
                    close = difflib.get_close_matches(key, known, n=1)
                    guess = f'did you mean "{close[0]}"? ' if close else ""
                    self.error(
                        data.key_lines[key],
                        _join(path, key),
                        f"unknown field; {guess}expected one of: {names(record)}",
                    )
        for spec in spec_of(record):
            value = data.get(spec.name)
            if value is None:
                if spec.required:
                    self.error(data.line, _join(path, spec.name), f"this required field is missing{spec.hint}")
                continue
            # Most fields are text, and most text is fine: checked here, it skips two calls and a path.
            if value.__class__ is str and spec.kind.__class__ is Text and value.strip() and not hidden(value):
                continue
            spec.kind.check(self, spec, value, _join(path, spec.name), data.key_lines[spec.name])
        return True


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


__all__ = ["FieldChecker", "Spec"]
