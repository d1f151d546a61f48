"""Which charts a roadmap gets, from its context: only those its answers can feed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coconstruct.analysis import NEED_TREND, RESOURCE_TREND, Analysis
from coconstruct.report import charts
from coconstruct.report.formatting import Formatter, as_date


def draw_all(ctx: dict[str, Any], gettext: Callable[[str], str]) -> dict[str, str]:
    """SVG text by chart name; a chart without data is left out."""
    result: Analysis = ctx["analysis"]
    fmt: Formatter = ctx["fmt"]
    labels: dict[str, dict[str, str]] = ctx["labels"]
    out: dict[str, str] = {}
    s = result.scissors
    if s.need_pressure is not None and s.resource_availability is not None:
        out["scissors"] = charts.scissors(
            s.need_pressure,
            s.projected_need_pressure or s.need_pressure,
            s.resource_availability,
            s.projected_resource_availability or s.resource_availability,
            [
                charts.Bar(
                    labels.get("needs.domain", {}).get(d.domain, d.domain),
                    d.pressure or 0,
                    _arrow(d.trend, NEED_TREND),
                )
                for d in s.domains
            ],
            [
                charts.Bar(
                    labels.get("resources.type", {}).get(r.type, r.type),
                    r.tension or 0,
                    _arrow(r.trend, RESOURCE_TREND),
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
        out["money"] = charts.money_mix(rows, families, fmt.percent)
    people = [
        charts.Stakeholder(p["id"], p["power"], p["interest"], p.get("attitude"))
        for p in ctx["partners"]
        if p["quadrant"] is not None
    ]
    if people:
        out["stakeholders"] = charts.stakeholders(
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
        out["timeline"] = charts.timeline(
            tasks, groups if len(groups) > 1 else [], milestones, fmt.month
        )
    return out


def _arrow(trend: float | None, scale: dict[str, int]) -> str:
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
