"""Answers as people read them: choice labels, French numbers and dates, item titles.

The review screen of the interview and `show` both print answers for a room to read; they share
these functions so that an answer looks the same on every screen. No terminal code here.
"""

from __future__ import annotations

from typing import Any

from coconstruct.i18n import msg
from coconstruct.questionnaire import NUMERIC_TYPES, Question, text
from coconstruct.values import Items, as_date, is_empty


def number(value: float, lang: str, decimals: int | None = None) -> str:
    """`12 500,5` in French, `12,500.5` in English (babel, with the locale's own spaces).

    Digits are grouped from five on, as French typography does: a year stays `2027`.
    """
    from babel.numbers import format_decimal

    group = "#,##0" if abs(value) >= 10_000 else "0"
    pattern = group + (".##" if decimals is None else "." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=lang))


def money(value: float, lang: str, currency: str = "EUR") -> str:
    """`1 200 €` in French, `€1,200` in English, as the report prints it (babel's patterns)."""
    from babel import Locale
    from babel.numbers import format_currency

    pattern = Locale.parse(lang).currency_formats["standard"].pattern
    if float(value).is_integer():
        pattern = pattern.replace(".00", "")  # whole amounts without cents
    return str(format_currency(value, currency, format=pattern, currency_digits=False, locale=lang))


def percent(share: float, lang: str) -> str:
    """A share between 0 and 1: `46 %` in French, `46%` in English (babel)."""
    from babel.numbers import format_percent

    return str(format_percent(share, locale=lang))


def date(value: Any, lang: str) -> str:
    """`15/03/2027` in French (what the interview accepts back), ISO in English."""
    day = as_date(value)
    if day is None:
        return str(value)
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()


def as_input(question: Question, value: Any, lang: str) -> str:
    """A stored answer as text to pre-fill a text prompt (parsed back by values.parse)."""
    if is_empty(value):
        return ""
    if question.type in NUMERIC_TYPES and isinstance(value, int | float):
        return number(value, lang)
    if question.type == "date":
        return date(value, lang)
    return str(value)


def choice_label(question: Question, value: Any, lang: str) -> str:
    choice = question.choice(value)
    if choice is None:
        return str(value)
    label = text(choice.label, lang)
    return f"{choice.id} · {label}" if question.type == "scale" else label


def level(value: Any, question: Question) -> str:
    """A level of a scale as ●●●○○, out of the scale's highest level."""
    top = max((c.id for c in question.choices or [] if isinstance(c.id, int)), default=5)
    if isinstance(value, bool) or not isinstance(value, int):
        return "—"
    return "●" * value + "○" * max(top - value, 0)


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
        if kind == "boolean":
            return msg("Yes", lang) if value else msg("No", lang)
        if kind == "money":
            return money(value, lang, currency)
        if kind == "percent":
            return percent(value / 100, lang)
        if kind == "number":
            unit = text(question.unit, lang)
            return number(value, lang) + (f"\u00a0{unit}" if unit else "")
        if kind == "date":
            return date(value, lang)
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
            colon = " : " if lang == "fr" else ": "
            count = msg("1 item", lang) if len(names) == 1 else msg("{n} items", lang, n=len(names))
            return count + (colon + ", ".join(names) if names else "")
    except (TypeError, ValueError, ArithmeticError):
        pass  # a hand-edited answer of the wrong type: show it as written; validate reports it
    return " ".join(str(value).split())
