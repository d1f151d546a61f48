"""What the answers say, as numbers and lists: the roadmap's indicators, computed once.

Pure functions over plain answers (`AnswersFile.plain()`) and the questionnaire: no I/O, no
formatting, no language. Every formula is written down in docs/analysis.md, with the reasons for
each convention. Answers may be partial or even invalid (a draft file in the middle of a workshop):
a missing or malformed value is left out of the indicator that needs it, never guessed and never
an error, so a half-filled file still gives a sensible report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct import conditions, values
from coconstruct.questionnaire import Question, Questionnaire

DOMAIN_ORDER = ("economique", "social", "environnemental", "societal")
RESOURCE_ORDER = ("naturelle", "financiere", "humaine")
FAMILY_ORDER = ("public", "prive", "revenus_activite")
# Trend answers as signed steps (docs/analysis.md, "Effet ciseau").
NEED_TREND = {"forte_hausse": 2, "hausse": 1, "stable": 0, "baisse": -1}
RESOURCE_TREND = {"hausse": 1, "stable": 0, "baisse": -1, "forte_baisse": -2}
#: one trend step moves an index by half a level of a five-level scale
TREND_STEP = 12.5
#: a power or interest level at or above this is "high" on the stakeholder grid
HIGH_LEVEL = 4
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
#: risk score (likelihood × impact) thresholds
RISK_HIGH, RISK_MEDIUM = 15, 8


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NeedScore:
    id: str
    domain: str | None
    pressure: float | None  # 0–100
    trend: int | None  # NEED_TREND step


@dataclass(frozen=True)
class DomainPressure:
    domain: str
    needs: int
    pressure: float | None
    trend: float | None
    rising: int


@dataclass(frozen=True)
class ResourceScore:
    id: str
    type: str | None
    availability: float | None  # 0–100
    trend: int | None  # RESOURCE_TREND step
    strained: bool  # scarce (level 1–2) or decreasing: see docs/analysis.md


@dataclass(frozen=True)
class ResourceTension:
    type: str
    resources: int
    availability: float | None  # 0–100
    tension: float | None  # 100 − availability
    trend: float | None
    declining: int


@dataclass(frozen=True)
class Scissors:
    needs: list[NeedScore]  # highest pressure first
    domains: list[DomainPressure]
    resources: list[ResourceScore]  # in the file's order
    resource_types: list[ResourceTension]
    need_pressure: float | None
    resource_availability: float | None
    gap: float | None  # need_pressure − resource_availability
    need_trend: float | None
    resource_trend: float | None
    opening: float | None  # need_trend − resource_trend
    projected_need_pressure: float | None
    projected_resource_availability: float | None
    needs_rising: int
    needs_with_trend: int
    resources_declining: int
    resources_with_trend: int


@dataclass(frozen=True)
class FundingLine:
    id: str
    funder: str
    source: str | None
    family: str | None
    amount: float
    secured: bool | None


@dataclass(frozen=True)
class Share:
    key: str
    amount: float
    share: float | None  # 0–1; None when the total is zero


@dataclass(frozen=True)
class Money:
    lines: list[FundingLine]
    total: float
    by_family: list[Share]  # every family, in questionnaire order
    by_source: list[Share]  # sources with money, largest first
    hybridisation: float | None  # 0 (one family) – 1 (equal thirds)
    largest: FundingLine | None
    largest_share: float | None
    secured_amount: float
    secured_share: float | None
    budget_year: int | None
    target_year: int | None
    target: dict[str, float] | None  # family → share 0–1, when a target is set
    target_sum: float | None  # the target percentages added up (should be 100)
    target_hybridisation: float | None
    target_gap: dict[str, float] | None  # family → target − today, in points (0–100)
    volunteering_value: float | None
    volunteering_estimated: bool
    in_kind_value: float | None
    valued_contributions: float
    valued_share: float | None  # of money + valued contributions


@dataclass(frozen=True)
class Partners:
    count: int
    types_present: dict[str, int]  # actor type → number of partners, questionnaire order
    types_missing: list[str]
    alliance_forms: dict[str, int]  # among partners
    action_alliance_forms: dict[str, int]  # among actions
    commitments: dict[str, int]
    attitudes: dict[str, int]
    quadrants: dict[str, list[str]]  # quadrant → partner ids
    quadrant_of: dict[str, str]  # partner id → quadrant
    needs_without_partner: list[str]
    needs_without_action: list[str]
    gaps: list[str]  # needs that no partner and no action addresses


@dataclass(frozen=True)
class Span:
    id: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Plan:
    count: int
    by_horizon: dict[str, list[str]]  # horizon (or "" when unset) → action ids
    by_axis: dict[str, list[str]]  # axis id (or "") → action ids
    by_status: dict[str, int]
    budget_total: float
    budgeted: int
    unbudgeted: list[str]
    budget_by_axis: dict[str, float]
    budget_by_year: dict[int, float]  # dated, budgeted actions spread over their days
    budget_undated: float
    timeline: list[Span]  # dated actions, by start
    first_start: dt.date | None
    last_end: dt.date | None
    needs_covered: list[str]
    needs_uncovered: list[str]
    coverage: float | None  # share of needs served by at least one action
    without_lead: list[str]
    without_needs: list[str]
    year_budget: float | None  # plan budget in the funding plan's budget year
    year_coverage: float | None  # money total ÷ year_budget


@dataclass(frozen=True)
class Risk:
    id: str
    likelihood: int | None
    impact: int | None
    score: int | None
    level: str | None  # high, medium, low


@dataclass(frozen=True)
class SectionCompleteness:
    section: str
    answered: int
    applicable: int
    missing_required: list[str]  # paths, as in Completeness
    deferred: list[str]  # paths set aside, of this section's questions


@dataclass(frozen=True)
class Completeness:
    sections: list[SectionCompleteness]
    answered: int
    applicable: int
    ratio: float | None
    missing_required: list[str]  # paths such as needs[N3].priority
    deferred: list[str]


@dataclass(frozen=True)
class NeedVotes:
    id: str
    domain: str | None
    votes: int
    share: float | None  # of every dot placed; None when no dot was placed


@dataclass(frozen=True)
class DotVote:
    """The room's dot vote (`coconstruct serve` writes it): dots per need, most first."""

    needs: list[NeedVotes]
    placed: int  # dots placed, on every need
    voters: int | None
    dots_each: int | None
    date: str | None  # ISO date

    @property
    def offered(self) -> int | None:
        """Dots the voters could place (voters × dots each), when both are known."""
        if self.voters is None or self.dots_each is None:
            return None
        return self.voters * self.dots_each


@dataclass(frozen=True)
class Analysis:
    scissors: Scissors
    money: Money
    partners: Partners
    plan: Plan
    risks: list[Risk]  # highest score first
    completeness: Completeness
    vote: DotVote | None = None  # None: the room has not voted

    @property
    def open_items(self) -> int:
        return len(self.completeness.deferred) + len(self.completeness.missing_required)


# --- entry point ------------------------------------------------------------------------------


def analyse(
    answers: Mapping[str, Any], questionnaire: Questionnaire, deferred: Sequence[str] = ()
) -> Analysis:
    """Every indicator of the roadmap, from plain answers."""
    q = questionnaire
    needs = _items(answers, "needs")
    scissors = effet_ciseau(needs, _items(answers, "resources"))
    money = money_mix(answers, q)
    actions = _items(answers, "actions")
    return Analysis(
        scissors=scissors,
        money=money,
        partners=partner_map(_items(answers, "partners"), needs, actions, q),
        plan=action_plan(actions, needs, money),
        risks=risk_register(_items(answers, "risks")),
        completeness=completeness(answers, q, deferred),
        vote=dot_vote(needs, answers),
    )


# --- the room's dot vote ----------------------------------------------------------------------


def dot_vote(needs: Sequence[Mapping[str, Any]], answers: Mapping[str, Any]) -> DotVote | None:
    """Dots per need, most first (ties in the file's order); None when no need has a count."""
    counted = []
    for need in needs:
        votes = values.as_number(need.get("votes"))
        if votes is not None and votes >= 0:
            counted.append((str(need["id"]), need.get("domain"), int(votes)))
    if not counted:
        return None
    placed = sum(votes for _, _, votes in counted)
    ranked = sorted(counted, key=lambda row: -row[2])
    voters = values.as_number(answers.get("vote_voters"))
    dots_each = values.as_number(answers.get("vote_dots"))
    date = values.as_date(answers.get("vote_date"))
    return DotVote(
        needs=[
            NeedVotes(
                id,
                domain if isinstance(domain, str) else None,
                votes,
                votes / placed if placed else None,
            )
            for id, domain, votes in ranked
        ],
        placed=placed,
        voters=None if voters is None else int(voters),
        dots_each=None if dots_each is None else int(dots_each),
        date=date.isoformat() if date else None,
    )


# --- effet ciseau -----------------------------------------------------------------------------


def need_pressure(priority: Any, urgency: Any) -> float | None:
    """0–100: the mean of priority and urgency (1–5 levels) on a 0–100 scale."""
    levels = [v for v in (level(priority), level(urgency)) if v is not None]
    if not levels:
        return None
    return 25 * (sum(levels) / len(levels) - 1)


def availability_index(availability: Any) -> float | None:
    """0–100: an availability level (1 very scarce – 5 abundant) on a 0–100 scale."""
    value = level(availability)
    return None if value is None else 25 * (value - 1)


def strained(availability: Any, trend: Any) -> bool:
    """A resource under strain: scarce (availability 1 or 2 of 5) or decreasing."""
    value = level(availability)
    return (value is not None and value <= 2) or RESOURCE_TREND.get(_str(trend) or "", 0) < 0


def effet_ciseau(
    needs: Sequence[Mapping[str, Any]], resources: Sequence[Mapping[str, Any]]
) -> Scissors:
    scores = [
        NeedScore(
            id=str(need["id"]),
            domain=_str(need.get("domain")),
            pressure=need_pressure(need.get("priority"), need.get("urgency")),
            trend=NEED_TREND.get(_str(need.get("trend")) or ""),
        )
        for need in needs
    ]
    ranked = sorted(scores, key=lambda s: -1 if s.pressure is None else s.pressure, reverse=True)
    domains = []
    for domain in _ordered({s.domain for s in scores if s.domain}, DOMAIN_ORDER):
        mine = [s for s in scores if s.domain == domain]
        domains.append(
            DomainPressure(
                domain=domain,
                needs=len(mine),
                pressure=_mean(s.pressure for s in mine),
                trend=_mean(s.trend for s in mine),
                rising=sum(1 for s in mine if (s.trend or 0) > 0),
            )
        )
    resource_scores = [
        ResourceScore(
            id=str(r["id"]),
            type=_str(r.get("type")),
            availability=availability_index(r.get("availability")),
            trend=RESOURCE_TREND.get(_str(r.get("trend")) or ""),
            strained=strained(r.get("availability"), r.get("trend")),
        )
        for r in resources
    ]
    rows = [(r.type, r.availability, r.trend) for r in resource_scores]
    types = []
    for kind in _ordered({row[0] for row in rows if row[0]}, RESOURCE_ORDER):
        mine_rows = [row for row in rows if row[0] == kind]
        avail = _mean(row[1] for row in mine_rows)
        types.append(
            ResourceTension(
                type=kind,
                resources=len(mine_rows),
                availability=avail,
                tension=None if avail is None else 100 - avail,
                trend=_mean(row[2] for row in mine_rows),
                declining=sum(1 for row in mine_rows if (row[2] or 0) < 0),
            )
        )
    pressure = _mean(s.pressure for s in scores)
    availability = _mean(row[1] for row in rows)
    need_trend = _mean(s.trend for s in scores)
    resource_trend = _mean(row[2] for row in rows)
    return Scissors(
        needs=ranked,
        domains=domains,
        resources=resource_scores,
        resource_types=types,
        need_pressure=pressure,
        resource_availability=availability,
        gap=None if pressure is None or availability is None else pressure - availability,
        need_trend=need_trend,
        resource_trend=resource_trend,
        opening=None
        if need_trend is None or resource_trend is None
        else need_trend - resource_trend,
        projected_need_pressure=_project(pressure, need_trend),
        projected_resource_availability=_project(availability, resource_trend),
        needs_rising=sum(1 for s in scores if (s.trend or 0) > 0),
        needs_with_trend=sum(1 for s in scores if s.trend is not None),
        resources_declining=sum(1 for row in rows if (row[2] or 0) < 0),
        resources_with_trend=sum(1 for row in rows if row[2] is not None),
    )


def _project(index: float | None, trend: float | None) -> float | None:
    if index is None:
        return None
    return min(100.0, max(0.0, index + TREND_STEP * (trend or 0)))


# --- hybrid socio-economic model --------------------------------------------------------------


def hybridisation(shares: Iterable[float], categories: int) -> float | None:
    """Normalised 1 − Herfindahl: 0 when one category holds everything, 1 when all are equal."""
    shares = list(shares)
    if categories < 2 or not shares or abs(sum(shares) - 1) > 1e-6:
        return None
    herfindahl = sum(s * s for s in shares)
    return (1 - herfindahl) / (1 - 1 / categories)


def money_mix(answers: Mapping[str, Any], questionnaire: Questionnaire) -> Money:
    funding_q = questionnaire.question("funding")
    family_q = funding_q.field("family") if funding_q else None
    families = [str(c) for c in family_q.choice_ids] if family_q else list(FAMILY_ORDER)
    lines: list[FundingLine] = []
    for item in _items(answers, "funding"):
        amount = values.as_number(item.get("amount"))
        if amount is None or amount < 0:
            continue
        family = _str(item.get("family"))
        if family is None and family_q is not None:  # same rule as the interview's default
            computed = conditions.computed_default(family_q.default, {**answers, "item": item})
            family = computed if computed in families else None
        secured = item.get("secured")
        lines.append(
            FundingLine(
                id=str(item["id"]),
                funder=str(item.get("funder") or item["id"]),
                source=_str(item.get("source")),
                family=family,
                amount=float(amount),
                secured=secured if isinstance(secured, bool) else None,
            )
        )
    total = sum(line.amount for line in lines)

    def share(amount: float) -> float | None:
        return amount / total if total > 0 else None

    by_family = [
        Share(f, a, share(a))
        for f in families
        for a in [sum(line.amount for line in lines if line.family == f)]
    ]
    sources: dict[str, float] = {}
    for line in lines:
        key = line.source or ""
        sources[key] = sources.get(key, 0.0) + line.amount
    by_source = [
        Share(k, a, share(a)) for k, a in sorted(sources.items(), key=lambda kv: -kv[1]) if a > 0
    ]
    family_shares = [s.share for s in by_family if s.share is not None]
    unclassified = sum(line.amount for line in lines if line.family not in families)
    index = hybridisation(family_shares, len(families)) if total > 0 and not unclassified else None
    largest = max(lines, key=lambda line: line.amount, default=None)
    secured_amount = sum(line.amount for line in lines if line.secured)

    target_year = _int(answers.get("target_year"))
    raw_target = {
        "public": values.as_number(answers.get("target_public_share")),
        "prive": values.as_number(answers.get("target_private_share")),
        "revenus_activite": values.as_number(answers.get("target_earned_share")),
    }
    target: dict[str, float] | None = None
    target_sum = target_index = None
    target_gap: dict[str, float] | None = None
    if any(v is not None for v in raw_target.values()):
        target_sum = sum(v or 0 for v in raw_target.values())
        target = {k: (v or 0) / 100 for k, v in raw_target.items()}
        if abs(target_sum - 100) < 0.5:
            target_index = hybridisation(
                [v / (target_sum / 100) for v in target.values()], len(target)
            )
        if total > 0:
            today = {s.key: s.share or 0 for s in by_family}
            target_gap = {k: 100 * (v - today.get(k, 0)) for k, v in target.items()}

    volunteering = values.as_number(answers.get("volunteering_value"))
    estimated = False
    value_q = questionnaire.question("volunteering_value")
    if volunteering is None and value_q is not None and answers.get("volunteering_hours"):
        volunteering = values.as_number(
            _to_number(conditions.computed_default(value_q.default, answers))
        )
        estimated = volunteering is not None
    in_kind = values.as_number(answers.get("in_kind_value"))
    valued = (volunteering or 0) + (in_kind or 0)
    return Money(
        lines=lines,
        total=total,
        by_family=by_family,
        by_source=by_source,
        hybridisation=index,
        largest=largest,
        largest_share=share(largest.amount) if largest else None,
        secured_amount=secured_amount,
        secured_share=share(secured_amount),
        budget_year=_int(answers.get("budget_year")),
        target_year=target_year,
        target=target,
        target_sum=target_sum,
        target_hybridisation=target_index,
        target_gap=target_gap,
        volunteering_value=volunteering,
        volunteering_estimated=estimated,
        in_kind_value=in_kind,
        valued_contributions=valued,
        valued_share=valued / (total + valued) if total + valued > 0 else None,
    )


# --- partners and alliances -------------------------------------------------------------------


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
    types = _count(p.get("actor_type") for p in partners)
    present = {t: types[t] for t in _ordered(set(types), all_types)}
    quadrants: dict[str, list[str]] = {name: [] for name in QUADRANTS}
    quadrant_of: dict[str, str] = {}
    for partner in partners:
        where = quadrant(partner.get("power"), partner.get("interest"))
        if where:
            quadrants[where].append(str(partner["id"]))
            quadrant_of[str(partner["id"])] = where
    need_ids = [str(n["id"]) for n in needs]
    by_partner = {ref for p in partners for ref in _refs(p.get("needs_addressed"))}
    by_action = {ref for a in actions for ref in _refs(a.get("needs_served"))}
    return Partners(
        count=len(partners),
        types_present=present,
        types_missing=[t for t in all_types if t not in present],
        alliance_forms=_count(p.get("alliance_form") for p in partners),
        action_alliance_forms=_count(a.get("alliance_form") for a in actions),
        commitments=_count(p.get("commitment") for p in partners),
        attitudes=_count(p.get("attitude") for p in partners),
        quadrants=quadrants,
        quadrant_of=quadrant_of,
        needs_without_partner=[n for n in need_ids if n not in by_partner],
        needs_without_action=[n for n in need_ids if n not in by_action],
        gaps=[n for n in need_ids if n not in by_partner and n not in by_action],
    )


# --- action plan ------------------------------------------------------------------------------


def spread_by_year(amount: float, start: dt.date, end: dt.date) -> dict[int, float]:
    """An amount spread evenly over the days from start to end (both included), per year."""
    days = (end - start).days + 1
    out: dict[int, float] = {}
    for year in range(start.year, end.year + 1):
        first = max(start, dt.date(year, 1, 1))
        last = min(end, dt.date(year, 12, 31))
        out[year] = amount * ((last - first).days + 1) / days
    return out


def action_plan(
    actions: Sequence[Mapping[str, Any]], needs: Sequence[Mapping[str, Any]], money: Money
) -> Plan:
    by_horizon: dict[str, list[str]] = {}
    by_axis: dict[str, list[str]] = {}
    budget_by_axis: dict[str, float] = {}
    budget_by_year: dict[int, float] = {}
    undated = 0.0
    timeline: list[Span] = []
    unbudgeted: list[str] = []
    for action in actions:
        action_id = str(action["id"])
        by_horizon.setdefault(_str(action.get("horizon")) or "", []).append(action_id)
        axis = _str(action.get("axis")) or ""
        by_axis.setdefault(axis, []).append(action_id)
        budget = values.as_number(action.get("budget"))
        start, end = values.as_date(action.get("start")), values.as_date(action.get("end"))
        span = Span(action_id, start, end) if start and end and end >= start else None
        if span:
            timeline.append(span)
        if budget is None or budget < 0:
            unbudgeted.append(action_id)
            continue
        budget_by_axis[axis] = budget_by_axis.get(axis, 0.0) + budget
        if span:
            for year, amount in spread_by_year(budget, span.start, span.end).items():
                budget_by_year[year] = budget_by_year.get(year, 0.0) + amount
        else:
            undated += budget
    timeline.sort(key=lambda s: (s.start, s.end, s.id))
    need_ids = [str(n["id"]) for n in needs]
    served = {ref for a in actions for ref in _refs(a.get("needs_served"))}
    covered = [n for n in need_ids if n in served]
    total = sum(budget_by_axis.values())
    year_budget = budget_by_year.get(money.budget_year) if money.budget_year is not None else None
    return Plan(
        count=len(actions),
        by_horizon=by_horizon,
        by_axis=by_axis,
        by_status=_count(a.get("status") for a in actions),
        budget_total=total,
        budgeted=len(actions) - len(unbudgeted),
        unbudgeted=unbudgeted,
        budget_by_axis=budget_by_axis,
        budget_by_year=dict(sorted(budget_by_year.items())),
        budget_undated=undated,
        timeline=timeline,
        first_start=min((s.start for s in timeline), default=None),
        last_end=max((s.end for s in timeline), default=None),
        needs_covered=covered,
        needs_uncovered=[n for n in need_ids if n not in served],
        coverage=len(covered) / len(need_ids) if need_ids else None,
        without_lead=[str(a["id"]) for a in actions if not _str(a.get("lead_partner"))],
        without_needs=[str(a["id"]) for a in actions if not _refs(a.get("needs_served"))],
        year_budget=year_budget,
        year_coverage=money.total / year_budget if year_budget else None,
    )


# --- risks ------------------------------------------------------------------------------------


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


# --- completeness -----------------------------------------------------------------------------


def completeness(
    answers: Mapping[str, Any], questionnaire: Questionnaire, deferred: Sequence[str] = ()
) -> Completeness:
    """Answered questions among those that apply; a list counts once, its items' fields too."""
    sections = []
    missing: list[str] = []
    for section in questionnaire.sections:
        answered = applicable = 0
        missing_here: list[str] = []
        for question in section.questions:
            if not conditions.is_shown(question.when, answers):
                continue
            applicable += 1
            value = answers.get(question.id)
            if _answered(question, value):
                answered += 1
            elif question.required:
                missing_here.append(question.id)
            if question.is_list and isinstance(value, list):
                for index, item in enumerate(value):
                    if not isinstance(item, dict):
                        continue
                    label = f"{question.id}[{item.get('id', index)}]"
                    context = {**answers, "item": item}
                    for fld in question.fields or []:
                        if not conditions.is_shown(fld.when, context):
                            continue
                        applicable += 1
                        if _answered(fld, item.get(fld.id)):
                            answered += 1
                        elif fld.required:
                            missing_here.append(f"{label}.{fld.id}")
        mine = {q.id for q in section.questions}
        deferred_here = [p for p in deferred if p.split("[", 1)[0] in mine]
        sections.append(
            SectionCompleteness(section.id, answered, applicable, missing_here, deferred_here)
        )
        missing += missing_here
    answered_total = sum(s.answered for s in sections)
    applicable_total = sum(s.applicable for s in sections)
    return Completeness(
        sections=sections,
        answered=answered_total,
        applicable=applicable_total,
        ratio=answered_total / applicable_total if applicable_total else None,
        missing_required=missing,
        deferred=list(deferred),
    )


def _answered(question: Question, value: Any) -> bool:
    if values.is_empty(value):
        return False
    try:
        values.coerce(question, value, "en")
    except values.InvalidValue:
        return False
    return True


# --- reading answers defensively --------------------------------------------------------------


def _items(answers: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """A list answer's items that have an id (the rest cannot be referred to)."""
    raw = answers.get(key)
    if not isinstance(raw, list):
        return []
    return [i for i in raw if isinstance(i, dict) and not values.is_empty(i.get("id"))]


def level(value: Any) -> int | None:
    """A 1–5 scale level, or None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= 5 else None


def _to_number(value: Any) -> Any:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    number = values.as_number(value)
    return int(number) if number is not None and number.is_integer() else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _refs(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def _mean(numbers: Iterable[float | int | None]) -> float | None:
    present = [n for n in numbers if n is not None]
    return sum(present) / len(present) if present else None


def _count(keys: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in keys:
        if isinstance(key, str) and key:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _ordered(keys: set[str], order: Sequence[str]) -> list[str]:
    """Keys in a reference order, unknown ones after, alphabetically."""
    known = [k for k in order if k in keys]
    return known + sorted(keys - set(known))
