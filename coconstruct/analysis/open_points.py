"""Open points: what a workshop still has to settle, the same list for `show` and the roadmap.

One list, computed once from the analysis, so that « Points ouverts » means the same thing on the
projector and in the roadmap's annex: answers set aside « to review », required answers missing,
needs that no partner and no action addresses, actions without a lead or a budget, funding lines
whose amount is not known. Each point names what it is about (a question's path or an item's id)
and why it is open; words are the reader's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coconstruct.analysis import Analysis

#: why a point is open, in the order the annex lists them
KINDS = ("deferred", "missing", "need_gap", "no_lead", "no_budget", "unknown_amount")


@dataclass(frozen=True)
class OpenPoint:
    kind: str  # one of KINDS
    path: str  # a question's path (`budget_year`, `needs[N2].priority`) or an item's id (`A4`)
    on_item: bool  # True: `path` is an item's id (a need, an action, a funding line)


def open_points(a: Analysis) -> list[OpenPoint]:
    """Every open point of a workshop, in the annex's order."""
    c, plan = a.completeness, a.plan
    out = [OpenPoint("deferred", path, False) for path in c.deferred]
    out += [OpenPoint("missing", path, False) for path in c.missing_required]
    finished = set(plan.finished)  # a finished action's budget or lead is no open point
    for kind, ids in (
        ("need_gap", a.partners.gaps),
        ("no_lead", [i for i in plan.without_lead if i not in finished]),
        ("no_budget", [i for i in plan.unbudgeted if i not in finished]),
    ):
        out += [OpenPoint(kind, key, True) for key in ids]
    out += [OpenPoint("unknown_amount", line.id, True) for line in a.money.unknown_lines]
    return out


__all__ = ["KINDS", "OpenPoint", "open_points"]
