"""Dates of what has happened cannot be after the date the site is built as at: a report dated 2099 is a
typing mistake, and the site would call it the latest report for decades."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..load.parse import Located
from ..model.dates import show
from ..model.kinds import DATE_RE
from .organisation import records
from .problems import Problem

# The fields that date what a document reported. (An organisation's opening or closing may be announced
# ahead, so `opened` and `closed` may be later than today: the page says it is to come.)
_HAPPENED = ("date", "completed")


def future_dates(file: str, data: Located, today: dt.date) -> Iterator[Problem]:
    yield from _fields(file, data, "", today)
    for i, report in enumerate(records(data.get("reports"))):
        yield from _fields(file, report, f"reports[{i}].", today)
    for i, response in enumerate(records(data.get("responses"))):
        yield from _items(file, response, f"responses[{i}]", today)
        for a, action in enumerate(records(response.get("actions"))):
            yield from _items(file, action, f"responses[{i}].actions[{a}]", today)
    for a, action in enumerate(records(data.get("actions"))):
        yield from _items(file, action, f"actions[{a}]", today)


def _items(file: str, item: Located, here: str, today: dt.date) -> Iterator[Problem]:
    yield from _fields(file, item, f"{here}.", today)
    for p, entry in enumerate(records(item.get("progress"))):
        yield from _fields(file, entry, f"{here}.progress[{p}].", today)


def _fields(file: str, record: Located, here: str, today: dt.date) -> Iterator[Problem]:
    for name in _HAPPENED:
        value = record.get(name)
        begins = _start(value) if isinstance(value, str) else None
        if begins is not None and begins > today:
            yield Problem(
                file,
                record.key_lines[name],
                f"{here}{name}",
                f'found "{value}", which is after {show(today)}, the date the site is built as at; what a '
                "document reported cannot be dated later: check the year",
            )


def _start(value: str) -> dt.date | None:
    """The first day an ISO date, month or year covers; None if it is not one (the schema says why)."""
    match = DATE_RE.match(value)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None
