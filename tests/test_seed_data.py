"""The five seed organisations, checked against what their source documents contain.

Each list is the recommendations a document responds to, in the document's order, and the number of
actions it gives; they were counted from ../shared/reference/seeds/ by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load.parse import load_yaml

DATA = Path(__file__).resolve().parent.parent / "data"

EXPECTED: dict[str, tuple[list[int], int]] = {
    # Bury: one table; Lead, Date and RAG columns are blank, so positions and no actions.
    "bury-ccg": ([3, 4, 7, 123, 137, 141, 142, 174, 176, 177, 178, 183, 184], 0),
    # Barnet: recommendation 1 from the narrative, then the table of standards 123-144.
    "barnet-ccg": ([1, *range(123, 145)], 0),
    # Wigan Borough: the position against recommendations 123-144.
    "wigan-borough-ccg": (list(range(123, 145)), 0),
    # North Lincolnshire: an action plan of numbered actions with lead, timescale, outcome, evidence,
    # progress and RAG. Eight numbers are inferred (the published copy does not show them) and say so.
    "north-lincolnshire-ccg": (
        [
            1,
            2,
            3,
            4,
            5,
            7,
            12,
            17,
            28,
            31,
            32,
            34,
            35,
            37,
            40,
            43,
            98,
            109,
            111,
            112,
            113,
            114,
            115,
            118,
            120,
            123,
            124,
            125,
            127,
            128,
            129,
            130,
            131,
            132,
            135,
            136,
            138,
            139,
            140,
            141,
            142,
            143,
            173,
            176,
            177,
            179,
            180,
            204,
            247,
            253,
        ],
        48,
    ),
    # Tower Hamlets: grouped by theme, in the document's order; actions are its Actions column.
    "tower-hamlets-ccg": ([120, 133, 134, 123, 124, 125, 126, 127, 128, 129, 135, 136, 139, 140, 141, 142, 143], 10),
}


def organisation(code: str) -> dict:  # type: ignore[type-arg]
    return load_yaml(DATA / "organisations" / f"{code}.yaml")  # type: ignore[no-any-return]


def test_every_seed_organisation_has_a_file() -> None:
    files = sorted(p.stem for p in (DATA / "organisations").glob("*.yaml"))
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_responses_and_actions_match_the_source_document(code: str) -> None:
    numbers, actions = EXPECTED[code]
    data = organisation(code)
    assert [r["recommendation"] for r in data["responses"]] == numbers
    assert sum(len(r.get("actions") or []) for r in data["responses"]) == actions


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_every_report_names_the_document_it_was_transcribed_from(code: str) -> None:
    seeds = {p.name for p in (DATA.parent.parent / "shared" / "reference" / "seeds").glob("*.txt")}
    for report in organisation(code)["reports"]:
        assert report["source_file"].endswith(".txt")
        if seeds:  # the reference folder sits beside the repository in development and CI
            assert report["source_file"] in seeds


def test_words_are_kept_as_the_source_wrote_them() -> None:
    bury = {r["recommendation"]: r for r in organisation("bury-ccg")["responses"]}
    # The source's own spelling ("principals") is kept.
    assert bury[174]["position"] == "Bury CCG compliant within constitution and employment principals"
    # Row 123's quotation ran on after a page break; it is joined back.
    assert bury[123]["quoted_text"].endswith(
        "They will need to take this continuing partnership with their patients seriously if they are to be "
        "successful commissioners."
    )
    # The known trap: Bury's row 141 quotes recommendation 140. Kept under 141, as the document has it.
    assert bury[141]["quoted_text"].startswith("Where concerns are raised that such standards are not being")


def test_tower_hamlets_keeps_the_government_response_it_quotes() -> None:
    th = {r["recommendation"]: r for r in organisation("tower-hamlets-ccg")["responses"]}
    assert th[134]["government_response"].startswith("DoH response: Accepted. The DoH will begin an evaluation")
    assert th[120]["theme"] == "Complaints"


def test_inferred_recommendation_numbers_are_marked_with_the_reason() -> None:
    inferred = {
        r["recommendation"]: r["recommendation_note"]
        for r in organisation("north-lincolnshire-ccg")["responses"]
        if r.get("recommendation_basis") == "inferred"
    }
    assert sorted(inferred) == [112, 114, 120, 124, 132, 135, 173, 180]
    assert "may belong to 119, 121 or 122" in inferred[120]


def test_north_lincolnshire_actions_keep_every_column() -> None:
    nl = {r["recommendation"]: r for r in organisation("north-lincolnshire-ccg")["responses"]}
    first = nl[1]["actions"][0]
    assert first["ref"] == "1.1"
    assert first["lead"] == "Governing Body Sign off. Director Risk & Quality [DoR&Q]"
    assert first["timescale"] == "February 2014"
    assert first["outcome"] == "A full response is agreed."
    assert first["progress"][0]["text"] == "Presented to Governing Body February 2014"
    assert first["tags"] == ["CCG action"]
    # "N/A" in the RAG column is kept as written, as well as read as not applicable.
    rag = nl[32]["actions"][0]["progress"][0]
    assert (rag["status"], rag["status_as_written"]) == ("not-applicable", "N/A")
