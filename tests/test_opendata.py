"""Open data downloads: predictable files, a valid Data Package, safe in Excel, deterministic."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from pathlib import Path

from frictionless import validate

from generator.__main__ import main
from generator.publish.tables import TABLES

from .conftest import AS_AT, read
from .test_site import ORGS, text_of


def csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_each_page_has_its_files_beside_it_and_links_to_them(site: Path) -> None:
    for org_code, org in ORGS.items():
        folder = site / "organisations" / org_code
        if not org["reports"]:
            assert not (folder / "responses-and-actions.csv").exists()  # no plan here yet
            continue
        rows = csv_rows(folder / "responses-and-actions.csv")
        responses = [r for r in rows if r["row"] == "response"]
        assert sorted(int(r["recommendation"]) for r in responses) == sorted(
            r["recommendation"] for r in org["responses"]
        )
        actions = [r for r in rows if r["row"] == "action"]
        in_responses = sum(len(r.get("actions") or []) for r in org["responses"])
        assert len(actions) == in_responses + len(org.get("actions") or [])
        assert len([a for a in actions if not a["recommendation"]]) == len(org.get("actions") or [])
        assert {r["row"] for r in rows} == {"response", "action"} if actions else {"response"}
        page = read(site, f"organisations/{org_code}")
        for name in ("responses-and-actions.csv", "responses.json", "plan.xlsx"):
            assert f'href="{name}"' in page and (folder / name).is_file()
        assert sorted(p.name for p in folder.iterdir()) == [
            "index.html",
            "plan.xlsx",
            *sorted(["responses-and-actions.csv", "responses.json"]),
        ]
    # A recommendation's one file: each response, then its actions, then the whole plans' actions naming it.
    folder = site / "recommendations" / "123"
    assert sorted(p.name for p in folder.iterdir()) == ["index.html", "responses-and-actions.csv"]
    rows = csv_rows(folder / "responses-and-actions.csv")
    responding = [r["organisation"] for r in rows if r["row"] == "response"]
    assert sorted(responding) == sorted(
        code for code, org in ORGS.items() if any(r["recommendation"] == 123 for r in org["responses"])
    )
    first = rows.index(next(r for r in rows if r["organisation"] == "north-lincolnshire-ccg"))
    assert rows[first]["row"] == "response" and rows[first + 1]["row"] == "action"
    assert rows[first + 1]["lead"] == "AO DoR&Q" and rows[first + 1]["action"] == "1"
    assert rows[first]["lead"] == ""  # a response has no lead: its columns of the actions table are empty
    page = read(site, "recommendations/123")
    assert 'href="responses-and-actions.csv"' in page and "responses.json" not in page
    nl = json.loads((site / "organisations" / "north-lincolnshire-ccg" / "responses.json").read_text(encoding="utf-8"))
    first = nl["responses"][0]["actions"][0]
    assert first["ref"] == "1.1" and first["progress"][0]["text"] == "Presented to Governing Body February 2014"


def test_the_data_package_in_the_zip_is_valid(site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(site / "data" / "francis-progress-data.zip") as archive:
        archive.extractall(tmp_path)
    report = validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert "Open Government Licence v3.0" in package["sources"][0]["title"]
    assert len(csv_rows(tmp_path / "recommendations.csv")) == 290
    assert sorted(r["path"] for r in package["resources"]) == sorted(p.name for p in tmp_path.glob("*.csv"))


def test_bulk_files_are_published_once(site: Path) -> None:
    assert sorted(p.name for p in (site / "data").iterdir()) == [
        "francis-action-plan-template.xlsx",
        "francis-progress-data.xlsx",
        "francis-progress-data.zip",
        "index.html",
    ]
    with zipfile.ZipFile(site / "data" / "francis-progress-data.zip") as archive:
        assert archive.namelist() == sorted(
            [
                "actions.csv",
                "datapackage.json",
                "notes.csv",
                "organisations.csv",
                "progress.csv",
                "recommendations.csv",
                "reports.csv",
                "responses.csv",
                "status_keys.csv",
            ]
        )
        responses = list(csv.DictReader(io.StringIO(archive.read("responses.csv").decode("utf-8-sig"))))
        assert len(responses) == sum(len(org["responses"]) for org in ORGS.values())
    from openpyxl import load_workbook

    book = load_workbook(site / "data" / "francis-progress-data.xlsx")
    assert book.sheetnames == [t.title for t in TABLES]
    assert book["Recommendations"].max_row == 291


def test_data_page_explains_every_field(site: Path) -> None:

    page = read(site, "data")
    for table in TABLES:
        # The table's own section, then a row for each field: its name, type and description.
        section = page.split(f'<h3 id="table-{table.name}">', 1)[1].split("</table>", 1)[0]
        section = re.sub(r'<a class="fr-term" [^>]*>(.*?)</a>', r"\1", section)  # glossary links aside
        for field in table.fields:
            kind = {"string": "text", "integer": "whole number", "date": "date"}[field.type]
            meaning = html.escape(field.description).replace("&#x27;", "&#39;")
            row = (
                f'<tr><th scope="row" data-label="Field"><code>{field.name}</code></th>'
                f'<td data-label="Type">{kind}</td><td data-label="Meaning">{meaning}</td></tr>'
            )
            assert row in section, (table.name, field.name)
    assert "Open Government Licence v3.0" in text_of(page)


def test_text_that_excel_would_run_is_neutralised(data_copy: Path, tmp_path: Path) -> None:
    org = data_copy / "organisations" / "bury-ccg.yaml"
    text = org.read_text(encoding="utf-8")
    text = text.replace(
        "    position: Processes in place\n",
        '    position: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"\n',
        1,
    )
    assert "=HYPERLINK" in text
    org.write_text(text, encoding="utf-8")
    out = tmp_path / "pages"
    assert main(["--data", str(data_copy), "--as-at", AS_AT.isoformat(), "generate", "--out", str(out)]) == 0
    rows = {
        r["recommendation"]: r
        for r in csv_rows(out / "organisations" / "bury-ccg" / "responses-and-actions.csv")
        if r["row"] == "response"
    }
    assert rows["137"]["position"] == '\'=HYPERLINK("http://evil.example","click")'
    assert rows["137"]["recommendation"] == "137"  # numbers are left alone


def test_the_same_data_gives_byte_identical_files(tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert main(["--as-at", AS_AT.isoformat(), "generate", "--out", str(tmp_path / name)]) == 0
    for path in (
        "data/francis-progress-data.zip",
        "data/francis-progress-data.xlsx",
        "recommendations/123/responses-and-actions.csv",
        "organisations/bury-ccg/responses-and-actions.csv",
        "organisations/bury-ccg/responses.json",
    ):
        assert (tmp_path / "one" / path).read_bytes() == (tmp_path / "two" / path).read_bytes(), path
