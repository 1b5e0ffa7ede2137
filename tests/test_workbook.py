"""The workbook a communications lead edits: made for people (read-me sheet, widths, filters, frozen
headings, drop-downs, real dates, statuses in words), read back as exactly what it says, and opened by
LibreOffice and openpyxl without complaint."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from generator.__main__ import main
from generator.model.statuses import read_status

from .conftest import ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WIGAN = "wigan-borough-ccg"


@pytest.fixture
def wigan(data_copy: Path, tmp_path: Path) -> Path:
    book = tmp_path / f"{WIGAN}.xlsx"
    assert main(["--data", str(data_copy), "export", "--org", WIGAN, "--out", str(book)]) == 0
    return book


def test_openpyxl_reads_it_without_a_warning(wigan: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        book = load_workbook(wigan)
    assert book.sheetnames[0] == "Read me"
    assert book["Read me"]["A1"].value == "Your organisation's Francis Report action plan"


def test_it_is_laid_out_for_people(wigan: Path) -> None:
    book = load_workbook(wigan)
    plan = book["Plan"]
    headers = [c.value for c in plan[1]]
    assert plan.freeze_panes == "A2" and plan.auto_filter.ref == f"A1:AD{plan.max_row}"
    widths = {n: d.width for d in plan.column_dimensions.values() for n in range(d.min, d.max + 1)}
    assert round(widths[headers.index("Position") + 1]) == 51  # room to read a paragraph (50, and Excel's padding)
    assert round(widths[headers.index("Recommendation") + 1]) == 19
    assert plan["F2"].alignment.wrap_text and plan["A1"].font.bold
    # Cells left empty, and the rows people add below, are text and wrapped: the column carries the format.
    formats = {n: d for d in plan.column_dimensions.values() for n in range(d.min, d.max + 1)}
    assert {(f.number_format, f.alignment.wrap_text) for f in formats.values()} == {("@", True)}
    assert len(formats) == len(headers)
    lists = {str(v.sqref): v.formula1 for v in plan.data_validations.dataValidation}
    status = plan.cell(row=1, column=headers.index("Status") + 1).column_letter
    report = plan.cell(row=1, column=headers.index("Progress report") + 1).column_letter
    assert lists[f"{status}2:{status}5000"] == "Statuses!$A$2:$A$9"
    assert lists[f"{report}2:{report}5000"] == "Reports!$A$2:$A$201"
    # Statuses in words, as the site shows them; the report's date as a real date.
    shown = [row[headers.index("Status")] for row in plan.iter_rows(min_row=2, values_only=True)]
    assert {s for s in shown if s} == {"Complete", "Amber: some risk"}
    assert book["Reports"]["D2"].value == dt.datetime(2014, 2, 25)
    assert book["Reports"]["D2"].number_format == "yyyy-mm-dd"
    keys = book["Status keys"]
    assert [c.value for c in keys[2]][:4] == [
        "governing-body-2014-02",
        "RED",
        "Action not completed by deadline date",
        "Red: off track",
    ]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Complete", "complete"),
        ("complete", "complete"),
        ("Amber", "amber"),
        ("Amber: some risk", "amber"),
        ("not started", "not-started"),
        ("Not-rated", "not-rated"),
        ("Purple", None),
    ],
)
def test_statuses_are_read_as_people_write_them(typed: str, code: str | None) -> None:
    assert read_status(typed) == code


def test_libreoffice_opens_it_and_what_it_saves_imports_unchanged(wigan: Path, data_copy: Path, tmp_path: Path) -> None:
    assert SOFFICE, "LibreOffice is installed by make test (Debian package libreoffice-calc-nogui)"
    out = tmp_path / "libreoffice"
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"  # its own profile: tests may run together
    for target in ("pdf", "xlsx:Calc MS Excel 2007 XML"):
        subprocess.run(
            [
                str(SOFFICE),
                profile,
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(wigan),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    text = PdfReader(out / f"{WIGAN}.pdf").pages[0].extract_text()
    assert text.startswith("Your organisation's Francis Report action plan")
    assert main(["--data", str(data_copy), "import", str(out / f"{WIGAN}.xlsx"), "--org", WIGAN]) == 0
    assert (data_copy / "organisations" / f"{WIGAN}.yaml").read_bytes() == (
        ROOT / "data" / "organisations" / f"{WIGAN}.yaml"
    ).read_bytes()


def test_each_organisation_page_offers_its_plan_and_the_open_data_page_the_template(site: Path) -> None:
    for code in (WIGAN, "nhs-greater-manchester-icb"):
        page = (site / "organisations" / code / "index.html").read_text(encoding="utf-8")
        assert '<a href="plan.xlsx" download>this plan as a spreadsheet</a>' in page
        assert '<a href="../../update/">How to update this plan</a>' in page
        book = load_workbook(site / "organisations" / code / "plan.xlsx")
        assert book["Organisation"]["B2"].value == code
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../data/francis-action-plan-template.xlsx" download>blank action plan workbook</a>' in data_page
    template = load_workbook(site / "data" / "francis-action-plan-template.xlsx")
    assert template["Plan"].max_row == 1  # the headings alone


def test_one_setting_gives_the_contact_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from .conftest import build_site, read

    monkeypatch.setenv("REPOSITORY_URL", "https://github.com/nhs-example/francis-progress")
    monkeypatch.setenv("CONTACT_EMAIL", "francis@example.nhs.uk")
    assert build_site(ROOT / "data", tmp_path) == 0
    site = tmp_path / "site"
    how = (
        'email <a href="mailto:francis@example.nhs.uk">francis@example.nhs.uk</a> or '
        '<a href="https://github.com/nhs-example/francis-progress/issues/new">write to us online</a>'
    )
    about = read(site, "about")
    assert f"tell us: {how}." in about and "We reply within 10 working days." in about
    accessibility = read(site, "accessibility")
    assert accessibility.count(how) == 2 and "get back to you within 10 working days" in accessibility
    no_text = read(site, "recommendations/6")
    assert f"please {how} (" in no_text
    guide = read(site, "update")
    assert '<a href="https://github.com/nhs-example/francis-progress/upload/main/imports">the upload page</a>' in guide
