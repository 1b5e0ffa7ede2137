"""Plain text from the data turned into safe HTML.

Data text is untrusted and is never treated as HTML or Markdown: everything is escaped, then the only
structure we add is paragraphs (blank lines), bullet lists (lines starting "• " or "- ") and links for
bare http(s) addresses. Nothing a data file says can add a tag, an attribute or a script.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_BULLET = re.compile(r"^\s*(?:•|▪|-|\*)\s+")
_LINE_BREAK = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")  # what str.splitlines() splits on
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def _inline(line: str) -> str:
    out: list[str] = []
    last = 0
    for match in _URL.finditer(line):
        out.append(str(escape(line[last : match.start()])))
        url = escape(match.group(0))
        out.append(f'<a href="{url}" rel="nofollow">{url}</a>')
        last = match.end()
    out.append(str(escape(line[last:])))
    return "".join(out)


def prose(text: str) -> Markup:
    """Paragraphs and lists as HTML; an empty string for empty text."""
    if not _LINE_BREAK.search(text) and "http" not in text and not _BULLET.match(text):  # most: one paragraph
        stripped = text.strip()
        return Markup(f"<p>{escape(stripped)}</p>" if stripped else "")  # noqa: S704 - escaped
    blocks: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        # Runs of consecutive lines of the same kind: ("p", lines) or ("ul", items).
        runs: list[tuple[str, list[str]]] = []
        for line in chunk.splitlines():
            if not line.strip():
                continue
            kind = "ul" if _BULLET.match(line) else "p"
            content = _inline(_BULLET.sub("", line, count=1).strip() if kind == "ul" else line.strip())
            if runs and runs[-1][0] == kind:
                runs[-1][1].append(content)
            else:
                runs.append((kind, [content]))
        for kind, lines in runs:
            if kind == "p":
                blocks.append("<p>" + "<br>\n".join(lines) + "</p>")
            else:
                blocks.append("<ul>\n" + "\n".join(f"<li>{item}</li>" for item in lines) + "\n</ul>")
    return Markup("\n".join(blocks))  # noqa: S704 - built only from escaped pieces


def inline(text: str) -> Markup:
    """Like prose, but one plain paragraph is left bare: in a definition list or a list item the paragraph
    adds nothing but bytes (an organisation's page at national scale holds 300,000 of them)."""
    html = prose(text)
    if html.startswith("<p>") and html.count("<p>") == 1 and "<ul>" not in html and "<br>" not in html:
        return Markup(html[3:-4])  # noqa: S704 - cut from escaped HTML at its own tags
    return html


def excerpt(text: str, words: int = 30) -> str:
    """The first words of a text on one line, for tables."""
    parts = re.sub(r"[•▪]", " ", text).split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]”’'\"][.!?])(?<!e\.g\.)(?<!i\.e\.)\s+(?=[A-Z“‘\"'(])")


def brief(text: str, words: int = 20) -> str:
    """A text's first sentence on one line, at most `words` words; an ellipsis shows where it is cut (a
    recommendation's page shows each action so, and links to it in full)."""
    flat = " ".join(_BULLET.sub("", line) for line in text.splitlines()).split()
    whole = " ".join(flat)
    # The first sentence end after a few words: "Dr. Smith" or "1. Review" is not a sentence.
    end = next((m.start() for m in _SENTENCE_END.finditer(whole) if whole.count(" ", 0, m.start()) >= 4), len(whole))
    kept = whole[:end].split()[:words]
    if len(kept) == len(flat):
        return whole
    return " ".join(kept) + (" …" if kept[-1][-1] in ".!?:;" else "…")
