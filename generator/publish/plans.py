"""Each organisation's plan as the workbook its communications lead edits and uploads (the import format,
spreadsheets/write.py): made in the background while the pages are built, kept by a hash of the
organisation's file and of the code that writes them, and put beside each organisation's page when the
site is complete. The blank template is one of the pages' downloads (`template`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .. import urls
from ..code_digest import code_digest
from ..leftovers import partial, remove_partials
from .pool import Makers, place


def _writer_key() -> bytes:
    """What the workbooks depend on besides the data: XlsxWriter and the code that reads the data file and
    writes the workbook (the layout, the schema it is made from, the helpers they use)."""
    import xlsxwriter

    return hashlib.sha256(xlsxwriter.__version__.encode() + code_digest(__name__)).digest()


class PlanJob:
    """The workbooks, made one process per core; `finish` waits for them and puts them in the site."""

    def __init__(self, files: dict[str, Path], cache: Path, parsed: Path | None = None) -> None:
        """`files`: each organisation's code and data file; `cache`: where the workbooks are kept; `parsed`:
        the cache of parsed data files, if the build has one (parsing them again was a third of the work)."""
        cache.mkdir(parents=True, exist_ok=True)
        remove_partials(cache)
        key = _writer_key()
        self.wanted: dict[str, Path] = {}
        jobs: list[tuple[str, str, str]] = []
        for code, path in sorted(files.items()):
            made = cache / f"{hashlib.sha256(key + path.read_bytes()).hexdigest()}.xlsx"
            self.wanted[code] = made
            if not made.exists():
                jobs.append((str(path), str(made), str(parsed or "")))
        self.makers = Makers(_workbook, jobs)
        self.made = self.makers.made

    def finish(self, site: Path) -> int:
        """Wait for the workbooks, put each beside its organisation's page; return how many were made."""
        self.makers.wait()
        for code, made in self.wanted.items():
            place(made, site / urls.plan_workbook(code))
        self.makers.cancel()
        return self.made

    def cancel(self) -> None:
        self.makers.cancel()


def _workbook(job: tuple[str, str, str]) -> None:
    """Make one workbook: (data file or "" for the template, where to write it, the parsed files' cache or "")."""
    from ..load.cache import load_one
    from ..load.parse import plain
    from ..spreadsheets.write import write_workbook

    source, target, parsed = job
    org = plain(load_one(Path(source), Path(parsed) if parsed else None)) if source else None
    writing = partial(Path(target))
    write_workbook(org, writing)
    writing.replace(target)  # a workbook in the cache is always whole


def template(cache: Path) -> bytes:
    """The blank workbook, for an organisation not on the site yet (a download among the pages, so that
    MkDocs checks the links to it)."""
    cache.mkdir(parents=True, exist_ok=True)
    made = cache / f"template-{hashlib.sha256(_writer_key()).hexdigest()}.xlsx"
    if not made.exists():
        _workbook(("", str(made), ""))
    return made.read_bytes()
