"""The roadmap's charts, drawn with matplotlib as SVG text.

matplotlib is imported on the first chart only (it costs a third of a second), with the Agg
backend and no pyplot, so nothing here touches a display. Text stays text (`svg.fonttype: none`):
the SVG is three times smaller than with glyph paths, weasyprint lays it out faster, and the page's
own font draws it (see benchmarks/render.py). Output is deterministic (fixed ids, no date), so an
unchanged answers file gives byte-identical charts.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import io
import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

# The house palette, shared with templates/roadmap.css.
INK = "#1c2430"
MUTED = "#5d6675"
RULE = "#d8dde5"
SOFT = "#f3f1ec"
NEEDS = "#d1543a"  # rising needs: warm
RESOURCES = "#1f7a80"  # shrinking resources: cool
FAMILY_COLOURS = {"public": "#2f5d8c", "prive": "#d99a2b", "revenus_activite": "#3e8e63"}
# A pattern for each family besides its colour, so that the mix reads in greyscale too.
FAMILY_HATCHES = {"public": "", "prive": "//", "revenus_activite": "\\\\"}
ATTITUDE_COLOURS = {
    "champion": "#1e7d52",
    "soutien": "#6bb38a",
    "neutre": "#a9b0bb",
    "reserve": "#e99a4c",
    "opposant": "#c8412f",
}
# A shape for each attitude besides its colour (greyscale, colour blindness).
ATTITUDE_MARKERS = {
    "champion": "^",
    "soutien": "o",
    "neutre": "s",
    "reserve": "D",
    "opposant": "v",
}
# Triangles are drawn larger, their label moved into their wide part, so that it fits.
MARKER_SIZES = {"o": 330, "s": 300, "D": 300, "^": 620, "v": 620}
LABEL_SHIFT = {"^": -0.07, "v": 0.07}
SERIES = ("#1f7a80", "#d1543a", "#2f5d8c", "#d99a2b", "#6f4e98", "#3e8e63", "#8a6a4f")
FONT = ["Inter", "DejaVu Sans", "Arial", "sans-serif"]


@cache
def _matplotlib() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "font.family": "sans-serif",
            "font.sans-serif": FONT,
            "font.size": 8.5,
            "text.color": INK,
            "axes.edgecolor": RULE,
            "axes.labelcolor": MUTED,
            "axes.titlesize": 9.5,
            "axes.titleweight": "bold",
            "axes.titlecolor": INK,
            "axes.titlelocation": "left",
            "xtick.color": MUTED,
            "ytick.color": MUTED,
            "xtick.labelsize": 8,
            "ytick.labelsize": 8,
            "legend.frameon": False,
            "legend.fontsize": 8,
        }
    )
    from matplotlib.figure import Figure

    return Figure


def _figure(width: float, height: float) -> Any:
    figure_class = _matplotlib()
    return figure_class(figsize=(width, height), dpi=96)


_PNG_DPI: ContextVar[int | None] = ContextVar("coconstruct_chart_png_dpi", default=None)


@contextlib.contextmanager
def as_png(dpi: int) -> Iterator[None]:
    """Charts drawn inside come out as `data:image/png` URLs at `dpi`, not as SVG text.

    Word processors want pictures: Word before 2016 shows no SVG, and both draw SVG text in
    whatever font they find. A PNG at print resolution looks the same everywhere.
    """
    token = _PNG_DPI.set(dpi)
    try:
        yield
    finally:
        _PNG_DPI.reset(token)


def png_dpi() -> int | None:
    """The resolution charts are drawn at as PNG (inside `as_png`), or None for SVG."""
    return _PNG_DPI.get()


def _png(figure: Any, dpi: int) -> str:
    buffer = io.BytesIO()
    # "tight": a label drawn wider in the raster's font than in the page's still fits
    figure.savefig(
        buffer,
        format="png",
        dpi=dpi,
        facecolor="white",
        bbox_inches="tight",
        pad_inches=0.04,
        metadata={"Software": None},
    )
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _svg(figure: Any, name: str) -> str:
    import matplotlib

    if (dpi := _PNG_DPI.get()) is not None:
        return _png(figure, dpi)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"coconstruct-{name}", "svg.id": name}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, transparent=True)
    svg = buffer.getvalue()
    start = svg.find("<svg")  # drop the XML prolog and doctype: the SVG goes inline in HTML
    svg = svg[start:] if start >= 0 else svg
    # matplotlib names every group (figure_1, patch_1…): the same ids in every chart, which
    # clash once several charts share a page. Only referenced ids (clip paths) are kept.
    used = set(re.findall(r"url\(#([^)]+)\)", svg)) | set(re.findall(r'href="#([^"]+)"', svg))
    svg = re.sub(r'\sid="([^"]+)"', lambda m: m.group(0) if m.group(1) in used else "", svg)
    return svg.replace("<svg ", f'<svg class="chart chart-{name}" role="img" ', 1)


def _clean(ax: Any, left: bool = False, bottom: bool = True) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_visible(left)
    ax.spines["bottom"].set_visible(bottom)
    ax.tick_params(length=0)


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
    figure = _figure(7.0, 2.9)
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
            _line(NEEDS, texts["needs"], "o"),
            _line(RESOURCES, texts["resources"], "s"),
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
    _clean(ax)
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
        _clean(bar_ax, bottom=False)
        bar_ax.set_title(title, fontsize=8.5, pad=4)
    return _svg(figure, "scissors")


# --- money mix --------------------------------------------------------------------------------


def money_mix(
    rows: Sequence[tuple[str, Mapping[str, float]]],
    families: Sequence[tuple[str, str]],
    percent: Any,
) -> str:
    """Stacked 100 % bars, one per row (today, target), one segment per family of money."""
    figure = _figure(7.0, 0.55 + 0.48 * len(rows))
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
    _clean(ax, bottom=False)
    handles = [
        _patch(FAMILY_COLOURS.get(key, MUTED), name, FAMILY_HATCHES.get(key, ""))
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
    return _svg(figure, "money")


def _patch(colour: str, label: str, hatch: str = "") -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, label=label, hatch=hatch, edgecolor="white", linewidth=0)


@dataclass(frozen=True)
class Mix:
    """One territory's money by family, for the portfolio's small multiples."""

    name: str
    shares: Mapping[str, float]  # family → share of that territory's money (0–1)
    note: str  # under the bar: the year, the hybridisation index


def money_mixes(
    mixes: Sequence[Mix],
    families: Sequence[tuple[str, str]],
    percent: Any,
    columns: int = 3,
    name: str = "mixes",
) -> str:
    """Small multiples: each territory's mix as a 100 % bar of its own, on the same scale, in a
    grid, the families in the same colours and patterns as the roadmap's money chart.

    One axes for the whole grid, each panel drawn in its cell: a figure of many small axes
    costs matplotlib ten times as long.
    """
    rows = -(-len(mixes) // columns)
    legend = 0.42
    height = legend + 0.74 * rows
    figure = _figure(10.0, height)
    ax = figure.add_axes((0.0, 0.0, 1.0, (height - legend) / height))
    ax.set_xlim(0, columns)
    ax.set_ylim(rows, 0)
    ax.axis("off")
    for index, mix in enumerate(mixes):
        column, row = index % columns, index // columns
        left, width = column + 0.03, 0.9
        ax.text(left, row + 0.2, _shorten(mix.name, 40), fontsize=8, fontweight="bold", va="center")
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
    figure.legend(
        handles=[
            _patch(FAMILY_COLOURS.get(key, MUTED), label, FAMILY_HATCHES.get(key, ""))
            for key, label in families
        ],
        loc="upper left",
        bbox_to_anchor=(0.02, 1.0),
        ncols=len(families),
        handlelength=1,
        handleheight=1,
        columnspacing=1.6,
    )
    return _svg(figure, name)


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
    """Power against interest, the four quadrants named, each partner a dot by attitude."""
    figure = _figure(7.0, 4.1)
    ax = figure.add_axes((0.08, 0.17, 0.62, 0.78))
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
        ax.add_patch(_rectangle(x0, y0, x1 - x0, y1 - y0, tints[name]))
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
    cells: dict[tuple[int, int], int] = {}
    for person in people:
        cells[(person.interest, person.power)] = cells.get((person.interest, person.power), 0) + 1
    for person in people:
        cell = (person.interest, person.power)
        index = placed.get(cell, 0)
        placed[cell] = index + 1
        dx, dy = _offset(index, cells[cell])
        colour = ATTITUDE_COLOURS.get(person.attitude or "", "#7d8794")
        x, y = person.interest + dx, person.power + dy
        marker = ATTITUDE_MARKERS.get(person.attitude or "", "o")
        ax.scatter(
            [x],
            [y],
            s=MARKER_SIZES.get(marker, 330),
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
            fontsize=6.8,
            fontweight="bold",
            zorder=4,
        )
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(texts["interest"])
    ax.set_ylabel(texts["power"])
    _clean(ax)
    present = {p.attitude for p in people}
    handles = [
        _dot(ATTITUDE_COLOURS.get(key, "#7d8794"), name, ATTITUDE_MARKERS.get(key, "o"))
        for key, name in attitudes
        if key in present
    ]
    if handles:
        figure.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.72, 0.95),
            title=texts["attitude"],
            alignment="left",
            labelspacing=0.9,
        )
    return _svg(figure, "stakeholders")


def _offset(index: int, count: int) -> tuple[float, float]:
    if count == 1:
        return 0.0, 0.0
    import math

    angle = 2 * math.pi * index / count + math.pi / 4
    radius = 0.2 if count <= 4 else 0.28
    return radius * math.cos(angle), radius * math.sin(angle)


def _rectangle(x: float, y: float, w: float, h: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), w, h, facecolor=colour, edgecolor="white", linewidth=2, zorder=0)


def _line(colour: str, label: str, marker: str | None = None) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([], [], color=colour, linewidth=2.6, label=label, marker=marker, markersize=5)


def _dot(colour: str, label: str, marker: str = "o") -> Any:
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        marker=marker,
        linestyle="",
        markersize=8,
        markerfacecolor=colour,
        markeredgecolor=colour,
        label=label,
    )


# --- timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    start: dt.date  # the first day its start covers (a year starts on 1 January)
    end: dt.date | None  # the last day its end covers; None: no end date
    group: str  # colour key (the axis)
    runs_on: bool = True  # without an end: still running (else done or stopped, end not known)


def timeline(
    tasks: Sequence[Task],
    groups: Sequence[tuple[str, str]],
    milestones: Sequence[tuple[dt.date, str]],
    now: dt.date,
    ongoing: str,
    no_end: str,
) -> str:
    """A Gantt chart: one bar per action with a start, coloured by strategic axis, years marked.

    An action without an end that still runs goes on to the right edge (`now`, or later
    dates), hatched and ending in an arrow, and says `ongoing` beside it; one that is done or
    stopped without a known end is a mark at its start that says `no_end`: never a made-up end.
    """
    rows = len(tasks)
    height = 1.05 + 0.27 * rows + (0.3 if groups else 0)
    figure = _figure(7.0, height)
    bottom = (0.55 if groups else 0.25) / height
    top = 0.32 / height  # room for the year labels above the bars
    ax = figure.add_axes((0.36, bottom, 0.61, 1 - bottom - top))
    colours = {key: SERIES[i % len(SERIES)] for i, (key, _) in enumerate(groups)}
    ends = [t.end for t in tasks if t.end is not None]
    first = min([t.start for t in tasks] + [d for d, _ in milestones])
    last = max(
        [
            *ends,
            *(d for d, _ in milestones),
            *([now] if any(t.end is None and t.runs_on for t in tasks) else []),
        ]
    )
    start_year, end_year = first.year, last.year
    right = _num(dt.date(end_year + 1, 1, 1))
    for year in range(start_year, end_year + 2):
        ax.axvline(_num(dt.date(year, 1, 1)), color=RULE, linewidth=0.8, zorder=0)
    for row, task in enumerate(tasks):
        colour = colours.get(task.group, MUTED)
        running = task.end is None and task.runs_on
        if task.end is None and not running:  # a start and no known end: a mark, no bar
            ax.plot([_num(task.start)], [row], marker="D", markersize=5, color=colour, zorder=3)
            ax.text(_num(task.start) + 12, row, no_end, va="center", fontsize=6.6, color=MUTED)
            continue
        stop = _num(task.end) if task.end is not None else right - 10
        ax.barh(
            row,
            max(stop - _num(task.start), 4),
            left=_num(task.start),
            height=0.58,
            color=colour,
            hatch="///" if task.end is None else None,
            edgecolor="white" if task.end is None else None,
            linewidth=0,
            zorder=2,
        )
        if task.end is None:  # runs on: an arrow at the edge, and the word
            ax.plot([stop], [row], marker=">", markersize=6, color=colour, zorder=3)
        note = task.group if groups and task.group else ""
        if task.end is None:
            note = f"{note} · {ongoing}" if note else ongoing
        if note:  # written beside its bar: no need to match colours
            ax.text(
                min(stop + 8, right - 2),
                row,
                note,
                va="center",
                ha="left" if stop + 8 < right - 60 else "right",
                fontsize=6.6,
                color=MUTED,
                zorder=3,
            )
    labels = [f"{t.id}  {_shorten(t.title, 44)}" for t in tasks]
    ax.set_yticks(range(rows), labels, fontsize=7.6)
    ax.set_ylim(rows + 0.5 if milestones else rows - 0.4, -0.6)
    for day, label in milestones:
        ax.axvline(_num(day), color=INK, linewidth=0.9, linestyle=(0, (2, 2)), zorder=3)
        ax.text(
            _num(day),
            rows + 0.35,
            f" {label}",
            fontsize=7.2,
            color=INK,
            va="bottom",
            ha="left",
            fontweight="bold",
        )
    years = list(range(start_year, end_year + 1))
    step = 1 if len(years) <= 12 else 2
    ticks = [dt.date(y, 7, 1) for y in years[::step]]
    ax.set_xticks(
        [_num(d) for d in ticks], [str(d.year) for d in ticks], fontsize=8.5, fontweight="bold"
    )
    ax.set_xlim(_num(dt.date(start_year, 1, 1)), right)
    ax.xaxis.tick_top()
    _clean(ax, bottom=False)
    if groups:
        handles = [_patch(colours[key], _shorten(name, 38)) for key, name in groups]
        figure.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 0.0),
            ncols=2 if len(groups) > 1 else 1,
            handlelength=1,
            handleheight=1,
            columnspacing=1.4,
            fontsize=7.6,
        )
    return _svg(figure, "timeline")


# --- results over time ---------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    id: str
    title: str
    points: tuple[tuple[dt.date, float, bool], ...]  # (middle day, value, approximate)
    target: tuple[dt.date, float] | None
    baseline: bool = False  # the first point is the baseline, not a measure


def results(series: Sequence[Series], target_word: str) -> str:
    """Each results indicator as a line over time from its baseline, its values written at each
    point; an approximate value (an estimate, a floor) is an open marker; the target a diamond at
    its date, reached by a dashed line."""
    figure = _figure(7.0, 1.1 + 1.95 * len(series))
    for index, one in enumerate(series):
        ax = figure.add_subplot(len(series), 1, index + 1)
        colour = SERIES[index % len(SERIES)]
        days = [_num(d) for d, _, _ in one.points]
        numbers = [v for _, v, _ in one.points]
        ax.plot(days, numbers, color=colour, linewidth=1.6, zorder=2)
        for (_day, value, approximate), x in zip(one.points, days, strict=True):
            ax.plot(
                [x],
                [value],
                marker="o",
                markersize=5,
                markerfacecolor="white" if approximate else colour,
                markeredgecolor=colour,
                zorder=3,
            )
            ax.annotate(
                f"{value:g}{'+' if approximate else ''}",
                (x, value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7.4,
                color=INK,
            )
        top = max(numbers)
        ends = [d for d, _, _ in one.points]
        if one.target is not None:  # a dashed line to where the target is due, a diamond there
            day, value = one.target
            ax.plot(
                [days[-1], _num(day)],
                [numbers[-1], value],
                color=colour,
                linewidth=1,
                linestyle=(0, (3, 2)),
                zorder=1,
            )
            ax.plot([_num(day)], [value], marker="D", markersize=5, color=INK, zorder=3)
            ax.annotate(
                f"{target_word} {value:g}",
                (_num(day), value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
                color=INK,
            )
            top = max(top, value)
            ends.append(day)
        ax.set_ylim(0, top * 1.25 if top > 0 else 1)
        ax.set_title(f"{one.id} · {_shorten(one.title, 70)}", loc="left", fontsize=8.6, color=INK)
        first, last = min(ends), max(ends)
        years = range(first.year, last.year + 2)
        ax.set_xticks(
            [_num(dt.date(y, 1, 1)) for y in years], [str(y) for y in years], fontsize=7.4
        )
        ax.set_xlim(_num(dt.date(first.year, 1, 1)), _num(dt.date(last.year + 1, 1, 1)))
        _clean(ax, left=True)
    figure.tight_layout(pad=0.6)
    return _svg(figure, "results")


def _num(day: dt.date) -> float:
    return float(day.toordinal())


def _shorten(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")
