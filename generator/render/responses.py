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
from .text import brief, inline, prose


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
    due = ""
    if action.due and show(action.due).split(" ", 1)[1] not in action.timescale:  # "March 2014" says it already
        due = f' <span class="fr-quiet">(due by {escape(show(action.due))})</span>'
    progress = progress_list(action.progress, org_name, implied) if action.progress else "No progress reported."
    fields = [
        _row("Summary", action.summary and inline(action.summary)),
        _row("Key area", action.key_area and inline(action.key_area)),
        _row("Action", inline(action.description)) + "\n",
        _row("Recommendations it addresses", addressed),
        _row("Lead", escape(action.lead)),
        _row("Timescale", f"{escape(action.timescale)}{due}" if action.timescale or action.due else ""),
        _row("Date completed", action.completed and escape(show_partial(action.completed))),
        _row("Outcome", action.outcome and inline(action.outcome)),
        _row("Evidence", action.evidence and inline(action.evidence)),
        _row("Tags", escape(", ".join(action.tags))),
        _row("Progress", progress) + "\n",
    ]
    source = passage_link(report, action.lines, link)
    where = f'<p class="fr-quiet fr-passage">From {source}.</p>\n' if source else ""
    notes = source_notes(action.source_notes, type(action), recommendation, link)
    return (
        f'<div class="fr-action" id="{anchor}">\n'
        f"<h4>{escape(action.name(number))} {status_tag(action.status())}</h4>\n"
        f'<dl class="fr-fields">\n{"".join(fields)}</dl>\n{notes}{where}</div>\n'
    )


def _row(label: str, value: str, attributes: str = "") -> str:
    """A field of a definition list, or nothing where it has no value (the page shows only what the
    document gives)."""
    return f"<dt>{label}</dt><dd{attributes}>{value}</dd>" if value else ""


BRIEF_WORDS = 10  # under a line at 1280 px; a recommendation's page at national scale shows 560 of them


def action_line(action: Action, number: int, target: str = "") -> str:
    """An action in one line, as on its recommendation's page: its name (linking to it in full at `target`,
    if given: a response links once, to the whole of it), its status, its first sentence (an ellipsis shows
    where it is cut) and when it is due or was done. At national scale a page holds hundreds of these."""
    when = ""
    if action.completed:
        when = f" <small>completed {escape(show_partial(action.completed))}</small>"
    elif action.timescale:  # the document's own words
        when = f" <small>due {escape(action.timescale)}</small>"
    elif action.due:
        when = f" <small>due {escape(show(action.due))}</small>"
    name = str(escape(action.name(number)))
    if target:
        name = f'<a href="{escape(target)}">{name}</a>'
    return f"<li>{name} {status_tag(action.status())} {escape(brief(action.description, BRIEF_WORDS))}{when}</li>\n"


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
        _row("Position", response.position and inline(response.position)),
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
        f'<p class="fr-quiet"><a href="{escape(link.recommendation(number))}">Recommendation {number} and every '
        "organisation’s response</a></p>\n"
        f"{_response_fields(response, implied, link)}{actions}\n</section>\n"
    )


def plan_actions(org: Organisation, implied: frozenset[str], link: urls.Links) -> Markup:
    """The actions of an organisation's plan as a whole, in full."""
    blocks = (
        action_block(a, a.index, urls.plan_action_anchor(a.index), org.short_name, implied, a.report, link)
        for a in org.actions
    )
    return Markup('<div class="fr-actions">\n' + "".join(f"{block}\n" for block in blocks) + "</div>\n")  # noqa: S704


_NOT_IN_BRIEF = frozenset({"quoted_text", "theme", "tags", "government_response"})


def recommendation_response(response: Response, link: urls.Links) -> Markup:
    """A response in brief, as on its recommendation's page (at national scale a page lists hundreds): how
    far it has got, as at when and in which report; the organisation's position and its latest progress in
    full, and the transcription's notes; each action in one line (see action_line). Its heading, the
    organisation's name, links to the whole response on the organisation's page. Its region and status are
    data attributes, for the page's filters."""
    org, number = response.organisation, response.recommendation
    anchor, status = urls.organisation_anchor(org.code), response.status()
    latest = org.latest_report
    source = passage_link(response.report, response.lines, link)
    passage = f" ({source})" if source else ""
    if latest is response.report:  # most: one line says both
        report = response.report
        inferred = " (date inferred)" if report.date_basis == "inferred" else ""
        said = f"as at {escape(show_partial(report.date))}{inferred}, in {escape(report.title)}{passage}"
    else:
        as_at = f"as at {escape(show_partial(latest.date))}; " if latest else ""
        said = f"{as_at}reported in {report_cite(response.report)}{passage}"
    progress = ""
    if response.progress:
        newest = max(response.progress, key=lambda p: p.as_at)
        progress = progress_list([newest], org.short_name)
        if len(response.progress) > 1:
            progress += f'<p class="fr-quiet">The latest of {len(response.progress)} progress entries.</p>\n'
    # Notes on the fields shown here, or on the whole response; the rest are with those fields in full.
    notes = tuple(n for n in response.source_notes if n.field not in _NOT_IN_BRIEF)
    position = ""
    if response.position:
        position = f"<h4>Position</h4>\n{prose(response.position)}\n"
    actions = ""
    if response.actions:
        lines = (action_line(a, i) for i, a in enumerate(response.actions, start=1))
        actions = '<ul class="fr-action-lines" aria-label="Actions">\n' + "".join(lines) + "</ul>\n"
    return Markup(  # noqa: S704 - every value is escaped above
        f'<section class="fr-response" data-region="{escape(org.region)}" data-status="{escape(status)}">\n'
        f'<h3 id="{anchor}"><a href="{escape(link.response(org.code, number))}">{escape(org.short_name)}</a></h3>\n'
        f"<p>{status_tag(status)} <small>{said}.</small></p>\n"
        f"{position}{progress}{source_notes(notes, Response, number, link)}{actions}</section>\n"
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
        '<ul class="fr-action-lines">\n' + "".join(items) + "</ul>\n"
    )
