"""What search finds: the records Pagefind indexes (publish/search_index.py).

The records are made from the model, not scraped from the built pages: every recommendation,
organisation, hand-written page and response becomes one small record, and each action is a titled
section of its response's record (Pagefind returns it as a sub-result), so each action is indexed
exactly once, with its recommendation, organisation and status. A response's and an action's text is
what the schema marks `searched` (model/records.py). Because the records need nothing from MkDocs,
Pagefind indexes them in a background process while MkDocs builds the pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import markdown

from .. import urls
from ..model import statuses
from ..model.fields import spec_of
from ..model.records import Action, Dataset, Organisation, PlanAction, Progress, Recommendation, Response
from .page import Page

# Filter names as people see them on the search page (theme/assets/javascripts/search.js lists them too).
TYPE = "Type"
ORGANISATION = "Organisation"
THEME = "Theme"
GOVERNMENT = "Government response"
STATUS = "Status"
NO_THEME = "No theme recorded"


@dataclass(frozen=True)
class Section:
    """A part of a record with its own heading and anchor: Pagefind returns it as a sub-result."""

    anchor: str  # the id of the same part on the record's page
    heading: str
    content: str


@dataclass(frozen=True)
class Record:
    page: str  # the page the record points to, relative to the site root, e.g. organisations/x/
    title: str
    content: str
    anchor: str = ""
    sections: tuple[Section, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    weight: int = 7  # of the title, as Pagefind weighs an <h1>; 10 puts a name above passing mentions

    @property
    def url(self) -> str:
        return f"{self.page}#{self.anchor}" if self.anchor else self.page


# Above this many responses, an organisation's responses are indexed a few to a record. The metadata
# and filter files a browser loads grow with the number of records (350 KB for 50,000), so grouping
# keeps a national-scale search within a few hundred kilobytes; each response and action is still
# found on its own, as a sub-result with its anchor. Pagefind's memory grows with the records too: at
# 50,000 responses it peaks at 3.4 GB for 5,000 records and 2.6 GB for 2,500, while a query fetches
# about the same (smaller metadata, larger fragments); at 1,000 it is 2.2 GB but a query fetches 25% more.
TARGET_RECORDS = 2500


def records(data: Dataset, content: Iterable[Page] = (), target: int = TARGET_RECORDS) -> Iterator[Record]:
    for page in content:
        if isinstance(page.text, str) and page.path.endswith(".md"):
            yield _content_record(page.path, page.text)
    for rec in data.recommendations:
        yield _recommendation_record(rec)
    total = sum(len(org.responses) for org in data.organisations)
    per_record = max(1, -(-total // target))
    for org in data.organisations:
        yield _organisation_record(org)
        for start in range(0, len(org.responses), per_record):
            group = org.responses[start : start + per_record]
            if len(group) == 1:
                yield _response_record(data.recommendation(group[0].recommendation), group[0])
            else:
                yield _group_record(data, org, group)
        if org.actions:
            yield _plan_record(org)


def _content_record(path: str, source: str) -> Record:
    title_match = re.search(r'^title: "?(.*?)"?$', source, re.MULTILINE)
    title = html.unescape(title_match.group(1)) if title_match else path
    body = source.split("\n---\n", 1)[-1]
    # As a reader sees it: the Markdown rendered, then only its text (no "[link](address)" in an excerpt).
    rendered = markdown.markdown(body, extensions=["attr_list"])
    text = html.unescape(re.sub(r"\s*\n\s*", "\n", re.sub(r"<[^>]+>", " ", rendered))).strip()
    return Record(
        urls.source(path),
        title,
        text,
        meta={"title": title, "kind": "Page"},
        filters={TYPE: ["Page"]},
    )


def _recommendation_record(rec: Recommendation) -> Record:
    government = statuses.label(statuses.GOVERNMENT_RESPONSE, rec.government_response)
    return Record(
        urls.recommendation(rec.number),
        rec.heading,
        "\n".join(p for p in (rec.theme, rec.text or "Text not added yet.") if p),
        meta={"title": rec.heading, "kind": "Recommendation", "government": government},
        filters={TYPE: ["Recommendation"], THEME: [rec.theme or NO_THEME], GOVERNMENT: [government]},
    )


def _organisation_record(org: Organisation) -> Record:
    kind = statuses.label(statuses.ORGANISATION_KINDS, org.kind)
    reports = [f"{r.title} {r.body} {r.date}" for r in org.reports]
    return Record(
        urls.organisation(org.code),
        org.name,
        "\n".join([org.short_name, kind, org.region, *reports]),
        meta={"title": org.name, "kind": "Organisation", "organisation": org.short_name},
        filters={TYPE: ["Organisation"], ORGANISATION: [org.short_name]},
        weight=10,
    )


def _response_record(rec: Recommendation, response: Response) -> Record:
    org = response.organisation
    status = statuses.label(statuses.IMPLEMENTATION, response.status())
    title = f"{org.short_name} on recommendation {rec.number}" + (f": {rec.title}" if rec.title else "")
    action_statuses = [statuses.label(statuses.IMPLEMENTATION, a.status()) for a in response.actions]
    return Record(
        urls.organisation(org.code),
        title,
        _searched(response, Response, response.progress),
        anchor=urls.response_anchor(rec.number),
        sections=tuple(_action_section(rec.number, i, a) for i, a in enumerate(response.actions, start=1)),
        meta={
            "title": title,
            "kind": "Response",
            "organisation": org.short_name,
            "recommendation": rec.heading,
            "status": status,
            "status_code": response.status(),
        },
        filters={
            TYPE: ["Response"],
            ORGANISATION: [org.short_name],
            THEME: [rec.theme or NO_THEME],
            GOVERNMENT: [statuses.label(statuses.GOVERNMENT_RESPONSE, rec.government_response)],
            # A response is found by its own status and by each of its actions' statuses.
            STATUS: sorted({status, *action_statuses}),
        },
    )


def _group_record(data: Dataset, org: Organisation, group: Sequence[Response]) -> Record:
    first, last = group[0].recommendation, group[-1].recommendation
    title = f"{org.short_name}: recommendations {first} to {last}"
    sections: list[Section] = []
    filters: dict[str, set[str]] = {THEME: set(), GOVERNMENT: set(), STATUS: set()}
    for response in group:
        single = _response_record(data.recommendation(response.recommendation), response)
        heading = f"{single.meta['recommendation']}: {single.meta['status']}"
        sections.append(Section(single.anchor, heading, single.content))
        sections += single.sections
        for name in filters:
            filters[name].update(single.filters[name])
    return Record(
        urls.organisation(org.code),
        title,
        "",
        anchor=urls.response_anchor(first),
        sections=tuple(sections),
        meta={"title": title, "kind": "Responses", "organisation": org.short_name},
        filters={TYPE: ["Response"], ORGANISATION: [org.short_name], **{k: sorted(v) for k, v in filters.items()}},
    )


def _plan_record(org: Organisation) -> Record:
    """The actions of an organisation's plan as a whole: a record, each action a section of it."""
    title = f"{org.short_name}: actions across its plan"
    found = sorted({statuses.label(statuses.IMPLEMENTATION, a.status()) for a in org.actions})
    sections = tuple(
        Section(
            urls.plan_action_anchor(a.index),
            f"{a.name(a.index)}: {statuses.label(statuses.IMPLEMENTATION, a.status())}",
            _searched(a, PlanAction, a.progress),
        )
        for a in org.actions
    )
    return Record(
        urls.organisation(org.code),
        title,
        "",
        anchor="plan",
        sections=sections,
        meta={"title": title, "kind": "Plan", "organisation": org.short_name},
        filters={TYPE: ["Action"], ORGANISATION: [org.short_name], STATUS: found},
    )


def _action_section(number: int, index: int, action: Action) -> Section:
    heading = f"{action.name(index)}: {statuses.label(statuses.IMPLEMENTATION, action.status())}"
    return Section(urls.action_anchor(number, index), heading, _searched(action, Action, action.progress))


def _searched(item: Any, record: type, progress: Iterable[Progress]) -> str:
    """The text of an item that search finds, as the schema marks it, then its progress entries'. (Not the
    transcription's notes on it: they describe the copy of the document, not what the organisation said.)"""
    parts = [str(spec.kind.export(getattr(item, spec.name))) for spec in spec_of(record) if spec.searched]
    parts += [
        str(spec.kind.export(getattr(p, spec.name))) for p in progress for spec in spec_of(Progress) if spec.searched
    ]
    return _join(parts)


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p)
