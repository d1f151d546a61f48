"""« Plan d'actions », « Suivi et évaluation », « Calendrier et jalons » and « Risques »: what
is to be done, by whom, when, how it is followed, what could stop it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.report import wording
from coconstruct.report.content import measures
from coconstruct.report.content.diagnosis import evidence, prose
from coconstruct.report.content.material import Item, Material
from coconstruct.report.content.measures import ByYear
from coconstruct.report.parts import (
    Block,
    Cell,
    Chart,
    Charts,
    Heading,
    Pair,
    Paragraphs,
    Phrase,
    Prose,
    Ref,
    Refs,
    Table,
    Titled,
    Words,
    cell,
    named_row,
)

NONE = wording.NONE


@dataclass(frozen=True)
class Total:
    """The last line of a table: « Total », what it leaves out, and the sum."""

    label: Phrase
    notes: tuple[Phrase | str, ...]  # « 2 actions sans budget », the actions left out
    amount: str


@dataclass(frozen=True)
class ActionRow:
    id: str
    title: Any
    lead: str
    status: str
    dates: str
    budget: str

    @property
    def cells(self) -> tuple[Cell, ...]:
        return named_row(self.id, self.title, self.lead, self.status, self.dates, self.budget)


@dataclass(frozen=True)
class Sheet:
    """An action's sheet: its facts, then its body: its description, what it rests on, the
    needs it serves, its indicators (see `Block`)."""

    id: str
    title: Any
    axis: Phrase | None  # « Axe X1 · … »
    facts: tuple[Pair, ...]  # lead, horizon, partners, dates, alliance, budget, public, status
    body: tuple[Block, ...]


@dataclass(frozen=True)
class Actions:
    head: Heading
    major: bool
    table: Table[ActionRow]
    total: Total
    sheets: tuple[Sheet, ...]


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    title: Any
    cites: Sequence[int]
    baseline: str
    baseline_date: str  # "" when not given
    latest: str  # the latest measure, – when there is none
    latest_date: str
    target: str
    target_date: str
    progress: str
    latest_cites: Sequence[int] = ()  # the sources of the latest measure

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (
            cell(self.id),
            cell(self.title, strong=True, cites=self.cites),
            cell(self.baseline, self.baseline_date),
            cell(self.latest, self.latest_date, cites=self.latest_cites),
            cell(self.target, self.target_date),
            cell(self.progress),
        )


@dataclass(frozen=True)
class UndatedRow:
    """A measure whose date is not known, under its indicator: never on a time axis."""

    id: str
    indicator: Any  # `Ind1 · title`
    value: str
    cites: Sequence[int]

    @property
    def cells(self) -> tuple[Cell, ...]:
        return (cell(self.id), cell(self.indicator), cell(self.value, cites=self.cites))


@dataclass(frozen=True)
class ActionIndicators:
    id: str
    title: Any
    indicators: Any  # as typed (several lines, kept apart), or None
    to_define: Phrase  # « À définir », said when there are none

    @property
    def cells(self) -> tuple[Cell, ...]:
        said = cell(self.indicators, lines=True) if self.indicators else cell(self.to_define)
        return (cell(self.id), cell(self.title, strong=True), said)


@dataclass(frozen=True)
class Monitoring:
    head: Heading
    major: bool
    review: Phrase  # how often the roadmap is reviewed
    indicators: Table[IndicatorRow]
    progress_note: Phrase
    conflicts: tuple[Phrase, ...]  # figures of the same date that differ, with their sources
    results: Chart
    by_year: ByYear  # the measures year by year, beside the chart, each with its sources
    undated: Table[UndatedRow]  # measures whose date is not known: apart from the series
    by_action: Table[ActionIndicators]  # every action, when one has indicators
    none: Phrase | None  # « Aucun indicateur défini », when there is none at all


@dataclass(frozen=True)
class Horizon:
    label: Phrase | str
    titles: str  # the titles of its actions
    finished: bool = False  # the actions done, abandoned or ended before the workshop


@dataclass(frozen=True)
class Horizons:
    """« Actions par horizon »."""

    title: Phrase
    rows: tuple[Horizon, ...]  # the questionnaire's horizons that have actions
    beside: tuple[Horizon, ...]  # actions without a horizon, actions finished
    from_dates: Phrase | None  # which horizons follow from dates


@dataclass(frozen=True)
class Calendar:
    head: Heading
    major: bool
    next_meeting: Phrase | None
    agenda: Any
    timeline: Chart
    undated: Pair | None  # « Sans date : … », beside the calendar
    horizons: Horizons | None  # when some action has a horizon, or is finished


@dataclass(frozen=True)
class RiskRow:
    id: str
    title: Any
    likelihood: str
    impact: str
    score: str
    level: str | None  # high, medium, low: its colour; None without a score
    mitigation: Any

    @property
    def cells(self) -> tuple[Cell, ...]:
        return named_row(
            self.id, self.title, self.likelihood, self.impact, self.score, self.mitigation
        )


@dataclass(frozen=True)
class Risks:
    head: Heading
    major: bool
    table: Table[RiskRow]
    note: Phrase  # how the score is computed
    conditions_title: str
    conditions: Prose


def total(m: Material) -> Total:
    """The plan's total, « ≥ » when some action has no budget, and what it leaves out."""
    w, plan = m.words, m.analysis.plan
    notes: list[Phrase | str] = []
    if plan.unbudgeted:
        notes.append(
            w.ngettext(
                "{n} action without a budget",
                "{n} actions without a budget",
                len(plan.unbudgeted),
            )
        )
    if plan.dropped:
        notes.append(wording.dropped(m.analysis, m.lang, total=True))
    return Total(w.gettext("Total"), tuple(notes), wording.plan_budget(m.analysis, m.fmt))


def actions(m: Material, head: Heading) -> Actions:
    w = m.words
    items = m.items["actions"]
    return Actions(
        head=head,
        major=bool(items),
        table=Table(
            "",
            (
                w.gettext("Action"),
                w.gettext("Lead"),
                w.gettext("Status"),
                w.gettext("Dates"),
                w.gettext("Budget"),
            ),
            tuple(
                ActionRow(
                    action["id"],
                    action["title"],
                    action["lead_names"],
                    action.get("status_label") or NONE,
                    action["dates_text"],
                    action["budget_text"],
                )
                for action in items
            ),
            w.gettext("No action recorded yet."),
        ),
        total=total(m),
        sheets=tuple(_sheet(m, action) for action in items),
    )


def _sheet(m: Material, action: Item) -> Sheet:
    w = m.words
    axis = action["axis_item"]
    horizon: Phrase | str = action.get("horizon_label") or NONE
    if action["horizon_from_dates"]:
        horizon = w.join(horizon, w.gettext("from its dates"), between=", ")
    return Sheet(
        id=action["id"],
        title=action["title"],
        axis=w.gettext("Axis {id} · {title}", id=axis["id"], title=axis["title"]) if axis else None,
        facts=(
            Pair(w.ngettext("Lead", "Leads", len(action["lead_items"])), action["lead_names"]),
            Pair(w.gettext("Horizon"), horizon),
            Pair(
                w.gettext("Partners"),
                ", ".join(str(p["name"]) for p in action["partner_items"]) or NONE,
            ),
            Pair(w.gettext("Dates"), action["dates_text"]),
            Pair(w.gettext("Alliance"), action.get("alliance_form_label") or NONE),
            Pair(w.gettext("Budget"), action["budget_text"]),
            Pair(w.gettext("For whom"), action.get("public") or NONE),
            Pair(w.gettext("Status"), action.get("status_label") or NONE),
        ),
        body=_body(w, action),
    )


def _body(w: Words, action: Item) -> tuple[Block, ...]:
    """What an action's sheet says below its facts, in this order."""
    body: list[Block] = [Paragraphs(action.get("description"))]
    if found := evidence(w, action):
        body.append(found)
    served = tuple(Ref(need["id"], need["title"]) for need in action["needs"])
    body.append(Refs(w.gettext("Needs served"), served, w.gettext("None")))
    if indicators := action.get("indicators"):  # as typed: lines typed apart stay apart
        body.append(Titled(w.gettext("Indicators"), indicators))
    return tuple(body)


def monitoring(m: Material, head: Heading, charts: Charts) -> Monitoring:
    w, fmt = m.words, m.fmt
    frequency = m.answers.get("review_frequency")
    indicators = m.items["indicators"]
    actions = m.items["actions"]
    to_define = w.gettext("To be defined")
    return Monitoring(
        head=head,
        major=bool(indicators),
        review=w.gettext(
            "The steering committee reviews the roadmap on a {frequency} basis, with the "
            "indicators below.",
            frequency=m.labels["review_frequency"][frequency].lower(),
        )
        if frequency
        else w.gettext("The review frequency of the roadmap is still to be set."),
        indicators=Table(
            w.gettext("Results indicators"),
            (
                w.gettext("Indicator"),
                w.gettext("Baseline"),
                w.gettext("Latest measure"),
                w.gettext("Target"),
                w.gettext("Progress"),
            ),
            tuple(
                IndicatorRow(
                    i["id"],
                    i["title"],
                    i["cites"],
                    i["baseline_text"],
                    i["baseline_date_text"],
                    i["latest"]["value_text"] if i["latest"] else NONE,
                    i["latest"]["date_text"] if i["latest"] else "",
                    i["target_text"],
                    i["target_date_text"],
                    fmt.ratio(i["progress"]),
                    i["latest"]["cites"] if i["latest"] else (),
                )
                for i in indicators
            ),
        ),
        progress_note=w.gettext(
            "Progress: how far the latest measure has come from the baseline towards the "
            "target; not given from a floor, a range or a value not known."
        ),
        conflicts=measures.conflicts(m),
        results=charts.get("results"),
        by_year=measures.by_year(m),
        undated=Table(
            w.gettext("Measures whose date is not known"),
            (w.gettext("Indicator"), w.gettext("Value")),
            tuple(
                UndatedRow(
                    measure["id"],
                    f"{i['id']} · {i['title']}",
                    measure["value_text"],
                    m.by_id[measure["id"]]["cites"] if measure["id"] in m.by_id else (),
                )
                for i in indicators
                for measure in i["undated"]
            ),
        ),
        by_action=Table(
            w.gettext("Indicators of the actions"),
            (w.gettext("Action"), w.gettext("Indicators and targets")),
            tuple(
                ActionIndicators(a["id"], a["title"], a.get("indicators"), to_define)
                for a in actions
            )
            if any(a.get("indicators") for a in actions)
            else (),
        ),
        none=None
        if indicators or any(a.get("indicators") for a in actions)
        else w.gettext("No indicator defined yet."),
    )


def calendar(m: Material, head: Heading, charts: Charts) -> Calendar:
    w, fmt, plan = m.words, m.fmt, m.analysis.plan
    meeting, agenda = m.answers.get("next_meeting"), m.answers.get("next_meeting_agenda")
    timeline = charts.get("timeline")

    def titles(ids: list[str]) -> str:
        return " · ".join(str(m.by_id[i]["title"]) for i in ids if i in m.by_id)

    horizons = m.labels.get("actions.horizon", {})
    beside = []
    if plan.by_horizon.get(""):
        beside.append(Horizon(w.gettext("No horizon set"), titles(plan.by_horizon[""])))
    if plan.finished:
        done = (
            w.gettext("Done, abandoned or ended before the workshop")
            if m.workshop_held
            else w.gettext("Done, abandoned or ended before the date of the data")
        )
        beside.append(Horizon(done, titles(plan.finished), finished=True))
    return Calendar(
        head=head,
        major=timeline.text is not None,
        next_meeting=w.gettext("Next meeting: {date}", date=fmt.date(meeting)) if meeting else None,
        agenda=agenda if meeting else None,
        timeline=timeline,
        undated=Pair(w.gettext("Without a date:"), titles(plan.undated))
        if plan.undated and plan.timeline
        else None,
        horizons=Horizons(
            title=w.gettext("Actions by horizon"),
            rows=tuple(
                Horizon(label, titles(plan.by_horizon[key]))
                for key, label in horizons.items()
                if plan.by_horizon.get(key)
            ),
            beside=tuple(beside),
            from_dates=(
                w.gettext(
                    "The horizon of {ids} follows from its dates, counted from the workshop.",
                    ids=", ".join(plan.horizon_from_dates),
                )
                if m.workshop_held
                else w.gettext(
                    "The horizon of {ids} follows from its dates, counted from the date of the "
                    "data.",
                    ids=", ".join(plan.horizon_from_dates),
                )
            )
            if plan.horizon_from_dates
            else None,
        )
        if plan.by_horizon or plan.finished
        else None,
    )


def risks(m: Material, head: Heading) -> Risks:
    w = m.words
    items = m.items["risks"]
    return Risks(
        head=head,
        major=bool(items),
        table=Table(
            "",
            (
                w.gettext("Risk"),
                w.gettext("Likelihood"),
                w.gettext("Impact"),
                w.gettext("Score"),
                w.gettext("Mitigation"),
            ),
            tuple(
                RiskRow(
                    risk["id"],
                    risk["title"],
                    risk.get("likelihood_label") or NONE,
                    risk.get("impact_label") or NONE,
                    str(risk["score"]) if risk["score"] else NONE,
                    risk["level"] if risk["score"] else None,
                    risk.get("mitigation") or NONE,
                )
                for risk in items
            ),
            w.gettext("No risk entered."),
        ),
        note=w.gettext(
            "Score = likelihood × impact, from 1 to 25; 15 and above is high, 8 to 14 medium."
        ),
        conditions_title=m.questions["success_conditions"],
        conditions=prose(m, "success_conditions"),
    )
