"""Finding and parsing the data files: the catalogue and one file per organisation, not yet trusted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..check.problems import Problem
from .cache import load_all
from .parse import YamlError

SOURCES = "sources"  # data/sources/: the documents as transcribed, each published as a page


@dataclass
class RawData:
    """The parsed files, before they are trusted."""

    root: Path  # the folder that holds data/
    data_dir: Path  # data/ itself
    catalogue: Any
    catalogue_file: str
    organisations: list[tuple[str, Any]]  # (file as shown in messages, parsed content)


def data_files(data_dir: Path) -> tuple[Path, list[Path]]:
    return data_dir / "recommendations.yaml", sorted((data_dir / "organisations").glob("*.yaml"))


def load(data_dir: Path, cache: Path | None = None) -> tuple[RawData, list[Problem]]:
    """Parse every file (remembering parsed files in `cache`). Files that are not valid YAML are reported
    and left out."""
    root = data_dir.parent
    problems: list[Problem] = []
    catalogue_path, org_paths = data_files(data_dir)
    contents: list[Any] = []
    for path, parsed in zip([catalogue_path, *org_paths], load_all([catalogue_path, *org_paths], cache), strict=True):
        if isinstance(parsed, YamlError):
            problems.append(Problem(shown(path, root), parsed.line, "", parsed.message))
            parsed = None
        elif isinstance(parsed, FileNotFoundError):
            problems.append(Problem(shown(path, root), 0, "", "the file is missing"))
            parsed = None
        contents.append(parsed)
    catalogue, *organisations = contents
    named = [(shown(p, root), data) for p, data in zip(org_paths, organisations, strict=True)]
    raw = RawData(root, data_dir, catalogue, shown(catalogue_path, root), [o for o in named if o[1] is not None])
    return raw, problems


def shown(path: Path, root: Path) -> str:
    """A file as messages name it: relative to the folder that holds data/."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
