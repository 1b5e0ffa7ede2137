"""Charts drawn at build time as inline SVG: no script, no external request, printable.

Colour never carries meaning alone: every segment wide enough carries its count, each bar ends with its
total, the legend names every status in the order the segments are drawn, and every chart is followed by
a table of the same numbers (in the templates). The SVG has a title and a description for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

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
BAR = 20


@dataclass(frozen=True)
class Layout:
    """Where a chart puts its labels. Wide: the label left of its bar. Narrow (a phone): the label above
    its bar, on a canvas about as wide as the screen, so that its text is drawn at about 13 px, not
    scaled down to 5."""

    row: int  # height of a row
    label_width: int  # room left of the bars for the labels (0: labels above)
    bar_width: int
    legend_columns: int
    label_chars: int  # a longer label is cut, with an ellipsis

    @property
    def width(self) -> int:
        return self.label_width + self.bar_width + 60


WIDE = Layout(row=30, label_width=300, bar_width=400, legend_columns=4, label_chars=38)
NARROW = Layout(row=44, label_width=0, bar_width=290, legend_columns=2, label_chars=48)


def chart(rows: list[tuple[str, Tally]], title: str, description: str, chart_id: str) -> Markup:
    """The chart for a wide screen and for a phone: the stylesheet shows the one that fits (and prints the
    wide one)."""
    wide = stacked_bars(rows, title, description, chart_id, WIDE)
    narrow = stacked_bars(rows, title, description, f"{chart_id}-narrow", NARROW)
    return Markup(wide + "\n" + narrow)  # noqa: S704 - both escaped in stacked_bars


def stacked_bars(
    rows: list[tuple[str, Tally]], title: str, description: str, chart_id: str, layout: Layout = WIDE
) -> Markup:
    """One horizontal bar per row, split by status; bars are scaled to the largest total."""
    present = {code for _, counts in rows for code, _name, count, _percent in counts.rows if count}
    used = [t.code for t in statuses.IMPLEMENTATION if t.code in present]
    biggest = max((t.total for _, t in rows), default=0) or 1
    legend_rows = (len(used) + layout.legend_columns - 1) // layout.legend_columns
    height = len(rows) * layout.row + 20 + legend_rows * 22
    which = "narrow" if layout is NARROW else "wide"
    parts = [
        f'<svg class="fr-chart fr-chart--{which}" id="{chart_id}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {layout.width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="Arial, Helvetica, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (label, counts) in enumerate(rows):
        shown = label if len(label) <= layout.label_chars else label[: layout.label_chars - 1] + "…"
        if layout.label_width:
            y = i * layout.row + 4
            # Left-aligned from the edge: a long label can never run off the page's left margin.
            parts.append(f'<text x="0" y="{y + 15}" fill="currentColor">{escape(shown)}</text>')
        else:
            parts.append(f'<text x="0" y="{i * layout.row + 14}" fill="currentColor">{escape(shown)}</text>')
            y = i * layout.row + 20
        x = float(layout.label_width)
        for code, name, count, _percent in counts.rows:
            if not count:
                continue
            width = layout.bar_width * count / biggest
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
    legend_y = len(rows) * layout.row + 14
    for n, code in enumerate(used):
        lx = (n % layout.legend_columns) * (layout.width // layout.legend_columns)
        ly = legend_y + (n // layout.legend_columns) * 22
        fill, _ink = FILLS[code]
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{fill}" stroke="#212b32" stroke-width="0.5"/>'
        )
        label = statuses.label(statuses.IMPLEMENTATION, code)
        parts.append(f'<text x="{lx + 20}" y="{ly + 12}" fill="currentColor">{escape(label)}</text>')
    parts.append("</svg>")
    return Markup("\n".join(parts))  # noqa: S704 - every text above is escaped
