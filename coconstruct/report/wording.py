"""What the roadmap says about its own figures, the same way in every format: the key figures of
the summary with what each rests on, and why a figure is not given when the data cannot carry it.

Real sites are documented partially: a figure resting on too few answers is no conclusion
(`analysis.Base.sufficient`), an unknown amount is never 0 €, a sum with unknowns is a floor
(`≥`). Templates print these sentences; they do not work them out again.
"""

from __future__ import annotations

from typing import Any

from coconstruct.analysis import Analysis, Base, DotVote, Money, Span
from coconstruct.language.messages import N_, msg, nmsg
from coconstruct.model.amounts import Sum
from coconstruct.model.formatting import Formatter
from coconstruct.report.parts import Figure

NONE = "–"


def key_figures(result: Analysis, fmt: Formatter, lang: str) -> list[Figure]:
    s, plan, money, partners = result.scissors, result.plan, result.money, result.partners
    needs = s.pressure_base.of
    out = [
        Figure(
            str(needs),
            nmsg("need identified", "needs identified", needs, lang),
            _rising(s.needs_rising, s.needs_trend_base, lang),
            "needs",
        ),
        Figure(
            fmt.signed(s.gap) if s.gap is not None else NONE,
            msg(
                "scissor gap: pressure of needs minus availability of resources, in points "
                "out of 100",
                lang,
            ),
            scissors_note(result, lang),
            "needs",
        ),
        Figure(
            str(partners.count),
            nmsg("partner", "partners", partners.count, lang),
            nmsg(
                "{n} type of actor",
                "{n} types of actors",
                len(partners.types_present),
                lang,
            )
            if partners.count
            else "",
        ),
        Figure(
            str(plan.count),
            nmsg("action", "actions", plan.count, lang),
            ", ".join(
                part
                for part in (
                    msg("{share} of needs served", lang, share=fmt.percent(plan.coverage)),
                    dropped(result, lang, short=True),
                )
                if part
            )
            if plan.coverage is not None and plan.count
            else "",
            "plan",
        ),
        Figure(
            plan_budget(result, fmt, compact=True),
            msg("budget of the action plan", lang),
            _plan_note(result, lang),
            "plan",
        ),
        Figure(
            money_total(money, fmt, compact=True) if money.counted else NONE,
            msg("resources identified for {year}", lang, year=money.year)
            if money.year is not None
            else msg("resources identified", lang),
            _money_note(money, fmt, lang),
            "money",
        ),
        Figure(
            hybridisation(money, fmt),
            msg("hybridisation index (0 = one family of money, 1 = balanced)", lang),
            hybridisation_note(money, fmt, lang)
            if money.hybridisation is not None
            else mix_reason(money, lang) or "",
            "money",
        ),
        dependency_figure(money, fmt, lang),
    ]
    return out


def hybridisation(money: Money, fmt: Formatter) -> str:
    """The index as sure as the shares it comes from: `≈ 0,65` when they rest on an estimate,
    a range or a floor."""
    if money.hybridisation is None:
        return NONE
    shown = fmt.number(money.hybridisation, 2)
    return "≈\u00a0" + shown if money.shares_approximate else shown


def hybridisation_note(money: Money, fmt: Formatter, lang: str) -> str:
    """On what the index rests, as every key figure says (`on 4 of 5 lines`), and its target."""
    parts = []
    if not money.base.complete:
        parts.append(
            nmsg(
                "on the {n} line with a known amount, of {of}",
                "on the {n} lines with a known amount, of {of}",
                money.base.n,
                lang,
                of=money.base.of,
            )
        )
    if money.target_hybridisation is not None:
        parts.append(msg("target {value}", lang, value=fmt.number(money.target_hybridisation, 2)))
    return ", ".join(parts)


def dropped(result: Analysis, lang: str, total: bool = False, short: bool = False) -> str:
    """The abandoned or suspended actions, named where the plan is counted: they serve no need
    and their budget is in no total (they stay in the action table, with their status)."""
    ids = result.plan.dropped
    if not ids:
        return ""
    names = ", ".join(ids)
    if total:
        return nmsg(
            "{names} abandoned or suspended, left out of the total",
            "{names} abandoned or suspended, left out of the total",
            len(ids),
            lang,
            names=names,
        )
    if short:
        return nmsg(
            "{names} abandoned or suspended, left out",
            "{names} abandoned or suspended, left out",
            len(ids),
            lang,
            names=names,
        )
    return nmsg(
        "The abandoned or suspended action {names} is counted as serving no need.",
        "The abandoned or suspended actions {names} are counted as serving no need.",
        len(ids),
        lang,
        names=names,
    )


def alliance_form_base(result: Analysis, lang: str) -> str:
    """Under the forms of alliance: on how many partners and actions the counts rest."""
    partners = result.partners
    return msg(
        "Form of alliance given: partners, {n} of {of}; actions, {an} of {aof}. "
        "The others are counted in no row.",
        lang,
        n=partners.alliance_form_base.n,
        of=partners.alliance_form_base.of,
        an=partners.action_alliance_form_base.n,
        aof=partners.action_alliance_form_base.of,
    )


def dependency_figure(money: Money, fmt: Formatter, lang: str) -> Figure:
    largest = money.largest_external
    if largest is not None:
        return Figure(
            fmt.ratio(largest.ratio),
            msg("of the money from outside comes from {funder}", lang, funder=largest.name),
            msg("the largest funder; earned income apart", lang),
            "money",
        )
    return Figure(
        NONE,
        msg("of the money from outside from the largest funder", lang),
        dependency_reason(money, lang) or "",
        "money",
    )


def money_total(money: Money, fmt: Formatter, compact: bool = False) -> str:
    """The year's money as sure as it is: `1 320 000 €`, `≈ 1,3 M€`, `≥ 280 000 €`."""
    if not money.base.n:
        return NONE
    return fmt.total(money.sum, compact=compact)


def plan_budget(result: Analysis, fmt: Formatter, compact: bool = False) -> str:
    """The action plan's budget: `≥` when some action has no budget (or an unknown one)."""
    plan = result.plan
    if not plan.budget_base.n:
        return NONE
    return fmt.total(plan.budget_sum, compact)


def scissors_note(result: Analysis, lang: str) -> str:
    """On what the scissor gap rests, or why it is not given."""
    s = result.scissors
    if not s.pressure_base.of and not s.availability_base.of:
        return ""
    words = counted(
        s.pressure_base,
        s.availability_base,
        N_("a priority and an urgency for {n} of {of} needs"),
        N_("an availability for {n} of {of} resources"),
        lang,
    )
    if s.gap is None:
        return msg("not enough data: {what}", lang, what=words)
    if s.pressure_base.complete and s.availability_base.complete:
        return ""
    return msg("on {what}", lang, what=words)


def trend_note(result: Analysis, lang: str) -> str | None:
    """Whether the scissors are opening cannot be said: why (None when it can, or no data)."""
    s = result.scissors
    if s.opening is not None or not (s.needs_trend_base.of or s.resources_trend_base.of):
        return None
    known = counted(
        s.needs_trend_base,
        s.resources_trend_base,
        N_("a trend for {n} of {of} needs"),
        N_("a trend for {n} of {of} resources"),
        lang,
    )
    return msg(
        "Not enough data to say whether the scissors are opening: {known}.", lang, known=known
    )


def counted(needs: Base, resources: Base, of_needs: str, of_resources: str, lang: str) -> str:
    """`a trend for 1 of 5 needs, no resource recorded`: what a scissor figure could rest on."""
    parts = [
        msg(of_needs, lang, n=needs.n, of=needs.of) if needs.of else msg("no need recorded", lang),
        msg(of_resources, lang, n=resources.n, of=resources.of)
        if resources.of
        else msg("no resource recorded", lang),
    ]
    return ", ".join(parts)


def mix_reason(money: Money, lang: str) -> str | None:
    """Why the shares of the families of money are not given (None when they are)."""
    if money.mix_reliable or not money.lines:
        return None
    if not money.counted:
        return msg("no funding line for {year}", lang, year=money.year)
    if not money.base.sufficient:
        return nmsg(
            "not enough known amounts: {n} line of {of} has one",
            "not enough known amounts: {n} lines of {of} have one",
            money.base.n,
            lang,
            of=money.base.of,
        )
    if money.unclassified:
        return nmsg(
            "{n} funding line has no family",
            "{n} funding lines have no family",
            len(money.unclassified),
            lang,
        )
    hidden = [s.key for s in money.by_family if s.lines and not s.amount]
    return nmsg(
        "a family of money is known only by amounts not known: {names}",
        "families of money are known only by amounts not known: {names}",
        len(hidden),
        lang,
        names=", ".join(line.funder for line in money.unknown_lines if line.family in hidden),
    )


def dependency_reason(money: Money, lang: str) -> str | None:
    """Why the share of the largest external funder is not given (None when it is)."""
    if money.largest_external is not None or not money.counted:
        return None
    unknown = [line.funder for line in money.unknown_lines if line.external]
    if unknown:
        return nmsg(
            "amount not known for {names}",
            "amounts not known for {names}",
            len(unknown),
            lang,
            names=", ".join(unknown),
        )
    return msg("no funder from outside", lang)


def base_note(base: Base, lang: str) -> str:
    """`2 of 3`: the base of a figure in a table cell, when it is not every item."""
    return "" if base.complete or not base.of else msg("{n} of {of}", lang, n=base.n, of=base.of)


def money_note(money: Money, fmt: Formatter, lang: str) -> str:
    """Under the table of the families of money: on what the shares rest."""
    parts = []
    if money.unknown_lines:
        parts.append(
            nmsg(
                "Amount not known for {n} line, counted in no total: {names}.",
                "Amounts not known for {n} lines, counted in no total: {names}.",
                len(money.unknown_lines),
                lang,
                names=", ".join(line.funder for line in money.unknown_lines),
            )
        )
    if money.spread:
        amounts = {line.id: line.amount for line in money.lines}
        each = [
            msg(
                "{id}: {part} of {amount}",
                lang,
                id=line_id,
                part=fmt.total(Sum.one(amounts.get(line_id), part)),
                amount=fmt.total(Sum.one(amounts.get(line_id))),
            )
            for line_id, part in money.spread.items()
        ]
        parts.append(
            msg(
                "One-off amounts over several years count for their share of {year}: {lines}.",
                lang,
                year=money.year,
                lines=", ".join(each),
            )
        )
    if money.approximate:
        parts.append(
            msg(
                "Some amounts are estimates, ranges (counted at their middle) or floors "
                "(counted at their floor).",
                lang,
            )
        )
    reason = mix_reason(money, lang)
    if reason:
        parts.append(msg("Shares are not given: {reason}.", lang, reason=reason))
    return " ".join(parts)


def _rising(rising: int, base: Base, lang: str) -> str:
    if not base.n:
        return ""
    if base.complete:
        return msg("{n} rising", lang, n=rising)
    return msg("{n} rising, of the {known} whose trend is known", lang, n=rising, known=base.n)


def _plan_note(result: Analysis, lang: str) -> str:
    plan = result.plan
    parts = []
    if plan.first_start is not None:
        if plan.last_end is not None and plan.last_end.year != plan.first_start.year:
            parts.append(f"{plan.first_start.year}–{plan.last_end.year}")
        elif plan.last_end is not None:
            parts.append(str(plan.first_start.year))
        else:
            parts.append(msg("from {year}", lang, year=plan.first_start.year))
    if plan.count and not plan.budget_base.complete:
        parts.append(
            nmsg(
                "{n} action of {of} has a budget",
                "{n} actions of {of} have a budget",
                plan.budget_base.n,
                lang,
                of=plan.budget_base.of,
            )
        )
    parts.append(dropped(result, lang, short=True))
    return ", ".join(part for part in parts if part)


def _money_note(money: Money, fmt: Formatter, lang: str) -> str:
    parts = []
    if money.unknown_lines:
        parts.append(
            nmsg(
                "amount not known for {n} line",
                "amounts not known for {n} lines",
                len(money.unknown_lines),
                lang,
            )
        )
    if money.secured_share is not None:
        share = fmt.ratio(money.secured_ratio)
        parts.append(
            msg("{share} secured", lang, share=share)
            if money.base.complete
            else msg("{share} of the known amounts secured", lang, share=share)
        )
    return ", ".join(parts)


def vote_base(vote: DotVote, fmt: Formatter, lang: str) -> str:
    """What the room's vote rests on, as one sentence without its full stop: `Vote of 19
    November 2026: 38 voters, 190 dots placed of the 190 offered (5 each), 12 needs voted on`."""
    parts = []
    if vote.voters is not None:
        parts.append(nmsg("{n} voter", "{n} voters", vote.voters, lang))
    else:
        parts.append(msg("number of voters not known", lang))
    if vote.offered is not None:
        parts.append(
            nmsg(
                "{n} dot placed of the {offered} offered ({each} each)",
                "{n} dots placed of the {offered} offered ({each} each)",
                vote.placed,
                lang,
                offered=fmt.number(vote.offered),
                each=vote.dots_each,
            )
        )
    else:
        parts.append(nmsg("{n} dot placed", "{n} dots placed", vote.placed, lang))
    if vote.counted.complete:
        parts.append(nmsg("{n} need voted on", "{n} needs voted on", vote.counted.n, lang))
    else:
        parts.append(
            nmsg(
                "{n} need of {of} voted on (no count for {ids})",
                "{n} needs of {of} voted on (no count for {ids})",
                vote.counted.n,
                lang,
                of=vote.counted.of,
                ids=", ".join(vote.uncounted),
            )
        )
    words = ", ".join(parts)
    if vote.date is None:
        return msg("Vote of an unknown date: {words}", lang, words=words)
    date = fmt.date(vote.date.stored())
    if vote.date.precision == "day":
        return msg("Vote of {date}: {words}", lang, date=date, words=words)
    return msg("Vote held in {date}: {words}", lang, date=date, words=words)  # a month, a year


def period(fmt: Formatter, start: Any, end: Any, lang: str) -> str:
    """`2017`, `2017 – 2018`, `depuis 2017`, as said; `–` when there is neither."""
    if start is None and end is None:
        return NONE
    if end is None:
        return msg("from {start}", lang, start=fmt.date(start, "medium"))
    if start is None:
        return msg("until {end}", lang, end=fmt.date(end, "medium"))
    first, last = fmt.date(start, "medium"), fmt.date(end, "medium")
    return first if first == last else f"{first} – {last}"


def span_text(span: Span | None, fmt: Formatter, lang: str) -> str:
    """An action's dates: `2016 – mars 2017`, `2017 – en cours` (in progress), `à partir de
    2022` (not started), `T2 2021 – fin non connue` (done, stopped or of no status)."""
    if span is None:
        return msg("no date", lang)
    if span.end is None:
        words = (
            N_("{start} – ongoing")
            if span.runs_on
            else N_("starting {start}")
            if span.not_started
            else N_("{start} – end not known")
        )
        return msg(words, lang, start=fmt.date(span.start.stored(), "medium"))
    return period(fmt, span.start.stored(), span.end.stored(), lang)


def end_text(span: Span, fmt: Formatter, lang: str) -> str:
    """An action's end alone: its date, `en cours`, `à lancer` or `fin non connue`."""
    if span.end is not None:
        return fmt.date(span.end.stored(), "medium")
    return msg(open_end(span), lang)


def open_end(span: Span) -> str:
    """What an action without an end date is, by its status (an untranslated message)."""
    return (
        N_("ongoing")
        if span.runs_on
        else N_("to be launched")
        if span.not_started
        else N_("end not known")
    )


def quadrant_names(lang: str) -> dict[str, str]:
    """The stakeholder grid's quadrants, by key."""
    return {
        "manage_closely": msg("Manage closely", lang),
        "keep_satisfied": msg("Keep satisfied", lang),
        "keep_informed": msg("Keep informed", lang),
        "monitor": msg("Monitor", lang),
    }
