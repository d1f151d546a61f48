"""« Contexte et effet ciseau » and « Diagnostic partagé »: the needs and resources, their
pressure and tension with what each rests on, the room's vote, the needs in detail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from coconstruct.analysis import Base
from coconstruct.report import wording
from coconstruct.report.content.material import Item, Material
from coconstruct.report.parts import (
    Based,
    Below,
    Block,
    Cell,
    Chart,
    Charts,
    Evidence,
    Heading,
    Pair,
    Paragraphs,
    Phrase,
    Prose,
    Table,
    Words,
    cell,
    named_row,
)

NONE = wording.NONE
#: the questions on people, in the order « Ressources humaines mobilisées » lists them
PEOPLE = (
    "staff_fte",
    "staff_headcount",
    "volunteers",
    "civic_service",
    "skills_sponsorship_days",
    "volunteering_hours",
)


@dataclass(frozen=True)
class DomainRow:
    name: str
    needs: int
    pressure: Based
    gauge: float | None  # the pressure, for the bar beside it
    rising: Based

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            cell(self.name),
            cell(self.needs),
            based_cell(self.pressure, self.gauge, "needs"),
            based_cell(self.rising),
        )


@dataclass(frozen=True)
class TypeRow:
    name: str
    resources: int
    tension: Based
    gauge: float | None
    declining: Based

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            cell(self.name),
            cell(self.resources),
            based_cell(self.tension, self.gauge),
            based_cell(self.declining),
        )


@dataclass(frozen=True)
class Context:
    head: Heading
    major: bool  # it has something to show (a section that starts a page)
    text: Prose
    scissors: Chart
    domains: Table[DomainRow]
    types: Table[TypeRow]
    people: Table[Pair]  # the human resources mobilised (shown when one is given)


@dataclass(frozen=True)
class NeedRow:
    id: str
    title: Any
    domain: str
    priority: str
    urgency: str
    trend: str
    people: str
    pressure: str
    gauge: float | None

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            *named_row(
                self.id,
                self.title,
                self.domain,
                self.priority,
                self.urgency,
                self.trend,
                self.people,
            ),
            replace(cell(self.pressure), gauge=self.gauge, gauge_kind="needs"),
        )


@dataclass(frozen=True)
class VoteRow:
    id: str
    title: Any
    domain: str
    dots: str
    share: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return named_row(self.id, self.title, self.domain, self.dots, self.share)


@dataclass(frozen=True)
class Vote:
    title: Phrase
    base: str  # « Vote du 19 novembre 2026 : 38 votants, … »
    chart: Chart
    table: Table[VoteRow]


@dataclass(frozen=True)
class ResourceRow:
    id: str
    title: Any
    cites: Sequence[int]
    description: Any
    evidence: Phrase | None
    type: str
    availability: str
    trend: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        title = cell(
            self.title,
            self.description,
            Below(self.evidence, em=True) if self.evidence else None,
            strong=True,
            cites=self.cites,
        )
        return (cell(self.id), title, *map(cell, (self.type, self.availability, self.trend)))


@dataclass(frozen=True)
class NeedLinks:
    """Whom a need concerns, the actions and partners that answer it, or that none does yet."""

    who: Phrase | None
    actions: Phrase | None
    partners: Phrase | None
    alone: Phrase | None  # « Ni partenaire ni action à ce jour », when it is so
    kind: ClassVar[str] = "need_links"


@dataclass(frozen=True)
class NeedDetail:
    """A need in detail: its description, what it rests on, whom it concerns and what answers
    it (see `Block`)."""

    id: str
    title: Any
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Diagnosis:
    head: Heading
    major: bool
    needs: Table[NeedRow]
    pressure_note: Phrase | None  # needs without a pressure, when some have none
    vote: Vote | None
    fragilities_title: Phrase
    fragilities: Prose
    assets_title: Phrase
    assets: Prose
    resources: Table[ResourceRow]
    details_title: Phrase
    details: tuple[NeedDetail, ...]


def prose(m: Material, key: str) -> Prose:
    return Prose(m.answers.get(key), m.not_entered())


def based(w: Words, text: Any, base: Base) -> Based:
    """`text` with its base when the figure rests on some of the items only."""
    if base.n and not base.complete:
        return Based(str(text), w.gettext("{n} of {of}", n=base.n, of=base.of))
    return Based(str(text))


def based_cell(b: Based, gauge: float | None = None, kind: str = "") -> Cell:
    return replace(cell(b.text, base=b.base), gauge=gauge, gauge_kind=kind)


def evidence(w: Words, item: Item) -> Evidence | None:
    if item.get("evidence"):
        return Evidence(w.gettext("Evidence:"), item["evidence"], item["cites"])
    if item["cites"]:
        return Evidence(w.gettext("Sources:"), None, item["cites"])
    return None


def context(m: Material, head: Heading, charts: Charts) -> Context:
    w, fmt, s = m.words, m.fmt, m.analysis.scissors
    domain_names = m.labels.get("needs.domain", {})
    type_names = m.labels.get("resources.type", {})
    scissors = charts.get(
        "scissors",
        w.gettext(
            "Pressure of needs: mean of priority and urgency, 0 to 100. Availability of "
            "resources: 0 (very scarce) to 100 (abundant). The right-hand point moves each index "
            "by the trend stated in the workshop. How it is computed: see the annex."
        )
        if not m.from_sources
        else w.gettext(
            "Pressure of needs: mean of priority and urgency, 0 to 100. Availability of "
            "resources: 0 (very scarce) to 100 (abundant). The right-hand point moves each index "
            "by the trend entered. How it is computed: see the annex."
        ),
        wording.scissors_note(m.analysis, m.lang),
    )
    people = PEOPLE
    return Context(
        head=head,
        major=bool(m.answers.get("context")) or scissors.text is not None,
        text=prose(m, "context"),
        scissors=scissors,
        domains=Table(
            w.gettext("Needs by domain"),
            (w.gettext("Domain"), w.gettext("Needs"), w.gettext("Pressure"), w.gettext("Rising")),
            tuple(
                DomainRow(
                    domain_names.get(d.domain) or d.domain,
                    d.needs,
                    based(w, fmt.number(d.pressure), d.pressure_base),
                    d.pressure,
                    based(w, d.rising, d.trend_base) if d.trend_base.n else Based(NONE),
                )
                for d in s.domains
            ),
            w.gettext("No need recorded yet."),
        ),
        types=Table(
            w.gettext("Resources by type"),
            (
                w.gettext("Type"),
                w.gettext("Resources"),
                w.gettext("Tension"),
                w.gettext("Declining"),
            ),
            tuple(
                TypeRow(
                    type_names.get(r.type) or r.type,
                    r.resources,
                    based(w, fmt.number(r.tension), r.availability_base),
                    r.tension,
                    based(w, r.declining, r.trend_base) if r.trend_base.n else Based(NONE),
                )
                for r in s.resource_types
            ),
            w.gettext("No resource recorded yet."),
        ),
        people=Table(
            w.gettext("Human resources mobilised"),
            (),
            tuple(
                Pair(m.questions[key], fmt.amount(m.answers[key], money=False))
                for key in people
                if m.answers.get(key) is not None
            ),
        ),
    )


def diagnosis(m: Material, head: Heading, charts: Charts) -> Diagnosis:
    w, s = m.words, m.analysis.scissors
    needs = m.items["needs"]
    return Diagnosis(
        head=head,
        major=bool(needs),
        needs=Table(
            w.gettext("Needs, by pressure"),
            (
                w.gettext("Need"),
                w.gettext("Domain"),
                w.gettext("Priority"),
                w.gettext("Urgency"),
                w.gettext("Trend"),
                w.gettext("People"),
                w.gettext("Pressure"),
            ),
            tuple(_need_row(m, need) for need in _by_pressure(needs)),
            w.gettext("No need recorded yet."),
        ),
        pressure_note=w.ngettext(
            "{n} need lacks a priority or an urgency: it has no pressure and comes last.",
            "{n} needs lack a priority or an urgency: they have no pressure and come last.",
            s.pressure_base.missing,
        )
        if needs and not s.pressure_base.complete
        else None,
        vote=_vote(m, charts),
        fragilities_title=w.gettext("Vulnerabilities"),
        fragilities=prose(m, "fragilities"),
        assets_title=w.gettext("Assets"),
        assets=prose(m, "assets"),
        resources=Table(
            w.gettext("Resources of the territory"),
            (
                w.gettext("Resource"),
                w.gettext("Type"),
                w.gettext("Availability"),
                w.gettext("Trend"),
            ),
            tuple(
                ResourceRow(
                    r["id"],
                    r["title"],
                    r["cites"],
                    r.get("description"),
                    w.gettext("Evidence: {text}", text=r["evidence"])
                    if r.get("evidence")
                    else None,
                    r.get("type_label") or NONE,
                    r.get("availability_label") or NONE,
                    r.get("trend_label") or NONE,
                )
                for r in m.items["resources"]
            ),
        ),
        details_title=w.gettext("The needs in detail"),
        details=tuple(_detail(w, need) for need in needs),
    )


def _by_pressure(needs: list[Item]) -> list[Item]:
    """Needs by pressure, highest first; those without one last, in their order."""
    pressed = sorted((n for n in needs if n["pressure"] is not None), key=lambda n: -n["pressure"])
    return pressed + [n for n in needs if n["pressure"] is None]


def _need_row(m: Material, need: Item) -> NeedRow:
    scored = need["pressure"] is not None
    return NeedRow(
        need["id"],
        need["title"],
        need.get("domain_label") or NONE,
        (need.get("priority_label") or NONE) if scored else NONE,
        (need.get("urgency_label") or NONE) if scored else NONE,
        need.get("trend_label") or NONE,
        m.fmt.amount(need.get("people_concerned"), money=False),
        m.fmt.number(need["pressure"]) if scored else NONE,
        need["pressure"],
    )


def _vote(m: Material, charts: Charts) -> Vote | None:
    w, fmt, vote = m.words, m.fmt, m.analysis.vote
    if vote is None:
        return None
    return Vote(
        title=w.gettext("The room's dot vote"),
        base=wording.vote_base(vote, fmt, m.lang),
        chart=charts.get("votes"),
        table=Table(
            "",
            (w.gettext("Need"), w.gettext("Domain"), w.gettext("Dots"), w.gettext("Share")),
            tuple(
                VoteRow(
                    n.id,
                    m.by_id[n.id]["title"],
                    m.by_id[n.id].get("domain_label") or NONE,
                    fmt.number(n.votes),
                    fmt.percent(n.share),
                )
                for n in vote.needs
            ),
        ),
    )


def _detail(w: Words, need: Item) -> NeedDetail:
    actions, partners = need["actions"], need["partners"]
    links = NeedLinks(
        who=w.gettext("Who: {public}.", public=need["public"]) if need.get("public") else None,
        actions=w.gettext("Actions: {ids}.", ids=", ".join(a["id"] for a in actions))
        if actions
        else None,
        partners=w.gettext("Partners: {ids}.", ids=", ".join(p["id"] for p in partners))
        if partners
        else None,
        alone=None if actions or partners else w.gettext("No partner and no action yet"),
    )
    body: list[Block] = [Paragraphs(need.get("description"))]
    if found := evidence(w, need):
        body.append(found)
    body.append(links)
    return NeedDetail(need["id"], need["title"], tuple(body))
