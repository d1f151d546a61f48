"""Completeness: answered questions among those that apply, per section, and what is missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.model import conditions, values
from coconstruct.model.questionnaire import Question, Questionnaire


@dataclass(frozen=True)
class SectionCompleteness:
    section: str
    answered: int
    applicable: int
    missing_required: list[str]  # paths, as in Completeness
    deferred: list[str]  # paths set aside, of this section's questions


@dataclass(frozen=True)
class Completeness:
    sections: list[SectionCompleteness]
    answered: int
    applicable: int
    ratio: float | None
    missing_required: list[str]  # paths such as needs[N3].priority
    deferred: list[str]


def completeness(
    answers: Mapping[str, Any], questionnaire: Questionnaire, deferred: Sequence[str] = ()
) -> Completeness:
    """Answered questions among those that apply; a list counts once, its items' fields too."""
    sections = []
    missing: list[str] = []
    for section in questionnaire.sections:
        answered = applicable = 0
        missing_here: list[str] = []
        for question in section.questions:
            if not conditions.is_shown(question.when, answers):
                continue
            applicable += 1
            value = answers.get(question.id)
            if _answered(question, value):
                answered += 1
            elif question.required:
                missing_here.append(question.id)
            if question.is_list and isinstance(value, list):
                for index, item in enumerate(value):
                    if not isinstance(item, dict):
                        continue
                    label = f"{question.id}[{item.get('id', index)}]"
                    context = {**answers, "item": item}
                    for fld in question.fields or []:
                        if not conditions.is_shown(fld.when, context):
                            continue
                        applicable += 1
                        if _answered(fld, item.get(fld.id)):
                            answered += 1
                        elif fld.required:
                            missing_here.append(f"{label}.{fld.id}")
        mine = {q.id for q in section.questions}
        deferred_here = [p for p in deferred if p.split("[", 1)[0] in mine]
        sections.append(
            SectionCompleteness(section.id, answered, applicable, missing_here, deferred_here)
        )
        missing += missing_here
    answered_total = sum(s.answered for s in sections)
    applicable_total = sum(s.applicable for s in sections)
    return Completeness(
        sections=sections,
        answered=answered_total,
        applicable=applicable_total,
        ratio=answered_total / applicable_total if applicable_total else None,
        missing_required=missing,
        deferred=list(deferred),
    )


def _answered(question: Question, value: Any) -> bool:
    if values.is_empty(value):
        return False
    try:
        values.coerce(question, value, "en")
    except values.InvalidValue:
        return False
    return True
