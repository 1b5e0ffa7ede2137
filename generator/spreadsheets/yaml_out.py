"""An organisation's data as YAML, as the hand-written files lay it out."""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the data files are laid out."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def to_yaml(org: dict[str, Any]) -> str:
    return yaml.dump(org, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000, indent=2)
