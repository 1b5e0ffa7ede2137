"""The HTML that says where a published text comes from: the passage of the document it was transcribed
from, the transcription's notes on it, a report's own status key, what a document holds that the data
leaves out, and the published sources of an organisation's history. Every value is escaped here."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from .. import urls
from ..model.dates import show
from ..model.fields import spec_map
from ..model.kinds import show_lines
from ..model.provenance import Citation, KeyEntry, LeftOut, SourceNote
from ..model.records import Organisation, Report
from ..model.statuses import IMPLEMENTATION, SOURCE_NOTES, label, term
from .fragments import status_tag


def _field_name(record: type, name: str) -> str:
    """A field as people read it: its spreadsheet heading where it has one, else its name in words."""
    spec = spec_map(record).get(name)
    return (spec.column if spec and spec.column else name.replace("_", " ")).lower()


def note_sentence(note: SourceNote, record: type, number: int, link: urls.Links) -> str:
    """What a reader needs to know, in a sentence, then the transcription's own words."""
    if note.kind == "quotes-other-recommendation":
        other = note.recommendation
        said = (
            f'The text the document quotes here is <a href="{escape(link.recommendation(other))}">recommendation '
            f"{other}</a>’s, not recommendation {number}’s; the document gives the number {number}."
        )
    else:
        # The glossary's definition, unless the page says it better beside the text
        said = {
            "number-inferred": "The document does not show which recommendation this answers; the number is inferred.",
            "garbled": "Part of this is garbled in the copy of the document we have.",
            "moved": "Text was moved here from another cell of the document’s table.",
            "inferred": "The document does not state this; it is inferred.",
        }.get(note.kind) or term(SOURCE_NOTES, note.kind).definition
    return said + (f" {escape(note.text)}" if note.text else "")


def source_notes(notes: tuple[SourceNote, ...], record: type, number: int, link: urls.Links) -> str:
    if not notes:
        return ""
    items = "".join(
        f"<li><strong>{escape(note.label)}</strong>"
        + (f" ({escape(_field_name(record, note.field))})" if note.field else "")
        + f": {note_sentence(note, record, number, link)}</li>\n"
        for note in notes
    )
    title = '<p class="fr-notes__title">Notes on the source</p>'
    return f'<div class="fr-notes" role="note">{title}\n<ul>\n{items}</ul></div>\n'


def passage_link(report: Report, lines: tuple[tuple[int, int], ...], link: urls.Links) -> str:
    """Where the text is in the document as transcribed, as a link to those lines."""
    if not lines or not report.source_file:
        return ""
    words = "line" if lines == ((lines[0][0], lines[0][0]),) else "lines"
    target = escape(link.passage(report.source_file, lines[0][0]))
    return (
        f'<a href="{target}">{words} {escape(show_lines(lines).replace("-", "–"))} of the document as transcribed</a>'
    )


def report_parts(report: Report, link: urls.Links) -> tuple[Markup, Markup]:
    """What an organisation page shows with a report: where it can be read (with the transcription's notes
    on it), then its status key and what it holds that is not data."""
    source = report_source(report, link)
    rest = status_key(report.status_key) + left_out(report.left_out, report, link)
    return Markup(source), Markup(rest)  # noqa: S704 - every value is escaped in the functions above


def report_source(report: Report, link: urls.Links) -> str:
    """Where a report can be read: the original where it is online, and the document as transcribed."""
    transcribed = ""
    if report.source_file:
        target = escape(link.to(urls.source_document(report.source_file)))
        transcribed = f'<a href="{target}">the document as transcribed</a>'
    if report.url:
        original = f'<a href="{escape(report.url)}" rel="nofollow">the original</a>'
        said = f"Read {original}" + (f" or {transcribed}" if transcribed else "") + "."
    elif transcribed:
        said = f"We have not found the original online. Read {transcribed}, with its line numbers."
    else:
        said = "We have not found the original online."
    return f"<p>{said}</p>" + source_notes(report.source_notes, Report, 0, link).rstrip("\n")


def status_key(entries: tuple[KeyEntry, ...]) -> str:
    """A report's own key: each word it rates with, what the document says it means, and how it is shown."""
    if not entries:
        return ""
    undefined = '<span class="fr-quiet">Not defined in the document</span>'
    rows = "".join(
        f'<tr><th scope="row">{escape(e.written)}</th><td>{escape(e.meaning) if e.meaning else undefined}</td>'
        f"<td>{status_tag(e.status)}{_quiet(e.note)}</td></tr>\n"
        for e in entries
    )
    return (
        '<div class="fr-table-wrap"><table class="fr-table fr-table--compact fr-key">\n'
        "<caption>How the document rates progress, and how this site shows each rating</caption>\n"
        '<thead><tr><th scope="col">Written</th><th scope="col">Meaning, in the document’s words</th>'
        '<th scope="col">Shown here as</th></tr></thead>\n'
        f"<tbody>\n{rows}</tbody>\n</table></div>\n"
    )


def _quiet(text: str) -> str:
    return f' <span class="fr-quiet">{escape(text)}</span>' if text else ""


def left_out(parts: tuple[LeftOut, ...], report: Report, link: urls.Links) -> str:
    if not parts:
        return ""
    items = "".join(
        f"<li>{passage_link(report, part.lines, link) or escape(show_lines(part.lines))}: {escape(part.what)} "
        f'<span class="fr-quiet">Why: {escape(part.why)}</span></li>\n'
        for part in parts
    )
    return (
        '<details class="fr-left-out"><summary>What the document holds that is not published as data, and why'
        f"</summary>\n<ul>\n{items}</ul>\n</details>\n"
    )


def citations(sources: tuple[Citation, ...]) -> str:
    items = "".join(
        f'<li><a href="{escape(c.url)}" rel="nofollow">{escape(c.title)}</a>'
        + (f": “{escape(c.quote)}”" if c.quote else "")
        + "</li>\n"
        for c in sources
    )
    return f'<details class="fr-sources"><summary>Sources</summary>\n<ul>\n{items}</ul>\n</details>\n' if items else ""


def history(
    org: Organisation,
    successors: list[Organisation],
    predecessors: list[Organisation],
    link: urls.Links,
    as_at: dt.date,
) -> Markup:
    """When an organisation opened and closed, who took over its duties (and theirs, in turn), whose it
    took over, and the published sources for each. A closure announced for after `as_at` is to come."""
    said = []
    if org.opened:
        came = "came" if org.opened <= as_at else "is to come"
        said.append(f"{escape(org.short_name)} {came} into being on {escape(show(org.opened))}.")
    if predecessors:
        names = ", ".join(
            f'<a href="{escape(link.organisation(p.code))}">{escape(p.name)}</a>'
            + (f" (closed {escape(show(p.closed))})" if p.closed else "")
            for p in predecessors
        )
        said.append(f"It took over the duties of {names}.")
    if org.closed:
        past = org.closed <= as_at
        closing = f"It {'closed' if past else 'is to close'} on {escape(show(org.closed))}"
        for before, later in zip([org, *successors], successors, strict=False):
            named = f'<a href="{escape(link.organisation(later.code))}">{escape(later.name)}</a>'
            if before is not org and before.closed:
                closed = "closed" if before.closed <= as_at else "is to close"
                closing += f"; that body {closed} on {escape(show(before.closed))}"
            closing += f", when its duties {'passed' if past else 'pass'} to {named}"
        said.append(closing + ".")
    if not said:
        return Markup("")
    return Markup(  # noqa: S704 - every value is escaped above
        f'<div class="fr-history" role="note"><p>{" ".join(said)}</p>\n{citations(org.history_sources)}</div>\n'
    )


__all__ = ["IMPLEMENTATION", "label"]
