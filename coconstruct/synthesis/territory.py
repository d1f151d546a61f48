"""One territory of a portfolio, as few values as the synthesis needs: its key figures, each
with why it is not given, and the titles, types and names the portfolio compares.

Every figure is the roadmap's own: taken from `analysis.analyse` and said by `wording`, never
worked out again here. A worker builds a `Territory` from each answers file and sends it back;
the portfolio keeps these, not the documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coconstruct import analysis
from coconstruct.analysis import Analysis
from coconstruct.analysis.base import items
from coconstruct.language.messages import msg, nmsg
from coconstruct.model import origin, values
from coconstruct.model.formatting import NONE, Formatter, formatter
from coconstruct.model.questionnaire import Questionnaire, text
from coconstruct.model.text import fold
from coconstruct.report import wording

# the choices a portfolio counts by, as `question.field`
COUNTED = ("needs.domain", "partners.actor_type", "funding.family", "actions.alliance_form")
PUBLIC = "public"  # the family of public money (analysis.FAMILY_ORDER)


@dataclass(frozen=True)
class Figure:
    """A figure of one territory: the number to compute with (None when not given), as the
    roadmap writes it, and why it is not given (or what it rests on, when not on every item)."""

    value: float | None
    text: str
    why: str = ""
    long: str = ""  # a sum written in full (`≥ 1 320 000 €`), where `text` is compact

    @property
    def given(self) -> bool:
        """Said in some way: a number, or a bound (`≥ 1,2 M€`) when the sum is open."""
        return self.text != NONE


@dataclass(frozen=True)
class Territory:
    source: str  # the answers file, as found
    name: str  # « Territoire sans nom » when the file names none, as its roadmap says
    # which territory the file is of: its official code, else its name and perimeter (a file
    # naming none is a territory of its own); the versions of one territory share it
    identity: tuple[str, ...]
    # the date that orders a territory's versions: « données à jour au », else the workshop's
    version_order: tuple[dt.date, dt.date] | None
    version_text: str
    lang: str  # the language the answers were written in
    status: str  # draft or final
    version: int | None  # the questionnaire version the file was written for
    migrated: bool  # read through the questionnaire's migrations
    date: dt.date | str | None  # a day as a date; a month, quarter or year as said
    date_text: str
    date_order: tuple[dt.date, dt.date] | None
    documented: bool  # documented from sources, no workshop: dated by its data
    needs: int
    domains: dict[str, int]  # domain → needs, questionnaire order
    need_titles: tuple[tuple[str, str, str | None], ...]  # (id, title, domain)
    gap: Figure
    hybridisation: Figure
    public_share: Figure
    dependency: Figure
    largest_funder: str | None
    coverage: Figure
    partners: int
    partner_types: dict[str, int]
    budget: Figure
    money: Figure  # the resources identified for `money_year`
    money_year: int | None
    mix: dict[str, float] | None  # family → share of the year's money, when the shares are given
    mix_why: str
    funders: tuple[tuple[str, str | None], ...]  # external funders named (name, family), once each
    actions: int
    forms: dict[str, int]  # alliance form → actions
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # COUNTED → key → label
    departement: str | None = None  # as written (« Mayenne (53) »): the HTML's filter
    origin: str = origin.WORKSHOP  # a workshop, documentary sources or both


def summarise(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    lang: str,
    source: str,
    header: Mapping[str, Any],
    deferred: list[str] | None = None,
) -> Territory:
    """A territory's figures in `lang`, from its plain answers (as `render` reads them).

    `header`: the file's `status`, `language`, `version` (written for) and `migrated`.
    """
    result = analysis.analyse(answers, questionnaire, deferred or [])
    fmt = formatter(lang, questionnaire.currency)
    s, money, plan, partners = result.scissors, result.money, result.plan, result.partners
    # a documented site is dated by its data, never by a workshop it did not hold
    date = origin.reference_date(answers)
    as_of = values.as_date(answers.get("as_of")) or date
    labels = _labels(questionnaire, lang)
    needs = [
        (str(item["id"]), str(item.get("title") or item["id"]), _text(item.get("domain")))
        for item in items(answers, "needs")
    ]
    largest = money.largest_external
    return Territory(
        source=source,
        name=_text(answers.get("territory_name")) or msg("Unnamed territory", lang),
        identity=identity(answers, source),
        version_order=as_of.sort_key() if as_of is not None else None,
        version_text=fmt.date(as_of.stored(), "medium") if as_of is not None else NONE,
        lang=str(header.get("language") or lang),
        status=str(header.get("status") or "draft"),
        version=header.get("version"),
        migrated=bool(header.get("migrated")),
        date=(date.start if date.precision == "day" else fmt.date(date.stored(), "medium"))
        if date is not None
        else None,
        date_text=fmt.date(date.stored(), "medium") if date is not None else NONE,
        date_order=date.sort_key() if date is not None else None,
        documented=not origin.workshop_held(answers),
        needs=len(needs),
        domains={d.domain: d.needs for d in s.domains},
        need_titles=tuple(needs),
        gap=_gap(result, fmt, lang),
        hybridisation=Figure(
            money.hybridisation,
            fmt.number(money.hybridisation, 2),
            "" if money.hybridisation is not None else _mix_why(result, lang),
        ),
        public_share=_public(result, fmt, lang),
        dependency=Figure(
            largest.share if largest is not None else None,
            fmt.percent(largest.share) if largest is not None else NONE,
            "" if largest is not None else _dependency_why(result, lang),
        ),
        largest_funder=largest.name if largest is not None else None,
        coverage=_coverage(result, fmt, lang),
        partners=partners.count,
        partner_types=dict(partners.types_present),
        budget=_budget(result, fmt, lang),
        money=_money(result, fmt, lang),
        money_year=money.year,
        mix={f.key: f.share or 0.0 for f in money.by_family} if money.mix_reliable else None,
        mix_why="" if money.mix_reliable else _mix_why(result, lang),
        funders=tuple(
            dict.fromkeys((line.funder, line.family) for line in money.lines if line.external)
        ),
        actions=plan.count,
        forms=dict(partners.action_alliance_forms),
        labels=labels,
        departement=" ".join((_text(answers.get("departement")) or "").split()) or None,
        origin=origin.origin(answers),
    )


def identity(answers: Mapping[str, Any], source: str) -> tuple[str, ...]:
    """Which territory a file is of: its official code (INSEE or SIREN) when given, else its
    name (case, accents and spacing aside) and its type of perimeter; a file naming neither is
    a territory of its own."""
    code = _text(answers.get("territory_code"))
    if code:
        return ("code", code.strip().upper())
    name = _text(answers.get("territory_name"))
    if name:
        return ("name", " ".join(fold(name).split()), str(answers.get("perimeter_type") or ""))
    return ("file", str(Path(source).resolve()))


def _gap(result: Analysis, fmt: Formatter, lang: str) -> Figure:
    s = result.scissors
    note = wording.scissors_note(result, lang)
    if s.gap is not None:
        return Figure(s.gap, fmt.signed(s.gap), note)
    return Figure(None, NONE, note or msg("no need or resource recorded", lang))


def _public(result: Analysis, fmt: Formatter, lang: str) -> Figure:
    money = result.money
    public = next((f for f in money.by_family if f.key == PUBLIC), None)
    if money.mix_reliable and public is not None:
        return Figure(public.share or 0.0, fmt.percent(public.share or 0.0))
    return Figure(None, NONE, _mix_why(result, lang))


def _mix_why(result: Analysis, lang: str) -> str:
    """Why the shares of the families of money are not given: the roadmap's reason."""
    return wording.mix_reason(result.money, lang) or _no_money(result, lang)


def _dependency_why(result: Analysis, lang: str) -> str:
    return wording.dependency_reason(result.money, lang) or _no_money(result, lang)


def _no_money(result: Analysis, lang: str) -> str:
    money = result.money
    if not money.lines:
        return msg("no funding recorded", lang)
    return msg("no funding line for {year}", lang, year=money.year)


def _money(result: Analysis, fmt: Formatter, lang: str) -> Figure:
    """The resources identified for the money's year, as sure as they are."""
    money = result.money
    if not money.counted:
        return Figure(None, NONE, _no_money(result, lang))
    if not money.base.n:
        unknown = len(money.unknown_lines)
        why = nmsg(
            "amount not known for {n} line", "amounts not known for {n} lines", unknown, lang
        )
        return Figure(None, NONE, why)
    exact = money.base.complete and not money.approximate
    return Figure(
        money.total if exact else None,
        wording.money_total(money, fmt, compact=True),
        long=wording.money_total(money, fmt),
    )


def _coverage(result: Analysis, fmt: Formatter, lang: str) -> Figure:
    """The share of needs served by an action, as the roadmap gives it: only with actions."""
    plan = result.plan
    needs = len(plan.needs_covered) + len(plan.needs_uncovered)
    if plan.coverage is not None and plan.count:
        return Figure(plan.coverage, fmt.percent(plan.coverage), "")
    if not needs:
        return Figure(None, NONE, msg("no need recorded", lang))
    return Figure(None, NONE, msg("no action recorded", lang))


def _budget(result: Analysis, fmt: Formatter, lang: str) -> Figure:
    """The action plan's budget as the roadmap writes it (`≥` when some action has none); a
    number to compute with only when every action has an exact one."""
    plan = result.plan
    shown = wording.plan_budget(result, fmt, compact=True)
    if not plan.count:
        return Figure(None, NONE, msg("no action recorded", lang))
    if not plan.budget_base.n:
        return Figure(None, NONE, msg("no action has a budget", lang))
    base = plan.budget_base
    exact = base.complete and not plan.budget_approximate
    note = nmsg(
        "{n} action of {of} has a budget",
        "{n} actions of {of} have a budget",
        base.n,
        lang,
        of=base.of,
    )
    return Figure(
        plan.budget_total if exact else None,
        shown,
        "" if base.complete else note,
        wording.plan_budget(result, fmt),
    )


def _labels(questionnaire: Questionnaire, lang: str) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    where = questionnaire.question("origin")
    if where is not None and where.choices:
        out["origin"] = {str(c.id): text(c.label, lang) for c in where.choices}
    for path in COUNTED:
        list_id, field_id = path.split(".")
        question = questionnaire.question(list_id)
        found = question.field(field_id) if question is not None else None
        if found is not None and found.choices:
            out[path] = {str(c.id): text(c.label, lang) for c in found.choices}
    return out


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
