"""The hand-written pages from content/: Markdown, rendered as templates (they may show the status
definitions), and the files beside them copied as they are."""

from __future__ import annotations

from pathlib import Path

from .page import ContentError, Page
from .pages import Renderer
from .statements import INTROS

CONTENT_SUFFIXES = {".md"}
# What the generator makes (pages and their downloads): content/ cannot add to these folders.
GENERATED_FOLDERS = ("recommendations/", "organisations/", "statements/", "changes/", "data/", "sources/")
GENERATED_PAGES = {"index.md"}


def content_pages(renderer: Renderer, content_dir: Path) -> list[Page]:
    """content/statements/<year>.md are not pages of their own: they introduce that year's statement."""
    pages: list[Page] = []
    for source in sorted(content_dir.rglob("*")):
        rel = source.relative_to(content_dir).as_posix()
        if source.is_symlink():
            raise ContentError(f"content/{rel} is a link to another file; put the file itself in content/")
        if not source.is_file() or rel.startswith(f"{INTROS}/"):
            continue
        if rel in GENERATED_PAGES or rel.startswith(GENERATED_FOLDERS):
            raise ContentError(f"content/{rel} would overwrite a generated page; rename it")
        if source.suffix in CONTENT_SUFFIXES:
            pages.append(Page(rel, renderer.content(source, f"content/{rel}")))
        else:
            pages.append(Page(rel, source.read_bytes()))
    return pages
