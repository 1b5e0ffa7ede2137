"""The search index: Pagefind indexes the records (render/search_records.py) in a background process,
so a browser fetches only the index chunks a query needs, from the site itself."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import accumulate, pairwise
from pathlib import Path

from markupsafe import escape

from ..code_digest import code_digest
from ..leftovers import die_with_parent, partial, remove_partials, work_folder
from ..render.search_records import Record
from .search_stable import stabilise

# Pagefind's ready-made interfaces: we have our own (theme/assets/javascripts/search.js).
UNUSED = ("pagefind-component-ui", "pagefind-modular-ui", "pagefind-ui", "pagefind-highlight")


def record_html(item: Record) -> str:
    """A record as a tiny HTML document for Pagefind to index.

    Pagefind's own custom-record API goes through its service protocol one record at a time, which is
    slow at national scale; its command line parses HTML files in parallel. The record's address (a page,
    or an anchor on one) travels in the `href` meta field, and `page` lets actions link to their anchors.
    """
    meta = {**item.meta, "page": item.page, "href": item.url}
    tags = [f'<span data-pagefind-meta="{escape(k)}:{escape(v)}"></span>' for k, v in meta.items()]
    tags += [
        f'<span data-pagefind-filter="{escape(name)}:{escape(value)}"></span>'
        for name, values in item.filters.items()
        for value in values
    ]
    body = [f'<h1 data-pagefind-weight="{item.weight}">{escape(item.title)}</h1>', _paragraphs(item.content)]
    for section in item.sections:
        body.append(f'<h2 id="{escape(section.anchor)}">{escape(section.heading)}</h2>')
        body.append(_paragraphs(section.content))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>'
        f"{escape(item.title)}</title></head><body>{''.join(tags)}{''.join(body)}</body></html>"
    )


def _paragraphs(text: str) -> str:
    """Each line of the text as a paragraph: escaped in one go, not line by line (a national index has
    100 MB of text)."""
    lines = text.splitlines()
    return "<p>" + str(escape("\n".join(lines))).replace("\n", "</p><p>") + "</p>" if lines else ""


class SearchIndexError(RuntimeError):
    pass


# "Did you mean": every word the records hold, in a file per first letter, most frequent first, one to a
# line. The search script fetches the file for a word's first letter when it is typed (about 20 KB
# gzip'd for a common letter at national scale), and searches a word it does not hold as the closest one
# that it does ("complants": complaints). Every word is there, however rare, so none is "corrected" away.
VOCABULARY = "search/words"
WORD = re.compile(r"[a-z]{3,}")


def write_vocabulary(words: Counter[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    by_letter: dict[str, list[str]] = {}
    for word in sorted(words, key=lambda w: (-words[w], w)):
        by_letter.setdefault(word[0], []).append(word)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        (folder / f"{letter}.txt").write_text("\n".join(by_letter.get(letter, [])) + "\n", encoding="utf-8")


# Pagefind holds the whole index in memory while it builds it: about 25 bytes for each byte of record
# HTML (measured with Pagefind 1.5.2 on 500 synthetic organisations: 49 MB took 1.2 GB, 57 MB 1.4 GB and
# 101 MB, indexed at once, 2.7 GB, as much as the rest of the build). So the records are indexed as
# bundles of at most this much, one after another, and the search script merges them in the browser
# (Pagefind's mergeIndex: one ranking, filters added up). The cost is in the browser: Pagefind cuts each
# bundle's word index into chunks of about the same size, so a query fetches a chunk for its words from
# every bundle (at 500 organisations, three bundles: "duty of candour" 318 KB against 186 KB from one).
# Memory, unlike that, would grow with every organisation. The real data fits in one bundle.
BUNDLE_BYTES = 40_000_000
BUNDLES = "pagefind"  # the first bundle; the others in pagefind/2/, pagefind/3/, ...


def bundle_starts(sizes: list[int], limit: int) -> list[int]:
    """Where each bundle starts, given the bytes of each page's records (a page's records stay together):
    as few bundles as hold them within `limit`, cut at the page nearest an equal share. A cut is where the
    running total reaches a share, so a change to one page's records moves no cut unless it crosses a
    page, and the other bundles, their records the same, are kept from the last build. Where no such cuts
    fit (a page larger than an equal share), bundles are filled in turn."""
    total = sum(sizes)
    count = max(1, -(-total // limit))
    ends = list(accumulate(sizes))  # bytes up to the end of each page
    starts = [0]
    for share in range(1, count):
        ideal = total * share / count
        after = bisect_left(ends, ideal)  # the first page ending at or past the share
        nearer = after if after == 0 or ends[after] - ideal <= ideal - ends[after - 1] else after - 1
        starts.append(nearer + 1)
    bounds = [0, *(ends[s - 1] for s in starts[1:]), total]
    fits = all(0 < b - a <= limit for a, b in pairwise(bounds))
    if fits and len(set(starts)) == len(starts):
        return starts
    starts, filled = [], limit
    for page, size in enumerate(sizes):
        if filled + size > limit or not starts:
            starts.append(page)
            filled = 0
        filled += size
    return starts


def bundle_path(number: int) -> str:
    """Where bundle `number` (from 1) is published, relative to the site root."""
    return f"{BUNDLES}/" if number == 1 else f"{BUNDLES}/{number}/"


def _indexer_key() -> bytes:
    """What a bundle depends on besides its records: Pagefind's version, how it is run and how its output
    is put in order (search_stable.py) and trimmed (UNUSED)."""
    from importlib.metadata import version

    settings = f"pagefind {version('pagefind_bin')} {PAGEFIND_OPTIONS} {UNUSED}".encode()
    return hashlib.sha256(settings + code_digest(stabilise.__module__)).digest()


PAGEFIND_OPTIONS = ("--force-language", "en", "--quiet")


class IndexJob:
    """Pagefind indexing the records in the background, a bundle at a time (see BUNDLE_BYTES); `finish`
    waits and installs the bundles.

    Pagefind is the build's largest piece of work after the pages (about 20 s of CPU time a bundle at
    national scale), and the same records always give the same bundle (search_stable.py), so each bundle
    is kept in `cache`, named by a hash of its records, and indexed again only when one of them changes."""

    def __init__(
        self,
        items: Iterable[Record],
        work: Path,
        after: Callable[[float], bool] = lambda _t: True,
        cache: Path | None = None,
    ) -> None:
        """`work`: the build's own folder for temporary work (the records are written there). `after`:
        Pagefind starts once it returns true, given a timeout in seconds (see recipe.generate). `cache`:
        where bundles are kept between builds (without one, every bundle is indexed)."""
        self.workdir = work_folder(work, "search-")
        try:
            folders = self._write(items, cache)
        except BaseException:  # a bad record, or a full disk: nothing left behind in the work folder
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise
        self.bundles = len(folders)
        self.indexed = 0  # bundles Pagefind indexed in this build (the others were kept from before)
        self._error = ""
        self._process: subprocess.Popen[str] | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()
        # A thread runs Pagefind on each bundle in turn; it waits on each, so Pagefind dies with it
        # (die_with_parent is tied to the thread that starts a child).
        self._runner = threading.Thread(target=self._run, args=(folders, after), daemon=True)
        self._runner.start()

    def _write(self, items: Iterable[Record], cache: Path | None) -> list[Path]:
        """Write out the records of each bundle that is not in the cache; return each bundle's folder."""
        self.cache = cache if cache is not None else self.workdir / "bundles"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.words: Counter[str] = Counter()
        # Each page's records (HTML), held until the cuts are known (100 MB at national scale):
        # only a bundle that is not in the cache is written out (creating 3,500 files took 3 s here).
        pages: list[list[bytes]] = []
        sizes: list[int] = []
        urls: set[str] = set()
        last = None
        for item in items:
            html = record_html(item).encode("utf-8")
            if item.url in urls:
                raise SearchIndexError(f"two search records point to {item.url}")
            urls.add(item.url)
            if item.page != last:
                pages.append([])
                sizes.append(0)
                last = item.page
            pages[-1].append(html)
            sizes[-1] += len(html)
            self.words.update(WORD.findall(f"{item.title}\n{item.content}".lower()))
            for section in item.sections:
                self.words.update(WORD.findall(f"{section.heading}\n{section.content}".lower()))
        self.count = len(urls)
        indexer = _indexer_key()
        folders: list[Path] = []
        self.kept: list[Path] = []  # each bundle, indexed, in the cache
        starts = bundle_starts(sizes, BUNDLE_BYTES)
        for number, (first, end) in enumerate(pairwise([*starts, len(pages)]), start=1):
            # Named by place in the bundle, not in the whole index, so that a record added or removed in
            # one bundle does not change the next one's hash (Pagefind repeats the name in each fragment a
            # query fetches, so it is kept short).
            records = [(f"{n:06d}.html", html) for n, html in enumerate(h for page in pages[first:end] for h in page)]
            digest = hashlib.sha256(indexer)
            for name, html in records:
                digest.update(name.encode() + hashlib.sha256(html).digest())
            self.kept.append(self.cache / digest.hexdigest())
            folders.append(self.workdir / f"records-{number}")
            if not self.kept[-1].is_dir():
                folders[-1].mkdir()
                for name, html in records:
                    (folders[-1] / name).write_bytes(html)
            for page in pages[first:end]:
                page.clear()  # written: its memory back
        return folders

    @property
    def extra_bundles(self) -> list[str]:
        """The addresses of the bundles after the first, for the search script to merge."""
        return [bundle_path(n) for n in range(2, self.bundles + 1)]

    def _run(self, folders: list[Path], after: Callable[[float], bool]) -> None:
        from pagefind_bin import get_executable

        executable = str(get_executable())
        while not after(0.2):
            if self._cancelled.is_set():
                return
        for source, kept in zip(folders, self.kept, strict=True):
            if kept.is_dir():  # kept from an earlier build (its records were not written)
                continue
            output = partial(kept)
            command = [executable, "--site", str(source), "--output-path", str(output), *PAGEFIND_OPTIONS]
            with self._lock:  # cancel() sees either no process yet or this one
                if self._cancelled.is_set():
                    return
                process = self._process = subprocess.Popen(  # noqa: S603 - our own pinned binary, no shell
                    command,
                    preexec_fn=die_with_parent,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                )
            said, _ = process.communicate()
            shutil.rmtree(source, ignore_errors=True)  # read: its disk space back for the next
            if process.returncode != 0:
                if not self._cancelled.is_set():
                    self._error = said.strip() or f"exit status {process.returncode}"
                shutil.rmtree(output, ignore_errors=True)
                return
            for unused in UNUSED:
                for extension in ("js", "css"):
                    (output / f"{unused}.{extension}").unlink(missing_ok=True)
            stabilise(output)
            output.replace(kept)  # a bundle in the cache is always whole
            self.indexed += 1

    def finish(self, site: Path) -> int:
        """Wait for Pagefind, then move the bundles into site/pagefind/. Return the number of records."""
        try:
            self._runner.join()
            if self._error:
                raise SearchIndexError(f"Pagefind could not build the search index: {self._error}")
            for number, kept in enumerate(self.kept, start=1):
                bundle = site / bundle_path(number)
                # the first bundle's script and WebAssembly search every bundle
                shutil.copytree(kept, bundle, ignore=_shared if number > 1 else None)
            _prune(self.cache, self.kept)
            write_vocabulary(self.words, site / VOCABULARY)
            return self.count
        finally:
            self.cancel()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            if self._process is not None and self._process.poll() is None:
                self._process.kill()
        self._runner.join()
        shutil.rmtree(self.workdir, ignore_errors=True)


SHARED = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind")


def _shared(_folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name in SHARED]


def _prune(cache: Path, kept: list[Path]) -> None:
    """Keep only this build's bundles (each is tens of megabytes at national scale), and what another
    build is half-way through making (see leftovers.partial)."""
    remove_partials(cache)
    for folder in cache.iterdir():
        if folder.is_dir() and folder.suffix != ".tmp" and folder not in kept:
            shutil.rmtree(folder, ignore_errors=True)
