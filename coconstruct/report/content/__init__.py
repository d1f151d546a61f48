"""The roadmap's content, typed: every section with the words it says, computed once.

    answers + analysis ─▶ Material (labelled, linked) ─▶ Roadmap (sections of words and rows)
                                                         ├─▶ md/*.j2   ─▶ Markdown ─▶ Word, ODT
                                                         └─▶ html/*.j2 ─▶ HTML ─▶ PDF

Which sentence, which rows, which figure with which base, and what is said when data is missing
are decided here; a format's templates only lay the content out, so the formats cannot disagree.
Templates receive the fields of `Roadmap` as variables (see docs/roadmaps/templates.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from coconstruct.model.formatting import colon, semicolon
from coconstruct.report.chart_texts import ChartText, describe_all
from coconstruct.report.content import actors, annex, diagnosis, front, money, plan
from coconstruct.report.content.actors import Actors, Governance, Vision
from coconstruct.report.content.annex import Annex, Sources
from coconstruct.report.content.diagnosis import Context, Diagnosis
from coconstruct.report.content.front import Front, Summary
from coconstruct.report.content.material import Material
from coconstruct.report.content.money import Model
from coconstruct.report.content.plan import Actions, Calendar, Monitoring, Risks
from coconstruct.report.figures import missing
from coconstruct.report.parts import Charts, Doc, Heading, Phrase

if TYPE_CHECKING:
    from coconstruct.report.evolution import Evolution

#: the roadmap's sections, in order; « Évolutions » comes with `render --compare` only
SECTIONS = (
    "summary",
    "evolution",
    "context",
    "diagnosis",
    "actors",
    "vision",
    "actions",
    "model",
    "governance",
    "monitoring",
    "calendar",
    "risks",
    "annex",
    "sources",
)


@dataclass(frozen=True)
class Roadmap:
    """Everything the roadmap says, section by section, in the report's language."""

    lang: str
    colon: str  # a colon as the language writes it: « Besoins servis : », "Needs served:"
    semicolon: str
    doc: Doc
    front: Front
    summary: Summary
    evolution: Evolution | None  # with `render --compare` only
    context: Context
    diagnosis: Diagnosis
    actors: Actors
    vision: Vision
    actions: Actions
    model: Model
    governance: Governance
    monitoring: Monitoring
    calendar: Calendar
    risks: Risks
    annex: Annex
    sources: Sources
    chart_texts: dict[str, ChartText]  # every chart drawn, in words (the annex gives their data)

    def variables(self) -> dict[str, Any]:
        """The template variables: one per field."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def build(m: Material, evolution: Evolution | None = None) -> Roadmap:
    """The roadmap of one answers file (with « Évolutions » when an older version is given)."""
    heads = _headings(m, evolution.head.title if evolution else None)
    document = front.doc(m)
    texts = describe_all(m)
    charts = Charts(texts, missing(m), m.words.gettext("Data in the annex."))
    return Roadmap(
        lang=m.lang,
        colon=colon(m.lang),
        semicolon=semicolon(m.lang),
        doc=document,
        front=front.front(m, document, tuple(heads.values())),
        summary=front.summary(m, heads["summary"]),
        evolution=replace(evolution, head=heads["evolution"]) if evolution else None,
        context=diagnosis.context(m, heads["context"], charts),
        diagnosis=diagnosis.diagnosis(m, heads["diagnosis"], charts),
        actors=actors.actors(m, heads["actors"], charts),
        vision=actors.vision(m, heads["vision"]),
        actions=plan.actions(m, heads["actions"]),
        model=money.model(m, heads["model"], charts),
        governance=actors.governance(m, heads["governance"]),
        monitoring=plan.monitoring(m, heads["monitoring"], charts),
        calendar=plan.calendar(m, heads["calendar"], charts),
        risks=plan.risks(m, heads["risks"]),
        annex=annex.annex(m, heads["annex"]),
        sources=annex.sources(m, heads["sources"], texts),
        chart_texts=texts,
    )


def raw(m: Material) -> dict[str, Any]:
    """What a consultant's template may read beside the content: the answers as given (every
    question, None when unanswered), the choices' labels by question path (`needs.domain`), the
    questions' labels, the analysis, and a formatter of numbers, money and dates."""
    return {
        "answers": m.answers,
        "labels": m.labels,
        "questions": m.questions,
        "analysis": m.analysis,
        "fmt": m.fmt,
    }


def _headings(m: Material, evolution_title: Phrase | str | None) -> dict[str, Heading]:
    w = m.words
    titles: dict[str, Phrase | str | None] = {
        "summary": w.gettext("At a glance"),
        "evolution": evolution_title,
        "context": w.gettext("Context and scissor effect"),
        "diagnosis": w.gettext("Shared diagnosis"),
        "actors": w.gettext("Map of actors"),
        "vision": w.gettext("Vision and shared ambition"),
        "actions": w.gettext("Action plan"),
        "model": w.gettext("Hybrid model and financing plan"),
        "governance": w.gettext("Governance"),
        "monitoring": w.gettext("Monitoring and evaluation"),
        "calendar": w.gettext("Calendar and milestones"),
        "risks": w.gettext("Risks and success conditions"),
        "annex": w.gettext("Annex: open items and commitments"),
        "sources": w.gettext("Annex: sources, method and data"),
    }
    shown = [(key, titles[key]) for key in SECTIONS if titles[key] is not None]
    return {
        key: Heading(key, f"{number:02d}", title)
        for number, (key, title) in enumerate(shown, 1)
        if title is not None
    }


__all__ = ["Material", "Roadmap", "build"]
