"""The roadmap's charts over time: the action plan's calendar and the results indicators."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.report.chartkit import (
    INK,
    MUTED,
    RULE,
    SERIES,
    as_svg,
    chunks,
    clean_axes,
    day_number,
    new_figure,
    patch,
    shorten,
    stacked,
)

# --- timeline ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    id: str
    title: str
    start: dt.date  # the first day its start covers (a year starts on 1 January)
    end: dt.date | None  # the last day its end covers; None: no end date
    group: str  # colour key (the axis)
    #: without an end: "ongoing" (in progress: runs on), "not_started" (to be launched), or ""
    #: (done, stopped or of no status: the end is not known)
    open_end: str = ""


@dataclass(frozen=True)
class _Frame:
    """What every part of a calendar drawn in parts shares, so that their years line up."""

    left_edge: float  # where the axes start, as a share of the figure's width
    right_edge: float
    left: float  # the days at the axes' ends
    right: float
    ticks: tuple[dt.date, ...]
    chars: int  # titles shortened to this many characters


def timeline(
    tasks: Sequence[Task],
    groups: Sequence[tuple[str, str]],
    milestones: Sequence[tuple[dt.date, str]],
    now: dt.date,
    words: Mapping[str, str],
) -> str:
    """A Gantt chart: one bar per action with a start, coloured by strategic axis, years marked.

    An action in progress without an end goes on to the right edge (`now`, or later dates),
    hatched and ending in an arrow, and says `words["ongoing"]` beyond it, in the margin; one
    to be launched is an open diamond at its start that says `words["not_started"]`; one done,
    stopped or of no status without a known end is a diamond at its start that says
    `words[""]`: never a made-up end, never « en cours » unless it is. Every label is measured:
    the axes leave room for the longest, a milestone's is written on the side where it fits.
    Eighty actions are drawn in parts (chartkit.chunks), each with its years above it, all on
    the same scale; the legend and the milestones' names under the last.
    """
    rows = chunks(len(tasks), 1.05 + _legend(groups), 0.27)
    figure, frame = _timeline(tasks, groups, milestones, now, words)
    if len(rows) == 1:
        return as_svg(figure, "timeline")
    parts = []
    for part, some in enumerate(rows):
        last = part == len(rows) - 1
        drawn, _ = _timeline(
            [tasks[i] for i in some],
            groups if last else [],
            milestones,
            now,
            words,
            frame,
            all_groups=groups,
            named=last,
        )
        parts.append(as_svg(drawn, "timeline", part))
    return stacked(parts, "timeline")


def _timeline(
    tasks: Sequence[Task],
    groups: Sequence[tuple[str, str]],
    milestones: Sequence[tuple[dt.date, str]],
    now: dt.date,
    words: Mapping[str, str],
    frame: _Frame | None = None,
    all_groups: Sequence[tuple[str, str]] | None = None,
    named: bool = True,
) -> tuple[Any, _Frame]:
    """The calendar of `tasks` (see `timeline`): its figure and the frame it was drawn in; with
    a `frame`, one part of a longer calendar drawn in that frame (`all_groups` colour it,
    `groups` is its legend, `named`: the milestones' names are written under it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    palette = all_groups if all_groups is not None else groups
    rows = len(tasks)
    height = 1.05 + 0.27 * rows + _legend(groups)
    if frame is not None and not named:
        height -= 0.25  # no milestone's name under it
    figure = new_figure(7.0, height)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    bottom = (0.25 + _legend(groups)) / height
    top = 0.32 / height  # room for the year labels above the bars
    colours = {key: SERIES[i % len(SERIES)] for i, (key, _) in enumerate(palette)}
    running = [t for t in tasks if t.end is None and t.open_end == "ongoing"]
    # the notes of bars that run to the right edge go beyond it: the axes leave them room
    notes = {t.id: _note(t, palette, words) for t in tasks}
    if frame is None:
        margin = max((_width(figure, renderer, notes[t.id]) for t in running), default=0.0)
        right_edge = 0.985 - (margin + NOTE_GAP + 2) / (figure.get_figwidth() * figure.dpi)
        labels, left_edge, chars = _row_labels(figure, renderer, tasks)
    else:
        right_edge, left_edge, chars = frame.right_edge, frame.left_edge, frame.chars
        labels = [f"{t.id}  {shorten(t.title, chars)}" for t in tasks]
    ax = figure.add_axes((left_edge, bottom, right_edge - left_edge, 1 - bottom - top))
    ends = [t.end for t in tasks if t.end is not None]
    first = min([t.start for t in tasks] + [d for d, _ in milestones])
    last = max(
        [
            *ends,
            *(t.start for t in tasks),
            *(d for d, _ in milestones),
            *([now] if running else []),
        ]
    )
    start_year, end_year = first.year, last.year
    left = day_number(dt.date(start_year, 1, 1))
    right = day_number(dt.date(end_year + 1, 1, 1))
    if frame is not None:
        left, right = frame.left, frame.right
        start_year = dt.date.fromordinal(int(left)).year
        end_year = dt.date.fromordinal(int(right) - 1).year
    for year in range(start_year, end_year + 2):
        ax.axvline(day_number(dt.date(year, 1, 1)), color=RULE, linewidth=0.8, zorder=0)
    inside: list[tuple[float, Any]] = []  # (x, text) of notes to keep inside the axes
    for row, task in enumerate(tasks):
        colour = colours.get(task.group, MUTED)
        note = notes[task.id]
        if task.end is None and task.open_end != "ongoing":  # a start, no end: a mark, no bar
            x = day_number(task.start)
            ax.plot(
                [x],
                [row],
                marker="D",
                markersize=5,
                color=colour,
                markerfacecolor="white" if task.open_end == "not_started" else colour,
                markeredgewidth=1.2,
                zorder=3,
            )
            inside.append((x, _write(ax, x, row, note, NOTE_GAP + 3)))
            continue
        stop = day_number(task.end) if task.end is not None else right
        ax.barh(
            row,
            max(stop - day_number(task.start), 4),
            left=day_number(task.start),
            height=0.58,
            color=colour,
            hatch="///" if task.end is None else None,
            edgecolor="white" if task.end is None else None,
            linewidth=0,
            zorder=2,
        )
        if task.end is None:  # runs on: an arrow at the edge, and the word beyond it
            ax.plot([stop], [row], marker=">", markersize=6, color=colour, zorder=3, clip_on=False)
            _write(ax, stop, row, note, NOTE_GAP + 2)
        elif note:  # written beside its bar: no need to match colours
            inside.append((stop, _write(ax, stop, row, note, NOTE_GAP)))
    ax.set_yticks(range(rows), labels, fontsize=ROW_SIZE)
    ax.set_ylim(rows + 0.5 if milestones and named else rows - 0.4, -0.6)
    ax.set_xlim(left, right)
    for day, label in milestones:
        x = day_number(day)
        ax.axvline(x, color=INK, linewidth=0.9, linestyle=(0, (2, 2)), zorder=1)
        if not named:
            continue
        text = ax.annotate(
            label,
            (x, rows + 0.35),
            xytext=(3, 0),
            textcoords="offset points",
            fontsize=7.2,
            color=INK,
            va="bottom",
            ha="left",
            fontweight="bold",
        )
        box = ax.get_window_extent(renderer)
        if text.get_window_extent(renderer).x1 > box.x1:  # past the edge: on the line's left
            text.set_horizontalalignment("right")
            text.xyann = (-3, 0)
    box = ax.get_window_extent(renderer)
    if frame is None:
        # a note beside a bar or a mark that would pass the right edge: the axis goes on further
        width, reach = box.width, right
        for x, text in inside:
            anchor = box.x0 + (x - left) / (right - left) * width
            beyond = text.get_window_extent(renderer).x1 - anchor
            if 0 < beyond < width:  # the pixels past its anchor stay; the days scale
                reach = max(reach, left + (x - left) * width / (width - beyond - 2))
        right = reach
        ax.set_xlim(left, right)
        years = list(range(start_year, end_year + 1))
        # a label every so many years that they never touch: the width of « 2000 » in bold,
        # and half
        year_width = box.width * (day_number(dt.date(2001, 1, 1)) - left) / (right - left)
        year_width -= box.width * (day_number(dt.date(2000, 1, 1)) - left) / (right - left)
        needed = 1.5 * _width(figure, renderer, "2000", 8.5)
        step = next((s for s in (1, 2, 5, 10) if s * year_width >= needed), 20)
        ticks = tuple(dt.date(y, 7, 1) for y in years[::step])
        frame = _Frame(left_edge, right_edge, left, right, ticks, chars)
    ax.set_xticks(
        [day_number(d) for d in frame.ticks],
        [str(d.year) for d in frame.ticks],
        fontsize=8.5,
        fontweight="bold",
    )
    ax.xaxis.tick_top()
    clean_axes(ax, bottom=False)
    if groups:
        handles = [patch(colours[key], shorten(name, 38)) for key, name in groups]
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
    return figure, frame


def _legend(groups: Sequence[tuple[str, str]]) -> float:
    """Inches under the calendar for its legend: two axes a line, two lines in the first 0.3,
    then 0.16 more a line (eight axes)."""
    lines = -(-len(groups) // 2)
    return 0.3 + 0.16 * max(lines - 2, 0) if groups else 0.0


#: points between a bar's end (or a mark) and the words beside it
NOTE_GAP = 4
NOTE_SIZE = 6.6
ROW_SIZE = 7.6


def _row_labels(figure: Any, renderer: Any, tasks: Sequence[Task]) -> tuple[list[str], float, int]:
    """Each row's `id  title`, titles shortened until the longest fits in at most 40 % of the
    width, where the axes start (as a share of the figure) so that it is not cut, and the
    titles' length."""
    page = figure.get_figwidth() * figure.dpi
    for chars in (44, 38, 32, 26, 20):
        labels = [f"{t.id}  {shorten(t.title, chars)}" for t in tasks]
        widest = max((_width(figure, renderer, label, ROW_SIZE) for label in labels), default=0)
        if widest + 12 <= 0.40 * page:
            break
    return labels, max(0.16, (widest + 12) / page), chars


def _note(task: Task, groups: Sequence[tuple[str, str]], words: Mapping[str, str]) -> str:
    """What is written beside an action: its axis (when there are several), what its open end
    means."""
    note = task.group if groups and task.group else ""
    if task.end is None:
        word = words.get(task.open_end, "")
        note = f"{note} · {word}" if note and word else note or word
    return note


def _write(ax: Any, x: float, row: int, note: str, gap: float) -> Any:
    """A note beside a bar or a mark, `gap` points to its right, on a white ground so that a
    milestone's dashed line passing behind it does not cross its letters."""
    return ax.annotate(
        note,
        (x, row),
        xytext=(gap, 0),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=NOTE_SIZE,
        color=MUTED,
        zorder=4,
        annotation_clip=False,
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
    )


def _width(figure: Any, renderer: Any, note: str, size: float = NOTE_SIZE) -> float:
    """A note's width in pixels, as drawn."""
    if not note:
        return 0.0
    text = figure.text(0, 0, note, fontsize=size)
    width = float(text.get_window_extent(renderer).width)
    text.remove()
    return width


def year_step(years: int) -> int:
    """Every year labelled up to 12, then every 2nd, 5th or 10th: « 2002 2004 … », never
    « 20022003 » run together on a project twenty years long."""
    return next(step for step in (1, 2, 5, 10) if years <= 12 * step)


# --- results over time ---------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    day: dt.date  # the middle day of its date
    value: float  # where it is drawn: the figure, the floor, the middle of a range
    kind: str = "exact"  # an amount's kind (coconstruct.model.amounts.KINDS): what the label says
    low: float | None = None  # a range's ends, written on its label
    high: float | None = None

    def label(self, figure: Callable[[float], str]) -> str:
        """`40` exact, `≈ 40` an estimate, `100+` a floor, `15–20` a range: never more sure
        than the data; each figure written by `figure` (the report's language: `1 500`)."""
        if self.kind == "estimate":
            return f"≈\u00a0{figure(self.value)}"
        if self.kind == "floor":
            return f"{figure(self.value)}+"
        if self.kind == "range" and self.low is not None and self.high is not None:
            return f"{figure(self.low)}–{figure(self.high)}"
        return figure(self.value)


@dataclass(frozen=True)
class Series:
    id: str
    title: str
    points: tuple[Point, ...]
    target: Point | None
    baseline: bool = False  # the first point is the baseline, not a measure


#: the most days between two measures that the results chart joins by a line
JOINED_DAYS = 366


def joined(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The pairs of consecutive points the chart joins by a line: at most a year apart."""
    return [
        (before, after)
        for before, after in itertools.pairwise(points)
        if (after.day - before.day).days <= JOINED_DAYS
    ]


def results(series: Sequence[Series], target_word: str, number: Callable[[float], str]) -> str:
    """Each results indicator as dated points from its baseline, two of them joined by a line
    only when at most a year apart (`JOINED_DAYS`), its values written at each
    point as the data gives them (`≈ 40`, `100+`), each figure by `number` (the report's
    language); an approximate value (an estimate, a floor, a range) is an open marker; the
    target a diamond at its date, reached by a dashed line."""
    parts = [
        as_svg(_results([series[i] for i in rows], rows.start, target_word, number), "results", n)
        for n, rows in enumerate(chunks(len(series), 1.1, 1.95))
    ]
    return stacked(parts, "results")


def _results(
    series: Sequence[Series], offset: int, target_word: str, number: Callable[[float], str]
) -> Any:
    """The figure of `series`, the first of them the `offset`-th indicator (its colour)."""
    from matplotlib.ticker import FuncFormatter

    figure = new_figure(7.0, 1.1 + 1.95 * len(series))
    for index, one in enumerate(series):
        ax = figure.add_subplot(len(series), 1, index + 1)
        colour = SERIES[(offset + index) % len(SERIES)]
        days = [day_number(p.day) for p in one.points]
        numbers = [p.value for p in one.points]
        # two measures are joined only when at most a year apart: a line across years no
        # source describes would draw a trend nobody measured
        for before, after in joined(one.points):
            ax.plot(
                [day_number(before.day), day_number(after.day)],
                [before.value, after.value],
                color=colour,
                linewidth=1.6,
                zorder=2,
            )
        for point, x in zip(one.points, days, strict=True):
            # two sources' figures on the same day: the highest labelled above, the others
            # below, so that both stay readable side by side
            below = any(o.day == point.day and o.value > point.value for o in one.points)
            ax.plot(
                [x],
                [point.value],
                marker="o",
                markersize=5,
                markerfacecolor="white" if point.kind != "exact" else colour,
                markeredgecolor=colour,
                zorder=3,
            )
            ax.annotate(
                point.label(number),
                (x, point.value),
                textcoords="offset points",
                xytext=(0, -7) if below else (0, 6),
                ha="center",
                va="top" if below else "baseline",
                fontsize=7.4,
                color=INK,
            )
        top = max(numbers)
        ends = [p.day for p in one.points]
        if one.target is not None:  # a dashed line to where the target is due, a diamond there
            day, value = one.target.day, one.target.value
            ax.plot(
                [days[-1], day_number(day)],
                [numbers[-1], value],
                color=colour,
                linewidth=1,
                linestyle=(0, (3, 2)),
                zorder=1,
            )
            ax.plot([day_number(day)], [value], marker="D", markersize=5, color=INK, zorder=3)
            ax.annotate(
                f"{target_word} {one.target.label(number)}",
                (day_number(day), value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
                fontsize=7,
                color=INK,
            )
            top = max(top, value)
            ends.append(day)
        ax.set_ylim(0, top * 1.25 if top > 0 else 1)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(value)))
        ax.set_title(f"{one.id} · {shorten(one.title, 70)}", loc="left", fontsize=8.6, color=INK)
        first, last = min(ends), max(ends)
        years = range(first.year, last.year + 2)
        shown = years[:: year_step(len(years))]
        ax.set_xticks(
            [day_number(dt.date(y, 1, 1)) for y in shown], [str(y) for y in shown], fontsize=7.4
        )
        ax.set_xlim(day_number(dt.date(first.year, 1, 1)), day_number(dt.date(last.year + 1, 1, 1)))
        clean_axes(ax, left=True)
    figure.tight_layout(pad=0.6)
    return figure
