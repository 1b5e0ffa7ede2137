"""The recipe: load -> validate -> model. Rendering and writing happen only on a clean result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import model, quality, validate
from .forked import Forked
from .problems import ERROR, Problem
from .yamlcache import no_cyclic_gc


@dataclass
class Outcome:
    dataset: model.Dataset | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]


def load_dataset(data_dir: Path, today: dt.date, cache: Path | None = None) -> Outcome:
    """`cache`: a folder where parsed files are kept between runs (see yamlcache)."""
    with no_cyclic_gc():
        raw, problems = validate.load(data_dir, cache)
        # Checking and modelling take about as long (4.5 s each at national scale), so the check runs in
        # a forked process while this one builds the model; the model is used only if the check passes.
        checking = Forked(validate.check, raw)
        try:
            dataset, failure = model.build(raw.catalogue, [data for _file, data in raw.organisations]), None
        except Exception as exc:  # invalid data can break the model; then the check says why
            dataset, failure = None, exc
        problems += checking.result()
        if any(p.severity == ERROR for p in problems):
            return Outcome(None, problems)
        if dataset is None:
            raise RuntimeError("valid data could not be modelled") from failure
    files = {data["code"]: file for file, data in raw.organisations}
    problems += quality.warnings(dataset, files, today)
    return Outcome(dataset, problems)
