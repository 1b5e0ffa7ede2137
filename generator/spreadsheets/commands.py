"""The template, export and import commands."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..data import load_dataset
from ..load.parse import YamlError, load_yaml, plain
from ..model.kinds import CODE_RE
from .layout import SheetProblem
from .read import Reader
from .roundtrip import updated_yaml
from .write import write_csv, write_workbook


def run(args: argparse.Namespace, as_at: dt.date) -> int:
    if args.command == "template":
        write_workbook(None, args.out)
        print(f"Wrote the template to {args.out}.", file=sys.stderr)
        return 0
    if not CODE_RE.match(args.org):
        print(f'"{args.org}" is not an organisation code (lower-case letters, digits and hyphens).', file=sys.stderr)
        return 1
    target = args.data / "organisations" / f"{args.org}.yaml"
    existing = None
    if target.exists():
        try:
            existing = plain(load_yaml(target))
        except YamlError as exc:
            print(f"{target}:{exc.line}: {exc.message}", file=sys.stderr)
            return 1
    if args.command == "export":
        if existing is None:
            print(f"There is no organisation {args.org}: {target} does not exist.", file=sys.stderr)
            return 1
        out = args.out or Path(f"{args.org}.xlsx")
        try:
            (write_csv if out.suffix.lower() == ".csv" else write_workbook)(existing, out)
        except SheetProblem as exc:
            print(f"{out.name}: {exc}. Nothing was written.", file=sys.stderr)
            return 1
        print(f"Wrote {args.org} to {out}.", file=sys.stderr)
        return 0
    return _import(args.file, args.org, args.data, existing, target, as_at)


def _import(file: Path, code: str, data: Path, existing: Any, target: Path, as_at: dt.date) -> int:
    if not file.exists():
        print(f"{file} does not exist.", file=sys.stderr)
        return 1
    reader = Reader(file)
    try:
        org = reader.read(existing, code)
    except SheetProblem as exc:
        print(str(exc), file=sys.stderr)
        return 1
    if org is None:
        for problem in reader.problems:
            print(problem, file=sys.stderr)
        count = len(reader.problems)
        print(f"{count} problem{'s' if count != 1 else ''}: {target} was not changed.", file=sys.stderr)
        return 1
    text = updated_yaml(target.read_text(encoding="utf-8") if target.exists() else None, org)
    # Check the result as part of the whole data set before replacing anything.
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "data"
        shutil.copytree(data, trial)
        (trial / "organisations" / target.name).write_text(text, encoding="utf-8")
        outcome = load_dataset(trial, as_at)
    if outcome.errors:
        for error in outcome.errors:
            print(f"after import, {str(error).replace(str(trial), 'data')}", file=sys.stderr)
        print(f"{target} was not changed.", file=sys.stderr)
        return 1
    target.write_text(text, encoding="utf-8")
    responses = len(org.get("responses") or [])
    actions = sum(len(r.get("actions") or []) for r in org.get("responses") or [])
    plan = len(org.get("actions") or [])
    print(
        f"Wrote {target}: {responses} responses, {actions} actions, {plan} actions of the plan as a whole.",
        file=sys.stderr,
    )
    return 0
