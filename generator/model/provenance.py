"""The schema of what the site says about where its data comes from: notes on what a transcription found,
a report's own status key, what a document holds that the data leaves out, and citations of facts.
Each field is declared once with `data(...)` (see records.py)."""

from __future__ import annotations

from dataclasses import dataclass

from . import statuses
from .fields import data
from .kinds import Choice, Kind, Lines, Number, Text, Url

LINES_HELP = "Where it is in the report's source document: its line numbers."


def passage() -> Kind:
    return Lines()


@dataclass(kw_only=True, eq=False)
class SourceNote:
    """What the transcription found in the document: shown to the public with what it is about."""

    kind: str = data(
        Choice(statuses.codes(statuses.SOURCE_NOTES)),
        "What was found: " + ", ".join(statuses.codes(statuses.SOURCE_NOTES)) + ".",
        required=True,
    )
    recommendation: int = data(
        Number(1, 290),
        "For quotes-other-recommendation: the recommendation whose text the document quotes.",
        published="quotes_recommendation",
    )
    field: str = data(Text(), "The field the note is about, where it is about one (such as lead).", searched=False)
    text: str = data(Text(), "What the transcription found, in words.")

    @property
    def label(self) -> str:
        return statuses.label(statuses.SOURCE_NOTES, self.kind)


@dataclass(kw_only=True, eq=False)
class KeyEntry:
    """One word a document rates with, and what it means: a report's own status key."""

    written: str = data(Text(), "The rating exactly as the document writes it, such as G or N/A.", required=True)
    meaning: str = data(Text(), "What the document says it means, in its words (where it says).")
    status: str = data(
        Choice(statuses.codes(statuses.IMPLEMENTATION)),
        "The site's status it stands for: " + ", ".join(statuses.codes(statuses.IMPLEMENTATION)) + ".",
        required=True,
    )
    lines: tuple[tuple[int, int], ...] = data(passage(), "Where the document gives its key: its line numbers.")
    note: str = data(Text(), "Why it is read so, where the document does not say.")


@dataclass(kw_only=True, eq=False)
class LeftOut:
    """A part of a document the data does not hold, and why: nothing a document says is dropped unsaid."""

    lines: tuple[tuple[int, int], ...] = data(passage(), "Where it is: its line numbers.", required=True)
    what: str = data(Text(), "What that part of the document holds.", required=True)
    why: str = data(Text(), "Why the data does not hold it.", required=True)


@dataclass(kw_only=True, eq=False)
class Citation:
    """A published source for a fact about an organisation (when it opened or closed, who took over)."""

    title: str = data(Text(), "The source's title, as it gives it.", required=True)
    url: str = data(Url(), "Where it can be read.", required=True)
    quote: str = data(Text(), "The words in it that state the fact.")


__all__ = ["LINES_HELP", "Citation", "KeyEntry", "LeftOut", "SourceNote"]
