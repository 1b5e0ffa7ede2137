"""A hash of the code that makes a cached file: the modules named and every module of this package they
import, found from their import statements (those inside functions too). A cache keyed by it is made
again when that code changes, and only then: a change to the statements does not make 500 workbooks again,
and a change to a helper the workbooks use does (a hand-kept list of folders missed such helpers)."""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).parent
_NAME = __name__.split(".")[0]


def code_digest(*modules: str) -> bytes:
    """The SHA-256 of the source of `modules` (dotted names in this package) and of all they import."""
    digest = hashlib.sha256()
    for name, path in sorted(sources(*modules).items()):
        digest.update(f"{name}\n".encode() + path.read_bytes())
    return digest.digest()


def sources(*modules: str) -> dict[str, Path]:
    """Each module of this package that `modules` need, with its source file: the modules themselves, the
    packages they are in, and what they import, transitively."""
    found: dict[str, Path] = {}
    waiting = list(modules)
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        path = _source(name)
        if path is None:  # not ours (the standard library, a dependency) or not a module
            continue
        found[name] = path
        parts = name.split(".")
        waiting += [".".join(parts[:n]) for n in range(1, len(parts))]  # each package's __init__ runs first
        waiting += _imports(name, path)
    return found


def _source(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] != _NAME:
        return None
    base = _PACKAGE.joinpath(*parts[1:])
    for path in (base / "__init__.py", base.with_suffix(".py")):
        if path.is_file():
            return path
    return None


def _imports(name: str, path: Path) -> list[str]:
    """The modules a source file imports, by full name. For `from x import y`, both x and x.y (y may be a
    module); names that are not modules are dropped by `sources`."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    named: list[str] = []
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            named += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            named += [module, *(f"{module}.{alias.name}" for alias in node.names)]
    return named
