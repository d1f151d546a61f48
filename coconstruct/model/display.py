"""Answers as people read them: choice labels, French numbers and dates, item titles.

The review screen of the interview and `show` both print answers for a room to read; they share
these functions so that an answer looks the same on every screen. How each type reads is its
type's (`question.kind`); no terminal code here.
"""

from __future__ import annotations

from typing import Any

from coconstruct.model.formatting import formatter
from coconstruct.model.questionnaire import Question
from coconstruct.model.values import Items, is_empty


def as_input(question: Question, value: Any, lang: str) -> str:
    """A stored answer as text to pre-fill a text prompt (parsed back by values.parse)."""
    if is_empty(value):
        return ""
    return question.kind.as_input(value, formatter(lang))


def level(value: Any, question: Question) -> str:
    """A level of a scale as ●●●○○, out of the scale's highest level; "—" for no level of it."""
    return question.kind.gauge(value) or "—"


def answer(
    question: Question,
    value: Any,
    lang: str,
    items: Items | None = None,
    currency: str = "EUR",
) -> str:
    """One line a room can read: labels rather than ids, formatted numbers, item titles."""
    return question.kind.answer(value, lang, formatter(lang, currency), items)
