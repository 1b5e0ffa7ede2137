"""Writing the pages and building the site, so that a failed build never touches the published one."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import opendata
from .changes import History
from .forked import Forked, ForkedError
from .model import Dataset
from .render import Page, Renderer
from .statement_pages import StatementRenderer, pdf_name, read_intros

CONTENT_SUFFIXES = {".md"}
STATEMENT_INTROS = "statements"
# What the generator makes (pages and their downloads): content/ cannot add to these folders.
GENERATED_FOLDERS = ("recommendations/", "organisations/", "statements/", "changes/", f"{opendata.FOLDER}/")
GENERATED_PAGES = {"index.md"}


@dataclass
class SitePages:
    """The site's pages. The generated ones are made only as they are read: at national scale the pages
    come to 360 MB and the open-data files to 600 MB, which need never be in memory at once."""

    generated: Iterator[Page]  # the pages, then the open-data files and the Open data page
    content: list[Page]  # hand-written, from content/
    statements: StatementRenderer
    elsewhere: Written  # once the pages have been read: the downloads' sizes, and what an OpenDataJob wrote

    def every_page(self) -> Iterator[Page]:
        """Every page and file, once."""
        yield from self.content
        yield from self.generated


def content_pages(renderer: Renderer, content_dir: Path) -> list[Page]:
    """The hand-written pages from content/ (Markdown rendered as templates) and the files beside them.

    content/statements/<year>.md are not pages of their own: they introduce that year's statement."""
    pages: list[Page] = []
    for source in sorted(content_dir.rglob("*")):
        rel = source.relative_to(content_dir).as_posix()
        if not source.is_file() or rel.startswith(f"{STATEMENT_INTROS}/"):
            continue
        if source.suffix in CONTENT_SUFFIXES:
            pages.append(Page(rel, renderer.content(source)))
        else:
            pages.append(Page(rel, source.read_bytes()))
    return pages


def build_pages(
    data: Dataset,
    as_at: dt.date,
    content_dir: Path,
    history: History | None = None,
    content: list[Page] | None = None,
    statements: StatementRenderer | None = None,
    open_data: OpenDataJob | None = None,
) -> SitePages:
    """The generated pages, and the hand-written ones (`content`, or read from content_dir). Working out
    the statements takes 15 s at national scale: pass `statements` if they have been worked out already,
    and `open_data` if the downloads are being written by another process."""
    if statements is None:
        statements = StatementRenderer(Renderer(data, as_at, history), read_intros(content_dir / STATEMENT_INTROS))
    renderer = statements.renderer
    pages = content if content is not None else content_pages(renderer, content_dir)
    for page in pages:
        if page.path in GENERATED_PAGES or page.path.startswith(GENERATED_FOLDERS):
            raise ValueError(f"content/{page.path} would overwrite a generated page; rename it")

    elsewhere = Written()

    def generated() -> Iterator[Page]:
        yield from renderer.pages()
        yield from statements.pages()
        if open_data is None:
            for path, data_file in opendata.files(data):
                elsewhere.note_size(path, data_file)
                yield Page(path, data_file)
        else:
            open_data.finish(elsewhere)
        yield renderer.data_page(elsewhere.sizes)

    return SitePages(generated(), pages, statements, elsewhere)


@dataclass
class Written:
    """Files written to the pages folder: which, how many changed, and the bulk downloads' sizes."""

    paths: set[Path] = field(default_factory=set)
    changed: int = 0
    sizes: dict[str, int] = field(default_factory=dict)  # of the files in data/, for the Open data page

    def note_size(self, path: str, content: bytes) -> None:
        if path.startswith(f"{opendata.FOLDER}/"):
            self.sizes[path] = len(content)

    def add(self, other: Written) -> None:
        self.paths |= other.paths
        self.changed += other.changed
        self.sizes.update(other.sizes)


class OpenDataError(RuntimeError):
    pass


class OpenDataJob:
    """The open-data files, written into the pages folder by a forked process while this one renders the
    pages. At national scale they are 600 MB and about 40 s of work (CSV, JSON, the workbook and the ZIP,
    compressed), as long as the pages themselves. As the fork reads the data, the memory pages it touches
    are copied: about 1 GB more at the peak, for about 50 s less. Start it before anything starts threads
    (PdfJob's pool), or the files are written in-process when `finish` is called."""

    def __init__(self, data: Dataset, out: Path) -> None:
        self.job = Forked(_write_open_data, data, out)

    @property
    def waited(self) -> float:
        """Seconds the pages waited for the files, once they were rendered."""
        return self.job.waited

    def finish(self, into: Written) -> None:
        """Wait for the files, and add what was written to `into`."""
        try:
            into.add(self.job.result())
        except ForkedError as error:
            raise OpenDataError(f"The open-data files could not be written: {error}") from None

    def cancel(self) -> None:
        self.job.cancel()


def _write_open_data(data: Dataset, out: Path) -> Written:
    written = Written()
    for path, content in opendata.files(data):
        written.note_size(path, content)
        write_file(Page(path, content), out, written)
    return written


def published_address(config_file: Path) -> str:
    """The site's address from mkdocs.yml (SITE_URL when publishing), before MkDocs builds anything."""
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:  # stand-in folders: only site_url is read
        (Path(folder) / "docs").mkdir()
        config = load_config(config_file=str(config_file), docs_dir=f"{folder}/docs", site_dir=f"{folder}/site")
        return config.site_url or ""


class PdfJob:
    """A PDF of each statement, made in the background from as soon as the data is loaded.

    WeasyPrint lays out about three pages a second and a national statement runs to 80 pages, so PDFs are
    kept in `cache` by a hash of their HTML (a past year's statement rarely changes), and the missing ones
    are made one process per core while the pages are generated and built. `finish` waits for them."""

    def __init__(self, statements: StatementRenderer, site_url: str, cache: Path) -> None:
        import weasyprint

        cache.mkdir(parents=True, exist_ok=True)
        self.wanted: dict[int, Path] = {}
        missing: dict[Path, str] = {}
        for year in statements.years:
            html = statements.print_html(year, site_url)
            key = hashlib.sha256(f"{weasyprint.__version__} pdf/ua-1\n{html}".encode()).hexdigest()
            self.wanted[year] = cache / f"{key}.pdf"
            if not self.wanted[year].exists():
                missing[self.wanted[year]] = html
        jobs = [(html, site_url, str(path)) for path, html in missing.items()]
        self.made = len(jobs)
        self.pool: ProcessPoolExecutor | None = None
        self.futures = []
        if jobs:
            # fork: the workers need nothing but the HTML; spawn would re-run the caller's main script
            self.pool = ProcessPoolExecutor(min(os.cpu_count() or 1, len(jobs)), mp_context=get_context("fork"))
            self.futures = [self.pool.submit(_pdf, job) for job in jobs]

    def finish(self, site: Path) -> int:
        """Wait for the PDFs, put each beside its statement's page, and return how many were made."""
        for future in self.futures:
            future.result()  # a WeasyPrint error stops the build here
        for year, cached in self.wanted.items():
            target = site / "statements" / str(year) / pdf_name(year)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
        return self.made

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _pdf(job: tuple[str, str, str]) -> None:
    import weasyprint

    html, site_url, path = job
    partial = Path(f"{path}.{os.getpid()}.tmp")
    # PDF/UA: tagged, so screen readers can tell headings, tables and lists apart.
    weasyprint.HTML(string=html, base_url=site_url).write_pdf(partial, pdf_variant="pdf/ua-1")
    partial.replace(path)  # a PDF in the cache is always whole


def write_file(page: Page, out: Path, written: Written) -> None:
    """Write a page unless it is there already with the same bytes: unchanged files keep their timestamps,
    so `mkdocs serve` (which watches this folder) does not rebuild again in a loop after the generator runs
    inside a build."""
    target = out / page.path
    written.paths.add(target)
    data = page.text.encode("utf-8") if isinstance(page.text, str) else page.text
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # A new file, never the old one rewritten: the built site may hold a hard link to the old one (see
    # mkdocs_hooks.on_files), which must keep its bytes until the next build replaces it.
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(data)
    partial.replace(target)
    written.changed += 1


def sync(pages: Iterable[Page], out: Path, elsewhere: Written | None = None) -> tuple[int, int]:
    """Make `out` hold exactly these pages (and the files written `elsewhere`, known once the pages have
    been read), touching only files that change. Returns how many files changed, and how many there are."""
    out.mkdir(parents=True, exist_ok=True)
    written = Written()
    for page in pages:
        write_file(page, out, written)
    if elsewhere is not None:
        written.add(elsewhere)
    changed = written.changed
    for existing in sorted(out.rglob("*"), reverse=True):
        if existing.is_file() and existing not in written.paths:
            existing.unlink()
            changed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed, len(written.paths)


def mkdocs_build(
    config_file: Path, pages_dir: Path, site_dir: Path, finish: Callable[[Path, Any], object] | None = None
) -> None:
    """Build strictly into a new folder, run `finish` on it (the search index), then swap it in place
    of site_dir. If anything fails, site_dir is left as it was."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        config = load_config(
            config_file=str(config_file),
            docs_dir=str(pages_dir.resolve()),
            site_dir=str(staging),
            strict=True,
        )
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        build(config)
        if finish:
            finish(staging, config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


URL_LIST = "urls.txt"


# GitHub Pages publishes sites of up to 1 GB (actions/upload-pages-artifact: "we recommend under 1 GB"; a
# larger one may fail to deploy). A national site comes close, so the build says when it is over.
PAGES_LIMIT = 10**9


def size_warning(folder: Path, limit: int = PAGES_LIMIT) -> str:
    """A warning if the built site is larger than GitHub Pages publishes, else ""."""
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    if size <= limit:
        return ""
    return (
        f"warning: {folder} holds {size / 1e6:,.0f} MB, more than the {limit / 1e6:,.0f} MB GitHub Pages publishes; "
        "GitHub may not deploy it"
    )


def published_urls(site: Path) -> list[str]:
    """Every address people may have linked to: pages and downloads, not hashed theme or index files."""
    urls = []
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(("assets/", "pagefind/")) or rel in (URL_LIST, "sitemap.xml.gz"):
            continue
        urls.append(rel.removesuffix("index.html") if rel.endswith("index.html") else rel)
    return urls
