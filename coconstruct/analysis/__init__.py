"""What the answers say, as numbers and lists: every indicator of the roadmap and of `show`,
computed once.

Pure functions over plain answers (`AnswersFile.plain()`) and the questionnaire: no I/O, no
formatting, no language. Every formula and threshold is written down in docs/analysis.md.
Answers may be partial, approximate or invalid (a draft file, a real site documented by press
articles): a missing or malformed value is left out of the indicator that needs it, never guessed;
every figure carries its base (`3 of 5 needs`), and a figure resting on too few items is no
conclusion (`Base.sufficient`).

    base.py          Base, thresholds, careful reading of answers
    scissors.py      the effet ciseau
    money.py         the hybrid socio-economic model and the funding plan
    partners.py      partners, alliances, who carries what, the stakeholder grid
    open_points.py   what is still open, for `show` and the roadmap's annex
    plan.py          the action plan, its calendar and budgets; risks
    results.py       results indicators and their measures
    completeness.py  answered questions per section, what is missing
    vote.py          the room's dot vote (coconstruct serve)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis.base import MIN_ITEMS, MIN_SHARE, Base, items, level
from coconstruct.analysis.money import (
    FAMILY_ORDER,
    FundingLine,
    Money,
    Share,
    hybridisation,
    money_mix,
)
from coconstruct.analysis.open_points import OpenPoint, open_points
from coconstruct.analysis.partners import HIGH_LEVEL, QUADRANTS, Partners, partner_map, quadrant
from coconstruct.analysis.plan import (
    Plan,
    Risk,
    Span,
    action_plan,
    risk_level,
    risk_register,
    spread_by_year,
)
from coconstruct.analysis.results import Indicator, Measure, Results, results
from coconstruct.analysis.scissors import (
    DOMAIN_ORDER,
    NEED_TREND,
    RESOURCE_ORDER,
    RESOURCE_TREND,
    TREND_STEP,
    NeedScore,
    ResourceScore,
    Scissors,
    availability_index,
    effet_ciseau,
    need_pressure,
    strained,
)
from coconstruct.analysis.vote import DotVote, NeedVotes, dot_vote
from coconstruct.model.completeness import Completeness, SectionCompleteness, completeness
from coconstruct.model.origin import reference_date, workshop_held
from coconstruct.model.questionnaire import Questionnaire


@dataclass(frozen=True)
class Analysis:
    scissors: Scissors
    money: Money
    partners: Partners
    plan: Plan
    results: Results
    risks: list[Risk]  # highest score first
    completeness: Completeness
    vote: DotVote | None = None  # None: the room has not voted

    @property
    def open_points(self) -> list[OpenPoint]:
        """What is still open, the same list in `show` and in the roadmap's annex."""
        return open_points(self)

    @property
    def open_items(self) -> int:
        return len(self.open_points)


def analyse(
    answers: Mapping[str, Any], questionnaire: Questionnaire, deferred: Sequence[str] = ()
) -> Analysis:
    """Every indicator of the roadmap, from plain answers."""
    q = questionnaire
    needs = items(answers, "needs")
    # a documented site is described as of the date of its data, never of a workshop
    workshop = reference_date(answers)
    money = money_mix(answers, q, workshop.year if workshop is not None else None)
    actions = items(answers, "actions")
    return Analysis(
        scissors=effet_ciseau(needs, items(answers, "resources")),
        money=money,
        partners=partner_map(items(answers, "partners"), needs, actions, q),
        plan=action_plan(actions, needs, money, workshop),
        results=results(items(answers, "indicators"), items(answers, "measures")),
        risks=risk_register(items(answers, "risks")),
        completeness=completeness(answers, q, deferred),
        vote=dot_vote(needs, answers) if workshop_held(answers) else None,
    )


__all__ = [
    "DOMAIN_ORDER",
    "FAMILY_ORDER",
    "HIGH_LEVEL",
    "MIN_ITEMS",
    "MIN_SHARE",
    "NEED_TREND",
    "QUADRANTS",
    "RESOURCE_ORDER",
    "RESOURCE_TREND",
    "TREND_STEP",
    "Analysis",
    "Base",
    "Completeness",
    "DotVote",
    "FundingLine",
    "Indicator",
    "Measure",
    "Money",
    "NeedScore",
    "NeedVotes",
    "OpenPoint",
    "Partners",
    "Plan",
    "ResourceScore",
    "Results",
    "Risk",
    "Scissors",
    "SectionCompleteness",
    "Share",
    "Span",
    "action_plan",
    "analyse",
    "availability_index",
    "completeness",
    "dot_vote",
    "effet_ciseau",
    "hybridisation",
    "level",
    "money_mix",
    "need_pressure",
    "open_points",
    "partner_map",
    "quadrant",
    "results",
    "risk_level",
    "risk_register",
    "spread_by_year",
    "strained",
]
