"""The inbox: workbooks communications leads upload through GitHub's web pages into imports/, named for
their organisation (imports/<code>.xlsx, or .csv). `python -m generator inbox` imports each into its data
file, checks the whole data set, and writes what the pull request should be told:

    <out>/comment.md   the comment, in plain English: every problem row by row, or what the change does
    <out>/result.json  {"ok": bool, "files": [data files to commit], "remove": [uploads to delete]}
    <out>/files/       the data files to commit, by their path in the repository

With --apply it also writes the data files into data/ and removes the uploads, so the workspace holds
the data as it will be (the workflow builds its preview from it). It never touches git and runs no
network request: .github/workflows/inbox.yml commits and comments, in a job that runs none of it.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .data import load_dataset
from .history.diff import diff
from .history.text import as_text
from .load.parse import YamlError, load_yaml, plain
from .model.kinds import CODE_RE
from .spreadsheets.layout import SheetProblem
from .spreadsheets.read import Reader
from .spreadsheets.roundtrip import updated_yaml

SUFFIXES = (".xlsx", ".csv")
IGNORED = {"README.md", ".gitkeep"}  # what the inbox folder holds for people, not uploads


@dataclass
class Upload:
    path: Path  # imports/<code>.xlsx
    code: str
    problems: list[str] = field(default_factory=list)
    text: str | None = None  # the organisation's data file, as the upload makes it
    before: str | None = None  # the file as it was (None: a new organisation)

    @property
    def changed(self) -> bool:
        return self.text is not None and self.text != self.before


def _uploads(folder: Path, data: Path) -> list[Upload]:
    found = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.name in IGNORED or path.name.startswith("."):
            continue
        upload = Upload(path, path.stem)
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            upload.problems.append(
                f"{path.name} is not a workbook: upload the Excel workbook (.xlsx) or CSV file of your plan"
            )
        elif not CODE_RE.match(path.stem):
            upload.problems.append(
                f"{path.name}: name the file after your organisation's code, as in its page's address "
                f"(/organisations/<code>/), such as bury-ccg{path.suffix.lower()}"
            )
        elif path.suffix.lower() == ".csv" and not (data / "organisations" / f"{path.stem}.yaml").exists():
            upload.problems.append(
                f"{path.name}: a CSV file holds the plan alone; for an organisation not on the site yet, upload "
                "the workbook (.xlsx), whose other sheets say who it is"
            )
        found.append(upload)
    return found


def _import(upload: Upload, data: Path) -> None:
    target = data / "organisations" / f"{upload.code}.yaml"
    existing: Any = None
    if target.exists():
        upload.before = target.read_text(encoding="utf-8")
        try:
            existing = plain(load_yaml(target))
        except YamlError as exc:
            upload.problems.append(f"data/organisations/{target.name}, line {exc.line}: {exc.message}")
            return
    reader = Reader(upload.path)
    try:
        org = reader.read(existing, upload.code)
    except SheetProblem as exc:
        upload.problems.append(str(exc))
        return
    if org is None:
        upload.problems += [str(p) for p in reader.problems]
        return
    upload.text = updated_yaml(upload.before, org)


def process(data: Path, uploads: Path, out: Path, today: dt.date, apply: bool = False, run_url: str = "") -> bool:
    """Import every upload, check the result, write the comment and the files; True if all went in."""
    found = _uploads(uploads, data)
    for upload in found:
        if not upload.problems:
            _import(upload, data)
    changes_text, pages, whole = "", [], []
    if found and not any(u.problems for u in found):
        before = load_dataset(data, today)
        with tempfile.TemporaryDirectory() as folder:
            trial = Path(folder) / "data"
            shutil.copytree(data, trial)
            for upload in found:
                if upload.text is not None:
                    (trial / "organisations" / f"{upload.code}.yaml").write_text(upload.text, encoding="utf-8")
            after = load_dataset(trial, today)
            whole = [str(e).replace(str(trial), "data") for e in after.errors]
        if after.dataset is not None and before.dataset is not None:
            changes = diff(before.dataset, after.dataset)
            # Under the comment's own heading: its headings one level down, without its title.
            text = as_text(changes, markdown=True).removeprefix("## Data changes\n")
            changes_text = text.replace("\n### ", "\n#### ")
            pages = sorted({page for change in changes for page in change.pages})
    ok = bool(found) and not any(u.problems for u in found) and not whole
    out.mkdir(parents=True, exist_ok=True)
    files = [u for u in found if u.changed] if ok else []
    for upload in files:
        target = out / "files" / "data" / "organisations" / f"{upload.code}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(upload.text or "", encoding="utf-8")
    result = {
        "ok": ok,
        "files": [f"data/organisations/{u.code}.yaml" for u in files],
        "remove": [f"imports/{u.path.name}" for u in found] if ok else [],
    }
    (out / "result.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (out / "comment.md").write_text(_comment(found, whole, ok, changes_text, pages, run_url), encoding="utf-8")
    if ok and apply:
        for upload in files:
            (data / "organisations" / f"{upload.code}.yaml").write_text(upload.text or "", encoding="utf-8")
        for upload in found:
            upload.path.unlink()
    return ok


def _comment(found: list[Upload], whole: list[str], ok: bool, changes: str, pages: list[str], run_url: str) -> str:
    names = ", ".join(f"`{u.path.name}`" for u in found) or "nothing"
    lines = [f"## Your upload: {names}", ""]
    if not found:
        lines += ["There is no workbook in `imports/` to import. Upload your plan's workbook there."]
        return "\n".join(lines) + "\n"
    if not ok:
        lines += [
            "**It could not be imported yet.** Nothing has been changed. Fix what is listed below in your "
            "workbook, then upload it again to this pull request (the same name, in `imports/`).",
            "",
        ]
        for upload in found:
            for problem in upload.problems:
                lines.append(f"- {problem}")
        for problem in whole:
            lines.append(f"- After the import, the data has a problem: {problem}")
        return "\n".join(lines) + "\n"
    if not any(u.changed for u in found):
        lines += [
            "**The workbook says what the site already says**, so nothing changes. The upload has been "
            "removed from this pull request."
        ]
        return "\n".join(lines) + "\n"
    changed = ", ".join(f"`data/organisations/{u.code}.yaml`" for u in found if u.changed)
    lines += [
        f"**It has been imported.** Every cell was read and the whole data set checked. {changed} now "
        "holds it, in this pull request, and the upload has been removed. A reviewer will check it "
        "against your report before it is published.",
        "",
        "### What it changes",
        "",
        changes.strip() or "Nothing the site shows changes (only how the file is laid out).",
        "",
        "### Pages that change",
        "",
        *[f"- `/{page}`" for page in pages],
        "",
    ]
    if run_url:
        lines += [
            "### Preview",
            "",
            f"The site as it will be, with this change: download **preview** from [this check's page]({run_url}) "
            "(at the foot, under Artifacts), unzip it and open `index.html`.",
            "",
        ]
    return "\n".join(lines)
