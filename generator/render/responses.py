"""The HTML of responses and actions: in full on an organisation's page (every field, the passage each
comes from, the transcription's notes, every progress entry), and in brief on a recommendation's page,
each action a line that links to it in full. Made in Python, not macros: see fragments.py. Every value
from the data is escaped here."""

from __future__ import annotations

from markupsafe import Markup, escape

from .. import urls
from ..model.dates import show, show_partial
from ..model.records import Action, Organisation, PlanAction, Recommendation, Report, Response
from .fragments import progress_list, report_cite, status_tag
from .provenance import passage_link, source_notes
from .text import prose


def _addresses(numbers: tuple[int, ...], link: urls.Links) -> str:
    return ", ".join(f'<a href="{escape(link.recommendation(n))}">{n}</a>' for n in numbers)


def action_block(
    action: Action,
    number: int,
    anchor: str,
    org_name: str,
    implied: frozenset[str],
    report: Report,
    link: urls.Links,
    recommendation: int = 0,
) -> str:
    """An action with all its fields, where it comes from, its status and its progress (its organisation's
    page). `number`: its place in its response or plan; `anchor`: its id on the page."""
    addressed = ""
    if isinstance(action, PlanAction):
        addressed = _addresses(action.recommendations, link) if action.recommendations else "None named"
    due = f' <span class="fr-quiet">(due by {escape(show(action.due))})</span>' if action.due else ""
    progress = progress_list(action.progress, org_name, implied) if action.progress else "No progress reported."
    fields = [
        _row("Summary", action.summary and prose(action.summary)),
        _row("Key area", action.key_area and prose(action.key_area)),
        _row("Action", prose(action.description)) + "\n",
        _row("Recommendations it addresses", addressed),
        _row("Lead", escape(action.lead)),
        _row("Timescale", f"{escape(action.timescale)}{due}" if action.timescale or action.due else ""),
        _row("Date completed", action.completed and escape(show_partial(action.completed))),
        _row("Outcome", action.outcome and prose(action.outcome)),
        _row("Evidence", action.evidence and prose(action.evidence)),
        _row("Tags", escape(", ".join(action.tags))),
        _row("Progress", progress) + "\n",
    ]
    source = passage_link(report, action.lines, link)
    where = f'<p class="fr-quiet fr-passage">From {source}.</p>\n' if source else ""
    notes = source_notes(action.source_notes, type(action), recommendation, link)
    return (
        f'<div class="fr-action" id="{anchor}">\n'
        f'<h4 class="fr-action__title">{escape(action.name(number))} {status_tag(action.status())}</h4>\n'
        f'<dl class="fr-fields">\n{"".join(fields)}</dl>\n{notes}{where}</div>\n'
    )


def _row(label: str, value: str, attributes: str = "") -> str:
    """A field of a definition list, or nothing where it has no value (the page shows only what the
    document gives)."""
    return f"<dt>{label}</dt><dd{attributes}>{value}</dd>" if value else ""


def action_line(action: Action, number: int, target: str) -> str:
    """An action in brief, as on its recommendation's page, linking to it in full (`target`)."""
    details = []
    if action.lead:
        details.append(f"Lead: {escape(action.lead)}")
    if action.timescale:
        details.append(f"Timescale: {escape(action.timescale)}")
    if action.completed:
        details.append(f"Completed: {escape(show_partial(action.completed))}")
    quiet = f'<p class="fr-quiet">{". ".join(details)}</p>' if details else ""
    return (
        f'<li><a href="{escape(target)}">{escape(action.name(number))}</a> {status_tag(action.status())}\n'
        f'<div class="fr-prose">{prose(action.description)}</div>\n{quiet}</li>\n'
    )


def _response_fields(response: Response, implied: frozenset[str], link: urls.Links) -> str:
    """The response's own fields, where it comes from, the transcription's notes, and the recommendation as
    the document quotes it."""
    org = response.organisation
    latest = org.latest_report
    as_at = f' <span class="fr-quiet">as at {escape(show_partial(latest.date))}</span>' if latest else ""
    source = passage_link(response.report, response.lines, link)
    progress = progress_list(response.progress, org.short_name, implied) if response.progress else ""
    parts = [
        '<dl class="fr-fields">\n'
        f"<dt>Status</dt><dd>{status_tag(response.status())}{as_at}</dd>\n"
        f"<dt>Reported in</dt><dd>{report_cite(response.report)}{f' ({source})' if source else ''}</dd>\n",
        _row("Theme given", escape(response.theme)),
        _row("Tags", escape(", ".join(response.tags))),
        _row("Government response, as quoted", response.government_response and prose(response.government_response)),
        _row("Position", response.position and prose(response.position), ' class="fr-prose"'),
        _row("Progress", progress),
        "</dl>\n",
    ]
    parts.append(source_notes(response.source_notes, Response, response.recommendation, link))
    if response.quoted_text:
        parts.append(
            '<details class="fr-quote"><summary>The recommendation as the organisation quotes it</summary>\n'
            f"<blockquote>{prose(response.quoted_text)}</blockquote>\n</details>\n"
        )
    return "".join(parts)


def organisation_response(response: Response, rec: Recommendation, implied: frozenset[str], link: urls.Links) -> Markup:
    """A response in full, as on its organisation's page: every field, every action and its progress."""
    number, name = rec.number, response.organisation.short_name
    anchor = urls.response_anchor(number)
    actions = ""
    if response.actions:
        blocks = (
            action_block(a, i, urls.action_anchor(number, i), name, implied, response.report, link, number)
            for i, a in enumerate(response.actions, start=1)
        )
        actions = '<div class="fr-actions">\n' + "".join(f"{block}\n" for block in blocks) + "</div>\n"
    return Markup(  # noqa: S704 - every value is escaped above
        f'<section class="fr-response" aria-labelledby="{anchor}">\n'
        f'<h3 id="{anchor}">{escape(rec.heading)}</h3>\n'
        f'<p class="fr-quiet"><a href="{escape(link.recommendation(number))}">Recommendation {number}: its text, '
        "the Government's response and every organisation's response</a></p>\n"
        f"{_response_fields(response, implied, link)}{actions}\n</section>\n"
    )


def plan_actions(org: Organisation, implied: frozenset[str], link: urls.Links) -> Markup:
    """The actions of an organisation's plan as a whole, in full."""
    blocks = (
        action_block(a, a.index, urls.plan_action_anchor(a.index), org.short_name, implied, a.report, link)
        for a in org.actions
    )
    return Markup('<div class="fr-actions">\n' + "".join(f"{block}\n" for block in blocks) + "</div>\n")  # noqa: S704


def recommendation_response(response: Response, link: urls.Links) -> Markup:
    """A response in brief, as on its recommendation's page: its fields, and each action in a line that
    links to the action in full on the organisation's page."""
    org, number = response.organisation, response.recommendation
    anchor = urls.organisation_anchor(org.code)
    actions = ""
    if response.actions:
        lines = (action_line(a, i, link.action(org.code, number, i)) for i, a in enumerate(response.actions, start=1))
        actions = (
            '<h4>Actions</h4>\n<ol class="fr-action-list">\n'
            + "".join(f"{line}\n" for line in lines)
            + f'</ol>\n<p><a href="{escape(link.response(org.code, number))}">Outcomes, evidence and progress for '
            f"each action on {escape(org.short_name)}’s page</a></p>\n"
        )
    return Markup(  # noqa: S704 - every value is escaped above
        f'<section class="fr-response" aria-labelledby="{anchor}">\n'
        f'<h3 id="{anchor}"><a href="{escape(link.organisation(org.code))}">{escape(org.name)}</a></h3>\n'
        f"{_response_fields(response, frozenset(), link)}{actions}\n</section>\n"
    )


def addressing_actions(rec: Recommendation, link: urls.Links) -> Markup:
    """The actions of organisations' plans as a whole that name this recommendation, in brief."""
    if not rec.plan_actions:
        return Markup("")
    items = []
    for action in rec.plan_actions:
        org = action.organisation
        line = action_line(action, action.index, link.plan_action(org.code, action.index))
        items.append(line.replace("<li>", f"<li>{escape(org.short_name)}: ", 1))
    return Markup(  # noqa: S704 - escaped in action_line
        '<ol class="fr-action-list">\n' + "".join(f"{item}\n" for item in items) + "</ol>\n"
    )
