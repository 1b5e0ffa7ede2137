"""The one declared schema for the data files.

Each record is a tuple of Fields. The validator walks these declarations; docs/data-format.md describes
the same fields for people, and tests check the two agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import statuses

TEXT = "text"  # non-empty string
CODE = "code"  # lower-case letters, digits and hyphens
DATE = "date"  # ISO date, month or year
URL = "url"  # http(s) address
NUMBER = "number"  # whole number in [low, high]
CHOICE = "choice"  # one of choices
TEXT_LIST = "text-list"  # list of non-empty strings
RECORDS = "records"  # list of records of type `record`
MAPPING = "mapping"  # mapping of code -> record of type `record`


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    record: tuple[Field, ...] = field(default=())
    expected: str = ""  # extra words for error messages


PROGRESS: tuple[Field, ...] = (
    Field("report", CODE, required=True, expected="the id of one of this file's reports"),
    Field("status", CHOICE, required=True, choices=statuses.codes(statuses.IMPLEMENTATION)),
    Field("status_as_written", TEXT),
    Field("text", TEXT),
    Field("assessed_by", TEXT),
    Field("date", DATE),
)

ACTION: tuple[Field, ...] = (
    Field("ref", TEXT),
    Field("summary", TEXT),
    Field("key_area", TEXT),
    Field("description", TEXT, required=True),
    Field("lead", TEXT),
    Field("timescale", TEXT),
    Field("due", DATE),
    Field("outcome", TEXT),
    Field("evidence", TEXT),
    Field("tags", TEXT_LIST),
    Field("progress", RECORDS, record=PROGRESS),
)

RESPONSE: tuple[Field, ...] = (
    Field("recommendation", NUMBER, required=True, low=1, high=290),
    Field("recommendation_basis", CHOICE, choices=("stated", "inferred")),
    Field("recommendation_note", TEXT),
    Field("report", CODE, required=True, expected="the id of one of this file's reports"),
    Field("theme", TEXT),
    Field("quoted_text", TEXT),
    Field("government_response", TEXT),
    Field("position", TEXT),
    Field("tags", TEXT_LIST),
    Field("progress", RECORDS, record=PROGRESS),
    Field("actions", RECORDS, record=ACTION),
)

REPORT: tuple[Field, ...] = (
    Field("id", CODE, required=True),
    Field("title", TEXT, required=True),
    Field("body", TEXT),
    Field("date", DATE, required=True),
    Field("date_basis", CHOICE, choices=("stated", "inferred")),
    Field("date_note", TEXT),
    Field("source_file", TEXT),
    Field("url", URL),
    Field("notes", TEXT),
)

ORGANISATION: tuple[Field, ...] = (
    Field("code", CODE, required=True),
    Field("name", TEXT, required=True),
    Field("short_name", TEXT, required=True),
    Field("kind", CHOICE, required=True, choices=statuses.codes(statuses.ORGANISATION_KINDS)),
    Field("region", TEXT, required=True),
    Field("website", URL),
    Field("reports", RECORDS, required=True, record=REPORT),
    Field("responses", RECORDS, required=True, record=RESPONSE),
)

SOURCE: tuple[Field, ...] = (
    Field("title", TEXT, required=True),
    Field("url", URL),
    Field("notes", TEXT),
)

RECOMMENDATION: tuple[Field, ...] = (
    Field("number", NUMBER, required=True, low=1, high=290),
    Field("title", TEXT),
    Field(
        "title_source",
        TEXT,
        expected="a source id from this file's sources, or <organisation code>/<report id>",
    ),
    Field("theme", TEXT),
    Field("text", TEXT),
    Field(
        "text_source",
        TEXT,
        expected="a source id from this file's sources, or <organisation code>/<report id>",
    ),
    Field("government_response", CHOICE, choices=statuses.codes(statuses.GOVERNMENT_RESPONSE)),
    Field("government_response_source", CODE, expected="a source id from this file's sources"),
)

CATALOGUE: tuple[Field, ...] = (
    Field("sources", MAPPING, required=True, record=SOURCE),
    Field("recommendations", RECORDS, required=True, record=RECOMMENDATION),
)
