"""Validators nobody here wrote, on every kind of page of the real built site: the Nu Html Checker (HTML),
pa11y with HTML_CodeSniffer (WCAG 2 AA) and Lighthouse (accessibility). axe runs in test_quality.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_quality import EVERY_KIND

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BIN = ROOT / "node_modules" / ".bin"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = [p for p in EVERY_KIND if "?" not in p] + [
    "/update/",
    "/glossary/",
    "/sources/003_cf3087e26c055bee/",
    "/404.html",
]
LIGHTHOUSE = ["/", "/recommendations/123/", "/organisations/north-lincolnshire-ccg/", "/statements/2014/", "/search/"]


def html_file(site: Path, path: str) -> Path:
    return site / (path.strip("/") + ("" if path.endswith(".html") else "/index.html")).lstrip("/")


def test_the_nu_html_checker_finds_no_error(site: Path) -> None:
    java = shutil.which("java")
    assert java and VNU.exists(), "Java (Debian: default-jre-headless) and vnu-jar (npm) are installed by make test"
    files = [str(html_file(site, p)) for p in PAGES]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    found = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert found == []
    assert len(files) == len(PAGES) >= 17


def test_the_checker_does_check(tmp_path: Path) -> None:
    # Without this, a silently broken checker would pass the test above.
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="en"><title>x</title><label aria-label="y" for="z">a</label>', "utf-8")
    java = shutil.which("java")
    assert java
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(result.stderr)["messages"]


def test_pa11y_finds_no_error(base_url: str) -> None:
    assert (BIN / "pa11y").exists(), "pa11y is installed by make test (npm ci)"
    urls = [base_url + p for p in PAGES]
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "validators" / "pa11y.mjs"), *urls],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "CHROMIUM": CHROMIUM},
        timeout=600,
    )
    found = json.loads(result.stdout)
    assert sorted(found) == sorted(urls)
    assert {url: issues for url, issues in found.items() if issues} == {}


@pytest.mark.parametrize("path", LIGHTHOUSE)
def test_lighthouse_accessibility_is_100(base_url: str, tmp_path: Path, path: str) -> None:
    report = tmp_path / "report.json"
    command = [str(BIN / "lighthouse"), base_url + path, "--only-categories=accessibility", "--output=json"]
    command += [f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    subprocess.run(command, check=True, capture_output=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
    found = json.loads(report.read_text(encoding="utf-8"))
    failing = [
        name
        for name, audit in found["audits"].items()
        if audit.get("score") not in (None, 1) and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    assert (found["categories"]["accessibility"]["score"], failing) == (1, [])
