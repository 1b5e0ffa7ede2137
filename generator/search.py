"""The search index: Pagefind, so a browser fetches only the index chunks a query needs.

Pages are indexed from the built HTML, but the responses and actions on them are not (their sections
carry data-pagefind-ignore): each response and each action is added once, as a record of its own that
points at its place on the organisation's page and carries the context a result needs (recommendation,
organisation, status) and the filters people narrow by.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import statuses
from .model import Action, Dataset, Recommendation, Response
from .text import excerpt

# Filter names as people see them on the search page.
TYPE = "Type"
ORGANISATION = "Organisation"
THEME = "Theme"
GOVERNMENT = "Government response"
STATUS = "Status"
NO_THEME = "No theme recorded"


@dataclass(frozen=True)
class Record:
    url: str  # root-relative, as Pagefind stores page URLs
    title: str
    content: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)


def action_anchor(recommendation: int, index: int) -> str:
    """The id of an action on its organisation's page (index counts from 1)."""
    return f"rec-{recommendation}-action-{index}"


def records(data: Dataset) -> Iterator[Record]:
    for org in data.organisations:
        for response in org.responses:
            rec = data.recommendation(response.recommendation)
            yield _response_record(rec, response)
            for index, action in enumerate(response.actions, start=1):
                yield _action_record(rec, response, action, index)


Meta = dict[str, str]
Filters = dict[str, list[str]]


def _common(rec: Recommendation, response: Response, status: str, kind: str) -> tuple[Meta, Filters]:
    org = response.organisation
    status_label = statuses.label(statuses.IMPLEMENTATION, status)
    meta = {
        "kind": kind,
        "organisation": org.short_name,
        "recommendation": rec.heading,
        "recommendation_url": f"/recommendations/{rec.number}/",
        "status": status_label,
        "status_code": status,
    }
    filters = {
        TYPE: [kind],
        ORGANISATION: [org.short_name],
        THEME: [rec.theme or NO_THEME],
        GOVERNMENT: [statuses.label(statuses.GOVERNMENT_RESPONSE, rec.government_response)],
        STATUS: [status_label],
    }
    return meta, filters


def _response_record(rec: Recommendation, response: Response) -> Record:
    org = response.organisation
    status = response.status()
    meta, filters = _common(rec, response, status, "Response")
    title = f"{org.short_name} on recommendation {rec.number}" + (f": {rec.title}" if rec.title else "")
    parts = [title, response.theme, response.position, " ".join(response.tags), response.government_response]
    parts += [p.text for p in response.progress]
    meta["title"] = title
    return Record(f"/organisations/{org.code}/#rec-{rec.number}", title, _join(parts), meta, filters)


def _action_record(rec: Recommendation, response: Response, action: Action, index: int) -> Record:
    org = response.organisation
    status = action.status()
    meta, filters = _common(rec, response, status, "Action")
    name = f"Action {action.ref}" if action.ref else f"Action {index}"
    title = f"{org.short_name}: {excerpt(action.description, 14)}"
    parts = [
        title,
        action.summary,
        action.key_area,
        action.description,
        action.lead,
        action.timescale,
        action.outcome,
        action.evidence,
        " ".join(action.tags),
    ]
    parts += [p.text for p in action.progress]
    meta["title"] = title
    meta["kind"] = name
    url = f"/organisations/{org.code}/#{action_anchor(rec.number, index)}"
    return Record(url, title, _join(parts), meta, filters)


def _join(parts: list[str]) -> str:
    return "\n".join(p for p in parts if p)


# Parts of the built pages that are not content: the search index would only repeat them.
EXCLUDE = [".fr-pager", ".headerlink", ".md-source-file", ".fr-filters"]


# Pagefind's ready-made interfaces: we have our own (theme/assets/javascripts/search.js).
UNUSED = re.compile(r"^pagefind-(?:component-ui|modular-ui|ui|highlight)\.(?:js|css)$")


class PagefindError(RuntimeError):
    pass


class _Service:
    """The Pagefind binary in service mode, spoken to directly.

    The `pagefind` Python wrapper waits 100 ms before reading each reply, so adding records one by one
    costs 0.1 s each (18 s for the seed data, hours at national scale). The protocol is simple:
    base64-encoded JSON messages, each followed by a comma, in both directions. We write every request
    from a thread while reading the replies, so neither pipe fills up.
    """

    def __init__(self) -> None:
        from pagefind_bin import get_executable

        self.process = subprocess.Popen(  # noqa: S603 - our own pinned binary, no shell
            [str(get_executable()), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.sent = 0

    @staticmethod
    def _encode(message_id: int, payload: dict[str, Any]) -> bytes:
        body = json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")
        return base64.b64encode(body) + b","

    def _replies(self, count: int) -> list[dict[str, Any]]:
        assert self.process.stdout is not None
        replies: list[dict[str, Any]] = []
        buffer = b""
        while len(replies) < count:
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise PagefindError("the Pagefind indexer stopped unexpectedly")
            buffer += chunk
            *complete, buffer = buffer.split(b",")
            for item in complete:
                reply = json.loads(base64.b64decode(item))
                if reply is None:
                    continue
                payload = reply.get("payload", {})
                if payload.get("type") == "Error":
                    raise PagefindError(f"Pagefind could not index the site: {payload.get('message')}")
                replies.append(payload)
        return replies

    def call(self, payloads: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Send the requests in order; return their replies in order."""
        assert self.process.stdin is not None
        stdin = self.process.stdin
        first = self.sent
        self.sent += len(payloads)

        def write() -> None:
            for offset, payload in enumerate(payloads):
                stdin.write(self._encode(first + offset + 1, payload))
            stdin.flush()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        replies = self._replies(len(payloads))
        writer.join()
        return replies

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def build_index(site: Path, data: Dataset) -> int:
    """Index the built site in place (into site/pagefind/); return how many pages and records."""
    items = list(records(data))
    service = _Service()
    try:
        (new_index,) = service.call(
            [
                {
                    "type": "NewIndex",
                    "config": {"root_selector": "article", "exclude_selectors": EXCLUDE, "force_language": "en"},
                }
            ]
        )
        index_id = new_index["index_id"]
        (pages,) = service.call([{"type": "AddDir", "index_id": index_id, "path": str(site)}])
        service.call(
            [
                {
                    "type": "AddRecord",
                    "index_id": index_id,
                    "url": item.url,
                    "content": item.content,
                    "language": "en",
                    "meta": item.meta,
                    "filters": item.filters,
                }
                for item in items
            ]
        )
        # The service's WriteFiles replies before its files are all on disk, so we ask for the files
        # and write them ourselves.
        (bundle,) = service.call([{"type": "GetFiles", "index_id": index_id}])
    finally:
        service.close()
    out = site / "pagefind"
    for file in bundle["files"]:
        if UNUSED.match(file["path"]):
            continue
        target = out / file["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
    return int(pages.get("page_count", 0)) + len(items)
