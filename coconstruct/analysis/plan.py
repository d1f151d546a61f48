"""The action plan: horizons, budgets, the calendar, the needs served, the risks.

Dates are as real data gives them (a year, a month, a day) and an action may still be running:
every action with a start is on the calendar (an open end runs on), what has no date is named,
never silently dropped. The plan's period spans every dated action.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from coconstruct.analysis.base import Base, count, dropped, level, refs, text
from coconstruct.analysis.money import Money
from coconstruct.model import values
from coconstruct.model.amounts import Ratio, Sum
from coconstruct.model.dates import ApproxDate

#: risk score (likelihood × impact) thresholds
RISK_HIGH, RISK_MEDIUM = 15, 8
#: horizons computed from an action's end: within a year, within three, later
SHORT_DAYS, MEDIUM_DAYS = 366, 3 * 366
#: statuses of an action that is over: no horizon any more
FINISHED = ("realisee", "abandonnee")
#: statuses of an action that runs on when it has no end: in progress, or an ongoing activity
#: with no planned end (an open bar on the calendar, never a milestone)
RUNNING = ("en_cours", "permanente")


@dataclass(frozen=True)
class Span:
    id: str
    start: ApproxDate
    end: ApproxDate | None  # None: no end date
    status: str | None = None  # the action's status, which says what an open end means

    @property
    def runs_on(self) -> bool:
        """No end date and said to be in progress or an ongoing activity: it runs on. Nothing
        else does: an action not started, done, stopped or of no status has an end that is not
        known."""
        return self.end is None and self.status in RUNNING

    @property
    def not_started(self) -> bool:
        """No end date and still to be launched: it starts then, nothing is running."""
        return self.end is None and self.status == "a_lancer"

    @property
    def first_day(self) -> dt.date:
        return self.start.start

    @property
    def last_day(self) -> dt.date | None:
        return self.end.end if self.end is not None else None


@dataclass(frozen=True)
class Plan:
    count: int
    by_horizon: dict[str, list[str]]  # horizon ("" when unknown) → action ids
    horizon_from_dates: list[str]  # actions whose horizon comes from their dates
    finished: list[str]  # done or abandoned, or ended before the workshop: no horizon
    by_axis: dict[str, list[str]]  # axis id (or "") → action ids
    by_status: dict[str, int]
    budget_total: float  # budgets with a figure (ranges at their middle)
    budget_base: Base  # actions with a budget figure, of all actions
    budget_approximate: bool
    unbudgeted: list[str]  # no budget, or an unknown one (actions not dropped)
    dropped: list[str]  # abandoned or suspended: no need served, no budget counted
    budget_by_axis: dict[str, float]
    budget_by_year: dict[int, float]  # actions with a start and an end, spread over their days
    budget_open: float  # budgets of actions with a start and no end date
    budget_undated: float  # budgets of actions without a start
    timeline: list[Span]  # every action with a start, by start
    undated: list[str]  # actions without a start date
    open_ended: list[str]  # actions with a start that run on, no end date
    first_start: ApproxDate | None
    last_end: ApproxDate | None  # None when nothing ends, or something has no end date
    needs_covered: list[str]
    needs_uncovered: list[str]
    coverage: float | None  # share of needs served by at least one action
    without_lead: list[str]
    without_needs: list[str]
    year_budget: float | None  # plan budget in the funding plan's budget year
    # funding of that year ÷ year_budget, when both are known; ≈ when either is not exact
    year_coverage: Ratio | None
    # the same budgets as sure as their parts (amounts.Sum): what every format writes; the
    # total is the sum of the rows, open (≥) when some action has no budget
    budget_sum: Sum
    budget_by_year_sum: dict[int, Sum]
    budget_open_sum: Sum
    budget_undated_sum: Sum
    budget_by_axis_sum: dict[str, Sum]


@dataclass(frozen=True)
class Risk:
    id: str
    likelihood: int | None
    impact: int | None
    score: int | None
    level: str | None  # high, medium, low


def spread_by_year(amount: float, start: dt.date, end: dt.date) -> dict[int, float]:
    """An amount spread evenly over the days from start to end (both included), per year."""
    days = (end - start).days + 1
    out: dict[int, float] = {}
    for year in range(start.year, end.year + 1):
        first = max(start, dt.date(year, 1, 1))
        last = min(end, dt.date(year, 12, 31))
        out[year] = amount * ((last - first).days + 1) / days
    return out


def computed_horizon(end: ApproxDate | None, start: ApproxDate, today: dt.date) -> str | None:
    """court, moyen or long terme from an action's dates, counted from the workshop."""
    if end is not None:
        days = (end.end - today).days
        return (
            "court_terme"
            if days <= SHORT_DAYS
            else "moyen_terme"
            if days <= MEDIUM_DAYS
            else "long_terme"
        )
    if (start.start - today).days > MEDIUM_DAYS:
        return "long_terme"
    return None


def action_plan(
    actions: Sequence[Mapping[str, Any]],
    needs: Sequence[Mapping[str, Any]],
    money: Money,
    workshop_date: ApproxDate | None = None,
) -> Plan:
    today = workshop_date.end if workshop_date is not None else dt.date.today()
    by_horizon: dict[str, list[str]] = {}
    from_dates: list[str] = []
    finished: list[str] = []
    by_axis: dict[str, list[str]] = {}
    budget_by_axis: dict[str, float] = {}
    budget_by_year: dict[int, float] = {}
    open_budget = undated_budget = 0.0
    timeline: list[Span] = []
    undated: list[str] = []
    unbudgeted: list[str] = []
    approximate = False
    year_sums: dict[int, Sum] = {}
    axis_sums: dict[str, Sum] = {}
    open_sum = undated_sum = whole_sum = Sum()
    for action in actions:
        action_id = str(action["id"])
        start, end = values.as_date(action.get("start")), values.as_date(action.get("end"))
        if start is not None and end is not None and end.surely_before(start):
            end = None  # an end before the start is invalid (validate says so): the start stays
        status = text(action.get("status"))
        if status in FINISHED or (end is not None and end.end < today):
            finished.append(action_id)
        else:
            horizon = text(action.get("horizon")) or ""
            if start is not None and (computed := computed_horizon(end, start, today)):
                horizon = computed
                from_dates.append(action_id)
            by_horizon.setdefault(horizon, []).append(action_id)
        axis = text(action.get("axis")) or ""
        by_axis.setdefault(axis, []).append(action_id)
        if start is not None:
            timeline.append(Span(action_id, start, end, status))
        else:
            undated.append(action_id)
        if dropped(action):
            continue  # given up or on hold: its budget is in no total
        amount = values.as_amount(action.get("budget"))
        figure = amount.central if amount is not None else None
        if figure is None or figure < 0:
            unbudgeted.append(action_id)
            continue
        approximate = approximate or (amount is not None and amount.kind != "exact")
        budget_by_axis[axis] = budget_by_axis.get(axis, 0.0) + figure
        axis_sums[axis] = axis_sums.get(axis, Sum()) + Sum.one(amount)
        whole_sum += Sum.one(amount)
        if start is not None and end is not None:
            spread = spread_by_year(figure, start.start, end.end)
            for year, part in spread.items():
                budget_by_year[year] = budget_by_year.get(year, 0.0) + part
                share = Sum.one(amount, part / figure if figure else 0.0)
                if len(spread) > 1:  # a share by days of a budget given whole: a model, ≈
                    share = replace(share, approximate=True)
                year_sums[year] = year_sums.get(year, Sum()) + share
        elif start is not None:
            open_budget += figure
            open_sum += Sum.one(amount)
        else:
            undated_budget += figure
            undated_sum += Sum.one(amount)
    timeline.sort(key=lambda s: (s.start.sort_key(), s.id))
    need_ids = [str(n["id"]) for n in needs]
    served = {ref for a in actions if not dropped(a) for ref in refs(a.get("needs_served"))}
    dropped_ids = [str(a["id"]) for a in actions if dropped(a)]
    covered = [n for n in need_ids if n in served]
    total = sum(budget_by_axis.values())
    ends = [s.end for s in timeline]
    year_budget = budget_by_year.get(money.year) if money.year is not None else None
    # a ratio only when both sides are whole: every line of that year has a figure, every
    # action has a budget and both dates (else the year's need is not known)
    whole_plan = not unbudgeted and not open_budget and not undated_budget
    year_coverage = None
    if year_budget and whole_plan and money.base.complete and money.total:
        sure = money.sum.exact and year_sums.get(money.year or 0, Sum(approximate=True)).exact
        year_coverage = Ratio(money.total / year_budget, approximate=not sure)
    return Plan(
        count=len(actions),
        by_horizon=by_horizon,
        horizon_from_dates=from_dates,
        finished=finished,
        by_axis=by_axis,
        by_status=count(a.get("status") for a in actions),
        budget_total=total,
        budget_base=Base(
            len(actions) - len(dropped_ids) - len(unbudgeted), len(actions) - len(dropped_ids)
        ),
        budget_approximate=approximate,
        unbudgeted=unbudgeted,
        dropped=dropped_ids,
        budget_by_axis=budget_by_axis,
        budget_by_year=dict(sorted(budget_by_year.items())),
        budget_open=open_budget,
        budget_undated=undated_budget,
        timeline=timeline,
        undated=undated,
        open_ended=[s.id for s in timeline if s.runs_on],
        first_start=min((s.start for s in timeline), default=None, key=lambda d: d.sort_key()),
        last_end=None
        if not ends or any(e is None for e in ends)
        else max((e for e in ends if e is not None), key=lambda d: d.end),
        needs_covered=covered,
        needs_uncovered=[n for n in need_ids if n not in served],
        coverage=len(covered) / len(need_ids) if need_ids else None,
        without_lead=[str(a["id"]) for a in actions if not refs(a.get("leads"))],
        without_needs=[str(a["id"]) for a in actions if not refs(a.get("needs_served"))],
        year_budget=year_budget,
        year_coverage=year_coverage,
        budget_sum=whole_sum + Sum(unknown=len(unbudgeted)),
        budget_by_year_sum=dict(sorted(year_sums.items())),
        budget_open_sum=open_sum,
        budget_undated_sum=undated_sum,
        budget_by_axis_sum=axis_sums,
    )


def risk_level(score: int | None) -> str | None:
    if score is None:
        return None
    return "high" if score >= RISK_HIGH else "medium" if score >= RISK_MEDIUM else "low"


def risk_register(risks: Sequence[Mapping[str, Any]]) -> list[Risk]:
    out = []
    for risk in risks:
        likelihood, impact = level(risk.get("likelihood")), level(risk.get("impact"))
        score = likelihood * impact if likelihood is not None and impact is not None else None
        out.append(Risk(str(risk["id"]), likelihood, impact, score, risk_level(score)))
    return sorted(out, key=lambda r: -(r.score or 0))
