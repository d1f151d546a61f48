"""« Modèle socio-économique hybride et plan de financement »: the money of the plan's year by
family, what it rests on, the funding lines, other years, the contributions the accounts do not
show, and the action plan against the resources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.report import wording
from coconstruct.report.content.material import Item, Material
from coconstruct.report.content.plan import Total, total
from coconstruct.report.parts import (
    Below,
    Cell,
    Chart,
    Charts,
    Figure,
    Heading,
    Pair,
    Phrase,
    Table,
    cell,
    together,
)

NONE = wording.NONE


@dataclass(frozen=True)
class FamilyRow:
    label: Phrase | str
    key: str  # public, prive, revenus_activite: its colour
    lines: int
    known: str | None  # the known amounts, – when there is no amount at all
    unknown: Phrase | None  # « 2 non connus »: lines whose amount is not known
    share: str
    target: str
    change: Phrase | str  # « +13 pts »


@dataclass(frozen=True)
class MoneyTotal:
    """The last line of a table of money: « Total », the sum, its share (100 %, or – when the
    shares are not given)."""

    label: Phrase
    amount: str
    share: str
    lines: int = 0
    target: str | None = None  # the target shares added up, when a target is set


@dataclass(frozen=True)
class Families:
    """The money of the plan's year by family of money, against the target when one is set."""

    title: Phrase
    columns: tuple[Phrase, ...]
    target: bool  # the two columns of the target
    rows: tuple[FamilyRow, ...]
    unclassified: FamilyRow | None  # lines without a family
    total: MoneyTotal
    note: str  # what the shares rest on
    target_sum: Phrase | None  # said when the target shares do not add up to 100 %


@dataclass(frozen=True)
class LineRow:
    id: str
    funder: Any
    cites: Sequence[int]
    source: str | None  # the kind of source (« Mécénat »), on a line of its own
    basis: Any  # how the amount is set
    family: str
    amount: str
    year: str  # what it brings in the year, when it is spread or recurs
    period: str
    recurrence: str | None
    secured: Phrase | str
    share: str
    evidence: Phrase | None = None  # « Éléments de preuve : … », printed beside the figure

    @property
    def funder_cell(self) -> Cell:
        basis = Below(self.basis, em=True) if self.basis else None
        evidence = Below(self.evidence, em=True) if self.evidence else None
        return cell(self.funder, self.source, basis, evidence, strong=True, cites=self.cites)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """A line of the financing plan."""
        return (
            cell(self.id),
            self.funder_cell,
            cell(self.family),
            cell(self.amount, self.year),
            cell(self.period, self.recurrence),
            cell(self.secured),
            cell(self.share),
        )

    @property
    def other_year(self) -> tuple[Cell, ...]:
        """A line of « Financements d'autres années »."""
        period = cell(self.period, self.recurrence)
        return (cell(self.id), self.funder_cell, cell(self.family), cell(self.amount), period)


@dataclass(frozen=True)
class YearRow:
    year: int
    known: str
    unknown: int | str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.year), cell(self.known), cell(self.unknown))


@dataclass(frozen=True)
class Contribution:
    label: str
    estimated: Phrase | None  # « estimé à partir des heures de bénévolat »
    value: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(together(self.label, self.estimated, between=", ")), cell(self.value))


@dataclass(frozen=True)
class MoneyFigures:
    """The figures under the families, each with what it rests on (the HTML draws cards)."""

    index: Figure  # the hybridisation index
    dependency: Figure
    own_income: Figure | None
    secured: Figure | None


@dataclass(frozen=True)
class Against:
    """« Le plan d'actions face aux ressources »: its budget by year, against the money."""

    title: Phrase
    columns: tuple[Phrase, ...]
    years: tuple[Pair, ...]
    apart: tuple[Pair, ...]  # the budgets of actions that run on, or have no date
    total: Total
    coverage: Phrase | None  # the plan's need of the year against its money
    spread_note: Phrase | None


@dataclass(frozen=True)
class Model:
    head: Heading
    major: bool
    resource_model: Phrase | None  # « Modèle de ressources actuel : … »
    chart: Chart
    families: Families | None  # None: no line pays in the plan's year
    figures: MoneyFigures
    plan_title: Phrase | str  # « Plan de financement 2027 »
    lines: Table[LineRow]
    lines_total: MoneyTotal
    no_line: Phrase  # why there is no financing plan (no line, or none for that year)
    other_years: Table[LineRow]
    by_year: Table[YearRow]
    by_year_note: Phrase
    contributions: Table[Contribution]  # shown when one is given
    valued: Phrase | None  # their share of all resources
    against: Against | None  # when the plan has budgets


def model(m: Material, head: Heading, charts: Charts) -> Model:
    w, fmt, money, plan = m.words, m.fmt, m.analysis.money, m.analysis.plan
    funding = m.items["funding"]
    resource_model = m.answers.get("resource_model")
    counted = [line for line in funding if line["counted"]]
    figured = sorted(
        (line for line in counted if line["figure"] is not None), key=lambda line: -line["figure"]
    )
    share_of_all = fmt.percent(1) if money.mix_reliable else NONE
    return Model(
        head=head,
        major=bool(funding),
        resource_model=w.gettext(
            "Today's resource model: {model}.", model=m.labels["resource_model"][resource_model]
        )
        if resource_model
        else None,
        chart=charts.get("money"),
        families=_families(m) if money.counted else None,
        figures=_figures(m),
        plan_title=w.join(w.gettext("Financing plan"), str(money.year) if money.year else None),
        lines=Table(
            "",
            (
                w.gettext("Funder"),
                w.gettext("Family"),
                w.gettext("Amount"),
                w.gettext("Period"),
                w.gettext("Secured"),
                w.gettext("Share"),
            ),
            tuple(_line(m, line) for line in figured)
            + tuple(_line(m, line, figured=False) for line in counted if line["figure"] is None),
        ),
        lines_total=MoneyTotal(w.gettext("Total"), wording.money_total(money, fmt), share_of_all),
        no_line=w.gettext("No funding line pays in {year}.", year=money.year)
        if funding
        else w.gettext("No funding recorded yet."),
        other_years=Table(
            w.gettext("Funding of other years or of a year not known")
            if any(line.undated for line in money.other_years)
            else w.gettext("Funding of other years"),
            (w.gettext("Funder"), w.gettext("Family"), w.gettext("Amount"), w.gettext("Period")),
            tuple(_line(m, line, figured=False) for line in funding if not line["counted"])
            if money.other_years
            else (),
            view=lambda line: line.other_year,
        ),
        by_year=Table(
            w.gettext("Money by year"),
            (w.gettext("Year"), w.gettext("Known amounts"), w.gettext("Amounts not known")),
            tuple(YearRow(y.year, fmt.total(y.sum), y.unknown or NONE) for y in money.by_year),
        ),
        by_year_note=w.gettext(
            "Lines that recur count every year of their period; a one-off amount over several "
            "years counts for an equal share of each."
        ),
        contributions=_contributions(m),
        valued=w.gettext(
            "Valued contributions: {share} of all resources.", share=fmt.ratio(money.valued_ratio)
        )
        if money.valued_share is not None and money.valued_contributions and money.base.complete
        else None,
        against=_against(m)
        if plan.budget_by_year or plan.budget_open or plan.budget_undated
        else None,
    )


def _families(m: Material) -> Families:
    w, fmt, money = m.words, m.fmt, m.analysis.money
    names = m.labels.get("funding.family", {})
    target = bool(money.target)
    columns = [
        w.gettext("Family of money"),
        w.gettext("Lines"),
        w.gettext("Amount"),
        w.gettext("Share"),
    ]
    if target:
        columns += [
            w.gettext("Target {year}", year=money.target_year or ""),
            w.gettext("Change"),
        ]

    def gap_points(gap: float | None) -> Phrase | str:
        """« +8 pts », « −1 pt », « 0 pt » (« 0 pts » in English): the count agrees."""
        if gap is None:
            return NONE
        points = abs(round(gap))
        return w.ngettext("{points} pt", "{points} pts", points, points=fmt.signed(gap))

    def not_known(count: int) -> Phrase | None:
        return w.ngettext("{n} not known", "{n} not known", count) if count else None

    rows = tuple(
        FamilyRow(
            label=names[f.key],
            key=f.key,
            lines=f.lines,
            known=fmt.total(f.sum.known()) if f.amount else None if f.unknown else NONE,
            unknown=not_known(f.unknown),
            share=fmt.ratio(f.ratio) if money.mix_reliable else NONE,
            target=fmt.percent_as_given(money.target.get(f.key)) if money.target else "",
            change=gap_points(money.target_gap.get(f.key)) if money.target_gap else NONE,
        )
        for f in money.by_family
    )
    unclassified = (
        FamilyRow(
            w.gettext("No family"),
            "",
            len(money.unclassified),
            fmt.total(money.unclassified_sum.known()),
            None,
            NONE,
            "",
            "",
        )
        if money.unclassified
        else None
    )
    target_sum = money.target_sum
    return Families(
        title=w.gettext("The money of {year}", year=money.year)
        if money.year
        else w.gettext("The money identified"),
        columns=tuple(columns),
        target=target,
        rows=rows,
        unclassified=unclassified,
        total=MoneyTotal(
            w.gettext("Total"),
            wording.money_total(money, fmt),
            fmt.percent(1) if money.mix_reliable else NONE,
            len(money.counted),
            fmt.percent_as_given(target_sum / 100) if target and target_sum is not None else None,
        ),
        note=wording.money_note(money, fmt, m.lang),
        target_sum=w.gettext(
            "The target shares add up to {sum}, not 100%: check them.",
            sum=fmt.percent_as_given(target_sum / 100),
        )
        if target_sum is not None and abs(target_sum - 100) >= 0.5
        else None,
    )


def _figures(m: Material) -> MoneyFigures:
    w, fmt, money, lang = m.words, m.fmt, m.analysis.money, m.lang
    reason = wording.mix_reason(money, lang)
    index_note: Phrase | str = (
        w.gettext("not given: {reason}", reason=reason)
        if money.hybridisation is None and reason
        else wording.hybridisation_note(money, fmt, lang)
    )
    complete = money.base.complete
    return MoneyFigures(
        index=Figure(
            wording.hybridisation(money, fmt) if money.hybridisation is not None else NONE,
            w.gettext("hybridisation index"),
            index_note,
            "money",
        ),
        dependency=wording.dependency_figure(money, fmt, lang),
        own_income=Figure(
            fmt.total(money.own_income_sum, True),
            w.gettext("earned income, the project's own"),
            w.gettext("{share} of the money", share=fmt.ratio(money.own_income_ratio))
            if complete
            else "",
            "money",
        )
        if money.own_income
        else None,
        secured=Figure(
            fmt.total(money.secured_sum, True),
            w.gettext("secured"),
            w.gettext("{share} of the money", share=fmt.ratio(money.secured_ratio))
            if complete
            else w.gettext("{share} of the known amounts", share=fmt.ratio(money.secured_ratio)),
            "money",
        )
        if money.secured_share is not None
        else None,
    )


def _line(m: Material, line: Item, figured: bool = True) -> LineRow:
    w = m.words
    secured = line.get("secured")
    return LineRow(
        id=line["id"],
        funder=line["funder"],
        cites=line["cites"],
        source=line.get("source_label"),
        basis=line.get("basis"),
        family=line.get("family_label") or NONE,
        amount=line["amount_text"],
        year=line["year_text"] if figured else "",
        period=line["period_text"],
        recurrence=line.get("recurrence_label"),
        secured=w.gettext("yes")
        if secured is True
        else w.gettext("no")
        if secured is False
        else NONE,
        share=m.fmt.ratio(line["share"]) if figured else NONE,
        evidence=w.gettext("Evidence: {text}", text=" ".join(str(line["evidence"]).split()))
        if line.get("evidence")
        else None,
    )


def _contributions(m: Material) -> Table[Contribution]:
    w, fmt, money = m.words, m.fmt, m.analysis.money
    given = money.volunteering_value is not None or money.in_kind_value is not None
    return Table(
        w.gettext("Contributions that the accounts do not show"),
        (),
        (
            Contribution(
                m.questions["volunteering_value"],
                w.gettext("estimated from the volunteering hours")
                if money.volunteering_estimated
                else None,
                fmt.money(money.volunteering_value),
            ),
            Contribution(m.questions["in_kind_value"], None, fmt.money(money.in_kind_value)),
        )
        if given
        else (),
    )


def _against(m: Material) -> Against:
    w, fmt, plan, money = m.words, m.fmt, m.analysis.plan, m.analysis.money
    apart = []
    if plan.budget_open:
        apart.append(
            Pair(w.gettext("Actions without an end date"), fmt.total(plan.budget_open_sum))
        )
    if plan.budget_undated:
        apart.append(Pair(w.gettext("Undated actions"), fmt.total(plan.budget_undated_sum)))
    year_need = fmt.total(plan.budget_by_year_sum.get(money.year)) if money.year else NONE
    coverage = None
    if plan.year_coverage is not None:
        coverage = w.gettext(
            "In {year} the action plan needs {need}; the resources identified for that year "
            "amount to {money}, {ratio} times that need.",
            year=money.year,
            need=year_need,
            money=fmt.total(money.sum),
            ratio=fmt.factor(plan.year_coverage),
        )
    elif plan.year_budget:
        coverage = w.gettext(
            "In {year} the dated actions need {need}. The plan and the money of that year are "
            "not compared: some budgets or amounts are not known, or some actions have no end.",
            year=money.year,
            need=year_need,
        )
    return Against(
        title=w.gettext("The action plan against the resources"),
        columns=(w.gettext("Year"), w.gettext("Action plan budget")),
        years=tuple(
            Pair(str(year), fmt.total(amount)) for year, amount in plan.budget_by_year_sum.items()
        ),
        apart=tuple(apart),
        total=total(m),
        coverage=coverage,
        spread_note=w.gettext(
            "Each action's budget is spread evenly over its days, from start to end."
        )
        if plan.budget_by_year
        else None,
    )
