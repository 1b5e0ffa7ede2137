"""The site's generated pages, each from its template and its context: home, the recommendations, the
organisations, the change log and the Open data page. (The annual statements are in statements.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

from markupsafe import Markup

from .. import urls
from ..history.git import History
from ..history.text import summary
from ..model import statuses
from ..model.records import Dataset, Organisation, Recommendation, Response
from ..model.statement import Statement, organisation_years
from ..model.tallies import status_counts, tally
from ..publish import opendata
from ..publish.tables import TABLES
from .contexts import (
    ChangesContext,
    Context,
    DataContext,
    HomeContext,
    OrganisationContext,
    OrganisationIndexContext,
    RecommendationContext,
    RecommendationIndexContext,
)
from .environment import environment
from .fragments import implied_reports, organisation_response, recommendation_response, source_ref
from .page import Page, front_matter
from .text import excerpt


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} KB"


class Renderer:
    """Renders pages from the model. `statements`: the year-end figures (model/statement.py), which the
    organisation pages show year by year."""

    def __init__(self, data: Dataset, as_at: dt.date, history: History, statements: Mapping[int, Statement]) -> None:
        self.data = data
        self.as_at = as_at
        self.history = history
        self.statements = statements
        self.env = environment()

    def page(self, path: str, template: str, context: Context, description: str = "") -> Page:
        body = self.env.get_template(template).render(context.names())  # escapes the title itself
        return Page(path, front_matter(context.title, description) + body)

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield self.recommendation_index()
        for rec in self.data.recommendations:
            yield self.recommendation(rec)
        yield self.organisation_index()
        for org in self.data.organisations:
            yield self.organisation(org)
        yield self.changes()

    def _responses(self) -> list[Response]:
        return [r for org in self.data.organisations for r in org.responses]

    def home(self) -> Page:
        responses = self._responses()
        actions = [a for r in responses for a in r.actions]
        recs = self.data.recommendations
        context = HomeContext(
            title="Francis Report recommendations: progress by NHS organisations",
            response_tally=tally((r.status() for r in responses), statuses.IMPLEMENTATION),
            action_tally=tally((a.status() for a in actions), statuses.IMPLEMENTATION),
            reporting_tally=tally(
                (o.reporting_status(self.as_at) for o in self.data.organisations), statuses.REPORTING
            ),
            government_tally=tally((r.government_response for r in recs), statuses.GOVERNMENT_RESPONSE),
            with_text=sum(1 for r in recs if r.text),
            answered=sum(1 for r in recs if r.responses),
            organisation_count=len(self.data.organisations),
            response_count=len(responses),
            action_count=len(actions),
            as_at=self.as_at,
        )
        description = "What NHS organisations say they are doing about the 290 recommendations of the Francis Report."
        return self.page("index.md", "home.md.j2", context, description)

    def recommendation_index(self) -> Page:
        context = RecommendationIndexContext(
            title="All 290 recommendations",
            themes=sorted({r.theme for r in self.data.recommendations if r.theme}),
            rows=[(rec, status_counts(r.status() for r in rec.responses)) for rec in self.data.recommendations],
        )
        description = "Every Francis Report recommendation with its theme, the Government's response and progress."
        return self.page("recommendations/index.md", "recommendation_index.md.j2", context, description)

    def recommendation(self, rec: Recommendation) -> Page:
        link = urls.Links(urls.recommendation(rec.number))
        source = self.data.sources.get(rec.government_response_source)
        context = RecommendationContext(
            title=rec.heading,
            rec=rec,
            title_source=source_ref(rec.title_source, self.data, link) if rec.title else Markup(""),
            text_source=source_ref(rec.text_source, self.data, link) if rec.text else Markup(""),
            government_source=source.title if source else "",
            response_tally=tally((r.status() for r in rec.responses), statuses.IMPLEMENTATION),
            responses=[recommendation_response(r, link) for r in rec.responses],
            history=self.history.for_page(urls.recommendation(rec.number)),
        )
        return self.page(f"recommendations/{rec.number}.md", "recommendation.md.j2", context, excerpt(rec.text, 25))

    def organisation_index(self) -> Page:
        context = OrganisationIndexContext(
            title="Organisations", organisations=self.data.organisations, as_at=self.as_at
        )
        description = "Every NHS organisation whose Francis Report action plan is published here."
        return self.page("organisations/index.md", "organisation_index.md.j2", context, description)

    def organisation(self, org: Organisation) -> Page:
        actions = [a for r in org.responses for a in r.actions]
        implied = implied_reports(org)
        recs = [self.data.recommendation(r.recommendation) for r in org.responses]
        context = OrganisationContext(
            title=org.name,
            org=org,
            as_at=self.as_at,
            years=organisation_years(org, self.as_at, self.statements),
            response_tally=tally((r.status() for r in org.responses), statuses.IMPLEMENTATION),
            action_tally=tally((a.status() for a in actions), statuses.IMPLEMENTATION),
            contents=[
                (rec.heading, urls.response_anchor(rec.number), len(r.actions), r.status())
                for rec, r in zip(recs, org.responses, strict=True)
            ],
            says_whose=bool(implied),
            responses=[organisation_response(r, rec, implied) for rec, r in zip(recs, org.responses, strict=True)],
            history=self.history.for_page(urls.organisation(org.code)),
        )
        description = f"{org.name}: its response to the Francis Report recommendations, actions and progress."
        return self.page(f"organisations/{org.code}.md", "organisation.md.j2", context, description)

    def changes(self) -> Page:
        context = ChangesContext(
            title="Change log",
            history=self.history,
            summaries={r.tag: summary(r.changes) for r in self.history.releases if r.changes},
        )
        description = "What changed in the data in each release of this site."
        return self.page("changes/index.md", "changes.md.j2", context, description)

    def data_page(self, sizes: dict[str, int]) -> Page:
        """The Open data page: the files in data/ with their sizes (in bytes, by path), and every field."""
        local = {path.removeprefix(f"{opendata.FOLDER}/"): size for path, size in sizes.items()}
        context = DataContext(
            title="Open data",
            tables=TABLES,
            sizes={name: _size(n) for name, n in local.items()},
            bulk=opendata.BULK.removeprefix("data/"),
            workbook=opendata.WORKBOOK.removeprefix("data/"),
            package=opendata.PACKAGE.removeprefix("data/"),
            licence=opendata.LICENCE,
            attribution=opendata.ATTRIBUTION,
        )
        description = "Download all the data behind this site, with every field explained."
        return self.page(opendata.PAGE, "data.md.j2", context, description)

    def content(self, source: Path) -> str:
        """A hand-written page from content/, which may use the globals (the status definitions)."""
        return self.env.from_string(source.read_text(encoding="utf-8")).render()
