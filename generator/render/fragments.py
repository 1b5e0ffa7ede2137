"""The HTML of the page parts repeated most: status tags, responses, actions and dated progress.

At national scale the pages show hundreds of thousands of status tags, and the organisation pages hold
150,000 actions with 450,000 progress entries. As Jinja2 macros these took over half the time of
rendering the pages (a macro call costs far more than the HTML it makes), so a response, everything in
it and its actions are made here, in Python, and the templates make the rest of each page. Every value
from the data is escaped here, exactly as the templates escape it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup, escape

from .. import urls
from ..model import statuses
from ..model.dates import show, show_partial
from ..model.records import Action, Dataset, Organisation, Progress, Recommendation, Report, Response
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


def report_cite(report: Report) -> str:
    """A report as a source is cited: title, the body that received it, its date."""
    body = f", {escape(report.body)}" if report.body else ""
    inferred = " (date inferred)" if report.date_basis == "inferred" else ""
    return f"{escape(report.title)}{body}, {escape(show_partial(report.date))}{inferred}"


def source_ref(ref: str, data: Dataset, link: urls.Links) -> Markup:
    """Where a catalogue text comes from: a source (linked where it has an address), or the report of
    an organisation that quotes it."""
    source = data.sources.get(ref)
    if source is not None:
        title = escape(source.title)
        html = f'<a href="{escape(source.url)}" rel="nofollow">{title}</a>' if source.url else str(title)
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
) -> str:
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
    return (
        f'<div class="fr-action" id="{urls.action_anchor(recommendation, number)}">\n'
        f'<h4 class="fr-action__title">{escape(action.name(number))} {status_tag(action.status())}</h4>\n'
        f'<dl class="fr-fields">\n{"".join(fields)}</dl>\n</div>\n'
    )


def action_line(action: Action, number: int, org: Organisation, recommendation: int, link: urls.Links) -> str:
    """An action in brief, as on its recommendation's page, linking to it in full on its organisation's."""
    anchor = link.action(org.code, recommendation, number)
    details = []
    if action.lead:
        details.append(f"Lead: {escape(action.lead)}")
    if action.timescale:
        details.append(f"Timescale: {escape(action.timescale)}")
    quiet = f'<p class="fr-quiet">{". ".join(details)}</p>' if details else ""
    return (
        f'<li><a href="{escape(anchor)}">{escape(action.name(number))}</a> {status_tag(action.status())}\n'
        f'<div class="fr-prose">{prose(action.description)}</div>\n{quiet}</li>\n'
    )


def _response_fields(response: Response, implied: frozenset[str]) -> str:
    """The response's own fields, and the recommendation as it quotes it."""
    org = response.organisation
    parts = []
    if response.number_note:
        parts.append(
            '<div class="fr-notice"><p><strong>The document does not show which recommendation this answers.'
            f"</strong> {escape(response.number_note)}</p></div>\n"
        )
    parts.append(
        '<dl class="fr-fields">\n'
        f"<dt>Status</dt><dd>{status_tag(response.status())} "
        f'<span class="fr-quiet">as at {escape(show_partial(org.latest_report.date))}</span></dd>\n'
        f"<dt>Reported in</dt><dd>{report_cite(response.report)}</dd>\n"
    )
    if response.theme:
        parts.append(f"<dt>Theme given</dt><dd>{escape(response.theme)}</dd>")
    if response.tags:
        parts.append(f"<dt>Tags</dt><dd>{escape(', '.join(response.tags))}</dd>")
    if response.government_response:
        parts.append(f"<dt>Government response, as quoted</dt><dd>{prose(response.government_response)}</dd>")
    if response.position:
        parts.append(f'<dt>Position</dt><dd class="fr-prose">{prose(response.position)}</dd>')
    if response.progress:
        parts.append(f"<dt>Progress</dt><dd>{progress_list(response.progress, org.short_name, implied)}</dd>")
    parts.append("</dl>\n")
    if response.quoted_text:
        parts.append(
            '<details class="fr-quote"><summary>The recommendation as the organisation quotes it</summary>\n'
            f"<blockquote>{prose(response.quoted_text)}</blockquote>\n</details>\n"
        )
    return "".join(parts)


def organisation_response(response: Response, rec: Recommendation, implied: frozenset[str]) -> Markup:
    """A response in full, as on its organisation's page: every field, every action and its progress."""
    number, name = rec.number, response.organisation.short_name
    anchor = urls.response_anchor(number)
    actions = ""
    if response.actions:
        blocks = (action_block(a, i, name, number, implied) for i, a in enumerate(response.actions, start=1))
        actions = '<div class="fr-actions">\n' + "".join(f"{block}\n" for block in blocks) + "</div>\n"
    return Markup(  # noqa: S704 - every value is escaped above
        f'<section class="fr-response" aria-labelledby="{anchor}">\n'
        f'<h3 id="{anchor}">{escape(rec.heading)}</h3>\n'
        f'<p class="fr-quiet"><a href="../../{urls.recommendation(number)}">Recommendation {number}: its text, '
        "the Government's response and every organisation's response</a></p>\n"
        f"{_response_fields(response, implied)}{actions}\n</section>\n"
    )


def recommendation_response(response: Response, link: urls.Links) -> Markup:
    """A response in brief, as on its recommendation's page: its fields, and each action in a line that
    links to the action in full on the organisation's page."""
    org, number = response.organisation, response.recommendation
    anchor = urls.organisation_anchor(org.code)
    actions = ""
    if response.actions:
        lines = (action_line(a, i, org, number, link) for i, a in enumerate(response.actions, start=1))
        actions = (
            '<h4>Actions</h4>\n<ol class="fr-action-list">\n'
            + "".join(f"{line}\n" for line in lines)
            + f'</ol>\n<p><a href="{escape(link.response(org.code, number))}">Outcomes, evidence and progress for '
            f"each action on {escape(org.short_name)}’s page</a></p>\n"
        )
    return Markup(  # noqa: S704 - every value is escaped above
        f'<section class="fr-response" aria-labelledby="{anchor}">\n'
        f'<h3 id="{anchor}"><a href="{escape(link.organisation(org.code))}">{escape(org.name)}</a></h3>\n'
        f"{_response_fields(response, frozenset())}{actions}\n</section>\n"
    )
