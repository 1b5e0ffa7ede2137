"""Frozen statements: each past year's statement kept in data/statements/<year>/ as it was published.

Recommendation 1's annual statement is a record: once a year is over and its statement published, later
builds publish the archived copy (its page body and its PDF), not one made again from today's data and
templates. The figures it showed are kept beside it, and a build stops when the data would now give
different ones: either the change to the data is undone, or it is recorded as a correction, which
republishes the statement with a dated notice of what changed (`python -m generator correct`).

    data/statements/2025/statement.yaml   when it was frozen, its address, its figures, its corrections
    data/statements/2025/statement.html   the body of its page, as published
    data/statements/2025/statement.pdf    its PDF, as published
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from ..model.figures import differences, figures
from ..model.statement import Statement

FOLDER = "statements"  # in the data folder
RECORD, BODY, PDF = "statement.yaml", "statement.html", "statement.pdf"
SHOWN_CHANGES = 20  # an error lists this many changed figures, and counts the rest


class ArchiveError(ValueError):
    """A frozen statement that cannot be read, or that the data no longer matches."""


@dataclass(frozen=True)
class Correction:
    date: dt.date
    reason: str
    changes: tuple[str, ...]  # 'label: was "before", now "after"' (model/figures.differences)


@dataclass(frozen=True)
class Frozen:
    year: int
    frozen: dt.date  # the day it was archived
    address: str  # the site's address, which its PDF links to
    figures: dict[str, str]
    corrections: tuple[Correction, ...]
    body: Markup  # the body of its page, as published (trusted: this build wrote it)
    pdf: Path


def folder(data: Path, year: int) -> Path:
    return data / FOLDER / str(year)


def _where(data: Path, year: int, name: str) -> str:
    return f"{data.name}/{FOLDER}/{year}/{name}"


def read(data: Path, as_at: dt.date) -> dict[int, Frozen]:
    """The frozen statements of the years over by `as_at` (a build as at an earlier date has not seen
    the later ones published)."""
    root = data / FOLDER
    found: dict[int, Frozen] = {}
    if not root.is_dir():
        return found
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if not (entry.is_dir() and entry.name.isdigit()):
            raise ArchiveError(
                f"{data.name}/{FOLDER}/{entry.name}: only a folder for each frozen year (such as 2025) belongs here"
            )
        year = int(entry.name)
        if dt.date(year, 12, 31) < as_at:
            found[year] = _read_year(data, year)
    return found


def _read_year(data: Path, year: int) -> Frozen:
    where = _where(data, year, RECORD)
    try:
        record = yaml.safe_load((folder(data, year) / RECORD).read_text(encoding="utf-8"))
        body = (folder(data, year) / BODY).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ArchiveError(f"{where}: the frozen statement cannot be read ({exc})") from exc
    pdf = folder(data, year) / PDF
    if not pdf.is_file():
        raise ArchiveError(f"{_where(data, year, PDF)}: missing; freeze the statement again with its PDF")
    if not isinstance(record, dict):
        raise ArchiveError(f"{where}: expected the record written by `python -m generator freeze {year}`")
    try:
        corrections = tuple(
            Correction(_date(c["date"]), str(c["reason"]), tuple(str(x) for x in c["changes"]))
            for c in record.get("corrections") or []
        )
        return Frozen(
            year=int(record["year"]),
            frozen=_date(record["frozen"]),
            address=str(record["address"]),
            figures={str(k): str(v) for k, v in dict(record["figures"]).items()},
            corrections=corrections,
            body=Markup(body),  # noqa: S704 - written by this build from escaped values (see write)
            pdf=pdf,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchiveError(f"{where}: {exc} is missing or not as `freeze` writes it; freeze it again") from exc


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def check(statements: Mapping[int, Statement], archive: Mapping[int, Frozen], intros: Mapping[int, str]) -> None:
    """Stop the build when the data or an introduction would now give a frozen statement other figures."""
    problems = []
    for year, frozen in archive.items():
        if year not in statements:
            problems.append(f"The statement of {year} is frozen, but the data has no reports for that year.")
            continue
        changed = differences(frozen.figures, figures(statements[year], intros.get(year, "")))
        if changed:
            shown = "".join(f"\n  - {line}" for line in changed[:SHOWN_CHANGES])
            more = f"\n  - and {len(changed) - SHOWN_CHANGES} more" if len(changed) > SHOWN_CHANGES else ""
            problems.append(
                f"The statement of {year} was published and frozen on {frozen.frozen.isoformat()} "
                f"(data/{FOLDER}/{year}/), but the data now gives it different figures:{shown}{more}\n"
                "A published statement never changes silently. Undo the change to the data, or, if the "
                "statement was wrong, record a correction; the statement is then republished with a dated "
                f'notice listing these changes:\n  python -m generator correct {year} --reason "what was wrong"'
            )
    if problems:
        raise ArchiveError("\n".join(problems))


def check_address(archive: Mapping[int, Frozen], site_url: str) -> None:
    """A site published at another address than its frozen statements' PDFs link to would publish PDFs
    whose links lead elsewhere: the move is recorded as a correction of each."""
    moved = sorted(year for year, f in archive.items() if f.address != site_url)
    if moved:
        years = " ".join(str(y) for y in moved)
        raise ArchiveError(
            f"the frozen statements of {years} link to {archive[moved[0]].address}, but this build publishes the "
            f"site at {site_url}. Record the move as a correction of each, which remakes their PDFs: "
            f'SITE_URL={site_url} python -m generator correct YEAR --reason "The site moved to {site_url}."'
        )


def write(
    data: Path,
    year: int,
    address: str,
    found: dict[str, str],
    body: str,
    pdf: bytes,
    frozen_on: dt.date,
    corrections: tuple[Correction, ...] = (),
) -> Path:
    """Archive a statement: its record, its page body and its PDF, each file whole or not at all."""
    target = folder(data, year)
    target.mkdir(parents=True, exist_ok=True)
    record = {
        "year": year,
        "frozen": frozen_on.isoformat(),
        "address": address,
        "corrections": [
            {"date": c.date.isoformat(), "reason": c.reason, "changes": list(c.changes)} for c in corrections
        ],
        "figures": found,
    }
    head = (
        f"# The statement of {year} as published: written by `python -m generator freeze` and `correct`.\n"
        "# Do not edit: a build checks the data against these figures.\n"
    )
    text = head + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=1000)
    for name, content in ((PDF, pdf), (BODY, body.encode()), (RECORD, text.encode())):
        partial = target / f".{name}.partial"
        partial.write_bytes(content)
        os.replace(partial, target / name)
    return target
