"""Does a change leave the output as it was? Generate the page sources and downloads with another commit's
code and with the working tree's, from the same data, and compare them.

    python bench/same_output.py [--base REV] [--data DIR] [--as-at YYYY-MM-DD]

Every file must be byte-identical, except workbooks (.xlsx), which are compared cell by cell (the writer
may lay out the same cells differently). Prints each difference and exits 1 if there is any. For a
refactoring: run it against the commit before, and say so in the note.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def generate(code: Path, data: Path, out: Path, as_at: str) -> None:
    command = [sys.executable, "-m", "generator", "--data", str(data), "--as-at", as_at]
    command += [
        "--cache",
        str(out / "cache"),
        "generate",
        "--content",
        str(code / "content"),
        "--out",
        str(out / "pages"),
    ]
    subprocess.run(command, cwd=code, check=True, capture_output=True)  # noqa: S603 - our own command line


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheets = {}
    for name in book.sheetnames:
        rows = [list(row) for row in book[name].iter_rows(values_only=True)]
        for row in rows:  # trailing empty cells are layout, not content
            while row and row[-1] is None:
                row.pop()
        sheets[name] = [tuple(row) for row in rows]
    return sheets


def differences(before: Path, after: Path) -> list[str]:
    def files(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}

    old, new = files(before), files(after)
    found = [f"only before: {p}" for p in sorted(old - new)] + [f"only after: {p}" for p in sorted(new - old)]
    for path in sorted(old & new):
        a, b = before / path, after / path
        if a.read_bytes() == b.read_bytes():
            continue
        if path.endswith(".xlsx") and cells(a) == cells(b):
            continue
        found.append(f"differs: {path}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="the commit to compare with (default: HEAD)")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--as-at", default="2026-11-23")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        worktree = Path(scratch) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(worktree), args.base], cwd=ROOT, check=True)  # noqa: S603, S607
        try:
            generate(worktree, args.data.resolve(), Path(scratch) / "before", args.as_at)
            generate(ROOT, args.data.resolve(), Path(scratch) / "after", args.as_at)
            found = differences(Path(scratch) / "before" / "pages", Path(scratch) / "after" / "pages")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=True)  # noqa: S603, S607
    for line in found:
        print(line)
    print(f"{len(found)} difference{'s' if len(found) != 1 else ''} from {args.base}.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
