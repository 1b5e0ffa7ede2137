"""The site in every Chromium-family browser this machine has, not only the one the other browser tests use
(CHROMIUM): Debian's chromium here, and also Google Chrome on GitHub's runners, whose own Chromium is an
unsandboxable snapshot (the workflows give the tests Chrome). The Content-Security-Policy, axe and typed
search must not depend on which."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM
from .test_quality import axe_violations
from .test_search import type_query

CANDIDATES = (
    CHROMIUM,
    "/usr/bin/chromium",
    "/usr/bin/chromium-headless-shell",  # Debian's, installed with chromium by make test
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
)


def installed(candidates: tuple[str, ...] = CANDIDATES) -> list[str]:
    """Each browser once, however many names it has (on the runners /usr/bin/chromium is a link)."""
    found: dict[str, str] = {}
    for path in candidates:
        if Path(path).exists():
            found.setdefault(os.path.realpath(path), path)
    return list(found.values())


BROWSERS = installed()
# `make test` installs a second one where there is none (Debian's chromium-headless-shell): without it
# the test fails, never passes having tried one browser.
SECOND = [path for path in BROWSERS if os.path.realpath(path) != os.path.realpath(CHROMIUM)] or ["(none)"]


@pytest.fixture(
    scope="module", params=[pytest.param(p, id=Path(p).name or "CHROMIUM") for p in dict.fromkeys([CHROMIUM, *SECOND])]
)
def any_page(request: pytest.FixtureRequest, playwright: Any, base_url: str) -> Iterator[Any]:
    if not Path(request.param).exists():
        pytest.fail(
            f"no second Chromium-family browser beside {CHROMIUM} (looked for {', '.join(CANDIDATES[1:])}): "
            "run `make test`, which installs Debian's chromium-headless-shell"
        )
    browser = playwright.chromium.launch(executable_path=request.param, args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.csp_violations.append(m.text))
    yield page
    browser.close()


def test_the_site_works_the_same_in_each_browser(any_page: Any, base_url: str) -> None:
    for path in ("/", "/recommendations/123/", "/organisations/wigan-borough-ccg/", "/statements/2014/"):
        any_page.goto(base_url + path)
        assert axe_violations(any_page) == [], path
    titles = type_query(any_page, base_url, "duty of candour")
    assert "North Lincolnshire CCG on recommendation 177" in titles[:3]
    any_page.goto(base_url + "/recommendations/123/")
    any_page.get_by_label("Region").select_option("London")
    assert any_page.locator(".fr-filter-count").inner_text() == "Showing 2 of 5 responses"
    assert any_page.csp_violations == []


def test_each_browser_is_tested_once_whatever_its_names(tmp_path: Path) -> None:
    chrome, chromium = tmp_path / "chrome", tmp_path / "chromium-snapshot"
    chrome.write_text("")
    chromium.write_text("")
    (tmp_path / "chromium").symlink_to(chromium)  # as /usr/bin/chromium on GitHub's runners
    names = (str(chrome), str(tmp_path / "chromium"), str(chromium), str(tmp_path / "absent"))
    assert installed(names) == [str(chrome), str(tmp_path / "chromium")]
