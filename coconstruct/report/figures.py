"""Which charts a roadmap gets, from its context: only those its answers can feed.

Every chart also comes in words (`describe_all`): a text alternative that says what it shows
with its figures, and the table of its data, in the report's language. Both are true to the
analysis: an unknown figure is said to be unknown, never drawn or written as 0, and a figure
resting on fewer than FEW items says how many.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from coconstruct import __version__
from coconstruct.analysis import Analysis
from coconstruct.formatting import Formatter
from coconstruct.fsio import atomic_write, cache_folder
from coconstruct.i18n import N_, msg, nmsg
from coconstruct.report import charts
from coconstruct.values import as_date

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
    """SVG text by chart name; a chart without data is left out."""
    result: Analysis = ctx["analysis"]
    fmt: Formatter = ctx["fmt"]
    labels: dict[str, dict[str, str]] = ctx["labels"]
    out: dict[str, str] = {}
    s = result.scissors
    if s.need_pressure is not None and s.resource_availability is not None:
        out["scissors"] = _draw(
            charts.scissors,
            s.need_pressure,
            s.projected_need_pressure or s.need_pressure,
            s.resource_availability,
            s.projected_resource_availability or s.resource_availability,
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
                    _arrow(r.trend),
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
    if money.total > 0:
        rows: list[tuple[str, dict[str, float]]] = [
            (
                _year_label(gettext("Today"), money.budget_year),
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
        out["money"] = _draw(charts.money_mix, rows, families, fmt.percent)
    people = [
        charts.Stakeholder(p["id"], p["power"], p["interest"], p.get("attitude"))
        for p in ctx["partners"]
        if p["quadrant"] is not None
    ]
    if people:
        out["stakeholders"] = _draw(
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
    spans = {span.id: span for span in result.plan.timeline}
    tasks = []
    for action in ctx["actions"]:
        span = spans.get(action["id"])
        if span:
            tasks.append(
                charts.Task(
                    action["id"],
                    str(action["title"]),
                    span.start,
                    span.end,
                    str(action.get("axis") or ""),
                )
            )
    tasks.sort(key=lambda t: (t.start, t.end))
    if tasks:
        used = {t.group for t in tasks}
        groups = [(a["id"], f"{a['id']} {a['title']}") for a in ctx["axes"] if a["id"] in used]
        if "" in used:
            groups.append(("", gettext("No axis")))
        milestones = []
        next_meeting = as_date(ctx["answers"].get("next_meeting"))
        if next_meeting:
            milestones.append((next_meeting, gettext("Next meeting")))
        out["timeline"] = _draw(
            charts.timeline, tasks, groups if len(groups) > 1 else [], milestones
        )
    return out


def describe_all(ctx: dict[str, Any]) -> dict[str, ChartText]:
    """Each chart `draw_all` draws, in words (the same conditions decide which exist)."""
    result: Analysis = ctx["analysis"]
    fmt: Formatter = ctx["fmt"]
    lang: str = ctx["lang"]
    labels: dict[str, dict[str, str]] = ctx["labels"]
    out: dict[str, ChartText] = {}
    s = result.scissors
    if s.need_pressure is not None and s.resource_availability is not None:
        out["scissors"] = _scissors_text(ctx, fmt, lang, labels)
    if result.money.total > 0:
        out["money"] = _money_text(result, fmt, lang, labels)
    placed = [p for p in ctx["partners"] if p["quadrant"] is not None]
    if placed:
        out["stakeholders"] = _stakeholders_text(ctx, placed, lang)
    spans = {span.id: span for span in result.plan.timeline}
    dated = [a for a in ctx["actions"] if a["id"] in spans]
    if dated:
        out["timeline"] = _timeline_text(ctx, dated, spans, fmt, lang)
    return out


def _lower_first(label: str) -> str:
    """A choice label inside a sentence: « Social » → « social »."""
    return label[:1].lower() + label[1:]


def _value(fmt: Formatter, value: float | None, lang: str) -> str:
    return msg("unknown", lang) if value is None else fmt.number(value)


def _based_on(count: int, noun: str, lang: str) -> str:
    """`from 12 needs`, or `from only 2 needs` when a mean rests on few of them."""
    if noun == "need":
        if count < FEW:
            return nmsg("from only {n} need", "from only {n} needs", count, lang)
        return nmsg("from {n} need", "from {n} needs", count, lang)
    if count < FEW:
        return nmsg("from only {n} resource", "from only {n} resources", count, lang)
    return nmsg("from {n} resource", "from {n} resources", count, lang)


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
    needs = sum(1 for n in s.needs if n.pressure is not None)
    resources = sum(1 for r in ctx["resources"] if r.get("availability_index") is not None)
    need_then = (
        _value(fmt, s.projected_need_pressure, lang)
        if s.need_trend is not None
        else msg("no trend stated", lang)
    )
    resource_then = (
        _value(fmt, s.projected_resource_availability, lang)
        if s.resource_trend is not None
        else msg("no trend stated", lang)
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
        "{title}. Pressure of needs: {need_now} out of 100 today, {need_then} with the stated "
        "trend ({needs}). Availability of resources: {resource_now} out of 100 today, "
        "{resource_then} with the stated trend ({resources}). Pressure of needs by domain: "
        "{domains}. Tension on resources by type: {kinds}.",
        lang,
        title=msg("The scissor effect", lang),
        need_now=_value(fmt, s.need_pressure, lang),
        need_then=need_then,
        needs=_based_on(needs, "need", lang),
        resource_now=_value(fmt, s.resource_availability, lang),
        resource_then=resource_then,
        resources=_based_on(resources, "resource", lang),
        domains=listed(domains),
        kinds=listed(kinds),
    )
    rows = [
        (
            msg("Pressure of needs", lang),
            nmsg("{n} need", "{n} needs", needs, lang),
            _value(fmt, s.need_pressure, lang),
            need_then,
        ),
        (
            msg("Availability of resources", lang),
            nmsg("{n} resource", "{n} resources", resources, lang),
            _value(fmt, s.resource_availability, lang),
            resource_then,
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
    today = _year_label(msg("Today", lang), money.budget_year)
    target_total = sum(money.target.values()) if money.target else 0
    target = _year_label(msg("Target", lang), money.target_year) if target_total > 0 else None
    shares = {f.key: f.share for f in money.by_family}

    def mix(values: dict[str, float | None]) -> str:
        return ", ".join(
            f"{families.get(key, key).lower()} {fmt.percent(values.get(key))}" for key in families
        )

    alt = msg("Money by family. {today}: {mix}.", lang, today=today, mix=mix(shares))
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


def _timeline_text(
    ctx: dict[str, Any],
    dated: list[dict[str, Any]],
    spans: dict[str, Any],
    fmt: Formatter,
    lang: str,
) -> ChartText:
    ordered = sorted(dated, key=lambda a: (spans[a["id"]].start, spans[a["id"]].end))
    first = min(spans[a["id"]].start for a in ordered)
    last = max(spans[a["id"]].end for a in ordered)
    each = ", ".join(
        f"{a['id']} {fmt.month(spans[a['id']].start)} – {fmt.month(spans[a['id']].end)}"
        for a in ordered
    )
    alt = msg(
        "Calendar of {count}, from {first} to {last}: {each}.",
        lang,
        count=nmsg("{n} dated action", "{n} dated actions", len(ordered), lang),
        first=fmt.month(first),
        last=fmt.month(last),
        each=each,
    )
    undated = len(ctx["actions"]) - len(ordered)
    if undated:
        alt += " " + nmsg(
            "{n} action without dates is not shown.",
            "{n} actions without dates are not shown.",
            undated,
            lang,
        )
    next_meeting = as_date(ctx["answers"].get("next_meeting"))
    if next_meeting:
        alt += " " + msg("Next meeting: {date}.", lang, date=fmt.date(next_meeting))
    rows = tuple(
        (
            f"{a['id']} {a['title']}",
            str(a["axis_item"]["id"]) if a.get("axis_item") else "–",
            fmt.date(spans[a["id"]].start, "medium"),
            fmt.date(spans[a["id"]].end, "medium"),
        )
        for a in ordered
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


def _draw(function: Callable[..., str], *args: Any) -> str:
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
