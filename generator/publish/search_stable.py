"""Pagefind's bundle made the same, byte for byte, by every build of the same records.

Pagefind 1.5 writes each filter's values, and the list of filters in its metadata, in the order of a
Rust hash map, which changes from run to run; file names are hashes of the contents, so the filter
files, the metadata file and pagefind-entry.json get new names and contents every build (Pagefind's own
source says so: "TODO: Change filter indexes to BTree to give them a stable hash"). This puts them in
order and names them as Pagefind does: each file is gzip'd CBOR after the b"pagefind_dcd" signature,
named for the SHA-1 of its CBOR (Pagefind writes each byte of it in hex without padding)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(path: Path, encoded: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + encoded, compresslevel=9, mtime=0))


def _hash(encoded: bytes) -> str:
    return "".join(f"{byte:x}" for byte in hashlib.sha1(encoded, usedforsecurity=False).digest())


def stabilise(bundle: Path) -> None:
    """Sort the filter values and the filters of every language's index in `bundle` (site/pagefind/), and
    rename what that changes."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path)
        version, pages, chunks, filters, sorts, fields = meta
        named: list[tuple[str, bytes]] = []
        for name, old in filters:
            old_path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = _read(old_path)
            named.append((name, cbor2.dumps([filter_name, sorted(values, key=lambda v: v[0])])))
            old_path.unlink()
        new_filters = []
        taken: set[str] = set()
        for name, encoded in sorted(named):
            full = f"{language}_{_hash(encoded)}"
            short = full[: len(language) + 8]
            while short in taken and len(short) < len(full):  # as Pagefind lengthens a colliding name
                short = full[: len(short) + 1]
            taken.add(short)
            _write(bundle / "filter" / f"{short}.pf_filter", encoded)
            new_filters.append([name, short])
        encoded_meta = cbor2.dumps([version, pages, chunks, new_filters, sorted(sorts), fields])
        meta_hash = f"{language}_{_hash(encoded_meta)[: len(language) + 8]}"
        meta_path.unlink()
        _write(bundle / f"pagefind.{meta_hash}.pf_meta", encoded_meta)
        about["hash"] = meta_hash
    entry_path.write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")
