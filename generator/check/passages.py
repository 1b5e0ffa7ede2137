"""The transcription checked against its source: every text of a response or an action is compared with the
lines of the document it cites. Whitespace, line-break hyphens, markup left by the PDF extraction,
bullets and curly quotes are folded away; where the text is not found whole (the extraction mixed
columns, or `[…]` marks words that could not be read), a score says how much of it is there."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model.fields import spec_of
from ..model.kinds import Text, show_lines
from ..model.records import Action, Organisation, PlanAction, Progress, Report, Response
from .problems import WARNING, Problem

THRESHOLD = 0.9  # the share of a text's letters that must be found in its passage
SHORTEST = 6  # the shortest run of letters that counts as found (shorter ones are found anywhere)
GAP = "[…]"  # words the transcription could not read
_TAG = re.compile(r"<[^>]+>")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "•": None, "▪": None, "\xad": None, "–": "-"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Text as compared: no markup, no whitespace, lower case, one kind of quote."""
    return _SPACE.sub("", html.unescape(_TAG.sub(" ", text)).translate(_FOLD)).lower()


def score(text: str, passage: str) -> float:
    """1.0 when every piece of the text (between gaps) is in the folded passage. Otherwise the share of its
    letters in runs of at least SHORTEST found there: where the extraction interleaved the columns of a
    table line by line, a cell's text is found as the runs between the other columns' words."""
    pieces = [fold(piece) for piece in text.split(GAP)]
    pieces = [p for p in pieces if p]
    if all(p in passage for p in pieces):
        return 1.0
    total = sum(len(p) for p in pieces)
    return sum(_found(p, passage) for p in pieces) / total if total else 1.0


def _found(text: str, passage: str) -> int:
    """How many letters of `text` are in runs of at least SHORTEST that `passage` holds, taking the longest
    run at each place (found by doubling, then halving: a run's prefixes are found wherever it is)."""
    i = found = 0
    while i < len(text):
        if text[i : i + SHORTEST] not in passage or i + SHORTEST > len(text):
            i += 1
            continue
        low, high = SHORTEST, SHORTEST
        while i + high <= len(text) and text[i : i + high] in passage:
            low, high = high, high * 2
        high = min(high, len(text) - i + 1)
        while high - low > 1:  # text[i : i + low] is found; text[i : i + high] is not (or runs past the end)
            middle = (low + high) // 2
            low, high = (middle, high) if text[i : i + middle] in passage else (low, middle)
        found += low
        i += low
    return found


@functools.cache
def _document(path: Path) -> tuple[str, ...]:
    return tuple(path.read_text("utf-8", errors="replace").splitlines())


def passage(sources: Path, report: Report, lines: tuple[tuple[int, int], ...]) -> str:
    """The folded text of the cited lines of a report's source document."""
    document = _document(sources / report.source_file)
    return "".join(fold(" ".join(document[start - 1 : end])) for start, end in lines)


@dataclass(frozen=True)
class Match:
    path: str  # e.g. responses[3].actions[0].description
    line: int  # where the response or action starts in its file
    lines: str
    source: str
    score: float


def matches(org: Organisation, sources: Path) -> Iterator[Match]:
    """Every text of the organisation's responses and actions that cites lines, with its score."""
    for i, response in enumerate(org.responses):
        yield from _item(response, Response, f"responses[{i}]", response.report, sources)
        for a, action in enumerate(response.actions):
            yield from _item(action, Action, f"responses[{i}].actions[{a}]", response.report, sources)
    for a, plan_action in enumerate(org.actions):
        yield from _item(plan_action, PlanAction, f"actions[{a}]", plan_action.report, sources)


def _item(item: Response | Action, record: type, path: str, report: Report, sources: Path) -> Iterator[Match]:
    if not item.lines or not report.source_file:
        return
    text = passage(sources, report, item.lines)
    # A value the document does not state, or that was moved from another cell, is not in the passage.
    skipped = {note.field for note in item.source_notes if note.kind in ("inferred", "moved")}
    fields = [
        (s.name, getattr(item, s.name)) for s in spec_of(record) if isinstance(s.kind, Text) and s.name not in skipped
    ]
    for p_index, entry in enumerate(item.progress):
        if entry.report is not report:
            continue  # a later report's progress is in that report's document, not this passage
        fields += [
            (f"progress[{p_index}].{s.name}", getattr(entry, s.name))
            for s in spec_of(Progress)
            if s.name in ("text", "status_as_written")
        ]
    where = show_lines(item.lines)
    for name, value in fields:
        if value:
            yield Match(f"{path}.{name}", item.line, where, report.source_file, score(value, text))


def passage_warnings(org: Organisation, file: str, sources: Path) -> list[Problem]:
    return [
        Problem(
            file,
            m.line or 1,
            m.path,
            f"this text matches its cited lines ({m.lines} of {m.source}) only {m.score:.0%}; check the lines, "
            "or the transcription against the document",
            WARNING,
        )
        for m in matches(org, sources)
        if m.score < THRESHOLD
    ]
