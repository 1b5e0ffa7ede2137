"""The HTML pieces pages repeat most: status tags, actions and lists of dated progress.

At national scale the pages show hundreds of thousands of status tags, and the organisation pages hold
150,000 actions with 450,000 progress entries. As Jinja2 macros, actions and progress took over half the
time of rendering the pages (a macro call costs far more than the HTML it makes), so these are plain
functions, registered as template globals (render.py). Every value from the data is escaped, exactly as
the templates would escape it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup, escape

from . import statuses
from .dates import show, show_partial
from .model import Action, Organisation, Progress
from .text import prose

_VOCABULARIES = {
    "implementation": (statuses.IMPLEMENTATION, "fr-status--"),
    "reporting": (statuses.REPORTING, "fr-report--"),
    "government": (statuses.GOVERNMENT_RESPONSE, ""),
}


@functools.cache
def _tag(kind: str, code: str) -> Markup:
    """A status in words, styled as a tag (NHS service manual: sentence case, with text). Cached: pages
    at national scale show hundreds of thousands of them."""
    terms, prefix = _VOCABULARIES[kind]
    label = escape(statuses.label(terms, code))
    return Markup(f'<strong class="fr-status {prefix}{escape(code)}">{label}</strong>')  # noqa: S704 - escaped


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
        '<table class="fr-definitions">\n<thead><tr><th scope="col">Status</th><th scope="col">Meaning</th></tr>'
        f"</thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    )


def action_anchor(recommendation: int, index: int) -> str:
    """The id of an action on its organisation's page (index counts from 1)."""
    return f"rec-{recommendation}-action-{index}"


def _dated_by_its_report(p: Progress) -> bool:
    """Assessed by its organisation and dated only by its report: the entries whose citation a page may
    leave implied."""
    return not (p.assessed_by or p.date)


def implied_reports(org: Organisation) -> frozenset[str]:
    """The reports of `org` that some progress entry comes from, dated by it and assessed by the
    organisation itself, where no other report has the same date: the entry's date alone names the report.
    (On its organisation's page, such entries need not cite it: see progress_list.)"""
    dates = Counter(r.date for r in org.reports)
    entries = (p for r in org.responses for p in (*r.progress, *(p for a in r.actions for p in a.progress)))
    return frozenset(p.report.id for p in entries if _dated_by_its_report(p) and dates[p.report.date] == 1)


def progress_list(entries: Iterable[Progress], org_name: str, implied: frozenset[str] = frozenset()) -> Markup:
    """Dated progress, newest first; each entry says who assessed it and in which report. On its
    organisation's page, which says once that entries are its own assessments from the report of the
    date shown, an entry from one of the `implied` reports, dated by it and not assessed by anyone else,
    need not say so again (a national plan would repeat it 450,000 times)."""
    items = []
    for p in sorted(entries, key=lambda entry: entry.as_at, reverse=True):
        written = f' <span class="fr-quiet">(written as “{escape(p.status_as_written)}”)</span>'
        text = f'<div class="fr-prose">{prose(p.text)}</div>' if p.text else ""
        cite = (
            f' <span class="fr-quiet">Assessed by {escape(p.assessed_by or org_name)} in '
            f"“{escape(p.report.title)}”.</span>"
            if not (_dated_by_its_report(p) and p.report.id in implied)
            else ""
        )
        items.append(
            f'<li><span class="fr-progress__date">As at {escape(show_partial(p.when))}</span> '
            f"{status_tag(p.status)}{written if p.status_as_written else ''}{text}{cite}</li>\n"
        )
    return Markup(f'<ol class="fr-progress" reversed>\n{"".join(items)}</ol>\n')  # noqa: S704 - escaped above


def action_block(
    action: Action, number: int, org_name: str, recommendation: int, implied: frozenset[str] = frozenset()
) -> Markup:
    """An action with all its fields, its status and its progress, as on its organisation's page."""
    fields = []
    if action.summary:
        fields.append(f"<dt>Summary</dt><dd>{prose(action.summary)}</dd>")
    if action.key_area:
        fields.append(f"<dt>Key area</dt><dd>{prose(action.key_area)}</dd>")
    fields.append(f"<dt>Action</dt><dd>{prose(action.description)}</dd>\n")
    if action.lead:
        fields.append(f"<dt>Lead</dt><dd>{escape(action.lead)}</dd>")
    if action.timescale or action.due:
        due = f' <span class="fr-quiet">(due by {escape(show(action.due))})</span>' if action.due else ""
        fields.append(f"<dt>Timescale</dt><dd>{escape(action.timescale)}{due}</dd>")
    if action.outcome:
        fields.append(f"<dt>Outcome</dt><dd>{prose(action.outcome)}</dd>")
    if action.evidence:
        fields.append(f"<dt>Evidence</dt><dd>{prose(action.evidence)}</dd>")
    if action.tags:
        fields.append(f"<dt>Tags</dt><dd>{escape(', '.join(action.tags))}</dd>")
    progress = progress_list(action.progress, org_name, implied) if action.progress else "No progress reported."
    fields.append(f"<dt>Progress</dt><dd>{progress}</dd>\n")
    return Markup(  # noqa: S704 - every value is escaped above
        f'<div class="fr-action" id="{action_anchor(recommendation, number)}">\n'
        f'<h4 class="fr-action__title">Action {escape(action.ref or number)} {status_tag(action.status())}</h4>\n'
        f'<dl class="fr-fields">\n{"".join(fields)}</dl>\n</div>\n'
    )


def action_line(action: Action, number: int, org: Organisation, recommendation: int) -> Markup:
    """An action in brief, as on its recommendation's page, linking to it in full on its organisation's."""
    anchor = f"../../organisations/{escape(org.code)}/#{action_anchor(recommendation, number)}"
    details = []
    if action.lead:
        details.append(f"Lead: {escape(action.lead)}")
    if action.timescale:
        details.append(f"Timescale: {escape(action.timescale)}")
    quiet = f'<p class="fr-quiet">{". ".join(details)}</p>' if details else ""
    return Markup(  # noqa: S704 - every value is escaped above
        f'<li><a href="{anchor}">Action {escape(action.ref or number)}</a> {status_tag(action.status())}\n'
        f'<div class="fr-prose">{prose(action.description)}</div>\n{quiet}</li>\n'
    )
