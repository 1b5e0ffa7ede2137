"""Real pages in headless Chromium, used as a person would."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = [
    "/",
    "/recommendations/",
    "/recommendations/123/",
    "/recommendations/250/",
    "/organisations/",
    "/organisations/tower-hamlets-ccg/",
    "/about/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors_or_third_party_requests(page: Any, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip()
    assert page.console_errors == []
    assert page.foreign_requests == []


def test_recommendation_filters_narrow_the_table(page: Any, base_url: str) -> None:
    page.goto(base_url + "/recommendations/")
    rows = page.locator("#recommendations tbody tr")
    assert rows.count() == 290
    count = page.locator(".fr-filter-count")
    assert count.inner_text() == "Showing 290 of 290 recommendations"

    page.select_option("#filter-status", "has-response")
    visible = page.locator("#recommendations tbody tr:visible")
    answered = visible.count()
    assert 0 < answered < 290
    assert count.inner_text() == f"Showing {answered} of 290 recommendations"
    assert visible.first.locator("td").first.inner_text() == "1"  # Barnet responds to recommendation 1

    page.select_option("#filter-government", "not_accepted")
    numbers = [r.locator("td").first.inner_text() for r in page.locator("#recommendations tbody tr:visible").all()]
    assert numbers == ["137", "183"]  # not accepted (137 as a press report says), and Bury responds to both

    page.select_option("#filter-status", "")
    page.select_option("#filter-government", "")
    assert count.inner_text() == "Showing 290 of 290 recommendations"
    assert page.console_errors == []


def test_filters_are_labelled_and_usable_by_keyboard(page: Any, base_url: str) -> None:
    page.goto(base_url + "/recommendations/")
    for select_id, label in (
        ("filter-theme", "Theme"),
        ("filter-government", "Government response"),
        ("filter-status", "Status reported"),
    ):
        assert page.locator(f"label[for={select_id}]").inner_text() == label
    page.focus("#filter-government")
    page.keyboard.press("ArrowDown")  # Accepted
    assert page.locator("#filter-government").input_value() == "accepted"
    assert "of 290 recommendations" in page.locator(".fr-filter-count").inner_text()


def test_following_links_from_home_to_an_action(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="All 290 recommendations").click()
    page.get_by_role("link", name="123", exact=True).click()
    assert page.url.endswith("/recommendations/123/")
    # The organisation's name leads to its whole response to this recommendation, on its own page.
    page.get_by_role("heading", name="Tower Hamlets CCG").get_by_role("link").click()
    assert page.url.endswith("/organisations/tower-hamlets-ccg/#rec-123")
    page.locator("#rec-123").wait_for(state="visible")  # the new page may still be loading
    assert page.get_by_text("Strengthen internal processes for dealing with soft intelligence").is_visible()


def test_a_recommendations_responses_filter_by_region_and_status(page: Any, base_url: str) -> None:
    page.goto(base_url + "/recommendations/123/")
    count = page.locator(".fr-filter-count")
    assert count.inner_text() == "Showing 5 of 5 responses"
    page.get_by_label("Region").select_option("London")
    assert count.inner_text() == "Showing 2 of 5 responses"
    visible = page.locator("#responses-list > section:visible h3")
    assert visible.all_inner_texts() == ["Barnet CCG", "Tower Hamlets CCG"]
    page.get_by_label("Status").select_option("not-rated")
    assert count.inner_text() == "Showing 2 of 5 responses"
    page.get_by_label("Region").select_option("")
    assert count.inner_text() == "Showing 5 of 5 responses"


def test_print_layout_hides_navigation_and_opens_quotations(page: Any, base_url: str) -> None:
    page.goto(base_url + "/organisations/tower-hamlets-ccg/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    quote = page.locator("details.fr-quote blockquote").first
    assert quote.is_visible()
