"""The annual statements as A4 PDFs, made with WeasyPrint in the background and kept by content."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import urls
from ..leftovers import partial, remove_partials
from .pool import Makers, place


class PdfError(RuntimeError):
    """A statement's PDF could not be made as it is: it refers to something outside the build."""


class PdfJob:
    """A PDF of each statement, made in the background from as soon as the data is loaded.

    WeasyPrint lays out about three pages a second and a national statement runs to 80 pages, so PDFs are
    kept in `cache` by a hash of their HTML (a past year's statement rarely changes), and the missing ones
    are made one process per core while the pages are generated and built. `finish` waits for them."""

    def __init__(
        self, printed: dict[int, str], site_url: str, cache: Path, archived: dict[int, Path] | None = None
    ) -> None:
        """`printed`: each year's statement as a standalone HTML document (StatementRenderer.print_html);
        `archived`: the frozen years' PDFs as published (publish/frozen.py), placed as they are."""
        import weasyprint

        cache.mkdir(parents=True, exist_ok=True)
        remove_partials(cache)
        self.wanted: dict[int, Path] = dict(archived or {})
        missing: dict[Path, str] = {}
        for year, html in printed.items():
            key = hashlib.sha256(f"{weasyprint.__version__} pdf/ua-1\n{html}".encode()).hexdigest()
            self.wanted[year] = cache / f"{key}.pdf"
            if not self.wanted[year].exists():
                missing[self.wanted[year]] = html
        self.makers = Makers(_pdf, [(html, site_url, str(path)) for path, html in missing.items()])
        self.made = self.makers.made

    def wait(self) -> dict[int, Path]:
        """Wait for the PDFs; each year's, in the cache."""
        try:
            self.makers.wait()  # a WeasyPrint error stops the build here
        except BaseException as exc:  # WeasyPrint's fatal fetching error is not an Exception
            if type(exc).__name__ == "FatalURLFetchingError":
                raise PdfError(str(exc)) from exc
            raise
        return self.wanted

    def finish(self, site: Path) -> int:
        """Wait for the PDFs, put each beside its statement's page, and return how many were made."""
        for year, cached in self.wait().items():
            place(cached, site / urls.statement(year) / urls.statement_pdf_name(year))
        return self.made

    def cancel(self) -> None:
        self.makers.cancel()


def _pdf(job: tuple[str, str, str]) -> None:
    import weasyprint

    html, site_url, path = job
    writing = partial(Path(path))
    # PDF/UA: tagged, so screen readers can tell headings, tables and lists apart.
    document = weasyprint.HTML(string=html, base_url=site_url, url_fetcher=_fetcher())
    document.write_pdf(writing, pdf_variant="pdf/ua-1")
    writing.replace(path)  # a PDF in the cache is always whole


def _fetcher() -> object:
    """WeasyPrint's URL fetcher, limited to what is inside the document (data: addresses). The statement's
    HTML refers to nothing else, and the build makes no network request: anything else stops the PDF."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class InsideOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(
                f"a statement's PDF refers to {url}; the build fetches nothing from outside its own files"
            )

    return InsideOnly()
