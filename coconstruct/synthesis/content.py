"""The synthesis' content, typed: every section with the words it says, computed once, in the
report's language, and laid out by the Markdown and the HTML templates alike (`synthesis.md.j2`,
`synthesis.html.j2` and their parts in `synthesis/`). The territories side by side and their
funding mixes are said in `side_by_side.py`.

Every sentence about what a figure rests on is made here once, and printed by every format:
« 7 territoires sur 9 la donnent », « données insuffisantes : … ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from coconstruct import __version__
from coconstruct.batch.reading import Failure
from coconstruct.language.messages import msg, nmsg
from coconstruct.model.formatting import Formatter, formatter
from coconstruct.report.chart_texts import ChartText
from coconstruct.report.parts import Cell, Doc, Figure, Heading, Pair, Phrase, Table, Words, cell
from coconstruct.synthesis import side_by_side
from coconstruct.synthesis.mixes import MixChart, family_names, mix_charts
from coconstruct.synthesis.portfolio import Portfolio
from coconstruct.synthesis.side_by_side import Money, Territories
from coconstruct.synthesis.wording import (
    RecurringRow,
    actions_with_form,
    key_figures,
    method,
    of_territories,
    recurring,
    where,
)


@dataclass(frozen=True)
class Front:
    kicker: Phrase  # « Co-construction territoriale »
    period: Phrase | None  # « ateliers de mars 2024 à novembre 2026 »
    prepared: Phrase
    contents: Phrase
    sections: tuple[Heading, ...]


@dataclass(frozen=True)
class Summary:
    head: Heading
    together: Phrase  # « Cette synthèse réunit 5 territoires : 2 finaux, 3 en brouillon. »
    read: Phrase  # « 7 fichiers de réponses lus, de 5 territoires : la dernière version… »
    period: Phrase | None
    own_figures: Phrase
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class FailureRow:
    """A file left out, and why."""

    source: str
    message: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.source), cell(self.message))


@dataclass(frozen=True)
class Needs:
    head: Heading
    base: Phrase  # « Les besoins sont renseignés dans 5 territoires sur 5. »
    by_domain: Table[RecurringRow]
    groups_intro: Phrase
    groups: Table[RecurringRow]
    single: Phrase | None  # the needs named in one territory only


@dataclass(frozen=True)
class Actors:
    head: Heading
    types_base: Phrase
    types: Table[RecurringRow]
    funders_base: Phrase
    funders: Table[RecurringRow]
    single: Phrase | None


@dataclass(frozen=True)
class Actions:
    head: Heading
    base: Phrase
    forms: Table[RecurringRow]


@dataclass(frozen=True)
class Method:
    head: Heading
    files_title: Phrase
    files: Phrase  # « 5 fichiers de réponses sont dans cette synthèse. »
    migrated: Phrase | None
    versions: Phrase | None  # the earlier versions not counted, named in `superseded`
    superseded: Table[FailureRow]
    left_out: Phrase | None
    failures: Table[FailureRow]
    method_title: Phrase
    method: tuple[Pair, ...]
    charts_title: Phrase
    charts: tuple[ChartText, ...]


@dataclass(frozen=True)
class Synthesis:
    """Everything the synthesis says, section by section, in the report's language."""

    lang: str
    doc: Doc
    front: Front
    summary: Summary
    territories: Territories
    needs: Needs
    actors: Actors
    money: Money
    actions: Actions
    method: Method

    def variables(self) -> dict[str, Any]:
        """The template variables: one per field."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def build(portfolio: Portfolio, failures: Sequence[Failure], lang: str) -> Synthesis:
    """The synthesis of a portfolio (the files `failures` name are left out of it)."""
    w, fmt = Words(lang), formatter(lang)
    heads = _headings(w)
    period = portfolio.period
    dates = (period[0].date_text, period[1].date_text) if period else None
    # a territory documented from sources held no workshop: its date is its data's
    documented = any(t.documented for t in portfolio.territories)
    charts = mix_charts(
        [t for t in portfolio.territories if t.mix is not None],
        family_names(portfolio.labels, lang),
        fmt,
        lang,
    )
    return Synthesis(
        lang=lang,
        doc=Doc(
            title=msg("Portfolio synthesis", lang),
            territory=nmsg("{n} territory", "{n} territories", portfolio.places, lang),
            generator=f"coconstruct {__version__}",
        ),
        front=Front(
            kicker=w.gettext("Territorial co-construction"),
            period=(
                w.gettext("workshops from {first} to {last}", first=dates[0], last=dates[1])
                if not documented
                else w.gettext("dates from {first} to {last}", first=dates[0], last=dates[1])
            )
            if dates
            else None,
            prepared=w.gettext(
                "Prepared with {tool} from the answers files of each territory.",
                tool=f"coconstruct {__version__}",
            ),
            contents=w.gettext("Contents"),
            sections=tuple(heads.values()),
        ),
        summary=Summary(
            head=heads["summary"],
            together=_together(portfolio, w),
            read=_read(portfolio, w),
            period=(
                w.gettext(
                    "Their workshops run from {first} to {last}.", first=dates[0], last=dates[1]
                )
                if not documented
                else w.gettext(
                    "Their workshops and the dates of their data run from {first} to {last}.",
                    first=dates[0],
                    last=dates[1],
                )
            )
            if dates
            else None,
            own_figures=w.gettext(
                "Each territory's figures are those of its own roadmap; a figure across "
                "territories says on how many it rests."
            ),
            figures=tuple(key_figures(portfolio, fmt, lang)),
        ),
        territories=side_by_side.territories(portfolio, w, heads["territories"]),
        needs=_needs(portfolio, w, heads["needs"]),
        actors=_actors(portfolio, w, heads["actors"]),
        money=side_by_side.money(portfolio, w, heads["money"], charts),
        actions=_actions(portfolio, w, heads["actions"]),
        method=_method(portfolio, failures, w, fmt, heads["method"], charts),
    )


def _together(portfolio: Portfolio, w: Words) -> Phrase:
    """How many territories (or versions), final and in draft."""
    final, drafts = portfolio.final, portfolio.count - portfolio.final
    if portfolio.all_versions:
        return w.ngettext(
            "This synthesis counts every version: {n} file, {final} final, {drafts} in draft.",
            "This synthesis counts every version: {n} files, {final} final, {drafts} in draft.",
            portfolio.count,
            final=final,
            drafts=drafts,
        )
    return w.ngettext(
        "This synthesis brings together {n} territory: {final} final, {drafts} in draft.",
        "This synthesis brings together {n} territories: {final} final, {drafts} in draft.",
        portfolio.count,
        final=final,
        drafts=drafts,
    )


def _read(portfolio: Portfolio, w: Words) -> Phrase:
    """How many files were read, of how many territories, and which of them count."""
    files = w.ngettext("{n} answers file", "{n} answers files", portfolio.files)
    places = w.ngettext("{n} territory", "{n} territories", portfolio.places)
    if portfolio.all_versions:
        return w.gettext(
            "{files} read, of {territories}: every version counts.", files=files, territories=places
        )
    return w.gettext(
        "{files} read, of {territories}: the latest version of each territory counts, by the "
        "date its data is up to date as of, else its workshop date.",
        files=files,
        territories=places,
    )


def _headings(w: Words) -> dict[str, Heading]:
    titles = {
        "summary": w.gettext("At a glance"),
        "territories": w.gettext("The territories"),
        "needs": w.gettext("Recurring needs"),
        "actors": w.gettext("Recurring actors and funders"),
        "money": w.gettext("Funding mixes side by side"),
        "actions": w.gettext("Actions by form of alliance"),
        "method": w.gettext("Method, files and data"),
    }
    return {
        key: Heading(key, f"{number:02d}", title)
        for number, (key, title) in enumerate(titles.items(), 1)
    }


def _needs(portfolio: Portfolio, w: Words, head: Heading) -> Needs:
    at = where(portfolio, w.lang)
    domains = portfolio.labels.get("needs.domain", {})
    groups = portfolio.recurring_needs
    single = len(portfolio.need_groups) - len(groups)

    def more(n: int) -> Phrase:
        return w.ngettext(
            "and {n} other title (see the workbook)", "and {n} other titles (see the workbook)", n
        )

    return Needs(
        head=head,
        base=w.gettext(
            "Needs are recorded {base}.",
            base=of_territories(portfolio.with_needs, portfolio.count, "needs", w.lang),
        ),
        by_domain=Table(
            w.gettext("By domain"),
            (w.gettext("Domain"), w.gettext("Territories"), w.gettext("Needs")),
            tuple(recurring(r, at, w) for r in portfolio.domains),
            w.gettext("No need has a domain yet."),
        ),
        groups_intro=w.ngettext(
            "{n} need recurs in more than one territory, under these titles.",
            "{n} needs recur in more than one territory, under these titles.",
            len(groups),
        ),
        groups=Table(
            w.gettext("Alike needs across territories"),
            (
                w.gettext("Need"),
                w.gettext("Territories"),
                w.gettext("Domains"),
                w.gettext("Titles as written"),
            ),
            tuple(recurring(r, at, w, domains, more) for r in groups),
            w.gettext("No need title recurs across territories."),
            view=lambda row: row.grouped,
        ),
        single=w.ngettext(
            "{n} other need is named in one territory only; the workbook lists every need "
            "with its group.",
            "{n} other needs are named in one territory only; the workbook lists every need "
            "with its group.",
            single,
        )
        if single
        else None,
    )


def _actors(portfolio: Portfolio, w: Words, head: Heading) -> Actors:
    lang = w.lang
    at = where(portfolio, lang)
    families = dict(family_names(portfolio.labels, lang))
    single = len(portfolio.funders) - len(portfolio.recurring_funders)

    def more(n: int) -> Phrase:
        return w.ngettext(
            "and {n} other name (see the workbook)", "and {n} other names (see the workbook)", n
        )

    return Actors(
        head=head,
        types_base=w.gettext(
            "Partners are recorded {base}.",
            base=of_territories(portfolio.with_partners, portfolio.count, "partners", lang),
        ),
        types=Table(
            w.gettext("Types of actors"),
            (w.gettext("Type of actor"), w.gettext("Territories"), w.gettext("Partners")),
            tuple(recurring(r, at, w) for r in portfolio.partner_types),
            w.gettext("No partner has a type of actor yet."),
        ),
        funders_base=w.gettext(
            "{base}; the project's own earned income is not a funder.",
            base=of_territories(portfolio.with_funders, portfolio.count, "funders", lang),
        ),
        funders=Table(
            w.gettext("Funders from outside"),
            (
                w.gettext("Funder"),
                w.gettext("Territories"),
                w.gettext("Families of money"),
                w.gettext("Names as written"),
            ),
            tuple(recurring(r, at, w, families, more) for r in portfolio.recurring_funders),
            w.gettext("No funder recurs across territories."),
            view=lambda row: row.grouped,
        ),
        single=w.ngettext(
            "{n} other funder is named in one territory only (see the workbook).",
            "{n} other funders are named in one territory only (see the workbook).",
            single,
        )
        if single
        else None,
    )


def _actions(portfolio: Portfolio, w: Words, head: Heading) -> Actions:
    lang = w.lang
    base = of_territories(portfolio.with_actions, portfolio.count, "actions", lang)
    return Actions(
        head=head,
        base=w.gettext(
            "Actions are recorded {base}; {forms}.",
            base=base,
            forms=actions_with_form(portfolio.forms_base, lang),
        )
        if portfolio.forms_base.of
        else w.gettext("Actions are recorded {base}.", base=base),
        forms=Table(
            "",
            (w.gettext("Form of alliance"), w.gettext("Territories"), w.gettext("Actions")),
            tuple(recurring(r, where(portfolio, lang), w) for r in portfolio.forms),
            w.gettext("No action has a form of alliance yet."),
        ),
    )


def _method(
    portfolio: Portfolio,
    failures: Sequence[Failure],
    w: Words,
    fmt: Formatter,
    head: Heading,
    charts: tuple[MixChart, ...],
) -> Method:
    return Method(
        head=head,
        files_title=w.gettext("Files"),
        files=w.ngettext(
            "{n} answers file is in this synthesis.",
            "{n} answers files are in this synthesis.",
            portfolio.count,
        ),
        migrated=w.ngettext(
            "{n} was written for an older version of its questionnaire and is read through its "
            "migrations.",
            "{n} were written for an older version of their questionnaire and are read through "
            "their migrations.",
            portfolio.migrated,
        )
        if portfolio.migrated
        else None,
        versions=w.ngettext(
            "{n} earlier version of a territory is not counted: the latest version of its "
            "territory is (--all-versions counts every version).",
            "{n} earlier versions of territories are not counted: the latest version of each "
            "territory is (--all-versions counts every version).",
            len(portfolio.superseded),
        )
        if portfolio.superseded
        else None,
        superseded=Table(
            "",
            (w.gettext("Earlier version"), w.gettext("Version counted")),
            tuple(
                FailureRow(
                    f"{s.older.source} ({s.older.version_text})",
                    f"{s.by.source} ({s.by.version_text})",
                )
                for s in portfolio.superseded
            ),
        ),
        left_out=w.ngettext(
            "{n} file is left out: it could not be read, or has errors (coconstruct validate "
            "lists them).",
            "{n} files are left out: they could not be read, or have errors (coconstruct "
            "validate lists them).",
            len(failures),
        )
        if failures
        else None,
        failures=Table(
            "",
            (w.gettext("File"), w.gettext("Problem")),
            tuple(FailureRow(f.source, f.message) for f in failures),
        ),
        method_title=w.gettext("Method"),
        method=method(w, fmt.number(portfolio.similarity)),
        charts_title=w.gettext("The data of the charts"),
        charts=tuple(chart.text for chart in charts),
    )
