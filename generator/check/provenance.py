"""Checks that everything published can be traced to its document: each passage is inside the document it
cites, each source note says what a reader needs to know, and each rating agrees with its report's key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..load.parse import Located
from ..load.text import TextError, decode
from ..model.fields import spec_map
from ..model.kinds import read_lines
from ..model.provenance import KeyEntry, LeftOut, SourceNote
from ..model.records import Report, Response
from .problems import Problem

# What a note of each kind must say in its text, where it must say something.
NEEDS_TEXT = {
    "number-inferred": "how the number was worked out",
    "moved": "where the text was moved from",
    "inferred": "what was inferred, and from what",
    "as-written": "what does not square, and with what",
}
RECORD_NAMES = {"Report": "a report", "Response": "a response", "Action": "an action", "PlanAction": "an action"}


class Provenance:
    def __init__(self, file: str, sources: Path) -> None:
        self.file = file
        self.sources = sources
        self._documents: dict[str, tuple[int | None, str]] = {}

    def problem(self, line: int, path: str, message: str) -> Problem:
        return Problem(self.file, line, path, message)

    def length(self, name: str) -> int | None:
        """How many lines a source document has; None if it cannot be published (see `document`)."""
        return self.document(name)[0]

    def document(self, name: str) -> tuple[int | None, str]:
        """A source document's number of lines, or None and why it cannot be published."""
        if name not in self._documents:
            self._documents[name] = _document(self.sources, name)
        return self._documents[name]

    def report(self, report: Located, here: str) -> Iterator[Problem]:
        source = report.get("source_file")
        if isinstance(source, str):
            length, why = self.document(source)
            if length is None:
                yield self.problem(report.key_lines["source_file"], f"{here}.source_file", f'found "{source}"; {why}')
        seen: dict[str, int] = {}
        for i, entry in enumerate(_records(report.get("status_key"))):
            written = entry.get("written")
            if isinstance(written, str):
                if written in seen:
                    yield self.problem(
                        entry.key_lines["written"],
                        f"{here}.status_key[{i}].written",
                        f'"{written}" is in the key twice (first on line {seen[written]}); give each word once',
                    )
                seen.setdefault(written, entry.key_lines["written"])
            yield from self.lines(entry, f"{here}.status_key[{i}]", report, KeyEntry)
        for i, part in enumerate(_records(report.get("left_out"))):
            yield from self.lines(part, f"{here}.left_out[{i}]", report, LeftOut)
        yield from self.notes(report, Report, here)

    def item(self, item: Located, record: type, here: str, report: Located | None) -> Iterator[Problem]:
        """A response or an action: its passage and its notes."""
        yield from self.lines(item, here, report, record)
        yield from self.notes(item, record, here)

    def lines(self, item: Located, here: str, report: Located | None, record: type) -> Iterator[Problem]:
        value = item.get("lines")
        ranges = read_lines(value)
        if ranges is None or report is None:
            return  # the schema has said what is wrong with it, or the report is unknown
        source = report.get("source_file")
        length = self.length(source) if isinstance(source, str) else None
        where = item.key_lines["lines"]
        if not isinstance(source, str):
            yield self.problem(
                where, f"{here}.lines", "these lines need the report's source_file: the document they are in"
            )
        elif length is not None and max(end for _start, end in ranges) > length:
            yield self.problem(
                where, f"{here}.lines", f'found "{value}"; expected lines of {source}, which has {length} lines'
            )

    def notes(self, item: Located, record: type, here: str) -> Iterator[Problem]:
        fields = spec_map(record)
        for i, note in enumerate(_records(item.get("source_notes"))):
            path, kind = f"{here}.source_notes[{i}]", note.get("kind")
            if kind == "quotes-other-recommendation" and note.get("recommendation") is None:
                yield self.problem(
                    note.line,
                    f"{path}.recommendation",
                    "a quotes-other-recommendation note needs recommendation: "
                    "the number whose text the document quotes",
                )
            if kind != "quotes-other-recommendation" and note.get("recommendation") is not None:
                yield self.problem(
                    note.key_lines["recommendation"],
                    f"{path}.recommendation",
                    "only a quotes-other-recommendation note names a recommendation",
                )
            if kind in NEEDS_TEXT and not note.get("text"):
                article = "an" if kind[0] in "aeiou" else "a"
                yield self.problem(
                    note.line, f"{path}.text", f"{article} {kind} note needs a text saying {NEEDS_TEXT[kind]}"
                )
            if kind == "inferred" and not note.get("field"):
                yield self.problem(
                    note.line, f"{path}.field", "an inferred note needs field: the field whose value was inferred"
                )
            if kind == "number-inferred" and record is not Response:
                yield self.problem(
                    note.key_lines["kind"], f"{path}.kind", "a number-inferred note belongs on a response"
                )
            named = note.get("field")
            if isinstance(named, str) and named not in fields:
                yield self.problem(
                    note.key_lines["field"],
                    f"{path}.field",
                    f'found "{named}"; expected one of the fields of {RECORD_NAMES[record.__name__]}: '
                    + ", ".join(fields),
                )

    def rating(self, entry: Located, here: str, report: Located | None) -> Iterator[Problem]:
        """A progress entry's status, and its words as written, against its report's key."""
        status, written = entry.get("status"), entry.get("status_as_written")
        if report is None:
            return
        key = {e.get("written"): e.get("status") for e in _records(report.get("status_key"))}
        words = ", ".join(str(w) for w in key)
        if status is None:
            if written is None:
                yield self.problem(
                    entry.line, f"{here}.status", "this entry needs a status (not-rated if the report gives no rating)"
                )
            elif written not in key:
                hint = f"the report's status_key ({words})" if key else "a status_key in its report"
                yield self.problem(
                    entry.key_lines["status_as_written"],
                    f"{here}.status",
                    f'this entry needs a status, or {hint} saying what "{written}" means',
                )
        elif written in key and key[written] != status:
            yield self.problem(
                entry.key_lines["status"],
                f"{here}.status",
                f'found "{status}", but the report\'s status_key says "{written}" means {key[written]}; '
                "leave the status out, or make them agree",
            )


def _records(value: object) -> list[Located]:
    return [v for v in value if isinstance(v, Located)] if isinstance(value, list) else []


__all__ = ["Provenance", "SourceNote"]


def _document(sources: Path, name: str) -> tuple[int | None, str]:
    """(lines, "") for a document that can be published, else (None, why not). It must be a file of
    data/sources/ itself (not a link, which could reach outside the data), and UTF-8 text."""
    path = sources / name
    if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
        return None, "expected a file in data/sources/ (the document as transcribed)"
    if path.is_symlink():
        return None, f"data/sources/{name} is a link to another file; put the document itself in data/sources/"
    try:
        text = decode(path.read_bytes())
    except TextError as exc:
        return None, f"data/sources/{name}, line {exc.line}: {exc.message}"
    except OSError as exc:
        return None, f"data/sources/{name} cannot be read ({(exc.strerror or str(exc)).lower()})"
    return len(text.splitlines()), ""
