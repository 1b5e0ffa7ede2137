"""An imported organisation written back as YAML, changing only what changed: the file is read with a
round-trip YAML library (ruamel.yaml), each value the spreadsheet gives the same is left exactly as it
was written (its quotes, its block style, the comments around it), and only new or changed values are
written anew. So an export imported again unedited writes the same bytes, and a reviewer sees only the
rows someone edited."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

# How a response, an action or a progress entry is recognised in the old file: a response by the
# recommendation it answers, a progress entry by its report and date; anything else by its place.
_IDENTITY = {"responses": ("recommendation",), "progress": ("report", "date")}


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long line
    yaml.indent(mapping=2, sequence=4, offset=2)  # lists indented under their key, as the files are
    return yaml


def updated_yaml(existing: str | None, org: dict[str, Any]) -> str:
    """The file for `org`: `existing` (the file's text now) with what changed, or a new file."""
    yaml = _yaml()
    document = _fresh(org) if existing is None else _merge(yaml.load(existing), org, "")
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _merge(old: Any, new: Any, key: str) -> Any:
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for name in [k for k in old if k not in new]:
            del old[name]
        for position, (name, value) in enumerate(new.items()):
            if name in old:
                old[name] = _merge(old[name], value, name)
            else:
                old.insert(position, name, _fresh(value))
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return _merge_list(old, new, key)
    if not isinstance(old, (dict, list)) and not isinstance(new, (dict, list)) and _same(old, new):
        return old  # as it was written
    return _fresh(new)


def _merge_list(old: CommentedSeq, new: list[Any], key: str) -> CommentedSeq | Any:
    if not all(isinstance(item, dict) for item in [*old, *new]):
        same = len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
        return old if same else _fresh(new)
    fields = _IDENTITY.get(key)
    unused = list(range(len(old)))
    merged: list[Any] = []
    for place, item in enumerate(new):
        match = None
        if fields:
            wanted = tuple(str(item.get(f)) for f in fields)
            match = next((i for i in unused if tuple(str(old[i].get(f)) for f in fields) == wanted), None)
        elif place in unused:
            match = place
        if match is None:
            merged.append(_fresh(item))
        else:
            unused.remove(match)
            merged.append(_merge(old[match], item, key))
    for index in range(len(old) - 1, -1, -1):
        del old[index]
    old.extend(merged)
    return old


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    return old is not None and new is not None and str(old) == str(new)


def _fresh(value: Any) -> Any:
    """A value written anew: text over several lines as a block, as the hand-written files have it."""
    if isinstance(value, dict):
        return CommentedMap((k, _fresh(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_fresh(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value
