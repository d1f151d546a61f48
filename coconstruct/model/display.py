"""Answers as people read them: choice labels, French numbers and dates, item titles.

The review screen of the interview and `show` both print answers for a room to read; they share
these functions so that an answer looks the same on every screen. No terminal code here.
"""

from __future__ import annotations

from typing import Any

from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg
from coconstruct.model.formatting import formatter
from coconstruct.model.questionnaire import NUMERIC_TYPES, Question, text
from coconstruct.model.values import Items, is_empty


def as_input(question: Question, value: Any, lang: str) -> str:
    """A stored answer as text to pre-fill a text prompt (parsed back by values.parse)."""
    if is_empty(value):
        return ""
    if question.type in NUMERIC_TYPES and isinstance(value, int | float):
        return formatter(lang).number(value, digits=_decimals(value))
    if question.type == "date":
        return formatter(lang).numeric_date(value)
    return str(value)


def _decimals(value: float) -> int:
    """As many decimals as the value has (up to 6): `1 200,5` stays `1 200,5` when typed back."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def choice_label(question: Question, value: Any, lang: str) -> str:
    choice = question.choice(value)
    if choice is None:
        return str(value)
    label = text(choice.label, lang)
    return f"{choice.id} · {label}" if question.type == "scale" else label


def level(value: Any, question: Question) -> str:
    """A level of a scale as ●●●○○, out of the scale's highest level; "—" for no level of it."""
    levels = [c.id for c in question.choices or [] if isinstance(c.id, int)]
    if isinstance(value, bool) or not isinstance(value, int) or value not in levels:
        return "—"  # a 9 on a 1–5 scale is no level: validate reports it
    return "●" * value + "○" * (max(levels) - value)


def item_label(item_id: str, title: str) -> str:
    return f"{item_id} · {title}" if title else item_id


def answer(
    question: Question,
    value: Any,
    lang: str,
    items: Items | None = None,
    currency: str = "EUR",
) -> str:
    """One line a room can read: labels rather than ids, formatted numbers, item titles."""
    if is_empty(value):
        return "—"
    kind = question.type
    try:
        if kind in ("select", "scale"):
            return choice_label(question, value, lang)
        if kind == "multiselect":
            return ", ".join(choice_label(question, v, lang) for v in value)
        if kind == "boolean" and isinstance(value, bool):  # `peut-être` written by hand: as is
            return msg("Yes", lang) if value else msg("No", lang)
        fmt = formatter(lang, currency)
        if kind == "money":  # exact or approximate: « ≈ 3 000 000 € », « 15 000 € à 20 000 € »
            return fmt.amount(value)
        if kind == "percent":
            return fmt.percent(value / 100, _decimals(value))
        if kind == "number":
            return fmt.amount(
                value,
                money=False,
                unit=text(question.unit, lang) or "",
                unit_one=text(question.unit_one, lang) or "",
            )
        if kind == "date":  # as the roadmap says it: « octobre 2021 », « 19 novembre 2026 »
            return fmt.date(value)
        if kind == "reference":
            titles = dict((items or {}).get(question.to or "", []))
            refs = value if isinstance(value, list) else [value]
            return ", ".join(item_label(str(r), titles.get(str(r), "")) for r in refs)
        if kind == "list":
            names = [
                str(item.get(question.item_title or "", "") or item.get("id"))
                for item in value
                if isinstance(item, dict)
            ]
            colon = locale_for(lang).plain_colon
            count = msg("1 item", lang) if len(names) == 1 else msg("{n} items", lang, n=len(names))
            return count + (colon + ", ".join(names) if names else "")
    except (TypeError, ValueError, ArithmeticError):
        pass  # a hand-edited answer of the wrong type: show it as written; validate reports it
    return " ".join(str(value).split())
