"""The questionnaire in the words that fit a file's answers.

A section or a question may carry `variants:`, each a `when:` condition over the top-level
answers and the texts it replaces (a section's `title` and `intro`, a question's `label` and
`help`). A site documented from sources held no workshop: its first section reads « Le territoire
et les sources », its title question « Titre de la feuille de route ». The first variant whose
condition holds wins; a text it does not give stays the usual one. The result is a questionnaire
of the same shape (same ids, types and rules): only words change, never what is asked or checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

from coconstruct.model import conditions
from coconstruct.model.questionnaire import Model, Question, Questionnaire, Section, Variant

M = TypeVar("M", bound=Model)
_cache: dict[tuple[int, tuple[tuple[str, int], ...]], Questionnaire] = {}


def for_answers(questionnaire: Questionnaire, answers: Mapping[str, Any]) -> Questionnaire:
    """`questionnaire` itself when no variant holds, else a copy in the variants' words."""
    chosen = tuple(_chosen(questionnaire, answers))
    if not chosen:
        return questionnaire
    key = (id(questionnaire), chosen)
    if key not in _cache:
        if len(_cache) > 64:
            _cache.clear()
        picks = dict(chosen)
        _cache[key] = _copy(
            questionnaire,
            sections=[_section(section, picks) for section in questionnaire.sections],
        )
    return _cache[key]


def _chosen(q: Questionnaire, answers: Mapping[str, Any]) -> list[tuple[str, int]]:
    """Which variant of which section (`§id`) or question holds, by its index."""
    found: list[tuple[str, int]] = []
    context = dict(answers)
    for section in q.sections:
        index = _holds(section.variants, context)
        if index is not None:
            found.append((f"§{section.id}", index))
        for question in section.questions:
            for one in [question, *(question.fields or [])]:
                index = _holds(one.variants, context)
                if index is not None:
                    found.append((f"{question.id}.{one.id}", index))
    return found


def _holds(variants: list[Variant], context: Mapping[str, Any]) -> int | None:
    for index, variant in enumerate(variants):
        if conditions.holds(variant.when, context):
            return index
    return None


def _section(section: Section, picks: Mapping[str, int]) -> Section:
    questions = [_question(question, question.id, picks) for question in section.questions]
    index = picks.get(f"§{section.id}")
    words: dict[str, Any] = {}
    if index is not None:
        variant = section.variants[index]
        words = {k: v for k, v in (("title", variant.title), ("intro", variant.intro)) if v}
    return _copy(section, questions=questions, **words)


def _question(question: Question, top: str, picks: Mapping[str, int]) -> Question:
    changes: dict[str, Any] = {}
    if question.fields:
        changes["fields"] = [_question(field, top, picks) for field in question.fields]
    index = picks.get(f"{top}.{question.id}")
    if index is not None:
        variant = question.variants[index]
        changes |= {k: v for k, v in (("label", variant.label), ("help", variant.help)) if v}
    return _copy(question, **changes) if changes else question


def _copy(model: M, **changes: Any) -> M:
    """A new model with these fields changed, nothing cached carried over (ids, kinds)."""
    return dataclasses.replace(model, **changes)  # type: ignore[type-var]


def problems(
    name: str,
    variants: list[Variant],
    path: tuple[int | str, ...],
    where: Any,
    missing_langs: Any,
    texts: tuple[str, str],
) -> list[tuple[tuple[int, int] | None, str]]:
    """What `questionnaires check` says of the variants of a section (`texts`: title, intro) or
    a question (label, help): a condition that compiles, texts of its owner in every language."""
    from coconstruct.language.messages import msg

    found: list[tuple[tuple[int, int] | None, str]] = []
    other = {"title", "intro", "label", "help"} - set(texts)
    for index, variant in enumerate(variants):
        vpath = (*path, "variants", index)
        if error := conditions.syntax_error(variant.when, expression=True):
            found.append(
                (where(*vpath, "when"), msg("{name}: when: {problem}", name=name, problem=error))
            )
        for key in sorted(other):
            if getattr(variant, key) is not None:
                found.append(
                    (
                        where(*vpath, key),
                        msg(
                            "{name}: a variant here gives {texts}, not {key}",
                            name=name,
                            texts=" / ".join(texts),
                            key=key,
                        ),
                    )
                )
        if all(getattr(variant, key) is None for key in texts):
            found.append(
                (
                    where(*vpath),
                    msg(
                        "{name}: a variant gives {texts} (none given)",
                        name=name,
                        texts=" / ".join(texts),
                    ),
                )
            )
        for key in texts:
            if missing := missing_langs(getattr(variant, key)):
                found.append(
                    (
                        where(*vpath, key),
                        msg(
                            "{path}: missing language {languages}",
                            path=f"{name}.variants[{index}].{key}",
                            languages=", ".join(missing),
                        ),
                    )
                )
    return found
