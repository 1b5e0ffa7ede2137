"""Checks of when an organisation opened and closed, and who took over its duties: each fact has a
published source, and no report is dated when the organisation did not exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..load.parse import Located
from ..model.dates import period_end, show
from ..model.kinds import DATE_RE
from .problems import Problem


def _day(value: object) -> dt.date | None:
    if isinstance(value, str) and DATE_RE.match(value) and value.count("-") == 2:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _start(value: str) -> dt.date | None:
    """The first day an ISO date, month or year covers."""
    try:
        parts = [int(p) for p in value.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def check_history(file: str, data: Located, reports: list[Located]) -> Iterator[Problem]:
    opened, closed = _day(data.get("opened")), _day(data.get("closed"))
    if data.get("succeeded_by") is not None and data.get("closed") is None:
        yield Problem(
            file,
            data.key_lines["succeeded_by"],
            "succeeded_by",
            "a successor needs closed: the day this organisation closed",
        )
    if data.get("succeeded_by") is not None and data.get("succeeded_by") == data.get("code"):
        yield Problem(file, data.key_lines["succeeded_by"], "succeeded_by", "an organisation cannot succeed itself")
    if opened and closed and closed <= opened:
        yield Problem(
            file,
            data.key_lines["closed"],
            "closed",
            f"it closed on {show(closed)}, not after it opened ({show(opened)})",
        )
    for fact in ("opened", "closed"):
        if data.get(fact) is not None and not data.get("history_sources"):
            yield Problem(
                file,
                data.key_lines[fact],
                "history_sources",
                f"the day it {fact} needs a published source: "
                "add history_sources (title, url and the words that say so)",
            )
    for i, report in enumerate(reports):
        date = report.get("date")
        if not isinstance(date, str):
            continue
        first, last = _start(date), _last(date)
        if closed and first and first >= closed:
            yield Problem(
                file,
                report.key_lines["date"],
                f"reports[{i}].date",
                f'found "{date}"; the organisation closed on {show(closed)}, before this report\'s date',
            )
        if opened and last and last < opened:
            yield Problem(
                file,
                report.key_lines["date"],
                f"reports[{i}].date",
                f'found "{date}"; the organisation opened on {show(opened)}, after this report\'s date',
            )


def _last(value: str) -> dt.date | None:
    try:
        return period_end(value)
    except (ValueError, IndexError):
        return None


def check_successors(organisations: list[tuple[str, object]], unreadable: frozenset[str]) -> Iterator[Problem]:
    """Across files: every successor named is an organisation in the data (or one whose file could not be
    read, which has its own message)."""
    codes = {data.get("code") for _file, data in organisations if isinstance(data, Located)}
    for file, data in organisations:
        if not isinstance(data, Located):
            continue
        successor = data.get("succeeded_by")
        if isinstance(successor, str) and successor not in codes and successor not in unreadable:
            yield Problem(
                file,
                data.key_lines["succeeded_by"],
                "succeeded_by",
                f'found "{successor}"; expected the code of an organisation in data/organisations/ '
                "(a successor may have an entry with no plan yet)",
            )
