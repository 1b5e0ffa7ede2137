"""The search index: Pagefind indexes the records (render/search_records.py) in a background process,
so a browser fetches only the index chunks a query needs, from the site itself."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from markupsafe import escape

from ..leftovers import die_with_parent, work_folder
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


class IndexJob:
    """Pagefind indexing the records in the background; `finish` waits and installs the bundle."""

    def __init__(self, items: Iterable[Record], work: Path) -> None:
        """`work`: the build's own folder for temporary work (the records are written there)."""
        from pagefind_bin import get_executable

        self.workdir = work_folder(work, "search-")
        source = self.workdir / "records"
        source.mkdir()
        self.count = 0
        self.words: Counter[str] = Counter()
        for number, item in enumerate(items):
            (source / f"{number}.html").write_text(record_html(item), encoding="utf-8")
            self.words.update(WORD.findall(f"{item.title}\n{item.content}".lower()))
            for section in item.sections:
                self.words.update(WORD.findall(f"{section.heading}\n{section.content}".lower()))
            self.count += 1
        command = [str(get_executable()), "--site", str(source), "--output-path", str(self.workdir / "pagefind")]
        self.process = subprocess.Popen(  # noqa: S603 - our own pinned binary, no shell
            [*command, "--force-language", "en", "--quiet"],
            preexec_fn=die_with_parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def finish(self, site: Path) -> int:
        """Wait for Pagefind, then move the bundle into site/pagefind/. Return the number of records."""
        try:
            output, _ = self.process.communicate()
            if self.process.returncode != 0:
                raise SearchIndexError(f"Pagefind could not build the search index: {output.strip()}")
            bundle = self.workdir / "pagefind"
            for unused in UNUSED:
                for extension in ("js", "css"):
                    (bundle / f"{unused}.{extension}").unlink(missing_ok=True)
            stabilise(bundle)
            shutil.move(str(bundle), str(site / "pagefind"))
            write_vocabulary(self.words, site / VOCABULARY)
            return self.count
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
