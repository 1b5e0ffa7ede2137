"""Keep the data format documentation honest: every schema field is documented, and only those."""

from __future__ import annotations

import re
from pathlib import Path

from generator import schema

DOC = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")


def documented(section: str) -> set[str]:
    block = DOC.split(section, 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    return set(re.findall(r"^\s*(?:- )?([a-z_]+):", block, re.MULTILINE))


def fields(record: tuple[schema.Field, ...]) -> set[str]:
    names = set()
    for f in record:
        names.add(f.name)
        names |= fields(f.record)
    return names


def test_organisation_fields_are_all_documented() -> None:
    assert documented("## `data/organisations/<code>.yaml`") == fields(schema.ORGANISATION)


def test_catalogue_fields_are_all_documented() -> None:
    doc = documented("## `data/recommendations.yaml`")
    assert doc - {"dh-online-response"} == fields(schema.CATALOGUE)


def test_every_status_is_defined_in_the_docs() -> None:
    from generator.statuses import IMPLEMENTATION

    for term in IMPLEMENTATION:
        assert f"| `{term.code}` |" in DOC
