"""What each page template is given: one context type per template, every name documented.

A template sees its context's fields and the globals in environment.GLOBALS, nothing else
(tests/test_templates.py checks each template against these declarations with jinja2.meta).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from markupsafe import Markup

from ..history.diff import Change
from ..history.git import History, Release
from ..model.records import Organisation, Recommendation, Report
from ..model.statement import OrganisationYear, Statement
from ..model.tallies import Tally
from ..publish.frozen import Correction


@dataclass(frozen=True)
class Context:
    title: str  # the page's title, as its <h1>

    def names(self) -> dict[str, Any]:
        """The fields as template variables (not dataclasses.asdict, which would copy the model)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class HomeContext(Context):
    response_tally: Tally  # every response by status, as at each organisation's latest report
    action_tally: Tally  # every action by status, likewise
    reporting_tally: Tally  # organisations open at the build's date, by reporting status
    closed: int  # organisations published here that have closed
    latest: tuple[Organisation, Report] | None  # the latest report published here, and whose it is
    government_tally: Tally  # recommendations by the Government's response
    with_text: int  # recommendations whose text is on the site
    answered: int  # recommendations with at least one response
    organisation_count: int
    response_count: int
    action_count: int
    as_at: dt.date  # the date reporting status is worked out for
    chart: Markup  # responses and actions by status, as bars (charts.chart); the tables beside give the numbers


@dataclass(frozen=True)
class RecommendationIndexContext(Context):
    themes: list[str]  # every theme recorded, sorted, for the filter
    rows: list[tuple[Recommendation, list[tuple[str, int]]]]  # each recommendation and (status, count) of its responses


@dataclass(frozen=True)
class RecommendationContext(Context):
    rec: Recommendation
    title_source: Markup  # where the heading comes from (a source, or an organisation that quotes it)
    text_source: Markup  # where the text comes from
    government_source: Markup  # the Government response's source, linked where it has an address, or ""
    # organisations that quote the Government's response: (organisation, its words, whether they name another
    # category than the one recorded here)
    quoted_responses: list[tuple[Organisation, str, bool]]
    response_tally: Tally  # its responses by status
    responses: list[Markup]  # each organisation's response, in brief (responses.recommendation_response)
    regions: list[str]  # the regions of the organisations responding, sorted, for the filter
    addressing: Markup  # actions of organisations' whole plans that name it (responses.addressing_actions)
    changes: list[tuple[Release, Change]]  # the releases that changed this page


@dataclass(frozen=True)
class OrganisationIndexContext(Context):
    organisations: list[Organisation]  # sorted by short name
    as_at: dt.date


@dataclass(frozen=True)
class OrganisationContext(Context):
    org: Organisation
    as_at: dt.date
    reporting_status: str  # its reporting status as at as_at
    lifetime: Markup  # when it opened and closed, whose duties it took over and who took over its own
    reports: list[tuple[Report, Markup, Markup]]  # newest first: each report, its source and its key
    # (first year, last year, reports dated in them, responses, actions): years with no report and the same
    # figures as the year before are one row
    years: list[tuple[int, int, tuple[str, ...], Tally, Tally]]
    response_tally: Tally
    action_tally: Tally
    contents: list[tuple[str, str, int, str]]  # heading, anchor, number of actions, status of each response
    plan_contents: list[tuple[str, str, str]]  # name, anchor and status of each action of the whole plan
    says_whose: bool  # whether to say once that progress entries are the organisation's own assessments
    plan: Markup  # the actions of the plan as a whole, in full (responses.plan_actions)
    responses: list[Markup]  # each response in full (responses.organisation_response)
    changes: list[tuple[Release, Change]]


@dataclass(frozen=True)
class ChangesContext(Context):
    history: History  # the releases, newest first, or why they could not be worked out
    summaries: dict[str, str]  # a release's tag: its changes in a sentence


@dataclass(frozen=True)
class DataContext(Context):
    tables: tuple[Any, ...]  # publish.tables.TABLES: each table's name, title, description and fields
    sizes: dict[str, str]  # a download's name in data/: its size in words ("12 KB")
    bulk: str  # the names of the bulk files, in data/
    workbook: str
    template: str  # the blank action plan workbook, from the site's root (urls.TEMPLATE)
    licence: dict[str, str]  # name, path (its address) and title
    attribution: str


@dataclass(frozen=True)
class GlossaryContext(Context):
    entries: tuple[Any, ...]  # glossary.GLOSSARY: each term, its anchor and what it means


@dataclass(frozen=True)
class StatementIndexContext(Context):
    # every year's statement, newest first: a year with a report in it as a list of one, and each run of
    # years without one as one list
    runs: list[list[Statement]]
    pdf_names: dict[int, str]  # a year: its PDF's file name


@dataclass(frozen=True)
class SourceContext(Context):
    file: str  # its name in data/sources/
    lines: list[str]  # the document as transcribed, line by line
    reports: list[tuple[Organisation, Report]]  # the reports transcribed from it


@dataclass(frozen=True)
class StatementContext(Context):
    s: Statement
    archived: Markup | None  # a frozen year's body as published (publish/frozen.py), shown instead of made
    frozen_on: dt.date | None  # when it was frozen
    corrections: tuple[Correction, ...]  # each dated, with its reason and the figures it changed
    not_reporting: list[OrganisationYear]  # the organisations with no report in the 12 months to s.as_at
    movement_rows: list[tuple[str, Tally]]  # status changes: from (rows) and to (tallies)
    overdue_by_organisation: list[tuple[str, int]]
    list_limit: int  # how many movements and overdue actions are listed
    intro: Markup | None  # the communications lead's introduction (sanitised), if any
    organisation_rows: list[tuple[str, Tally]]
    year_rows: list[tuple[str, Tally]]
    few_organisations: bool  # few enough for a bar and shares per organisation
    charts: dict[str, Markup]  # theme, organisation and years: inline SVG
    pdf_name: str
    first_year: int
    last_year: int
    org_link: Callable[[Organisation], str]  # a link to an organisation's page
    rec_link: Callable[[int], str]  # a link to a recommendation's page
    about_link: str  # the status definitions on the About page
    latest_before: Callable[[Organisation, dt.date], str]  # an organisation's latest report by a date, in words


@dataclass(frozen=True)
class StatementPrintContext(StatementContext):
    site_url: str  # the site's address, for the PDF's absolute links
