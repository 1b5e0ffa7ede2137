"""The recipe: one build, whichever way it is started, that frees what it made and leaves nothing behind."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from generator import recipe
from generator.__main__ import main
from generator.settings import Settings

from .conftest import AS_AT, ROOT, build_site


def test_a_second_build_in_the_same_process_frees_the_first_model(tmp_path: Path) -> None:
    first = recipe.generate_only(Settings(pages=tmp_path / "one", as_at=AS_AT, cache=tmp_path / "cache"))
    assert first.outcome.dataset is not None
    organisation = weakref.ref(first.outcome.dataset.organisations[0])
    response = weakref.ref(first.outcome.dataset.organisations[0].responses[0])
    del first
    recipe.generate_only(Settings(pages=tmp_path / "two", as_at=AS_AT, cache=tmp_path / "cache"))
    gc.collect()
    # The model has cycles (a response and its organisation): only the collector frees them, and only once
    # the recipe has unfrozen them.
    assert organisation() is None and response() is None
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_background_work_stops_on_every_way_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.publish.downloads import OpenDataJob
    from generator.render import pages

    cancelled: list[OpenDataJob] = []
    real = OpenDataJob.cancel

    def cancel(self: OpenDataJob) -> None:
        cancelled.append(self)
        real(self)

    def broken(self: object) -> object:
        raise RuntimeError("a bug while rendering")

    monkeypatch.setattr(OpenDataJob, "cancel", cancel)
    monkeypatch.setattr(pages.Renderer, "home", broken)
    with pytest.raises(RuntimeError, match="a bug while rendering"):
        recipe.generate_only(Settings(pages=tmp_path / "pages", as_at=AS_AT, cache=tmp_path / "cache"))
    (job,) = cancelled
    if job.job.forked:  # forked only when no other thread runs (see forked.py)
        assert not job.job._process.is_alive()


def test_global_options_work_after_the_command_too(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = data_copy / "organisations" / "bury-ccg.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: ccg", "kind: clinic"), encoding="utf-8")
    assert main(["validate", "--data", str(data_copy), "--as-at", AS_AT.isoformat()]) == 1
    assert 'data/organisations/bury-ccg.yaml:4: error: kind: found "clinic"' in capsys.readouterr().err
    assert main(["--data", str(data_copy), "validate"]) == 1
    assert main(["--data", str(data_copy), "validate", "--data", str(ROOT / "data")]) == 0  # the later one wins


def test_mkdocs_on_its_own_builds_the_site_the_command_line_builds(tmp_path: Path) -> None:
    """`make serve` and `mkdocs build` run the recipe through the plugin; `make build` through the command
    line. Both make the same pages, the feed, the PDFs and the search index."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    assert build_site(ROOT / "data", tmp_path / "cli") == 0
    (tmp_path / "plugin" / "pages").mkdir(parents=True)  # MkDocs wants its docs_dir to exist
    config = load_config(
        config_file=str(ROOT / "mkdocs.yml"),
        docs_dir=str(tmp_path / "plugin" / "pages"),
        site_dir=str(tmp_path / "plugin" / "site"),
        strict=True,
    )
    config.plugins["francis"].config.as_at = AS_AT.isoformat()
    build(config)
    cli, plugin = tmp_path / "cli" / "site", tmp_path / "plugin" / "site"

    def files(site: Path) -> list[str]:
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())

    made = files(plugin)
    assert [p for p in made if not p.startswith("pagefind/")] == [
        p for p in files(cli) if not p.startswith("pagefind/")
    ]
    for path in made:
        if path.endswith((".html", ".csv", ".json", ".xml", ".txt")) and not path.startswith("pagefind/"):
            assert (plugin / path).read_bytes() == (cli / path).read_bytes(), path
    assert "statements/2014/francis-progress-statement-2014.pdf" in made and "changes/feed.xml" in made
    assert "pagefind/pagefind.js" in made


def test_a_forked_child_exits_as_soon_as_it_has_sent_a_result_bigger_than_a_pipe_holds() -> None:
    """The open-data process's result (the files it wrote) is more than a pipe holds: the child must not
    wait, holding the memory it copied, until the parent asks for the result."""
    import subprocess
    import sys

    script = (
        "from generator.forked import Forked; "
        "job = Forked(bytes, 1_000_000); assert job.forked; "
        "assert job.gone(60), 'the child is still there'; "
        "assert job.result() == bytes(1_000_000); print('ok')"
    )  # a fresh interpreter runs one thread, so it forks (this one may run a test server's threads)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0 and run.stdout == "ok\n", run.stderr


def test_pagefind_waits_its_turn_and_a_cancel_ends_the_wait(tmp_path: Path) -> None:
    import threading

    from generator.publish.search_index import IndexJob
    from generator.render.search_records import Record

    turn = threading.Event()
    items = [Record(f"organisations/o{n}/", f"Organisation {n}", "Complaints are handled openly.") for n in range(3)]
    job = IndexJob(items, tmp_path / "work", after=turn.wait)
    assert not turn.wait(1) and job._process is None  # Pagefind has not started
    turn.set()
    site = tmp_path / "site"
    site.mkdir()
    assert job.finish(site) == 3 and (site / "pagefind" / "pagefind-entry.json").is_file()

    waiting = IndexJob(items, tmp_path / "work", after=lambda timeout: threading.Event().wait(timeout))
    waiting.cancel()  # returns: the runner stops waiting once cancelled
    assert not waiting._runner.is_alive() and waiting._process is None
    assert not waiting.workdir.exists()


def test_a_search_bundle_is_indexed_again_only_when_its_records_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.publish import search_index
    from generator.publish.search_index import IndexJob
    from generator.render.search_records import Record

    def build(items: list[Record], name: str) -> tuple[IndexJob, Path]:
        site = tmp_path / name
        site.mkdir()
        job = IndexJob(items, tmp_path / "work", cache=tmp_path / "cache")
        job.finish(site)
        return job, site

    def files(site: Path) -> dict[str, bytes]:
        return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}

    monkeypatch.setattr(search_index, "BUNDLE_BYTES", 650)  # two records of about 300 bytes a bundle
    items = [Record(f"organisations/o{n}/", f"Organisation {n}", f"Complaints number {n}.") for n in range(4)]
    first, one = build(items, "one")
    assert (first.bundles, first.indexed) == (2, 2)
    stale = tmp_path / "cache" / ("0" * 64)  # a bundle of an older build
    stale.mkdir()
    killed = tmp_path / "cache" / f"{'1' * 64}.999999999.tmp"  # half-made by a build that is gone
    killed.mkdir()

    again, two = build(items, "two")
    assert again.indexed == 0 and files(two) == files(one)  # kept bundles give the same site
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == sorted(p.name for p in again.kept)

    changed = [*items[:3], Record("organisations/o3/", "Organisation 3", "Candour, not complaints.")]
    edited, three = build(changed, "three")
    assert edited.indexed == 1 and edited.kept[0] == first.kept[0] and edited.kept[1] != first.kept[1]
    assert (three / "pagefind" / "pagefind.js").is_file() and not (three / "pagefind" / "2" / "pagefind.js").exists()
    assert files(three) != files(one)


def test_two_search_records_for_one_address_stop_the_index(tmp_path: Path) -> None:
    from generator.publish.search_index import IndexJob, SearchIndexError
    from generator.render.search_records import Record

    items = [Record("organisations/o1/", "Organisation 1", text) for text in ("Complaints.", "Candour.")]
    with pytest.raises(SearchIndexError, match=r"^two search records point to organisations/o1/$"):
        IndexJob(items, tmp_path / "work")
    assert list((tmp_path / "work").iterdir()) == []  # its work folder is not left behind


@pytest.mark.parametrize(
    ("sizes", "limit", "starts"),
    [
        ([10] * 10, 100, [0]),  # all in one
        ([10] * 10, 40, [0, 3, 7]),  # three bundles, cut at the pages nearest a third and two thirds
        ([14] + [10] * 9, 40, [0, 3, 7]),  # the first page grew: the same cuts, so the other two bundles are kept
        ([10] * 4 + [14] + [10] * 5, 40, [0, 4, 7]),  # the nearest cuts make one too big: filled in turn
        ([10] * 9 + [20], 40, [0, 4, 7]),  # the total grew past a cut's midpoint: that cut moves
        ([50, 1, 1], 40, [0, 1]),  # a page larger than a share: bundles filled in turn, the page alone
        ([], 40, []),
    ],
)
def test_search_bundles_are_cut_at_pages_near_equal_shares(sizes: list[int], limit: int, starts: list[int]) -> None:
    from generator.publish.search_index import bundle_starts

    assert bundle_starts(sizes, limit) == starts
