"""Annual progress statements, checked against figures counted by hand from the five seed documents.

By the end of 2013 two organisations had reported (Barnet, 25 April 2013; Bury, 2013, date inferred):
35 responses and Barnet's 8 commitments, none rated. In 2014 North Lincolnshire (February), Tower Hamlets
(2014, inferred) and Wigan Borough (25 February) reported: 124 responses in all, 87 actions (North
Lincolnshire 49, Tower Hamlets 10, Wigan 20 of its plan as a whole, Barnet 8). Only Wigan rates: by its key
G (GREEN) is "Action completed", A (AMBER) "work progressing": 13 complete and 3 amber, all new in 2014.
North Lincolnshire's six "N/A" cells are not ratings. Eight actions were due in 2014 or before and not
complete by its end: Barnet's first commitment (June 2013), four of North Lincolnshire's (February,
"28th Feb March", March and April 2014) and Wigan's 6, 12 and 14 (28 February and 31 March 2014); one
more of North Lincolnshire's names 2014/15, due 31 March 2015. Barnet closed on 1 April 2020, Tower
Hamlets on 1 April 2021 and the other three on 1 July 2022.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.__main__ import main

from .conftest import AS_AT, ROOT, add_2026_report, read
from .test_site import text_of


def test_one_statement_per_year_from_the_first_report(site: Path) -> None:
    index = text_of(read(site, "statements"))
    for year in range(2013, AS_AT.year + 1):
        assert (site / "statements" / str(year) / "index.html").is_file()
    assert "2014 31 December 2014 3 of 5 124 13 of 87" in index
    assert "2013 31 December 2013 2 of 2 35 0 of 8" in index
    # Years in which nobody reported are one line; each year's statement is still there, as the record.
    assert (
        "2015 to 2026: no organisation published here reported in these years. Each year's statement is kept "
        "as the record: 2015 (PDF), 2016 (PDF)"
    ) in index
    assert "2026 (provisional) (PDF)." in index
    assert (site / "statements" / "2020" / "index.html").is_file()


def test_2013_statement(site: Path) -> None:
    page = text_of(read(site, "statements/2013"))
    assert "2 of 2 organisations published here reported in 2013 (100%)" in page
    assert "Every organisation published here had reported in the 12 months to 31 December 2013." in page
    assert "35 responses to recommendations, and 8 actions." in page


def test_2014_statement_figures(site: Path) -> None:
    page = text_of(read(site, "statements/2014"))
    assert "3 of 5 organisations published here reported in 2014 (60%)" in page
    assert "124 responses to recommendations, and 87 actions." in page
    assert "Responses by status Status Responses Share Not rated 124 100% Total 124 100%" in page
    assert (
        "Actions by status Status Actions Share Complete 13 15% Amber: some risk 3 3% Not rated 71 82% Total 87 100%"
        in page
    )
    # The duty monitor names the two that had not reported in the 12 months to the year end.
    monitor = page.split("Duty monitor", 1)[1].split("Status at", 1)[0]
    assert "NHS Barnet Clinical Commissioning Group (latest report: 25 April 2013)" in monitor
    assert "NHS Bury Clinical Commissioning Group (latest report: 2013)" in monitor
    assert "Wigan" not in monitor
    # By organisation: North Lincolnshire's responses are all not rated ("N/A" is not a rating).
    assert "North Lincolnshire CCG 0 0 0 0 0 0 0 50 (100%) 50" in page
    assert (
        "89 responses first reported in 2014. 16 status changes since the end of 2013, 13 of them newly complete."
        in page
    )
    assert "Wigan Borough CCG Whole plan Plan action 8.1 New Complete" in page
    assert (
        "8 actions had passed the date in their timescale by 31 December 2014 without being reported complete." in page
    )
    assert "Wigan Borough CCG Whole plan Plan action 6: The Clinical Governance Committee will request" in page


def test_2015_statement_sees_the_financial_year_deadline_pass(site: Path) -> None:
    page = text_of(read(site, "statements/2015"))
    assert "0 of 5 organisations published here reported in 2015 (0%)" in page
    assert "9 actions had passed the date in their timescale by 31 December 2015" in page
    assert "Agreed for 2014/15 (due by 31 March 2015)" in page


def test_charts_have_text_alternatives_and_tables(site: Path) -> None:
    html = read(site, "statements/2014")
    for chart in ("chart-theme-2014", "chart-organisation-2014", "chart-years-2014"):
        svg = re.search(rf'<svg class="fr-chart fr-chart--wide" id="{chart}" role="img".*?</svg>', html, re.DOTALL)
        narrow = re.search(rf'<svg class="fr-chart fr-chart--narrow" id="{chart}-narrow".*?</svg>', html, re.DOTALL)
        assert narrow and 'viewBox="0 0 350 ' in narrow.group(0), chart  # drawn for a phone: text near 13 px
        assert svg, chart
        assert f'<title id="{chart}-title">' in svg.group(0) and f'<desc id="{chart}-desc">' in svg.group(0)
        # Every segment says its status and count in words, for screen readers and on hover.
        assert "<title>Not rated: " in svg.group(0)
    assert "<caption>Responses by theme and status, as at 31 December 2014</caption>" in html
    assert "https://" not in re.sub(r'xmlns="http://www.w3.org/2000/svg"', "", html.split("<article", 1)[1]).split(
        "</article>"
    )[0].replace("https://www.nationalarchives.gov.uk", "")


def test_pdf_of_each_statement_has_its_text(site: Path) -> None:
    from pypdf import PdfReader

    html = read(site, "statements/2014")
    assert 'href="francis-progress-statement-2014.pdf"' in html
    pdf = site / "statements" / "2014" / "francis-progress-statement-2014.pdf"
    reader = PdfReader(pdf)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert reader.pages[0].mediabox.width == 595.28 or abs(float(reader.pages[0].mediabox.width) - 595.28) < 1  # A4
    assert "Annual progress statement 2014" in text
    assert "3 of 5 organisations published here reported in 2014" in text
    assert "Page 1 of" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged for screen readers (PDF/UA)
    assert root["/Lang"] == "en"


def test_organisation_page_shows_its_progress_year_by_year(site: Path) -> None:
    page = text_of(read(site, "organisations/north-lincolnshire-ccg"))
    years = page.split("Progress year by year", 1)[1].split("Contents", 1)[0]
    assert "2014 Action Plan in response to Hard Truths 50 Not rated 49" in years
    # 2015 to 2022: no report, the same figures each year: one row. It closed on 1 July 2022.
    assert "2015 to 2022 None 50 Not rated 49" in years and "2016" not in years and "2023" not in years
    wigan = text_of(read(site, "organisations/wigan-borough-ccg"))
    years = wigan.split("Progress year by year", 1)[1].split("Contents", 1)[0]
    assert (
        "2014 Wigan Borough CCG Francis Report Action Plan Update - February 2014 22 "
        "Complete 13 Amber: some risk 3 Not rated 4" in years
    )


def test_a_past_statement_does_not_change_when_a_later_report_arrives(data_copy: Path, tmp_path: Path) -> None:
    def generate(out: Path) -> None:
        assert main(["--data", str(data_copy), "--as-at", AS_AT.isoformat(), "generate", "--out", str(out)]) == 0

    generate(tmp_path / "before")
    add_2026_report(data_copy)
    generate(tmp_path / "after")
    for year in range(2013, 2026):
        before = (tmp_path / "before" / "statements" / f"{year}.md").read_text(encoding="utf-8")
        after = (tmp_path / "after" / "statements" / f"{year}.md").read_text(encoding="utf-8")
        assert before == after, year
    latest = (tmp_path / "after" / "statements" / "2026.md").read_text(encoding="utf-8")
    assert latest != (tmp_path / "before" / "statements" / "2026.md").read_text(encoding="utf-8")
    assert "1 of 1" in latest  # the ICB that took over North Lincolnshire's duties reported in 2026
    shutil.rmtree(tmp_path)


def test_statement_introductions_come_from_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "statements").mkdir(exist_ok=True)
    (content / "statements" / "2014.md").write_text(
        "This year **five** clinical commissioning groups.\n\n<script>alert(1)</script>\n", encoding="utf-8"
    )
    out = tmp_path / "pages"
    assert main(["--as-at", AS_AT.isoformat(), "generate", "--content", str(content), "--out", str(out)]) == 0
    page = (out / "statements" / "2014.md").read_text(encoding="utf-8")
    assert "<p>This year <strong>five</strong> clinical commissioning groups.</p>" in page
    assert "<script>" not in page
    assert not (out / "statements" / "2014" / "index.md").exists()
