"""Fast, strict YAML loading that remembers where every value came from.

PyYAML's defaults follow YAML 1.1, which turns `no` into False, `1:30` into 90, `010` into 8 and
`2014-02-25` into a date object. Communications leads type those as text, so this loader only recognises
plain decimal integers, floats, `true`/`false` and `null`; everything else stays a string and the schema
decides what it means. It builds the data from libyaml's events (C, when PyYAML has it) itself, one at a
time: nothing recurses, nesting is limited, aliases are refused before they can expand, and the line of
each mapping key is kept so that validation errors can point at the line to fix. Bytes that are not
UTF-8, or that YAML does not allow, are reported at their line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .text import TextError, decode


class Located(dict[str, Any]):
    """A mapping that knows the line of the mapping itself and of each of its keys (1-based)."""

    line: int
    key_lines: dict[str, int]


class YamlError(Exception):
    """A file that is not well-formed YAML, or that repeats a key."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message


# The scalars this loader recognises (YAML 1.2's core schema, less what people do not mean): everything
# else is text. A number with a leading zero is text too ("010" stays "010"; YAML 1.1 reads it as octal 8),
# and so is one too long to be a count of anything (Python will not even convert 5,000 digits).
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]{0,17})$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_NULL = {"~", "null", "Null", "NULL", ""}
MAX_BYTES = 32 * 1024 * 1024  # a data file this size is a mistake (the largest plan is well under 1 MB)
MAX_DEPTH = 20  # blocks nest 9 deep at most in a data file; deeper is a mistake (or an attack on the stack)


def _scalar(event: yaml.ScalarEvent) -> Any:
    value: str = event.value
    if not event.implicit[0]:  # quoted: always text
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


def _events(text: str) -> Any:
    """libyaml's event parser where PyYAML was built with it (much faster), else PyYAML's own."""
    try:
        from yaml._yaml import CParser

        return CParser(text)
    except ImportError:  # correct, only slower
        return yaml.SafeLoader(text)


def _decode(content: bytes, path: Path) -> str:
    if len(content) > MAX_BYTES:
        raise YamlError(
            path, 1, f"the file is {len(content) / 1e6:.0f} MB; a data file may be at most {MAX_BYTES // 2**20} MB"
        )
    try:
        return decode(content)
    except TextError as exc:
        raise YamlError(path, exc.line, exc.message) from exc


class _Builder:
    """Makes Located mappings, lists and scalars from the parser's events, one at a time, with no
    recursion: nesting is limited to MAX_DEPTH, and anchors, aliases and tags are refused (a data file
    needs none, and an alias can make a small file expand without limit)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stack: list[Any] = []  # open mappings and lists
        self.keys: list[tuple[str, int] | None] = []  # for each open mapping, the key waiting for its value
        self.result: Any = None
        self.documents = 0

    def error(self, event: yaml.Event, message: str) -> YamlError:
        return YamlError(self.path, event.start_mark.line + 1, message)

    def take(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise self.error(
                event, f"found an alias (*{event.anchor}); data files do not use aliases: write the value out in full"
            )
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.error(event, "the file holds a second document (after a --- line); keep one per file")
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise self.error(
                event, f"found an anchor (&{event.anchor}); data files do not use anchors: write the value out"
            )
        elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and event.tag is not None:
            raise self.error(
                event, f'found the tag "{event.tag}"; data files do not use tags: put text in quotes to keep it as text'
            )
        if isinstance(event, yaml.ScalarEvent):
            self.add(event, _scalar(event))
        elif isinstance(event, yaml.MappingStartEvent):
            mapping = Located()
            mapping.line = event.start_mark.line + 1
            mapping.key_lines = {}
            self.open(event, mapping)
        elif isinstance(event, yaml.SequenceStartEvent):
            self.open(event, [])
        elif isinstance(event, yaml.CollectionEndEvent):
            done = self.stack.pop()
            if isinstance(done, Located):
                self.keys.pop()
            self.add(event, done, opened=True)

    def open(self, event: yaml.Event, value: Any) -> None:
        if self.stack and isinstance(self.stack[-1], Located) and self.keys[-1] is None:
            raise self.error(event, "a key must be a word or a number, not a block or a list")
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(
                event, f"blocks nest more than {MAX_DEPTH} deep here; no field is that deep: check the indentation"
            )
        self.stack.append(value)
        if isinstance(value, Located):
            self.keys.append(None)

    def add(self, event: yaml.Event, value: Any, opened: bool = False) -> None:
        if not self.stack:
            self.result = value
            return
        parent = self.stack[-1]
        if isinstance(parent, list):
            parent.append(value)
            return
        pending = self.keys[-1]
        if pending is None:  # this value is a key (a block as a key was refused when it opened)
            key = value if isinstance(value, str) else str(value)
            line = event.start_mark.line + 1
            if key in parent:
                raise self.error(
                    event,
                    f'the key "{key}" appears twice in the same block (first on line {parent.key_lines[key]}); '
                    "remove or rename one of them",
                )
            self.keys[-1] = (key, line)
        else:
            key, line = pending
            parent[key] = value
            parent.key_lines[key] = line
            self.keys[-1] = None


def load_yaml(path: Path) -> Any:
    """Parse one file; raise YamlError with a line number for anything malformed."""
    return parse_yaml(path.read_bytes(), path)


def parse_yaml(content: bytes, path: Path) -> Any:
    """Parse the bytes of a YAML file read from path (named in errors)."""
    text = _decode(content, path)
    builder = _Builder(path)
    parser = _events(text)
    try:
        while parser.check_event():
            builder.take(parser.get_event())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "the file is not valid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise YamlError(path, line, f"{problem}{context}") from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, str(exc)) from exc
    finally:
        parser.dispose()
    return builder.result


def plain(value: Any) -> Any:
    """Parsed YAML without the line bookkeeping."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
