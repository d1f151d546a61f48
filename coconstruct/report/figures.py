"""Which charts a roadmap gets, from its context: only those its answers can feed.

Every chart also comes in words (`describe_all`): a text alternative that says what it shows
with its figures, and the table of its data, in the report's language. Both are true to the
analysis: an unknown figure is said to be unknown, never drawn or written as 0, and a figure
resting on fewer than FEW items says how many.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from coconstruct import __version__
from coconstruct.analysis import Analysis, Base
from coconstruct.formatting import Formatter
from coconstruct.fsio import atomic_write, cache_folder
from coconstruct.i18n import N_, msg, nmsg
from coconstruct.report import charts
from coconstruct.values import as_date
from coconstruct.wording import counted, end_text, mix_reason, span_text

FEW = 3  # a mean over fewer items than this is said to rest on few


@dataclass(frozen=True)
class ChartText:
    """A chart in words: its text alternative and the table of the data behind it."""

    name: str
    title: str
    alt: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[int, ...] = ()  # columns holding numbers, aligned right
    widths: tuple[float, ...] = ()  # % of the table, so that weasyprint need not measure cells


def draw_all(ctx: dict[str, Any], gettext: Callable[[str], str]) -> dict[str, str]:
    """SVG text by chart name; a chart its data cannot support is left out (`missing` says why)."""
    result: Analysis = ctx["analysis"]
    fmt: Formatter = ctx["fmt"]
    labels: dict[str, dict[str, str]] = ctx["labels"]
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
                    _arrow(d.trend),
                )
                for d in s.domains
            ],
            [
                charts.Bar(
                    labels.get("resources.type", {}).get(r.type, r.type),
                    r.tension,
                    _arrow(-r.trend if r.trend is not None else None),  # tension: the other way
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
    money = result.money
    if money.mix_reliable:
        rows: list[tuple[str, dict[str, float]]] = [
            (
                _year_label(gettext("Today"), money.year),
                {f.key: f.share or 0 for f in money.by_family},
            ),
        ]
        if money.target:
            total = sum(money.target.values())
            if total > 0:
                rows.append(
                    (
                        _year_label(gettext("Target"), money.target_year),
                        {k: v / total for k, v in money.target.items()},
                    )
                )
        families = list(labels.get("funding.family", {}).items())
        out["money"] = draw_cached(charts.money_mix, rows, families, fmt.percent)
    people = [
        charts.Stakeholder(p["id"], p["power"], p["interest"], p.get("attitude"))
        for p in ctx["partners"]
        if p["quadrant"] is not None
    ]
    if people:
        out["stakeholders"] = draw_cached(
            charts.stakeholders,
            people,
            ctx["quadrant_names"],
            list(labels.get("partners.attitude", {}).items()),
            {
                "power": gettext("Power"),
                "interest": gettext("Interest"),
                "attitude": gettext("Attitude"),
            },
        )
    titles = {a["id"]: str(a["title"]) for a in ctx["actions"]}
    axes = {a["id"]: str(a.get("axis") or "") for a in ctx["actions"]}
    tasks = [
        charts.Task(
            span.id,
            titles.get(span.id, span.id),
            span.first_day,
            span.last_day,
            axes.get(span.id, ""),
            span.runs_on,
        )
        for span in result.plan.timeline
    ]
    if tasks:
        used = {t.group for t in tasks}
        groups = [(a["id"], f"{a['id']} {a['title']}") for a in ctx["axes"] if a["id"] in used]
        if "" in used:
            groups.append(("", gettext("No axis")))
        milestones = []
        next_meeting = as_date(ctx["answers"].get("next_meeting"))
        if next_meeting:
            milestones.append((next_meeting.start, gettext("Next meeting")))
        out["timeline"] = draw_cached(
            charts.timeline,
            tasks,
            groups if len(groups) > 1 else [],
            milestones,
            _now(ctx),
            gettext("ongoing"),
            gettext("end not known"),
        )
    series = _series(result)
    if series:
        out["results"] = draw_cached(charts.results, series, gettext("target"))
    return out


def missing(ctx: dict[str, Any]) -> dict[str, str]:
    """Why a chart is not drawn, in one line, by chart name (only for charts not drawn)."""
    result: Analysis = ctx["analysis"]
    lang: str = ctx["lang"]
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
                N_("a priority or an urgency for {n} of {of} needs"),
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
    return out


def _now(ctx: dict[str, Any]) -> dt.date:
    """Where an action that runs on stops on the calendar: the workshop, or today."""
    workshop = as_date(ctx["answers"].get("workshop_date"))
    return workshop.end if workshop is not None else dt.date.today()


def _series(result: Analysis) -> list[charts.Series]:
    """Indicators with at least two dated values, the baseline first, as lines over time."""
    out = []
    for indicator in result.results.indicators:
        points = tuple(
            (_middle(m.date), m.value.central or 0.0, m.value.kind != "exact")
            for m in indicator.measures
            if m.value.central is not None
        )
        baseline = _baseline(indicator)
        if baseline is not None and (not points or baseline[0] <= points[0][0]):
            points = (baseline, *points)
        if len(points) < 2:
            continue
        target = None
        if indicator.target is not None and indicator.target.central is not None:
            when = indicator.target_date or indicator.measures[-1].date
            target = (_middle(when), indicator.target.central)
        out.append(
            charts.Series(indicator.id, indicator.title, points, target, baseline is not None)
        )
    return out


def _baseline(indicator: Any) -> tuple[dt.date, float, bool] | None:
    """The indicator's starting point, when it has a date and a figure."""
    value, when = indicator.baseline, indicator.baseline_date
    if value is None or when is None or value.central is None:
        return None
    return (_middle(when), value.central, value.kind != "exact")


def _middle(date: Any) -> dt.date:
    middle: dt.date = date.start + (date.end - date.start) / 2
    return middle


def describe_all(ctx: dict[str, Any]) -> dict[str, ChartText]:
    """Each chart `draw_all` draws, in words (the same conditions decide which exist)."""
    result: Analysis = ctx["analysis"]
    fmt: Formatter = ctx["fmt"]
    lang: str = ctx["lang"]
    labels: dict[str, dict[str, str]] = ctx["labels"]
    out: dict[str, ChartText] = {}
    s = result.scissors
    if s.drawable and s.need_pressure is not None and s.resource_availability is not None:
        out["scissors"] = _scissors_text(ctx, fmt, lang, labels)
    if result.money.mix_reliable:
        out["money"] = _money_text(result, fmt, lang, labels)
    placed = [p for p in ctx["partners"] if p["quadrant"] is not None]
    if placed:
        out["stakeholders"] = _stakeholders_text(ctx, placed, lang)
    if result.plan.timeline:
        out["timeline"] = _timeline_text(ctx, fmt, lang)
    series = _series(result)
    if series:
        out["results"] = _results_text(ctx, series, fmt, lang)
    return out


def _lower_first(label: str) -> str:
    """A choice label inside a sentence: « Social » → « social »."""
    return label[:1].lower() + label[1:]


def _value(fmt: Formatter, value: float | None, lang: str) -> str:
    return msg("unknown", lang) if value is None else fmt.number(value)


def _based_on(base: Base, noun: str, lang: str) -> str:
    """`from 12 needs`, or `from 3 of 4 needs` when some have no answer to count."""
    if noun == "need":
        if not base.complete:
            return nmsg(
                "from {n} of {of} needs", "from {n} of {of} needs", base.n, lang, of=base.of
            )
        return nmsg("from {n} need", "from {n} needs", base.n, lang)
    if not base.complete:
        return nmsg(
            "from {n} of {of} resources", "from {n} of {of} resources", base.n, lang, of=base.of
        )
    return nmsg("from {n} resource", "from {n} resources", base.n, lang)


TRENDS = {  # the chart's arrows, in words
    "↑↑": N_("rising sharply"),
    "↑": N_("rising"),
    "→": N_("stable"),
    "↓": N_("falling"),
    "↓↓": N_("falling sharply"),
}


def _trend_words(arrow: str, lang: str) -> str:
    if not arrow:
        return msg("no trend stated", lang)
    words = msg(TRENDS[arrow], lang)  # the message is marked where TRENDS is defined (N_)
    return f"{arrow} {words}"


def _scissors_text(
    ctx: dict[str, Any], fmt: Formatter, lang: str, labels: dict[str, dict[str, str]]
) -> ChartText:
    s = ctx["analysis"].scissors
    needs, resources = s.pressure_base.n, s.availability_base.n

    def then(value: float | None) -> str:  # the projection, only on enough stated trends
        if value is None:
            return msg("too few trends stated", lang)
        return msg("{value} with the stated trend", lang, value=_value(fmt, value, lang))

    need_then = then(s.projected_need_pressure)
    resource_then = then(s.projected_resource_availability)
    few = msg("too few trends stated", lang)
    need_cell = _value(fmt, s.projected_need_pressure, lang) if need_then != few else few
    resource_cell = (
        _value(fmt, s.projected_resource_availability, lang) if resource_then != few else few
    )
    domain_names = labels.get("needs.domain", {})
    type_names = labels.get("resources.type", {})

    def listed(items: list[tuple[str, float | None, int, str]]) -> str:
        parts = []
        for label, value, count, noun in items:
            text = f"{_lower_first(label)} {_value(fmt, value, lang)}"
            if count < FEW:
                if noun == "need":
                    text += " (" + nmsg("{n} need", "{n} needs", count, lang) + ")"
                else:
                    text += " (" + nmsg("{n} resource", "{n} resources", count, lang) + ")"
            parts.append(text)
        return ", ".join(parts) or msg("none", lang)

    domains = [
        (domain_names.get(d.domain, d.domain), d.pressure, d.needs, "need") for d in s.domains
    ]
    kinds = [
        (type_names.get(r.type, r.type), r.tension, r.resources, "resource")
        for r in s.resource_types
    ]
    alt = msg(
        "{title}. Pressure of needs: {need_now} out of 100 today, {need_then} ({needs}). "
        "Availability of resources: {resource_now} out of 100 today, {resource_then} "
        "({resources}). Pressure of needs by domain: {domains}. Tension on resources by type: "
        "{kinds}.",
        lang,
        title=msg("The scissor effect", lang),
        need_now=_value(fmt, s.need_pressure, lang),
        need_then=need_then,
        needs=_based_on(s.pressure_base, "need", lang),
        resource_now=_value(fmt, s.resource_availability, lang),
        resource_then=resource_then,
        resources=_based_on(s.availability_base, "resource", lang),
        domains=listed(domains),
        kinds=listed(kinds),
    )
    rows = [
        (
            msg("Pressure of needs", lang),
            nmsg("{n} need", "{n} needs", needs, lang),
            _value(fmt, s.need_pressure, lang),
            need_cell,
        ),
        (
            msg("Availability of resources", lang),
            nmsg("{n} resource", "{n} resources", resources, lang),
            _value(fmt, s.resource_availability, lang),
            resource_cell,
        ),
    ]
    for d in s.domains:
        rows.append(
            (
                msg("Pressure of needs: {name}", lang, name=domain_names.get(d.domain, d.domain)),
                nmsg("{n} need", "{n} needs", d.needs, lang),
                _value(fmt, d.pressure, lang),
                _trend_words(_arrow(d.trend), lang),
            )
        )
    for r in s.resource_types:
        rows.append(
            (
                msg("Tension on resources: {name}", lang, name=type_names.get(r.type, r.type)),
                nmsg("{n} resource", "{n} resources", r.resources, lang),
                _value(fmt, r.tension, lang),
                _trend_words(_arrow(r.trend), lang),
            )
        )
    return ChartText(
        "scissors",
        msg("The scissor effect", lang),
        alt,
        (
            msg("Indicator (0 to 100)", lang),
            msg("Based on", lang),
            msg("Today", lang),
            msg("Stated trend", lang),
        ),
        tuple(rows),
        (2,),
        (46, 18, 14, 22),
    )


def _money_text(
    result: Analysis, fmt: Formatter, lang: str, labels: dict[str, dict[str, str]]
) -> ChartText:
    money = result.money
    families = labels.get("funding.family", {})
    today = _year_label(msg("Today", lang), money.year)
    target_total = sum(money.target.values()) if money.target else 0
    target = _year_label(msg("Target", lang), money.target_year) if target_total > 0 else None
    shares = {f.key: f.share for f in money.by_family}

    def mix(values: dict[str, float | None]) -> str:
        return ", ".join(
            f"{families.get(key, key).lower()} {fmt.percent(values.get(key))}" for key in families
        )

    alt = msg("Money by family. {today}: {mix}.", lang, today=today, mix=mix(shares))
    if not money.base.complete:
        alt += " " + nmsg(
            "Shares of the {n} line whose amount is known, of {of}.",
            "Shares of the {n} lines whose amount is known, of {of}.",
            money.base.n,
            lang,
            of=money.base.of,
        )
    target_shares: dict[str, float | None] = {}
    if target and money.target:
        target_shares = {k: v / target_total for k, v in money.target.items()}
        alt += " " + msg("{target}: {mix}.", lang, target=target, mix=mix(target_shares))
    columns = [msg("Family of money", lang), today]
    if target:
        columns.append(target)
    rows = []
    for key, name in families.items():
        row = [name, fmt.percent(shares.get(key))]
        if target:
            row.append(fmt.percent(target_shares.get(key)))
        rows.append(tuple(row))
    return ChartText(
        "money",
        msg("Money by family", lang),
        alt,
        tuple(columns),
        tuple(rows),
        tuple(range(1, len(columns))),
        (50, 25, 25) if len(columns) == 3 else (60, 40),
    )


def _stakeholders_text(ctx: dict[str, Any], placed: list[dict[str, Any]], lang: str) -> ChartText:
    names = ctx["quadrant_names"]
    quadrants = ctx["analysis"].partners.quadrants
    parts = [
        f"{names[key]}: {', '.join(ids)}" for key, ids in quadrants.items() if ids and key in names
    ]
    alt = msg(
        "Stakeholder grid: {count} placed by power over the project and interest in it, "
        "from 1 to 5. {quadrants}.",
        lang,
        count=nmsg("{n} partner", "{n} partners", len(placed), lang),
        quadrants="; ".join(parts),
    )
    unplaced = len(ctx["partners"]) - len(placed)
    if unplaced:
        alt += " " + nmsg(
            "{n} partner is not placed: power or interest unknown.",
            "{n} partners are not placed: power or interest unknown.",
            unplaced,
            lang,
        )
    rows = tuple(
        (
            f"{p['id']} {p['name'] or ''}".strip(),
            str(p["power"]),
            str(p["interest"]),
            p.get("attitude_label") or msg("unknown", lang),
            names.get(p["quadrant"], p["quadrant"]),
        )
        for p in placed
    )
    return ChartText(
        "stakeholders",
        msg("Stakeholder grid", lang),
        alt,
        (
            msg("Partner", lang),
            msg("Power", lang),
            msg("Interest", lang),
            msg("Attitude", lang),
            msg("Quadrant", lang),
        ),
        rows,
        (1, 2),
        (46, 10, 10, 14, 20),
    )


def _timeline_text(ctx: dict[str, Any], fmt: Formatter, lang: str) -> ChartText:
    plan = ctx["analysis"].plan
    titles = {a["id"]: str(a["title"]) for a in ctx["actions"]}
    axes = {a["id"]: a.get("axis_item") for a in ctx["actions"]}

    def when(date: Any) -> str:
        return fmt.date(date.stored(), "medium")

    each = ", ".join(f"{span.id} {span_text(span, fmt, lang)}" for span in plan.timeline)
    alt = msg(
        "Calendar of {count}: {each}.",
        lang,
        count=nmsg("{n} action with a start", "{n} actions with a start", len(plan.timeline), lang),
        each=each,
    )
    if plan.undated:
        alt += " " + nmsg(
            "{n} action has no date and is not shown: {ids}.",
            "{n} actions have no date and are not shown: {ids}.",
            len(plan.undated),
            lang,
            ids=", ".join(plan.undated),
        )
    next_meeting = as_date(ctx["answers"].get("next_meeting"))
    if next_meeting:
        alt += " " + msg("Next meeting: {date}.", lang, date=fmt.date(next_meeting.stored()))
    rows = tuple(
        (
            f"{span.id} {titles.get(span.id, '')}".strip(),
            str(axes[span.id]["id"]) if axes.get(span.id) else "–",
            when(span.start),
            end_text(span, fmt, lang),
        )
        for span in plan.timeline
    )
    return ChartText(
        "timeline",
        msg("Calendar of the actions", lang),
        alt,
        (msg("Action", lang), msg("Axis", lang), msg("Start", lang), msg("End", lang)),
        rows,
        (),
        (58, 8, 17, 17),
    )


def _results_text(
    ctx: dict[str, Any], series: list[charts.Series], fmt: Formatter, lang: str
) -> ChartText:
    indicators = {i["id"]: i for i in ctx["indicators"]}
    parts = []
    rows = []
    for one in series:
        item = indicators.get(one.id, {})
        points = [(m["date_text"], m["value_text"]) for m in item.get("series", [])]
        if one.baseline:
            start = msg("{date} (baseline)", lang, date=item.get("baseline_date_text", ""))
            points.insert(0, (start, item.get("baseline_text", "")))
        values = ", ".join(f"{date} {value}" for date, value in points)
        text = f"{one.id} {one.title}: {values}"
        if item.get("target_text") not in (None, "–"):
            target = item["target_text"]
            if item.get("target_date_text"):
                target = f"{target}, {item['target_date_text']}"
            text += " (" + msg("target {value}", lang, value=target) + ")"
        parts.append(text)
        for date, value in points:
            rows.append((f"{one.id} {one.title}", date, value))
    alt = msg("Results over time. {each}.", lang, each="; ".join(parts))
    return ChartText(
        "results",
        msg("Results over time", lang),
        alt,
        (msg("Indicator", lang), msg("Date", lang), msg("Value", lang)),
        tuple(rows),
        (2,),
        (56, 20, 24),
    )


def draw_cached(function: Callable[..., str], *args: Any) -> str:
    """Draw a chart, or take it from the cache: an unchanged chart costs no matplotlib at all.

    The key is everything the drawing depends on: the chart's inputs (a formatting function
    by the language it formats for), charts.py itself, the versions of coconstruct and
    matplotlib. matplotlib costs half a second to import, more than the rest of a Markdown or
    HTML render, and a roadmap is re-rendered far more often than its numbers change.
    """
    folder = cache_folder("charts")
    if folder is None:
        return function(*args)
    dpi = charts.png_dpi()  # a PNG (for Word and LibreOffice) is kept beside the SVG
    inputs = (_code_version(), function.__name__, _stable(args), *((dpi,) if dpi else ()))
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
def _code_version() -> tuple[str, str, str]:
    source = hashlib.sha256(Path(charts.__file__).read_bytes()).hexdigest()
    return __version__, metadata.version("matplotlib"), source


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


def _arrow(trend: float | None) -> str:
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


def _year_label(word: str, year: int | None) -> str:
    return f"{word} {year}" if year else word
