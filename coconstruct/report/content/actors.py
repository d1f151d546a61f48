"""« Cartographie des acteurs », « Vision et ambition commune » and « Gouvernance »: who takes
part and how, what they aim at, who steers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.report import wording
from coconstruct.report.content.diagnosis import prose
from coconstruct.report.content.material import Material
from coconstruct.report.content.words import RoomQuestion, room_questions
from coconstruct.report.parts import (
    Cell,
    Chart,
    Charts,
    Heading,
    Pair,
    Phrase,
    Prose,
    Table,
    cell,
)
from coconstruct.report.wording import quadrant_names

NONE = wording.NONE


@dataclass(frozen=True)
class PartnerRow:
    id: str
    name: Any
    cites: Sequence[int]
    type: str
    commitment: str
    alliance: str
    subtype: str | None  # the kind of its form of alliance (« Mécénat financier »)
    attitude: str
    attitude_key: str | None  # champion, soutien, neutre, reserve, opposant: its colour

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            cell(self.id),
            cell(self.name, strong=True, cites=self.cites),
            cell(self.type),
            cell(self.commitment),
            cell(self.alliance, self.subtype),
            cell(self.attitude),
        )


@dataclass(frozen=True)
class Grid:
    """The stakeholder grid: the chart, and its quadrants as a table."""

    title: Phrase
    chart: Chart
    quadrants: Table[Pair]  # quadrant → the names of its partners
    off_grid: Phrase | None  # partners without power or interest, when there are some


@dataclass(frozen=True)
class FormRow:
    label: str
    partners: Phrase | str  # « 3 partenaires », or – when no partner has a form
    actions: Phrase | str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.label), cell(self.partners), cell(self.actions))


@dataclass(frozen=True)
class PersonRow:
    name: Any
    organisation: Any
    type: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.name), cell(self.organisation), cell(self.type))


@dataclass(frozen=True)
class Actors:
    head: Heading
    major: bool
    partners: Table[PartnerRow]
    grid: Grid
    types_title: Phrase
    types: tuple[Pair, ...]  # each type of actor present, and how many partners
    types_missing: Pair | None  # « Absents du tableau : … »
    forms: Table[FormRow]
    forms_base: str | None  # on how many partners and actions the counts rest, when not all
    missing_actors_title: Phrase
    missing_actors: Any  # « Acteurs à associer », as typed
    people: Table[PersonRow]  # « Dans la salle »


@dataclass(frozen=True)
class Goal:
    """A Sustainable Development Goal as its tile says it: number 6, name `Eau propre…` (of the
    label `ODD 6 – Eau propre…`)."""

    id: str
    number: str
    name: str


@dataclass(frozen=True)
class AxisRow:
    id: str
    title: Any
    objective: Any
    actions: int
    budget: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        title = cell(self.title, self.objective, strong=True)
        return (cell(self.id), title, cell(self.actions), cell(self.budget))


@dataclass(frozen=True)
class Vision:
    head: Heading
    major: bool
    text: Prose
    goals_title: Phrase
    goals: tuple[Goal, ...]
    axes: Table[AxisRow]
    room_title: Phrase  # « Les mots de la salle »
    room: tuple[RoomQuestion, ...]  # the open questions asked to the phones (words.py)


@dataclass(frozen=True)
class LeadRow:
    partner: Any
    leads: str
    joins: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.partner), cell(self.leads), cell(self.joins))


@dataclass(frozen=True)
class Committee:
    title: str
    text: Prose


@dataclass(frozen=True)
class Governance:
    head: Heading
    major: bool
    facts: tuple[Pair, ...]
    committees: tuple[Committee, Committee]  # steering, technical
    leads: Table[LeadRow]  # « Qui porte quoi »


def actors(m: Material, head: Heading, charts: Charts) -> Actors:
    w, p = m.words, m.analysis.partners
    partners = m.items["partners"]
    type_names = m.labels.get("partners.actor_type", {})
    forms = m.labels.get("partners.alliance_form", {})
    return Actors(
        head=head,
        major=bool(partners),
        partners=Table(
            "",
            (
                w.gettext("Partner"),
                w.gettext("Type"),
                w.gettext("Commitment"),
                w.gettext("Alliance"),
                w.gettext("Attitude"),
            ),
            tuple(
                PartnerRow(
                    partner["id"],
                    partner["name"],
                    partner["cites"],
                    partner.get("actor_type_label") or NONE,
                    partner.get("commitment_label") or NONE,
                    partner.get("alliance_form_label") or NONE,
                    partner.get("alliance_subtype_label"),
                    partner.get("attitude_label") or NONE,
                    partner.get("attitude"),
                )
                for partner in partners
            ),
            w.gettext("No partner recorded yet."),
        ),
        grid=_grid(m, charts),
        types_title=w.gettext("Types of actors"),
        types=tuple(
            Pair(type_names.get(key) or key, count) for key, count in p.types_present.items()
        ),
        types_missing=Pair(
            w.gettext("Missing from the table:"),
            ", ".join(str(type_names.get(key)) for key in p.types_missing),
        )
        if p.types_missing and m.workshop_held  # the types no source names say nothing
        else None,
        forms=Table(
            w.gettext("Forms of alliance"),
            (w.gettext("Partners"), w.gettext("Actions")),
            tuple(
                FormRow(
                    label,
                    w.ngettext("{n} partner", "{n} partners", p.alliance_forms.get(key, 0))
                    if p.alliance_form_base.n
                    else NONE,
                    w.ngettext("{n} action", "{n} actions", p.action_alliance_forms.get(key, 0))
                    if p.action_alliance_form_base.n
                    else NONE,
                )
                for key, label in forms.items()
            ),
        ),
        forms_base=wording.alliance_form_base(m.analysis, m.lang)
        if p.alliance_form_base.missing or p.action_alliance_form_base.missing
        else None,
        missing_actors_title=w.gettext("Actors still to involve"),
        missing_actors=m.answers.get("missing_actors"),
        people=Table(
            w.gettext("In the room"),
            (w.gettext("Participant"), w.gettext("Organisation and role"), w.gettext("Type")),
            tuple(
                PersonRow(
                    person["name"],
                    person.get("organisation") or NONE,
                    person.get("actor_type_label") or NONE,
                )
                for person in m.items["participants"]
            ),
        ),
    )


def _grid(m: Material, charts: Charts) -> Grid:
    w, p = m.words, m.analysis.partners
    names = quadrant_names(m.lang)

    def named(ids: list[str]) -> list[str]:
        return [str(m.by_id[i]["name"]) for i in ids if i in m.by_id]

    return Grid(
        title=w.gettext("Stakeholder grid"),
        chart=charts.get(
            "stakeholders",
            w.gettext(
                "Each partner by its power over the project and its interest in it (levels 4 "
                "and 5 count as high), coloured by attitude."
            ),
        ),
        quadrants=Table(
            "",
            (w.gettext("Quadrant"), w.gettext("Partners")),
            tuple(
                Pair(names[key], " · ".join(named(ids))) for key, ids in p.quadrants.items() if ids
            ),
            view=lambda quadrant: (cell(quadrant.label, strong=True), cell(quadrant.value)),
        ),
        off_grid=w.gettext(
            "Not on the grid, power or interest not given: {names}.",
            names=", ".join(named(p.without_grid)),
        )
        if p.without_grid
        else None,
    )


def vision(m: Material, head: Heading) -> Vision:
    w = m.words
    sdgs = m.labels.get("sdgs", {})
    axes = m.items["axes"]
    text = prose(m, "vision")
    room = room_questions(m)
    return Vision(
        head=head,
        major=bool(text.text or axes or room),
        text=text,
        goals_title=w.gettext("Sustainable Development Goals"),
        goals=tuple(
            Goal(str(key), str(key).replace("odd", ""), sdgs.get(key, key).split(" – ")[-1])
            for key in m.answers.get("sdgs") or []
        ),
        axes=Table(
            w.gettext("Strategic axes"),
            (w.gettext("Axis and objective"), w.gettext("Actions"), w.gettext("Budget")),
            tuple(
                AxisRow(
                    axis["id"],
                    axis["title"],
                    axis.get("objective"),
                    len(axis["actions"]),
                    axis["budget_text"],
                )
                for axis in axes
            ),
        ),
        room_title=w.gettext("The room's words"),
        room=room,
    )


def governance(m: Material, head: Heading) -> Governance:
    w, answers, q = m.words, m.answers, m.questions
    frequency = answers.get("review_frequency")
    agreement = answers.get("agreement")
    steering, technical = answers.get("steering_committee"), answers.get("technical_committee")
    return Governance(
        head=head,
        major=bool(steering or technical),
        facts=(
            Pair(q["catalyst"], answers.get("catalyst") or NONE),
            Pair(
                q["review_frequency"],
                m.labels["review_frequency"][frequency] if frequency else NONE,
            ),
            Pair(
                q["agreement"],
                w.gettext("yes")
                if agreement is True
                else w.gettext("not yet")
                if agreement is False
                else NONE,
            ),
        ),
        committees=(
            Committee(q["steering_committee"], prose(m, "steering_committee")),
            Committee(q["technical_committee"], prose(m, "technical_committee")),
        ),
        leads=Table(
            w.gettext("Who leads what"),
            (w.gettext("Partner"), w.gettext("Leads"), w.gettext("Takes part in")),
            tuple(
                LeadRow(
                    partner["name"],
                    ", ".join(a["id"] for a in partner["lead_actions"]) or NONE,
                    ", ".join(a["id"] for a in partner["joins"]) or NONE,
                )
                for partner in m.items["partners"]
                if partner["involved"]
            ),
        ),
    )
