"""A scale test: 50 synthetic organisations built end to end, and the output checked (not timed)."""

from __future__ import annotations

import gzip
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.__main__ import main
from generator.load.parse import load_yaml
from generator.publish import search_index

from .conftest import ROOT, build_site, read, serve
from .test_search import type_query
from .test_site import text_of

ORGS = 50
BUNDLE_BYTES = 3_000_000  # the records of 50 organisations are about 10 MB: indexed as four bundles


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("scale")
    data = folder / "data"
    assert main(["synth", "--orgs", str(ORGS), "--seed", "1", "--out", str(data)]) == 0
    with pytest.MonkeyPatch.context() as patch:  # a national index's bundles, at a test's scale
        patch.setattr(search_index, "BUNDLE_BYTES", BUNDLE_BYTES)
        assert build_site(data, folder) == 0
    return data, folder / "site"


@pytest.fixture(scope="module")
def scaled_url(scaled: tuple[Path, Path]) -> Iterator[str]:
    server, url = serve(scaled[1])
    yield url
    server.shutdown()
    server.server_close()


def _records_in(bundle: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        found.append(json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")))
    return found


def test_the_search_index_is_built_in_bundles_and_searched_as_one(
    scaled: tuple[Path, Path], scaled_url: str, browser: Any
) -> None:
    _data, site = scaled
    extra = sorted(p.name for p in (site / "pagefind").iterdir() if p.is_dir() and p.name.isdigit())
    assert len(extra) >= 2, extra  # bundles 2, 3, ... beside the first, which alone has the script
    assert f'data-fr-search-bundles="{" ".join(f"pagefind/{n}/" for n in sorted(extra, key=int))}"' in read(
        site, "about"
    )
    for name in extra:
        bundle = site / "pagefind" / name
        assert (bundle / "pagefind-entry.json").exists() and not (bundle / "pagefind.js").exists()
    # An organisation indexed only in the last bundle is found by its name, first, in the header's box.
    last = _records_in(site / "pagefind" / max(extra, key=int))
    org = next(r["meta"]["title"] for r in last if r["meta"].get("kind") == "Organisation")
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        assert type_query(page, scaled_url, org)[0] == org
        # The search page's filters are every bundle's together: each organisation is offered.
        page.goto(scaled_url + "/search/?q=" + org.replace(" ", "+"))
        page.locator(".fr-search-page__results .fr-result").first.wait_for()
        offered = page.locator('.fr-filter select[name="Organisation"] option').all_inner_texts()
        organisations = len(list((_data / "organisations").glob("*.yaml")))
        assert len(offered) == organisations + 1  # and "Any"
        assert page.locator(".fr-search-page__results .fr-result__title").first.inner_text() == org
        assert errors == []
    finally:
        page.close()


def test_every_organisation_and_response_is_published(scaled: tuple[Path, Path]) -> None:
    data, site = scaled
    files = sorted((data / "organisations").glob("*.yaml"))
    real = len(list((ROOT / "data" / "organisations").glob("*.yaml")))
    assert len(files) == ORGS + real  # the synthetic organisations and the real ones
    answered: dict[int, int] = {}
    for path in files[::7]:  # every seventh organisation, read in full
        org = load_yaml(path)
        page = text_of(read(site, f"organisations/{org['code']}"))
        assert org["name"] in page
        assert f"Recommendations responded to {len(org['responses'])}" in page
        actions = sum(len(r.get("actions") or []) for r in org["responses"]) + len(org.get("actions") or [])
        assert f"Actions {actions}" in page
    for path in files:
        for response in load_yaml(path)["responses"]:
            answered[response["recommendation"]] = answered.get(response["recommendation"], 0) + 1
    for number in (1, 123, 290):
        page = text_of(read(site, f"recommendations/{number}"))
        assert f"Organisations responding {answered.get(number, 0)}" in page


def test_no_page_is_over_a_megabyte_and_search_and_statements_exist(scaled: tuple[Path, Path]) -> None:
    _data, site = scaled
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    assert max(sizes) < 1_000_000
    assert (site / "pagefind" / "pagefind.js").exists()
    assert len(list((site / "pagefind" / "fragment").iterdir())) > ORGS
    index = text_of(read(site, "statements"))
    # Every synthetic organisation is counted in the current statement; the real ones have closed.
    assert f"of {ORGS}" in index
    with zipfile.ZipFile(site / "data" / "francis-progress-data.zip") as archive:
        package = json.loads(archive.read("datapackage.json"))
    assert [r["name"] for r in package["resources"]][:2] == ["recommendations", "organisations"]


def test_a_national_statements_tables_of_counts_read_on_a_phone(scaled_url: str, browser: Any) -> None:
    """The table of organisations by status is a list of labelled rows (labelled by the stylesheet); the
    table of overdue actions by organisation has two columns and stays a table; nothing scrolls sideways."""
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    try:
        page.goto(scaled_url + "/statements/2026/")
        counts = page.locator("table.fr-counts")
        assert counts.locator("caption").inner_text() == "Overdue actions by organisation"
        assert counts.locator("tbody tr").count() == ORGS  # the real organisations have closed
        heading, count = counts.locator("tbody tr").first.locator("th, td").all()
        assert heading.bounding_box()["y"] == count.bounding_box()["y"]  # side by side, a row of a table
        assert count.evaluate("cell => getComputedStyle(cell, '::before').content") == "none"
        by_status = page.locator("table.fr-by-status", has_text="Responses by organisation").locator("tbody tr")
        cells = by_status.first.locator("th, td").all()
        assert cells[0].bounding_box()["y"] < cells[1].bounding_box()["y"]  # one under another
        assert cells[-1].evaluate("cell => getComputedStyle(cell, '::before').content") == '"Total: "'
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()
