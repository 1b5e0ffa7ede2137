"""Command line: python -m generator validate | generate | build | changes | template | export | import | inbox |
synth | docs. This module only reads the arguments; commands.py does the work."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import commands
from .settings import ROOT


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{value}" is not a date written as YYYY-MM-DD') from None


def _global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The options every command takes, before or after its name. After it (suppress), a value that is not
    given leaves the one given before it, or the default, alone."""

    def default(value: object) -> object:
        return argparse.SUPPRESS if suppress else value

    parser.add_argument("--data", type=Path, default=default(ROOT / "data"), help="the data folder (default: data)")
    parser.add_argument(
        "--as-at",
        type=_date,
        default=default(None),
        help="the date reporting status is worked out for (default: today)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=default(ROOT / "build" / "cache"),
        help="where parsed data files and statement PDFs are kept between builds (default: build/cache)",
    )


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    _global_options(main, suppress=False)
    sub = main.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        found = sub.add_parser(name, help=help, description=help)
        _global_options(found, suppress=True)
        return found

    command("validate", "check the data and report every problem")
    gen = command("generate", "validate, then write the page sources")
    gen.add_argument("--content", type=Path, default=ROOT / "content")
    gen.add_argument("--out", type=Path, default=ROOT / "build" / "pages")
    build = command("build", "validate, generate, then build the site with MkDocs")
    build.add_argument("--content", type=Path, default=ROOT / "content")
    build.add_argument("--pages", type=Path, default=ROOT / "build" / "pages")
    build.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    build.add_argument("--site", type=Path, default=ROOT / "site")
    build.add_argument(
        "--publish", action="store_true", help="a build to publish: fail unless the site's address (SITE_URL) is set"
    )
    changes = command("changes", "what changed in the data since a git ref (tag, branch or commit)")
    changes.add_argument("--since", required=True, help="the git ref to compare the working tree with")
    changes.add_argument("--format", choices=("text", "markdown"), default="text")
    template = command("template", "write the blank spreadsheet template (XLSX)")
    template.add_argument("--out", type=Path, default=Path("francis-action-plan-template.xlsx"))
    export = command("export", "write an organisation's data as the spreadsheet template, filled in")
    export.add_argument("--org", required=True, help="the organisation's code, e.g. bury-ccg")
    export.add_argument("--out", type=Path, help="an .xlsx or .csv file (default: <code>.xlsx)")
    importer = command("import", "update an organisation's data file from a spreadsheet (XLSX or CSV)")
    importer.add_argument("file", type=Path, help="the .xlsx or .csv file")
    importer.add_argument("--org", required=True, help="the organisation's code, e.g. bury-ccg")
    inbox = command("inbox", "import the workbooks uploaded into imports/ and say what they change (for CI)")
    inbox.add_argument("--uploads", type=Path, default=ROOT / "imports", help="the inbox folder")
    inbox.add_argument("--out", type=Path, required=True, help="where to write comment.md, result.json, files/")
    inbox.add_argument("--apply", action="store_true", help="also write the data files and remove the uploads")
    inbox.add_argument("--run-url", default="", help="the page of the check, where its preview can be downloaded")
    synth = command("synth", "write a realistic synthetic data set for benchmarks and scale tests")
    synth.add_argument("--orgs", type=int, required=True, help="how many synthetic organisations")
    synth.add_argument("--seed", type=int, default=1, help="the same seed gives the same files")
    synth.add_argument("--out", type=Path, required=True, help="the data folder to write (replaced)")
    freeze = command("freeze", "archive a past year's statement as published (data/statements/<year>/)")
    which = freeze.add_mutually_exclusive_group(required=True)
    which.add_argument("years", type=int, nargs="*", default=[], help="the years, once each is over and published")
    which.add_argument("--past", action="store_true", help="every year that is over and not frozen yet (a release)")
    correct = command("correct", "republish a frozen statement from the data now, with a dated correction notice")
    correct.add_argument("year", type=int, help="the frozen year")
    correct.add_argument("--reason", required=True, help="what was wrong, in a sentence: shown with the correction")
    for archiving in (freeze, correct):
        archiving.add_argument("--content", type=Path, default=ROOT / "content")
        archiving.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    docs = command("docs", "rewrite the field tables in docs/data-format.md from the schema")
    docs.add_argument("--check", action="store_true", help="only say whether the docs are up to date")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return commands.run(args)


if __name__ == "__main__":
    sys.exit(main())
