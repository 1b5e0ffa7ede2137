"""Writing the page sources and downloads into the pages folder, touching only what changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..render.page import Page

DOWNLOADS = "data/"  # the bulk downloads and the Open data page


@dataclass
class Written:
    """Files written to the pages folder: which, how many changed, and the bulk downloads' sizes."""

    paths: set[Path] = field(default_factory=set)
    changed: int = 0
    sizes: dict[str, int] = field(default_factory=dict)  # of the files in data/, for the Open data page

    def note_size(self, path: str, content: bytes) -> None:
        if path.startswith(DOWNLOADS):
            self.sizes[path] = len(content)

    def add(self, other: Written) -> None:
        self.paths |= other.paths
        self.changed += other.changed
        self.sizes.update(other.sizes)


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
