"""Declaring a field once: `data(...)` in a record class of records.py says what the data file may hold,
and everything else (the validator, the model, the spreadsheet columns, the open-data columns, the
change log, the search index and docs/data-format.md) reads that declaration through `spec_of`."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from .kinds import Kind, Text
from .lists import Named, Records, TextList

SCHEMA = "francis-schema"


@dataclass(frozen=True)
class Spec:
    """One field of a data file, as declared in records.py."""

    name: str
    kind: Kind
    help: str  # what it means, for people: the docs, the spreadsheet's Columns sheet, the open data
    required: bool = False
    expected: str = ""  # extra words for the error when it is missing or wrong
    example: str = ""  # a value for the docs' example
    column: str = ""  # its heading in the spreadsheet ("" where it has no column)
    published: str = ""  # its column name in the open data ("" where it is not published)
    described: str = ""  # its open-data description, where it differs from `help`
    compared: bool = False  # the change log says when it is edited
    searched: bool = False  # the search index holds it

    @property
    def hint(self) -> str:
        return f"; expected {self.expected}" if self.expected else ""

    @property
    def description(self) -> str:
        return self.described or self.help

    @property
    def record(self) -> type | None:
        """The record type of a list or block of records, else None."""
        return self.kind.record if isinstance(self.kind, Records | Named) else None


def data(
    kind: Kind,
    help: str,
    *,
    required: bool = False,
    expected: str = "",
    example: str = "",
    column: str = "",
    published: bool | str | None = None,
    described: str = "",
    compared: bool | None = None,
    searched: bool | None = None,
) -> Any:
    """A field the data file holds. Text is compared and searched unless told otherwise. `published` is
    True (a column of the same name), a column name, or False; a list of records is not a column."""
    textual = isinstance(kind, Text | TextList)
    if published is None:
        published = not isinstance(kind, Records | Named)
    spec = Spec(
        name="",  # filled in by spec_of, from the attribute's name
        kind=kind,
        help=help,
        required=required,
        expected=expected,
        example=example,
        column=column,
        published=published if isinstance(published, str) else ("?" if published else ""),
        described=described,
        compared=textual if compared is None else compared,
        searched=textual if searched is None else searched,
    )
    if isinstance(kind.default, tuple):
        return dataclasses.field(default=(), metadata={SCHEMA: spec})
    return dataclasses.field(default=kind.default, metadata={SCHEMA: spec})


@functools.cache
def spec_of(record: type) -> tuple[Spec, ...]:
    """The declared data fields of a record class, in order."""
    specs = []
    for f in dataclasses.fields(record):
        spec = f.metadata.get(SCHEMA)
        if spec is not None:
            published = f.name if spec.published == "?" else spec.published
            specs.append(dataclasses.replace(spec, name=f.name, published=published))
    return tuple(specs)


@functools.cache
def spec_map(record: type) -> dict[str, Spec]:
    return {s.name: s for s in spec_of(record)}


def names(record: type) -> str:
    return ", ".join(s.name for s in spec_of(record))
