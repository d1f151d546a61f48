"""The hybrid socio-economic model: who pays what, on what the figures rest.

Funding lines come as real data gives them: an exact amount, an estimate, a floor, a range, or
known not to be known (a funder whose figure is not published is a line like any other). Shares
are computed on the lines that have a figure and say so; a total with floors or unknowns is an
interval; dependency concerns external funders, the project's own earned income is apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from coconstruct import conditions, values
from coconstruct.amounts import Amount
from coconstruct.analysis.base import Base, items, text, whole_year
from coconstruct.dates import ApproxDate
from coconstruct.questionnaire import Questionnaire

FAMILY_ORDER = ("public", "prive", "revenus_activite")
OWN_INCOME = "revenus_activite"  # earned income: the project's own, not a funder
TARGETS = {
    "public": "target_public_share",
    "prive": "target_private_share",
    "revenus_activite": "target_earned_share",
}


@dataclass(frozen=True)
class FundingLine:
    id: str
    funder: str
    source: str | None
    family: str | None
    amount: Amount | None  # None: not answered (or invalid); kind "unknown": said unknown
    secured: bool | None
    start: ApproxDate | None
    end: ApproxDate | None
    recurring: bool | None  # True: every year; False: once for its period; None: not said
    basis: str | None  # how the amount is set: « 18 000 € par emploi et par an »

    @property
    def figure(self) -> float | None:
        """The one figure to compute with (see Amount.central); None when unknown."""
        return self.amount.central if self.amount is not None else None

    @property
    def external(self) -> bool:
        """From someone other than the project itself (a State programme, a foundation…)."""
        return self.family != OWN_INCOME

    @property
    def year(self) -> int | None:
        return self.start.year if self.start is not None else None


@dataclass(frozen=True)
class Share:
    key: str
    amount: float  # of the lines with a figure
    share: float | None  # 0–1 of the figured total; None when that total is zero
    lines: int  # every line of this kind, with a figure or not
    unknown: int  # lines of this kind without a figure


@dataclass(frozen=True)
class Funder:
    name: str
    amount: float
    share: float | None  # of the external figured total
    external: bool


@dataclass(frozen=True)
class YearTotal:
    year: int
    amount: float  # lines of that year with a figure
    unknown: int  # lines of that year without one


@dataclass(frozen=True)
class Money:
    lines: list[FundingLine]
    base: Base  # lines with a figure, of all lines
    total: float  # sum of the figures (floors at their floor, ranges at their middle)
    total_low: float  # the least the lines with a figure can add up to
    total_high: float | None  # the most; None when a floor or an unknown leaves it open
    approximate: bool  # some figure is an estimate, a floor or a range
    unknown_lines: list[FundingLine]  # known funders, figure not known: named in every table
    unclassified: list[FundingLine]  # lines without a family
    by_family: list[Share]  # every family, questionnaire order
    by_source: list[Share]  # sources with lines, largest amount first
    families_present: list[str]  # families with at least one line, figure or not
    hybridisation: float | None  # 0–1, on the figured lines; None below a sufficient base
    funders: list[Funder]  # by funder name, largest first
    external_base: Base  # external lines with a figure, of all external lines
    external_total: float
    largest_external: Funder | None  # only when every external line has a figure
    own_income: float  # earned income with a figure
    own_income_share: float | None  # of the figured total
    secured_amount: float
    secured_share: float | None  # of the figured total
    by_year: list[YearTotal]  # lines dated by their period's start (or the budget year)
    undated: int  # lines with no period and no budget year
    budget_year: int | None
    target_year: int | None
    target: dict[str, float] | None  # family → share 0–1, when a target is set
    target_sum: float | None  # the target percentages added up (should be 100)
    target_hybridisation: float | None
    target_gap: dict[str, float] | None  # family → target − today, in points; sufficient base only
    volunteering_value: float | None
    volunteering_estimated: bool
    in_kind_value: float | None
    valued_contributions: float
    valued_share: float | None  # of money + valued contributions

    @property
    def any(self) -> bool:
        return bool(self.lines)


def hybridisation(shares: Iterable[float], categories: int) -> float | None:
    """Normalised 1 − Herfindahl: 0 when one category holds everything, 1 when all are equal."""
    shares = list(shares)
    if categories < 2 or not shares or abs(sum(shares) - 1) > 1e-6:
        return None
    herfindahl = sum(s * s for s in shares)
    return (1 - herfindahl) / (1 - 1 / categories)


def funding_lines(answers: Mapping[str, Any], questionnaire: Questionnaire) -> list[FundingLine]:
    funding_q = questionnaire.question("funding")
    family_q = funding_q.field("family") if funding_q else None
    families = [str(c) for c in family_q.choice_ids] if family_q else list(FAMILY_ORDER)
    lines = []
    for item in items(answers, "funding"):
        family = text(item.get("family"))
        if family is None and family_q is not None:  # same rule as the interview's default
            computed = conditions.computed_default(family_q.default, {**answers, "item": item})
            family = computed if computed in families else None
        amount = values.as_amount(item.get("amount"))
        if amount is not None and amount.low is not None and amount.low < 0:
            amount = None  # a negative amount is invalid: validate reports it
        secured = item.get("secured")
        recurrence = text(item.get("recurrence"))
        lines.append(
            FundingLine(
                id=str(item["id"]),
                funder=str(item.get("funder") or item["id"]),
                source=text(item.get("source")),
                family=family,
                amount=amount,
                secured=secured if isinstance(secured, bool) else None,
                start=values.as_date(item.get("period_start")),
                end=values.as_date(item.get("period_end")),
                recurring=None if recurrence is None else recurrence == "recurrent",
                basis=text(item.get("basis")),
            )
        )
    return lines


def money_mix(answers: Mapping[str, Any], questionnaire: Questionnaire) -> Money:
    funding_q = questionnaire.question("funding")
    family_q = funding_q.field("family") if funding_q else None
    families = [str(c) for c in family_q.choice_ids] if family_q else list(FAMILY_ORDER)
    lines = funding_lines(answers, questionnaire)
    figured = [line for line in lines if line.figure is not None]
    total = sum(line.figure or 0 for line in figured)

    def share(amount: float, of: float = total) -> float | None:
        return amount / of if of > 0 else None

    def shares(key: str, kinds: Iterable[str]) -> list[Share]:
        out = []
        for kind in kinds:
            mine = [line for line in lines if getattr(line, key) == kind]
            amount = sum(line.figure or 0 for line in mine if line.figure is not None)
            unknown = sum(1 for line in mine if line.figure is None)
            out.append(Share(kind, amount, share(amount), len(mine), unknown))
        return out

    by_family = shares("family", families)
    sources = sorted({line.source for line in lines if line.source})
    by_source = sorted(shares("source", sources), key=lambda s: -s.amount)
    base = Base(len(figured), len(lines))
    unclassified = [line for line in lines if line.family not in families]
    index = None
    if base.sufficient and total > 0 and not any(line.family is None for line in figured):
        index = hybridisation([s.share or 0 for s in by_family], len(families))

    funders: dict[str, tuple[float, bool]] = {}
    for line in figured:
        amount, external = funders.get(line.funder, (0.0, line.external))
        funders[line.funder] = (amount + (line.figure or 0), external)
    external_lines = [line for line in lines if line.external]
    external_figured = [line for line in external_lines if line.figure is not None]
    external_total = sum(line.figure or 0 for line in external_figured)
    ranked = [
        Funder(name, amount, share(amount, external_total) if external else None, external)
        for name, (amount, external) in sorted(funders.items(), key=lambda kv: -kv[1][0])
    ]
    external_base = Base(len(external_figured), len(external_lines))
    largest = next((f for f in ranked if f.external), None)
    own = sum(line.figure or 0 for line in figured if not line.external)
    secured_amount = sum(line.figure or 0 for line in figured if line.secured)

    budget_year = whole_year(answers.get("budget_year"))
    years: dict[int, list[FundingLine]] = {}
    undated = 0
    for line in lines:
        year = line.year or budget_year
        if year is None:
            undated += 1
        else:
            years.setdefault(year, []).append(line)
    by_year = [
        YearTotal(
            year,
            sum(line.figure or 0 for line in mine if line.figure is not None),
            sum(1 for line in mine if line.figure is None),
        )
        for year, mine in sorted(years.items())
    ]

    target, target_sum, target_index, target_gap = _target(answers, by_family, base, total)
    volunteering, estimated = _volunteering(answers, questionnaire)
    in_kind = values.as_number(answers.get("in_kind_value"))
    valued = (volunteering or 0) + (in_kind or 0)
    return Money(
        lines=lines,
        base=base,
        total=total,
        total_low=sum(line.amount.low or 0 for line in figured if line.amount is not None),
        total_high=None
        if len(figured) < len(lines)
        or any(line.amount.high is None for line in figured if line.amount)
        else sum(line.amount.high or 0 for line in figured if line.amount is not None),
        approximate=any(line.amount.kind != "exact" for line in figured if line.amount),
        unknown_lines=[line for line in lines if line.figure is None],
        unclassified=unclassified,
        by_family=by_family,
        by_source=by_source,
        families_present=[f for f in families if any(line.family == f for line in lines)],
        hybridisation=index,
        funders=ranked,
        external_base=external_base,
        external_total=external_total,
        largest_external=largest if external_base.complete and external_total > 0 else None,
        own_income=own,
        own_income_share=share(own),
        secured_amount=secured_amount,
        secured_share=share(secured_amount),
        by_year=by_year,
        undated=undated,
        budget_year=budget_year,
        target_year=whole_year(answers.get("target_year")),
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


def _target(
    answers: Mapping[str, Any], by_family: list[Share], base: Base, total: float
) -> tuple[dict[str, float] | None, float | None, float | None, dict[str, float] | None]:
    raw = {family: values.as_number(answers.get(key)) for family, key in TARGETS.items()}
    if all(v is None for v in raw.values()):
        return None, None, None, None
    target_sum = sum(v or 0 for v in raw.values())
    target = {k: (v or 0) / 100 for k, v in raw.items()}
    index = None
    if abs(target_sum - 100) < 0.5:
        index = hybridisation([v / (target_sum / 100) for v in target.values()], len(target))
    gap = None
    if total > 0 and base.sufficient:
        today = {s.key: s.share or 0 for s in by_family}
        gap = {k: 100 * (v - today.get(k, 0)) for k, v in target.items()}
    return target, target_sum, index, gap


def _volunteering(
    answers: Mapping[str, Any], questionnaire: Questionnaire
) -> tuple[float | None, bool]:
    """The valued volunteering: as answered, else the questionnaire's own computation from the
    hours (flagged as estimated); nothing at all without hours."""
    value = values.as_number(answers.get("volunteering_value"))
    if value is not None:
        return value, False
    question = questionnaire.question("volunteering_value")
    if question is None or values.as_number(answers.get("volunteering_hours")) is None:
        return None, False
    computed = conditions.computed_default(question.default, answers)
    try:
        return float(computed), True
    except (TypeError, ValueError):
        return None, False
