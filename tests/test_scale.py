"""A scale test: 50 synthetic organisations built end to end, and the output checked (not timed)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from generator.__main__ import main
from generator.load.parse import load_yaml

from .conftest import ROOT, build_site, read
from .test_site import text_of

ORGS = 50


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("scale")
    data = folder / "data"
    assert main(["synth", "--orgs", str(ORGS), "--seed", "1", "--out", str(data)]) == 0
    assert build_site(data, folder) == 0
    return data, folder / "site"


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
