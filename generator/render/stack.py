"""Tables that read on a phone: each body cell of a site table (class fr-table) is given its column's
heading as `data-label`, so that on a narrow screen the stylesheet can show each row as a block of
"Heading: value" lines instead of a table wider than the screen. Done once, here, for every table the
templates make, so no template can forget a label.

A table of counts by status (class fr-by-status) has the same columns wherever it is, so the stylesheet
labels its numbers (theme/assets/stylesheets/francis.css, kept to the statuses by a test): only its row
headings are labelled here. A statement has one such table with a row per organisation, and a label on
each of its cells would be a third of the page."""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r'<table class="fr-table[^"]*"[^>]*>.*?</table>', re.DOTALL)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.DOTALL)
_CELL = re.compile(r"<t[dh]\b([^>]*)")
_ROW_HEADING = re.compile(r"<th\b([^>]*)")
_TAG = re.compile(r"<[^>]+>")


def labelled(page: str) -> str:
    """The page with every body cell of its site tables labelled with its column's heading."""
    return _TABLE.sub(_table, page) if 'class="fr-table' in page else page


def _table(match: re.Match[str]) -> str:
    table = match[0]
    head = _HEAD.search(table)
    body = table.find("<tbody>")
    if head is None or body < 0:
        return table
    labels = [html.escape(html.unescape(_TAG.sub("", h)).strip(), quote=True) for h in _HEADING.findall(head[1])]
    cells = _ROW_HEADING if "fr-by-status" in table[: table.find(">")] else _CELL

    def row(found: re.Match[str]) -> str:
        names = iter(labels)

        def cell(tag: re.Match[str]) -> str:
            name = next(names, "")
            return f'{tag[0]} data-label="{"" if "colspan" in tag[1] else name}"'  # a cell across columns: none

        return cells.sub(cell, found[0])

    return table[:body] + _ROW.sub(row, table[body:])
