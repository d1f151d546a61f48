"""What the synthesis says about its figures, the same way in every format and in the workbook:
the key figures with what each rests on, on how many territories a count rests, where a title
is found, and how the figures are worked out (the method)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.analysis import Base
from coconstruct.language.messages import N_, msg, nmsg
from coconstruct.model.formatting import NONE, Formatter
from coconstruct.report.content.annex import method as roadmap_method
from coconstruct.report.content.material import Written
from coconstruct.report.parts import Cell, Figure, Pair, Phrase, Words, cell, together
from coconstruct.synthesis.portfolio import Portfolio, Recurring, Spread
from coconstruct.synthesis.territory import Figure as Value
from coconstruct.synthesis.territory import Territory

# the figures of the territories' tables, in order: (key, what it is called in a reason)
FIGURES = (
    ("gap", N_("scissor gap")),
    ("hybridisation", N_("hybridisation")),
    ("public_share", N_("public share")),
    ("dependency", N_("largest funder")),
    ("coverage", N_("plan coverage")),
    ("budget", N_("plan budget")),
    ("money", N_("resources identified")),
)
FIRST_WORDINGS = 6  # wordings of a group shown in the report (the workbook has them all)
NAMED = 5  # territories named beside a wording in the report (beyond: how many)


@dataclass(frozen=True)
class Wording:
    """A title as a territory wrote it, and where."""

    text: Any
    where: str


@dataclass(frozen=True)
class RecurringRow:
    label: Any
    base: Phrase  # « 3 sur 5 »
    count: int  # needs, partners, funding lines or actions
    kinds: str  # a group's domains (funders: families), with their counts; – when none
    wordings: tuple[Wording, ...]  # the first few
    more: Phrase | None  # « et 3 autres titres (voir le classeur) »

    @property
    def cells(self) -> tuple[Cell, ...]:
        """In a table of counts: the label, in how many territories, how many items."""
        return (cell(self.label), cell(self.base), cell(self.count))

    @property
    def grouped(self) -> tuple[Cell, ...]:
        """In a table of alike titles: the label, in how many territories, its kinds, and its
        titles as written, each with where."""
        titles = together(
            *(
                Phrase("{text} ({where})", {"text": w.text, "where": w.where})
                for w in self.wordings
            ),
            self.more,
            between=" · ",
        )
        return (cell(self.label), cell(self.base), cell(self.kinds), cell(titles))


@dataclass(frozen=True)
class Where:
    """The territories' names and languages, to say where something is found."""

    names: list[str]
    langs: list[str]
    lang: str  # the report's

    def names_of(self, indexes: Sequence[int]) -> str:
        joined = ", ".join(self.names[i] for i in indexes)
        used = {self.langs[i] for i in indexes}
        return written(joined, used.pop(), self.lang) if len(used) == 1 else joined


def written(text: str, written_in: str, lang: str) -> str:
    """Text typed in a workshop, marked with its language when it is not the report's."""
    return Written(text, written_in) if written_in != lang else text


def where(portfolio: Portfolio, lang: str) -> Where:
    # names and titles stay in the language they were written in, said so to screen readers
    territories = portfolio.territories
    return Where(
        [written(t.name, t.lang, lang) for t in territories], [t.lang for t in territories], lang
    )


def key_figures(portfolio: Portfolio, fmt: Formatter, lang: str) -> list[Figure]:
    """The portfolio at a glance: counts, then each figure's median with its base."""
    territories = portfolio.territories
    count = portfolio.count
    drafts = count - portfolio.final
    needs = sum(t.needs for t in territories)
    partners = sum(t.partners for t in territories)
    actions = sum(t.actions for t in territories)
    spreads = portfolio.spreads
    return [
        Figure(
            str(count),
            nmsg("territory", "territories", count, lang),
            msg("{final} final, {drafts} in draft", lang, final=portfolio.final, drafts=drafts),
        ),
        Figure(
            str(needs),
            nmsg("need identified", "needs identified", needs, lang),
            of_territories(portfolio.with_needs, count, "needs", lang),
            "needs",
        ),
        Figure(
            str(partners),
            nmsg("partner", "partners", partners, lang),
            of_territories(portfolio.with_partners, count, "partners", lang),
        ),
        Figure(
            str(actions),
            nmsg("action", "actions", actions, lang),
            of_territories(portfolio.with_actions, count, "actions", lang),
            "plan",
        ),
        _spread(
            spreads["coverage"],
            msg("of needs served by an action: median of the territories", lang),
            fmt.percent,
            "plan",
            lang,
        ),
        _spread(
            spreads["gap"],
            msg("scissor gap in points: median of the territories", lang),
            fmt.signed,
            "needs",
            lang,
        ),
        _spread(
            spreads["hybridisation"],
            msg("hybridisation index (0 to 1): median of the territories", lang),
            lambda v: fmt.number(v, 2),
            "money",
            lang,
        ),
        _spread(
            spreads["public_share"],
            msg("public money in the mix: median of the territories", lang),
            fmt.percent,
            "money",
            lang,
        ),
        _spread(
            spreads["dependency"],
            msg("of the money from outside from the largest funder: median", lang),
            fmt.percent,
            "money",
            lang,
        ),
    ]


def _spread(spread: Spread, label: str, show: Callable[[Any], str], kind: str, lang: str) -> Figure:
    """A median with what it rests on, or why it is not given."""
    base = spread.base
    given = nmsg(
        "{n} territory of {of} gives it",
        "{n} territories of {of} give it",
        base.n,
        lang,
        of=base.of,
    )
    if spread.median is None:
        if not base.n:
            return Figure(NONE, label, msg("no territory gives it", lang), kind)
        return Figure(NONE, label, msg("not enough data: {given}", lang, given=given), kind)
    spanned = msg("from {low} to {high}", lang, low=show(spread.low), high=show(spread.high))
    note = msg("{given}; {spread}", lang, given=given, spread=spanned)
    return Figure(show(spread.median), label, note, kind)


def of_territories(n: int, of: int, what: str, lang: str) -> str:
    """`in 7 territories of 9`: how many territories a count comes from."""
    if what == "funders":
        return nmsg(
            "{n} territory of {of} names a funder",
            "{n} territories of {of} name a funder",
            n,
            lang,
            of=of,
        )
    return nmsg("in {n} territory of {of}", "in {n} territories of {of}", n, lang, of=of)


def actions_with_form(base: Base, lang: str) -> str:
    return nmsg(
        "{n} action of {of} has a form of alliance",
        "{n} actions of {of} have a form of alliance",
        base.n,
        lang,
        of=base.of,
    )


def recurring(
    r: Recurring,
    at: Where,
    w: Words,
    kind_labels: dict[str, str] | None = None,
    more: Callable[[int], Phrase] | None = None,
    every: bool = False,
) -> RecurringRow:
    """A recurring need, type, funder or form as its tables print it: a group of titles is
    named by its most used wording, in the language of the territory that wrote it. The report
    shows a few wordings and names a few territories (`more` says how many wordings are left
    out); `every`: each wording with every territory named, as the workbook gives them."""
    lang = at.lang
    wordings = [
        Wording(
            written(text, at.langs[found[0]], lang),
            at.names_of(found)
            if every or len(found) <= NAMED
            else nmsg("{n} territory", "{n} territories", len(found), lang),
        )
        for text, found in r.variants
    ]
    shown = wordings if every else wordings[:FIRST_WORDINGS]
    hidden = len(wordings) - len(shown)
    return RecurringRow(
        label=wordings[0].text if wordings else r.label,
        base=w.gettext("{n} of {of}", n=len(r.territories), of=r.of),
        count=r.items,
        kinds=kinds_of(r, kind_labels or {}) or NONE,
        wordings=tuple(shown),
        more=more(hidden) if more and hidden else None,
    )


def kinds_of(r: Recurring, labels: dict[str, str]) -> str:
    """A group's domains (a funder's families), each with its count: `Social (3), Santé (1)`."""
    return ", ".join(f"{labels.get(k, k)} ({n})" for k, n in r.kinds.items())


def method(w: Words, similarity: str) -> tuple[Pair, ...]:
    """How the synthesis' figures are worked out, for its readers; the figures of each
    territory are explained by the roadmap's own method, which follows."""
    return (
        Pair(
            w.gettext("Each territory's figures"),
            w.gettext(
                "Every figure of a territory is the one its roadmap gives, worked out the same "
                "way from the same answers (see below). A dash is a figure the answers cannot "
                "carry; the tables say why under each of them. A figure is never taken as zero "
                "because it is missing."
            ),
        ),
        Pair(
            w.gettext("Medians"),
            w.gettext(
                "A figure across territories is the median of the territories that give it, "
                "with their number and the range from the lowest to the highest. It is given "
                "only when at least 3 territories, and at least half of them, give the figure; "
                "otherwise the synthesis says “not enough data”."
            ),
        ),
        Pair(
            w.gettext("Counts across territories"),
            w.gettext(
                "A need, a type of actor, a funder or a form of alliance is counted in the "
                "territories where it appears, out of those that could show it: the territories "
                "with needs, with partners, naming a funder, with actions."
            ),
        ),
        Pair(
            w.gettext("Alike titles"),
            w.gettext(
                "Need titles and funder names are compared with rapidfuzz: accents, case, "
                "punctuation and small words such as “de” or “the” aside, words in any order, "
                "two titles are alike when their similarity reaches {similarity} out of 100. The "
                "most frequent title starts a group and takes the titles alike to it, so a group "
                "never grows through a chain of small differences. Each group lists its titles "
                "as written.",
                similarity=similarity,
            ),
        ),
        Pair(
            w.gettext("Funders"),
            w.gettext(
                "Only funders from outside are counted: the project's own earned income is not "
                "a funder."
            ),
        ),
        Pair(
            w.gettext("Funding mixes"),
            w.gettext(
                "Each territory's mix is the money of its own plan's year, the year its roadmap "
                "shows; territories may therefore compare different years, which each chart "
                "says."
            ),
        ),
        *roadmap_method(w),
    )


def not_given(t: Territory, w: Words) -> tuple[Phrase, ...]:
    """Why each dash of a territory's row is one: « écart ciseau : trop peu de besoins »."""
    reasons: dict[str, list[str]] = {}
    for key, figure in FIGURES:
        value: Value = getattr(t, key)
        if not value.given and value.why:
            reasons.setdefault(value.why, []).append(msg(figure, w.lang))
    return tuple(
        w.gettext("{figures}: {why}", figures=", ".join(figures), why=why)
        for why, figures in reasons.items()
    )
