"""The open-data workbook (XlsxWriter): what goes in comes back out through openpyxl, and the bytes are stable."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from generator.publish.workbook import MAX_CELL, workbook


def test_cells_round_trip_through_openpyxl() -> None:
    rows = [
        ["plain", 123, 4.5, None, True],
        ["<b>&amp; “quotes” ‘too’</b>", -7, 0.1, "", False],
        ["  leading and trailing spaces  ", 0, 1e-9, "line one\nline two", None],
        ["bell\x07 and nul\x00", 2**40, 3.0, "'=SUM(A1)", None],
    ]
    data = workbook(
        [("First & <one>", ["text", "int", "float", "maybe", "flag"], rows), ("Second", ["a"], [["x"]])], "Title"
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["First & <one>", "Second"]
    sheet = book["First & <one>"]
    assert [c.value for c in sheet[1]] == ["text", "int", "float", "maybe", "flag"]
    assert sheet["A1"].font.b  # the header is bold
    assert sheet.freeze_panes == "A2"
    got = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert got[0] == ["plain", 123, 4.5, None, True]
    assert got[1] == ["<b>&amp; “quotes” ‘too’</b>", -7, 0.1, None, False]
    assert got[2] == ["  leading and trailing spaces  ", 0, 1e-9, "line one\nline two", None]
    assert got[3][0] == "bell_x0007_ and nul_x0000_"  # Excel's escape for characters XML cannot carry
    assert got[3][1:4] == [2**40, 3.0, "'=SUM(A1)"]
    assert book.properties.title == "Title"
    assert book["Second"]["A2"].value == "x"


def test_overlong_text_is_shortened_to_what_excel_keeps_and_says_so() -> None:
    book = load_workbook(io.BytesIO(workbook([("S", ["t"], [["x" * (MAX_CELL + 10)]])], "T")))
    value = book["S"]["A2"].value
    assert len(value) <= MAX_CELL and value.endswith("see the CSV for all of it]")


def test_same_tables_same_bytes() -> None:
    def make() -> bytes:
        return workbook([("S", ["a", "b"], ([n, f"row {n}"] for n in range(100)))], "T")

    assert make() == make()
