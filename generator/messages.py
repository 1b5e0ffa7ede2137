"""What the build tells people on the terminal: every problem found, then a one-line verdict."""

from __future__ import annotations

import sys

from .data import Outcome


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def report(outcome: Outcome) -> None:
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    errors, warnings = len(outcome.errors), len(outcome.warnings)
    if errors:
        print(
            f"{plural(errors, 'error')} and {plural(warnings, 'warning')}: nothing was built. "
            "Fix the errors above and run it again.",
            file=sys.stderr,
        )
    else:
        print(f"The data is valid ({plural(warnings, 'warning')}).", file=sys.stderr)
