"""Where a build reads and writes, and the date it works things out for: given once, by the command line
or by MkDocs (mkdocs_plugin.py), and passed to every stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path.cwd()


@dataclass(frozen=True)
class Settings:
    data: Path = ROOT / "data"  # the data files
    content: Path = ROOT / "content"  # hand-written pages
    pages: Path = ROOT / "build" / "pages"  # where the page sources are written, for MkDocs
    site: Path = ROOT / "site"  # the built site
    config: Path = ROOT / "mkdocs.yml"
    cache: Path = ROOT / "build" / "cache"  # parsed data files, PDFs, workbooks, search bundles, kept between builds
    as_at: dt.date = field(default_factory=dt.date.today)  # reporting status is worked out for this date
    publish: bool = False  # a build for publishing: it needs the site's real address (SITE_URL)

    @property
    def yaml_cache(self) -> Path:
        return self.cache / "yaml"

    @property
    def pdf_cache(self) -> Path:
        return self.cache / "pdf"

    @property
    def plan_cache(self) -> Path:
        return self.cache / "plans"

    @property
    def search_cache(self) -> Path:
        return self.cache / "search"

    @property
    def work(self) -> Path:
        """Temporary work (the search records), inside the build folder, never the system's."""
        return self.cache.parent / "work"
