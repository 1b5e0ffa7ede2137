"""The words this site and the documents it quotes use that not everyone knows: the glossary page, and a
link to it where each word first appears on every other page (not in headings, links or quoted code)."""

from __future__ import annotations

import re
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

_SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg", "code", "pre", "title", "button"}
_SKIP |= {"label", "select", "option", "summary", "caption", "textarea", "nav"}
_TOKEN = re.compile(r"(<[^>]*>)")
_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


def _pattern(entries: tuple[Entry, ...]) -> re.Pattern[str]:
    words = sorted({w for e in entries for w in e.found}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


_FIND = _pattern(GLOSSARY)
_ENTRY = {word: entry for entry in GLOSSARY for word in entry.found}


def linked(html: str, glossary: str) -> str:
    """The page's HTML with the first use of each glossary word linked to its entry (`glossary`: the
    glossary page's address, relative to this page)."""
    parts = _TOKEN.split(html)
    skipping: list[str] = []  # the open elements whose text is not linked
    done: set[str] = set()
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = _NAME.match(part)
            if name is None or part.startswith("<!"):
                continue
            tag = name[1].lower()
            if tag in _SKIP and not part.endswith("/>"):
                if part.startswith("</"):
                    if skipping and skipping[-1] == tag:
                        skipping.pop()
                else:
                    skipping.append(tag)
            continue
        if skipping or not part.strip():
            continue

        def link(found: re.Match[str]) -> str:
            entry = _ENTRY[found[1]]
            if entry.anchor in done:
                return found[0]
            done.add(entry.anchor)
            return f'<a class="fr-term" href="{escape(glossary)}#{entry.anchor}">{found[0]}</a>'

        parts[index] = _FIND.sub(link, part)
        if len(done) == len(GLOSSARY):
            break
    return "".join(parts)
