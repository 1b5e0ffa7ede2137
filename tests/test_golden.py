"""Golden files: a small data set that uses every field, with hostile text (tests/fixtures/golden), is
generated, and what comes out is compared with tests/golden/ byte for byte. After a deliberate change,
`pytest tests/test_golden.py --update-golden` rewrites them; review the diff like any other change."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.__main__ import main

from .conftest import AS_AT, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "golden"
GOLDEN = ROOT / "tests" / "golden"
OUTPUTS = [
    "organisations/golden-trust.md",
    "recommendations/1.md",
    "recommendations/2.md",
    "index.md",
    "organisations/golden-trust/responses-and-actions.csv",
    "organisations/golden-trust/responses.json",
    "data/francis-progress-data.zip/progress.csv",  # a table of the bulk ZIP
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden")
    args = ["--data", str(FIXTURE / "data"), "--as-at", AS_AT.isoformat(), "--cache", str(out / "cache")]
    assert main([*args, "generate", "--content", str(ROOT / "content"), "--out", str(out / "pages")]) == 0
    return out / "pages"


def _made(generated: Path, output: str) -> bytes:
    if ".zip/" in output:
        archive, member = output.split(".zip/")
        with zipfile.ZipFile(generated / f"{archive}.zip") as opened:
            return opened.read(member)
    return (generated / output).read_bytes()


@pytest.mark.parametrize("output", OUTPUTS)
def test_output_is_the_golden_file(output: str, generated: Path, request: pytest.FixtureRequest) -> None:
    made = _made(generated, output)
    golden = GOLDEN / output.replace("/", "__")
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(made)
    assert golden.exists(), f"no golden file for {output}: run pytest {__file__} --update-golden"
    assert made.decode("utf-8") == golden.read_bytes().decode("utf-8"), output


def test_hostile_text_is_only_ever_text(generated: Path) -> None:
    page = (generated / "organisations" / "golden-trust.md").read_text(encoding="utf-8")
    body = page.split("---\n", 2)[2]  # all but the front matter: the title too
    for live in ("<script", "<img", "<b>", "<em>", "<i>", 'href="javascript:', "<DoN>"):
        assert live not in body, live
    assert not re.search(r"<[^>]*\son\w+=", body)  # no tag carries an event handler
    # The title is HTML, not Markdown: no attribute list, link or bold can come alive in it.
    assert (
        body.split("</nav>\n", 1)[1]
        .lstrip()
        .startswith(  # after the breadcrumbs
            "<h1>Golden &lt;script&gt;window.__pwned=1&lt;/script&gt; NHS Trust &amp; Friends **bold** "
            "[x](javascript:alert(1)) {: autofocus onfocus=alert(1) }</h1>\n"
        )
    )
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "{{ 7*7 }}" not in body and "{% raw %}" in body  # shown, never run as a template
