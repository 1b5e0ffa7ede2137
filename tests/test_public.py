"""The public site as people use it: on a 390 px phone and a 1280 px screen, on long pages, with the words
explained, searching with a typing mistake, printing, and with the feed, robots.txt and 404 page that
browsers and robots look for."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from .conftest import AS_AT, ROOT, read
from .test_quality import EVERY_KIND
from .test_search import type_query
from .test_site import text_of

KINDS = [p for p in EVERY_KIND if "?" not in p] + ["/update/", "/glossary/", "/sources/003_cf3087e26c055bee/"]
# What counts as a target: controls, and links that are not inside a sentence (WCAG 2.2, 2.5.8 exempts those).
TARGETS = (
    "button, select, input:not([type=hidden]), summary, td a, th a, .md-tabs a, .fr-pager a, "
    ".fr-breadcrumbs a, .md-header a, .md-header label, .md-footer a"
)
MEASURE = """(selector) => {
  const wide = [];
  for (const el of document.querySelectorAll('.md-content table, .md-content .fr-table-wrap, .md-content svg')) {
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) wide.push(el.tagName);
  }
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('.fr-visually-hidden')) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    const name = (el.innerText || '').trim().slice(0, 30);
    if (box.width < 24 || box.height < 24) small.push(`${el.tagName} "${name}" ${box.width}x${box.height}`);
  }
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, wide, small};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", KINDS)
def test_nothing_scrolls_sideways_and_every_target_is_24_px(browser: Any, base_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(base_url + path)
    found = page.evaluate(MEASURE, TARGETS)
    page.close()
    assert found == {"overflow": 0, "wide": [], "small": []}


def test_a_chart_on_a_phone_is_drawn_at_a_size_to_read(browser: Any, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "/statements/2014/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.fr-chart')].filter(s => s.getBoundingClientRect().width)
           .flatMap(s => [...s.querySelectorAll('text')].map(t => t.getBoundingClientRect().height))"""
    )
    page.close()
    assert sizes and min(sizes) >= 12  # the narrow drawing is shown, its text about 13 px high


def test_a_table_on_a_phone_is_a_list_of_labelled_rows(browser: Any, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "/recommendations/")
    cell = page.locator("#recommendations tbody tr").first.locator("td").nth(3)
    label = page.evaluate("(el) => getComputedStyle(el, '::before').content", cell.element_handle())
    page.close()
    assert label == '"Government response: "'


def test_a_table_of_counts_by_status_on_a_phone_labels_every_number(browser: Any, base_url: str) -> None:
    """Its numbers are labelled by the stylesheet, its row headings by the page (render/stack.py)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(base_url + "/statements/2014/")
    labels = page.evaluate(
        """() => [...document.querySelector('table.fr-by-status tbody tr').children]
           .map(cell => getComputedStyle(cell, '::before').content)"""
    )
    page.close()
    assert labels == [
        '"Theme: "',
        '"Complete: "',
        '"Green: on track: "',
        '"Amber: some risk: "',
        '"Red: off track: "',
        '"Not started: "',
        '"Deferred: "',
        '"Not applicable: "',
        '"Not rated: "',
        '"Total: "',
    ]


def test_a_link_to_an_action_leaves_its_heading_in_view(page: Any, base_url: str) -> None:
    page.goto(base_url + "/organisations/north-lincolnshire-ccg/#rec-118-action-1")
    page.wait_for_timeout(300)
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    heading = page.evaluate("document.getElementById('rec-118-action-1').getBoundingClientRect().top")
    assert header <= heading < 400


def test_deep_pages_have_breadcrumbs_and_long_pages_name_each_recommendation(site: Path) -> None:
    page = read(site, "organisations/north-lincolnshire-ccg")
    assert (
        '<nav class="fr-breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="../../">Home</a></li><li><a '
        'href="../">Organisations</a></li><li><span aria-current="page">North Lincolnshire CCG</span></li></ol></nav>'
    ) in page
    contents = text_of(page).split("Recommendations North Lincolnshire CCG responds to", 1)[1]
    assert contents.startswith(
        " Recommendation Actions Status Recommendation 1: All commissioning, service provision regulatory and"
    )
    assert "Recommendation 40: " in contents  # never a bare number
    for path, here in (("recommendations/123", "Recommendation 123"), ("statements/2014", "2014")):
        assert f'<li><span aria-current="page">{here}</span></li></ol></nav>' in read(site, path)


def test_each_word_of_the_glossary_is_linked_where_it_first_appears(site: Path) -> None:
    page = read(site, "organisations/north-lincolnshire-ccg")
    assert page.count('href="../../glossary/#rag"') == 1
    assert '<a class="fr-term" href="../../glossary/#csu">CSU</a>' in page
    glossary = text_of(read(site, "glossary"))
    for term in ("RAG (red, amber, green)", "CQUIN (Commissioning for Quality and Innovation)", "As at", "Position"):
        assert term in glossary
    assert "fr-term" not in read(site, "glossary")  # the glossary does not link to itself


def test_the_home_page_pictures_progress_and_says_how_recent(site: Path) -> None:
    page = read(site, "")
    assert '<svg class="fr-chart fr-chart--wide" id="chart-home" role="img"' in page
    assert "<title>Complete: 13</title>" in page
    # Tower Hamlets' paper is dated only "2014": it counts as at the end of 2014, after Wigan's of February.
    assert "The latest report published here is Tower Hamlets CCG’s" in text_of(page)


def test_a_typing_mistake_searches_for_the_word_meant(page: Any, base_url: str) -> None:
    page.goto(base_url + "/about/")
    page.keyboard.press("/")
    page.keyboard.type("complants")
    status = page.locator(".fr-search__status").filter(has_text="(you typed “complants”)")
    status.wait_for()
    assert re.match(r"\d+ results for “complaints”", status.inner_text())
    titles = page.locator(".fr-search__results .fr-result__title").all_inner_texts()
    assert titles[0].startswith("Recommendation ") and "complaints" in titles[0].lower()
    # A word that is in the index, however rare, is searched as typed.
    assert type_query(page, base_url, "Ulysses")[0].startswith("Wigan Borough CCG on recommendation 123")


def test_a_hand_written_page_is_excerpted_without_markdown(page: Any, base_url: str) -> None:
    type_query(page, base_url, "Equality Advisory", start="/search/")
    excerpts = page.locator(".fr-result__excerpt").all_inner_texts()
    assert excerpts and not any("](" in e or "[" in e for e in excerpts)


def test_printing_does_not_give_each_organisation_a_page_and_shows_where_links_go(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "/recommendations/123/")
    page.emulate_media(media="print")
    breaks = page.evaluate("getComputedStyle(document.querySelector('.fr-response')).breakInside")
    printed = page.evaluate(
        "getComputedStyle(document.querySelector('.md-content a[href^=\"http\"]'), '::after').content"
    )
    pdf = page.pdf(format="A4")
    page.close()
    assert breaks != "avoid"
    assert "attr(href)" in printed or "https://" in printed
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages <= 8  # five organisations' responses, run on from one to the next


def test_a_statement_pdf_keeps_each_small_table_with_its_total(site: Path) -> None:
    reader = PdfReader(site / "statements" / "2014" / "francis-progress-statement-2014.pdf")
    for page in reader.pages:
        text = page.extract_text()
        for caption in ("Responses by status", "Actions by status"):
            if caption in text:
                assert "Total" in text.split(caption, 1)[1], caption  # the table and its total on one page


def test_the_feed_robots_and_a_helpful_404(site: Path) -> None:
    feed = '<link rel="alternate feed" type="application/atom+xml" title="Francis Report progress: changes"'
    for path in ("", "recommendations/123", "organisations/bury-ccg", "about"):
        assert feed in read(site, path)
    assert (site / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *\nAllow: /\nSitemap: ")
    missing = (site / "404.html").read_text(encoding="utf-8")
    assert "There is no page at this address." in missing and "All 290 recommendations" in missing
    assert 'id="fr-search-input"' in missing  # the search box, as on every page


def test_a_build_for_publishing_needs_the_site_address(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "generator", "--data", str(ROOT / "data"), "--as-at", AS_AT.isoformat()]
    command += ["build", "--publish", "--pages", str(tmp_path / "pages"), "--site", str(tmp_path / "site")]
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith(
        'the site\'s address is "http://127.0.0.1:8000/": set SITE_URL to the address it is published at (in '
        "GitHub, the repository variable SITE_URL), such as https://francis.example.nhs.uk/"
    )
    assert not (tmp_path / "site").exists()
