"""Parsing many YAML files fast: in parallel, and remembered by content between builds.

At national scale (500 files, 117 MB) parsing is the longest step of validation. A file whose bytes
have not changed since the last build is read back from a pickle of its parsed form (about 15 times
faster than parsing it); the others are parsed in one process per core. The cache is keyed by the
file's bytes and by the loader's own source, so a change to either parses the file again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import yaml

from ..code_digest import code_digest
from ..leftovers import die_with_parent, partial, remove_partials
from . import parse
from .parse import YamlError, parse_yaml

PARALLEL_FROM = 16  # below this many files to parse, starting worker processes costs more than it saves
# The pickles name the loader's classes by module, so its name is part of the key as well as its source
# (and that of what it imports: the decoder) and PyYAML's, whose parser it runs.
_LOADER_KEY = hashlib.sha256(
    code_digest(parse.__name__) + f"{parse.__name__} {pickle.HIGHEST_PROTOCOL} {yaml.__version__}".encode()
).digest()

Parsed = Any | YamlError  # the content of a file, or why it could not be read


def load_all(paths: list[Path], cache: Path | None = None) -> list[Parsed]:
    """Each file's parsed content (or its YamlError), in the order given. A file that cannot be read has
    its OSError (FileNotFoundError, PermissionError...) in its place."""
    raw: list[bytes | OSError] = []
    for path in paths:
        try:
            raw.append(path.read_bytes())
        except OSError as exc:  # missing, unreadable, a folder
            raw.append(exc)
    results: list[Any] = [None] * len(paths)
    keys = [_key(r) if isinstance(r, bytes) else "" for r in raw]
    todo: list[int] = []
    for i, content in enumerate(raw):
        if isinstance(content, OSError):
            results[i] = content
        elif cache is not None and (cached := _pickle(cache, keys[i])).exists():
            results[i] = pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache
        else:
            todo.append(i)
    jobs = [(str(paths[i]), content) for i in todo if isinstance(content := raw[i], bytes)]
    workers = min(os.cpu_count() or 1, len(jobs) // PARALLEL_FROM)
    if workers > 1:
        # fork, not forkserver or spawn: those re-run the caller's main script in every worker
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=die_with_parent) as pool:
            parsed = list(pool.map(_parse, jobs, chunksize=8))
    else:
        parsed = [_parse(job) for job in jobs]
    for i, (ok, value) in zip(todo, parsed, strict=True):
        results[i] = value if ok else YamlError(paths[i], *value)
        if ok and cache is not None:
            _store(cache, keys[i], value)
    if cache is not None:
        _prune(cache, set(keys))
        remove_partials(cache)
    return results


def load_one(path: Path, cache: Path | None) -> Any:
    """One file's parsed content, read back from the cache if it is there (as the workers that make the
    plan workbooks do, after the build has loaded the data); else parsed, raising YamlError. It neither
    adds to the cache nor prunes it: that is load_all's."""
    content = path.read_bytes()
    if cache is not None and (cached := _pickle(cache, _key(content))).exists():
        return pickle.loads(cached.read_bytes())  # noqa: S301 - our own cache
    return parse_yaml(content, path)


def _key(content: bytes) -> str:
    """A file's name in the cache: a hash of its bytes and of the loader."""
    return hashlib.sha256(_LOADER_KEY + content).hexdigest()


def _pickle(cache: Path, key: str) -> Path:
    return cache / f"{key}.pickle"


def _parse(job: tuple[str, bytes]) -> tuple[bool, Any]:
    """(True, content) or (False, (line, message)): exceptions with their own arguments do not pickle."""
    path, content = job
    try:
        return True, parse_yaml(content, Path(path))
    except YamlError as exc:
        return False, (exc.line, exc.message)


def _store(cache: Path, key: str, value: Any) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    target = _pickle(cache, key)
    writing = partial(target)
    writing.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    writing.replace(target)  # whole or absent, never half-written


def _prune(cache: Path, keep: set[str]) -> None:
    """Forget files that are no longer in the data, so the cache does not grow with every edit."""
    if cache.is_dir():
        for entry in cache.glob("*.pickle"):
            if entry.stem not in keep:
                entry.unlink(missing_ok=True)
