"""Partners and alliances: who is around the table, who carries what, which needs nobody holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis.base import Base, count, dropped, level, ordered, refs, text
from coconstruct.model.questionnaire import Questionnaire

#: a power or interest level at or above this is "high" on the stakeholder grid
HIGH_LEVEL = 4
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")


@dataclass(frozen=True)
class Partners:
    count: int
    types_present: dict[str, int]  # actor type → number of partners, questionnaire order
    types_missing: list[str]
    alliance_forms: dict[str, int]  # among partners
    action_alliance_forms: dict[str, int]  # among actions
    alliance_form_base: Base  # partners with a form of alliance, of all partners
    action_alliance_form_base: Base  # actions with one, of all actions
    commitments: dict[str, int]
    attitudes: dict[str, int]
    quadrants: dict[str, list[str]]  # quadrant → partner ids
    quadrant_of: dict[str, str]  # partner id → quadrant
    without_grid: list[str]  # partners missing power or interest: not on the grid
    carriers: list[str]  # partners who lead an action or co-carry the project
    involved: list[str]  # partners who lead or take part in an action: « who leads what »
    leads_of: dict[str, list[str]]  # partner id → actions it leads (co-leads)
    joins_of: dict[str, list[str]]  # partner id → actions it takes part in
    needs_without_partner: list[str]
    needs_without_action: list[str]
    gaps: list[str]  # needs that no partner and no action addresses


def quadrant(power: Any, interest: Any) -> str | None:
    """The stakeholder-grid quadrant of a partner; levels 4 and 5 count as high."""
    p, i = level(power), level(interest)
    if p is None or i is None:
        return None
    if p >= HIGH_LEVEL:
        return "manage_closely" if i >= HIGH_LEVEL else "keep_satisfied"
    return "keep_informed" if i >= HIGH_LEVEL else "monitor"


def partner_map(
    partners: Sequence[Mapping[str, Any]],
    needs: Sequence[Mapping[str, Any]],
    actions: Sequence[Mapping[str, Any]],
    questionnaire: Questionnaire,
) -> Partners:
    partners_q = questionnaire.question("partners")
    type_q = partners_q.field("actor_type") if partners_q else None
    all_types = [str(c) for c in type_q.choice_ids] if type_q else []
    types = count(p.get("actor_type") for p in partners)
    present = {t: types[t] for t in ordered(set(types), all_types)}
    quadrants: dict[str, list[str]] = {name: [] for name in QUADRANTS}
    quadrant_of: dict[str, str] = {}
    without_grid = []
    for partner in partners:
        where = quadrant(partner.get("power"), partner.get("interest"))
        if where:
            quadrants[where].append(str(partner["id"]))
            quadrant_of[str(partner["id"])] = where
        else:
            without_grid.append(str(partner["id"]))
    ids = [str(p["id"]) for p in partners]
    leads_of = {i: [str(a["id"]) for a in actions if i in refs(a.get("leads"))] for i in ids}
    joins_of = {i: [str(a["id"]) for a in actions if i in refs(a.get("partners"))] for i in ids}
    carriers = [
        str(p["id"])
        for p in partners
        if leads_of[str(p["id"])] or p.get("commitment") == "co_porteur"
    ]
    need_ids = [str(n["id"]) for n in needs]
    by_partner = {ref for p in partners for ref in refs(p.get("needs_addressed"))}
    by_action = {  # an abandoned or suspended action serves no need (base.DROPPED)
        ref for a in actions if not dropped(a) for ref in refs(a.get("needs_served"))
    }
    return Partners(
        count=len(partners),
        types_present=present,
        types_missing=[t for t in all_types if t not in present],
        alliance_forms=count(p.get("alliance_form") for p in partners),
        action_alliance_forms=count(a.get("alliance_form") for a in actions),
        alliance_form_base=Base(
            sum(bool(text(p.get("alliance_form"))) for p in partners), len(partners)
        ),
        action_alliance_form_base=Base(
            sum(bool(text(a.get("alliance_form"))) for a in actions), len(actions)
        ),
        commitments=count(p.get("commitment") for p in partners),
        attitudes=count(p.get("attitude") for p in partners),
        quadrants=quadrants,
        quadrant_of=quadrant_of,
        without_grid=without_grid,
        carriers=carriers,
        involved=[i for i in ids if leads_of[i] or joins_of[i]],
        leads_of=leads_of,
        joins_of=joins_of,
        needs_without_partner=[n for n in need_ids if n not in by_partner],
        needs_without_action=[n for n in need_ids if n not in by_action],
        gaps=[n for n in need_ids if n not in by_partner and n not in by_action],
    )
