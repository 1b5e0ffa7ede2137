"""The published vocabularies: implementation status, reporting status, Government response, kinds.

Every label and definition shown on the site comes from here, so the About page, the validator's
messages and (later) the spreadsheet template cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    code: str
    label: str  # sentence case, as the NHS service manual asks for tags
    definition: str


IMPLEMENTATION: tuple[Term, ...] = (
    Term("complete", "Complete", "Delivered."),
    Term("green", "Green: on track", "On track to be delivered as planned."),
    Term("amber", "Amber: some risk", "Under way, with some risk to delivery or timescale."),
    Term("red", "Red: off track", "Significant risk that it will not be delivered, or off track."),
    Term("not-started", "Not started", "Work has not begun."),
    Term("deferred", "Deferred", "Deliberately postponed; the progress text says why."),
    Term("not-applicable", "Not applicable", "The organisation says it does not apply to it."),
    Term("not-rated", "Not rated", "The report gives no rating (for example a blank RAG column)."),
)

# Least advanced first: a response's overall status is the least advanced of its actions' statuses.
PROGRESS_ORDER: tuple[str, ...] = ("red", "not-started", "amber", "green", "complete")
NOT_RATED = "not-rated"


def roll_up(rated: list[str]) -> str:
    """A response's status from its actions' statuses, where it has no rating of its own: the least
    advanced of them; complete only when every action is complete (or not applicable); deferred or not
    applicable only when every rated action is; otherwise not rated."""
    progressed = [s for s in rated if s in PROGRESS_ORDER]
    if progressed:
        least = min(progressed, key=PROGRESS_ORDER.index)
        # Complete means every action is done: one left unrated cannot be assumed complete.
        if least == "complete" and NOT_RATED in rated:
            return NOT_RATED
        return least
    for fallback in ("deferred", "not-applicable"):
        if rated and all(s in (fallback, NOT_RATED) for s in rated) and fallback in rated:
            return fallback
    return NOT_RATED


REPORTING: tuple[Term, ...] = (
    Term("reported", "Reported", "Published a progress report in the 12 months to the date shown."),
    Term("overdue", "Report overdue", "Has reported before, but not in the 12 months to the date shown."),
    Term("not-reported", "Not reported", "Has published no progress report here."),
    Term("closed", "Closed", "It had closed by the date shown, and another body had taken over its duties."),
)

# What a transcription found in a document, shown with the response or action it is about.
SOURCE_NOTES: tuple[Term, ...] = (
    Term(
        "quotes-other-recommendation",
        "Quotes another recommendation",
        "The text the document quotes here is another recommendation's, not the one it gives the number of.",
    ),
    Term("number-inferred", "Number inferred", "The document does not show which recommendation this answers."),
    Term("garbled", "Garbled in the source", "Part of the passage is garbled in the copy of the document we have."),
    Term("cut-off", "Cut off in the source", "Text was cut off in the copy of the document we have; […] marks where."),
    Term("moved", "Moved from another cell", "Text was moved here from another cell or column of the document."),
    Term("inferred", "Inferred", "A value here is inferred from the document, not stated in it."),
    Term(
        "as-written",
        "As written",
        "The document says this, though it does not square with something else it says; it is kept as written.",
    ),
)

GOVERNMENT_RESPONSE: tuple[Term, ...] = (
    Term("accepted", "Accepted", "The Government accepted the recommendation in full."),
    Term("accepted_in_principle", "Accepted in principle", "Accepted in principle, to be delivered another way."),
    Term("accepted_in_part", "Accepted in part", "Part of the recommendation was accepted."),
    Term("not_accepted", "Not accepted", "The Government did not accept the recommendation."),
    Term("unknown", "Not yet recorded", "The Government's response has not been added to this site yet."),
)

# How sure the site is of a recommendation's Government response, where its source is not the Department's
# own statement of it (data/recommendations.yaml: government_response_confidence).
# How a document's own words name the Government's response, first match wins ("accepted" comes last).
_QUOTED_RESPONSE = (
    ("accepted in principle", "accepted_in_principle"),
    ("accepted in part", "accepted_in_part"),
    ("agree in part", "accepted_in_part"),
    ("not accepted", "not_accepted"),
    ("rejected", "not_accepted"),
    ("accepted", "accepted"),
)


def quoted_government_response(words: str) -> str | None:
    """The category an organisation's quotation of the Government's response names ("DoH response:
    Accepted in principle. ..."), or None where its first words name none."""
    lead = words.lower().split(":", 1)[-1].strip()
    return next((code for phrase, code in _QUOTED_RESPONSE if lead.startswith(phrase)), None)


CONFIDENCE: tuple[Term, ...] = (
    Term("high", "As published", "The category as the Department of Health published it for the recommendation."),
    Term("medium", "Reported", "Reported by another publication (a press article), not by the Department itself."),
    Term("low", "Inferred", "Inferred from what a source says; no source states the category outright."),
)

ORGANISATION_KINDS: tuple[Term, ...] = (
    Term("ccg", "Clinical commissioning group", "A clinical commissioning group (2013 to 2022)."),
    Term("icb", "Integrated care board", "An integrated care board (from 2022)."),
    Term("trust", "NHS trust", "An NHS trust."),
    Term("foundation-trust", "NHS foundation trust", "An NHS foundation trust."),
    Term("regulator", "Regulator", "A health or care regulator."),
    Term("arms-length-body", "Arm's length body", "A national arm's length body."),
    Term("government-department", "Government department", "A government department."),
    Term("other", "Other organisation", "Another organisation."),
)


def _plain(words: str) -> str:
    return " ".join(words.lower().replace("-", " ").split())


def read_status(words: str) -> str | None:
    """The implementation status a person means: its code ("not-started"), its label ("Not started",
    "Amber: some risk") or the label's first words ("Amber"), in any case; None if it names none."""
    wanted = _plain(words)
    for term in IMPLEMENTATION:
        if wanted in (_plain(term.code), _plain(term.label), _plain(term.label.split(":")[0])):
            return term.code
    return None


def codes(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(t.code for t in terms)


def term(terms: tuple[Term, ...], code: str) -> Term:
    for found in terms:
        if found.code == code:
            return found
    raise KeyError(code)


def label(terms: tuple[Term, ...], code: str) -> str:
    return term(terms, code).label
