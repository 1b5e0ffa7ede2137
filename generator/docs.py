"""docs/data-format.md's field tables, written from the schema (model/records.py), so the docs say what
the validator checks. `python -m generator docs` rewrites them; tests/test_docs.py fails when they are
out of date."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .model import statuses
from .model.fields import Spec, spec_of
from .model.kinds import Choice
from .model.lists import Named, TextList
from .model.provenance import Citation, KeyEntry, LeftOut, SourceNote
from .model.records import (
    Action,
    Catalogue,
    Organisation,
    PlanAction,
    Progress,
    Recommendation,
    Report,
    Response,
    Source,
)
from .settings import ROOT

DOC = ROOT / "docs" / "data-format.md"
# The records, in the order the docs explain them, with their headings and where each is found.
RECORDS: tuple[tuple[type, str, str], ...] = (
    (Organisation, "Organisation", "`data/organisations/<code>.yaml`, the whole file"),
    (Citation, "History source", "each entry of an organisation's `history_sources`"),
    (Report, "Report", "each entry of an organisation's `reports`"),
    (KeyEntry, "Status key entry", "each entry of a report's `status_key`"),
    (LeftOut, "Part left out", "each entry of a report's `left_out`"),
    (Response, "Response", "each entry of an organisation's `responses`"),
    (Action, "Action", "each entry of a response's `actions`"),
    (PlanAction, "Plan action", "each entry of an organisation's `actions` (its plan as a whole)"),
    (Progress, "Progress", "each entry of a response's or an action's `progress`"),
    (SourceNote, "Source note", "each entry of a report's, a response's or an action's `source_notes`"),
    (Catalogue, "Catalogue", "`data/recommendations.yaml`, the whole file"),
    (Source, "Source", "each entry of the catalogue's `sources`, under its id"),
    (Recommendation, "Recommendation", "each entry of the catalogue's `recommendations`"),
)
_BLOCK = re.compile(r"<!-- (example): (\w+) -->\n.*?<!-- /\1 -->\n", re.DOTALL)
_FIELDS = re.compile(r"<!-- fields -->\n.*?<!-- /fields -->\n", re.DOTALL)
_STATUSES = re.compile(r"<!-- statuses -->\n.*?<!-- /statuses -->\n", re.DOTALL)
_NOTES = re.compile(r"<!-- source-notes -->\n.*?<!-- /source-notes -->\n", re.DOTALL)
# A value for the example where the schema gives none, by kind.
_EXAMPLES = {"code": "bury-ccg", "date": "2014-02-25", "web address": "https://example.org/", "number": "123"}


def table(record: type) -> str:
    """The Markdown table of a record's fields."""
    rows = [
        "| field | required | what it holds | written as | spreadsheet column | open-data column |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for spec in spec_of(record):
        cells = [
            f"`{spec.name}`",
            "yes" if spec.required else "",
            spec.help,
            spec.kind.describe(),
            spec.column,
            f"`{spec.published}`" if spec.published else "",
        ]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows) + "\n"


def example(record: type, indent: str = "") -> list[str]:
    """A file's shape as YAML: every field with an example value and, as a comment, what it holds."""
    lines = []
    for spec in spec_of(record):
        note = f"  # {'required: ' if spec.required else ''}{spec.help}"
        nested = spec.record
        if nested is not None and isinstance(spec.kind, Named):
            lines += [f"{indent}{spec.name}:{note}", f"{indent}  an-id:", *example(nested, indent + "    ")]
        elif nested is not None:
            inner = example(nested, indent + "    ")
            lines += [f"{indent}{spec.name}:{note}", f"{indent}  - {inner[0].lstrip()}", *inner[1:]]
        else:
            value = spec.example or _example_value(spec)
            lines.append(f"{indent}{spec.name}: {value}{note}")
    return lines


def _example_value(spec: Spec) -> str:
    if isinstance(spec.kind, Choice):
        return spec.kind.choices[0]
    if isinstance(spec.kind, TextList):
        return "[CCG action]"
    return _EXAMPLES.get(spec.kind.label, "...")


def field_sections() -> str:
    """A section per record: its name, what it is (its docstring), where it is found, and its table."""
    sections = []
    for record, heading, where in RECORDS:
        what = " ".join((record.__doc__ or "").split())
        sections.append(f"### {heading}\n\n{what} Found in {where}.\n\n{table(record)}")
    return "\n".join(sections)


def statuses_table() -> str:
    rows = ["| value | label on the site | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{t.code}` | {t.label} | {t.definition} |" for t in statuses.IMPLEMENTATION]
    return "\n".join(rows) + "\n"


def source_notes_table() -> str:
    rows = ["  | kind | shown as | what it says |", "  | --- | --- | --- |"]
    rows += [f"  | `{t.code}` | {t.label} | {t.definition} |" for t in statuses.SOURCE_NOTES]
    return "\n".join(rows) + "\n"


def rendered(text: str) -> str:
    """The docs with every field table, example and the statuses as the schema makes them."""
    by_name = {record.__name__: record for record, _heading, _where in RECORDS}

    def block(match: re.Match[str]) -> str:
        made = "```yaml\n" + "\n".join(example(by_name[match[2]])) + "\n```\n"
        return f"<!-- {match[1]}: {match[2]} -->\n{made}<!-- /{match[1]} -->\n"

    text = _STATUSES.sub(lambda _m: f"<!-- statuses -->\n{statuses_table()}<!-- /statuses -->\n", text)
    text = _NOTES.sub(lambda _m: f"<!-- source-notes -->\n{source_notes_table()}<!-- /source-notes -->\n", text)
    text = _FIELDS.sub(lambda _m: f"<!-- fields -->\n{field_sections()}<!-- /fields -->\n", text)
    return _BLOCK.sub(block, text)


def update(check: bool = False, path: Path = DOC) -> int:
    text = path.read_text(encoding="utf-8")
    new = rendered(text)
    if new == text:
        print(f"{path} is up to date.", file=sys.stderr)
        return 0
    if check:
        print(f"{path} is out of date: run python -m generator docs", file=sys.stderr)
        return 1
    path.write_text(new, encoding="utf-8")
    print(f"Rewrote the field tables in {path}.", file=sys.stderr)
    return 0
