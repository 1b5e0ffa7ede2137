"""The build, as a recipe: load -> check -> model -> render -> write -> publish.

`build` is what `python -m generator build` runs. MkDocs runs the same stages through the plugin
(mkdocs_plugin.py) when serving, so `make serve` shows the site `make build` publishes: `generate` makes
the page sources and starts the background work, MkDocs builds the pages, and `complete` adds the feed,
the statement PDFs, the search index and the list of addresses.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import urls
from .background import Background
from .contact import Contact
from .data import Outcome, load_dataset
from .history.git import History, history
from .load.files import SOURCES
from .model import statement
from .model.records import Dataset
from .publish import frozen
from .publish.downloads import OpenDataJob
from .publish.pdfs import PdfJob
from .publish.plans import PlanJob, template
from .publish.search_index import IndexJob
from .publish.site import (
    URL_LIST,
    check_address,
    check_size,
    mkdocs_build,
    published_address,
    published_urls,
    size_warning,
)
from .publish.write import sync
from .render.content import content_pages
from .render.feed import atom_feed
from .render.page import Page
from .render.pages import Renderer
from .render.search_records import records
from .render.statements import INTROS, StatementRenderer, read_intros
from .settings import Settings

DEFAULT_CONTACT = Contact("the Francis Report progress project")  # page sources made without mkdocs.yml


class Phases:
    """How long each step of the build takes, for the summary line and the benchmark."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())


@contextmanager
def collector() -> Iterator[None]:
    """The garbage collector's policy for a build. Loading makes millions of small objects and no garbage
    cycles, yet the cyclic collector would walk all of them again and again (25 s of 55 at 500
    organisations), so it is off while the data is loaded and modelled (`data`); then the model is frozen
    out of its sight while the pages are rendered. At the end the model is unfrozen, so that once nothing
    refers to it the collector frees it (it has cycles: a response and its organisation)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()


def data(settings: Settings, phases: Phases) -> Outcome:
    """Load, check and model the data; the model is frozen out of the collector's sight (see collector)."""
    with phases.timed("load and validate"):
        outcome = load_dataset(settings.data, settings.as_at, settings.yaml_cache)
    gc.freeze()
    return outcome


@dataclass
class Generated:
    """What `generate` made, for MkDocs and for `complete`."""

    history: History
    pages: int  # page sources and downloads in the pages folder
    changed: int  # of which written by this build
    phases: Phases
    index: IndexJob | None = None
    pdfs: PdfJob | None = None
    plans: PlanJob | None = None
    timing: dict[str, float] = field(default_factory=dict)


def generate(
    dataset: Dataset,
    settings: Settings,
    jobs: Background,
    phases: Phases,
    site_url: str | None,
    contact: Contact = DEFAULT_CONTACT,
) -> Generated:
    """Render every page and download into the pages folder. With a `site_url` (a build of the whole
    site), the search index and the statement PDFs are started in the background too."""
    out = settings.pages
    out.mkdir(parents=True, exist_ok=True)
    # The downloads need only the data: a forked process writes them while this one works out the
    # statements and renders the pages. It starts before PdfJob's pool starts any threads.
    open_data = jobs.start(OpenDataJob(dataset, out))
    with phases.timed("change log"):
        releases = history(settings.data, settings.as_at, settings.work)
    with phases.timed("statements"):
        statements = statement.build_all(dataset, settings.as_at)
        intros = read_intros(settings.content / INTROS)
        archive = frozen.read(settings.data, settings.as_at)
        frozen.check(statements, archive, {year: str(text) for year, text in intros.items()})
        if settings.publish and site_url is not None:
            frozen.check_address(archive, site_url)
    renderer = Renderer(dataset, settings.as_at, releases, statements, settings.data / SOURCES, contact)
    content = content_pages(renderer, settings.content)
    statement_pages = StatementRenderer(renderer, statements, intros, archive)
    made = Generated(releases, 0, 0, phases)
    if site_url is not None:
        # The search index and the PDFs need only the data and the hand-written pages: they are made in
        # the background while the pages are generated and built.
        with phases.timed("search records"):
            searched = records(dataset, [p for p in content if p.path != "search.md"])
            # Pagefind (1 GB a bundle at national scale) waits for the open-data process (1 GB) to end: the
            # two together would double the build's peak, and on two cores they would only share one.
            made.index = jobs.start(IndexJob(searched, settings.work, open_data.gone, settings.search_cache))
        with phases.timed("statement PDFs (starting)"):
            printed, archived = statement_pages.printed(site_url), statement_pages.archived_pdfs()
            made.pdfs = jobs.start(PdfJob(printed, site_url, settings.pdf_cache, archived))
        with phases.timed("plan workbooks (starting)"):
            files = {org.code: settings.data / "organisations" / f"{org.code}.yaml" for org in dataset.organisations}
            made.plans = jobs.start(PlanJob(files, settings.plan_cache, settings.yaml_cache))
    with phases.timed("generate pages"):
        elsewhere = open_data.written()

        def every_page() -> Iterator[Any]:
            yield from content
            yield from renderer.pages()
            yield from statement_pages.pages()
            yield Page(urls.TEMPLATE, template(settings.plan_cache))
            open_data.finish()
            yield renderer.data_page(elsewhere.sizes)

        made.changed, made.pages = sync(every_page(), out, elsewhere)
    phases.seconds["of which waiting for the open data"] = open_data.waited
    return made


def complete(made: Generated, site: Path, site_url: str, site_name: str) -> None:
    """Add to a site MkDocs has built: the feed, the statement PDFs, the search index, the address list."""
    phases = made.phases
    (site / urls.FEED).write_text(atom_feed(made.history, site_url, site_name), encoding="utf-8")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")
    if made.pdfs is not None:
        with phases.timed("statement PDFs (waiting)"):
            made.pdfs.finish(site)
    if made.plans is not None:
        with phases.timed("plan workbooks (waiting)"):
            made.plans.finish(site)
    if made.index is not None:
        with phases.timed("search index (waiting)"):
            made.index.finish(site)
    (site / URL_LIST).write_text("\n".join(published_urls(site)) + "\n", encoding="utf-8")


@dataclass
class Result:
    outcome: Outcome
    phases: Phases
    generated: Generated | None = None
    warning: str = ""  # about the built site (its size)
    seconds: float = 0.0  # the whole build


def build(settings: Settings) -> Result:
    """Build the whole site into settings.site, replacing it only if everything works."""
    began = time.perf_counter()
    phases = Phases()
    with collector(), Background() as jobs:
        outcome = data(settings, phases)
        if outcome.dataset is None:
            return Result(outcome, phases)
        site_url, contact = published_address(settings.config)
        if settings.publish:
            check_address(site_url)
        made = generate(outcome.dataset, settings, jobs, phases, site_url, contact)
        started = time.perf_counter()

        def hand_over(config: Any) -> None:
            plugin = config.plugins["francis"]
            plugin.generated, plugin.started = made, started

        accept = check_size if settings.publish else _any
        mkdocs_build(settings.config, settings.pages, settings.site, hand_over, accept)
    return Result(outcome, phases, made, size_warning(settings.site), time.perf_counter() - began)


def _any(_built: Path) -> None:
    """A build that is not for publishing may be any size (it warns when GitHub Pages would refuse it)."""


def generate_only(settings: Settings) -> Result:
    """The page sources and downloads, without building the site (python -m generator generate)."""
    phases = Phases()
    with collector(), Background() as jobs:
        outcome = data(settings, phases)
        if outcome.dataset is None:
            return Result(outcome, phases)
        return Result(outcome, phases, generate(outcome.dataset, settings, jobs, phases, None))
