"""Spreadsheets for communications leads: template, export, import, and the errors they read."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill

from generator.__main__ import main
from generator.load.parse import load_yaml, plain
from generator.model import statuses
from generator.model.fields import spec_of
from generator.model.records import PlanAction, Progress, Report, Response
from generator.spreadsheets.layout import PLAN, SHEETS

from .conftest import ROOT

CODES = sorted(p.stem for p in (ROOT / "data" / "organisations").glob("*.yaml"))


def raw(data: Path, code: str) -> Any:
    return plain(load_yaml(data / "organisations" / f"{code}.yaml"))


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_of_export_gives_back_the_same_data(code: str, suffix: str, data_copy: Path, tmp_path: Path) -> None:
    before = raw(data_copy, code)
    sheet = tmp_path / f"{code}{suffix}"
    assert main(["--data", str(data_copy), "export", "--org", code, "--out", str(sheet)]) == 0
    (data_copy / "organisations" / f"{code}.yaml").write_text("code: broken\n", encoding="utf-8")
    if suffix == ".csv":  # CSV holds the plan alone: the organisation and its reports come from the data file
        shutil.copy(ROOT / "data" / "organisations" / f"{code}.yaml", data_copy / "organisations" / f"{code}.yaml")
    assert main(["--data", str(data_copy), "import", str(sheet), "--org", code]) == 0
    assert raw(data_copy, code) == before


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_an_unedited_round_trip_writes_the_same_bytes(code: str, suffix: str, data_copy: Path, tmp_path: Path) -> None:
    # Import keeps the file as written where a value did not change: a reviewer sees only what was edited.
    sheet = tmp_path / f"{code}{suffix}"
    assert main(["--data", str(data_copy), "export", "--org", code, "--out", str(sheet)]) == 0
    assert main(["--data", str(data_copy), "import", str(sheet), "--org", code]) == 0
    assert (data_copy / "organisations" / f"{code}.yaml").read_bytes() == (
        ROOT / "data" / "organisations" / f"{code}.yaml"
    ).read_bytes()


def test_an_edit_changes_only_its_lines_and_keeps_comments(data_copy: Path, tmp_path: Path) -> None:
    target = data_copy / "organisations" / "north-lincolnshire-ccg.yaml"
    target.write_text(
        "# Kept up to date by the CCG's communications team.\n" + target.read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = target.read_text(encoding="utf-8").splitlines()
    sheet = tmp_path / "nl.xlsx"
    assert main(["--data", str(data_copy), "export", "--org", "north-lincolnshire-ccg", "--out", str(sheet)]) == 0
    book = load_workbook(sheet)
    plan = book["Plan"]
    headers = [c.value for c in plan[1]]
    plan.cell(row=2, column=headers.index("Lead") + 1).value = "Director of Commissioning"
    book.save(sheet)
    assert main(["--data", str(data_copy), "import", str(sheet), "--org", "north-lincolnshire-ccg"]) == 0
    after = target.read_text(encoding="utf-8").splitlines()
    assert after[0] == "# Kept up to date by the CCG's communications team."
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].endswith("lead: Director of Commissioning")


def test_template_is_made_from_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "template.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == list(SHEETS)
    assert [c.value for c in book["Statuses"]["A"][1:]] == [t.label for t in statuses.IMPLEMENTATION]
    assert [c.value for c in book["Statuses"]["B"][1:]] == list(statuses.codes(statuses.IMPLEMENTATION))
    assert [c.value for c in book["Statuses"]["C"][1:]] == [t.definition for t in statuses.IMPLEMENTATION]
    assert [c.value for c in book["Plan"][1]] == [c.header for c in PLAN]
    assert [c.value for c in book["Reports"][1]] == [
        f.name for f in spec_of(Report) if f.name not in ("status_key", "left_out")
    ]
    assert [c.value for c in book["Status keys"][1]] == ["report", "written", "meaning", "status", "lines", "note"]
    # Every field a response, action or progress entry can hold has a column (an action's report, for an
    # action of the plan as a whole, is its row's "First reported in").
    for level, record in (("response", Response), ("action", PlanAction), ("progress", Progress)):
        expected = {f.name for f in spec_of(record) if f.name not in ("actions", "progress", "report")}
        if level != "action":
            expected.add("report")
        assert {c.field for c in PLAN if c.level == level and c.field} == expected


def plan_sheet(data: Path, tmp_path: Path) -> Path:
    sheet = tmp_path / "plan.xlsx"
    assert main(["--data", str(data), "export", "--org", "north-lincolnshire-ccg", "--out", str(sheet)]) == 0
    return sheet


def edit(sheet: Path, change: Any) -> None:
    book = load_workbook(sheet)
    change(book)
    book.save(sheet)


def column(book: Workbook, header: str) -> int:
    return [c.value for c in book["Plan"][1]].index(header) + 1


def set_plan(header: str, row: int, value: Any) -> Any:
    return lambda book: book["Plan"].cell(row=row, column=column(book, header), value=value)


def colour_status(book: Workbook) -> None:
    cell = book["Plan"].cell(row=3, column=column(book, "Status"))
    cell.value = None
    cell.fill = PatternFill("solid", fgColor="FFFF0000")


def extra_column(book: Workbook) -> None:
    book["Plan"].cell(row=1, column=len(PLAN) + 1, value="My notes")
    book["Plan"].cell(row=2, column=len(PLAN) + 1, value="check this")


def stray_cell(book: Workbook) -> None:
    book["Plan"].cell(row=4, column=len(PLAN) + 2, value="forgotten")


def conflicting_position(book: Workbook) -> None:
    book["Plan"].cell(row=3, column=column(book, "Position"), value="Something else")


def extra_sheet(book: Workbook) -> None:
    book.create_sheet("Notes")["A1"] = "Remember to ask the director"


BAD: dict[str, tuple[Any, list[str]]] = {
    "unknown status": (
        set_plan("Status", 2, "purple"),
        [
            'plan.xlsx, sheet "Plan", row 2, column "Status": found "purple"; expected a status from the Statuses '
            "sheet: Complete, Green: on track, Amber: some risk, Red: off track, Not started, Deferred, Not "
            "applicable, Not rated"
        ],
    ),
    "RAG only as a colour": (
        colour_status,
        [
            'plan.xlsx, sheet "Plan", row 3, column "Status": the status is given only as a cell colour (#FF0000); '
            "type it in the cell, one of: complete, green, amber, red, not-started, deferred, not-applicable, "
            "not-rated",
        ],
    ),
    "recommendation not a number": (
        set_plan("Recommendation", 2, "one"),
        ['plan.xlsx, sheet "Plan", row 2, column "Recommendation": found "one"; expected a whole number from 1 to 290'],
    ),
    "impossible date": (
        set_plan("Due date", 2, "2014-02-30"),
        [
            'plan.xlsx, sheet "Plan", row 2, column "Due date": found "2014-02-30"; there is no such day: '
            "February 2014 has 28 days"
        ],
    ),
    "unknown report": (
        set_plan("Progress report", 2, "board-2015"),
        [
            'plan.xlsx, sheet "Plan", row 2, column "Progress report": found "board-2015"; expected a report id '
            "from the Reports sheet"
        ],
    ),
    "column not in the template": (
        extra_column,
        [
            'plan.xlsx, sheet "Plan", row 1, column "My notes": this column is not part of the template, so its values '
            "would be lost"
        ],
    ),
    "cell outside the columns": (
        stray_cell,
        [
            f'plan.xlsx, sheet "Plan", row 4, column "column {len(PLAN) + 2}": '
            "this cell has no column heading, so it would be lost"
        ],
    ),
    "rows of one response disagree": (
        conflicting_position,
        [
            'plan.xlsx, sheet "Plan", row 3, column "Position": found "Something else", but an earlier row of the same '
            'response says ""; every row of a response must give the same position'
        ],
    ),
    "a sheet the template does not have": (
        extra_sheet,
        ['plan.xlsx, sheet "Notes": this sheet is not part of the template, so its contents would be lost'],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_spreadsheets_get_exact_messages(
    case: str, data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change, expected = BAD[case]
    sheet = plan_sheet(data_copy, tmp_path)
    edit(sheet, change)
    before = (data_copy / "organisations" / "north-lincolnshire-ccg.yaml").read_bytes()
    capsys.readouterr()
    assert main(["--data", str(data_copy), "import", str(sheet), "--org", "north-lincolnshire-ccg"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == expected
    assert err[-1].endswith("north-lincolnshire-ccg.yaml was not changed.")
    assert (data_copy / "organisations" / "north-lincolnshire-ccg.yaml").read_bytes() == before


def test_na_stays_text(data_copy: Path, tmp_path: Path) -> None:
    sheet = plan_sheet(data_copy, tmp_path)
    edit(sheet, set_plan("Lead", 2, "NA"))
    assert main(["--data", str(data_copy), "import", str(sheet), "--org", "north-lincolnshire-ccg"]) == 0
    nl = raw(data_copy, "north-lincolnshire-ccg")
    assert nl["responses"][0]["actions"][0]["lead"] == "NA"
    n_a = [
        a
        for r in nl["responses"]
        for a in r.get("actions", [])
        for p in a.get("progress", [])
        if p.get("status_as_written") == "N/A"
    ]
    assert len(n_a) == 6  # North Lincolnshire's "N/A" RAG cells, kept as written


def test_a_new_quarter_is_added_as_rows(data_copy: Path, tmp_path: Path) -> None:
    sheet = plan_sheet(data_copy, tmp_path)

    def new_quarter(book: Workbook) -> None:
        book["Reports"].append(["q1-2015", "Quarter 1 progress report 2015", "Governing Body", "2015-06-30"])
        plan = book["Plan"]
        first = [c.value for c in plan[2]]
        first[column(book, "Progress report") - 1] = "q1-2015"
        first[column(book, "Status") - 1] = "green"
        first[column(book, "Progress") - 1] = "Monitoring in place"
        first[column(book, "Status as written") - 1] = ""
        plan.insert_rows(3)
        for index, value in enumerate(first, start=1):
            plan.cell(row=3, column=index, value=value)

    edit(sheet, new_quarter)
    assert main(["--data", str(data_copy), "import", str(sheet), "--org", "north-lincolnshire-ccg"]) == 0
    action = raw(data_copy, "north-lincolnshire-ccg")["responses"][0]["actions"][0]
    assert [p["report"] for p in action["progress"]] == ["action-plan-2014-02", "q1-2015"]
    assert action["progress"][1]["status"] == "green"


def test_each_row_is_tall_enough_for_its_wrapped_text(data_copy: Path, tmp_path: Path) -> None:
    """A row whose longest text wraps to n lines in its column is n lines of 15 points high (at most Excel's
    409); a row whose every value fits on one line keeps the default height."""
    book = load_workbook(plan_sheet(data_copy, tmp_path))
    sheet = book["Plan"]
    widths = {  # openpyxl gives adjacent columns of one width as one range
        index: int(dimension.width)  # XlsxWriter adds its padding (0.71)
        for dimension in sheet.column_dimensions.values()
        for index in range(dimension.min, dimension.max + 1)
    }
    tall = 0
    for row in sheet.iter_rows(min_row=2):
        wanted = 1
        for cell in row:
            text = cell.value if isinstance(cell.value, str) else ""  # a date is one line
            if text:
                width = widths[cell.column] - 2
                wanted = max(wanted, sum(max(1, -(-len(line) // width)) for line in text.split("\n")))
        height = sheet.row_dimensions[row[0].row].height
        if wanted > 1:
            assert height == pytest.approx(min(15 * wanted, 409), abs=0.25), (row[0].row, wanted, height)
            tall += 1
        else:
            assert height is None, row[0].row
    assert tall > 10  # (every row of this plan has a text that wraps)
