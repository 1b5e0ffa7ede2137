"""The annual statements as pages, and as standalone HTML for their PDFs."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path

import markdown
import nh3
from markupsafe import Markup

from .. import urls
from ..load.text import TextError, decode
from ..model import statement, statuses
from ..model.dates import show, show_partial
from ..model.records import Organisation
from ..model.statement import Statement
from ..model.tallies import Tally, tally
from ..publish.frozen import Correction, Frozen
from .charts import chart
from .contexts import StatementContext, StatementIndexContext, StatementPrintContext
from .page import ContentError, Page
from .pages import Renderer

LIST_LIMIT = statement.LIST_LIMIT
# Above this many organisations a bar per organisation is unreadable; the table stays.
CHART_ORGANISATIONS = 40
INTROS = "statements"  # content/statements/<year>.md: a year's introduction, not a page of its own


# What an introduction may hold, once its Markdown is HTML: text and its structure, and links. No images:
# a statement's figures come from the data, and the PDF is made without fetching anything.
INTRO_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code"}
_IMAGE = re.compile(r"!\[[^\]]*\]\(|<img\b", re.IGNORECASE)


def read_intros(folder: Path) -> dict[int, Markup]:
    """content/statements/<year>.md, written by communications leads: Markdown, sanitised. An introduction
    that is not UTF-8 text, or that shows an image, stops the build with a message naming its line."""
    intros: dict[int, Markup] = {}
    if folder.is_dir():
        for source in sorted(folder.glob("*.md")):
            if source.stem.isdigit():
                where = f"content/{INTROS}/{source.name}"
                try:
                    text = decode(source.read_bytes())
                except TextError as exc:
                    raise ContentError(f"{where}, line {exc.line}: {exc.message}") from exc
                image = _IMAGE.search(text)
                if image:
                    line = text.count("\n", 0, image.start()) + 1
                    raise ContentError(
                        f"{where}, line {line}: an introduction cannot show an image (the statement's figures "
                        "come from the data, and the build fetches nothing from other sites): remove it"
                    )
                html = markdown.markdown(text, extensions=["sane_lists"])
                clean = nh3.clean(html, tags=INTRO_TAGS, url_schemes={"https", "http", "mailto"})
                intros[int(source.stem)] = Markup(clean)  # noqa: S704 - sanitised by nh3
    return intros


class StatementRenderer:
    """The statements index, a page per year, and each year as a printable document."""

    def __init__(
        self,
        renderer: Renderer,
        statements: Mapping[int, Statement],
        intros: dict[int, Markup],
        frozen: Mapping[int, Frozen] | None = None,
    ) -> None:
        """`frozen`: the years archived as published (publish/frozen.py), whose pages show the archived
        body and whose PDFs are the archived ones."""
        self.renderer = renderer
        self.statements = statements
        self.years = list(statements)
        self.intros = intros
        self.frozen = dict(frozen or {})

    def pages(self) -> Iterator[Page]:
        if not self.years:
            return
        index = StatementIndexContext(
            title="Annual progress statements",
            runs=_runs(list(self.statements.values())),
            pdf_names={year: urls.statement_pdf_name(year) for year in self.years},
        )
        description = "What NHS organisations reported on their progress each year, collated as Recommendation 1 asks."
        yield self.renderer.page("statements/index.md", "statement_index.md.j2", index, description)
        for year in self.years:
            yield self.renderer.page(
                f"statements/{year}.md",
                "statement.md.j2",
                self.context(year, urls.Links(urls.statement(year))),
                f"Progress on the Francis Report recommendations as at the end of {year}.",
            )

    def printed(self, site_url: str) -> dict[int, str]:
        """Each year's statement that is not frozen as a standalone A4 document, for WeasyPrint."""
        return {year: self.print_html(year, site_url) for year in self.years if year not in self.frozen}

    def archived_pdfs(self) -> dict[int, Path]:
        return {year: frozen.pdf for year, frozen in self.frozen.items()}

    def print_html(self, year: int, site_url: str, corrections: tuple[Correction, ...] = ()) -> str:
        template = self.renderer.env.get_template("statement_print.html.j2")
        web = self.context(year, urls.Links("", absolute=site_url), corrections)
        context = StatementPrintContext(**web.names(), site_url=site_url)
        return template.render(context.names())

    def body(self, year: int) -> str:
        """The body of a year's page as made from the data now (what `freeze` archives)."""
        context = self.context(year, urls.Links(urls.statement(year)))
        return self.renderer.env.get_template("_statement_body.j2").render(context.names())

    def context(self, year: int, link: urls.Links, corrections: tuple[Correction, ...] = ()) -> StatementContext:
        s = self.statements[year]
        organisation_rows = [(o.organisation.short_name, o.responses) for o in s.organisations]
        year_rows = [(str(y), self.statements[y].actions) for y in self.years if y <= year]
        moves: dict[str, Counter[str]] = {}
        for (before, after), count in s.moves.items():
            moves.setdefault(before or "new", Counter())[after] += count
        movement_rows = [
            (label, tally(moves[code].elements(), statuses.IMPLEMENTATION))
            for code, label in [("new", "New this year"), *((t.code, t.label) for t in statuses.IMPLEMENTATION)]
            if code in moves
        ]
        few_organisations = len(organisation_rows) <= CHART_ORGANISATIONS
        frozen = self.frozen.get(year)
        return StatementContext(
            archived=frozen.body if frozen else None,
            frozen_on=frozen.frozen if frozen else None,
            corrections=frozen.corrections if frozen else corrections,
            title=f"Annual progress statement {year}",
            s=s,
            not_reporting=[o for o in s.organisations if o.reporting != "reported"],
            movement_rows=movement_rows,
            overdue_by_organisation=s.overdue_by_organisation.most_common(),
            list_limit=LIST_LIMIT,
            intro=self.intros.get(year),
            organisation_rows=organisation_rows,
            year_rows=year_rows,
            few_organisations=few_organisations,
            charts=_charts(s, organisation_rows, year_rows, few_organisations),
            pdf_name=urls.statement_pdf_name(year),
            first_year=self.years[0],
            last_year=self.years[-1],
            org_link=lambda org: link.organisation(org.code),
            rec_link=link.recommendation,
            about_link=link.to(f"{urls.ABOUT}#status-definitions"),
            latest_before=_latest_before,
        )


def _latest_before(org: Organisation, as_at: dt.date) -> str:
    dated = [r for r in org.reports if r.as_at <= as_at]
    return show_partial(max(dated, key=lambda r: r.as_at).date) if dated else "none"


def _charts(
    s: Statement, by_org: list[tuple[str, Tally]], by_year: list[tuple[str, Tally]], per_org: bool
) -> dict[str, Markup]:
    as_at = show(s.as_at)
    return {
        "theme": chart(
            s.by_theme,
            f"Responses by theme and status, as at {as_at}",
            "One bar per theme, divided by status; the table below gives the same numbers.",
            f"chart-theme-{s.year}",
        ),
        "organisation": chart(
            by_org,
            f"Responses by organisation and status, as at {as_at}",
            "One bar per organisation, divided by status; the table below gives the same numbers.",
            f"chart-organisation-{s.year}",
        )
        if per_org
        else Markup(""),
        "years": chart(
            by_year,
            "Actions by status at the end of each year",
            "One bar per year, divided by status; the table below gives the same numbers.",
            f"chart-years-{s.year}",
        ),
    }


def _runs(statements: list[Statement]) -> list[list[Statement]]:
    """The statements newest first, a run of years in which nobody reported as one entry."""
    runs: list[list[Statement]] = []
    for s in reversed(statements):
        if runs and not s.reporting and not runs[-1][-1].reporting:
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs
