"""The five seed organisations, checked against what their source documents contain.

Each figure was counted by hand from the documents in data/sources/ (copies of ../shared/reference/seeds/):
the recommendations each responds to, in the document's order; the actions tied to a response; the
actions of its plan as a whole; and the statuses its ratings give by the document's own key.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from generator.check.passages import THRESHOLD, matches
from generator.data import load_dataset
from generator.load.parse import load_yaml
from generator.model.records import Organisation

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "reference" / "seeds"
NORTH_LINCOLNSHIRE = [
    *(1, 2, 3, 4, 5, 7, 12, 17, 28, 31, 32, 34, 35, 37, 40, 43, 98, 109, 111, 112, 113, 114, 115, 118, 120),
    *(123, 124, 125, 127, 128, 129, 130, 131, 132, 135, 136, 138, 139, 140, 141, 142, 143, 173, 176, 177, 179),
    *(180, 204, 247, 253),
]
# code: (responses, actions in responses, actions of the plan as a whole, actions by status)
EXPECTED: dict[str, tuple[list[int], int, int, dict[str, int]]] = {
    # One table; its Lead, Date and RAG columns are blank: positions, no actions, no ratings.
    "bury-ccg": ([3, 4, 7, 123, 137, 141, 142, 174, 176, 177, 178, 183, 184], 0, 0, {}),
    # The table of standards 123-144, and eight commitments of the narrative (paragraph 10.5, section
    # 13.6 and the five numbered "Priorities and Next Steps" of 13.7 with the sentence after them).
    "barnet-ccg": (list(range(123, 145)), 0, 8, {"not-rated": 8}),
    # The position against 123-144, and the action plan: rows 1-14 and 8.1-8.3 (17), plus the three
    # commitments of section 5 "Next Steps". G is the key's GREEN, "Action completed"; A is AMBER.
    "wigan-borough-ccg": (list(range(123, 145)), 0, 20, {"complete": 13, "amber": 3, "not-rated": 4}),
    # An action plan per recommendation; its RAG column is blank or "N/A" (not rated) throughout.
    "north-lincolnshire-ccg": (NORTH_LINCOLNSHIRE, 49, 0, {"not-rated": 49}),
    # Grouped by theme, in the document's order; actions are its Actions column.
    "tower-hamlets-ccg": (
        [120, 133, 134, 123, 124, 125, 126, 127, 128, 129, 135, 136, 139, 140, 141, 142, 143],
        10,
        0,
        {"not-rated": 10},
    ),
}
AS_AT = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def organisations() -> dict[str, Organisation]:
    dataset = load_dataset(DATA, AS_AT).dataset
    assert dataset is not None
    return {o.code: o for o in dataset.organisations}


def organisation(code: str) -> dict:  # type: ignore[type-arg]
    return load_yaml(DATA / "organisations" / f"{code}.yaml")  # type: ignore[no-any-return]


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_responses_actions_and_statuses_match_the_source_document(
    code: str, organisations: dict[str, Organisation]
) -> None:
    numbers, in_responses, plan, statuses = EXPECTED[code]
    data, org = organisation(code), organisations[code]
    assert [r["recommendation"] for r in data["responses"]] == numbers  # in the document's order
    assert sum(len(r.actions) for r in org.responses) == in_responses
    assert len(org.actions) == plan
    every = [a for r in org.responses for a in r.actions] + list(org.actions)
    assert dict(Counter(a.status() for a in every)) == statuses


def test_wigan_rates_by_its_own_key(organisations: dict[str, Organisation]) -> None:
    wigan = organisations["wigan-borough-ccg"]
    (report,) = wigan.reports
    assert report.key == {
        "RED": "red",
        "AMBER": "amber",
        "GREEN": "complete",
        "BLUE": "not-started",
        "G": "complete",
        "A": "amber",
    }
    assert {e.written: e.meaning for e in report.status_key}["GREEN"] == "Action completed"
    action = next(a for a in wigan.actions if a.ref == "6")
    assert action.timescale == "31/12/13 28/02/2014" and action.due == dt.date(2014, 2, 28)
    assert [(p.status_as_written, p.status) for p in action.progress] == [("A", "amber")]
    done = next(a for a in wigan.actions if a.ref == "2")
    assert (done.completed, done.lead, done.status()) == ("2013-03-19", "SF LM", "complete")


def test_north_lincolnshire_na_is_not_rated_with_its_words_kept(organisations: dict[str, Organisation]) -> None:
    nl = {r.recommendation: r for r in organisations["north-lincolnshire-ccg"].responses}
    rag = nl[32].actions[0].progress[0]
    assert (rag.status, rag.status_as_written) == ("not-rated", "N/A")
    written = Counter(p.status_as_written for r in nl.values() for a in r.actions for p in a.progress)
    assert written == {"": 39, "N/A": 6}
    # Recommendation 247's garbled row is kept, with what could be read, and says so.
    (garbled,) = nl[247].actions
    assert "[…]" in garbled.summary and {n.kind for n in garbled.source_notes} >= {"garbled"}


def test_rows_that_quote_another_recommendation_say_so(organisations: dict[str, Organisation]) -> None:
    quoted = {
        (o.code, r.recommendation): n.recommendation
        for o in organisations.values()
        for r in o.responses
        for n in r.source_notes
        if n.kind == "quotes-other-recommendation"
    }
    bury = {(code, number): other for (code, number), other in quoted.items() if code == "bury-ccg"}
    assert bury == {("bury-ccg", n): n - 1 for n in (141, 142, 174, 176, 177, 178, 183, 184)}
    assert quoted[("wigan-borough-ccg", 133)] == 134


def test_inferred_recommendation_numbers_say_how(organisations: dict[str, Organisation]) -> None:
    inferred = {
        r.recommendation: next(n.text for n in r.source_notes if n.kind == "number-inferred")
        for r in organisations["north-lincolnshire-ccg"].responses
        if r.number_inferred
    }
    assert sorted(inferred) == [112, 114, 120, 124, 132, 135, 173, 180]
    assert all(len(text) > 40 for text in inferred.values())


def test_words_are_kept_as_the_source_wrote_them() -> None:
    bury = {r["recommendation"]: r for r in organisation("bury-ccg")["responses"]}
    # The source's own spelling ("principals") is kept.
    assert bury[174]["position"] == "Bury CCG compliant within constitution and employment principals"
    # Row 123's quotation ran on after a page break; it is joined back.
    assert bury[123]["quoted_text"].endswith(
        "They will need to take this continuing partnership with their patients seriously if they are to be "
        "successful commissioners."
    )
    th = {r["recommendation"]: r for r in organisation("tower-hamlets-ccg")["responses"]}
    assert th[134]["government_response"].startswith("DoH response: Accepted. The DoH will begin an evaluation")


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_text_is_in_the_passage_it_cites(code: str, organisations: dict[str, Organisation]) -> None:
    """The transcription machine-checked against its source: every response and action cites its lines,
    and each of its texts is found there (whitespace and hyphenation folded; where the extraction mixed a
    table's columns, at least THRESHOLD of its letters in runs)."""
    org = organisations[code]
    assert all(r.lines for r in org.responses) and all(a.lines for r in org.responses for a in r.actions)
    assert all(a.lines for a in org.actions)
    found = list(matches(org, DATA / "sources"))
    assert found and [m for m in found if m.score < THRESHOLD] == []


def test_the_published_sources_are_the_reference_documents() -> None:
    published = {p.name: p.read_bytes() for p in (DATA / "sources").glob("*.txt")}
    cited = {r["source_file"] for code in EXPECTED for r in organisation(code)["reports"]}
    assert cited == set(published)
    if SEEDS.is_dir():  # the reference folder sits beside the repository in development
        assert published == {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}


def test_closed_organisations_say_when_and_who_took_over(organisations: dict[str, Organisation]) -> None:
    closed = {code: (str(o.closed), o.succeeded_by) for code, o in organisations.items() if o.closed}
    assert closed == {
        "barnet-ccg": ("2020-04-01", "nhs-north-central-london-ccg"),
        "tower-hamlets-ccg": ("2021-04-01", "nhs-north-east-london-ccg"),
        "bury-ccg": ("2022-07-01", "nhs-greater-manchester-icb"),
        "wigan-borough-ccg": ("2022-07-01", "nhs-greater-manchester-icb"),
        "north-lincolnshire-ccg": ("2022-07-01", "nhs-humber-and-north-yorkshire-icb"),
        "nhs-north-central-london-ccg": ("2022-07-01", "nhs-north-central-london-icb"),
        "nhs-north-east-london-ccg": ("2022-07-01", "nhs-north-east-london-icb"),
    }
    for org in organisations.values():
        if org.closed or org.opened:
            assert org.history_sources and all(s.url.startswith("https://") for s in org.history_sources)
        assert org.reporting_status(AS_AT) != "overdue"  # none is overdue: the CCGs closed, the ICBs have no plan here


def test_a_value_kept_as_written_is_still_checked_against_its_passage(organisations: dict[str, Organisation]) -> None:
    """An anomaly of the document (a date after the paper's own, a rating at odds with its note) is shown with
    an as-written note, and unlike an inferred or moved value it is still looked for in its lines."""
    noted: list[str] = []
    for code, org in organisations.items():
        checked = {m.path: m.score for m in matches(org, DATA / "sources")}
        for i, response in enumerate(org.responses):
            items = [(f"responses[{i}]", response)]
            items += [(f"responses[{i}].actions[{a}]", action) for a, action in enumerate(response.actions)]
            for path, item in items:
                for note in item.source_notes:
                    if note.kind == "as-written" and getattr(item, note.field, ""):
                        noted.append(f"{code} {path}.{note.field}")
                        assert checked[f"{path}.{note.field}"] >= THRESHOLD
    assert noted == [
        "barnet-ccg responses[1].theme",
        "barnet-ccg responses[16].position",
        "tower-hamlets-ccg responses[0].government_response",
    ]
