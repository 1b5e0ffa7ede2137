"""The data stages in one call: load -> check -> model. Nothing is modelled for use until the check passes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .check.dataset import check
from .check.problems import ERROR, Problem
from .check.quality import warnings
from .forked import Forked
from .load.files import SOURCES, load
from .model.build import build
from .model.records import Dataset


@dataclass
class Outcome:
    dataset: Dataset | None  # None when the check found errors
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]


class ModelError(RuntimeError):
    """Data the check passed that the model could not build: a gap in the check, never a user's mistake."""


def load_dataset(data_dir: Path, today: dt.date, cache: Path | None = None) -> Outcome:
    """`cache`: a folder where parsed files are kept between runs (see load/cache.py)."""
    raw, problems = load(data_dir, cache)
    # Checking and modelling take about as long (4.5 s each at national scale), so the check runs in
    # a forked process while this one builds the model; the model is used only if the check passes.
    checking = Forked(check, raw, today)
    try:
        dataset, failure = build(raw.catalogue, [data for _file, data in raw.organisations]), None
    except Exception as exc:  # invalid data can break the model; then the check says why
        dataset, failure = None, exc
    problems += checking.result()
    if any(p.severity == ERROR for p in problems):
        return Outcome(None, problems)
    if dataset is None:
        raise ModelError("valid data could not be modelled") from failure
    files = {data["code"]: file for file, data in raw.organisations}
    problems += warnings(dataset, files, today, raw.data_dir / SOURCES)
    return Outcome(None if any(p.severity == ERROR for p in problems) else dataset, problems)
