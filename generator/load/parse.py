"""Fast, strict YAML loading that remembers where every value came from.

PyYAML's defaults follow YAML 1.1, which turns `no` into False, `1:30` into 90 and `2014-02-25` into a
date object. Communications leads type those as text, so this loader only recognises plain integers,
floats, `true`/`false` and `null`; everything else stays a string and the schema decides what it means.
It uses libyaml's C parser when present (about 8x faster than the pure-Python one) and records the line
of each mapping key so that validation errors can point at the line to fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

try:
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # libyaml not compiled in: correct, only slower
    _BaseLoader = yaml.SafeLoader


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


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    pass


# Start from no implicit resolvers, then add back only the YAML 1.2 core schema types we accept.
_StrictLoader.yaml_implicit_resolvers = {}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    result = Located()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f'the key "{key}" appears twice in the same block (first on line '
                f"{result.key_lines[key]}); remove or rename one of them",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
        result.key_lines[key] = line
    return result


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


def load_yaml(path: Path) -> Any:
    """Parse one file; raise YamlError with a line number for anything malformed."""
    return parse_yaml(path.read_bytes(), path)


def parse_yaml(content: bytes, path: Path) -> Any:
    """Parse the bytes of a YAML file read from path (named in errors)."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, 1, f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or "the file is not valid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise YamlError(path, line, f"{problem}{context}") from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, str(exc)) from exc
