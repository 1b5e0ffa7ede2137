"""Frozen statements: a past year's statement is published as archived, and never changes silently."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from generator.__main__ import main

from .conftest import AS_AT, ROOT, read
from .test_site import text_of

ADDRESS = "https://francis.example.nhs.uk/"
WIGAN = "organisations/wigan-borough-ccg.yaml"
# Wigan's plan action 1, rated complete (G) in its February 2014 update: in the 2014 statement.
RATED = (
    "      - report: governing-body-2014-02\n        status: complete\n        status_as_written: G\n"
    "    report: governing-body-2014-02\n  - ref: '2'"
)
RERATED = RATED.replace("status: complete", "status: amber").replace("written: G", "written: A")


def _run(data: Path, *args: str) -> int:
    return main(["--data", str(data), "--as-at", AS_AT.isoformat(), "--cache", str(data.parent / "cache"), *args])


def _build(data: Path, *extra: str) -> int:
    out = data.parent
    return _run(data, "build", "--pages", str(out / "pages"), "--site", str(out / "site"), *extra)


def _pdf_text(path: Path) -> str:
    document = pypdfium2.PdfDocument(path)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


@pytest.fixture
def frozen(data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """The real data with its 2014 and 2015 statements frozen."""
    monkeypatch.setenv("SITE_URL", ADDRESS)
    assert _run(data_copy, "freeze", "2014", "2015") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Froze the statement of {year} in {data_copy / 'statements' / str(year)} ({n} figures; its page is "
        f"statements/{year}/). Commit that folder: builds now publish it as it is there."
        for year, n in ((2014, 61), (2015, 46))
    ]
    monkeypatch.delenv("SITE_URL")
    return data_copy


def test_a_frozen_statement_is_published_as_archived(frozen: Path) -> None:
    archived = frozen / "statements" / "2014"
    assert sorted(p.name for p in archived.iterdir()) == ["statement.html", "statement.pdf", "statement.yaml"]
    record = (archived / "statement.yaml").read_text(encoding="utf-8")
    assert "year: 2014\nfrozen: '2026-11-23'\naddress: https://francis.example.nhs.uk/\ncorrections: []\n" in record
    assert "  'wigan-borough-ccg: actions by status': 'Complete 13, Amber: some risk 3, Not rated 4'\n" in record
    # The archive is what the build publishes: its body on the page, its PDF byte for byte.
    (archived / "statement.html").write_text(
        (archived / "statement.html").read_text(encoding="utf-8").replace("3 of 5", "3 of 5 (archived)"),
        encoding="utf-8",
    )
    cache = frozen.parent / "cache" / "pdf"
    before = set(cache.glob("*.pdf"))  # the frozen years' own, made by `freeze`
    assert _build(frozen) == 0
    site = frozen.parent / "site"
    page = read(site, "statements/2014")
    assert "3 of 5 (archived)" in page
    assert "The statement as published." in text_of(page) and "It was frozen on 23 November 2026" in text_of(page)
    assert "It has not been corrected." in text_of(page)
    assert (site / "statements/2014/francis-progress-statement-2014.pdf").read_bytes() == (
        archived / "statement.pdf"
    ).read_bytes()
    assert "frozen" not in read(site, "statements/2016")  # a year not frozen is made from the data
    # A fresh build makes only the PDFs of the years not frozen: 2013 and 2016 to 2026.
    assert len(set(cache.glob("*.pdf")) - before) == 12


def test_a_frozen_body_is_the_page_the_build_would_make(frozen: Path, tmp_path: Path) -> None:
    assert _run(frozen, "generate", "--out", str(tmp_path / "frozen")) == 0
    (frozen / "statements" / "2014").rename(tmp_path / "aside")
    assert _run(frozen, "generate", "--out", str(tmp_path / "made")) == 0
    made = (tmp_path / "made" / "statements" / "2014.md").read_text(encoding="utf-8")
    archived = (tmp_path / "frozen" / "statements" / "2014.md").read_text(encoding="utf-8")
    notice = archived[archived.index('<div class="fr-notice fr-frozen"') :]
    notice = notice[: notice.index("</div>\n") + len("</div>\n")]
    assert archived.replace(notice, "") == made


def test_data_that_changes_a_frozen_statement_stops_the_build(frozen: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(frozen) == 0
    site = frozen.parent / "site"
    before = read(site, "statements/2014")
    wigan = frozen / WIGAN
    wigan.write_text(wigan.read_text(encoding="utf-8").replace(RATED, RERATED, 1), encoding="utf-8")
    capsys.readouterr()
    assert _build(frozen) == 1
    err = capsys.readouterr().err
    assert err == (
        f"The site was not built, and {site} is as it was: The statement of 2014 was published and frozen on "
        "2026-11-23 (data/statements/2014/), but the data now gives it different figures:\n"
        "  - Actions by status: was “Complete 13, Amber: some risk 3, Not rated 71”, now “Complete 12, Amber: some "
        "risk 4, Not rated 71”\n"
        "  - Status changes: was “new → Amber: some risk 3; new → Complete 13”, now “new → Amber: some risk 4; new "
        "→ Complete 12”\n"
        "  - Overdue actions: was “8”, now “9”\n"
        "  - wigan-borough-ccg: actions by status: was “Complete 13, Amber: some risk 3, Not rated 4”, now "
        "“Complete 12, Amber: some risk 4, Not rated 4”\n"
        "  - Overdue actions of Wigan Borough CCG: was “3”, now “4”\n"
        "  - Status change listed: wigan-borough-ccg, the plan as a whole, Plan action 1: was “new → Complete”, "
        "now “new → Amber: some risk”\n"
        "  - Overdue action listed: wigan-borough-ccg, the plan as a whole, Plan action 1: was not shown, now "
        "“due 2013-03-26 (26/03/13), Amber: some risk”\n"
        "A published statement never changes silently. Undo the change to the data, or, if the statement was "
        "wrong, record a correction; the statement is then republished with a dated notice listing these "
        'changes:\n  python -m generator correct 2014 --reason "what was wrong"\n'
        "The statement of 2015 was published and frozen on 2026-11-23 (data/statements/2015/), but the data now "
        "gives it different figures:\n"
        "  - Actions by status: was “Complete 13, Amber: some risk 3, Not rated 71”, now “Complete 12, Amber: some "
        "risk 4, Not rated 71”\n"
        "  - Overdue actions: was “9”, now “10”\n"
        "  - wigan-borough-ccg: actions by status: was “Complete 13, Amber: some risk 3, Not rated 4”, now "
        "“Complete 12, Amber: some risk 4, Not rated 4”\n"
        "  - Overdue actions of Wigan Borough CCG: was “3”, now “4”\n"
        "  - Overdue action listed: wigan-borough-ccg, the plan as a whole, Plan action 1: was not shown, now "
        "“due 2013-03-26 (26/03/13), Amber: some risk”\n"
        "A published statement never changes silently. Undo the change to the data, or, if the statement was "
        "wrong, record a correction; the statement is then republished with a dated notice listing these "
        'changes:\n  python -m generator correct 2015 --reason "what was wrong"\n'
    )
    assert read(site, "statements/2014") == before
    # Recorded as a correction, it is republished with a dated notice of what changed, on the page and in the PDF.
    reason = "Wigan's plan action 1 was rated complete by mistake; its February 2014 update says amber."
    for year in ("2014", "2015"):
        assert _run(frozen, "correct", year, "--reason", reason) == 0
    assert _build(frozen) == 0
    page = text_of(read(site, "statements/2014"))
    assert f"Corrected on 23 November 2026: {reason} What changed:" in page
    assert "Overdue actions: was “8”, now “9”" in page
    assert "still gives the same figures, with the corrections below." in page
    pdf = _pdf_text(site / "statements/2014/francis-progress-statement-2014.pdf")
    assert "Corrected on 23 November 2026" in pdf and "Overdue actions: was “8”, now “9”" in pdf
    record = (frozen / "statements" / "2014" / "statement.yaml").read_text(encoding="utf-8")
    assert f"corrections:\n- date: '2026-11-23'\n  reason: {reason}\n  changes:\n" in record


def test_freezing_is_refused_with_a_reason(frozen: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    cases = {
        ("freeze", "2016"): 'the site\'s address is "http://127.0.0.1:8000/": set SITE_URL to the address it is '
        "published at (in GitHub, the repository variable SITE_URL), such as https://francis.example.nhs.uk/",
        ("freeze", "2026"): "2026 is not over (as at 2026-11-23): a statement is frozen once its year has ended and "
        "it has been published",
        ("freeze", "2014"): "the statement of 2014 is already frozen (data/statements/2014/); if it was wrong, "
        'record a correction: python -m generator correct 2014 --reason "what was wrong"',
        ("correct", "2016", "--reason", "x"): "the statement of 2016 is not frozen: freeze it with python -m "
        "generator freeze 2016",
        ("correct", "2014", "--reason", " "): "say what was wrong: --reason is printed on the statement with the "
        "correction",
    }
    for args, message in cases.items():
        assert _run(frozen, *args) == 1, args
        assert capsys.readouterr().err == f"Nothing was written: {message}\n"
    assert _run(frozen, "correct", "2014", "--reason", "Nothing changed.") == 0
    assert capsys.readouterr().out == (
        "The data gives the frozen statement of 2014 the same figures: nothing to correct.\n"
    )
    assert "corrections: []" in (frozen / "statements" / "2014" / "statement.yaml").read_text(encoding="utf-8")


def test_freeze_past_freezes_every_year_that_is_over_and_not_frozen_yet(
    frozen: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a release runs after its build (.github/workflows/publish.yml): 2014 and 2015 are kept as they
    were frozen, the other years before 2026 (the year of AS_AT) are frozen, and 2026 is not."""
    kept = {year: (frozen / "statements" / year / "statement.yaml").read_bytes() for year in ("2014", "2015")}
    capsys.readouterr()
    assert _run(frozen, "freeze", "--past") == 1  # no address: nothing written
    assert capsys.readouterr().err.startswith('Nothing was written: the site\'s address is "http://127.0.0.1:8000/"')
    assert sorted(p.name for p in (frozen / "statements").iterdir()) == ["2014", "2015"]
    monkeypatch.setenv("SITE_URL", ADDRESS)
    assert _run(frozen, "freeze", "--past") == 0
    said = capsys.readouterr().out.splitlines()
    assert [line.split(" in ", 1)[0] for line in said] == [
        f"Froze the statement of {year}" for year in (2013, *range(2016, 2026))
    ]
    assert sorted(p.name for p in (frozen / "statements").iterdir()) == [str(y) for y in range(2013, 2026)]
    assert {year: (frozen / "statements" / year / "statement.yaml").read_bytes() for year in kept} == kept
    assert _run(frozen, "freeze", "--past") == 0
    assert capsys.readouterr().out == (
        "Every year that is over has its statement frozen (as at 2026-11-23): nothing to do.\n"
    )
    with pytest.raises(SystemExit):
        _run(frozen, "freeze", "--past", "2016")  # the years, or --past
    assert "argument years: not allowed with argument --past" in capsys.readouterr().err


def test_a_site_published_elsewhere_refuses_statements_frozen_for_another_address(
    frozen: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SITE_URL", "https://moved.example.nhs.uk/")
    capsys.readouterr()
    assert _build(frozen, "--publish") == 1
    assert capsys.readouterr().err.endswith(
        "the frozen statements of 2014 2015 link to https://francis.example.nhs.uk/, but this build publishes "
        "the site at https://moved.example.nhs.uk/. Record the move as a correction of each, which remakes their "
        'PDFs: SITE_URL=https://moved.example.nhs.uk/ python -m generator correct YEAR --reason "The site moved '
        'to https://moved.example.nhs.uk/."\n'
    )


def test_the_real_data_has_no_statement_frozen_before_it_is_published() -> None:
    """Nothing has been published yet: the first release publishes 2013 to 2025, and then proposes them
    frozen, in a pull request (tests/test_release_freeze.py)."""
    assert not (ROOT / "data" / "statements").exists()
