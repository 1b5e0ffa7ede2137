"""Counts by status, in the published order, with percentages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import statuses


@dataclass(frozen=True)
class Tally:
    """Counts by status, in the published order, with percentages."""

    rows: tuple[tuple[str, str, int, float], ...]  # code, label, count, percent
    total: int


def tally(codes: Iterable[str], terms: tuple[statuses.Term, ...]) -> Tally:
    counts = Counter(codes)
    total = sum(counts.values())
    rows = tuple((t.code, t.label, counts[t.code], 100.0 * counts[t.code] / total if total else 0.0) for t in terms)
    return Tally(rows, total)


def status_counts(codes: Iterable[str]) -> list[tuple[str, int]]:
    """(status, count) pairs in the published order, leaving out zeros."""
    counts = Counter(codes)
    return [(t.code, counts[t.code]) for t in statuses.IMPLEMENTATION if counts[t.code]]
