"""The annual statements as pages, and as standalone HTML for their PDFs."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import markdown
import nh3
from markupsafe import Markup

from . import statement, statuses
from .charts import stacked_bars
from .dates import show, show_partial
from .model import Organisation
from .render import Page, Renderer
from .tallies import Tally, tally

LIST_LIMIT = statement.LIST_LIMIT
# Above this many organisations a bar per organisation is unreadable; the table stays.
CHART_ORGANISATIONS = 40


def pdf_name(year: int) -> str:
    return f"francis-progress-statement-{year}.pdf"


def read_intros(folder: Path) -> dict[int, Markup]:
    """content/statements/<year>.md, written by communications leads: Markdown, sanitised."""
    intros: dict[int, Markup] = {}
    if folder.is_dir():
        for source in sorted(folder.glob("*.md")):
            if source.stem.isdigit():
                html = markdown.markdown(source.read_text(encoding="utf-8"), extensions=["sane_lists"])
                intros[int(source.stem)] = Markup(nh3.clean(html))  # noqa: S704 - sanitised by nh3
    return intros


class StatementRenderer:
    def __init__(self, renderer: Renderer, intros: dict[int, Markup]) -> None:
        self.renderer = renderer
        self.data = renderer.data
        self.today = renderer.as_at
        self.intros = intros
        self.years = statement.years(self.data, self.today)
        self.statements = {year: statement.build(self.data, year, self.today) for year in self.years}
        renderer.statements = self.statements

    def pages(self) -> Iterator[Page]:
        if not self.years:
            return
        yield self.renderer.page(
            "statements/index.md",
            "statement_index.md.j2",
            "Annual progress statements",
            "What NHS organisations reported on their progress each year, collated as Recommendation 1 asks.",
            statements=list(self.statements.values()),
            pdf_names={year: pdf_name(year) for year in self.years},
        )
        for year in self.years:
            yield self.renderer.page(
                f"statements/{year}.md",
                "statement.md.j2",
                f"Annual progress statement {year}",
                f"Progress on the Francis Report recommendations as at the end of {year}.",
                **self.context(year, link_base="../../"),
            )

    def print_html(self, year: int, site_url: str) -> str:
        """A standalone A4 document of the statement, for WeasyPrint."""
        template = self.renderer.env.get_template("statement_print.html.j2")
        context = self.context(year, link_base=site_url)
        return template.render(title=f"Annual progress statement {year}", site_url=site_url, **context)

    def context(self, year: int, link_base: str) -> dict[str, object]:
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
        overdue_by_organisation = s.overdue_by_organisation.most_common()
        few_organisations = len(organisation_rows) <= CHART_ORGANISATIONS
        return {
            "s": s,
            "movement_rows": movement_rows,
            "overdue_by_organisation": overdue_by_organisation,
            "list_limit": LIST_LIMIT,
            "intro": self.intros.get(year),
            "organisation_rows": organisation_rows,
            "year_rows": year_rows,
            "few_organisations": few_organisations,  # a bar and shares per organisation stay readable
            "charts": _charts(s, organisation_rows, year_rows, few_organisations),
            "pdf_name": pdf_name(year),
            "first_year": self.years[0],
            "last_year": self.years[-1],
            "org_link": lambda org: f"{link_base}organisations/{org.code}/",
            "rec_link": lambda number: f"{link_base}recommendations/{number}/",
            "about_link": f"{link_base}about/#status-definitions",
            "latest_before": _latest_before,
        }


def _latest_before(org: Organisation, as_at: dt.date) -> str:
    dated = [r for r in org.reports if r.as_at <= as_at]
    return show_partial(max(dated, key=lambda r: r.as_at).date) if dated else "none"


def _charts(
    s: statement.Statement, by_org: list[tuple[str, Tally]], by_year: list[tuple[str, Tally]], per_organisation: bool
) -> dict[str, Markup]:
    as_at = show(s.as_at)
    return {
        "theme": stacked_bars(
            s.by_theme,
            f"Responses by theme and status, as at {as_at}",
            "One bar per theme, divided by status; the table below gives the same numbers.",
            f"chart-theme-{s.year}",
        ),
        "organisation": stacked_bars(
            by_org,
            f"Responses by organisation and status, as at {as_at}",
            "One bar per organisation, divided by status; the table below gives the same numbers.",
            f"chart-organisation-{s.year}",
        )
        if per_organisation
        else Markup(""),
        "years": stacked_bars(
            by_year,
            "Actions by status at the end of each year",
            "One bar per year, divided by status; the table below gives the same numbers.",
            f"chart-years-{s.year}",
        ),
    }
