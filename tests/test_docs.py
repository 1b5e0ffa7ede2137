"""Keep the data format documentation honest: its field tables, examples and statuses are made from the
schema, and a test fails when they are out of date."""

from __future__ import annotations

import re
from pathlib import Path

from generator.docs import DOC, RECORDS, rendered
from generator.model.fields import spec_of
from generator.model.records import Catalogue, Organisation
from generator.model.statuses import IMPLEMENTATION

TEXT = DOC.read_text(encoding="utf-8")


def fields(record: type) -> set[str]:
    names = set()
    for spec in spec_of(record):
        names.add(spec.name)
        if spec.record is not None:
            names |= fields(spec.record)
    return names


def test_the_field_tables_are_the_schemas() -> None:
    assert rendered(TEXT) == TEXT, "docs/data-format.md is out of date: run python -m generator docs"
    for record, _heading, _where in RECORDS:
        for spec in spec_of(record):
            assert f"| `{spec.name}` | {'yes' if spec.required else ''} | {spec.help} |" in TEXT, (record, spec.name)


def test_every_record_of_the_schema_has_its_table() -> None:
    def nested(record: type) -> set[type]:
        found = {record}
        for spec in spec_of(record):
            if spec.record is not None:
                found |= nested(spec.record)
        return found

    documented = [record for record, _heading, _where in RECORDS]
    assert set(documented) == nested(Organisation) | nested(Catalogue)
    assert len(documented) == len(set(documented))


def test_a_changed_schema_makes_the_docs_out_of_date(tmp_path: Path) -> None:
    stale = TEXT.replace("| Its NHS England region. |", "| Its region. |", 1)
    assert stale != TEXT and rendered(stale) == TEXT


def test_the_examples_show_every_field() -> None:
    for record in (Organisation, Catalogue):
        block = TEXT.split(f"<!-- example: {record.__name__} -->", 1)[1].split("<!-- /example -->", 1)[0]
        assert set(re.findall(r"^\s*(?:- )?([a-z_]+):", block, re.MULTILINE)) == fields(record)


def test_every_status_is_defined_in_the_docs() -> None:
    for term in IMPLEMENTATION:
        assert f"| `{term.code}` | {term.label} | {term.definition} |" in TEXT
