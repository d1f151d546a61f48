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

from coconstruct.analysis.base import Base, items, text, whole_year
from coconstruct.model import conditions, origin, values
from coconstruct.model.amounts import Amount, Ratio, Sum
from coconstruct.model.dates import ApproxDate, is_unknown
from coconstruct.model.questionnaire import Questionnaire

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
    # the rule the amount follows, when one is given: (rate per unit and year, units, unit name)
    rule: tuple[float, float, str | None] | None = None
    # the amount is the rule's estimate (rate × units, ≈), the amount itself being not known
    by_rule: bool = False
    # its year is not known (« inconnue », or a line without a period on a site documented from
    # sources, mixte included): it pays in no year, so no year's plan, key figure or trend
    # counts it
    undated: bool = False

    @property
    def figure(self) -> float | None:
        """The one figure to compute with (see Amount.central); None when unknown."""
        return self.amount.central if self.amount is not None else None

    @property
    def external(self) -> bool:
        """From someone other than the project itself (a State programme, a foundation…)."""
        return self.family != OWN_INCOME

    def years(self, default: int | None) -> tuple[int | None, int | None, bool] | None:
        """The years this line pays in: (first, last, spread); None for open ends (a recurring
        line without a start or an end); `spread`: one amount for several years. None when the
        line has no period and there is no year to give it (`default`, the plan's year), or
        when its year is not known."""
        if self.undated:
            return None
        first = self.start.year if self.start is not None else None
        last = self.end.year if self.end is not None else None
        if self.recurring:  # the amount every year of its period
            return first, last, False
        if first is None and last is None:  # the plan's own year
            return (default, default, False) if default is not None else None
        first, last = first or last, last or first
        return first, last, bool(first is not None and last is not None and last > first)

    def part(self, year: int | None, default: int | None) -> float:
        """The share of this line's amount that counts in `year` (1 when no year is asked):
        a one-off amount over several years counts for an equal share of each."""
        if year is None:
            return 1.0
        span = self.years(default)
        if span is None:
            return 0.0
        first, last, spread = span
        if (first is not None and year < first) or (last is not None and year > last):
            return 0.0
        if spread and first is not None and last is not None:
            return 1 / (last - first + 1)
        return 1.0


@dataclass(frozen=True)
class Share:
    key: str
    amount: float  # of the lines with a figure
    share: float | None  # 0–1 of the figured total; None when that total is zero
    lines: int  # every line of this kind, with a figure or not
    unknown: int  # lines of this kind without a figure
    sum: Sum  # the amount as sure as its lines (Sum: one rule for every sum)
    ratio: Ratio | None  # the share, approximate when a part is (« ≈ 24 % »)


@dataclass(frozen=True)
class Funder:
    name: str
    amount: float
    share: float | None  # of the external figured total
    external: bool
    ratio: Ratio | None = None  # the share as sure as its parts


@dataclass(frozen=True)
class YearTotal:
    year: int
    amount: float  # lines of that year with a figure
    unknown: int  # lines of that year without one
    sum: Sum  # as sure as its lines: the same rule as the year's total


@dataclass(frozen=True)
class Money:
    """The money of one year (`year`): the lines that pay in it, each for its part."""

    lines: list[FundingLine]  # every line, of every year
    year: int | None  # the year the figures are for; None: the lines are not dated at all
    counted: list[FundingLine]  # the lines paying in `year`
    figures: dict[str, float | None]  # line id → what it brings in `year`; None: not known
    spread: dict[str, float]  # line id → its part, for one-off amounts over several years
    other_years: list[FundingLine]  # lines paying only in other years
    base: Base  # counted lines with a figure, of all counted lines
    total: float  # sum of the figures (floors at their floor, ranges at their middle)
    approximate: bool  # some figure is an estimate, a floor or a range
    sum: Sum  # the total as sure as its lines: what every format writes (Sum)
    unknown_lines: list[FundingLine]  # counted, figure not known: named in every table
    unclassified: list[FundingLine]  # counted lines without a family
    unclassified_sum: Sum
    by_family: list[Share]  # every family, questionnaire order
    by_source: list[Share]  # sources with lines, largest amount first
    families_present: list[str]  # families with at least one line, figure or not
    mix_reliable: bool  # shares of families say something: see `money_mix`
    hybridisation: float | None  # 0–1, on the figured lines; None unless the mix is reliable
    funders: list[Funder]  # by funder name, largest first
    external_base: Base  # external lines with a figure, of all external lines
    external_total: float
    largest_external: Funder | None  # only when every external line has a figure
    own_income: float  # earned income with a figure
    own_income_share: float | None  # of the figured total
    own_income_sum: Sum
    own_income_ratio: Ratio | None
    secured_amount: float
    secured_share: float | None  # of the figured total
    secured_sum: Sum
    secured_ratio: Ratio | None
    shares_approximate: bool  # the shares rest on an estimate, a range or a floor
    by_year: list[YearTotal]  # every year the lines name, when they name more than one
    undated: int  # lines with no period and no year to give them
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
    valued_ratio: Ratio | None  # the same, approximate when the money or the hours are
    workshop_year: int | None = None  # the year of the workshop, when its date is known

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
    """Every funding line. A line without a period belongs to the plan's year in a workshop
    (the room speaks of this year's budget); on a site documented from sources, with or without
    a workshop (`documentaire`, `mixte`), its year is not known: a source that gives no year
    cannot be told from the room's budget."""
    undated_without_period = origin.from_sources(answers)
    funding_q = questionnaire.question("funding")
    family_q = funding_q.field("family") if funding_q else None
    lines = []
    for item in items(answers, "funding"):
        family = text(item.get("family"))
        if family is None and family_q is not None:  # same rule as the interview's default
            family = values.computed_choice(family_q, answers, item)
        amount = values.as_amount(item.get("amount"))
        if amount is not None and amount.low is not None and amount.low < 0:
            amount = None  # a negative amount is invalid: validate reports it
        rate, units = values.as_number(item.get("rate")), values.as_number(item.get("units"))
        rule = (rate, units, text(item.get("unit_name"))) if rate and units else None
        by_rule = rule is not None and (amount is None or amount.kind == "unknown")
        if by_rule and rate is not None and units is not None:
            # « 18 000 € par poste et par an × 75 postes »: an estimate, said ≈, never exact
            amount = Amount("estimate", rate * units, rate * units)
        secured = item.get("secured")
        recurrence = text(item.get("recurrence"))
        start, end = item.get("period_start"), item.get("period_end")
        said_unknown = is_unknown(start) or (is_unknown(end) and values.as_date(start) is None)
        no_period = values.is_empty(start) and values.is_empty(end)
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
                undated=said_unknown or (no_period and undated_without_period),
                rule=rule,
                by_rule=by_rule,
            )
        )
    return lines


def money_mix(
    answers: Mapping[str, Any], questionnaire: Questionnaire, workshop_year: int | None = None
) -> Money:
    """The money of the plan's year: `budget_year`, else the workshop's year, else the last
    year the lines name; all lines together when none is dated."""
    families = _families(questionnaire)
    lines = funding_lines(answers, questionnaire)
    budget_year = whole_year(answers.get("budget_year"))
    named = sorted(
        {d.year for line in lines for d in (line.start, line.end) if d is not None}
        | ({budget_year} if budget_year is not None else set())
    )
    paid = _paid_in(_plan_year(lines, budget_year, workshop_year, named), budget_year, lines)
    counted, figures = paid.counted, paid.figures
    figured = [line for line in counted if figures[line.id] is not None]
    total = sum(paid.figure(line) for line in figured)
    total_sum = paid.sum_of(counted)
    by_family = _shares(paid, "family", families, total, total_sum)
    sources = sorted({line.source for line in counted if line.source})
    by_source = sorted(_shares(paid, "source", sources, total, total_sum), key=lambda s: -s.amount)
    base = Base(len(figured), len(counted))
    unclassified = [line for line in counted if line.family not in families]
    # Shares of families mean something when enough lines have a figure, every line has a
    # family, and no family present is known only by lines without one (the State's
    # contribution, amount not published, must not read as "public 0 %").
    reliable = (
        base.sufficient
        and total > 0
        and not unclassified
        and all(s.amount > 0 for s in by_family if s.lines)
    )
    index = hybridisation([s.share or 0 for s in by_family], len(families)) if reliable else None
    funders = _funders(paid, figured)
    own = [line for line in figured if not line.external]
    own_sum = paid.sum_of(own)
    secured = [line for line in figured if line.secured]
    secured_amount = sum(paid.figure(line) for line in secured)
    secured_sum = paid.sum_of(secured)
    # "0 % secured" only when some line says whether it is: not when nobody answered
    said_secured = any(line.secured is not None for line in figured)
    target, target_sum, target_index, target_gap = _target(answers, by_family, reliable)
    volunteering, estimated = _volunteering(answers, questionnaire)
    in_kind = values.as_number(answers.get("in_kind_value"))
    valued = (volunteering or 0) + (in_kind or 0)
    amounts = [(line.amount, paid.parts[line.id]) for line in figured if line.amount is not None]
    return Money(
        lines=lines,
        year=paid.year,
        counted=counted,
        figures=figures,
        spread={line.id: paid.parts[line.id] for line in counted if paid.parts[line.id] < 1},
        other_years=[line for line in lines if paid.parts[line.id] == 0],
        base=base,
        total=total,
        approximate=any(a.kind != "exact" for a, _ in amounts),
        sum=total_sum,
        unknown_lines=[line for line in counted if figures[line.id] is None],
        unclassified=unclassified,
        unclassified_sum=paid.sum_of(unclassified),
        by_family=by_family,
        by_source=by_source,
        families_present=[f for f in families if any(line.family == f for line in counted)],
        mix_reliable=reliable,
        hybridisation=index,
        funders=funders.ranked,
        external_base=funders.base,
        external_total=funders.total,
        largest_external=funders.largest,
        own_income=sum(paid.figure(line) for line in own),
        own_income_share=_share(sum(paid.figure(line) for line in own), total),
        own_income_sum=own_sum,
        own_income_ratio=own_sum.ratio(total_sum),
        secured_amount=secured_amount,
        secured_share=_share(secured_amount, total) if said_secured else None,
        secured_sum=secured_sum,
        secured_ratio=secured_sum.ratio(total_sum) if said_secured else None,
        shares_approximate=not total_sum.exact_figures,
        by_year=_by_year(lines, named, paid),
        undated=sum(1 for line in lines if line.years(paid.default) is None),
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
        valued_ratio=Ratio(valued / (total + valued), estimated or not total_sum.exact_figures)
        if total + valued > 0
        else None,
        workshop_year=workshop_year,
    )


def _families(questionnaire: Questionnaire) -> list[str]:
    """The families of money, as the questionnaire lists them (ours when it has none)."""
    funding_q = questionnaire.question("funding")
    family_q = funding_q.field("family") if funding_q else None
    return [str(c) for c in family_q.choice_ids] if family_q else list(FAMILY_ORDER)


def _plan_year(
    lines: list[FundingLine], budget_year: int | None, workshop_year: int | None, named: list[int]
) -> int | None:
    """The year the money is for: the budget year; else, when lines are dated, the workshop's
    year, unless nothing pays then: the last year named that something pays in."""
    if budget_year is not None:
        return budget_year
    if not any(line.start is not None or line.end is not None for line in lines):
        return None
    candidates = [y for y in (workshop_year, *reversed(named)) if y is not None]
    # (a line without a period belongs to whichever year is chosen)
    return next((y for y in candidates if any(line.part(y, y) for line in lines)), None)


@dataclass(frozen=True)
class _Paid:
    """The lines that pay in the plan's year, each for its part, and what each brings then."""

    year: int | None
    default: int | None  # the year a line without a period belongs to
    parts: dict[str, float]  # line id → the part of its amount that counts in `year`
    counted: list[FundingLine]  # the lines with a part
    figures: dict[str, float | None]  # counted line id → what it brings; None: not known

    def figure(self, line: FundingLine) -> float:
        return self.figures.get(line.id) or 0.0

    def sum_of(self, lines: Iterable[FundingLine]) -> Sum:
        """Their amounts for the year, as sure as each (`Sum`)."""
        return Sum.of((line.amount, line.part(self.year, self.default)) for line in lines)


def _paid_in(year: int | None, budget_year: int | None, lines: list[FundingLine]) -> _Paid:
    default = budget_year or year
    parts = {line.id: line.part(year, default) for line in lines}
    counted = [line for line in lines if parts[line.id] > 0]
    figures = {
        line.id: line.figure * parts[line.id] if line.figure is not None else None
        for line in counted
    }
    return _Paid(year, default, parts, counted, figures)


def _share(amount: float, of: float) -> float | None:
    return amount / of if of > 0 else None


def _shares(
    paid: _Paid, key: str, kinds: Iterable[str], total: float, total_sum: Sum
) -> list[Share]:
    """The year's money by family (`key` "family") or by kind of source ("source")."""
    out = []
    for kind in kinds:
        mine = [line for line in paid.counted if getattr(line, key) == kind]
        amount = sum(paid.figure(line) for line in mine)
        unknown = sum(1 for line in mine if paid.figures[line.id] is None)
        mine_sum = paid.sum_of(mine)
        ratio = mine_sum.ratio(total_sum)
        out.append(Share(kind, amount, _share(amount, total), len(mine), unknown, mine_sum, ratio))
    return out


@dataclass(frozen=True)
class _Funders:
    ranked: list[Funder]  # largest first
    base: Base  # external lines with a figure, of all external lines
    total: float  # the external lines' figures
    largest: Funder | None  # the largest from outside, when every external line has a figure


def _funders(paid: _Paid, figured: list[FundingLine]) -> _Funders:
    """The year's funders, largest first, and the largest from outside (earned income apart)."""
    funders: dict[str, tuple[float, bool, Sum]] = {}
    for line in figured:
        amount, external, so_far = funders.get(line.funder, (0.0, line.external, Sum()))
        funders[line.funder] = (amount + paid.figure(line), external, so_far + paid.sum_of([line]))
    external_lines = [line for line in paid.counted if line.external]
    external_figured = [line for line in external_lines if paid.figures[line.id] is not None]
    external_total = sum(paid.figure(line) for line in external_figured)
    external_sum = paid.sum_of(external_figured)
    ranked = [
        Funder(
            name,
            amount,
            _share(amount, external_total) if external else None,
            external,
            funder_sum.ratio(external_sum) if external else None,
        )
        for name, (amount, external, funder_sum) in sorted(
            funders.items(), key=lambda kv: -kv[1][0]
        )
    ]
    base = Base(len(external_figured), len(external_lines))
    largest = next((f for f in ranked if f.external), None)
    return _Funders(
        ranked,
        base,
        external_total,
        largest if base.complete and external_total > 0 else None,
    )


def _by_year(lines: list[FundingLine], named: list[int], paid: _Paid) -> list[YearTotal]:
    """The money of every year the lines name, when they name more than one."""
    spanned = sorted(set(named) | ({paid.year} if paid.year is not None else set()))
    if len(spanned) < 2:
        return []
    out = []
    for each in range(spanned[0], spanned[-1] + 1):
        mine = [(line, line.part(each, paid.default)) for line in lines]
        mine = [(line, part) for line, part in mine if part > 0]
        out.append(
            YearTotal(
                each,
                sum((line.figure or 0) * part for line, part in mine),
                sum(1 for line, _ in mine if line.figure is None),
                Sum.of((line.amount, part) for line, part in mine),
            )
        )
    return out


def _target(
    answers: Mapping[str, Any], by_family: list[Share], reliable: bool
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
    if reliable:  # today's shares mean something
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
