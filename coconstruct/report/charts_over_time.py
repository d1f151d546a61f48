"""The roadmap's charts over time: the action plan's calendar and the results indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from coconstruct.report.chartkit import (
    INK,
    MUTED,
    RULE,
    SERIES,
    as_svg,
    clean_axes,
    day_number,
    new_figure,
    patch,
    shorten,
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
    figure = new_figure(7.0, height)
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
    right = day_number(dt.date(end_year + 1, 1, 1))
    for year in range(start_year, end_year + 2):
        ax.axvline(day_number(dt.date(year, 1, 1)), color=RULE, linewidth=0.8, zorder=0)
    for row, task in enumerate(tasks):
        colour = colours.get(task.group, MUTED)
        running = task.end is None and task.runs_on
        if task.end is None and not running:  # a start and no known end: a mark, no bar
            ax.plot(
                [day_number(task.start)], [row], marker="D", markersize=5, color=colour, zorder=3
            )
            ax.text(
                day_number(task.start) + 12, row, no_end, va="center", fontsize=6.6, color=MUTED
            )
            continue
        stop = day_number(task.end) if task.end is not None else right - 10
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
    labels = [f"{t.id}  {shorten(t.title, 44)}" for t in tasks]
    ax.set_yticks(range(rows), labels, fontsize=7.6)
    ax.set_ylim(rows + 0.5 if milestones else rows - 0.4, -0.6)
    for day, label in milestones:
        ax.axvline(day_number(day), color=INK, linewidth=0.9, linestyle=(0, (2, 2)), zorder=3)
        ax.text(
            day_number(day),
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
        [day_number(d) for d in ticks],
        [str(d.year) for d in ticks],
        fontsize=8.5,
        fontweight="bold",
    )
    ax.set_xlim(day_number(dt.date(start_year, 1, 1)), right)
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
    return as_svg(figure, "timeline")


# --- results over time ---------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    day: dt.date  # the middle day of its date
    value: float  # where it is drawn: the figure, the floor, the middle of a range
    kind: str = "exact"  # an amount's kind (coconstruct.amounts.KINDS): what the label says
    low: float | None = None  # a range's ends, written on its label
    high: float | None = None

    @property
    def label(self) -> str:
        """`40` exact, `≈ 40` an estimate, `100+` a floor, `15–20` a range: never more sure
        than the data."""
        if self.kind == "estimate":
            return f"≈\u00a0{_figure(self.value)}"
        if self.kind == "floor":
            return f"{_figure(self.value)}+"
        if self.kind == "range" and self.low is not None and self.high is not None:
            return f"{_figure(self.low)}–{_figure(self.high)}"
        return _figure(self.value)


def _figure(value: float) -> str:
    """A figure as given: whole numbers in full (never `1e+06`), others to 6 digits."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Series:
    id: str
    title: str
    points: tuple[Point, ...]
    target: Point | None
    baseline: bool = False  # the first point is the baseline, not a measure


def results(series: Sequence[Series], target_word: str) -> str:
    """Each results indicator as a line over time from its baseline, its values written at each
    point as the data gives them (`≈ 40`, `100+`); an approximate value (an estimate, a floor, a
    range) is an open marker; the target a diamond at its date, reached by a dashed line."""
    figure = new_figure(7.0, 1.1 + 1.95 * len(series))
    for index, one in enumerate(series):
        ax = figure.add_subplot(len(series), 1, index + 1)
        colour = SERIES[index % len(SERIES)]
        days = [day_number(p.day) for p in one.points]
        numbers = [p.value for p in one.points]
        ax.plot(days, numbers, color=colour, linewidth=1.6, zorder=2)
        for point, x in zip(one.points, days, strict=True):
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
                point.label,
                (x, point.value),
                textcoords="offset points",
                xytext=(0, 6),
                ha="center",
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
                f"{target_word} {one.target.label}",
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
        ax.set_title(f"{one.id} · {shorten(one.title, 70)}", loc="left", fontsize=8.6, color=INK)
        first, last = min(ends), max(ends)
        years = range(first.year, last.year + 2)
        ax.set_xticks(
            [day_number(dt.date(y, 1, 1)) for y in years], [str(y) for y in years], fontsize=7.4
        )
        ax.set_xlim(day_number(dt.date(first.year, 1, 1)), day_number(dt.date(last.year + 1, 1, 1)))
        clean_axes(ax, left=True)
    figure.tight_layout(pad=0.6)
    return as_svg(figure, "results")
