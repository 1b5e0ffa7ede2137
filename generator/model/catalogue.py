"""The schema of data/recommendations.yaml: the 290 recommendations and the sources of their texts,
each field declared once with `data(...)` (see records.py, which declares the organisations' files)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import statuses
from .fields import data
from .kinds import Choice, Code, Number, Text, Url
from .lists import Named, Records

if TYPE_CHECKING:
    from .records import PlanAction, Response

SOURCE_REF = "a source id from this file's sources, or <organisation code>/<report id>"


@dataclass(kw_only=True, eq=False)
class Source:
    """Where the catalogue's texts and Government responses come from."""

    id: str = field(default="")  # its name in the file's sources block
    title: str = data(Text(), "The source's title.", required=True)
    url: str = data(Url(), "Where it can be read, where known.")
    notes: str = data(Text(), "Anything a reader should know about it.")


HEADING_WORDS = 9  # of a recommendation without a title, its first words make its heading


@dataclass(kw_only=True, eq=False)
class Recommendation:
    """One of the 290 recommendations, in data/recommendations.yaml."""

    number: int = data(
        Number(1, 290), "The recommendation's number in the Francis Report, 1 to 290.", required=True, example="123"
    )
    title: str = data(Text(), "Its short heading, where we have one.", compared=False)
    title_source: str = data(
        Text(),
        "Where the heading comes from.",
        expected=SOURCE_REF,
        published=False,
        compared=False,
        example="bury-ccg/board-2014-02",
    )
    theme: str = data(Text(), "The theme it belongs to, where recorded.", compared=False)
    text: str = data(Text(), "Its full text; empty where not added yet.", compared=False)
    text_source: str = data(
        Text(),
        "Where the text comes from: a source id, or organisation/report.",
        expected=SOURCE_REF,
        compared=False,
        example="dh-online-response",
    )
    text_url: str = data(Url(), "The address of the page the text was read from, where it has one of its own.")
    government_response: str = data(
        Choice(statuses.codes(statuses.GOVERNMENT_RESPONSE), fallback="unknown"),
        "The Government's response (Hard Truths, 2013): accepted, accepted_in_principle, accepted_in_part, "
        "not_accepted, or unknown where not recorded yet.",
    )
    government_response_source: str = data(
        Code(),
        "Where the Government's response comes from.",
        expected="a source id from this file's sources",
        example="hard-truths-2013",
    )
    government_response_as_shown: str = data(
        Text(),
        "The label its source shows, in the source's words, where it differs (such as Rejected).",
        compared=False,
    )
    government_response_url: str = data(Url(), "The address of the page the Government's response was read from.")
    government_response_note: str = data(
        Text(), "Why the Government's response is recorded as it is, where its source does not state it outright."
    )
    government_response_confidence: str = data(
        Choice(statuses.codes(statuses.CONFIDENCE), fallback="high"),
        "How sure the site is of it: high (as the Department published it, the default), medium (reported by "
        "another publication) or low (inferred).",
    )
    responses: list[Response] = field(default_factory=list, repr=False)  # sorted by organisation
    plan_actions: list[PlanAction] = field(default_factory=list, repr=False)  # plan actions naming it

    @property
    def heading(self) -> str:
        """Its number and what it is about: its title, or where it has none its first words, so that a list
        of recommendations never reads as a list of bare numbers."""
        if self.title:
            return f"Recommendation {self.number}: {self.title}"
        words = self.text.replace("•", " ").split()
        if not words:
            return f"Recommendation {self.number}"
        about = " ".join(words[:HEADING_WORDS]) + ("…" if len(words) > HEADING_WORDS else "")
        return f"Recommendation {self.number}: {about}"


@dataclass(kw_only=True, eq=False)
class Catalogue:
    """data/recommendations.yaml."""

    sources: tuple[Source, ...] = data(Named(Source), "Where texts and Government responses come from.", required=True)
    recommendations: tuple[Recommendation, ...] = data(
        Records(Recommendation), "Exactly 290 entries, numbers 1 to 290.", required=True
    )
