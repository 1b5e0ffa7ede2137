"""bench/run.py's account of what a site's bytes are (issue 22's size target is decided from it)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_file_counts_once_in_the_part_its_path_names(tmp_path: Path) -> None:
    files = {
        "organisations/a/index.html": 1_000_000,
        "organisations/index.html": 50_000,  # the list of organisations: not an organisation's page
        "organisations/a/responses.json": 2_000_000,
        "organisations/a/responses-and-actions.csv": 300_000,
        "organisations/a/plan.xlsx": 400_000,
        "recommendations/12/index.html": 500_000,
        "recommendations/12/responses-and-actions.csv": 600_000,
        "data/francis-progress-data.xlsx": 700_000,
        "data/francis-progress-data.zip": 800_000,
        "data/index.html": 10_000,
        "pagefind/2/fragment/x.pf_fragment": 900_000,
        "statements/2025/francis-progress-2025.pdf": 100_000,
        "assets/stylesheets/extra.css": 40_000,
    }
    for name, size in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x" * size)
    assert _bench().composition(tmp_path) == {
        "organisation pages": 1.0,
        "recommendation pages": 0.5,
        "organisations' responses.json": 2.0,
        "organisations' CSV": 0.3,
        "recommendations' CSV": 0.6,
        "organisations' plan.xlsx": 0.4,
        "bulk XLSX": 0.7,
        "bulk ZIP": 0.8,
        "search index": 0.9,
        "statements (pages, PDFs)": 0.1,
        "everything else": 0.1,
    }


def test_the_table_has_a_row_for_each_part() -> None:
    bench = _bench()
    labels = [label for label, _get in bench.ROWS]
    assert [label for label in labels if label.startswith("  of which ")] == [
        f"  of which {name}, MB" for name in [*(name for name, _pattern in bench.PARTS), bench.OTHER]
    ]


def test_the_largest_page_is_measured_as_stored_and_as_sent(tmp_path: Path) -> None:
    (tmp_path / "organisations" / "a").mkdir(parents=True)
    (tmp_path / "recommendations" / "1").mkdir(parents=True)
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "organisations" / "a" / "index.html").write_text("<p>Action</p>\n" * 50_000)  # 700 KB
    (tmp_path / "recommendations" / "1" / "index.html").write_text("<p>small</p>")
    found = _bench().sizes(tmp_path)
    assert (found["largest_page"], found["page_kb_max"], found["pages_over_500_kb"]) == (
        "organisations/a/index.html",
        700.0,
        1,
    )
    assert 0 < found["page_kb_max_gzipped"] < 10  # one line repeated: gzip takes it to almost nothing
