"""Parsed files are remembered by content, parsed in parallel when there are many, and errors still name
the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import cache as cache_module
from generator.load.cache import PARALLEL_FROM, load_all, load_one
from generator.load.parse import Located, YamlError


def files(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"org-{n:03}.yaml"
        path.write_text(f"code: org-{n:03}\nanswer: no\nrecommendation: {n}\ntime: 1:30\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_second_load_comes_from_the_cache_and_an_edit_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = files(tmp_path / "data", 3)
    cache = tmp_path / "cache"
    first = load_all(paths, cache)
    assert [d["answer"] for d in first] == ["no", "no", "no"]  # YAML 1.1's `no` stays text
    assert len(list(cache.glob("*.pickle"))) == 3
    with monkeypatch.context() as patch:  # the second load parses nothing: it all comes from the cache

        def no_parsing(content: bytes, path: Path) -> None:
            raise AssertionError(f"{path} was parsed again")

        patch.setattr(cache_module, "parse_yaml", no_parsing)
        again = load_all(paths, cache)
    assert again == first
    assert isinstance(again[0], Located) and again[0].key_lines["time"] == 4  # lines survive the cache
    paths[1].write_text("code: org-001\nanswer: yes\n", encoding="utf-8")
    edited = load_all(paths, cache)
    assert edited[1] == {"code": "org-001", "answer": "yes"}
    assert len(list(cache.glob("*.pickle"))) == 3  # the old entry for org-001 was pruned


def test_many_files_parse_in_parallel_to_the_same_result(tmp_path: Path) -> None:
    paths = files(tmp_path / "data", PARALLEL_FROM * 2 + 1)
    paths[5].write_text("code: x\ncode: y\n", encoding="utf-8")
    parallel = load_all(paths)
    serial = [load_all([p])[0] for p in paths]
    assert [d for d in parallel if not isinstance(d, YamlError)] == [d for d in serial if not isinstance(d, YamlError)]
    error = parallel[5]
    assert isinstance(error, YamlError)
    assert (error.path, error.line) == (paths[5], 2)
    assert 'the key "code" appears twice' in error.message
    assert parallel[6]["recommendation"] == 6


def test_errors_and_missing_files_are_not_cached(tmp_path: Path) -> None:
    paths = files(tmp_path / "data", 1)
    paths[0].write_bytes(b"code: \xff\n")
    missing = tmp_path / "data" / "gone.yaml"
    cache = tmp_path / "cache"
    bad, gone = load_all([paths[0], missing], cache)
    assert isinstance(bad, YamlError) and "not UTF-8" in bad.message
    assert isinstance(gone, FileNotFoundError)
    assert not list(cache.glob("*.pickle"))


def test_one_file_is_read_from_the_cache_without_changing_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the workers that make the plan workbooks read the files the build has just loaded."""
    paths = files(tmp_path / "data", 3)
    cache = tmp_path / "cache"
    first = load_all(paths, cache)
    kept = sorted(cache.glob("*.pickle"))
    with monkeypatch.context() as patch:

        def no_parsing(content: bytes, path: Path) -> None:
            raise AssertionError(f"{path} was parsed again")

        patch.setattr(cache_module, "parse_yaml", no_parsing)
        assert load_one(paths[1], cache) == first[1]
    assert sorted(cache.glob("*.pickle")) == kept  # nothing added, nothing pruned
    paths[1].write_text("code: org-001\nanswer: yes\n", encoding="utf-8")  # not in the cache: parsed
    assert load_one(paths[1], cache)["answer"] == "yes"
    assert load_one(paths[1], None)["answer"] == "yes"
    assert sorted(cache.glob("*.pickle")) == kept
