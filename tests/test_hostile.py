"""Hostile and broken input, from the many hands the data comes from: each is refused with its exact
message, no traceback, the published site/ byte for byte as it was, and the data files untouched; or, where
the input is fine but odd, it is published as exactly what it says."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.__main__ import main
from generator.data import load_dataset

from .conftest import AS_AT, ROOT, build_site, read
from .test_site import text_of

ORGS = "organisations"
BURY = f"{ORGS}/bury-ccg.yaml"
NL = f"{ORGS}/north-lincolnshire-ccg.yaml"  # no other file cites it: taking it away breaks nothing else


def digest(folder: Path) -> dict[str, str]:
    """Every file under a folder, by its path, with a hash of its bytes (links as where they point)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link to " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A site built from the real data, and what it holds: every refusal below must leave it so."""
    out = tmp_path_factory.mktemp("published")
    assert build_site(ROOT / "data", out) == 0
    return out, digest(out / "site")


def refused(
    data: Path,
    published: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    content: Path = ROOT / "content",
) -> list[str]:
    """Build the broken data into the published site's folder; return what the build said. It must fail
    without a traceback and change nothing: not the site, not the data."""
    out, before = published
    data_before = digest(data)
    capsys.readouterr()
    assert build_site(data, out, content) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert digest(out / "site") == before
    assert digest(data) == data_before
    assert not list(out.glob(".site-building-*"))
    return err.splitlines()


def write(data: Path, name: str, content: str | bytes) -> None:
    path = data / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def replace(data: Path, name: str, old: str, new: str) -> None:
    text = (data / name).read_text(encoding="utf-8")
    assert old in text, old
    (data / name).write_text(text.replace(old, new, 1), encoding="utf-8")


BOMB = "code: bomb-ccg\nlol1: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"lol{n}: &{chr(97 + n - 1)} [{', '.join([f'*{chr(97 + n - 2)}'] * 9)}]\n" for n in range(2, 12)
)

# (what to do to a copy of the data, the lines the build must say)
DATA_CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "an emptied organisation file": (
        lambda d: write(d, NL, ""),
        [
            "data/organisations/north-lincolnshire-ccg.yaml:1: error: the file is empty (or holds only comments); "
            "expected its "
            "fields, starting with code: and name:. To stop publishing an organisation, delete its file"
        ],
    ),
    "a file of comments only": (
        lambda d: write(d, NL, "# North Lincolnshire's plan goes here\n"),
        [
            "data/organisations/north-lincolnshire-ccg.yaml:1: error: the file is empty (or holds only comments); "
            "expected its "
            "fields, starting with code: and name:. To stop publishing an organisation, delete its file"
        ],
    ),
    "a .yml file": (
        lambda d: (d / NL).rename(d / ORGS / "north-lincolnshire-ccg.yml"),
        [
            "data/organisations/north-lincolnshire-ccg.yml: error: is not read: data files end in .yaml; rename it "
            "north-lincolnshire-ccg.yaml"
        ],
    ),
    "a spreadsheet left in the folder": (
        lambda d: write(d, f"{ORGS}/plan.xlsx", b"PK"),
        [
            "data/organisations/plan.xlsx: error: is not read: only organisations' files (<code>.yaml) belong in "
            "this folder"
        ],
    ),
    "a folder in the folder": (
        lambda d: (d / ORGS / "old").mkdir(),
        ["data/organisations/old: error: is a folder; each organisation is one file here, named <code>.yaml"],
    ),
    "a link to a file outside the data": (
        lambda d: (d / ORGS / "outside-ccg.yaml").symlink_to(
            ROOT / "tests" / "fixtures" / "golden" / "data" / BURY.replace("bury-ccg", "golden-trust")
        ),
        ["data/organisations/outside-ccg.yaml: error: is a link to another file; put the file itself here"],
    ),
    "a link as a source document": (
        lambda d: (
            (d / "sources" / "000_18021655c3bbc0da.txt").unlink(),
            (d / "sources" / "000_18021655c3bbc0da.txt").symlink_to("/etc/hostname"),
        ),
        [
            'data/organisations/bury-ccg.yaml:24: error: reports[0].source_file: found "000_18021655c3bbc0da.txt"; '
            "data/sources/000_18021655c3bbc0da.txt is a link to another file; put the document itself in data/sources/"
        ],
    ),
    "a source document saved as Windows-1252": (
        lambda d: write(d, "sources/000_18021655c3bbc0da.txt", "line one\nCost: \xa35\n".encode("cp1252")),
        [
            'data/organisations/bury-ccg.yaml:24: error: reports[0].source_file: found "000_18021655c3bbc0da.txt"; '
            "data/sources/000_18021655c3bbc0da.txt, line 2: the file is not UTF-8 text: byte 0xA3 in column 7 is "
            "not a character in UTF-8 (the file may have been saved as Windows-1252 or Latin-1): save it as UTF-8"
        ],
    ),
    "a Latin-1 byte in a data file": (
        lambda d: write(d, BURY, (d / BURY).read_bytes().replace(b"region: North West", b"region: North \xa3West", 1)),
        [
            "data/organisations/bury-ccg.yaml:5: error: the file is not UTF-8 text: byte 0xA3 in column 15 is not a "
            "character in UTF-8 (the file may have been saved as Windows-1252 or Latin-1): save it as UTF-8"
        ],
    ),
    "a NUL byte in a data file": (
        lambda d: write(d, BURY, (d / BURY).read_bytes().replace(b"region: North West", b"region: North\x00West", 1)),
        [
            "data/organisations/bury-ccg.yaml:5: error: column 14 holds the control character U+0000, which the file "
            "cannot hold: delete it (it is invisible in most editors)"
        ],
    ),
    "a file saved as UTF-16": (
        lambda d: write(d, BURY, (d / BURY).read_text(encoding="utf-8").encode("utf-16")),
        [
            "data/organisations/bury-ccg.yaml:1: error: the file is not UTF-8 text: byte 0xFF in column 1 is not a "
            "character in UTF-8 (the file may have been saved as Windows-1252 or Latin-1): save it as UTF-8"
        ],
    ),
    "a control character written as a YAML escape": (
        lambda d: replace(d, BURY, "region: North West", 'region: "North\\x07West"'),
        [
            'data/organisations/bury-ccg.yaml:5: error: region: found "North<U+0007>West"; it holds U+0007, a '
            "control character, which a page cannot show: delete it"
        ],
    ),
    "a right-to-left override in a name": (
        lambda d: replace(d, BURY, "short_name: Bury CCG", "short_name: Bury \u202eGCC"),
        [
            'data/organisations/bury-ccg.yaml:3: error: short_name: found "Bury <U+202E>GCC"; it holds U+202E '
            "(RIGHT-TO-LEFT OVERRIDE), an invisible character that changes the direction text is shown in: delete it"
        ],
    ),
    "a zero-width space in a code": (
        lambda d: replace(d, NL, "code: north-lincolnshire-ccg", "code: north-lincolnshire\u200b-ccg"),
        [
            'data/organisations/north-lincolnshire-ccg.yaml:1: error: code: found "north-lincolnshire<U+200B>-ccg"; '
            "expected a code of lower-case letters, digits and hyphens (such as bury-ccg)",
            'data/organisations/north-lincolnshire-ccg.yaml:1: error: code: found "north-lincolnshire<U+200B>-ccg"; '
            'expected "north-lincolnshire-ccg", the file\'s name without .yaml',
        ],
    ),
    "a YAML alias bomb": (
        lambda d: write(d, f"{ORGS}/bomb-ccg.yaml", BOMB),
        [
            "data/organisations/bomb-ccg.yaml:2: error: found an anchor (&a); data files do not use anchors: write "
            "the value out"
        ],
    ),
    "an alias": (
        lambda d: replace(d, BURY, "region: North West", "region: *somewhere"),
        [
            "data/organisations/bury-ccg.yaml:5: error: found an alias (*somewhere); data files do not use "
            "aliases: write the value out in full"
        ],
    ),
    "a tag": (
        lambda d: replace(d, BURY, "region: North West", "region: !!python/object:os.system North West"),
        [
            'data/organisations/bury-ccg.yaml:5: error: found the tag "tag:yaml.org,2002:python/object:os.system"; '
            "data files do not use tags: put text in quotes to keep it as text"
        ],
    ),
    "a list nested 1,000 deep": (
        lambda d: replace(d, BURY, "region: North West", "region: " + "[" * 1000 + "]" * 1000),
        [
            "data/organisations/bury-ccg.yaml:5: error: blocks nest more than 20 deep here; no field is that deep: "
            "check the indentation"
        ],
    ),
    "a list nested 100,000 deep": (
        lambda d: replace(d, BURY, "region: North West", "region: " + "[" * 100_000 + "]" * 100_000),
        [
            "data/organisations/bury-ccg.yaml:5: error: blocks nest more than 20 deep here; no field is that deep: "
            "check the indentation"
        ],
    ),
    "a 5,000-digit number": (
        lambda d: replace(d, BURY, "  - recommendation: 141\n", "  - recommendation: " + "9" * 5000 + "\n"),
        [
            'data/organisations/bury-ccg.yaml:67: error: responses[5].recommendation: found "'
            + "9" * 57
            + '..."; expected a whole number from 1 to 290'
        ],
    ),
    "a file too large to be a plan": (
        lambda d: write(d, f"{ORGS}/huge-ccg.yaml", "code: huge-ccg\nnotes: " + "x" * (33 * 2**20) + "\n"),
        ["data/organisations/huge-ccg.yaml:1: error: the file is 35 MB; a data file may be at most 32 MB"],
    ),
    "a report dated 2099": (
        lambda d: replace(d, BURY, "date: '2013'", "date: '2099-01-01'"),
        [
            'data/organisations/bury-ccg.yaml:21: error: reports[0].date: found "2099-01-01"; the organisation closed '
            "on 1 July 2022, before this report's date",
            'data/organisations/bury-ccg.yaml:21: error: reports[0].date: found "2099-01-01", which is after 23 '
            "November 2026, the date the site is built as at; what a document reported cannot be dated later: check "
            "the year",
        ],
    ),
    "a second document in the file": (
        lambda d: write(d, BURY, (d / BURY).read_text(encoding="utf-8") + "---\ncode: other\n"),
        [],  # the line number depends on the file's length: checked in the test
    ),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_bad_data_is_refused_and_nothing_changes(
    case: str, data_copy: Path, published: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    change, expected = DATA_CASES[case]
    change(data_copy)
    said = refused(data_copy, published, capsys)
    if case == "a second document in the file":
        lines = len((ROOT / "data" / BURY).read_text(encoding="utf-8").splitlines())
        expected = [
            f"data/organisations/bury-ccg.yaml:{lines + 1}: error: the file holds a second document (after a --- "
            "line); keep one per file"
        ]
    errors = [line for line in said if ": error: " in line]
    assert errors == expected
    assert said[-1].endswith(": nothing was built. Fix the errors above and run it again.")


def test_an_unreadable_data_folder_is_said_so(
    data_copy: Path,
    published: tuple[Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tests run as root here, where permissions do not apply: the folder's listing is refused instead.
    folder = data_copy / ORGS
    listing = Path.iterdir

    def iterdir(self: Path):  # type: ignore[no-untyped-def]
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    said = refused(data_copy, published, capsys)
    assert "data/organisations: error: the folder cannot be read (permission denied)" in said


def test_numbers_are_decimal_and_text_keeps_its_leading_zeros(data_copy: Path) -> None:
    replace(data_copy, BURY, "  - recommendation: 141\n", "  - recommendation: 013\n")
    text = (data_copy / BURY).read_text(encoding="utf-8")
    (data_copy / BURY).write_text(
        text.replace("  - recommendation: 142\n", "  - recommendation: 09\n", 1), encoding="utf-8"
    )
    wigan = data_copy / ORGS / "wigan-borough-ccg.yaml"
    wigan.write_text(wigan.read_text(encoding="utf-8").replace("  - ref: '1'\n", "  - ref: 010\n", 1), encoding="utf-8")
    outcome = load_dataset(data_copy, AS_AT)
    assert outcome.errors == []
    assert outcome.dataset is not None
    bury = outcome.dataset.organisation("bury-ccg")
    assert [r.recommendation for r in bury.responses][:5] == [3, 4, 7, 9, 13]  # not 11 (octal), not a crash
    assert outcome.dataset.organisation("wigan-borough-ccg").actions[0].name(1) == "Action 010"  # not "Action 8"


def test_timescales_no_plan_can_mean_are_no_date(data_copy: Path) -> None:
    nl = data_copy / ORGS / "north-lincolnshire-ccg.yaml"
    text = nl.read_text(encoding="utf-8")
    first = text.index("timescale:")
    end = text.index("\n", first)
    text = text[:first] + "timescale: December 0000" + text[end:]
    second = text.index("timescale:", first + 30)
    text = text[:second] + "timescale: Q4 9999/00" + text[text.index("\n", second) :]
    nl.write_text(text, encoding="utf-8")
    outcome = load_dataset(data_copy, AS_AT)
    assert outcome.errors == [] and outcome.dataset is not None
    actions = [a for r in outcome.dataset.organisation("north-lincolnshire-ccg").responses for a in r.actions]
    odd = [(a.timescale, a.due) for a in actions if a.timescale in ("December 0000", "Q4 9999/00")]
    assert odd == [("December 0000", None), ("Q4 9999/00", None)]


def test_titles_are_text_not_markdown(data_copy: Path, tmp_path: Path) -> None:
    hostile = "Evil CCG {: autofocus tabindex=1 onfocus=alert(1) } [x](javascript:alert(1)) **bold**"
    replace(data_copy, BURY, "name: NHS Bury Clinical Commissioning Group", f'name: "{hostile}"')
    catalogue = data_copy / "recommendations.yaml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace(
            "  - number: 6\n",
            '  - number: 6\n    title: "Six [y](javascript:alert(2)) {: onclick=alert(3) }"\n'
            "    title_source: dh-online-response\n",
            1,
        ),
        encoding="utf-8",
    )
    assert build_site(data_copy, tmp_path) == 0
    for path in ("organisations/bury-ccg", "recommendations/6", "organisations"):
        page = read(tmp_path / "site", path)
        tags = Tags()
        tags.feed(page)
        assert [a for a in tags.attributes if a[0].startswith("on") or a[0] in ("autofocus", "tabindex")] == []
        assert [a for a in tags.attributes if a[0] == "href" and (a[1] or "").startswith("javascript:")] == []
        assert "<strong>bold</strong>" not in page
    heading = read(tmp_path / "site", "organisations/bury-ccg").split("<h1", 1)[1].split("</h1>", 1)[0]
    assert heading == (">Evil CCG {: autofocus tabindex=1 onfocus=alert(1) } [x](javascript:alert(1)) **bold**")
    assert "Recommendation 6: Six [y](javascript:alert(2)) {: onclick=alert(3) }" in text_of(
        read(tmp_path / "site", "recommendations/6")
    )


class Tags(HTMLParser):
    """Every attribute of every tag of a page, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += attrs


def intro(tmp_path: Path, text: str | bytes) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "statements").mkdir(exist_ok=True)
    (content / "statements" / "2014.md").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return content


def test_a_statement_introduction_cannot_fetch_an_image(
    data_copy: Path, tmp_path: Path, published: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    content = intro(tmp_path, 'In 2014 the first plans were published.\n\n<img src="http://example.org/track.png">\n')
    said = refused(data_copy, published, capsys, content)
    assert said[-1] == (
        f"The site was not built, and {published[0] / 'site'} is as it was: content/statements/2014.md, line 3: an "
        "introduction cannot show an image (the statement's figures come from the data, and the build fetches "
        "nothing from other sites): remove it"
    )
    content = intro(tmp_path / "md", "The first plans.\n\n![a chart](https://example.org/chart.png)\n")
    assert (
        "content/statements/2014.md, line 3: an introduction cannot show an image"
        in refused(data_copy, published, capsys, content)[-1]
    )


def test_a_statement_introduction_saved_as_windows_1252_is_refused(
    data_copy: Path, tmp_path: Path, published: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    content = intro(tmp_path, "Spending on the plan:\n\u00a35,000 in 2014.\n".encode("cp1252"))
    said = refused(data_copy, published, capsys, content)
    assert said[-1].endswith(
        "content/statements/2014.md, line 2: the file is not UTF-8 text: byte 0xA3 in column 1 is not a character "
        "in UTF-8 (the file may have been saved as Windows-1252 or Latin-1): save it as UTF-8"
    )


def test_a_hand_written_page_with_a_template_mistake_is_refused(
    data_copy: Path, tmp_path: Path, published: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "about.md").write_text(
        "# About\n\nThe statuses:\n\n{{ definitions('implementation') \n", encoding="utf-8"
    )
    said = refused(data_copy, published, capsys, content)
    assert said[-1].startswith(
        f"The site was not built, and {published[0] / 'site'} is as it was: content/about.md, line 5: "
    )


def test_a_link_in_content_is_refused(
    data_copy: Path, tmp_path: Path, published: tuple[Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "hosts.md").symlink_to("/etc/hosts")
    said = refused(data_copy, published, capsys, content)
    assert said[-1].endswith(
        "is as it was: content/hosts.md is a link to another file; put the file itself in content/"
    )


def test_the_pdf_maker_fetches_nothing() -> None:
    from weasyprint.urls import FatalURLFetchingError

    from generator.publish.pdfs import _fetcher

    fetcher = _fetcher()
    with pytest.raises(FatalURLFetchingError, match=r"refers to http://example\.org/x\.png; the build fetches nothing"):
        fetcher.fetch("http://example.org/x.png")  # type: ignore[attr-defined]
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch("file:///etc/passwd")  # type: ignore[attr-defined]
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"  # type: ignore[attr-defined]


# Spreadsheets


def imported(data: Path, sheet: Path, code: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    before = (data / ORGS / f"{code}.yaml").read_bytes()
    capsys.readouterr()
    result = main(["--data", str(data), "import", str(sheet), "--org", code])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if result != 0:
        assert (data / ORGS / f"{code}.yaml").read_bytes() == before
    return result, err.splitlines()


def test_files_that_are_not_spreadsheets_are_refused(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    noise = tmp_path / "noise.xlsx"
    noise.write_bytes(os.urandom(4096))
    not_a_book = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(not_a_book, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    for sheet in (noise, not_a_book):
        assert imported(data_copy, sheet, "bury-ccg", capsys) == (
            1,
            [
                f"{sheet.name} is not an Excel workbook the import can read: open it in Excel or LibreOffice and "
                "save it as an Excel workbook (.xlsx)"
            ],
        )
    csv = tmp_path / "plan.csv"
    csv.write_bytes("Recommendation,Position\n141,Cost \u00a35\n".encode("cp1252"))
    assert imported(data_copy, csv, "bury-ccg", capsys) == (
        1,
        [
            "plan.csv, line 2: the file is not UTF-8 text: byte 0xA3 in column 10 is not a character in UTF-8 (the "
            "file may have been saved as Windows-1252 or Latin-1): save it as UTF-8"
        ],
    )


def test_formulas_are_never_written_and_never_read(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    formula = '=HYPERLINK("http://evil.example","Click")'
    replace(data_copy, BURY, "name: NHS Bury Clinical Commissioning Group", f"name: '{formula}'")
    book = tmp_path / "bury.xlsx"
    assert main(["--data", str(data_copy), "export", "--org", "bury-ccg", "--out", str(book)]) == 0
    cell = next(c for c in load_workbook(book)["Organisation"]["B"] if c.value == formula)
    assert cell.data_type == "s"  # text that starts with "=", not a formula
    csv = tmp_path / "bury.csv"
    replace(data_copy, BURY, "Bury CCG compliant within constitution", "=1+1 Bury CCG compliant within constitution")
    assert main(["--data", str(data_copy), "export", "--org", "bury-ccg", "--out", str(csv)]) == 0
    assert "'=1+1 Bury CCG compliant" in csv.read_text(encoding="utf-8-sig")
    assert imported(data_copy, csv, "bury-ccg", capsys)[0] == 0  # and back: the apostrophe is the export's own
    assert "=1+1 Bury CCG compliant" in (data_copy / BURY).read_text(encoding="utf-8")
    assert "'=1+1" not in (data_copy / BURY).read_text(encoding="utf-8")
    # A formula typed into the workbook is refused, with its cached value or without.
    workbook = load_workbook(book)
    workbook["Plan"]["F2"] = "=A2*2"
    workbook.save(book)
    result, said = imported(data_copy, book, "bury-ccg", capsys)
    assert result == 1
    assert (
        'bury.xlsx, sheet "Plan", row 2, column "Position": this cell holds a formula (=A2*2); '
        "type the value itself, not a formula" in said
    )


def test_a_text_longer_than_a_cell_holds_is_not_exported(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    long = "x" * 40_000
    replace(data_copy, BURY, "Bury CCG compliant within constitution and employment principals", long)
    book = tmp_path / "bury.xlsx"
    capsys.readouterr()
    assert main(["--data", str(data_copy), "export", "--org", "bury-ccg", "--out", str(book)]) == 1
    assert capsys.readouterr().err.strip() == (
        'bury.xlsx: sheet "Plan", cell F9 would hold 40,000 characters, and a spreadsheet cell holds at most '
        "32,767: the workbook would cut it. Export this organisation as CSV (--out plan.csv), or edit its data "
        "file. Nothing was written."
    )
    assert not book.exists()


def test_actions_worded_alike_stay_two_actions(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(
        data_copy,
        ORGS + "/north-lincolnshire-ccg.yaml",
        "    actions:\n",
        "    actions:\n      - description: As above\n      - description: As above\n",
    )
    book = tmp_path / "nl.xlsx"
    assert main(["--data", str(data_copy), "export", "--org", "north-lincolnshire-ccg", "--out", str(book)]) == 0
    assert imported(data_copy, book, "north-lincolnshire-ccg", capsys)[0] == 0
    outcome = load_dataset(data_copy, AS_AT)
    assert outcome.dataset is not None
    actions = outcome.dataset.organisation("north-lincolnshire-ccg").responses[0].actions
    assert [a.description for a in actions[:2]] == ["As above", "As above"]


# The build's own leftovers, and builds that give the same site every time


def test_a_killed_build_leaves_nothing_the_next_build_does_not_clear(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "generator", "--data", str(ROOT / "data"), "--as-at", AS_AT.isoformat()]
    command += ["--cache", str(tmp_path / "build" / "cache"), "build", "--pages", str(out / "pages")]
    command += ["--site", str(out / "site")]
    for wait in (1.5, 3.0):  # killed while it validates or generates, then while MkDocs or Pagefind work
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(wait)
        process.send_signal(signal.SIGKILL)
        process.wait()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    assert sorted(p.name for p in out.iterdir()) == ["pages", "site"]  # no half-built site beside it
    work = tmp_path / "build" / "work"
    assert not work.exists() or list(work.iterdir()) == []  # no search records, no unpacked history
    assert list((tmp_path / "build" / "cache").rglob("*.tmp")) == []  # no half-written cache file


def test_two_builds_of_the_same_data_are_byte_identical(tmp_path: Path) -> None:
    for name in ("first", "second"):
        command = [sys.executable, "-m", "generator", "--data", str(ROOT / "data"), "--as-at", AS_AT.isoformat()]
        command += ["--cache", str(tmp_path / name / "cache"), "build", "--pages", str(tmp_path / name / "pages")]
        command += ["--site", str(tmp_path / name / "site")]
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    first, second = digest(tmp_path / "first" / "site"), digest(tmp_path / "second" / "site")
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
