"""The changes in words: for a terminal, for a pull request (Markdown) and for the change log."""

from __future__ import annotations

from .diff import Change


def as_text(changes: list[Change], markdown: bool = False) -> str:
    """For a terminal, or Markdown for a pull request summary."""
    if not changes:
        return "No changes to the data.\n"
    lines: list[str] = []
    current: str | None = None
    for change in changes:
        if change.organisation != current:
            current = change.organisation
            title = change.organisation_name or change.organisation
            lines += ["", f"### {title}" if markdown else title]
        where = f"Recommendation {change.recommendation}" if change.recommendation else "Organisation"
        if change.what not in ("organisation", "response", "recommendation"):
            where += f", {change.what}"
        lines.append(f"- {where}: {change.detail}" if markdown else f"  {where}: {change.detail}")
    counts = summary(changes)
    head = f"## Data changes\n\n{counts}" if markdown else counts
    return head + "\n" + "\n".join(lines) + "\n"


def summary(changes: list[Change] | tuple[Change, ...]) -> str:
    by_kind: dict[str, int] = {}
    for change in changes:
        by_kind[change.kind] = by_kind.get(change.kind, 0) + 1
    words = {"added": ("added", "added"), "removed": ("removed", "removed")}
    words |= {"status": ("status change", "status changes"), "edited": ("edit", "edits")}
    parts = [
        f"{by_kind[k]} {words[k][by_kind[k] != 1]}" for k in ("added", "removed", "status", "edited") if k in by_kind
    ]
    organisations = len({c.organisation for c in changes if c.organisation})
    total = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
    where = f"{organisations} organisation{'s' if organisations != 1 else ''}"
    return f"{total} ({where}): " + ", ".join(parts) + "."
