"""Bad data gives clear errors, word for word, and the build stops without touching the site."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.data import load_dataset

from .conftest import ROOT, build_site

GOOD = """\
code: test-ccg
name: NHS Test Clinical Commissioning Group
short_name: Test CCG
kind: ccg
region: London
reports:
  - id: plan-2014
    title: Action plan
    date: 2014-02-25
responses:
  - recommendation: 12
    report: plan-2014
    position: We comply.
    actions:
      - description: Review the policy.
        timescale: March 2014
        progress:
          - report: plan-2014
            status: amber
"""

# (what to change in GOOD, the exact messages expected)
CASES: dict[str, tuple[str, str, list[str]]] = {
    "unknown field": (
        "    position: We comply.\n",
        "    position: We comply.\n    postion: typo\n",
        [
            "data/organisations/test-ccg.yaml:14: error: responses[0].postion: unknown field; "
            'did you mean "position"? expected one of: '
            "recommendation, report, theme, quoted_text, government_response, position, tags, lines, source_notes, "
            "progress, actions"
        ],
    ),
    "duplicate key": (
        "region: London\n",
        "region: London\nregion: North West\n",
        [
            'data/organisations/test-ccg.yaml:6: error: the key "region" appears twice in the same block (first '
            "on line 5); remove or rename one of them"
        ],
    ),
    "recommendation out of range": (
        "  - recommendation: 12\n",
        "  - recommendation: 291\n",
        [
            "data/organisations/test-ccg.yaml:11: error: responses[0].recommendation: found 291; expected a whole "
            "number from 1 to 290"
        ],
    ),
    "unknown status": (
        "status: amber",
        "status: yellow",
        [
            'data/organisations/test-ccg.yaml:19: error: responses[0].actions[0].progress[0].status: found "yellow"; '
            "expected one of: complete, green, amber, red, not-started, deferred, not-applicable, not-rated"
        ],
    ),
    "impossible date": (
        "date: 2014-02-25",
        "date: 2014-02-30",
        [
            'data/organisations/test-ccg.yaml:9: error: reports[0].date: found "2014-02-30"; there is no such day: '
            "February 2014 has 28 days"
        ],
    ),
    "empty required text": (
        "      - description: Review the policy.\n",
        '      - description: "  "\n',
        [
            "data/organisations/test-ccg.yaml:15: error: responses[0].actions[0].description: this text is empty; "
            "write the text, or remove the field"
        ],
    ),
    "missing required field": (
        "      - description: Review the policy.\n        timescale",
        "      - timescale",
        [
            "data/organisations/test-ccg.yaml:15: error: responses[0].actions[0].description: this required field "
            "is missing"
        ],
    ),
    "report that does not exist": (
        "          - report: plan-2014",
        "          - report: plan-2015",
        [
            "data/organisations/test-ccg.yaml:18: error: responses[0].actions[0].progress[0].report: found "
            '"plan-2015"; expected the id of one of this file\'s reports (plan-2014)'
        ],
    ),
    "duplicate response": (
        "    actions:\n",
        "  - recommendation: 12\n    report: plan-2014\n    actions:\n",
        [
            "data/organisations/test-ccg.yaml:14: error: responses[1].recommendation: recommendation 12 already "
            "has a response in this file (line 11); put everything about it in one response"
        ],
    ),
    "yes/no typed without quotes stays text; true does not": (
        "    position: We comply.\n",
        "    position: true\n",
        [
            "data/organisations/test-ccg.yaml:13: error: responses[0].position: found true; expected text: put it "
            "in quotes to keep it as text"
        ],
    ),
    "code that does not match the file name": (
        "code: test-ccg",
        "code: other-ccg",
        [
            'data/organisations/test-ccg.yaml:1: error: code: found "other-ccg"; expected "test-ccg", the file\'s name '
            "without .yaml"
        ],
    ),
    "broken YAML": (
        "    title: Action plan\n",
        "    title: [Action plan\n",
        ["data/organisations/test-ccg.yaml:9: error: did not find expected ',' or ']' (while parsing a flow sequence)"],
    ),
}


HISTORY = "history_sources:\n  - title: An order\n    url: https://example.org/order\n"
KEY = "    date: 2014-02-25\n    status_key:\n      - written: A\n        status: amber\n"
SOURCED = "    date: 2014-02-25\n    source_file: 000_18021655c3bbc0da.txt\n"  # Bury's paper: 22 lines
NOTE = "    position: We comply.\n    source_notes:\n"

# The fields that say where data comes from: (the changes to make to GOOD, the exact messages expected)
PROVENANCE_CASES: dict[str, tuple[list[tuple[str, str]], list[str]]] = {
    "unknown successor": (
        [("region: London\n", "region: London\nclosed: 2022-07-01\nsucceeded_by: nhs-nowhere-icb\n" + HISTORY)],
        [
            'data/organisations/test-ccg.yaml:7: error: succeeded_by: found "nhs-nowhere-icb"; expected the code of '
            "an organisation in data/organisations/ (a successor may have an entry with no plan yet)"
        ],
    ),
    "a successor but no closing date": (
        [("region: London\n", "region: London\nsucceeded_by: bury-ccg\n")],
        [
            "data/organisations/test-ccg.yaml:6: error: succeeded_by: a successor needs closed: the day this "
            "organisation closed"
        ],
    ),
    "closed before one of its reports": (
        [("region: London\n", "region: London\nclosed: 2014-01-01\n" + HISTORY)],
        [
            'data/organisations/test-ccg.yaml:13: error: reports[0].date: found "2014-02-25"; the organisation '
            "closed on 1 January 2014, before this report's date"
        ],
    ),
    "a closing date with no source": (
        [("region: London\n", "region: London\nclosed: 2022-07-01\n")],
        [
            "data/organisations/test-ccg.yaml:6: error: history_sources: the day it closed needs a published "
            "source: add history_sources (title, url and the words that say so)"
        ],
    ),
    "a key that maps to an unknown status": (
        [("    date: 2014-02-25\n", KEY.replace("status: amber", "status: done"))],
        [
            'data/organisations/test-ccg.yaml:12: error: reports[0].status_key[0].status: found "done"; expected '
            "one of: complete, green, amber, red, not-started, deferred, not-applicable, not-rated"
        ],
    ),
    "a word in the key twice": (
        [("    date: 2014-02-25\n", KEY + "      - written: A\n        status: red\n")],
        [
            'data/organisations/test-ccg.yaml:13: error: reports[0].status_key[1].written: "A" is in the key twice '
            "(first on line 11); give each word once"
        ],
    ),
    "a rating the key does not give": (
        [("    date: 2014-02-25\n", KEY), ("            status: amber\n", "            status_as_written: G\n")],
        [
            "data/organisations/test-ccg.yaml:22: error: responses[0].actions[0].progress[0].status: this entry "
            'needs a status, or the report\'s status_key (A) saying what "G" means'
        ],
    ),
    "a status that disagrees with the key": (
        [
            ("    date: 2014-02-25\n", KEY),
            ("            status: amber\n", "            status: complete\n            status_as_written: A\n"),
        ],
        [
            "data/organisations/test-ccg.yaml:22: error: responses[0].actions[0].progress[0].status: found "
            '"complete", but the report\'s status_key says "A" means amber; leave the status out, or make them agree'
        ],
    ),
    "an unknown note kind": (
        [("    position: We comply.\n", NOTE + "      - kind: typo\n        text: A typo.\n")],
        [
            'data/organisations/test-ccg.yaml:15: error: responses[0].source_notes[0].kind: found "typo"; expected '
            "one of: quotes-other-recommendation, number-inferred, garbled, cut-off, moved, inferred, as-written"
        ],
    ),
    "a note that does not say what it must": (
        [("    position: We comply.\n", NOTE + "      - kind: moved\n")],
        [
            "data/organisations/test-ccg.yaml:15: error: responses[0].source_notes[0].text: a moved note needs a "
            "text saying where the text was moved from"
        ],
    ),
    "an as-written note that does not say what does not square": (
        [("    position: We comply.\n", NOTE + "      - kind: as-written\n        field: position\n")],
        [
            "data/organisations/test-ccg.yaml:15: error: responses[0].source_notes[0].text: an as-written note needs "
            "a text saying what does not square, and with what"
        ],
    ),
    "a quotation note with no recommendation": (
        [("    position: We comply.\n", NOTE + "      - kind: quotes-other-recommendation\n")],
        [
            "data/organisations/test-ccg.yaml:15: error: responses[0].source_notes[0].recommendation: a "
            "quotes-other-recommendation note needs recommendation: the number whose text the document quotes"
        ],
    ),
    "a passage outside its document": (
        [
            ("    date: 2014-02-25\n", SOURCED),
            ("    position: We comply.\n", "    position: We comply.\n    lines: 20-30\n"),
        ],
        [
            'data/organisations/test-ccg.yaml:15: error: responses[0].lines: found "20-30"; expected lines of '
            "000_18021655c3bbc0da.txt, which has 22 lines"
        ],
    ),
    "a source file that is not there": (
        [("    date: 2014-02-25\n", SOURCED.replace("000_18021655c3bbc0da.txt", "nowhere.txt"))],
        [
            'data/organisations/test-ccg.yaml:10: error: reports[0].source_file: found "nowhere.txt"; expected a '
            "file in data/sources/ (the document as transcribed)"
        ],
    ),
    "lines with no document": (
        [("    position: We comply.\n", "    position: We comply.\n    lines: 3-4\n")],
        [
            "data/organisations/test-ccg.yaml:14: error: responses[0].lines: these lines need the report's "
            "source_file: the document they are in"
        ],
    ),
    "lines backwards": (
        [("    position: We comply.\n", "    position: We comply.\n    lines: 4-3\n")],
        [
            'data/organisations/test-ccg.yaml:14: error: responses[0].lines: found "4-3"; expected line numbers '
            'such as "12", "12-14" or "6, 12-14"'
        ],
    ),
}


def write_org(data: Path, text: str) -> None:
    """Add a test organisation beside the real ones (the catalogue cites their reports)."""
    (data / "organisations" / "test-ccg.yaml").write_text(text, encoding="utf-8")


def errors(data: Path) -> list[str]:
    outcome = load_dataset(data, dt.date(2014, 6, 1))
    return [str(p) for p in outcome.errors]


def test_the_good_file_is_valid(data_copy: Path) -> None:
    write_org(data_copy, GOOD)
    assert errors(data_copy) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_gives_the_exact_message(case: str, data_copy: Path) -> None:
    old, new, expected = CASES[case]
    assert old in GOOD
    write_org(data_copy, GOOD.replace(old, new, 1))
    assert errors(data_copy) == expected


@pytest.mark.parametrize("case", sorted(PROVENANCE_CASES))
def test_bad_provenance_gives_the_exact_message(case: str, data_copy: Path) -> None:
    changes, expected = PROVENANCE_CASES[case]
    text = GOOD
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    write_org(data_copy, text)
    assert errors(data_copy) == expected


def test_all_errors_are_reported_at_once(data_copy: Path) -> None:
    text = GOOD.replace("status: amber", "status: yellow").replace("date: 2014-02-25", "date: 25/02/2014")
    write_org(data_copy, text)
    assert len(errors(data_copy)) == 2


def test_the_check_gives_the_same_problems_in_process_as_in_its_fork(data_copy: Path) -> None:
    """load_dataset checks in a forked process while it builds the model, unless threads are running
    (mkdocs serve), when it checks in-process: both must report the same, and a model broken by the bad
    data must not surface as a traceback."""
    import threading

    from generator.forked import Forked

    text = GOOD.replace("status: amber", "status: yellow")
    write_org(data_copy, text.replace("report: plan-2014\n    position", "report: nope\n    position"))
    # A fresh interpreter runs one thread, so it forks (this one may run a test server's threads).
    script = (
        "import datetime, sys; from pathlib import Path; from generator.forked import Forked; "
        "from generator.data import load_dataset; assert Forked(len, []).forked; "
        "o = load_dataset(Path(sys.argv[1]), datetime.date(2014, 6, 1)); "
        "assert o.dataset is None; print('\\n'.join(map(str, o.problems)))"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(data_copy)], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    blocker = threading.Event()
    holder = threading.Thread(target=blocker.wait)  # while a second thread runs, Forked works in-process
    holder.start()
    try:
        assert not Forked(len, []).forked
        in_process = load_dataset(data_copy, dt.date(2014, 6, 1))
    finally:
        blocker.set()
        holder.join()
    assert in_process.dataset is None and len(in_process.errors) == 2
    assert run.stdout.splitlines() == [str(p) for p in in_process.problems]


def test_yaml_gotchas_are_read_as_the_author_meant(data_copy: Path) -> None:
    text = GOOD.replace("timescale: March 2014", "timescale: no").replace(
        "    position: We comply.\n", "    position: We comply.\n    theme: 1:30\n"
    )
    write_org(data_copy, text)
    outcome = load_dataset(data_copy, dt.date(2014, 6, 1))
    assert outcome.dataset is not None
    response = outcome.dataset.organisation("test-ccg").responses[0]
    assert response.theme == "1:30"  # not 90, as YAML 1.1 sexagesimal would read it
    assert response.actions[0].timescale == "no"  # not False
    assert response.report.date == "2014-02-25"  # kept as written, not turned into a date object


def test_catalogue_must_hold_all_290(data_copy: Path) -> None:
    catalogue = data_copy / "recommendations.yaml"
    text = catalogue.read_text(encoding="utf-8")
    # Remove the whole entries for 203 and 204, whatever fields they have.
    text = re.sub(r"  - number: 20[34]\n(?:    .*\n|      .*\n|\n)*", "", text)
    catalogue.write_text(text, encoding="utf-8")
    assert any("every one of the 290 recommendations needs an entry; missing: 203-204" in e for e in errors(data_copy))


def test_validate_command_exits_1_with_no_traceback(data_copy: Path) -> None:
    write_org(data_copy, GOOD.replace("status: amber", "status: yellow"))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(data_copy), "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'status: found "yellow"' in result.stderr
    assert "1 error and 0 warnings: nothing was built." in result.stderr


def test_a_failed_build_leaves_the_previous_site_as_it_was(data_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build_site(data_copy, out) == 0
    before = (out / "site" / "index.html").read_bytes()
    write_org(data_copy, GOOD.replace("status: amber", "status: yellow"))
    assert build_site(data_copy, out) == 1
    assert (out / "site" / "index.html").read_bytes() == before
    assert not list(out.glob(".site-*"))


def test_a_quotation_of_another_recommendation_must_say_so(data_copy: Path) -> None:
    """Bury's row 141 quotes recommendation 140's text: the data says so in a source note, which the page
    shows. Without the note, the build stops and says which note to add."""
    assert errors(data_copy) == []
    bury = data_copy / "organisations" / "bury-ccg.yaml"
    text = bury.read_text(encoding="utf-8")
    start = text.index("    source_notes:\n      - kind: quotes-other-recommendation\n        recommendation: 140\n")
    end = text.index("\n  - recommendation:", start)
    bury.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    assert errors(data_copy) == [
        "data/organisations/bury-ccg.yaml:67: error: responses[5].quoted_text: the quoted text is recommendation "
        "140's, not 141's. Say so on the page with a source note (source_notes: - kind: quotes-other-recommendation, "
        "recommendation: 140), or correct the number"
    ]


def test_no_organisation_is_chased_for_a_report_after_it_closed() -> None:
    messages = [str(p) for p in load_dataset(ROOT / "data", dt.date(2026, 11, 23)).warnings]
    assert [m for m in messages if "has no report dated" in m] == []  # every CCG has closed; the ICBs have no plan
    early = [str(p) for p in load_dataset(ROOT / "data", dt.date(2019, 6, 1)).warnings]
    stale = sorted(m.split(":")[0] for m in early if "has no report dated in the 12 months to 1 June 2019" in m)
    assert stale == [
        f"data/organisations/{code}.yaml"
        for code in ("barnet-ccg", "bury-ccg", "north-lincolnshire-ccg", "tower-hamlets-ccg", "wigan-borough-ccg")
    ]


def test_a_report_dated_after_the_as_at_date_is_an_error() -> None:
    # Built as at 31 January 2014, the February 2014 papers are from the future: a typing mistake in the data
    # (2099 for 2019) would otherwise be "the latest report" for decades.
    later = "which is after 31 January 2014, the date the site is built as at; what a document reported cannot be "
    assert [str(p) for p in load_dataset(ROOT / "data", dt.date(2014, 1, 31)).errors] == [
        f'data/organisations/north-lincolnshire-ccg.yaml:22: error: reports[0].date: found "2014-02", {later}'
        "dated later: check the year",
        f'data/organisations/wigan-borough-ccg.yaml:22: error: reports[0].date: found "2014-02-25", {later}'
        "dated later: check the year",
        f'data/organisations/wigan-borough-ccg.yaml:515: error: actions[13].completed: found "2014-02", {later}'
        "dated later: check the year",
        f'data/organisations/wigan-borough-ccg.yaml:542: error: actions[15].completed: found "2014-02", {later}'
        "dated later: check the year",
    ]
