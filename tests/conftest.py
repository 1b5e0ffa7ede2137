"""Shared fixtures: the real data built once into a temporary folder, served on localhost."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
AS_AT = dt.date(2026, 11, 23)  # fixed, so reporting status does not drift with the calendar
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from what is made now (tests/test_golden.py)",
    )


def build_site(data: Path, out: Path, content: Path = ROOT / "content") -> int:
    """Run the real build (validate, generate, mkdocs) into out/; return its exit code."""
    return main(
        [
            "--data",
            str(data),
            "--as-at",
            AS_AT.isoformat(),
            "build",
            "--content",
            str(content),
            "--pages",
            str(out / "pages"),
            "--config",
            str(ROOT / "mkdocs.yml"),
            "--site",
            str(out / "site"),
        ]
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("real")
    assert build_site(ROOT / "data", out) == 0
    return out / "site"


def read(site: Path, url_path: str) -> str:
    return (site / url_path.strip("/") / "index.html").read_text(encoding="utf-8")  # "" is the home page


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(folder: Path) -> tuple[socketserver.TCPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server, url = serve(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright for the session: its sync API cannot be started twice in one thread."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as started:
        yield started


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not at {CHROMIUM}: run `make test`, which installs Debian's chromium")
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
    """A page that records console errors and any request that leaves localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.console_errors = []
    page.foreign_requests = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on(
        "request",
        lambda r: None if r.url.startswith(("http://127.0.0.1", "data:")) else page.foreign_requests.append(r.url),
    )
    yield page
    context.close()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def add_2026_report(data: Path) -> None:
    """NHS Humber and North Yorkshire ICB, which took over North Lincolnshire CCG's duties, publishes a
    progress report dated 30 June 2026: one response, with one action rated complete."""
    org = data / "organisations" / "nhs-humber-and-north-yorkshire-icb.yaml"
    text = org.read_text(encoding="utf-8")
    plan = """reports:
  - id: progress-2026
    title: "Progress report 2026"
    date: "2026-06-30"
responses:
  - recommendation: 1
    report: progress-2026
    position: We publish our progress every year.
    actions:
      - ref: "1.1"
        description: Publish the progress report on our website.
        progress:
          - report: progress-2026
            status: complete
"""
    assert "reports: []\nresponses: []\n" in text, "the ICB's file has changed: update add_2026_report"
    org.write_text(text.replace("reports: []\nresponses: []\n", plan), encoding="utf-8")
