"""A statement's figures, each as a line of words: what a frozen statement is checked against.

Once a year's statement is published it is a record (Recommendation 1: publish annually), so it is kept
as published (publish/frozen.py) and the data must go on giving the same figures. These are every
number and list the statement shows, labelled as a reader would name them, so that a difference reads
as "Actions by status: Complete 3 → Complete 4".
"""

from __future__ import annotations

import hashlib

from . import statuses
from .statement import Statement
from .tallies import Tally


def _tally(t: Tally) -> str:
    counts = [f"{label} {count}" for _code, label, count, _share in t.rows if count]
    return ", ".join(counts) or "none"


def _label(code: str) -> str:
    return statuses.label(statuses.IMPLEMENTATION, code) if code else "new"


def _of(recommendation: int) -> str:
    return f"recommendation {recommendation}" if recommendation else "the plan as a whole"


def figures(s: Statement, intro: str = "") -> dict[str, str]:
    """Every figure of the statement, in the order the statement shows them. `intro`: the introduction's
    text, kept as a fingerprint (it is part of the record too)."""
    found: dict[str, str] = {
        "Statement date": s.as_at.isoformat(),
        "Introduction": hashlib.sha256(intro.encode()).hexdigest()[:16] if intro else "none",
        "Organisations publishing here": str(len(s.organisations)),
        "Organisations that reported in the year": str(len(s.reporting)),
        "Closed in the year": "; ".join(f"{c.organisation.code} on {c.closed.isoformat()}" for c in s.closed) or "none",
        "Closed before the year": str(s.closed_earlier),
        "Responses by status": _tally(s.responses),
        "Actions by status": _tally(s.actions),
        "New responses": str(s.new_responses),
        "Status changes": "; ".join(f"{_label(b)} → {_label(a)} {n}" for (b, a), n in sorted(s.moves.items()))
        or "none",
        "Overdue actions": str(s.overdue_count),
    }
    for theme, t in s.by_theme:
        found[f"Responses on the theme {theme}"] = _tally(t)
    for o in s.organisations:
        code = o.organisation.code
        found[f"{code}: reporting"] = o.reporting
        found[f"{code}: reports in the year"] = "; ".join(o.reports) or "none"
        found[f"{code}: responses by status"] = _tally(o.responses)
        found[f"{code}: actions by status"] = _tally(o.actions)
    for name, count in sorted(s.overdue_by_organisation.items()):
        found[f"Overdue actions of {name}"] = str(count)
    for m in s.movements:
        found[f"Status change listed: {m.organisation.code}, {_of(m.recommendation)}, {m.what}"] = (
            f"{_label(m.before)} → {_label(m.after)}"
        )
    for d in s.overdue:
        found[f"Overdue action listed: {d.organisation.code}, {_of(d.recommendation)}, {d.what}"] = (
            f"due {d.due.isoformat()} ({d.timescale}), {_label(d.status)}"
        )
    return found


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What changed, a line each: 'label: was "before", now "after"' (or "not shown", for a figure that is new
    or gone)."""
    lines = []
    for name in [*before, *(n for n in after if n not in before)]:
        old, new = before.get(name), after.get(name)
        if old != new:
            was = f"“{old}”" if old is not None else "not shown"
            lines.append(f"{name}: was {was}, now {f'“{new}”' if new is not None else 'not shown'}")
    return lines
