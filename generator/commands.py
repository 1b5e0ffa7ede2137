"""What each command does, given its arguments (__main__.py reads them)."""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
from dataclasses import replace

from mkdocs.exceptions import Abort, MkDocsException

from . import recipe
from .data import ModelError, load_dataset
from .messages import report
from .publish.downloads import OpenDataError
from .publish.frozen import ArchiveError
from .publish.pdfs import PdfError
from .publish.search_index import SearchIndexError
from .publish.site import AddressError, SizeError
from .render.page import ContentError
from .settings import Settings


def run(args: argparse.Namespace) -> int:
    as_at = args.as_at or dt.date.today()
    if args.command == "synth":
        from .tools.synth import write

        actions = write(args.orgs, args.seed, args.out, args.data)
        print(f"Wrote {args.orgs} synthetic organisations ({actions} actions) to {args.out}.", file=sys.stderr)
        return 0
    if args.command in ("template", "export", "import"):
        from .spreadsheets.commands import run as spreadsheet

        return spreadsheet(args, as_at)
    if args.command == "changes":
        return _changes(args, as_at)
    if args.command == "inbox":
        from .inbox import process

        with recipe.collector():
            ok = process(args.data, args.uploads, args.out, as_at, apply=args.apply, run_url=args.run_url)
        sys.stderr.write((args.out / "comment.md").read_text(encoding="utf-8"))
        return 0 if ok else 1
    if args.command in ("freeze", "correct"):
        from .freezing import run as archive

        where = Settings(data=args.data, content=args.content, cache=args.cache, as_at=as_at, config=args.config)
        if args.command == "correct":
            return archive(where, [args.year], args.reason)
        return archive(where, None if args.past else args.years, None)
    if args.command == "docs":
        from .docs import update

        return update(check=args.check)
    if args.command == "validate":
        with recipe.collector():
            outcome = load_dataset(args.data, as_at, args.cache / "yaml")
        report(outcome)
        return 0 if outcome.dataset is not None else 1
    settings = Settings(data=args.data, content=args.content, cache=args.cache, as_at=as_at)
    if args.command == "generate":
        return _generate(replace(settings, pages=args.out))
    return _build(replace(settings, pages=args.pages, config=args.config, site=args.site, publish=args.publish))


# What stops a build with a message and leaves the site as it was (a traceback is for the code's mistakes).
BUILD_REFUSALS = (
    Abort,
    MkDocsException,
    SearchIndexError,
    ContentError,
    OpenDataError,
    ModelError,
    PdfError,
    AddressError,
    ArchiveError,
    SizeError,
)


def _generate(settings: Settings) -> int:
    try:
        result = recipe.generate_only(settings)
    except (ContentError, OpenDataError, ModelError, ArchiveError) as exc:
        print(f"Nothing was written: {exc}", file=sys.stderr)
        return 1
    report(result.outcome)
    if result.generated is None:
        return 1
    print(
        f"Wrote {result.generated.changed} of {result.generated.pages} page sources to {settings.pages}.",
        file=sys.stderr,
    )
    return 0


def _build(settings: Settings) -> int:
    try:
        result = recipe.build(settings)
    except BUILD_REFUSALS as exc:
        print(f"The site was not built, and {settings.site} is as it was: {exc}", file=sys.stderr)
        return 1
    if result.generated is None:
        report(result.outcome)
        return 1
    report(result.outcome)
    made = result.generated
    print(f"Wrote {made.changed} of {made.pages} page sources to {settings.pages}.", file=sys.stderr)
    # The largest single process (this one, Pagefind or a PDF worker); bench/run.py measures them together.
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(
        f"Built {settings.site} in {result.seconds:.1f} s ({result.phases}); largest process {peak // 1024} MB.",
        file=sys.stderr,
    )
    if result.warning:
        print(result.warning, file=sys.stderr)
    return 0


def _changes(args: argparse.Namespace, as_at: dt.date) -> int:
    from .history.diff import diff
    from .history.git import HistoryError, load_at
    from .history.text import as_text

    with recipe.collector():
        outcome = load_dataset(args.data, as_at)
        if outcome.dataset is None:
            report(outcome)
            return 1
        try:
            old = load_at(args.data.resolve().parent, args.since, as_at)
        except HistoryError as exc:
            print(f"Could not compare with {args.since}: {exc}", file=sys.stderr)
            return 1
    sys.stdout.write(as_text(diff(old, outcome.dataset), markdown=args.format == "markdown"))
    return 0
