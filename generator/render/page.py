"""A page source as the generator writes it: Markdown front matter, then rendered HTML.

The HTML follows the line HTML_MARKER, which the MkDocs plugin sets aside before Python-Markdown runs
and puts back after (see mkdocs_plugin.py); any other engine reads it as raw HTML inside Markdown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import escape

HTML_MARKER = "<!-- html -->\n"


@dataclass(frozen=True)
class Page:
    path: str  # relative to the pages folder, e.g. recommendations/123.md
    text: str | bytes  # bytes for files copied as they are (images, PDFs, downloads)


class ContentError(ValueError):
    """A hand-written page that cannot be published: it would take the place of a generated one, or it is
    not text the build can read."""


def front_matter(title: str, description: str = "") -> str:
    """YAML front matter. MkDocs and Material put these values into the HTML without escaping them
    (in <title>, the header and <meta>), so they are HTML-escaped here. JSON strings are valid YAML."""
    lines = ["---", f"title: {json.dumps(str(escape(title)), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(str(escape(description)), ensure_ascii=False)}")
    # The top tabs already give the navigation; the left column would only repeat them.
    lines += ["hide:", "  - navigation"]
    return "\n".join([*lines, "---", ""])
