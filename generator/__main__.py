"""Command line: python -m generator validate | generate | build."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from .pipeline import Outcome, load_dataset

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    as_at = args.as_at or dt.date.today()
    if args.command == "synth":
        from .synth import write

        actions = write(args.orgs, args.seed, args.out, args.data)
        print(f"Wrote {args.orgs} synthetic organisations ({actions} actions) to {args.out}.", file=sys.stderr)
        return 0
    started = time.perf_counter()
    outcome = load_dataset(args.data, as_at)
    report(outcome)
    if outcome.dataset is None:
        return 1
    if args.command == "validate":
        return 0

    from .site import all_pages, mkdocs_build, sync

    pages = all_pages(outcome.dataset, as_at, args.content)
    out = args.out if args.command == "generate" else args.pages
    changed = sync(pages, out)
    print(f"Wrote {changed} of {len(pages)} page sources to {out}.", file=sys.stderr)
    if args.command == "build":
        from mkdocs.exceptions import Abort, MkDocsException

        from .search import build_index

        dataset = outcome.dataset
        try:
            mkdocs_build(args.config, out, args.site, lambda staging: build_index(staging, dataset))
        except (Abort, MkDocsException) as exc:
            print(f"The site was not built, and {args.site} is as it was: {exc}", file=sys.stderr)
            return 1
        print(f"Built {args.site} in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
