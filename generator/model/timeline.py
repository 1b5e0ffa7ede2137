"""Dated progress in date order, so "the latest as at a date" is a binary search."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class Dated(Protocol):
    @property
    def as_at(self) -> dt.date: ...


D = TypeVar("D", bound=Dated)


class Timeline(Generic[D]):
    """Statements ask this for every action at every year end: millions of questions at national scale."""

    __slots__ = ("dates", "entries")

    def __init__(self, entries: Sequence[D]) -> None:
        # Of entries with the same date, the first given counts (as max() would pick): it sorts last here.
        order = sorted(range(len(entries)), key=lambda i: (entries[i].as_at, -i))
        self.entries = [entries[i] for i in order]
        self.dates = [e.as_at for e in self.entries]

    def latest(self, as_at: dt.date | None) -> D | None:
        if not self.entries:
            return None
        if as_at is None:
            return self.entries[-1]
        found = bisect_right(self.dates, as_at)
        return self.entries[found - 1] if found else None
