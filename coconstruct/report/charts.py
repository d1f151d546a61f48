"""The roadmap's charts of a territory at one time: the scissors, the money mix, the stakeholder
grid and the room's dot vote (their shared style: chartkit.py; charts over time:
charts_over_time.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.report.chartkit import (
    ATTITUDE_COLOURS,
    ATTITUDE_MARKERS,
    FAMILY_COLOURS,
    FAMILY_HATCHES,
    INK,
    LABEL_SHIFT,
    MARKER_SIZES,
    MUTED,
    NEEDS,
    RESOURCES,
    RULE,
    SOFT,
    as_svg,
    chunks,
    clean_axes,
    legend_dot,
    legend_line,
    new_figure,
    patch,
    png_dpi,
    rectangle,
    shorten,
    stacked,
)

# --- the scissors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: unknown, drawn as no bar and a dash, never as 0
    note: str = ""


def scissors(
    need_now: float,
    need_then: float | None,
    resource_now: float,
    resource_then: float | None,
    domains: Sequence[Bar],
    resource_types: Sequence[Bar],
    texts: Mapping[str, str],
) -> str:
    """The two blades (needs rising, resources falling), then pressure and tension by kind.

    Without a trend resting on enough items (`…_then` None), only today's two points are drawn:
    no line is extrapolated from one data point.
    """
    if need_then is None or resource_then is None:
        need_then, resource_then, projected = need_now, resource_now, False
    else:
        projected = True
    figure = new_figure(7.0, 2.9)
    grid = figure.add_gridspec(
        2,
        2,
        width_ratios=(1.05, 1),
        height_ratios=(max(len(domains), 1), max(len(resource_types), 1)),
        wspace=0.55,
        hspace=0.7,
        left=0.07,
        right=0.93,
        top=0.86,
        bottom=0.13,
    )
    ax = figure.add_subplot(grid[:, 0])
    xs = (0, 1) if projected else (0, 0)
    ax.fill_between(
        xs,
        (need_now, need_then),
        (resource_now, resource_then),
        color=NEEDS,
        alpha=0.07,
        linewidth=0,
    )
    for start, end, colour, marker in (
        (need_now, need_then, NEEDS, "o"),
        (resource_now, resource_then, RESOURCES, "s"),
    ):
        # a marker shape of its own for each blade: the chart reads in greyscale too
        ax.plot(xs, (start, end), color=colour, linewidth=2.6, solid_capstyle="round")
        ax.scatter(xs, (start, end), color=colour, s=26, zorder=3, marker=marker)
        ax.annotate(
            f"{start:.0f}",
            (0, start),
            xytext=(-7, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            color=colour,
            fontweight="bold",
        )
        if not projected:
            continue
        ax.annotate(
            f"{end:.0f}",
            (1, end),
            xytext=(7, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=colour,
            fontweight="bold",
        )
    ax.legend(
        handles=[
            legend_line(NEEDS, texts["needs"], "o"),
            legend_line(RESOURCES, texts["resources"], "s"),
        ],
        loc="lower left",
        fontsize=7.8,
        handlelength=1.6,
    )
    ax.set_xlim(-0.22, 1.22)
    ax.set_ylim(0, 100)
    if projected:
        ax.set_xticks(xs, (texts["today"], texts["trend"]))
    else:
        ax.set_xticks((0,), (texts["today"],))
    ax.set_yticks((0, 50, 100))
    ax.grid(axis="y", color=RULE, linewidth=0.6)
    ax.set_axisbelow(True)
    clean_axes(ax)
    ax.set_title(texts["title"], pad=10)

    for row, bars, colour, title in (
        (0, domains, NEEDS, texts["pressure"]),
        (1, resource_types, RESOURCES, texts["tension"]),
    ):
        bar_ax = figure.add_subplot(grid[row, 1])
        labels = [b.label for b in bars][::-1]
        values = [b.value or 0 for b in bars][::-1]  # an unknown value draws no bar
        positions = range(len(bars))
        bar_ax.barh(positions, [100] * len(bars), color=SOFT, height=0.62)
        bar_ax.barh(positions, values, color=colour, height=0.62)
        bar_ax.set_yticks(list(positions), labels)
        for y, bar in zip(positions, list(bars)[::-1], strict=True):
            bar_ax.text(
                102,
                y,
                f"{'–' if bar.value is None else f'{bar.value:.0f}'} {bar.note}".strip(),
                va="center",
                fontsize=8,
                color=colour,
                fontweight="bold",
            )
        bar_ax.set_xlim(0, 100)
        bar_ax.set_xticks([])
        clean_axes(bar_ax, bottom=False)
        bar_ax.set_title(title, fontsize=8.5, pad=4)
    return as_svg(figure, "scissors")


# --- money mix --------------------------------------------------------------------------------


def money_mix(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    families: Sequence[tuple[str, str]],
    percent: Any,
) -> str:
    """Stacked 100 % bars, one per row (today, target), one segment per family of money."""
    figure = new_figure(7.0, 0.55 + 0.48 * len(rows))
    ax = figure.add_axes(
        (0.17, 0.36 if len(rows) > 1 else 0.42, 0.8, 0.6 if len(rows) > 1 else 0.5)
    )
    for y, (_label, shares) in enumerate(rows):
        left = 0.0
        for key, _name in families:
            share = shares.get(key, 0.0)
            if share <= 0:
                continue
            ax.barh(
                y,
                share,
                left=left,
                color=FAMILY_COLOURS.get(key, MUTED),
                height=0.66,
                edgecolor="white",
                linewidth=1.2,
                hatch=FAMILY_HATCHES.get(key, ""),
            )
            if share >= 0.06:
                ax.text(
                    left + share / 2,
                    y,
                    percent(share),
                    ha="center",
                    va="center",
                    color="white",
                    fontweight="bold",
                    fontsize=8.5,
                    # the figure on a patch of plain colour: no hatching through the digits
                    bbox={
                        "facecolor": FAMILY_COLOURS.get(key, MUTED),
                        "edgecolor": "none",
                        "pad": 1.5,
                    },
                )
            left += share
    ax.set_yticks(range(len(rows)), [label for label, _ in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xticks([])
    clean_axes(ax, bottom=False)
    handles = [
        patch(FAMILY_COLOURS.get(key, MUTED), name, FAMILY_HATCHES.get(key, ""))
        for key, name in families
    ]
    figure.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.16, 0.0),
        ncols=len(families),
        handlelength=1,
        handleheight=1,
        columnspacing=1.6,
    )
    return as_svg(figure, "money")


@dataclass(frozen=True)
class Mix:
    """One territory's money by family, for the portfolio's small multiples."""

    name: str
    shares: Mapping[str, float]  # family → share of that territory's money (0–1)
    note: str  # under the bar: the year, the hybridisation index


MIX_ROWS = 2  # rows of small multiples in one part of the chart: a page breaks between parts


def money_mixes(
    mixes: Sequence[Mix],
    families: Sequence[tuple[str, str]],
    percent: Any,
    columns: int = 3,
    name: str = "mixes",
) -> str:
    """Small multiples: each territory's mix as a 100 % bar of its own, on the same scale, in a
    grid, the families in the same colours and patterns as the roadmap's money chart.

    In parts of MIX_ROWS rows (legend above the first) that a page breaks between: the chart
    starts under its title, never leaving it alone on a page (one picture for Word). One axes
    a part, each panel in its cell: many small axes cost matplotlib ten times as long.
    """
    rows = -(-len(mixes) // columns)
    per = rows if png_dpi() is not None else MIX_ROWS
    parts = [
        _mixes_part(mixes, families, percent, columns, range(first, min(first + per, rows)), name)
        for first in range(0, rows, per)
    ]
    return stacked(parts, name)


def _mixes_part(
    mixes: Sequence[Mix],
    families: Sequence[tuple[str, str]],
    percent: Any,
    columns: int,
    rows: range,
    name: str,
) -> str:
    legend = 0.42 if rows.start == 0 else 0.0
    height = legend + 0.74 * len(rows)
    figure = new_figure(10.0, height)
    ax = figure.add_axes((0.0, 0.0, 1.0, (height - legend) / height))
    ax.set_xlim(0, columns)
    ax.set_ylim(len(rows), 0)
    ax.axis("off")
    for index in range(rows.start * columns, min(rows.stop * columns, len(mixes))):
        mix = mixes[index]
        column, row = index % columns, index // columns - rows.start
        left, width = column + 0.03, 0.9
        ax.text(left, row + 0.2, shorten(mix.name, 40), fontsize=8, fontweight="bold", va="center")
        start = left
        for key, _label in families:
            share = mix.shares.get(key, 0.0)
            if share <= 0:
                continue
            colour = FAMILY_COLOURS.get(key, MUTED)
            ax.add_patch(
                _bar(start, row + 0.34, width * share, 0.26, colour, FAMILY_HATCHES.get(key, ""))
            )
            if share >= 0.14:
                ax.text(
                    start + width * share / 2,
                    row + 0.47,
                    percent(share),
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=7.4,
                    fontweight="bold",
                    bbox={"facecolor": colour, "edgecolor": "none", "pad": 1.0},
                )
            start += width * share
        ax.text(left, row + 0.76, mix.note, fontsize=7.2, color=MUTED, va="center")
    if legend:
        figure.legend(
            handles=[
                patch(FAMILY_COLOURS.get(key, MUTED), label, FAMILY_HATCHES.get(key, ""))
                for key, label in families
            ],
            loc="upper left",
            bbox_to_anchor=(0.02, 1.0),
            ncols=len(families),
            handlelength=1,
            handleheight=1,
            columnspacing=1.6,
        )
    return as_svg(figure, name, rows.start)  # each part's ids its own


def _bar(x: float, y: float, w: float, h: float, colour: str, hatch: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, hatch=hatch, edgecolor="white", linewidth=1.0)


# --- stakeholders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Stakeholder:
    id: str
    power: int
    interest: int
    attitude: str | None


def stakeholders(
    people: Sequence[Stakeholder],
    quadrant_names: Mapping[str, str],
    attitudes: Sequence[tuple[str, str]],
    texts: Mapping[str, str],
) -> str:
    """Power against interest, the four quadrants named, each partner a dot by attitude.

    Up to four partners share a cell around its centre; more (sixty partners on 25 cells) are
    laid out on a small grid inside it, the chart taller and the marks smaller so that none
    hides another."""
    cells: dict[tuple[int, int], int] = {}
    for person in people:
        cells[(person.interest, person.power)] = cells.get((person.interest, person.power), 0) + 1
    side = math.ceil(math.sqrt(max(cells.values(), default=1)))  # the grid inside a cell
    crowded = side > 2
    height = 4.1 if not crowded else min(4.1 + 1.5 * (side - 2), 9.0)
    figure = new_figure(7.0, height)
    bottom, top = (0.17, 0.78) if not crowded else (0.7 / height, 1 - 0.9 / height)
    ax = figure.add_axes((0.08, bottom, 0.62, top))
    scale = 1.0 if not crowded else min(1.0, 2.4 / side) ** 2
    tints = {
        "manage_closely": "#e6f0ef",
        "keep_satisfied": "#eef1f5",
        "keep_informed": "#f6f0e6",
        "monitor": "#f5f5f3",
    }
    corners = {
        "manage_closely": (3.5, 3.5, 5.5, 5.5, "right", "top"),
        "keep_satisfied": (0.5, 3.5, 3.5, 5.5, "left", "top"),
        "keep_informed": (3.5, 0.5, 5.5, 3.5, "right", "bottom"),
        "monitor": (0.5, 0.5, 3.5, 3.5, "left", "bottom"),
    }
    for name, (x0, y0, x1, y1, ha, va) in corners.items():
        ax.add_patch(rectangle(x0, y0, x1 - x0, y1 - y0, tints[name]))
        ax.text(
            x1 - 0.08 if ha == "right" else x0 + 0.08,
            y1 - 0.1 if va == "top" else y0 + 0.1,
            quadrant_names[name].upper(),
            ha=ha,
            va=va,
            fontsize=7,
            color=MUTED,
            fontweight="bold",
        )
    placed: dict[tuple[int, int], int] = {}
    for person in people:
        cell = (person.interest, person.power)
        index = placed.get(cell, 0)
        placed[cell] = index + 1
        dx, dy = _offset(index, cells[cell]) if not crowded else _on_grid(index, side)
        colour = ATTITUDE_COLOURS.get(person.attitude or "", "#7d8794")
        x, y = person.interest + dx, person.power + dy
        marker = ATTITUDE_MARKERS.get(person.attitude or "", "o")
        ax.scatter(
            [x],
            [y],
            s=MARKER_SIZES.get(marker, 330) * scale,
            color=colour,
            edgecolor="white",
            linewidth=1.2,
            zorder=3,
            marker=marker,
        )
        ax.text(
            x,
            y + LABEL_SHIFT.get(marker, 0.0),
            person.id,
            ha="center",
            va="center",
            color="white",
            fontsize=6.8 if not crowded else max(4.6, 6.8 * math.sqrt(scale)),
            fontweight="bold",
            zorder=4,
        )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(texts["interest"])
    ax.set_ylabel(texts["power"])
    clean_axes(ax)
    present = {p.attitude for p in people}
    handles = [
        legend_dot(ATTITUDE_COLOURS.get(key, "#7d8794"), name, ATTITUDE_MARKERS.get(key, "o"))
        for key, name in attitudes
        if key in present
    ]
    if present - {key for key, _ in attitudes}:  # placed, attitude not said: a grey dot too
        handles.append(legend_dot("#7d8794", texts["unknown"], "o"))
    if handles:
        figure.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.72, 0.95),
            title=texts["attitude"],
            alignment="left",
            labelspacing=0.9,
        )
    return as_svg(figure, "stakeholders")


def _offset(index: int, count: int) -> tuple[float, float]:
    if count == 1:
        return 0.0, 0.0
    angle = 2 * math.pi * index / count + math.pi / 4
    radius = 0.2 if count <= 4 else 0.28
    return radius * math.cos(angle), radius * math.sin(angle)


def _on_grid(index: int, side: int) -> tuple[float, float]:
    """The `index`-th place of a `side` × `side` grid filling 80 % of a cell, row by row from
    the top left."""
    step = 0.8 / side
    row, column = divmod(index, side)
    return -0.4 + step * (column + 0.5), 0.4 - step * (row + 0.5)


# --- the room's dot vote ----------------------------------------------------------------------


@dataclass(frozen=True)
class Votes:
    id: str
    title: str
    votes: int
    note: str  # the number as printed beside the bar: "12 (24 %)"


def dot_vote(needs: Sequence[Votes]) -> str:
    """One bar per need, most dots first, the count printed at the end of each bar; a hundred
    needs in parts (chartkit.chunks), every bar on the same scale."""
    most = max((n.votes for n in needs), default=0) or 1
    drawn = [
        _dot_vote_part([needs[i] for i in rows], most, part)
        for part, rows in enumerate(chunks(len(needs), 0.35, 0.26))
    ]
    return stacked(drawn, "votes")


def _dot_vote_part(needs: Sequence[Votes], most: int, part: int) -> str:
    rows = len(needs)
    height = 0.35 + 0.26 * rows
    figure = new_figure(7.0, height)
    ax = figure.add_axes((0.45, 0.12 / height, 0.45, 1 - 0.24 / height))
    positions = range(rows)
    ax.barh(positions, [most] * rows, color=SOFT, height=0.62)
    ax.barh(positions, [n.votes for n in needs], color=NEEDS, height=0.62)
    ax.set_yticks(list(positions), [f"{n.id}  {shorten(n.title, 48)}" for n in needs])
    for y, need in zip(positions, needs, strict=True):
        ax.text(most * 1.02, y, need.note, va="center", fontsize=8, color=INK, fontweight="bold")
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0, most)
    ax.set_xticks([])
    clean_axes(ax, bottom=False)
    return as_svg(figure, "votes", part)
