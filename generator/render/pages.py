"""The site's generated pages, each from its template and its context: home, the recommendations, the
organisations, the change log and the Open data page. (The annual statements are in statements.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import urls
from ..contact import Contact
from ..history.git import History
from ..history.text import summary
from ..load.text import TextError, decode
from ..model import statuses
from ..model.records import Dataset, Organisation, Recommendation, Report, Response
from ..model.statement import Statement, organisation_years
from ..model.tallies import Tally, status_counts, tally
from ..publish import opendata
from ..publish.tables import TABLES
from .charts import chart
from .contexts import (
    ChangesContext,
    Context,
    DataContext,
    GlossaryContext,
    HomeContext,
    OrganisationContext,
    OrganisationIndexContext,
    RecommendationContext,
    RecommendationIndexContext,
    SourceContext,
)
from .environment import environment
from .fragments import implied_reports, source_ref
from .glossary import GLOSSARY, PAGE
from .page import ContentError, Page, front_matter
from .provenance import history, report_parts
from .responses import addressing_actions, organisation_response, plan_actions, recommendation_response
from .stack import labelled
from .text import excerpt


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} KB"


class Renderer:
    """Renders pages from the model. `statements`: the year-end figures (model/statement.py), which the
    organisation pages show year by year."""

    def __init__(
        self,
        data: Dataset,
        as_at: dt.date,
        history: History,
        statements: Mapping[int, Statement],
        sources: Path | None = None,
        contact: Contact | None = None,
    ) -> None:
        """`sources`: data/sources/, the documents as transcribed, each published as a page. `contact`: who
        runs the site (contact.py), for the pages that say how to reach them."""
        self.sources = sources
        self.data = data
        self.as_at = as_at
        self.history = history
        self.statements = statements
        self.env = environment()
        self.env.globals["contact"] = contact or Contact("the Francis Report progress project")

    def page(self, path: str, template: str, context: Context, description: str = "") -> Page:
        body = self.env.get_template(template).render(context.names())  # escapes the title itself
        return Page(path, front_matter(context.title, description) + labelled(body))

    def pages(self) -> Iterator[Page]:
        yield self.home()
        yield self.recommendation_index()
        for rec in self.data.recommendations:
            yield self.recommendation(rec)
        yield self.organisation_index()
        for org in self.data.organisations:
            yield self.organisation(org)
        yield self.changes()
        yield self.glossary()
        yield from self.source_documents()

    def glossary(self) -> Page:
        context = GlossaryContext(title="Glossary", entries=GLOSSARY)
        description = "What the words this site and the documents it quotes use mean: RAG, CCG, CQUIN, as at..."
        return self.page(f"{PAGE.rstrip('/')}.md", "glossary.md.j2", context, description)

    def source_documents(self) -> Iterator[Page]:
        """Each transcribed document a report cites, as a page with numbered lines, and as its text."""
        cited: dict[str, list[tuple[Organisation, Report]]] = {}
        for org in self.data.organisations:
            for report in org.reports:
                if report.source_file:
                    cited.setdefault(report.source_file, []).append((org, report))
        for file, reports in sorted(cited.items()):
            if self.sources is None:
                continue
            content = (self.sources / file).read_bytes()
            page = urls.source_document(file)
            title = f"The document as transcribed: {reports[0][1].title}"
            context = SourceContext(title=title, file=file, lines=decode(content).splitlines(), reports=reports)
            description = (
                "The text of an organisation's document, as transcribed, with the line numbers the data cites."
            )
            yield self.page(f"{page.rstrip('/')}.md", "source.md.j2", context, description)
            yield Page(f"{page}{file}", content)

    def _responses(self) -> list[Response]:
        return [r for org in self.data.organisations for r in org.responses]

    def home(self) -> Page:
        responses = self._responses()
        actions = [a for r in responses for a in r.actions] + [a for o in self.data.organisations for a in o.actions]
        recs = self.data.recommendations
        open_now = [o for o in self.data.organisations if o.is_open(self.as_at)]
        reports = [(o, r) for o in self.data.organisations for r in o.reports if r.as_at <= self.as_at]
        response_tally = tally((r.status() for r in responses), statuses.IMPLEMENTATION)
        action_tally = tally((a.status() for a in actions), statuses.IMPLEMENTATION)
        context = HomeContext(
            title="Francis Report recommendations: progress by NHS organisations",
            response_tally=response_tally,
            action_tally=action_tally,
            reporting_tally=tally((o.reporting_status(self.as_at) for o in open_now), statuses.REPORTING),
            closed=len(self.data.organisations) - len(open_now),
            latest=max(reports, key=lambda pair: pair[1].as_at, default=None),
            government_tally=tally((r.government_response for r in recs), statuses.GOVERNMENT_RESPONSE),
            with_text=sum(1 for r in recs if r.text),
            answered=sum(1 for r in recs if r.responses),
            organisation_count=len(self.data.organisations),
            response_count=len(responses),
            action_count=len(actions),
            as_at=self.as_at,
            chart=chart(
                [("Responses", response_tally), ("Actions", action_tally)],
                "Responses and actions by status, as at each organisation's latest report",
                "Two bars, one for the responses and one for the actions, each divided by status; the tables below "
                "give the same numbers.",
                "chart-home",
            ),
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
        context = RecommendationContext(
            title=rec.heading,
            rec=rec,
            title_source=source_ref(rec.title_source, self.data, link) if rec.title else Markup(""),
            text_source=source_ref(rec.text_source, self.data, link, rec.text_url) if rec.text else Markup(""),
            government_source=source_ref(rec.government_response_source, self.data, link, rec.government_response_url)
            if rec.government_response_source
            else Markup(""),
            quoted_responses=[
                (r.organisation, r.government_response, _differs(rec, r.government_response))
                for r in rec.responses
                if r.government_response
            ],
            response_tally=tally((r.status() for r in rec.responses), statuses.IMPLEMENTATION),
            responses=[recommendation_response(r, link) for r in rec.responses],
            regions=sorted({r.organisation.region for r in rec.responses}),
            addressing=addressing_actions(rec, link),
            changes=self.history.for_page(urls.recommendation(rec.number)),
        )
        return self.page(f"recommendations/{rec.number}.md", "recommendation.md.j2", context, excerpt(rec.text, 25))

    def organisation_index(self) -> Page:
        context = OrganisationIndexContext(
            title="Organisations", organisations=self.data.organisations, as_at=self.as_at
        )
        description = "Every NHS organisation whose Francis Report action plan is published here."
        return self.page("organisations/index.md", "organisation_index.md.j2", context, description)

    def organisation(self, org: Organisation) -> Page:
        actions = [a for r in org.responses for a in r.actions] + list(org.actions)
        implied = implied_reports(org)
        recs = [self.data.recommendation(r.recommendation) for r in org.responses]
        link = urls.Links(urls.organisation(org.code))
        reports = [(r, *report_parts(r, link)) for r in reversed(org.reports)]
        context = OrganisationContext(
            title=org.name,
            org=org,
            as_at=self.as_at,
            reporting_status=org.reporting_status(self.as_at),
            lifetime=history(org, self._successors(org), self.data.predecessors(org), link, self.as_at),
            reports=reports,
            years=_quiet_years_together(organisation_years(org, self.as_at, self.statements)) if org.reports else [],
            response_tally=tally((r.status() for r in org.responses), statuses.IMPLEMENTATION),
            action_tally=tally((a.status() for a in actions), statuses.IMPLEMENTATION),
            contents=[
                (rec.heading, urls.response_anchor(rec.number), len(r.actions), r.status())
                for rec, r in zip(recs, org.responses, strict=True)
            ],
            plan_contents=[(a.name(a.index), urls.plan_action_anchor(a.index), a.status()) for a in org.actions],
            says_whose=bool(implied),
            plan=plan_actions(org, implied, link) if org.actions else Markup(""),
            responses=[
                organisation_response(r, rec, implied, link) for rec, r in zip(recs, org.responses, strict=True)
            ],
            changes=self.history.for_page(urls.organisation(org.code)),
        )
        description = f"{org.name}: its response to the Francis Report recommendations, actions and progress."
        return self.page(f"organisations/{org.code}.md", "organisation.md.j2", context, description)

    def _successors(self, org: Organisation) -> list[Organisation]:
        """The bodies that took over its duties, in turn (each the successor of the one before)."""
        found: list[Organisation] = []
        codes = {o.code: o for o in self.data.organisations}
        code = org.succeeded_by
        while code and code in codes and codes[code] not in found and codes[code] is not org:
            found.append(codes[code])
            code = codes[code].succeeded_by
        return found

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
            template=urls.TEMPLATE,
            licence=opendata.LICENCE,
            attribution=opendata.ATTRIBUTION,
        )
        description = "Download all the data behind this site, with every field explained."
        return self.page(opendata.PAGE, "data.md.j2", context, description)

    def content(self, source: Path, shown: str) -> str:
        """A hand-written page from content/, which may use the globals (the status definitions). `shown`:
        the file as messages name it."""
        try:
            return self.env.from_string(decode(source.read_bytes())).render()
        except TextError as exc:
            raise ContentError(f"{shown}, line {exc.line}: {exc.message}") from exc
        except jinja2.TemplateSyntaxError as exc:
            raise ContentError(f"{shown}, line {exc.lineno}: {exc.message}") from exc
        except jinja2.TemplateError as exc:
            raise ContentError(f"{shown}: {exc.message}") from exc


def _differs(rec: Recommendation, quoted: str) -> bool:
    """Whether an organisation's quotation names another category than the one recorded here."""
    named = statuses.quoted_government_response(quoted)
    return rec.government_response != "unknown" and named is not None and named != rec.government_response


def _quiet_years_together(
    years: list[tuple[int, tuple[str, ...], Tally, Tally]],
) -> list[tuple[int, int, tuple[str, ...], Tally, Tally]]:
    """A run of years with no report and the same figures as the year before is one row: "2016 to 2022"."""
    rows: list[tuple[int, int, tuple[str, ...], Tally, Tally]] = []
    for year, reports, responses, actions in years:
        if rows and not reports:
            first, _last, before, was_responses, was_actions = rows[-1]
            if not before and (was_responses.rows, was_actions.rows) == (responses.rows, actions.rows):
                rows[-1] = (first, year, before, responses, actions)
                continue
        rows.append((year, year, reports, responses, actions))
    return rows
