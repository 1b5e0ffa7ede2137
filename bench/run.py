"""Benchmark: build the real data and synthetic national-scale data sets, and measure them.

    python bench/run.py [--orgs 50 500] [--out bench/out]

For each data set it runs the real build (python -m generator build) in a child process and records
the time of each step, peak memory, output size, page sizes, and the bytes a browser fetches for typical
searches (typed into the search box in headless Chromium, served from localhost). Figures go to
bench/out/results.json. This is a measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import socketserver
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
AS_AT = "2026-11-23"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
QUERIES = ["duty of candour", "complaints", "123"]


def build(data: Path, out: Path) -> dict[str, Any]:
    started = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--data",
            str(data),
            "--as-at",
            AS_AT,
            "build",
            "--pages",
            str(out / "pages"),
            "--site",
            str(out / "site"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"The build of {data} failed:\n" + "\n".join(result.stderr.splitlines()[-20:]))
    total = time.perf_counter() - started
    line = next(x for x in result.stderr.splitlines() if x.startswith("Built "))
    steps_text = line.split("(", 1)[1].rsplit(")", 1)[0]
    steps = {name.strip(): float(seconds) for name, seconds in re.findall(r"([A-Za-z ()]+?) ([\d.]+) s", steps_text)}
    peak = int(re.search(r"peak memory (\d+) MB", line).group(1))  # type: ignore[union-attr]
    return {"total_s": round(total, 1), "steps_s": steps, "peak_memory_mb": peak}


def sizes(site: Path) -> dict[str, Any]:
    pages = [p.stat().st_size for p in site.rglob("*.html")]
    files = [p.stat().st_size for p in site.rglob("*") if p.is_file()]
    index = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {
        "output_mb": round(sum(files) / 1e6, 1),
        "files": len(files),
        "pages": len(pages),
        "page_kb_median": round(statistics.median(pages) / 1e3, 1),
        "page_kb_max": round(max(pages) / 1e3, 1),
        "largest_page": str(max(site.rglob("*.html"), key=lambda p: p.stat().st_size).relative_to(site)),
        "search_index_mb": round(sum(index) / 1e6, 1),
        "search_index_files": len(index),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def search_bytes(site: Path, queries: list[str]) -> dict[str, Any]:
    """Bytes a browser fetches for each query: the first (with the search runtime) and later ones."""
    from playwright.sync_api import sync_playwright

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    figures: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            for first, query in enumerate(queries):
                page = browser.new_page()
                fetched: list[int] = []
                page.on(
                    "requestfinished",
                    lambda r: fetched.append(r.sizes()["responseBodySize"]) if "/pagefind/" in r.url else None,
                )
                page.goto(base + "/about/")
                page.locator("#fr-search-input").focus()
                page.wait_for_timeout(800)  # the runtime loads on focus
                runtime = sum(fetched)
                fetched.clear()
                page.keyboard.type(query)
                page.locator(".fr-search__status").filter(has_text="result").wait_for(timeout=60000)
                page.wait_for_timeout(500)
                results = page.locator(".fr-search__status").inner_text()
                figures[query] = {
                    "runtime_kb": round(runtime / 1e3, 1),
                    "query_kb": round(sum(fetched) / 1e3, 1),
                    "total_kb": round((runtime + sum(fetched)) / 1e3, 1),
                    "status": results,
                }
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, nargs="*", default=[50, 500])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sets = [("real", ROOT / "data")]
    for n in args.orgs:
        data = args.out / f"synthetic-{n}"
        subprocess.run(
            [sys.executable, "-m", "generator", "synth", "--orgs", str(n), "--seed", "1", "--out", str(data)],
            cwd=ROOT,
            check=True,
        )
        sets.append((f"synthetic-{n}", data))
    results: dict[str, Any] = {}
    for name, data in sets:
        out = args.out / f"build-{name}"
        print(f"Building {name}...", file=sys.stderr)
        figures = build(data, out)
        yaml_mb = sum(p.stat().st_size for p in data.rglob("*.yaml")) / 1e6
        figures.update({"data_yaml_mb": round(yaml_mb, 1)}, **sizes(out / "site"))
        figures["search"] = search_bytes(out / "site", QUERIES)
        results[name] = figures
        print(json.dumps({name: figures}, indent=2), file=sys.stderr)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.out / 'results.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
