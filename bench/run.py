"""Benchmark: build the real data and synthetic national-scale data sets with this tree's code and with
another commit's, side by side in one run (this machine is noisy: only figures taken together compare).

    python bench/run.py [--orgs 50 500] [--seed 7] [--base REV] [--out bench/out]

The base is the previous commit (HEAD~1), or HEAD when the tree has uncommitted changes; `--base none`
measures this tree alone. For each data set and each of the two, it runs the real build (python -m
generator build) in a child process, first twice from nothing (as a release builds; the two trees in the
order A B B A, and the faster of each tree's two counts), then again with the same data (parsed data,
PDFs, workbooks and search bundles cached), then, for synthetic data, with one
organisation's text changed (as a CI check of an update builds), the two trees taking turns, each
building its own data (its real data, and the synthetic data its own `synth` makes with the same seed: a
commit that changes the data format cannot read the other's), and records the time of each step, peak
memory of all the build's processes, output size, page sizes, and the bytes a browser fetches for
typical searches (typed into the search box in headless Chromium, served from localhost). Figures go to
bench/out/results.json and a table of them to the terminal. This is a measurement, not a test: nothing
here passes or fails.
"""

from __future__ import annotations

import argparse
import fnmatch
import functools
import gzip
import http.server
import json
import os
import re
import shutil
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


def _family(root: int) -> set[int]:
    """A process and all its descendants."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return family


def _sum_field(pids: set[int], file: str, name: str) -> int:
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/{file}").read_text()
        except OSError:
            continue
        match = re.search(rf"^{name}:\s+(\d+) kB", text, re.M)
        total += int(match.group(1)) * 1024 if match else 0
    return total


def tree_memory(root: int, proportional: bool) -> int:
    """Memory of a process and its descendants, in bytes. Proportional: the sum of their proportional set
    sizes, so pages a forked child still shares with its parent count once. Otherwise the sum of their
    resident sizes, which counts those pages twice (an upper bound) but costs almost nothing to read:
    the kernel takes about 70 ms to add up a 3 GB process's proportional size, so it is read less often."""
    if proportional:
        return _sum_field(_family(root), "smaps_rollup", "Pss")
    return _sum_field(_family(root), "status", "VmRSS")


def build(code: Path, data: Path, out: Path, cache: Path) -> dict[str, Any]:
    """One build with the code in `code`, timed, with its phases from the summary line and the peak memory
    of all its processes."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "generator", "--data", str(data), "--as-at", AS_AT, "--cache", str(cache)]
    command += ["build", "--pages", str(out / "pages"), "--site", str(out / "site")]
    process = subprocess.Popen(command, cwd=code, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603
    peak = peak_rss = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_rss
        ticks = 0
        while not done.wait(0.25):
            peak_rss = max(peak_rss, tree_memory(process.pid, proportional=False))
            ticks += 1
            if ticks % 8 == 1:  # soon after the start, then every 2 s: reading it costs the build CPU time
                peak = max(peak, tree_memory(process.pid, proportional=True))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _stdout, stderr = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        sys.exit(f"The build of {data} failed:\n" + "\n".join(stderr.splitlines()[-20:]))
    total = time.perf_counter() - started
    line = next(x for x in stderr.splitlines() if x.startswith("Built "))
    steps_text = line.split("(", 1)[1].rsplit(")", 1)[0]
    steps = {name.strip(): float(seconds) for name, seconds in re.findall(r"([A-Za-z ()]+?) ([\d.]+) s", steps_text)}
    largest = int(re.search(r"largest process (\d+) MB", line).group(1))  # type: ignore[union-attr]
    return {
        "total_s": round(total, 1),
        "steps_s": steps,
        "peak_memory_mb": round(peak / 1e6),  # all processes together (proportional), sampled every 2 s
        "peak_resident_mb": round(peak_rss / 1e6),  # the same, shared pages counted twice, every 0.25 s
        "largest_process_mb": largest,
    }


def _pair(figures: dict[str, Any], kind: str) -> str:
    return f"{figures.get(f'{kind}_kb_median', '?')} / {figures.get(f'{kind}_kb_max', '?')}"


# What the site's bytes are, for issue 22's size target: each file counts in the first part whose pattern
# matches its path (fnmatch: `*` matches across folders too).
PARTS = [
    ("organisation pages", "organisations/*/index.html"),
    ("recommendation pages", "recommendations/*/index.html"),
    ("organisations' responses.json", "organisations/*/responses.json"),
    ("organisations' CSV", "organisations/*/responses-and-actions.csv"),
    ("recommendations' CSV", "recommendations/*/responses-and-actions.csv"),
    ("organisations' plan.xlsx", "organisations/*/plan.xlsx"),
    ("bulk XLSX", "data/*.xlsx"),
    ("bulk ZIP", "data/*.zip"),
    ("search index", "pagefind/*"),
    ("statements (pages, PDFs)", "statements/*"),
]
OTHER = "everything else"


def composition(site: Path) -> dict[str, float]:
    """MB of the site in each of PARTS, and in nothing listed (OTHER)."""
    mb = dict.fromkeys([*(name for name, _pattern in PARTS), OTHER], 0.0)
    for path in site.rglob("*"):
        if path.is_file():
            relative = path.relative_to(site).as_posix()
            part = next((name for name, pattern in PARTS if fnmatch.fnmatchcase(relative, pattern)), OTHER)
            mb[part] += path.stat().st_size / 1e6
    return {name: round(size, 1) for name, size in mb.items()}


def sizes(site: Path) -> dict[str, Any]:
    html = list(site.rglob("*.html"))
    pages = [p.stat().st_size for p in html]
    files = [p.stat().st_size for p in site.rglob("*") if p.is_file()]
    index = [p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()]
    recommendations = [p.stat().st_size for p in (site / "recommendations").glob("*/index.html")]
    organisations = [p.stat().st_size for p in (site / "organisations").glob("*/index.html")]
    largest = max(html, key=lambda p: p.stat().st_size)
    return {
        "output_mb": round(sum(files) / 1e6, 1),
        "files": len(files),
        "pages": len(pages),
        "page_kb_median": round(statistics.median(pages) / 1e3, 1),
        "page_kb_max": round(max(pages) / 1e3, 1),
        "recommendation_kb_median": round(statistics.median(recommendations) / 1e3, 1),
        "recommendation_kb_max": round(max(recommendations) / 1e3, 1),
        "organisation_kb_median": round(statistics.median(organisations) / 1e3, 1),
        "organisation_kb_max": round(max(organisations) / 1e3, 1),
        "pages_over_500_kb": sum(1 for n in pages if n > 500_000),
        "largest_page": str(largest.relative_to(site)),
        # what a browser downloads of it: GitHub Pages sends HTML gzipped (issue 22's 500 KB is on disk)
        "page_kb_max_gzipped": round(len(gzip.compress(largest.read_bytes(), 6)) / 1e3, 1),
        "search_index_mb": round(sum(index) / 1e6, 1),
        "search_index_files": len(index),
        "composition_mb": composition(site),
    }


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def search_bytes(site: Path, queries: list[str]) -> dict[str, Any]:
    """Bytes a browser fetches for each query: the first (with the search runtime) and later ones."""
    from playwright.sync_api import Request, sync_playwright

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    figures: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            for query in queries:
                page = browser.new_page()
                fetched: list[int] = []

                def count(request: Request, fetched: list[int] = fetched) -> None:
                    if "/pagefind/" in request.url:
                        fetched.append(request.sizes()["responseBodySize"])

                page.on("requestfinished", count)
                page.goto(base + "/about/")
                page.locator("#fr-search-input").focus()
                page.wait_for_timeout(800)  # the runtime loads on focus
                runtime = sum(fetched)
                fetched.clear()
                page.keyboard.type(query)
                page.locator(".fr-search__status").filter(has_text=f"for “{query}”").wait_for(timeout=60000)
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
        server.server_close()
    return figures


def _base(requested: str) -> str | None:
    if requested == "none":
        return None
    if requested:
        return requested
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S607
    return "HEAD" if dirty.stdout.strip() else "HEAD~1"


def _worktree(folder: Path, commit: str) -> Path:
    """A checkout of `commit` in `folder`, for building with that commit's code and data."""
    subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, capture_output=True)  # noqa: S603, S607
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(folder), commit], cwd=ROOT, check=True)  # noqa: S603, S607
    return folder


def edited(data: Path, out: Path) -> Path:
    """A copy of the data in `out` with one text of the middle organisation changed, as when a communications
    lead updates a plan: what a CI check builds, with the cache of the build before."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(data, out)
    files = sorted((out / "organisations").glob("*.yaml"))
    target = files[len(files) // 2]
    text = target.read_text(encoding="utf-8")
    if "      text: " not in text:
        sys.exit(f"{target} has no text to edit")
    target.write_text(text.replace("      text: ", "      text: Updated. ", 1), encoding="utf-8")
    return out


def measure(trees: dict[str, Path], data: dict[str, Path], out: Path, edit: bool) -> dict[str, Any]:
    """Two builds from nothing with each tree's code of that tree's data, in the order A B B A, the faster
    of the two each tree's figure (in one sitting the first build from nothing ran 10 s slower whichever
    code it was: issue 22); then a warm one each, and, if `edit`, one of the data with one organisation's
    text changed (`edited`). The site's figures are those of the last build."""
    names = list(trees)
    runs = [("cold", name) for name in [*names, *reversed(names)]] + [("warm", name) for name in names]
    runs += [("edited", name) for name in names] if edit else []
    figures: dict[str, Any] = {name: {} for name in names}
    for state, name in runs:
        if state == "cold":  # as a release builds: no cache, no page sources, no site
            for folder in ("cache", "pages", "site"):
                shutil.rmtree(out / name / folder, ignore_errors=True)
        source = edited(data[name], out / name / "edited-data") if state == "edited" else data[name]
        made = build(trees[name], source, out / name, out / name / "cache")
        figures[name].setdefault(f"{state}_runs", []).append(made)
    for name in names:
        for state in ("cold", "warm", "edited") if edit else ("cold", "warm"):
            figures[name][state] = min(figures[name][f"{state}_runs"], key=lambda run: run["total_s"])
        yaml_mb = round(sum(p.stat().st_size for p in data[name].rglob("*.yaml")) / 1e6, 1)
        figures[name].update({"data_yaml_mb": yaml_mb}, **sizes(out / name / "site"))
        figures[name]["search"] = search_bytes(out / name / "site", QUERIES)
    return figures


ROWS = [
    ("cold build (the faster of two), s", lambda f: f["cold"]["total_s"]),
    ("  both, in the order run, s", lambda f: " / ".join(str(r["total_s"]) for r in f.get("cold_runs", []))),
    ("warm build, s", lambda f: f["warm"]["total_s"]),
    ("one organisation edited, s", lambda f: f["edited"]["total_s"] if "edited" in f else ""),
    ("peak memory (PSS) warm, MB", lambda f: f["warm"]["peak_memory_mb"]),
    ("peak memory (PSS) cold, MB", lambda f: f["cold"]["peak_memory_mb"]),
    ("output, MB", lambda f: f["output_mb"]),
    *(
        (f"  of which {name}, MB", lambda f, name=name: f.get("composition_mb", {}).get(name, "?"))
        for name in [*(name for name, _pattern in PARTS), OTHER]
    ),
    ("files", lambda f: f["files"]),
    ("largest page, KB", lambda f: f["page_kb_max"]),
    ("  gzipped, as sent, KB", lambda f: f.get("page_kb_max_gzipped", "")),
    ("median page, KB", lambda f: f["page_kb_median"]),
    ("recommendation page median / max, KB", lambda f: _pair(f, "recommendation")),
    ("organisation page median / max, KB", lambda f: _pair(f, "organisation")),
    ("pages over 500 KB", lambda f: f.get("pages_over_500_kb", "")),
    *(
        (
            f"search '{q}': runtime + query, KB",
            lambda f, q=q: f"{f['search'][q]['runtime_kb']} + {f['search'][q]['query_kb']}",
        )
        for q in QUERIES
    ),
]


def table(results: dict[str, Any], base: str | None) -> str:
    names = ["base", "head"] if base else ["head"]
    lines = []
    for data_set, figures in results.items():
        lines.append(f"\n{data_set}" + (f" (base: {base})" if base else ""))
        lines.append("  " + "figure".ljust(44) + "".join(n.rjust(16) for n in names))
        for label, get in ROWS:
            lines.append("  " + label.ljust(44) + "".join(str(get(figures[n])).rjust(16) for n in names))
    return "\n".join(lines)


def _freeze_past_years(code: Path, data: Path, cache: Path) -> None:
    """Archive the statements of the years before AS_AT's, as a site that has published them each year has
    them (issue 22): a fresh build then makes only the current year's PDF."""
    dated = re.compile(r"date: '?(20\d\d)")
    first = min(int(y) for f in (data / "organisations").glob("*.yaml") for y in dated.findall(f.read_text()))
    years = [str(y) for y in range(first, int(AS_AT[:4]))]
    command = [sys.executable, "-m", "generator", "--data", str(data), "--as-at", AS_AT, "--cache", str(cache)]
    environment = {**os.environ, "SITE_URL": "https://bench.example.nhs.uk/"}
    subprocess.run([*command, "freeze", *years], cwd=code, check=True, env=environment)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, nargs="*", default=[50, 500])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--base", default="", help="the commit to compare with (default: the previous one); none")
    parser.add_argument(
        "--head", default="", help="a commit to measure instead of this tree (so the tree can change meanwhile)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = _base(args.base)
    trees = {"head": _worktree(args.out / "head-tree", args.head) if args.head else ROOT}
    if base:
        trees = {"base": _worktree(args.out / "base-tree", base), **trees}
    # Each tree builds its own data: its real data, and synthetic data made by its own `synth` with the same
    # seed (a commit that changes the data format could not read the other's).
    sets: list[tuple[str, dict[str, Path]]] = [("real", {name: code / "data" for name, code in trees.items()})]
    for n in args.orgs:
        made: dict[str, Path] = {}
        for name, code in trees.items():
            made[name] = args.out / f"synthetic-{n}" / name
            command = [sys.executable, "-m", "generator", "synth", "--orgs", str(n), "--seed", str(args.seed)]
            command += ["--out", str(made[name])]
            subprocess.run(command, cwd=code, check=True)  # noqa: S603 - our own command line
            if (code / "generator" / "freezing.py").exists():
                _freeze_past_years(code, made[name], args.out / f"freeze-cache-{n}")
        sets.append((f"synthetic-{n}", made))
    results: dict[str, Any] = {}
    try:
        for name, data in sets:
            print(f"Building {name}...", file=sys.stderr)
            # the real data's change log is read from git, so only the synthetic data is edited
            results[name] = measure(trees, data, args.out / f"build-{name}", edit=name != "real")
    finally:
        for code in trees.values():
            if code != ROOT:
                subprocess.run(["git", "worktree", "remove", "--force", str(code)], cwd=ROOT, check=True)  # noqa: S603, S607
    (args.out / "results.json").write_text(
        json.dumps({"base": base, "sets": results}, indent=2) + "\n", encoding="utf-8"
    )
    print(table(results, base))
    print(f"Wrote {args.out / 'results.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
