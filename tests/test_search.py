"""Search, as the public uses it: real queries typed into the box in Chromium."""

from __future__ import annotations

import functools
import http.server
import re
import socketserver
import threading
from pathlib import Path
from typing import Any

from generator.data import load_dataset
from generator.render.search_records import records

from .conftest import AS_AT, ROOT


def type_query(page: Any, base_url: str, query: str, start: str = "/about/") -> list[str]:
    page.goto(base_url + start)
    page.keyboard.press("/")  # the shortcut puts the cursor in the search box
    assert page.evaluate("document.activeElement.id") == "fr-search-input"
    page.keyboard.type(query)
    status = page.locator(".fr-search__status")
    # Typed a key at a time, the box shows results for each prefix in turn: wait for the whole query's.
    status.filter(has_text=f"for “{query}”").wait_for()
    return page.locator(".fr-search__results .fr-result__title").all_inner_texts()


def test_an_organisation_name_finds_its_page_first(page: Any, base_url: str) -> None:
    titles = type_query(page, base_url, "Wigan")
    assert titles[0] == "NHS Wigan Borough Clinical Commissioning Group"
    assert all("Wigan" in t for t in titles)
    assert page.console_errors == [] and page.foreign_requests == []


def test_a_topic_finds_recommendations_then_responses_and_actions(page: Any, base_url: str) -> None:
    titles = type_query(page, base_url, "complaints")
    assert titles[0].startswith("Recommendation ") and "complaints" in titles[0].lower()
    metas = page.locator(".fr-search__results .fr-result__meta").all_inner_texts()
    # Each response or action says what it is, whose it is and its status, in words.
    assert any(re.match(r"Response · [\w ]+ CCG · Recommendation \d+: ", m) and "Not rated" in m for m in metas)


def test_an_excerpt_does_not_repeat_the_title_above_it(page: Any, base_url: str) -> None:
    # Pagefind's excerpts start from the record's or the action's heading when the words are near it.
    type_query(page, base_url, "commissioners complaints")
    results = page.locator(".fr-search__results .fr-result")
    wigan = results.filter(has_text="Wigan Borough CCG on recommendation 133").locator(".fr-result__excerpt")
    assert wigan.inner_text().startswith("Role of commissioners in complaints. Current legislation")
    assert wigan.locator("mark").count() > 0
    type_query(page, base_url, "review complaints common themes")
    actions = results.filter(has_text="Tower Hamlets CCG on recommendation 120").locator(".fr-result__actions li")
    assert actions.first.inner_text().startswith("Action 2: Not rated Review complaints for common themes")


def test_duty_of_candour_finds_the_actions_about_it(page: Any, base_url: str) -> None:
    titles = type_query(page, base_url, "duty of candour")
    assert "North Lincolnshire CCG on recommendation 177" in titles[:3]
    result = page.locator(".fr-search__results .fr-result").filter(
        has_text="North Lincolnshire CCG on recommendation 177"
    )
    # The action itself, with its status in words, linking to its place on the organisation's page.
    action = result.locator(".fr-result__actions a")
    assert action.first.inner_text() == "Action 1: Not rated"
    assert action.first.get_attribute("href").endswith("/organisations/north-lincolnshire-ccg/#rec-177-action-1")
    assert "Response · North Lincolnshire CCG · Recommendation 177" in result.locator(".fr-result__meta").inner_text()
    assert result.locator("mark").count() > 0  # matches highlighted
    action.first.click()
    page.wait_for_url("**/organisations/north-lincolnshire-ccg/#rec-177-action-1")
    assert page.locator("#rec-177-action-1").is_visible()


def test_a_number_goes_to_that_recommendation(page: Any, base_url: str) -> None:
    titles = type_query(page, base_url, "123")
    assert titles[0] == "Go to recommendation 123"
    assert titles[1] == "Recommendation 123: Responsibility for monitoring delivery of standards and quality"
    page.keyboard.press("Enter")
    page.wait_for_url("**/recommendations/123/")
    type_query(page, base_url, "rec 141", start="/recommendations/123/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recommendations/141/")


def test_keyboard_alone_reaches_a_result(page: Any, base_url: str) -> None:
    type_query(page, base_url, "Barnet")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "NHS Barnet Clinical Commissioning Group"
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisations/barnet-ccg/")
    assert page.console_errors == []


def test_the_box_is_labelled_and_results_are_announced(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    box = page.get_by_role("searchbox", name="Search recommendations, organisations and actions")
    assert box.count() == 1
    assert page.locator(".fr-search__status").get_attribute("role") == "status"
    panel = page.locator("#fr-search-panel")
    status = page.locator(".fr-search__status")
    # Escape straight after typing, before the search starts: the panel must stay closed...
    box.fill("complaints")
    page.keyboard.press("Escape")
    page.wait_for_timeout(600)
    assert panel.is_hidden()
    # ...and the query is searched for when the box is next used.
    page.keyboard.press("Tab")
    box.focus()
    status.filter(has_text="results for “complaints”").wait_for()
    assert panel.is_visible()
    # Escape from a result: the panel closes and the box has the focus.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert panel.is_hidden()
    assert page.evaluate("document.activeElement.id") == "fr-search-input"


def test_the_search_page_shows_ten_results_at_a_time(page: Any, base_url: str) -> None:
    page.goto(base_url + "/search/")
    more = page.get_by_role("button", name="Show more results")
    assert more.is_hidden()  # nothing searched yet
    page.goto(base_url + "/search/?q=complaints")
    status = page.locator(".fr-search-page__status")
    status.filter(has_text="results for").wait_for()
    results = page.locator(".fr-search-page__results .fr-result")
    total = int(status.inner_text().split()[0])
    assert total > 20 and results.count() == 10 and more.is_visible()
    while more.is_visible():
        shown = results.count()
        more.click()
        results.nth(shown).wait_for()
    assert results.count() == total  # and then no button offers more
    page.goto(base_url + "/search/?q=duty+of+candour")
    status.filter(has_text="results for").wait_for()
    assert results.count() == int(status.inner_text().split()[0]) <= 10 and more.is_hidden()
    assert page.console_errors == []


def test_filters_narrow_the_results(page: Any, base_url: str) -> None:
    page.goto(base_url + "/search/?q=complaints")
    status = page.locator(".fr-search-page__status")
    status.filter(has_text="results for").wait_for()
    everything = int(status.inner_text().split()[0])
    page.get_by_label("Organisation", exact=True).select_option("Tower Hamlets CCG")
    status.filter(has_text="filtered").wait_for()
    filtered = int(status.inner_text().split()[0])
    assert 0 < filtered < everything
    metas = page.locator(".fr-search-page__results .fr-result__meta").all_inner_texts()
    assert metas and all("Tower Hamlets CCG" in m for m in metas)
    assert "Organisation=Tower+Hamlets+CCG" in page.url  # a filtered search can be shared
    page.get_by_label("Type", exact=True).select_option("Response")
    page.locator(".fr-search-page__status").filter(has_text="filtered").wait_for()
    titles = page.locator(".fr-search-page__results .fr-result__title").all_inner_texts()
    assert "Tower Hamlets CCG on recommendation 120: Commissioners access to complaints information" in titles
    assert all(t.startswith("Tower Hamlets CCG on recommendation ") for t in titles)
    actions = page.locator(".fr-search-page__results .fr-result__actions a").all_inner_texts()
    assert "Action 3: Not rated" in actions  # "Review complaints for common themes", recommendation 120
    assert page.console_errors == [] and page.foreign_requests == []


def test_each_action_is_indexed_once_with_its_context() -> None:
    data = load_dataset(ROOT / "data", AS_AT).dataset
    assert data is not None
    items = list(records(data))
    responses = [r for r in items if r.filters["Type"] == ["Response"]]
    assert len(responses) == sum(len(o.responses) for o in data.organisations)
    plans = [r for r in items if r.filters["Type"] == ["Action"]]
    assert [r.title for r in plans] == [
        "Barnet CCG: actions across its plan",
        "Wigan Borough CCG: actions across its plan",
    ]
    anchors = [(r.page, s.anchor) for r in [*responses, *plans] for s in r.sections]
    assert len(anchors) == len(set(anchors)) == sum(o.action_count for o in data.organisations)
    assert len({r.url for r in items}) == len(items)
    wigan = plans[1]
    assert wigan.sections[0].heading == "Action 1: Complete" and wigan.sections[0].anchor == "plan-action-1"
    assert "Unnumbered action 1: Not rated" in [s.heading for s in wigan.sections]
    assert sum(r.filters["Type"] == ["Recommendation"] for r in items) == 290
    nl = next(r for r in responses if r.url == "organisations/north-lincolnshire-ccg/#rec-1")
    assert nl.meta["recommendation"].startswith("Recommendation 1")
    assert [s.heading for s in nl.sections] == ["Action 1.1: Not rated", "Action 1.2: Not rated"]
    assert "Presented to Governing Body February 2014" in nl.sections[0].content


def test_record_text_is_escaped_for_the_indexer() -> None:
    from generator.publish.search_index import record_html
    from generator.render.search_records import Record

    html = record_html(Record("organisations/x/", "<script>x</script>", "a <b>b</b>", meta={"k": 'v"'}))
    assert "<script>" not in html and "<b>" not in html
    assert 'data-pagefind-meta="k:v&#34;"' in html


class _Prefixed(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /francis/, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith("/francis/"):
            return "/nonexistent"
        return super().translate_path(path[len("/francis") :])

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_search_works_when_the_site_is_served_from_a_sub_folder(browser: Any, site: Path) -> None:
    handler = functools.partial(_Prefixed, directory=str(site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/francis/organisations/")
        page.locator("#fr-search-input").fill("duty of candour")
        page.locator(".fr-search__status").filter(has_text="result").wait_for()
        hrefs = page.locator(".fr-search__results a").evaluate_all("links => links.map(a => a.pathname)")
        assert hrefs and all(h.startswith("/francis/") for h in hrefs)
        page.locator(".fr-search__results a").first.click()
        page.wait_for_load_state()
        assert page.title() != "404"
        assert "/francis/" in page.url and errors == []
        context.close()
    finally:
        server.shutdown()
        server.server_close()


def test_at_national_scale_responses_are_grouped_but_each_action_still_found_once() -> None:
    data = load_dataset(ROOT / "data", AS_AT).dataset
    assert data is not None
    items = list(records(data, target=40))  # 125 responses: four to a record
    groups = [r for r in items if r.meta.get("kind") == "Responses"]
    assert groups and all(r.title.split(": recommendations ")[1].count(" to ") == 1 for r in groups)
    anchors = [
        (r.page, s.anchor) for r in items if r.filters.get("Type") in (["Response"], ["Action"]) for s in r.sections
    ]
    actions = [a for a in anchors if "action-" in a[1]]
    assert len(actions) == len(set(actions)) == sum(o.action_count for o in data.organisations)
    responses = [a for a in anchors if "action-" not in a[1]]
    singles = [r for r in items if r.meta.get("kind") == "Response"]
    assert len(responses) + len(singles) == sum(len(o.responses) for o in data.organisations)
    nl = next(r for r in groups if r.url == "organisations/north-lincolnshire-ccg/#rec-1")
    assert nl.sections[0].heading == (
        "Recommendation 1: All commissioning, service provision regulatory and ancillary organisations in…: Not rated"
    )
    assert nl.title == "North Lincolnshire CCG: recommendations 1 to 4"
    # The group is found by every status among its responses and their actions: here, all not rated.
    assert nl.filters["Status"] == ["Not rated"]
