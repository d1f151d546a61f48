"""The roadmap's first pages: its title and facts, its contents, how to read it, and « At a
glance » (the key figures and the key messages, each said only when the data carries it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct import __version__
from coconstruct.language.messages import msg
from coconstruct.model import values
from coconstruct.report import wording
from coconstruct.report.content.lead import cover_cards, not_given, summary_figures
from coconstruct.report.content.material import Material
from coconstruct.report.parts import Doc, Figure, Heading, Phrase, Said


@dataclass(frozen=True)
class Fact:
    """A line of the title page: `Atelier | 19 novembre 2026, Vernoux`."""

    label: Phrase | str
    value: Any
    then: Any = None  # said after a comma (the workshop's place)
    below: Any = None  # on a line of its own (the facilitator's organisation)
    cites: Sequence[int] = ()


@dataclass(frozen=True)
class Guide:
    """« How to read this roadmap »: its codes, its colours, its figures."""

    title: Phrase
    codes: Phrase
    colours: Phrase
    figures: Phrase


@dataclass(frozen=True)
class Front:
    kicker: Phrase  # « Feuille de route de co-construction territoriale »
    draft: Phrase | None  # « Version de travail », unless the file is final
    facts: tuple[Fact, ...]
    cards: tuple[Figure, ...]  # the cover's four figures (the HTML's cover only)
    prepared: Phrase  # « Établie avec coconstruct … »
    contents: Phrase
    sections: tuple[Heading, ...]
    guide: Guide


@dataclass(frozen=True)
class Summary:
    head: Heading
    records: Phrase  # « Cette feuille de route rend compte de l'atelier … »
    place: Any  # the workshop's place, said after a comma
    participants: Phrase | None  # « avec 14 participants »
    purpose: Phrase
    figures: tuple[Figure, ...]
    not_given: Phrase | None  # the key figures left out for want of data, and why
    messages_title: Phrase
    messages: tuple[Said, ...]  # warn, good or info


def doc(m: Material) -> Doc:
    answers = m.answers
    return Doc(
        title=str(
            answers.get("workshop_title") or msg("Territorial co-construction roadmap", m.lang)
        ),
        territory=str(answers.get("territory_name") or msg("Unnamed territory", m.lang)),
        generator=f"coconstruct {__version__}",
        author=str((answers.get("facilitator") if m.workshop_held else None) or ""),
        # what the document is dated by: its workshop, or the date of a documented site's data
        date=answers.get("workshop_date") if m.workshop_held else answers.get("as_of"),
        draft=m.status != "final",
    )


def front(m: Material, document: Doc, sections: tuple[Heading, ...]) -> Front:
    w, answers, fmt = m.words, m.answers, m.fmt
    facts = []
    if m.workshop_held and answers["workshop_date"]:
        facts.append(
            Fact(
                w.gettext("Workshop"),
                fmt.date(answers["workshop_date"]),
                then=answers["workshop_place"],
            )
        )
    if m.from_sources:
        facts.append(Fact(w.gettext("Sources"), w.gettext("Documentary sources")))
    if answers.get("as_of"):
        facts.append(Fact(w.gettext("Data up to date"), fmt.date(answers["as_of"])))
    if m.workshop_held and answers["facilitator"]:
        facts.append(
            Fact(
                w.gettext("Facilitation"),
                answers["facilitator"],
                below=answers["facilitator_organisation"],
            )
        )
    facts += territory(m)
    stage = answers["stage"]
    if stage:
        facts.append(Fact(w.gettext("Stage"), m.labels["stage"].get(stage) or stage))
    needs, partners, actions = (len(m.items[key]) for key in ("needs", "partners", "actions"))
    return Front(
        kicker=w.gettext("Territorial co-construction roadmap"),
        draft=w.gettext("Working draft") if document.draft else None,
        facts=tuple(facts),
        cards=cover_cards(m, needs, partners, actions),
        prepared=prepared(m, document.generator),
        contents=w.gettext("Contents"),
        sections=sections,
        guide=Guide(
            title=w.gettext("How to read this roadmap"),
            codes=w.gettext(
                "Each need, resource, partner, action and risk keeps the code it was given in "
                "the workshop (N1, R1, P1, A1, K1), so that every section can refer to it."
            )
            if not m.from_sources
            else w.gettext(
                "Each need, resource, partner, action and risk keeps its code (N1, R1, P1, A1, "
                "K1), so that every section can refer to it."
            ),
            colours=w.gettext(
                "Needs are drawn in terracotta and resources in teal; money in blue when it is "
                "public, ochre when private, green when earned."
            ),
            figures=w.gettext(
                "Every indicator is explained where it appears and in the annex “Method”. A "
                "figure the answers cannot carry is not given, and the roadmap says why; "
                "numbers in brackets refer to the sources listed in the annex."
            ),
        ),
    )


def as_of(m: Material) -> Phrase | None:
    """« au 15 mars 2024 », « en mars 2024 »: the date the data is up to date as of, as said
    after « données à jour » (a day, or a month, a quarter or a year)."""
    date = m.answers.get("as_of")
    when = values.as_date(date)
    if when is None:
        return None
    if when.precision == "day":
        return m.words.gettext("as of {date}", date=m.fmt.date(date))
    return m.words.gettext("as of {period}", period=m.fmt.date(date))


def prepared(m: Material, tool: str) -> Phrase:
    """Where the roadmap comes from, under its facts: a workshop, sources, or both."""
    w, when = m.words, as_of(m)
    if not m.from_sources:
        return w.gettext("Prepared with {tool} from the answers given in the workshop.", tool=tool)
    if m.workshop_held:
        if when:
            return w.gettext(
                "Prepared with {tool} from a workshop and from documentary sources, data up to "
                "date {as_of}.",
                tool=tool,
                as_of=when,
            )
        return w.gettext(
            "Prepared with {tool} from a workshop and from documentary sources.", tool=tool
        )
    if when:
        return w.gettext(
            "Prepared with {tool} from documentary sources, data up to date {as_of}.",
            tool=tool,
            as_of=when,
        )
    return w.gettext("Prepared with {tool} from documentary sources.", tool=tool)


def records(m: Material) -> Phrase:
    """What the roadmap records, as « L’essentiel » opens: a workshop, sources, or both."""
    w, answers, fmt = m.words, m.answers, m.fmt
    date = answers.get("workshop_date")
    when = values.as_date(date)
    if not m.workshop_held:
        data_date = as_of(m)
        if data_date:
            return w.gettext(
                "This roadmap is drawn from documentary sources, with data up to date {as_of}",
                as_of=data_date,
            )
        return w.gettext("This roadmap is drawn from documentary sources")
    if date and when is not None and when.precision == "day":
        said = w.gettext(
            "This roadmap records the co-construction workshop of {date}", date=fmt.date(date)
        )
    elif date:
        said = w.gettext(
            "This roadmap records a co-construction workshop held in {date}", date=fmt.date(date)
        )
    else:
        said = w.gettext("This roadmap records a co-construction workshop")
    if m.from_sources:
        return w.gettext("{records} and documentary sources", records=said)
    return said


def territory(m: Material) -> list[Fact]:
    """The territory as the title page describes it, with the sources cited for it."""
    answers, fmt, lang = m.answers, m.fmt, m.lang
    facts = []
    kind = answers.get("perimeter_type")
    if kind:
        facts.append(
            Fact(msg("Area", lang), m.labels.get("perimeter_type", {}).get(str(kind), str(kind)))
        )
    if m.items["communes"]:
        names = ", ".join(str(c.get("name") or c["id"]) for c in m.items["communes"])
        facts.append(Fact(msg("Municipalities", lang), names))
    for key, label in (
        ("epci", msg("Inter-municipal body", lang)),
        ("departement", msg("Département", lang)),
        ("region", msg("Region", lang)),
    ):
        if answers.get(key):
            facts.append(Fact(label, str(answers[key])))
    population = answers.get("population")
    if population is not None:
        shown = fmt.amount(population, money=False, unit=msg("inhabitants", lang))
        year = answers.get("population_year")
        if year is not None:
            shown = msg(
                "{population} in {year}", lang, population=shown, year=fmt.date(year, "medium")
            )
        cites = m.cites(answers.get("population_sources"))
        facts.append(Fact(msg("Population", lang), shown, cites=cites))
    return facts


def summary(m: Material, head: Heading) -> Summary:
    w, answers = m.words, m.answers
    people = len(m.items["participants"]) if m.workshop_held else 0
    return Summary(
        head=head,
        records=records(m),
        place=answers.get("workshop_place") if m.workshop_held else None,
        participants=w.ngettext("with {n} participant", "with {n} participants", people)
        if people
        else None,
        purpose=w.gettext(
            "It sets out the shared diagnosis, the alliances to build, the actions to carry out "
            "and how to fund them."
        ),
        figures=summary_figures(m),
        not_given=not_given(m),
        messages_title=w.gettext("Key messages"),
        messages=key_messages(m),
    )


def key_messages(m: Material) -> tuple[Said, ...]:
    """What the roadmap says first, each only when the data carries it (see docs/analysis.md
    and the annex « Method »)."""
    w, fmt, a, lang = m.words, m.fmt, m.analysis, m.lang
    s, plan = a.scissors, a.plan
    dropped = wording.dropped(a, lang)
    out = []
    if s.needs and s.pressure_base.sufficient and s.needs[0].pressure is not None:
        out.append(
            Said(
                "info",
                w.gettext(
                    "The most pressing need is “{title}”, with a pressure of {pressure} out of "
                    "100.",
                    title=m.title(s.needs[0].id),
                    pressure=fmt.number(s.needs[0].pressure),
                ),
            )
        )
    if a.vote and a.vote.first:
        out.append(
            Said(
                "info",
                w.gettext(
                    "In its dot vote, the room put “{title}” first, with {share} of the dots "
                    "placed.",
                    title=m.title(a.vote.first.id),
                    share=fmt.percent(a.vote.first.share),
                ),
            )
        )
    if s.opening is not None:
        trends = w.gettext(
            "{rising} of the {needs} needs whose trend is known are rising, while {declining} of "
            "the {resources} resources whose trend is known are declining.",
            rising=s.needs_rising,
            needs=s.needs_trend_base.n,
            declining=s.resources_declining,
            resources=s.resources_trend_base.n,
        )
        opening = (
            w.gettext("The scissors are opening.")
            if s.opening > 0
            else w.gettext("The scissors are not opening.")
        )
        out.append(Said("warn" if s.opening > 0 else "good", w.join(trends, opening)))
    else:
        trend_note = wording.trend_note(a, lang)
        if trend_note:
            out.append(Said("info", trend_note))
    gaps = a.partners.gaps
    if gaps:
        out.append(
            Said(
                "warn",
                w.ngettext(
                    "{n} need has neither a partner nor an action: {titles}.",
                    "{n} needs have neither a partner nor an action: {titles}.",
                    len(gaps),
                    titles=", ".join(str(m.title(key)) for key in gaps),
                ),
            )
        )
    elif s.needs:
        every = w.gettext("Every need has at least one partner or one action.")
        out.append(Said("good", w.join(every, dropped)))
    if plan.coverage is not None and plan.count:
        served = w.gettext(
            "{covered} of {needs} needs are served by at least one action.",
            covered=len(plan.needs_covered),
            needs=len(plan.needs_covered) + len(plan.needs_uncovered),
        )
        out.append(Said("good" if plan.coverage >= 0.999 else "info", w.join(served, dropped)))
    out += _money_messages(m)
    wary = a.partners.attitudes.get("reserve", 0) + a.partners.attitudes.get("opposant", 0)
    if wary:
        out.append(
            Said(
                "warn",
                w.ngettext(
                    "{n} partner is reluctant or opposed: plan how to involve them.",
                    "{n} partners are reluctant or opposed: plan how to involve them.",
                    wary,
                ),
            )
        )
    if not m.items["sources"] and (s.needs or s.resources):
        out.append(Said("info", no_document(m)))
    if a.open_items:
        out.append(
            Said(
                "warn",
                w.ngettext(
                    "{n} item is still open: see the annex.",
                    "{n} items are still open: see the annex.",
                    a.open_items,
                ),
            )
        )
    return tuple(out)


def no_document(m: Material) -> Phrase:
    if not m.workshop_held:
        return m.words.gettext("No document is cited: the diagnosis rests on no source.")
    return m.words.gettext(
        "No document is cited: the diagnosis rests on what was said in the workshop."
    )


def _money_messages(m: Material) -> list[Said]:
    w, fmt, money = m.words, m.fmt, m.analysis.money
    out = []
    largest = money.largest_external
    if largest is not None:
        if largest.share is not None and largest.share >= 0.3:
            out.append(
                Said(
                    "warn",
                    w.gettext(
                        "{share} of the money from outside comes from one funder, {funder}: the "
                        "model depends on it.",
                        share=fmt.ratio(largest.ratio),
                        funder=largest.name,
                    ),
                )
            )
        else:
            out.append(
                Said(
                    "good",
                    w.gettext(
                        "No funder brings more than {share} of the money from outside: the model "
                        "does not hang on a single one.",
                        share=fmt.ratio(largest.ratio),
                    ),
                )
            )
    elif money.counted and money.external_base.of:
        out.append(
            Said(
                "info",
                w.gettext(
                    "How much the model depends on its largest funder cannot be measured: "
                    "{reason}.",
                    reason=wording.dependency_figure(money, fmt, m.lang).note,
                ),
            )
        )
    if (
        money.own_income
        and money.own_income_share is not None
        and money.base.complete
        and money.mix_reliable  # « 100 % of the money » from one line says nothing of a model
    ):
        out.append(
            Said(
                "info",
                w.gettext(
                    "Earned income, the project's own, brings {share} of the money.",
                    share=fmt.ratio(money.own_income_ratio),
                ),
            )
        )
    if money.target_gap:
        moves = sorted(money.target_gap.items(), key=lambda move: move[1])
        (down, down_points), (up, up_points) = moves[0], moves[-1]
        if up_points >= 1:
            families = m.labels["funding.family"]
            moving = {
                "year": money.target_year or "",
                "up": families[up].lower(),
                "up_points": fmt.signed(up_points),
                "down": families[down].lower(),
                "down_points": fmt.signed(down_points),
            }
            if money.base.complete:
                text = w.gettext(
                    "To reach the {year} target: {up} {up_points} points, {down} {down_points} "
                    "points.",
                    **moving,
                )
            else:
                text = w.gettext(
                    "To reach the {year} target, on the known amounts only: {up} {up_points} "
                    "points, {down} {down_points} points.",
                    **moving,
                )
            out.append(Said("info", text))
    return out
