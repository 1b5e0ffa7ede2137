"""The quality gates a UK public sector website must pass, on the real built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

import pytest

from .conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
EVERY_KIND = [
    "/",
    "/recommendations/",
    "/recommendations/123/",
    "/recommendations/250/",
    "/organisations/",
    "/organisations/north-lincolnshire-ccg/",
    "/statements/",
    "/statements/2014/",
    "/changes/",
    "/search/?q=complaints",
    "/data/",
    "/about/",
    "/accessibility/",
    "/privacy/",
]


def axe_violations(page: Any) -> list[str]:
    assert AXE.exists(), "axe-core is installed by make test (npm ci)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)",
        WCAG,
    )
    return list(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", EVERY_KIND)
def test_axe_finds_no_violations(browser: Any, base_url: str, path: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(base_url + path)
    if path.startswith("/search/"):
        page.locator(".fr-search-page__status").filter(has_text="results for").wait_for()
    assert axe_violations(page) == []
    assert errors == []  # including "Refused to ..." Content-Security-Policy errors
    context.close()


def test_axe_with_the_search_results_open(page: Any, base_url: str) -> None:
    page.goto(base_url + "/organisations/")
    page.locator("#fr-search-input").fill("duty of candour")
    page.locator(".fr-search__status").filter(has_text="result").wait_for()
    assert axe_violations(page) == []


def test_keyboard_alone_skips_to_content_and_reaches_the_filters(page: Any, base_url: str) -> None:
    page.goto(base_url + "/recommendations/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "filter-theme":
            break
    assert page.evaluate("document.activeElement.id") == "filter-theme"
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    assert page.locator("#filter-government").input_value() == "accepted"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_links_to_the_accessibility_statement_and_has_a_csp(site: Path) -> None:
    for path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        assert re.search(r'<a href="(?:[./]*accessibility/|\./)">Accessibility statement</a>', html), path
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'' in html, path
        assert "unsafe-eval'" not in html.replace("wasm-unsafe-eval'", ""), path


def test_accessibility_statement_has_the_sections_the_regulations_require(site: Path) -> None:
    html = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ):
        assert heading in html, heading


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if values.get("name") and tag == "a":
            self.ids.add(values["name"] or "")
        for attribute in ("href", "src"):
            value = values.get(attribute)
            if value and tag in ("a", "link", "script", "img"):
                self.links.append(value)


def test_no_broken_internal_links_or_anchors(site: Path) -> None:
    parsed: dict[Path, _Links] = {}

    def parse(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    checked = 0
    for page in html_pages(site):
        base = "http://site/" + page.relative_to(site).as_posix()
        for link in parse(page).links:
            if re.match(r"^(https?:|mailto:|data:|javascript:)", link) and not link.startswith("http://site/"):
                continue
            checked += 1
            url, anchor = urldefrag(urljoin(base, link))
            target = site / unquote(url.removeprefix("http://site/"))
            if target.is_dir() or url.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif anchor and target.suffix == ".html" and anchor not in parse(target).ids:
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert broken == []
    assert checked > 10_000  # every link on every page was followed


def test_every_url_of_the_previous_release_still_resolves(site: Path) -> None:
    published = (ROOT / "release" / "published-urls.txt").read_text(encoding="utf-8").split()
    assert published
    missing = [url for url in published if not (site / url).exists() and not (site / url / "index.html").exists()]
    assert missing == []
    assert set(published) <= set((site / "urls.txt").read_text(encoding="utf-8").split())
