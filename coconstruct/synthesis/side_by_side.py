"""« Les territoires » and « Les mix de financement côte à côte »: the territories side by side,
a row each in two tables (every figure as text, and why each dash is one), and their funding
mixes drawn on one scale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coconstruct.language.messages import msg
from coconstruct.report.parts import Cell, Chart, Heading, Pair, Phrase, Table, Words, cell
from coconstruct.synthesis import filters
from coconstruct.synthesis.filters import Filters
from coconstruct.synthesis.mixes import MixChart
from coconstruct.synthesis.portfolio import Portfolio
from coconstruct.synthesis.territory import Territory
from coconstruct.synthesis.wording import not_given, where


@dataclass(frozen=True)
class TerritoryRow:
    """A territory on a row of both tables: its figures as text, and why each dash is one."""

    name: Any  # as written (marked with its language when not the report's)
    date: str
    status: str
    needs: int
    domains: tuple[int, ...]  # needs by domain, in the order of the columns
    gap: str
    partners: int
    types: int
    money: str
    money_year: str | None  # under the money, when it is given
    hybridisation: str
    public_share: str
    dependency: str
    largest_funder: str | None
    actions: int
    coverage: str
    budget: str
    why: tuple[Phrase, ...]  # why each dash is one: « écart ciseau : trop peu de besoins »
    keys: dict[str, str]  # its values for the HTML's filters (filters.keys)
    numbers: dict[str, str]  # what its compact cells sort by (filters.numbers)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """In « Besoins et acteurs »."""
        return (
            cell(self.name),
            cell(self.date, self.status),
            cell(self.needs),
            *map(cell, self.domains),
            *map(cell, (self.gap, self.partners, self.types)),
        )

    @property
    def money_cells(self) -> tuple[Cell, ...]:
        """In « Argent et plan d'actions »."""
        return (
            cell(self.name),
            cell(self.money, self.money_year),
            cell(self.hybridisation),
            cell(self.public_share),
            cell(self.dependency, self.largest_funder),
            *map(cell, (self.actions, self.coverage, self.budget)),
        )


@dataclass(frozen=True)
class Territories:
    head: Heading
    intro: Phrase
    actors: Table[TerritoryRow]  # needs, their domains, scissor gap, partners
    money: Table[TerritoryRow]  # money and action plan
    why_title: Phrase
    explained: tuple[TerritoryRow, ...]  # the territories with a figure not given
    filters: Filters  # the HTML's filters of both tables


@dataclass(frozen=True)
class Mix:
    """A chart of funding mixes where the section shows it (titled when there are several)."""

    title: str | None
    chart: Chart
    territories: tuple[Territory, ...]  # those it draws


@dataclass(frozen=True)
class Money:
    head: Heading
    intro: Phrase
    charts: tuple[Mix, ...]
    missing: str  # why no chart is drawn, when none is
    not_mixed_title: Phrase
    not_mixed: tuple[Pair, ...]  # territory → why its shares are not given


def territories(portfolio: Portfolio, w: Words, head: Heading) -> Territories:
    lang = w.lang
    at = where(portfolio, lang)
    domains = [(r.key, r.label) for r in portfolio.domains]
    rows = tuple(_row(t, at.names[i], domains, w) for i, t in enumerate(portfolio.territories))
    return Territories(
        head=head,
        intro=w.gettext(
            "One row per answers file. A dash is a figure the territory's answers cannot carry: "
            "why is said under each table."
        )
        if portfolio.all_versions
        else w.gettext(
            "One row per territory, its latest version. A dash is a figure the territory's "
            "answers cannot carry: why is said under each table."
        ),
        actors=Table(
            w.gettext("Needs and actors"),
            (
                w.gettext("Territory"),
                w.gettext("Workshop")
                if not any(t.documented for t in portfolio.territories)
                else w.gettext("Date"),
                w.gettext("Needs"),
                *(Phrase(label) for _, label in domains),
                w.gettext("Scissor gap"),
                w.gettext("Partners"),
                w.gettext("Types of actors"),
            ),
            rows,
        ),
        money=Table(
            w.gettext("Money and action plan"),
            (
                w.gettext("Territory"),
                w.gettext("Resources identified"),
                w.gettext("Hybridisation"),
                w.gettext("Public share"),
                w.gettext("Largest funder from outside"),
                w.gettext("Actions"),
                w.gettext("Needs served"),
                w.gettext("Action plan budget"),
            ),
            rows,
            view=lambda row: row.money_cells,
        ),
        why_title=w.gettext("Why a figure is not given"),
        explained=tuple(row for row in rows if row.why),
        filters=filters.build(portfolio.territories, portfolio.labels, w),
    )


def _row(t: Territory, name: str, domains: list[tuple[str, str]], w: Words) -> TerritoryRow:
    """A territory as the tables print it: every cell as text, and why each dash is one."""
    lang = w.lang
    return TerritoryRow(
        name=name,
        date=t.date_text,
        status=msg("final", lang) if t.status == "final" else msg("draft", lang),
        needs=t.needs,
        domains=tuple(t.domains.get(key, 0) for key, _ in domains),
        gap=t.gap.text,
        partners=t.partners,
        types=len(t.partner_types),
        money=t.money.text,
        money_year=str(t.money_year) if t.money_year and t.money.given else None,
        hybridisation=t.hybridisation.text,
        public_share=t.public_share.text,
        dependency=t.dependency.text,
        largest_funder=t.largest_funder,
        actions=t.actions,
        coverage=t.coverage.text,
        budget=t.budget.text,
        why=not_given(t, w),
        keys=filters.keys(t),
        numbers=filters.numbers(t),
    )


def money(portfolio: Portfolio, w: Words, head: Heading, charts: tuple[MixChart, ...]) -> Money:
    at = where(portfolio, w.lang)
    link = w.gettext("Data in the annex.")
    return Money(
        head=head,
        intro=w.gettext(
            "Each territory's money by family, public, private and earned, in the year of its "
            "own plan, drawn on the same scale; the year and the hybridisation index are under "
            "each bar. Shares are drawn only where the territory's roadmap gives them."
        ),
        charts=tuple(
            Mix(
                chart.title if len(charts) > 1 else None,
                Chart(chart.name, chart.text, "", link),
                chart.territories,
            )
            for chart in charts
        ),
        missing="" if charts else msg("No territory's shares of money can be given.", w.lang),
        not_mixed_title=w.gettext("Territories whose shares are not given"),
        not_mixed=tuple(
            Pair(at.names[i], t.mix_why)
            for i, t in enumerate(portfolio.territories)
            if t.mix is None
        ),
    )
