"""The pictures in the guide to updating a plan (content/update.md), made from the real thing:

- the Plan sheet of a real organisation's workbook, as LibreOffice draws it (converted to PDF, whose first
  page is rendered as an image);
- the comment the inbox writes on a pull request, from a real run of `python -m generator inbox` on an
  edited workbook, drawn by Chromium in GitHub's colours.

    python -m generator.tools.guide_images [--out content/images/update]

Needs LibreOffice (soffice) and Chromium, as `make test` installs them, and the dev requirements.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import markdown

from ..settings import ROOT

ORG = "north-lincolnshire-ccg"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
_GITHUB_CSS = """
body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial,
  sans-serif; color: #1f2328; }
.comment { margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; max-width: 860px; }
.head { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0;
  color: #59636e; }
.head b { color: #1f2328; }
.body { padding: 8px 16px 16px; }
h2 { font-size: 1.4em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h3 { font-size: 1.15em; } code { background: #eff1f3; padding: .1em .3em; border-radius: 4px; font-size: 85%; }
a { color: #0969da; }
"""


def plan_sheet(book: Path, out: Path, work: Path) -> None:
    """The Plan sheet's first rows and columns, as LibreOffice prints them."""
    import pypdfium2
    from openpyxl import load_workbook

    view = work / "plan-view.xlsx"
    workbook = load_workbook(book)
    for name in list(workbook.sheetnames):
        if name != "Plan":  # LibreOffice prints every sheet: the first page is then the Plan's
            del workbook[name]
    plan = workbook["Plan"]
    # The columns a communications lead changes for a new report; the others are hidden in this view.
    shown = {"Recommendation", "Action no.", "Action ref", "Action", "Lead", "Progress report", "Status", "Progress"}
    for cell in plan[1]:
        if cell.value not in shown:
            plan.column_dimensions[cell.column_letter].hidden = True
    for number in range(2, 10):
        plan.row_dimensions[number].height = 60
    plan.print_area = f"A1:{plan.cell(1, plan.max_column).column_letter}9"
    plan.page_setup.orientation = "landscape"
    workbook.active = workbook.sheetnames.index("Plan")
    workbook.save(view)
    profile = f"-env:UserInstallation=file://{work / 'profile'}"
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    subprocess.run(  # noqa: S603
        [soffice, profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(work), str(view)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    page = pypdfium2.PdfDocument(work / "plan-view.pdf")[0]
    image = page.render(scale=2).to_pil()
    image.crop(_content_box(image)).save(out / "plan-sheet.png", optimize=True)


def _content_box(image: Any) -> tuple[int, int, int, int]:
    """The part of a rendered page with something on it, with a margin."""
    from PIL import ImageOps

    box = ImageOps.invert(image.convert("L")).getbbox()
    if box is None:
        return 0, 0, image.width, image.height
    left, top, right, bottom = box
    return max(left - 24, 0), max(top - 24, 0), right + 24, bottom + 24


def pull_request_comment(data: Path, out: Path, work: Path) -> None:
    """A real run of the inbox on an edited workbook, and its comment drawn as GitHub shows one."""
    from openpyxl import load_workbook
    from playwright.sync_api import sync_playwright

    copy = work / "data"
    shutil.copytree(data, copy)
    uploads = work / "imports"
    uploads.mkdir()
    book = uploads / f"{ORG}.xlsx"
    python = [str(ROOT / ".venv" / "bin" / "python"), "-m", "generator", "--data", str(copy)]
    subprocess.run([*python, "export", "--org", ORG, "--out", str(book)], cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    workbook = load_workbook(book)
    plan = workbook["Plan"]
    headers = [c.value for c in plan[1]]
    plan.cell(row=2, column=headers.index("Status") + 1).value = "Complete"
    plan.cell(row=2, column=headers.index("Progress") + 1).value = "Presented to Governing Body February 2014; done."
    workbook.save(book)
    result = work / "inbox"
    run_url = "https://github.com/OWNER/REPOSITORY/actions/runs/1"
    command = [*python, "inbox", "--uploads", str(uploads), "--out", str(result), "--run-url", run_url]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    body = markdown.markdown((result / "comment.md").read_text(encoding="utf-8"))
    html = (
        f"<!doctype html><meta charset=utf-8><style>{_GITHUB_CSS}</style><div class=comment><div class=head>"
        "<b>github-actions</b> bot commented</div><div class=body>" + body + "</div></div>"
    )
    page_file = work / "comment.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 900, "height": 600}, device_scale_factor=2)
        page.goto(page_file.as_uri())
        page.locator(".comment").screenshot(path=str(out / "pull-request-comment.png"))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "content" / "images" / "update")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        book = work / f"{ORG}.xlsx"
        python = [str(ROOT / ".venv" / "bin" / "python"), "-m", "generator", "--data", str(args.data)]
        subprocess.run([*python, "export", "--org", ORG, "--out", str(book)], cwd=ROOT, check=True, capture_output=True)  # noqa: S603
        plan_sheet(book, args.out, work)
        pull_request_comment(args.data, args.out, work)
    print(f"Wrote {args.out / 'plan-sheet.png'} and {args.out / 'pull-request-comment.png'}")


if __name__ == "__main__":
    main()
