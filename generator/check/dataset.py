"""The whole data set checked at once: each file against the schema, then the checks across records."""

from __future__ import annotations

import datetime as dt

from ..load.files import SOURCES, RawData
from ..model.records import Catalogue, Organisation
from .catalogue import check_catalogue
from .fields import FieldChecker
from .future import future_dates
from .history import check_successors
from .organisation import check_organisation
from .problems import Problem


def check(raw: RawData, today: dt.date) -> list[Problem]:
    """Every error in the data, all at once (`today`: the date the site is built as at)."""
    problems: list[Problem] = []
    checker = FieldChecker(raw.catalogue_file)
    if raw.catalogue is not None and checker.record(raw.catalogue, Catalogue, "", 1):
        problems += checker.problems + list(check_catalogue(raw.catalogue_file, raw.catalogue, raw))
    else:
        problems += checker.problems
    seen_codes: dict[str, str] = {}
    sources = raw.data_dir / SOURCES
    for file, data in raw.organisations:
        checker = FieldChecker(file)
        if checker.record(data, Organisation, "", 1):
            problems += checker.problems
            problems += check_organisation(file, data, seen_codes, sources)
            problems += future_dates(file, data, today)
        else:
            problems += checker.problems
    problems += check_successors(raw.organisations, raw.unreadable)
    return problems
