"""Which charts a roadmap gets, from its context: only those its answers can feed."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from coconstruct import __version__
from coconstruct.analysis import Analysis
from coconstruct.formatting import Formatter
from coconstruct.fsio import atomic_write, cache_folder
from coconstruct.report import charts
from coconstruct.values import as_date


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
                    d.pressure or 0,
                    _arrow(d.trend),
                )
                for d in s.domains
            ],
            [
                charts.Bar(
                    labels.get("resources.type", {}).get(r.type, r.type),
                    r.tension or 0,
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
    vote = result.vote
    if vote is not None and vote.placed > 0:
        titles = {need["id"]: str(need["title"]) for need in ctx["needs"]}
        out["votes"] = _draw(
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
    return out


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
