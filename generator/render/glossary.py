"""The words this site and the documents it quotes use that not everyone knows: the glossary page, and a
link to it where each word first appears on every other page (not in headings, links or quoted code)."""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass

from markupsafe import escape


@dataclass(frozen=True)
class Entry:
    term: str  # as the glossary heads it
    anchor: str
    meaning: str
    found: tuple[str, ...]  # the spellings that link to it, matched whole and as written


GLOSSARY: tuple[Entry, ...] = (
    Entry(
        "As at",
        "as-at",
        "The date a status or a count describes. “Amber, as at 25 February 2014” means amber in the report of "
        "that date; a later report may say something else.",
        ("as at",),
    ),
    Entry(
        "Berwick review",
        "berwick",
        "“A promise to learn – a commitment to act”, Professor Don Berwick's 2013 report to the Government on "
        "improving the safety of patients in England, written after the Francis Report.",
        ("Berwick",),
    ),
    Entry(
        "CCG (clinical commissioning group)",
        "ccg",
        "The NHS bodies, led by local GPs, that planned and paid for most health services for an area of England "
        "from April 2013. They were abolished on 1 July 2022, when integrated care boards took over their duties.",
        ("CCG", "CCGs"),
    ),
    Entry(
        "Commissioning",
        "commissioning",
        "Planning health services for an area and paying providers (hospitals, GPs, community services) to "
        "deliver them. The body that does it is a commissioner.",
        ("commissioning", "commissioners", "commissioner"),
    ),
    Entry(
        "CQC (Care Quality Commission)",
        "cqc",
        "The independent regulator of health and adult social care services in England.",
        ("CQC",),
    ),
    Entry(
        "CQUIN (Commissioning for Quality and Innovation)",
        "cquin",
        "A scheme under which part of a provider's payment depends on meeting quality goals agreed with its "
        "commissioner.",
        ("CQUIN", "CQUINs", "CQUIn"),
    ),
    Entry(
        "CSU (commissioning support unit)",
        "csu",
        "Organisations hosted by NHS England that provide services to commissioners, such as analysing "
        "information, managing contracts and handling complaints.",
        ("CSU",),
    ),
    Entry(
        "Duty monitor",
        "duty-monitor",
        "The part of each annual statement that lists the organisations with no progress report published "
        "here in the 12 months to the statement's date: Recommendation 1 asks for one at least once a year.",
        ("Duty monitor", "duty monitor"),
    ),
    Entry(
        "Duty of candour",
        "duty-of-candour",
        "The duty to be open and honest with patients and their families when something goes wrong with their "
        "care. The Francis Report recommended making it a legal duty.",
        ("duty of candour", "Duty of Candour", "Duty of candour"),
    ),
    Entry(
        "Hard Truths",
        "hard-truths",
        "“Hard Truths: The Journey to Putting Patients First”, the Government's full response to the Francis "
        "Report, published in November 2013. It says whether the Government accepted each recommendation.",
        ("Hard Truths",),
    ),
    Entry(
        "ICB (integrated care board)",
        "icb",
        "The NHS body that has planned and paid for health services for an area of England since 1 July 2022, "
        "taking over the duties of the clinical commissioning groups there.",
        ("ICB", "ICBs"),
    ),
    Entry(
        "Keogh review",
        "keogh",
        "Sir Bruce Keogh's 2013 review of the care at 14 hospital trusts with persistently high death rates, "
        "made after the Francis Report.",
        ("Keogh",),
    ),
    Entry(
        "Kind",
        "kind",
        "What sort of NHS body an organisation is: a clinical commissioning group, an integrated care board, an "
        "NHS trust or foundation trust, and so on.",
        ("Kind",),
    ),
    Entry(
        "LAT (local area team)",
        "lat",
        "NHS England's local offices, each for a part of the country, from April 2013.",
        ("LAT",),
    ),
    Entry(
        "NCB (NHS Commissioning Board)",
        "ncb",
        "The name of NHS England when it was set up: the national body that leads the NHS in England and "
        "oversees commissioning.",
        ("NCB",),
    ),
    Entry(
        "Position",
        "position",
        "What an organisation says about where it stands on a recommendation: its response, in its own words.",
        ("Position",),
    ),
    Entry(
        "QSG (Quality Surveillance Group)",
        "qsg",
        "Regular meetings of the NHS bodies and regulators in an area, set up in 2013 to share what each knows "
        "about the quality of local services.",
        ("QSG", "QSGs"),
    ),
    Entry(
        "RAG (red, amber, green)",
        "rag",
        "A rating of progress by colour that many plans give each action. Each document says in its own key what "
        "its colours mean (some add blue); this site shows every rating in words, as the document's key says.",
        ("RAG",),
    ),
)
PAGE = "glossary/"

_SKIP: tuple[str, ...] = ("a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg", "code", "pre", "title")
_SKIP += ("button", "label", "select", "option", "summary", "caption", "textarea", "nav")


# The regular-expression engine scans the page, not a Python loop over its tags (a national organisation
# page has 30,000): once for the words, narrowed to those not linked yet, and as far as it needs for the
# elements whose words are not linked (and comments), each matched whole.
_SKIPPED = re.compile(rf"<(?:(?i:(?P<tag>{'|'.join(_SKIP)})\b[^>]*(?<!/)>.*?</(?P=tag)\s*>)|!--.*?-->)", re.DOTALL)
_ENTRY = {word: entry for entry in GLOSSARY for word in entry.found}
_PART_OF_WORD = re.compile(r"[\w-]")


@functools.lru_cache(maxsize=1024)  # the sets of words left that pages meet
def _finder(words: frozenset[str]) -> re.Pattern[str]:
    """Any of the words, the longest first; no look-around, which would slow the scan."""
    return re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))


def linked(html: str, glossary: str) -> str:
    """The page's HTML with the first use of each glossary word linked to its entry (`glossary`: the
    glossary page's address, relative to this page)."""
    skipped = _Skipped(html)
    words = frozenset(_ENTRY)  # of the entries not linked yet
    parts: list[str] = []
    copied = 0  # html[:copied] is in parts
    found = _finder(words).search(html)
    while found is not None:
        start, end = found.span()
        if not _on_its_own(html, start, end) or _in_a_tag(html, start) or start in skipped:
            found = _finder(words).search(html, start + 1)  # a longer word may hide a shorter one
            continue
        entry = _ENTRY[found[0]]
        parts += [html[copied:start], f'<a class="fr-term" href="{escape(glossary)}#{entry.anchor}">{found[0]}</a>']
        copied = end
        words -= set(entry.found)
        if not words:
            break
        found = _finder(words).search(html, end)
    return "".join(parts) + html[copied:]


def _on_its_own(html: str, start: int, end: int) -> bool:
    """Whether html[start:end] is a whole word, not part of a longer one ("decommissioning", "CCG-led")."""
    return not (start and _PART_OF_WORD.match(html, start - 1)) and not _PART_OF_WORD.match(html, end)


def _in_a_tag(html: str, at: int) -> bool:
    """Whether `at` is inside a tag (an attribute's value, say): its last `<` is after its last `>`."""
    return html.rfind("<", 0, at) > html.rfind(">", 0, at)


class _Skipped:
    """A page's headings, links, code and so on, found as far as asked: asked in the page's order, it
    scans the page at most once."""

    def __init__(self, html: str) -> None:
        self._spans = _SKIPPED.finditer(html)
        self._span = (-1, -1)  # the first not ending before the last place asked about

    def __contains__(self, at: int) -> bool:
        while self._span[1] <= at:
            found = next(self._spans, None)
            self._span = found.span() if found is not None else (sys.maxsize, sys.maxsize)
        return self._span[0] <= at
