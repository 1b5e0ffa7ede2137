"""The checks that need the model: a quotation of another recommendation's text must say so (an error,
naming the note to add), and the warnings a communications lead should look at (a report overdue, a
quotation that matches nothing, a text that does not match its cited passage)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..model.dates import show
from ..model.records import Dataset, Organisation, Recommendation, Response
from .passages import passage_warnings
from .problems import WARNING, Problem

_WORD = re.compile(r"[a-z0-9]+")
SHINGLE = 3  # words per shingle: long enough to be specific, short enough to survive PDF breakage
MATCHES = 0.6  # share of a quote's shingles found in a text for the quote to count as that text


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 0))}


class TextMatcher:
    """Finds which catalogue text a quoted passage comes from, by shared word sequences."""

    def __init__(self, recommendations: Iterable[Recommendation]) -> None:
        self.texts: dict[int, set[tuple[str, ...]]] = {}
        self.index: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for rec in recommendations:
            if rec.text:
                self.texts[rec.number] = shingles = _shingles(rec.text)
                for shingle in shingles:
                    self.index[shingle].add(rec.number)

    def score(self, quote: set[tuple[str, ...]], number: int) -> float:
        text = self.texts.get(number)
        return len(quote & text) / len(quote) if text and quote else 0.0

    def best(self, quote: set[tuple[str, ...]]) -> tuple[int, float] | None:
        counts: dict[int, int] = defaultdict(int)
        for shingle in quote:
            for number in self.index.get(shingle, ()):
                counts[number] += 1
        if not counts:
            return None
        number = max(counts, key=lambda n: (counts[n], -n))
        return number, counts[number] / len(quote)


def warnings(data: Dataset, files: dict[str, str], today: dt.date, sources: Path) -> list[Problem]:
    """files maps organisation code -> the file name used in messages; `sources` is data/sources/."""
    matcher = TextMatcher(data.recommendations)
    found: list[Problem] = []
    for org in data.organisations:
        file = files[org.code]
        found += _stale(org, file, today)
        for i, response in enumerate(org.responses):
            found += _quote_mismatch(response, i, file, matcher)
        found += passage_warnings(org, file, sources)
    return found


def _stale(org: Organisation, file: str, today: dt.date) -> list[Problem]:
    # A closed body owes no report, and one with no plan here yet is not ours to chase.
    if org.reporting_status(today) in ("reported", "closed") or not org.reports:
        return []
    # Reports dated after `today` do not count yet, so they are not named as the latest either.
    latest = max((r for r in org.reports if r.as_at <= today), key=lambda r: r.as_at, default=None)
    before = f'latest: "{latest.title}", {latest.date}' if latest else "none dated before then"
    return [
        Problem(
            file,
            1,
            "reports",
            f"{org.short_name} has no report dated in the 12 months to {show(today)} ({before}); "
            "Recommendation 1 asks for a progress report at least once a year",
            WARNING,
        )
    ]


def _quote_mismatch(response: Response, index: int, file: str, matcher: TextMatcher) -> list[Problem]:
    quote = _shingles(response.quoted_text)
    if len(quote) < 3:
        return []
    number = response.recommendation
    if matcher.score(quote, number) >= MATCHES:
        return []
    best = matcher.best(quote)
    other = best[0] if best and best[1] >= MATCHES and best[0] != number else None
    where = f"responses[{index}].quoted_text"
    noted = {n.recommendation for n in response.source_notes if n.kind == "quotes-other-recommendation"}
    if other is not None and other in noted:
        return []  # the page says whose text it is
    if other is not None:
        return [
            Problem(
                file,
                response.line or 1,
                where,
                f"the quoted text is recommendation {other}'s, not {number}'s. Say so on the page with a source "
                f"note (source_notes: - kind: quotes-other-recommendation, recommendation: {other}), or correct "
                "the number",
            )
        ]
    if any(n.kind in ("garbled", "cut-off") and n.field in ("", "quoted_text") for n in response.source_notes):
        return []  # the page says the quotation could not all be read
    if number not in matcher.texts:
        return []  # nothing to compare with yet
    message = (
        f"the quoted text does not match the catalogue's text for recommendation {number}, nor any other "
        "recommendation's; check the number and the quotation, or add a source note if it is garbled or cut off"
    )
    return [Problem(file, response.line or 1, where, message, WARNING)]
