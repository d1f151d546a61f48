"""What the roadmap leads with: on its cover and in « L'essentiel », the documented results when
the plan and the money say little, and never a card of dashes (issue 22)."""

from __future__ import annotations

from coconstruct.report import wording
from coconstruct.report.content.material import Material, with_sources
from coconstruct.report.parts import Figure, Phrase

#: the most results a cover or « L'essentiel » leads with
LEADING_RESULTS = 3


def results_first(m: Material) -> list[Figure]:
    """The documented results, latest measure first of each indicator (questionnaire order):
    its value, the indicator, the date of the measure and its sources."""
    w, out = m.words, []
    for indicator in m.items["indicators"]:
        latest = indicator.get("latest")
        if not latest:
            continue
        if latest.get("conflict"):  # sources disagree: the first figure, and all of them below
            group = indicator["conflicts"][-1]
            note = w.gettext(
                "{date}, sources disagree: {figures}",
                date=latest["date_text"],
                figures=", ".join(with_sources(e) for e in group),
            )
            out.append(Figure(group[0]["value_text"], indicator["title"], note, "results"))
            continue
        cites = latest.get("cites") or ()
        note = (
            w.ngettext(
                "{date}, source {numbers}",
                "{date}, sources {numbers}",
                len(cites),
                date=latest["date_text"],
                numbers="[" + ", ".join(str(n) for n in cites) + "]",
            )
            if cites
            else latest["date_text"]
        )
        out.append(Figure(latest["value_text"], indicator["title"], note, "results"))
    return out[:LEADING_RESULTS]


def results_lead(m: Material) -> list[Figure]:
    """The results to lead with: only when the plan and the money say little (no budget for
    the plan, or no known amount for the year), so a workshop's plan keeps its place."""
    a = m.analysis
    says_little = (
        wording.plan_budget(a, m.fmt, compact=True) == wording.NONE
        or not a.money.counted
        or a.money.base.n == 0
    )
    return results_first(m) if says_little else []


def cover_cards(m: Material, needs: int, partners: int, actions: int) -> tuple[Figure, ...]:
    """The cover's four figures: the documented results first, when there are; never a card
    of dashes (a figure the answers cannot carry is said, with why, in « L'essentiel »)."""
    w = m.words
    counts = [
        Figure(str(needs), w.ngettext("need identified", "needs identified", needs)),
        Figure(str(partners), w.ngettext("partner", "partners", partners)),
        Figure(str(actions), w.ngettext("action", "actions", actions)),
        Figure(
            wording.plan_budget(m.analysis, m.fmt, compact=True),
            w.gettext("budget of the action plan"),
        ),
    ]
    cards = [*results_lead(m)[:2], *counts]
    return tuple(card for card in cards if card.value != wording.NONE)[:4]


def summary_figures(m: Material) -> tuple[Figure, ...]:
    """« L'essentiel »'s key figures: with documented results, they lead, and the figures the
    answers cannot carry (a dash) are no card: `not_given` names them and says why."""
    figures = wording.key_figures(m.analysis, m.fmt, m.lang)
    results = results_lead(m)
    if not results:
        return tuple(figures)
    return (*results, *(f for f in figures if f.value != wording.NONE))


def not_given(m: Material) -> Phrase | None:
    """The key figures left out beside documented results, each with why (never silently)."""
    if not results_lead(m):
        return None
    missing = [
        f"{f.label} ({f.note})" if f.note else str(f.label)
        for f in wording.key_figures(m.analysis, m.fmt, m.lang)
        if f.value == wording.NONE
    ]
    if not missing:
        return None
    return m.words.gettext("Not given for want of data: {figures}.", figures="; ".join(missing))
