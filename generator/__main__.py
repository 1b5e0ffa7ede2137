"""Command line: python -m generator validate | generate | build."""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .pipeline import Outcome, load_dataset

if TYPE_CHECKING:
    from .changes import History
    from .search import IndexJob
    from .site import PdfJob

ROOT = Path.cwd()


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date written as YYYY-MM-DD') from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data)")
    parser.add_argument(
        "--as-at",
        type=_date,
        default=None,
        help="the date reporting status is worked out for (default: today)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=ROOT / "build" / "cache",
        help="where parsed data files and statement PDFs are kept between builds (default: build/cache)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the data and report every problem")
    gen = sub.add_parser("generate", help="validate, then write the page sources")
    gen.add_argument("--content", type=Path, default=ROOT / "content")
    gen.add_argument("--out", type=Path, default=ROOT / "build" / "pages")
    build = sub.add_parser("build", help="validate, generate, then build the site with MkDocs")
    build.add_argument("--content", type=Path, default=ROOT / "content")
    build.add_argument("--pages", type=Path, default=ROOT / "build" / "pages")
    build.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    build.add_argument("--site", type=Path, default=ROOT / "site")
    changes = sub.add_parser("changes", help="what changed in the data since a git ref (tag, branch or commit)")
    changes.add_argument("--since", required=True, help="the git ref to compare the working tree with")
    changes.add_argument("--format", choices=("text", "markdown"), default="text")
    template = sub.add_parser("template", help="write the blank spreadsheet template (XLSX)")
    template.add_argument("--out", type=Path, default=Path("francis-action-plan-template.xlsx"))
    export = sub.add_parser("export", help="write an organisation's data as the spreadsheet template, filled in")
    export.add_argument("--org", required=True, help="the organisation's code, e.g. bury-ccg")
    export.add_argument("--out", type=Path, help="an .xlsx or .csv file (default: <code>.xlsx)")
    importer = sub.add_parser("import", help="update an organisation's data file from a spreadsheet (XLSX or CSV)")
    importer.add_argument("file", type=Path, help="the .xlsx or .csv file")
    importer.add_argument("--org", required=True, help="the organisation's code, e.g. bury-ccg")
    synth = sub.add_parser("synth", help="write a realistic synthetic data set for benchmarks and scale tests")
    synth.add_argument("--orgs", type=int, required=True, help="how many synthetic organisations")
    synth.add_argument("--seed", type=int, default=1, help="the same seed gives the same files")
    synth.add_argument("--out", type=Path, required=True, help="the data folder to write (replaced)")
    return parser


def report(outcome: Outcome) -> None:
    for problem in outcome.problems:
        print(problem, file=sys.stderr)
    errors, warnings = len(outcome.errors), len(outcome.warnings)
    if errors:
        print(
            f"{errors} error{'s' if errors != 1 else ''} and {warnings} warning{'s' if warnings != 1 else ''}: "
            "nothing was built. Fix the errors above and run it again.",
            file=sys.stderr,
        )
    else:
        print(f"The data is valid ({warnings} warning{'s' if warnings != 1 else ''}).", file=sys.stderr)


class Phases:
    """How long each step of the build takes, for the summary line and the benchmark."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = time.perf_counter() - started

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.seconds.items())


def _changes(data: Path, since: str, markdown: bool, as_at: dt.date) -> int:
    from .changes import HistoryError, as_text, diff, load_at

    outcome = load_dataset(data, as_at)
    if outcome.dataset is None:
        report(outcome)
        return 1
    try:
        old = load_at(data.resolve().parent, since, as_at)
    except HistoryError as exc:
        print(f"Could not compare with {since}: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(as_text(diff(old, outcome.dataset), markdown=markdown))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    as_at = args.as_at or dt.date.today()
    if args.command == "synth":
        from .synth import write

        actions = write(args.orgs, args.seed, args.out, args.data)
        print(f"Wrote {args.orgs} synthetic organisations ({actions} actions) to {args.out}.", file=sys.stderr)
        return 0
    if args.command in ("template", "export", "import"):
        from .spreadsheet_commands import run

        return run(args, as_at)
    if args.command == "changes":
        return _changes(args.data, args.since, args.format == "markdown", as_at)
    phases = Phases()
    started = time.perf_counter()
    with phases.timed("load and validate"):
        outcome = load_dataset(args.data, as_at, args.cache / "yaml")
    report(outcome)
    if outcome.dataset is None:
        return 1
    if args.command == "validate":
        return 0

    from .changes import history
    from .render import Renderer
    from .site import STATEMENT_INTROS, OpenDataJob, build_pages, content_pages, sync
    from .statement_pages import StatementRenderer, read_intros

    dataset = outcome.dataset
    out = args.out if args.command == "generate" else args.pages
    # The downloads need only the data: a forked process writes them while this one works out the
    # statements and renders the pages. It starts before PdfJob's pool starts any threads.
    out.mkdir(parents=True, exist_ok=True)
    open_data = OpenDataJob(dataset, out)
    job = pdfs = None
    try:
        with phases.timed("change log"):
            releases = history(args.data, as_at)
        renderer = Renderer(dataset, as_at, releases)
        content = content_pages(renderer, args.content)
        with phases.timed("statements"):
            statements = StatementRenderer(renderer, read_intros(args.content / STATEMENT_INTROS))
        if args.command == "build":
            from .search import IndexJob, records
            from .site import PdfJob, published_address

            # The search index and the statement PDFs need only the data and the hand-written pages, so
            # they too are made in the background while the pages are generated and built.
            with phases.timed("search records"):
                job = IndexJob(records(dataset, [p for p in content if p.path != "search.md"]))
            with phases.timed("statement PDFs (starting)"):
                pdfs = PdfJob(statements, published_address(args.config), args.cache / "pdf")
        with phases.timed("generate pages"):
            pages = build_pages(dataset, as_at, args.content, releases, content, statements, open_data)
            changed, total = sync(pages.every_page(), out, pages.elsewhere)
        phases.seconds["of which waiting for the open data"] = open_data.waited
        print(f"Wrote {changed} of {total} page sources to {out}.", file=sys.stderr)
        if job is None or pdfs is None:
            return 0
        return _build_site(args, phases, started, releases, job, pdfs)
    finally:
        open_data.cancel()
        if job is not None:
            job.cancel()
        if pdfs is not None:
            pdfs.cancel()


def _build_site(
    args: argparse.Namespace, phases: Phases, started: float, releases: History, job: IndexJob, pdfs: PdfJob
) -> int:
    """MkDocs builds the site into a staging folder; the feed, PDFs and search index join it there; only
    then does it replace the published folder."""
    from mkdocs.exceptions import Abort, MkDocsException

    from .changes import atom_feed
    from .search import SearchIndexError
    from .site import URL_LIST, mkdocs_build, published_urls, size_warning

    def finish(staging: Path, config: Any) -> None:
        phases.seconds["mkdocs"] = time.perf_counter() - mkdocs_started
        site_url = config.site_url or ""
        feed = atom_feed(releases, site_url, config.site_name)
        (staging / "changes" / "feed.xml").write_text(feed, encoding="utf-8")
        with phases.timed("statement PDFs (waiting)"):
            pdfs.finish(staging)
        with phases.timed("search index (waiting)"):
            job.finish(staging)
        (staging / URL_LIST).write_text("\n".join(published_urls(staging)) + "\n", encoding="utf-8")

    mkdocs_started = time.perf_counter()
    try:
        mkdocs_build(args.config, args.pages, args.site, finish)
    except (Abort, MkDocsException, SearchIndexError) as exc:
        print(f"The site was not built, and {args.site} is as it was: {exc}", file=sys.stderr)
        return 1
    # The largest single process (this one, Pagefind or a PDF worker); bench/run.py measures them together.
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(
        f"Built {args.site} in {time.perf_counter() - started:.1f} s ({phases}); largest process {peak // 1024} MB.",
        file=sys.stderr,
    )
    if warning := size_warning(args.site):
        print(warning, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
