"""Charts drawn at build time as inline SVG: no script, no external request, printable.

Colour never carries meaning alone: every segment wide enough carries its count, each bar ends with its
total, the legend names every status in the order the segments are drawn, and every chart is followed by
a table of the same numbers (in the templates). The SVG has a title and a description for screen readers.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..model import statuses
from ..model.tallies import Tally

# Fill and text colour per status, NHS palette; text contrast is at least 4.5:1 on each fill.
FILLS: dict[str, tuple[str, str]] = {
    "complete": ("#005eb8", "#ffffff"),
    "green": ("#007f3b", "#ffffff"),
    "amber": ("#ffb81c", "#212b32"),
    "red": ("#d5281b", "#ffffff"),
    "not-started": ("#425563", "#ffffff"),
    "deferred": ("#330072", "#ffffff"),
    "not-applicable": ("#aeb7bd", "#212b32"),
    "not-rated": ("#e8edee", "#212b32"),
}
ROW = 30
BAR = 20
LABEL_WIDTH = 300
BAR_WIDTH = 400
WIDTH = LABEL_WIDTH + BAR_WIDTH + 60


def stacked_bars(rows: list[tuple[str, Tally]], title: str, description: str, chart_id: str) -> Markup:
    """One horizontal bar per row, split by status; bars are scaled to the largest total."""
    present = {code for _, counts in rows for code, _name, count, _percent in counts.rows if count}
    used = [t.code for t in statuses.IMPLEMENTATION if t.code in present]
    biggest = max((t.total for _, t in rows), default=0) or 1
    legend_rows = (len(used) + 3) // 4
    height = len(rows) * ROW + 20 + legend_rows * 22
    parts = [
        f'<svg class="fr-chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (label, counts) in enumerate(rows):
        y = i * ROW + 4
        shown = label if len(label) <= 40 else label[:39] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end" fill="currentColor">{escape(shown)}</text>'
        )
        x = float(LABEL_WIDTH)
        for code, name, count, _percent in counts.rows:
            if not count:
                continue
            width = BAR_WIDTH * count / biggest
            fill, ink = FILLS[code]
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{fill}" stroke="#212b32" '
                f'stroke-width="0.5"><title>{escape(name)}: {count}</title></rect>'
            )
            if width >= 10 + 7 * len(str(count)):
                parts.append(
                    f'<text x="{x + width / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="{ink}">{count}</text>'
                )
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="currentColor">{counts.total}</text>')
    legend_y = len(rows) * ROW + 14
    for n, code in enumerate(used):
        lx = (n % 4) * (WIDTH // 4)
        ly = legend_y + (n // 4) * 22
        fill, _ink = FILLS[code]
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{fill}" stroke="#212b32" stroke-width="0.5"/>'
        )
        label = statuses.label(statuses.IMPLEMENTATION, code)
        parts.append(f'<text x="{lx + 20}" y="{ly + 12}" fill="currentColor">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704 - every text above is escaped
