"""The HTML of the small page parts repeated most: status tags, vocabularies, citations of a report or a
source, and dated progress. (Responses and actions, which use them, are made in responses.py.)

At national scale the pages show hundreds of thousands of status tags, and the organisation pages hold
150,000 actions with 450,000 progress entries. As Jinja2 macros these took about twice as long as in
Python (a macro call costs far more than the HTML it makes: see the note on issue 17), so these page
parts are made in Python, and the templates make the rest of each page. Every value from the data is
escaped here, exactly as the templates escape it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup, escape

from .. import urls
from ..model import statuses
from ..model.dates import show_partial
from ..model.records import Dataset, Organisation, Progress, Report
from .text import inline

_VOCABULARIES = {
    "implementation": (statuses.IMPLEMENTATION, "fr-status-"),
    "reporting": (statuses.REPORTING, "fr-report-"),
    "government": (statuses.GOVERNMENT_RESPONSE, ""),
    "source_notes": (statuses.SOURCE_NOTES, ""),
    "confidence": (statuses.CONFIDENCE, ""),
}
_HEADINGS = {"source_notes": "Note", "confidence": "Shown as"}


@functools.cache
def _tag(kind: str, code: str) -> Markup:
    """A status in words, styled as a tag (NHS service manual: sentence case, with text). Cached: pages
    at national scale show hundreds of thousands of them."""
    terms, prefix = _VOCABULARIES[kind]
    label = escape(statuses.label(terms, code))
    return Markup(f'<strong class="{prefix}{escape(code)}">{label}</strong>')  # noqa: S704 - escaped


def status_tag(code: str) -> Markup:
    return _tag("implementation", code)


def reporting_tag(code: str) -> Markup:
    return _tag("reporting", code)


def definitions(kind: str) -> Markup:
    """A table of a vocabulary's labels and meanings, for hand-written pages."""
    terms, tag = _VOCABULARIES[kind]
    rows = "\n".join(
        '<tr><th scope="row">'
        + str(_tag(kind, t.code) if tag else escape(t.label))
        + f"</th><td>{escape(t.definition)}</td></tr>"
        for t in terms
    )
    return Markup(  # noqa: S704 - labels and definitions are escaped above
        f'<table class="fr-definitions">\n<thead><tr><th scope="col">{_HEADINGS.get(kind, "Status")}</th>'
        '<th scope="col">Meaning</th></tr>'
        f"</thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    )


def report_cite(report: Report) -> str:
    """A report as a source is cited: title, the body that received it, its date."""
    body = f", {escape(report.body)}" if report.body else ""
    inferred = " (date inferred)" if report.date_basis == "inferred" else ""
    return f"{escape(report.title)}{body}, {escape(show_partial(report.date))}{inferred}"


def source_ref(ref: str, data: Dataset, link: urls.Links, url: str = "") -> Markup:
    """Where a catalogue text comes from: a source (linked to `url`, the page it was read from, or else the
    source's own address), or the report of an organisation that quotes it."""
    source = data.sources.get(ref)
    if source is not None:
        title, address = escape(source.title), url or source.url
        html = f'<a href="{escape(address)}" rel="nofollow">{title}</a>' if address else str(title)
    else:
        code, report = ref.split("/", 1)
        target = link.to(f"{urls.organisation(code)}#{urls.report_anchor(report)}")
        html = f'as quoted by <a href="{escape(target)}">{escape(data.organisation(code).name)}</a>'
    return Markup(html)  # noqa: S704 - escaped above


def _dated_by_its_report(p: Progress) -> bool:
    """Assessed by its organisation and dated only by its report: the entries whose citation a page may
    leave implied."""
    return not (p.assessed_by or p.date)


def implied_reports(org: Organisation) -> frozenset[str]:
    """The reports of `org` that some progress entry comes from, dated by it and assessed by the
    organisation itself, where no other report has the same date: the entry's date alone names the report.
    (On its organisation's page, such entries need not cite it: see progress_list.)"""
    dates = Counter(r.date for r in org.reports)
    entries = [p for r in org.responses for p in (*r.progress, *(p for a in r.actions for p in a.progress))]
    entries += [p for a in org.actions for p in a.progress]
    return frozenset(p.report.id for p in entries if _dated_by_its_report(p) and dates[p.report.date] == 1)


def progress_list(entries: Iterable[Progress], org_name: str, implied: frozenset[str] = frozenset()) -> Markup:
    """Dated progress, newest first; each entry says who assessed it and in which report. On its
    organisation's page, which says once that entries are its own assessments from the report of the
    date shown, an entry from one of the `implied` reports, dated by it and not assessed by anyone else,
    need not say so again (a national plan would repeat it 450,000 times)."""
    items = []
    for p in sorted(entries, key=lambda entry: entry.as_at, reverse=True):
        written = f' <span class="fr-quiet">(written as “{escape(p.status_as_written)}”)</span>'
        text = f" {inline(p.text)}" if p.text else ""
        cite = (
            f' <span class="fr-quiet">Assessed by {escape(p.assessed_by or org_name)} in '
            f"“{escape(p.report.title)}”.</span>"
            if not (_dated_by_its_report(p) and p.report.id in implied)
            else ""
        )
        items.append(
            f"<li><strong>As at {escape(show_partial(p.when))}</strong> "
            f"{status_tag(p.status)}{written if p.status_as_written else ''}{text}{cite}</li>\n"
        )
    return Markup(f'<ol class="fr-progress" reversed>\n{"".join(items)}</ol>\n')  # noqa: S704 - escaped above
