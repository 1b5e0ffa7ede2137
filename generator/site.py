"""Writing the pages and building the site, so that a failed build never touches the published one."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .model import Dataset
from .render import Page, Renderer

CONTENT_SUFFIXES = {".md"}


def all_pages(data: Dataset, as_at: dt.date, content_dir: Path) -> list[Page]:
    generated, content = build_pages(data, as_at, content_dir)
    return generated + content


def build_pages(data: Dataset, as_at: dt.date, content_dir: Path) -> tuple[list[Page], list[Page]]:
    """The generated pages, and the hand-written ones from content/ (Markdown rendered as templates)."""
    renderer = Renderer(data, as_at)
    generated_pages = list(renderer.pages())
    pages: list[Page] = []
    generated = {p.path for p in generated_pages}
    for source in sorted(content_dir.rglob("*")):
        if not source.is_file():
            continue
        rel = source.relative_to(content_dir).as_posix()
        if rel in generated:
            raise ValueError(f"content/{rel} would overwrite a generated page; rename it")
        if source.suffix in CONTENT_SUFFIXES:
            pages.append(Page(rel, renderer.content(source)))
        else:
            pages.append(Page(rel, source.read_text(encoding="utf-8")))
    return generated_pages, pages


def sync(pages: Iterable[Page], out: Path) -> int:
    """Make `out` hold exactly these pages, touching only files that change.

    Unchanged files keep their timestamps, so `mkdocs serve` (which watches this folder) does not
    rebuild again in a loop after the generator runs inside a build.
    """
    out.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    changed = 0
    for page in pages:
        target = out / page.path
        wanted.add(target)
        if target.is_file() and target.read_text(encoding="utf-8") == page.text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8")
        changed += 1
    for existing in sorted(out.rglob("*"), reverse=True):
        if existing.is_file() and existing not in wanted:
            existing.unlink()
            changed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed


def mkdocs_build(
    config_file: Path, pages_dir: Path, site_dir: Path, finish: Callable[[Path], object] | None = None
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
            finish(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
