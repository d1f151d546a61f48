"""The wall as a picture, for the minutes: a PNG drawn here with matplotlib (the roadmap's charts'
style, chartkit.py), downloaded from the facilitator's page.

Drawn on the server rather than copied from the projector's canvas: the same picture whatever
the browser and the screen it is on, every title whole (wrapped, never cut) however many needs,
the counts and their base written on it, and tested like the roadmap's charts; matplotlib is
loaded only when a picture is asked for, in a worker thread (the room keeps serving).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

# the projector's colours of the four domains (static/room.css)
DOMAIN_COLOURS = {
    "economique": "#2f5d8c",
    "social": "#c8412f",
    "environnemental": "#2f7d52",
    "societal": "#6f4e98",
}
OTHER = "#5d6675"
TITLE_WIDTH = 58  # characters a line of a need's title holds before it wraps
DPI = 120


@dataclass(frozen=True)
class WallRow:
    rank: int
    id: str
    title: str
    domain: str | None
    votes: int


@cache
def _fonts() -> None:
    """The roadmap's Inter, so that the picture reads like the pages (DejaVu Sans otherwise)."""
    from matplotlib import font_manager

    from coconstruct.report.environment import builtin_templates

    for path in sorted((builtin_templates() / "fonts").glob("inter-latin-*.ttf")):
        font_manager.fontManager.addfont(str(path))


def wall_png(
    title: str,
    subtitle: str,
    rows: Sequence[WallRow],
    domains: Mapping[str, str],
    empty: str,
) -> bytes:
    """The needs ranked by dots, one bar each coloured by domain, the count at the end; a
    legend of the domains shown; as tall as the needs ask."""
    from matplotlib.patches import Rectangle

    from coconstruct.report.chartkit import INK, MUTED, SOFT, clean_axes, new_figure

    _fonts()
    lines = [textwrap.wrap(f"{r.id}  {r.title}", TITLE_WIDTH) or [r.id] for r in rows]
    heights = [0.22 + 0.19 * len(wrapped) for wrapped in lines]  # inches per row
    head, foot = 0.95, 0.55
    height = head + sum(heights) + foot
    figure = new_figure(10.0, height)
    figure.text(0.03, 1 - 0.3 / height, title, fontsize=15, fontweight="bold", color=INK)
    figure.text(0.03, 1 - 0.62 / height, subtitle, fontsize=10, color=MUTED)
    if not rows:
        figure.text(0.03, 1 - 1.1 / height, empty, fontsize=11, color=MUTED)
    ax: Any = figure.add_axes((0.47, foot / height, 0.44, sum(heights) / height or 0.01))
    most = max((r.votes for r in rows), default=0) or 1
    top = sum(heights)
    y = top
    for row, wrapped, h in zip(rows, lines, heights, strict=True):
        middle = y - h / 2
        colour = DOMAIN_COLOURS.get(row.domain or "", OTHER)
        ax.barh(middle, most, height=min(h, 0.3) * 0.8, color=SOFT)
        ax.barh(middle, row.votes, height=min(h, 0.3) * 0.8, color=colour)
        beside = ax.get_yaxis_transform()  # x in the axes' width, y in inches from the top
        ax.text(-0.93, middle, "\n".join(wrapped), ha="left", va="center", fontsize=9,
                color=INK, linespacing=1.15, transform=beside)  # fmt: skip
        ax.text(-1.0, middle, str(row.rank), ha="left", va="center", fontsize=9, color=MUTED,
                fontweight="bold", transform=beside)  # fmt: skip
        ax.text(most * 1.02, middle, str(row.votes), va="center", fontsize=10, color=INK,
                fontweight="bold")  # fmt: skip
        y -= h
    ax.set_xlim(0, most)
    ax.set_ylim(0, top or 1)
    ax.set_xticks([])
    ax.set_yticks([])
    clean_axes(ax, bottom=False)
    ax.spines["left"].set_visible(False)
    shown = [key for key in domains if any(r.domain == key for r in rows)]
    if any(r.domain not in DOMAIN_COLOURS for r in rows):
        shown.append("")
    x = 0.03
    for key in shown:
        label = domains.get(key, "—") if key else "—"
        colour = DOMAIN_COLOURS.get(key, OTHER)
        figure.patches.append(
            Rectangle(
                (x, 0.15 / height), 0.012, 0.14 / height, color=colour, transform=figure.transFigure
            )
        )
        figure.text(x + 0.02, 0.22 / height, label, color=INK, fontsize=9, va="center")
        x += 0.05 + 0.0075 * len(label)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buffer.getvalue()
