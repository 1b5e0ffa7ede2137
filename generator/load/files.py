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
    # The codes (file names) of organisation files that could not be read: their problem is reported once,
    # and what other files say about them is not checked (it would only repeat it).
    unreadable: frozenset[str] = frozenset()


def data_files(data_dir: Path) -> tuple[Path, list[Path], list[tuple[Path, str]]]:
    """The catalogue, the organisation files, and what is in data/organisations/ that is not one (with why
    it is refused: nothing there is left out without saying so)."""
    found: list[Path] = []
    refused: list[tuple[Path, str]] = []
    folder = data_dir / "organisations"
    try:
        entries = sorted(folder.iterdir())
    except FileNotFoundError:
        entries = []
    except OSError as exc:
        refused.append((folder, f"the folder cannot be read ({(exc.strerror or str(exc)).lower()})"))
        entries = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # a hidden file (.gitkeep, .DS_Store), not data
        if entry.is_symlink():
            refused.append((entry, "is a link to another file; put the file itself here"))
        elif entry.is_dir():
            refused.append((entry, "is a folder; each organisation is one file here, named <code>.yaml"))
        elif entry.suffix == ".yaml":
            found.append(entry)
        elif entry.suffix.lower() in (".yaml", ".yml"):
            refused.append((entry, f"is not read: data files end in .yaml; rename it {entry.stem}.yaml"))
        else:
            refused.append((entry, "is not read: only organisations' files (<code>.yaml) belong in this folder"))
    return data_dir / "recommendations.yaml", found, refused


def load(data_dir: Path, cache: Path | None = None) -> tuple[RawData, list[Problem]]:
    """Parse every file (remembering parsed files in `cache`). Files that cannot be read, or are not valid
    YAML, are reported and left out."""
    root = data_dir.parent
    catalogue_path, org_paths, refused = data_files(data_dir)
    problems = [Problem(shown(path, root), 0, "", why) for path, why in refused]
    if catalogue_path.is_symlink():
        problems.append(Problem(shown(catalogue_path, root), 0, "", "is a link to another file; put the file here"))
    contents: list[Any] = []
    for path, parsed in zip([catalogue_path, *org_paths], load_all([catalogue_path, *org_paths], cache), strict=True):
        if isinstance(parsed, YamlError):
            problems.append(Problem(shown(path, root), parsed.line, "", parsed.message))
            parsed = _UNREADABLE
        elif isinstance(parsed, FileNotFoundError):
            problems.append(Problem(shown(path, root), 0, "", "the file is missing"))
            parsed = _UNREADABLE
        elif isinstance(parsed, OSError):
            problems.append(
                Problem(
                    shown(path, root), 0, "", f"the file cannot be read ({(parsed.strerror or str(parsed)).lower()})"
                )
            )
            parsed = _UNREADABLE
        elif parsed is None:
            problems.append(
                Problem(
                    shown(path, root),
                    1,
                    "",
                    "the file is empty (or holds only comments); expected its fields, starting with code: and "
                    "name:. To stop publishing an organisation, delete its file",
                )
            )
            parsed = _UNREADABLE
        contents.append(parsed)
    catalogue, *organisations = contents
    named = [(shown(p, root), data) for p, data in zip(org_paths, organisations, strict=True)]
    raw = RawData(
        root,
        data_dir,
        None if catalogue is _UNREADABLE else catalogue,
        shown(catalogue_path, root),
        [o for o in named if o[1] is not _UNREADABLE],
        frozenset(p.stem for p, data in zip(org_paths, organisations, strict=True) if data is _UNREADABLE),
    )
    return raw, problems


_UNREADABLE = object()  # a file whose problem is already reported: nothing more is said about it


def shown(path: Path, root: Path) -> str:
    """A file as messages name it: relative to the folder that holds data/."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
