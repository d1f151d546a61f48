"""Which charts a roadmap gets, from its context: only those its answers can feed, drawn once
and kept in the cache. Their words (alternative text, data tables) are in chart_texts.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coconstruct import __version__
from coconstruct.analysis import Analysis
from coconstruct.language.messages import N_, msg, nmsg
from coconstruct.model import formatting
from coconstruct.model.amounts import Amount
from coconstruct.model.formatting import Formatter
from coconstruct.model.fsio import atomic_write, cache_folder
from coconstruct.model.origin import reference_date
from coconstruct.model.values import as_date
from coconstruct.report import chartkit, charts, charts_over_time
from coconstruct.report.wording import counted, mix_reason, quadrant_names

if TYPE_CHECKING:
    from coconstruct.report.content.material import Material


def draw_all(m: Material, gettext: Callable[[str], str]) -> dict[str, str]:
    """SVG text by chart name; a chart its data cannot support is left out (`missing` says why)."""
    result: Analysis = m.analysis
    fmt: Formatter = m.fmt
    labels: dict[str, dict[str, str]] = m.labels
    out: dict[str, str] = {}
    s = result.scissors
    if s.drawable and s.need_pressure is not None and s.resource_availability is not None:
        out["scissors"] = draw_cached(
            charts.scissors,
            s.need_pressure,
            s.projected_need_pressure,
            s.resource_availability,
            s.projected_resource_availability,
            [
                charts.Bar(
                    labels.get("needs.domain", {}).get(d.domain, d.domain),
                    d.pressure,
                    trend_arrow(d.trend),
                )
                for d in s.domains
            ],
            [
                charts.Bar(
                    labels.get("resources.type", {}).get(r.type, r.type),
                    r.tension,
                    trend_arrow(
                        -r.trend if r.trend is not None else None
                    ),  # tension: the other way
                )
                for r in s.resource_types
            ],
            {
                "title": gettext("The scissor effect"),
                "needs": gettext("Pressure of needs"),
                "resources": gettext("Availability of resources"),
                "today": gettext("Today"),
                "trend": gettext("Stated trend"),
                "pressure": gettext("Pressure of needs by domain"),
                "tension": gettext("Tension on resources by type"),
            },
        )
    vote = result.vote
    if vote is not None and vote.placed:
        titles = {need["id"]: str(need["title"]) for need in m.items["needs"]}
        out["votes"] = draw_cached(
            charts.dot_vote,
            [
                charts.Votes(
                    n.id,
                    titles.get(n.id, n.id),
                    n.votes,
                    f"{fmt.number(n.votes)} ({fmt.percent(n.share)})",
                )
                for n in vote.needs
            ],
        )
    money = result.money
    if money.mix_reliable:
        rows: list[tuple[str, dict[str, float]]] = [
            (
                mix_label(money, gettext("Today"), gettext("Budget")),
                {f.key: f.share or 0 for f in money.by_family},
            ),
        ]
        if money.target:
            total = sum(money.target.values())
            if total > 0:
                rows.append(
                    (
                        year_label(gettext("Target"), money.target_year),
                        {k: v / total for k, v in money.target.items()},
                    )
                )
        families = list(labels.get("funding.family", {}).items())
        out["money"] = draw_cached(charts.money_mix, rows, families, fmt.percent)
    people = [
        charts.Stakeholder(p["id"], p["power"], p["interest"], p.get("attitude"))
        for p in m.items["partners"]
        if p["quadrant"] is not None
    ]
    if people:
        out["stakeholders"] = draw_cached(
            charts.stakeholders,
            people,
            quadrant_names(m.lang),
            list(labels.get("partners.attitude", {}).items()),
            {
                "power": gettext("Power"),
                "interest": gettext("Interest"),
                "attitude": gettext("Attitude"),
                "unknown": gettext("attitude not known"),
            },
        )
    titles = {a["id"]: str(a["title"]) for a in m.items["actions"]}
    axes = {a["id"]: str(a.get("axis") or "") for a in m.items["actions"]}
    tasks = [
        charts_over_time.Task(
            span.id,
            titles.get(span.id, span.id),
            span.first_day,
            span.last_day,
            axes.get(span.id, ""),
            "ongoing" if span.runs_on else "not_started" if span.not_started else "",
        )
        for span in result.plan.timeline
    ]
    if tasks:
        used = {t.group for t in tasks}
        groups = [(a["id"], f"{a['id']} {a['title']}") for a in m.items["axes"] if a["id"] in used]
        if "" in used:
            groups.append(("", gettext("No axis")))
        milestones = []
        next_meeting = as_date(m.answers.get("next_meeting"))
        if next_meeting:
            milestones.append((next_meeting.start, gettext("Next meeting")))
        out["timeline"] = draw_cached(
            charts_over_time.timeline,
            tasks,
            groups if len(groups) > 1 else [],
            milestones,
            report_day(m),
            {
                "ongoing": gettext("ongoing"),
                "not_started": gettext("to be launched"),
                "": gettext("end not known"),
            },
        )
    series = result_series(result)
    if series:
        out["results"] = draw_cached(
            charts_over_time.results, series, gettext("target"), fmt.figure
        )
    return out


def missing(m: Material) -> dict[str, str]:
    """Why a chart is not drawn, in one line, by chart name (only for charts not drawn)."""
    result: Analysis = m.analysis
    lang: str = m.lang
    out: dict[str, str] = {}
    s = result.scissors
    if not s.drawable and (s.needs or s.resources):
        out["scissors"] = msg(
            "The scissor chart is not drawn: {known}; it takes at least 3 of each, and half of "
            "them.",
            lang,
            known=counted(
                s.pressure_base,
                s.availability_base,
                N_("a priority and an urgency for {n} of {of} needs"),
                N_("an availability for {n} of {of} resources"),
                lang,
            ),
        )
    money = result.money
    reason = mix_reason(money, lang)
    if money.any and reason:
        out["money"] = msg("The mix of money is not drawn: {reason}.", lang, reason=reason)
    partners = result.partners
    if partners.count and not any(partners.quadrants.values()):
        out["stakeholders"] = nmsg(
            "The stakeholder grid is not drawn: power and interest are not given for the "
            "{n} partner.",
            "The stakeholder grid is not drawn: power and interest are not given for any of "
            "the {n} partners.",
            partners.count,
            lang,
        )
    plan = result.plan
    if plan.count and not plan.timeline:
        out["timeline"] = nmsg(
            "The calendar is not drawn: the action has no start date.",
            "The calendar is not drawn: none of the {n} actions has a start date.",
            plan.count,
            lang,
        )
    vote = result.vote
    if vote is not None and not vote.placed:
        out["votes"] = msg("The chart of the dot vote is not drawn: no dot was placed.", lang)
    return out


def report_day(m: Material) -> dt.date:
    """Where an action that runs on stops on the calendar: the workshop (a documented site's
    data date), or today."""
    workshop = reference_date(m.answers)
    return workshop.end if workshop is not None else dt.date.today()


def result_series(result: Analysis) -> list[charts_over_time.Series]:
    """Indicators with at least two dated values, the baseline first, as lines over time."""
    out = []
    for indicator in result.results.indicators:
        points = tuple(
            point(middle_day(m.date), m.value)
            for m in indicator.measures
            if m.value.central is not None
        )
        baseline = baseline_point(indicator)
        if baseline is not None and (not points or baseline.day <= points[0].day):
            points = (baseline, *points)
        if len(points) < 2:
            continue
        target = None
        if indicator.target is not None and indicator.target.central is not None:
            when = indicator.target_date or indicator.measures[-1].date
            target = point(middle_day(when), indicator.target)
        shown_from_baseline = baseline is not None
        out.append(
            charts_over_time.Series(
                indicator.id, indicator.title, points, target, shown_from_baseline
            )
        )
    return out


def baseline_point(indicator: Any) -> charts_over_time.Point | None:
    """The indicator's starting point, when it has a date and a figure."""
    value, when = indicator.baseline, indicator.baseline_date
    if value is None or when is None or value.central is None:
        return None
    return point(middle_day(when), value)


def point(day: dt.date, amount: Amount) -> charts_over_time.Point:
    """An amount on the results chart, drawn at its central figure, labelled as it was given."""
    return charts_over_time.Point(day, amount.central or 0.0, amount.kind, amount.low, amount.high)


def middle_day(date: Any) -> dt.date:
    middle: dt.date = date.start + (date.end - date.start) / 2
    return middle


def draw_cached(function: Callable[..., str], *args: Any) -> str:
    """Draw a chart, or take it from the cache: an unchanged chart costs no matplotlib at all.

    The key is everything the drawing depends on: the chart's inputs (a formatting function
    by the language it formats for), the chart modules themselves, the versions of coconstruct and
    matplotlib. matplotlib costs half a second to import, more than the rest of a Markdown or
    HTML render, and a roadmap is re-rendered far more often than its numbers change.
    """
    folder = cache_folder("charts")
    if folder is None:
        return function(*args)
    dpi = chartkit.png_dpi()  # a PNG (for Word and LibreOffice) is kept beside the SVG
    split = chartkit.png_parts()  # PNG parts (the deck's slides)
    inputs = (
        _code_version(),
        function.__name__,
        _stable(args),
        *((dpi,) if dpi else ()),
        *((split,) if split else ()),
    )
    key = hashlib.sha256(repr(inputs).encode())
    path = folder / f"{key.hexdigest()}.{'png.txt' if dpi else 'svg'}"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    svg = function(*args)
    with contextlib.suppress(OSError):
        atomic_write(path, svg, durable=False)
    return svg


@cache
def _code_version() -> tuple[str, str, str, str]:
    """What draws a chart and writes its figures (the formatter, babel's locale data)."""
    source = hashlib.sha256()
    for module in (chartkit, charts, charts_over_time, formatting):
        source.update(Path(module.__file__ or "").read_bytes())
    versions = (metadata.version("matplotlib"), metadata.version("babel"))
    return __version__, *versions, source.hexdigest()


def _stable(value: Any) -> Any:
    """A value's repr without memory addresses: a formatter's bound method by its language."""
    if callable(value) and hasattr(value, "__self__"):
        owner = value.__self__
        return (value.__name__, getattr(owner, "lang", None), getattr(owner, "currency", None))
    if isinstance(value, list | tuple):
        return tuple(_stable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _stable(v)) for k, v in value.items())
    return value


def trend_arrow(trend: float | None) -> str:
    if trend is None:
        return ""
    if trend >= 1.5:
        return "↑↑"
    if trend >= 0.5:
        return "↑"
    if trend > -0.5:
        return "→"
    if trend > -1.5:
        return "↓"
    return "↓↓"


def year_label(word: str, year: int | None) -> str:
    return f"{word} {year}" if year else word


def mix_label(money: Any, today: str, budget: str) -> str:
    """The current mix's name: « Aujourd’hui 2026 » when its year is the workshop's, else
    « Budget 2019 » (a 2021 workshop on the 2019 accounts is not today's money)."""
    if money.year is None:
        return today
    return year_label(today if money.year == money.workshop_year else budget, money.year)
