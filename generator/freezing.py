"""`freeze` and `correct`: archive a past year's statement as published, or republish it corrected.

    python -m generator freeze 2025                       once 2025 is over and its statement published
    python -m generator freeze --past                     every year over and not frozen (a release runs it)
    python -m generator correct 2014 --reason "..."       when the data of a frozen year had to change

Both make the statement's page body and PDF from the data now and write them, with the statement's
figures, into data/statements/<year>/ (publish/frozen.py), to be committed like any data change.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from markupsafe import Markup

from . import recipe, urls
from .data import load_dataset
from .history.git import history
from .load.files import SOURCES
from .messages import report
from .model import statement
from .model.figures import differences, figures
from .publish import frozen
from .publish.pdfs import PdfError, PdfJob
from .publish.site import AddressError, check_address, published_address
from .render.pages import Renderer
from .render.statements import INTROS, StatementRenderer, read_intros
from .settings import Settings


class FreezeError(ValueError):
    """A statement that cannot be frozen or corrected as asked."""


def run(settings: Settings, years: list[int] | None, reason: str | None) -> int:
    """Freeze `years` (reason None; None: every year that is over and not frozen yet) or correct them; a
    message and 1 when it cannot be done, and then nothing is written."""
    try:
        return _run(settings, years, reason)
    except (FreezeError, AddressError, frozen.ArchiveError, PdfError) as exc:
        print(f"Nothing was written: {exc}", file=sys.stderr)
        return 1


def _asked(settings: Settings, year: int, reason: str | None) -> frozen.Frozen | None:
    """The year's frozen statement, if any, once it is clear the year can be frozen or corrected."""
    if dt.date(year, 12, 31) >= settings.as_at:
        raise FreezeError(
            f"{year} is not over (as at {settings.as_at.isoformat()}): a statement is frozen once its year has "
            "ended and it has been published"
        )
    already = frozen.read(settings.data, settings.as_at).get(year)
    if reason is None and already is not None:
        raise FreezeError(
            f"the statement of {year} is already frozen (data/{frozen.FOLDER}/{year}/); if it was wrong, "
            f'record a correction: python -m generator correct {year} --reason "what was wrong"'
        )
    if reason is not None and already is None:
        raise FreezeError(f"the statement of {year} is not frozen: freeze it with python -m generator freeze {year}")
    if reason is not None and not reason.strip():
        raise FreezeError("say what was wrong: --reason is printed on the statement with the correction")
    return already


def _run(settings: Settings, years: list[int] | None, reason: str | None) -> int:
    asked = {year: _asked(settings, year, reason) for year in sorted(set(years or []))}
    with recipe.collector():
        outcome = load_dataset(settings.data, settings.as_at, settings.yaml_cache)
        if outcome.dataset is None:
            report(outcome)
            return 1
        dataset = outcome.dataset
        statements = statement.build_all(dataset, settings.as_at)
        if years is None:
            archive = frozen.read(settings.data, settings.as_at)
            asked = dict.fromkeys(y for y in sorted(statements) if y < settings.as_at.year and y not in archive)
            if not asked:
                print(f"Every year that is over has its statement frozen (as at {settings.as_at}): nothing to do.")
                return 0
        intros = read_intros(settings.content / INTROS)
        address, contact = published_address(settings.config)
        releases = history(settings.data, settings.as_at, settings.work)
        renderer = Renderer(dataset, settings.as_at, releases, statements, settings.data / SOURCES, contact)
        pages = StatementRenderer(renderer, statements, intros)
        made = [
            _archive(settings, year, already, reason, statements, intros, address, pages)
            for year, already in asked.items()
        ]
    # The build's own PDF workers, one process per core, and its cache (a national statement's PDF takes
    # WeasyPrint half a minute); a correction that keeps the address is one job.
    by_address: dict[str, dict[int, str]] = {}
    for year, archived in zip(asked, made, strict=True):
        if archived is not None:
            by_address.setdefault(archived[3], {})[year] = archived[2]
    pdfs = {
        year: path.read_bytes()
        for where, printed in by_address.items()
        for year, path in PdfJob(printed, where, settings.pdf_cache).wait().items()
    }
    for year, archived in zip(asked, made, strict=True):
        if archived is None:
            print(f"The data gives the frozen statement of {year} the same figures: nothing to correct.")
            continue
        found, body, _printed, where, corrections = archived
        target = frozen.write(settings.data, year, where, found, body, pdfs[year], settings.as_at, corrections)
        done = "Corrected" if reason is not None else "Froze"
        print(
            f"{done} the statement of {year} in {target} ({len(found)} figures; its page is "
            f"{urls.statement(year)}). Commit that folder: builds now publish it as it is there."
        )
    return 0


Archived = tuple[dict[str, str], str, str, str, tuple[frozen.Correction, ...]]


def _archive(
    settings: Settings,
    year: int,
    already: frozen.Frozen | None,
    reason: str | None,
    statements: dict[int, statement.Statement],
    intros: dict[int, Markup],
    address: str,
    pages: StatementRenderer,
) -> Archived | None:
    """A year's figures, page body, printed document, address and corrections, to archive; None for a
    correction that changes nothing."""
    if year not in statements:
        raise FreezeError(f"the data has no statement for {year} (its first report is later)")
    if already is not None and not os.environ.get("SITE_URL"):
        address = already.address  # a correction keeps the address, unless the site has moved
    check_address(address)
    found = figures(statements[year], str(intros.get(year, "")))
    corrections: tuple[frozen.Correction, ...] = ()
    if already is not None and reason is not None:
        changes = differences(already.figures, found)
        if not changes and address == already.address:
            return None
        moved = [f"The site's address: was “{already.address}”, now “{address}”"] if address != already.address else []
        corrections = (*already.corrections, frozen.Correction(settings.as_at, reason.strip(), tuple(changes + moved)))
    return found, pages.body(year), pages.print_html(year, address, corrections), address, corrections
