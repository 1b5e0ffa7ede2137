"""What the public reads about where each word comes from: the documents as transcribed, the passages
responses and actions link to, notes on the source, a report's own key, plans as a whole and closures."""

from __future__ import annotations

import re
from pathlib import Path

from generator.load.parse import load_yaml

from .conftest import ROOT, read
from .test_site import text_of

WIGAN = load_yaml(ROOT / "data" / "organisations" / "wigan-borough-ccg.yaml")
WIGAN_SOURCE = "003_cf3087e26c055bee"


def source_lines(site: Path, stem: str) -> dict[int, str]:
    page = read(site, f"sources/{stem}")
    return {int(n): text for n, text in re.findall(r'<li id="L(\d+)">(.*?)</li>', page)}


def test_each_document_is_published_line_by_line_as_transcribed(site: Path) -> None:
    for path in sorted((ROOT / "data" / "sources").glob("*.txt")):
        lines = source_lines(site, path.stem)
        document = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(document), path.name
        assert (site / "sources" / path.stem / path.name).read_bytes() == path.read_bytes()
    lines = source_lines(site, WIGAN_SOURCE)
    assert lines[146].startswith("6\tThe Clinical Governance Committee will request that the Locality Clinical Leads")
    assert "&lt;i&gt;Evidence/assurance" in lines[146]  # the extraction's markup is shown as text


def test_each_action_links_to_the_lines_it_was_read_from(site: Path) -> None:
    page = read(site, "organisations/wigan-borough-ccg")
    lines = source_lines(site, WIGAN_SOURCE)
    action_6 = page.split('id="plan-action-6"', 1)[1].split('<div class="fr-action"', 1)[0]
    assert f'<a href="../../sources/{WIGAN_SOURCE}/#L146">line 146 of the document as transcribed</a>' in action_6
    assert "The Clinical Governance Committee will request" in lines[146]
    for action in WIGAN["actions"]:
        if action.get("lines"):
            first = int(str(action["lines"]).split("-")[0].split(",")[0])
            assert f"sources/{WIGAN_SOURCE}/#L{first}" in page


def test_a_report_shows_its_own_key_and_each_rating_as_written(site: Path) -> None:
    page = text_of(read(site, "organisations/wigan-borough-ccg"))
    key = page.split("How the document rates progress, and how this site shows each rating", 1)[1]
    assert key.startswith(
        " Written Meaning, in the document’s words Shown here as RED Action not completed by deadline date "
        "Red: off track AMBER Action commenced and work progressing towards deadline Amber: some risk GREEN "
        "Action completed Complete BLUE Action has not yet started Not started G Action completed Complete"
    )
    assert "As at 25 February 2014 Complete (written as “G”)" in page
    assert "We have not found the original online. Read the document as transcribed, with its line numbers." in page


def test_what_a_document_holds_that_is_not_data_is_listed_with_why(site: Path) -> None:
    page = text_of(read(site, "organisations/wigan-borough-ccg"))
    left = page.split("What the document holds that is not published as data, and why", 1)[1]
    assert left.startswith(" lines 3–14 of the document as transcribed: The cover sheet")
    assert (
        'line 165 of the document as transcribed: "This page is intentionally left blank". Why: Page furniture.' in left
    )


def test_a_plan_as_a_whole_is_on_the_organisation_page_and_each_recommendation_it_names(site: Path) -> None:
    page = text_of(read(site, "organisations/wigan-borough-ccg"))
    plan = page.split("Actions across the plan", 1)[1].split("Responses", 1)[0]
    assert plan.count("Recommendations it addresses") == len(WIGAN["actions"]) == 20
    assert "Actions 20" in page
    rec = text_of(read(site, "recommendations/130"))
    named = rec.split("In organisations’ plans as a whole", 1)[1]
    assert "Wigan Borough CCG: Action 3 Complete The Associate Directors following their review" in named
    barnet = text_of(read(site, "recommendations/1")).split("In organisations’ plans as a whole", 1)[1]
    assert "Barnet CCG: Unnumbered action 1 Not rated Robert Francis' first recommendation" in barnet


def test_a_quotation_of_another_recommendation_says_whose_it_is(site: Path) -> None:
    page = read(site, "recommendations/176")
    bury = page.split('id="org-bury-ccg"', 1)[1].split("</section>", 1)[0]
    assert (
        'The text the document quotes here is <a href="../175/">recommendation 175</a>’s, not recommendation 176’s'
        in bury
    )
    # The quotation itself is with the whole response, after the note that explains it.
    assert "The recommendation as the organisation quotes it" not in bury
    whole = read(site, "organisations/bury-ccg").split('id="rec-176"', 1)[1].split("</section>", 1)[0]
    assert "recommendation 175</a>’s, not recommendation 176’s" in whole
    assert whole.index("Notes on the source") < whole.index("The recommendation as the organisation quotes it")


def test_an_organisation_that_closed_says_when_and_who_took_over(site: Path) -> None:
    page = text_of(read(site, "organisations/barnet-ccg"))
    assert "Reporting status Closed on 1 April 2020" in page
    assert (
        "It closed on 1 April 2020, when its duties passed to NHS North Central London Clinical Commissioning Group"
        in page
    )
    successor = text_of(read(site, "organisations/nhs-north-central-london-ccg"))
    assert "It took over the duties of NHS Barnet Clinical Commissioning Group (closed 1 April 2020)." in successor
    assert (
        "It closed on 1 July 2022, when its duties passed to NHS North Central London Integrated Care Board"
        in successor
    )
    assert "No plan from North Central London CCG has been published here yet." in successor
    assert "Report overdue" not in page + successor


def test_a_government_response_an_organisation_quotes_is_shown_beside_the_recorded_one(site: Path) -> None:
    unknown = text_of(read(site, "recommendations/123"))
    assert (
        "Government response Not yet recorded here from a Department of Health source "
        "As Tower Hamlets CCG’s report quotes it: “DoH response: Accepted.”"
    ) in unknown
    differs = text_of(read(site, "recommendations/135"))
    assert (
        "Accepted in part (source: Hard Truths: The Journey to Putting Patients First, Department of Health, "
        "November 2013) As Tower Hamlets CCG’s report quotes it: “DoH response: Accepted” This names another "
        "category than the one recorded here"
    ) in differs
    agrees = text_of(read(site, "recommendations/124"))
    assert "Accepted in principle" in agrees and "This names another category" not in agrees


def test_a_government_response_not_published_by_the_department_says_how_sure_we_are(site: Path) -> None:
    page = text_of(read(site, "recommendations/181"))
    assert (
        "Accepted in principle (source: The government's Francis response line by line, Health Service Journal)" in page
    )
    assert "Inferred, not as the Department of Health published it (what this means). A press summary" in page
    reported = text_of(read(site, "recommendations/19"))
    assert "Not accepted" in reported and "Reported, not as the Department of Health published it" in reported


def test_an_anomaly_of_the_document_is_shown_beside_the_text_kept_as_written(site: Path) -> None:
    whole = read(site, "organisations/barnet-ccg").split('id="rec-139"', 1)[1].split("</section>", 1)[0]
    assert "This strategy was approved by the Board in August 2013 in light of the Francis recommendations" in whole
    notes = whole.split("Notes on the source", 1)[1]
    assert (
        "<li><strong>As written</strong> (position): The document says this, though it does not square with "
        "something else it says; it is kept as written. The position says the strategy &#34;was approved by the "
        "Board in August 2013&#34; (lines 642-643), a date after the paper&#39;s own (25 April 2013).</li>"
    ) in notes
