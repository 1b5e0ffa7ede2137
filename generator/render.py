"""Render the model into page sources: Markdown files whose bodies are HTML made by Jinja2.

The output is plain pages plus front matter, so any MkDocs-compatible engine can build it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import opendata, statuses
from .changes import History
from .changes import summary as change_summary
from .dates import show, show_partial
from .fragments import action_block, action_line, definitions, implied_reports, progress_list, reporting_tag, status_tag
from .model import Dataset, Organisation, Recommendation, Response
from .statement import Statement, organisation_years
from .tallies import status_counts, tally
from .text import excerpt, prose

# Generated pages put their rendered HTML after this line; see generator/mkdocs_hooks.py.
HTML_MARKER = "<!-- html -->\n"


@dataclass(frozen=True)
class Page:
    path: str  # relative to the pages folder, e.g. recommendations/123.md
    text: str | bytes  # bytes for files copied as they are (images, PDFs)


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["definitions"] = definitions
    env.filters.update(prose=prose, excerpt=excerpt, date=show, partial_date=show_partial)
    env.globals.update(
        status=status_tag,
        reporting=reporting_tag,
        action_block=action_block,
        implied_reports=implied_reports,
        action_line=action_line,
        progress_list=progress_list,
        government_label=lambda code: statuses.label(statuses.GOVERNMENT_RESPONSE, code),
        kind_label=lambda code: statuses.label(statuses.ORGANISATION_KINDS, code),
        IMPLEMENTATION=statuses.IMPLEMENTATION,
        REPORTING=statuses.REPORTING,
        GOVERNMENT_RESPONSE=statuses.GOVERNMENT_RESPONSE,
        ORGANISATION_KINDS=statuses.ORGANISATION_KINDS,
    )
    return env


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} KB"


def front_matter(title: str, description: str = "") -> str:
    """YAML front matter. MkDocs and Material put these values into the HTML without escaping them
    (in <title>, the header and <meta>), so they are HTML-escaped here. JSON strings are valid YAML."""
    lines = ["---", f"title: {json.dumps(str(escape(title)), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(str(escape(description)), ensure_ascii=False)}")
    # The top tabs already give the navigation; the left column would only repeat them.
    lines += ["hide:", "  - navigation"]
    return "\n".join([*lines, "---", ""])


class Renderer:
    def __init__(self, data: Dataset, as_at: dt.date, history: History | None = None) -> None:
        self.data = data
        self.as_at = as_at
        self.history = history or History(problem="the change log was not worked out for this build")
        self.env = environment()
        # The year-end figures, once worked out (statement_pages does), so organisation pages reuse them.
        self.statements: dict[int, Statement] = {}
        self.env.globals.update(history=self.history, summary=change_summary, changes_link="../../changes/")
        self.env.globals.update(as_at=as_at, data=data, html_marker=Markup(HTML_MARKER.strip()))  # noqa: S704 - a constant

    def page(self, path: str, template: str, title: str, description: str = "", **context: object) -> Page:
        body = self.env.get_template(template).render(title=title, **context)  # escapes title itself
        return Page(path, front_matter(title, description) + body)

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield self.recommendation_index()
        for rec in self.data.recommendations:
            yield self.recommendation(rec)
        yield self.organisation_index()
        for org in self.data.organisations:
            yield self.organisation(org)
        yield self.page(
            "changes/index.md",
            "changes.md.j2",
            "Change log",
            "What changed in the data in each release of this site.",
        )

    def _responses(self) -> list[Response]:
        return [r for org in self.data.organisations for r in org.responses]

    def home(self) -> Page:
        responses = self._responses()
        actions = [a for r in responses for a in r.actions]
        return self.page(
            "index.md",
            "home.md.j2",
            "Francis Report recommendations: progress by NHS organisations",
            "What NHS organisations say they are doing about the 290 recommendations of the Francis Report.",
            response_tally=tally((r.status() for r in responses), statuses.IMPLEMENTATION),
            action_tally=tally((a.status() for a in actions), statuses.IMPLEMENTATION),
            reporting_tally=tally(
                (o.reporting_status(self.as_at) for o in self.data.organisations), statuses.REPORTING
            ),
            government_tally=tally(
                (r.government_response for r in self.data.recommendations), statuses.GOVERNMENT_RESPONSE
            ),
            with_text=sum(1 for r in self.data.recommendations if r.text),
            answered=sum(1 for r in self.data.recommendations if r.responses),
            response_count=len(responses),
            action_count=len(actions),
        )

    def recommendation_index(self) -> Page:
        themes = sorted({r.theme for r in self.data.recommendations if r.theme})
        return self.page(
            "recommendations/index.md",
            "recommendation_index.md.j2",
            "All 290 recommendations",
            "Every Francis Report recommendation with its theme, the Government's response and progress.",
            themes=themes,
            rows=[(rec, status_counts(r.status() for r in rec.responses)) for rec in self.data.recommendations],
        )

    def recommendation(self, rec: Recommendation) -> Page:
        return self.page(
            f"recommendations/{rec.number}.md",
            "recommendation.md.j2",
            rec.heading,
            excerpt(rec.text, 25) if rec.text else "",
            rec=rec,
            response_tally=tally((r.status() for r in rec.responses), statuses.IMPLEMENTATION),
        )

    def organisation_index(self) -> Page:
        return self.page(
            "organisations/index.md",
            "organisation_index.md.j2",
            "Organisations",
            "Every NHS organisation whose Francis Report action plan is published here.",
        )

    def organisation(self, org: Organisation) -> Page:
        actions = [a for r in org.responses for a in r.actions]
        return self.page(
            f"organisations/{org.code}.md",
            "organisation.md.j2",
            org.name,
            f"{org.name}: its response to the Francis Report recommendations, actions and progress.",
            org=org,
            years=organisation_years(org, self.as_at, self.statements),
            response_tally=tally((r.status() for r in org.responses), statuses.IMPLEMENTATION),
            action_tally=tally((a.status() for a in actions), statuses.IMPLEMENTATION),
        )

    def data_page(self, sizes: dict[str, int]) -> Page:
        """The Open data page: the files in data/ with their sizes (in bytes, by path), and every field."""
        local = {path.removeprefix(f"{opendata.FOLDER}/"): size for path, size in sizes.items()}
        return self.page(
            opendata.PAGE,
            "data.md.j2",
            "Open data",
            "Download all the data behind this site, with every field explained.",
            tables=opendata.TABLES,
            sizes={name: _size(n) for name, n in local.items()},
            bulk=opendata.BULK.removeprefix("data/"),
            workbook=opendata.WORKBOOK.removeprefix("data/"),
            package=opendata.PACKAGE.removeprefix("data/"),
            licence=opendata.LICENCE,
            attribution=opendata.ATTRIBUTION,
        )

    def content(self, source: Path) -> str:
        """A hand-written page from content/, which may use the status definitions."""
        template = self.env.from_string(source.read_text(encoding="utf-8"))
        return template.render()
