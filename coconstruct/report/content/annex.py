"""The annexes: « Points ouverts et engagements » (what is still open, how complete the answers
are, what partners committed) and « Sources, méthode et données » (the documents cited, how every
figure is worked out, the data behind every chart)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from coconstruct.model.dates import is_unknown
from coconstruct.report import wording
from coconstruct.report.chart_texts import ChartText
from coconstruct.report.content.front import no_document
from coconstruct.report.content.material import Material
from coconstruct.report.parts import Cell, Heading, Pair, Phrase, Table, Words, cell, together

NONE = wording.NONE


@dataclass(frozen=True)
class OpenItem:
    id: str  # the item's code (N3, A5, F11), "" for a question
    title: Any  # the item's title, or the question
    why: Phrase

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(together(self.id, self.title, between=" · ")), cell(self.why))


@dataclass(frozen=True)
class CompletenessRow:
    section: Phrase | str
    answered: str  # `12 / 14`
    share: str
    gauge: float | None  # the share in %, for the bar beside it

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            cell(self.section),
            cell(self.answered),
            replace(cell(self.share), gauge=self.gauge),
        )


@dataclass(frozen=True)
class CommitmentRow:
    id: str
    name: Any
    contribution: Any
    contact: Any

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            cell(self.id),
            cell(self.name, strong=True),
            cell(self.contribution),
            cell(self.contact),
        )


@dataclass(frozen=True)
class Annex:
    head: Heading
    open_items: Table[OpenItem]
    completeness: Table[CompletenessRow]
    total: CompletenessRow
    commitments: Table[CommitmentRow]  # shown when a partner says what it brings


@dataclass(frozen=True)
class Source:
    number: int
    title: Any
    publisher: Any
    date: str
    url: str | None  # an address has no language: never marked as one
    linked: bool  # a web address, made a link
    note: Any


@dataclass(frozen=True)
class Sources:
    head: Heading
    sources_title: Phrase
    sources: tuple[Source, ...]
    no_source: Phrase
    method_title: Phrase
    method: tuple[Pair, ...]  # how each figure is worked out: (title, text)
    charts_title: Phrase
    charts: tuple[ChartText, ...]  # the data of every chart drawn


def annex(m: Material, head: Heading) -> Annex:
    w, fmt, a = m.words, m.fmt, m.analysis
    c = a.completeness
    return Annex(
        head=head,
        open_items=Table(
            w.gettext("Open items"),
            (w.gettext("Item"), w.gettext("Why it is open")),
            _open_items(m),
            w.gettext("No open item: every question that applies has an answer."),
        ),
        completeness=Table(
            w.gettext("Completeness of the answers")
            if m.workshop_held
            else w.gettext("Data entered"),
            (
                w.gettext("Section"),
                w.gettext("Answered") if m.workshop_held else w.gettext("Entered"),
                w.gettext("Share"),
            ),
            tuple(
                CompletenessRow(
                    m.section_titles[s.section],
                    f"{s.answered} / {s.applicable}",
                    fmt.percent(s.answered / s.applicable) if s.applicable else NONE,
                    100 * s.answered / s.applicable if s.applicable else None,
                )
                for s in c.sections
            ),
        ),
        total=CompletenessRow(
            w.gettext("Total"), f"{c.answered} / {c.applicable}", fmt.percent(c.ratio), None
        ),
        commitments=Table(
            w.gettext("Partners' commitments"),
            (w.gettext("Partner"), w.gettext("Contribution"), w.gettext("Contact")),
            tuple(
                CommitmentRow(
                    p["id"], p["name"], p.get("contribution") or NONE, p.get("contact") or NONE
                )
                for p in m.items["partners"]
            )
            if any(p.get("contribution") for p in m.items["partners"])
            else (),
        ),
    )


def _open_items(m: Material) -> tuple[OpenItem, ...]:
    """The analysis' open points (`show` lists the same), each with its title and why."""
    w = m.words
    why = {
        "deferred": w.gettext("marked “to review” during the workshop")
        if m.workshop_held
        else w.gettext("marked “to review”"),
        "missing": w.gettext("required answer missing"),
        "need_gap": w.gettext("need without a partner or an action"),
        "no_lead": w.gettext("action without a lead"),
        "no_budget": w.gettext("action without a budget"),
        "unknown_amount": w.gettext("amount not known"),
    }
    funders = {line.id: line.funder for line in m.analysis.money.unknown_lines}
    out = []
    for point in m.analysis.open_points:
        if not point.on_item:
            out.append(OpenItem("", m.questions.get(point.path, point.path), why[point.kind]))
        elif point.kind == "unknown_amount":
            out.append(OpenItem(point.path, funders[point.path], why[point.kind]))
        else:
            out.append(OpenItem(point.path, m.title(point.path), why[point.kind]))
    return tuple(out)


def sources(m: Material, head: Heading, charts: Mapping[str, ChartText]) -> Sources:
    w, fmt = m.words, m.fmt
    return Sources(
        head=head,
        sources_title=w.gettext("Sources"),
        sources=tuple(
            Source(
                number,
                source["title"],
                source.get("publisher"),
                fmt.date(source["date"], "medium") if source.get("date") else "",
                str(source["url"]) if source.get("url") else None,
                str(source.get("url") or "").startswith(("https://", "http://")),
                source.get("note"),
            )
            for number, source in enumerate(m.items["sources"], 1)
        ),
        no_source=no_document(m),
        method_title=w.gettext("Method"),
        method=method(
            w,
            workshop=m.workshop_held,
            undated=any(line.undated for line in m.analysis.money.lines)
            or any(i.undated for i in m.analysis.results.indicators)
            or any(is_unknown(a.get("start")) for a in m.items["actions"]),
            rules=any(line.by_rule for line in m.analysis.money.lines),
        ),
        charts_title=w.gettext("The data of the charts"),
        charts=tuple(charts.values()),
    )


def method(
    w: Words, workshop: bool = True, undated: bool = False, rules: bool = False
) -> tuple[Pair, ...]:
    """How the roadmap's figures are worked out, for its readers: the formulas of
    coconstruct/analysis (docs/analysis.md says the same at more length). `workshop`: a
    workshop was held (a documented site has no vote and no workshop to count from); `undated`,
    `rules`: the roadmap holds facts whose date is not known, amounts by rule."""
    vote = (
        Pair(
            w.gettext("The room's dot vote"),
            w.gettext(
                "Each need's dots, as the room placed them in its vote; a need's share is its "
                "dots divided by all the dots placed. A need added after the vote has no count "
                "and is left out. The need the room put first is named only when at least 3 "
                "people voted, at least half of the dots offered were placed, and one need is "
                "ahead of all the others."
            ),
        ),
    )
    budgets = (
        w.gettext(
            "An action's budget is spread evenly over the days from its start to its end. "
            "Budgets of actions that run on, or have no date, are shown apart; the horizon "
            "of a dated action follows from its dates, counted from the workshop: within a "
            "year, within three years, beyond."
        )
        if workshop
        else w.gettext(
            "An action's budget is spread evenly over the days from its start to its end. "
            "Budgets of actions that run on, or have no date, are shown apart; the horizon "
            "of a dated action follows from its dates, counted from the date the data is up "
            "to date as of: within a year, within three years, beyond."
        )
    )
    return (
        Pair(
            w.gettext("Pressure of a need"),
            w.gettext(
                "The mean of its priority and its urgency, each from 1 to 5, brought to a scale "
                "of 0 to 100. A need without both has no pressure: it is left out of every mean "
                "and never named the most pressing."
            ),
        ),
        Pair(
            w.gettext("Availability of a resource"),
            w.gettext(
                "Its availability from 1 (very scarce) to 5 (abundant), brought to a scale of 0 "
                "to 100; the tension is 100 minus the availability."
            ),
        ),
        Pair(
            w.gettext("Scissor gap"),
            w.gettext(
                "The mean pressure of the needs minus the mean availability of the resources. It "
                "is given only when at least 3 needs and 3 resources, and at least half of each, "
                "have the answers it takes; otherwise the roadmap says “not enough data”. The "
                "same rule applies to the trends, the shares of money and the index below."
            ),
        ),
        *(vote if workshop else ()),
        *(
            ()
            if workshop
            else (
                Pair(
                    w.gettext("A site documented from sources"),
                    w.gettext(
                        "No workshop was held: the answers come from the sources listed in the "
                        "annex, up to the date the data is up to date as of. The data entered "
                        "counts the questions answered from them; a missing answer reads “not "
                        "entered”, and nothing is said of a room, a vote or participants."
                    ),
                ),
            )
        ),
        Pair(
            w.gettext("Approximate answers"),
            w.gettext(
                "Dates may be a year, a quarter or a month. Amounts may be exact, estimated (≈), "
                "a range (counted at its middle), a floor (counted at the floor) or not known: "
                "an amount not known is named in every table and never counted as zero. A sum of "
                "amounts is exact only when each of them is; it reads ≈ (rounded) when one is an "
                "estimate or a range, ≥ when one is a floor or not known, “≈ … or more” when "
                "both; a total is always the sum of its rows, and a share computed from "
                "approximate amounts reads ≈."
            ),
        ),
        *(
            (
                Pair(
                    w.gettext("Undated facts"),
                    w.gettext(
                        "A date may be said not known: such a fact is shown where it belongs, "
                        "with “date not known” or “year not known”, and is never placed on a "
                        "time axis, counted in a year's money or used for a progress or a trend. "
                        "A funding line whose year is not known stays out of every year's plan "
                        "and key figures; on a site documented from sources, a line without a "
                        "period is such a line."
                    ),
                ),
            )
            if undated
            else ()
        ),
        *(
            (
                Pair(
                    w.gettext("Amounts by rule"),
                    w.gettext(
                        "When a funding line gives a rule (an amount per unit and per year, and "
                        "a number of units) and no amount, its amount is the rule's estimate, "
                        "said ≈ with the rule beside it; a known amount always wins over the "
                        "rule."
                    ),
                ),
            )
            if rules
            else ()
        ),
        Pair(
            w.gettext("The money of a year"),
            w.gettext(
                "A funding line counts in the years it pays: every year of its period when it "
                "recurs, its own year otherwise; a one-off amount over several years counts for "
                "an equal share of each. Lines without a period belong to the budget year."
            ),
        ),
        Pair(
            w.gettext("Shares and hybridisation index"),
            w.gettext(
                "The share of each family of money (public, private, earned income) is computed "
                "on the lines whose amount is known, and only when enough are known, every line "
                "has a family and no family is known only by amounts not known. The index is 1 "
                "minus the Herfindahl index of these shares, normalised: 0 when one family "
                "brings everything, 1 when the three are equal."
            ),
        ),
        Pair(
            w.gettext("Dependency"),
            w.gettext(
                "The share of the money from outside brought by the largest funder; earned "
                "income, the project's own, is apart. It is given only when every funder's "
                "amount is known."
            ),
        ),
        Pair(w.gettext("Budgets over time"), budgets),
        Pair(
            w.gettext("Results"),
            w.gettext(
                "The progress of an indicator is how far its latest measure has come from the "
                "baseline towards the target; it is given only from exact or estimated figures."
            ),
        ),
        Pair(
            w.gettext("Risks"),
            w.gettext(
                "Score = likelihood × impact, from 1 to 25; 15 and above is high, 8 to 14 medium."
            ),
        ),
    )
