"""The effet ciseau: needs rise while resources shrink. Two indices on a 0–100 scale make the two
blades comparable; each rests on the items that give its answers, and says how many."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis.base import Base, level, mean, ordered, text

DOMAIN_ORDER = ("economique", "social", "environnemental", "societal")
RESOURCE_ORDER = ("naturelle", "financiere", "humaine", "materielle")
# Trend answers as signed steps (docs/analysis.md, "Effet ciseau").
NEED_TREND = {"forte_hausse": 2, "hausse": 1, "stable": 0, "baisse": -1}
RESOURCE_TREND = {"hausse": 1, "stable": 0, "baisse": -1, "forte_baisse": -2}
#: one trend step moves an index by half a level of a five-level scale
TREND_STEP = 12.5


@dataclass(frozen=True)
class NeedScore:
    id: str
    domain: str | None
    pressure: float | None  # 0–100
    trend: int | None  # NEED_TREND step


@dataclass(frozen=True)
class ResourceScore:
    id: str
    type: str | None
    availability: float | None  # 0–100
    trend: int | None  # RESOURCE_TREND step
    strained: bool  # scarce (level 1–2) or decreasing


@dataclass(frozen=True)
class DomainPressure:
    domain: str
    needs: int
    pressure: float | None
    pressure_base: Base
    trend: float | None
    rising: int  # of the needs with a trend
    trend_base: Base  # needs with a trend, of the domain's needs: none, and rising is not known


@dataclass(frozen=True)
class ResourceTension:
    type: str
    resources: int
    availability: float | None  # 0–100
    tension: float | None  # 100 − availability
    availability_base: Base
    trend: float | None
    declining: int  # of the resources with a trend
    trend_base: Base  # resources with a trend, of the type's resources


@dataclass(frozen=True)
class Scissors:
    needs: list[NeedScore]  # highest pressure first
    domains: list[DomainPressure]
    resources: list[ResourceScore]  # in the file's order
    resource_types: list[ResourceTension]
    need_pressure: float | None
    pressure_base: Base  # needs with both a priority and an urgency, of all needs
    resource_availability: float | None
    availability_base: Base  # resources with an availability, of all resources
    gap: float | None  # need_pressure − resource_availability, when both are sufficient
    need_trend: float | None
    resource_trend: float | None
    needs_rising: int
    needs_trend_base: Base  # needs with a trend, of all needs
    resources_declining: int
    resources_trend_base: Base
    opening: float | None  # need_trend − resource_trend, when both trend bases are sufficient
    projected_need_pressure: float | None  # only when the trend is sufficient
    projected_resource_availability: float | None

    @property
    def drawable(self) -> bool:
        """The scissor chart needs both indices on sufficient bases."""
        return self.gap is not None


def need_pressure(priority: Any, urgency: Any) -> float | None:
    """0–100: the mean of priority and urgency (1–5 levels) on a 0–100 scale; None unless both
    are given. One score alone is not the mean of two: a priority of 5 with no urgency is no
    pressure of 100, and never outranks a need scored on both (docs/analysis.md §1)."""
    first, second = level(priority), level(urgency)
    if first is None or second is None:
        return None
    return 25 * ((first + second) / 2 - 1)


def availability_index(availability: Any) -> float | None:
    """0–100: an availability level (1 very scarce – 5 abundant) on a 0–100 scale."""
    value = level(availability)
    return None if value is None else 25 * (value - 1)


def strained(availability: Any, trend: Any) -> bool:
    """A resource under strain: scarce (availability 1 or 2 of 5) or decreasing."""
    value = level(availability)
    return (value is not None and value <= 2) or RESOURCE_TREND.get(text(trend) or "", 0) < 0


def effet_ciseau(
    needs: Sequence[Mapping[str, Any]], resources: Sequence[Mapping[str, Any]]
) -> Scissors:
    scores = [
        NeedScore(
            id=str(need["id"]),
            domain=text(need.get("domain")),
            pressure=need_pressure(need.get("priority"), need.get("urgency")),
            trend=NEED_TREND.get(text(need.get("trend")) or ""),
        )
        for need in needs
    ]
    ranked = sorted(scores, key=lambda s: -1 if s.pressure is None else s.pressure, reverse=True)
    domains = []
    for domain in ordered({s.domain for s in scores if s.domain}, DOMAIN_ORDER):
        mine = [s for s in scores if s.domain == domain]
        domains.append(
            DomainPressure(
                domain=domain,
                needs=len(mine),
                pressure=mean(s.pressure for s in mine),
                pressure_base=Base(sum(s.pressure is not None for s in mine), len(mine)),
                trend=mean(s.trend for s in mine),
                rising=sum(1 for s in mine if (s.trend or 0) > 0),
                trend_base=Base(sum(s.trend is not None for s in mine), len(mine)),
            )
        )
    found = [
        ResourceScore(
            id=str(r["id"]),
            type=text(r.get("type")),
            availability=availability_index(r.get("availability")),
            trend=RESOURCE_TREND.get(text(r.get("trend")) or ""),
            strained=strained(r.get("availability"), r.get("trend")),
        )
        for r in resources
    ]
    types = []
    for kind in ordered({r.type for r in found if r.type}, RESOURCE_ORDER):
        mine_r = [r for r in found if r.type == kind]
        avail = mean(r.availability for r in mine_r)
        types.append(
            ResourceTension(
                type=kind,
                resources=len(mine_r),
                availability=avail,
                tension=None if avail is None else 100 - avail,
                availability_base=Base(
                    sum(r.availability is not None for r in mine_r), len(mine_r)
                ),
                trend=mean(r.trend for r in mine_r),
                declining=sum(1 for r in mine_r if (r.trend or 0) < 0),
                trend_base=Base(sum(r.trend is not None for r in mine_r), len(mine_r)),
            )
        )
    pressure_base = Base(sum(s.pressure is not None for s in scores), len(scores))
    availability_base = Base(sum(r.availability is not None for r in found), len(found))
    needs_trend_base = Base(sum(s.trend is not None for s in scores), len(scores))
    resources_trend_base = Base(sum(r.trend is not None for r in found), len(found))
    pressure = mean(s.pressure for s in scores)
    availability = mean(r.availability for r in found)
    need_trend = mean(s.trend for s in scores)
    resource_trend = mean(r.trend for r in found)
    both = pressure_base.sufficient and availability_base.sufficient
    trends = needs_trend_base.sufficient and resources_trend_base.sufficient
    return Scissors(
        needs=ranked,
        domains=domains,
        resources=found,
        resource_types=types,
        need_pressure=pressure,
        pressure_base=pressure_base,
        resource_availability=availability,
        availability_base=availability_base,
        gap=pressure - availability
        if both and pressure is not None and availability is not None
        else None,
        need_trend=need_trend,
        resource_trend=resource_trend,
        needs_rising=sum(1 for s in scores if (s.trend or 0) > 0),
        needs_trend_base=needs_trend_base,
        resources_declining=sum(1 for r in found if (r.trend or 0) < 0),
        resources_trend_base=resources_trend_base,
        opening=need_trend - resource_trend
        if trends and need_trend is not None and resource_trend is not None
        else None,
        projected_need_pressure=_project(pressure, need_trend, needs_trend_base),
        projected_resource_availability=_project(
            availability, resource_trend, resources_trend_base
        ),
    )


def _project(index: float | None, trend: float | None, base: Base) -> float | None:
    """Where the stated trend takes an index, only when the trend rests on enough items."""
    if index is None or trend is None or not base.sufficient:
        return None
    return min(100.0, max(0.0, index + TREND_STEP * trend))
