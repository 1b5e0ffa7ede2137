"""The annual statements as A4 PDFs, made with WeasyPrint in the background and kept by content."""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from .. import urls


class PdfJob:
    """A PDF of each statement, made in the background from as soon as the data is loaded.

    WeasyPrint lays out about three pages a second and a national statement runs to 80 pages, so PDFs are
    kept in `cache` by a hash of their HTML (a past year's statement rarely changes), and the missing ones
    are made one process per core while the pages are generated and built. `finish` waits for them."""

    def __init__(self, printed: dict[int, str], site_url: str, cache: Path) -> None:
        """`printed`: each year's statement as a standalone HTML document (StatementRenderer.print_html)."""
        import weasyprint

        cache.mkdir(parents=True, exist_ok=True)
        self.wanted: dict[int, Path] = {}
        missing: dict[Path, str] = {}
        for year, html in printed.items():
            key = hashlib.sha256(f"{weasyprint.__version__} pdf/ua-1\n{html}".encode()).hexdigest()
            self.wanted[year] = cache / f"{key}.pdf"
            if not self.wanted[year].exists():
                missing[self.wanted[year]] = html
        jobs = [(html, site_url, str(path)) for path, html in missing.items()]
        self.made = len(jobs)
        self.pool: ProcessPoolExecutor | None = None
        self.futures: list[Future[None]] = []
        if jobs:
            # fork: the workers need nothing but the HTML; spawn would re-run the caller's main script
            self.pool = ProcessPoolExecutor(min(os.cpu_count() or 1, len(jobs)), mp_context=get_context("fork"))
            self.futures = [self.pool.submit(_pdf, job) for job in jobs]

    def finish(self, site: Path) -> int:
        """Wait for the PDFs, put each beside its statement's page, and return how many were made."""
        for future in self.futures:
            future.result()  # a WeasyPrint error stops the build here
        for year, cached in self.wanted.items():
            target = site / urls.statement(year) / urls.statement_pdf_name(year)
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
