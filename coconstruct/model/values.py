"""Answers as values: turning typed text into a typed answer, and checking any answer's rules.

The interview, `set` and `validate` all go through here, so a value accepted by one is accepted
by the others, with the same message in the same language.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coconstruct.language.messages import N_, msg
from coconstruct.model.amounts import (
    Amount,
    AmountError,
    NotANumber,
    TooBig,
    UnclearNumber,
    magnitude_problem,
    said_decimal,
    too_big,
    within_limit,
)
from coconstruct.model.dates import ApproxDate, DateError
from coconstruct.model.questionnaire import NUMERIC_TYPES, Question, Questionnaire, text
from coconstruct.model.text import normalize_text


class InvalidValue(ValueError):
    """A value that breaks a type or rule; its message is already in the user's language."""

    unclear: UnclearNumber | None = None  # a number that reads two ways, when that is why


#: items of each list, as (id, title) pairs, for references
Items = Mapping[str, Sequence[tuple[str, str]]]


def items_index(questionnaire: Questionnaire, answers: dict[str, Any]) -> Items:
    """Every list's items as (id, title), for references."""
    index: dict[str, list[tuple[str, str]]] = {}
    for question in questionnaire.questions():
        if question.is_list:
            raw = answers.get(question.id)
            index[question.id] = [
                (str(item.get("id")), str(item.get(question.item_title or "", "") or ""))
                for item in (raw if isinstance(raw, list) else [])
                if isinstance(item, dict) and item.get("id") is not None
            ]
    return index


_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}


def parse(question: Question, raw: str, lang: str, items: Items | None = None) -> Any:
    """Turn text typed by a person (interview, `set`) into the answer to store; "" means none."""
    raw = normalize_text(raw)
    kind = question.type
    if kind == "textarea":
        return raw.strip("\n").rstrip() or None
    raw = raw.strip()
    if raw == "":
        return [] if question.is_multi else None
    if kind == "text":
        return " ".join(raw.split("\n"))
    if kind == "percent":
        return parse_number(raw, lang, kind)
    if kind in NUMERIC_TYPES:  # number, money: exact or approximate (`~200 000`, `inconnu`…)
        try:
            return Amount.parse(raw, lang, money=kind == "money").stored()
        except AmountError as exc:
            raise InvalidValue(str(exc)) from None
    if kind == "date":
        try:
            return ApproxDate.parse(raw, lang).stored()
        except DateError as exc:
            raise InvalidValue(str(exc)) from None
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise InvalidValue(msg("{value!r}: answer yes or no", lang, value=raw))
    if kind in ("select", "scale"):
        return _choice(question, raw, lang)
    if kind == "multiselect":
        return [_choice(question, part.strip(), lang) for part in raw.split(",") if part.strip()]
    if kind == "reference":
        options = list((items or {}).get(question.to or "", []))
        parts = [p.strip() for p in raw.split(",")] if question.multiple else [raw]
        refs = [_reference(question, part, options, lang) for part in parts if part]
        return refs if question.multiple else refs[0]
    raise InvalidValue(msg("text is expected", lang))


def parse_number(raw: str, lang: str, kind: str = "number") -> int | float:
    cleaned = raw.replace("€", "").replace("%", "").replace("EUR", "").strip()
    try:
        number = said_decimal(cleaned, lang, raw)
    except NotANumber:  # a plain number: no amount's syntax to suggest
        raise InvalidValue(msg("{value!r} is not a number", lang, value=raw)) from None
    except AmountError as exc:
        error = InvalidValue(str(exc))
        error.unclear = exc.unclear
        raise error from None
    if not within_limit(number):
        raise InvalidValue(too_big(raw, lang))
    if kind == "money":
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(number) if number == number.to_integral_value() else float(number)


def _choice(question: Question, raw: str, lang: str) -> str | int:
    wanted = raw.casefold()
    for choice in question.choices or []:
        if str(choice.id).casefold() == wanted:
            return choice.id
    for choice in question.choices or []:
        if any(label.casefold() == wanted for label in choice.label.values()):
            return choice.id
    # the start of one label only: « Intercommunalité » for « Intercommunalité (EPCI) »
    starting = {
        choice.id
        for choice in question.choices or []
        for label in choice.label.values()
        if label.casefold().startswith(wanted)
    }
    if len(starting) == 1:
        return starting.pop()
    raise InvalidValue(
        msg(
            "{value!r} is not one of the choices ({choices})",
            lang,
            value=raw,
            choices=", ".join(map(str, question.choice_ids)),
        )
    )


def _reference(question: Question, raw: str, options: list[tuple[str, str]], lang: str) -> str:
    for item_id, title in options:
        if item_id.casefold() == raw.casefold() or (title and title.casefold() == raw.casefold()):
            return item_id
    known = ", ".join(item_id for item_id, _ in options) or msg("no items yet", lang)
    raise InvalidValue(
        msg(
            "{value!r} is not an item of {target} ({choices})",
            lang,
            value=raw,
            target=question.to,
            choices=known,
        )
    )


def check(question: Question, value: Any, lang: str, items: Items | None = None) -> list[str]:
    """Every problem with a stored answer (type, choices, references, rules), in `lang`."""
    if is_empty(value):
        return [rule_message(question, "required", lang)] if question.required else []
    try:
        value = coerce(question, value, lang)
    except InvalidValue as exc:
        return [str(exc)]
    return _rules(question, value, lang, items)


def as_number(value: Any) -> float | None:
    """A stored exact numeric answer as a float, or None (booleans are not numbers here; an
    approximate amount is read with `as_amount`)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not within_limit(value):
        return None
    return float(value)


def as_amount(value: Any) -> Amount | None:
    """A stored number or money answer, exact or approximate, or None."""
    return Amount.from_stored(value)


def as_date(value: Any) -> ApproxDate | None:
    """A stored date answer (`2014`, `2016-10`, `2025-Q2`, `2016-10-03`), or None."""
    return ApproxDate.from_stored(value)


def display(value: Any) -> str:
    """A short, unambiguous rendering of a stored answer for messages."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(display(v) for v in value) + "]"
    if isinstance(value, str):
        return repr(str(value))
    return str(value)


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def coerce(question: Question, value: Any, lang: str) -> Any:
    """Check that a value read from YAML has the question's type; return it in canonical form."""
    kind = question.type
    if kind in ("text", "textarea"):
        if not isinstance(value, str):
            raise InvalidValue(msg("text is expected", lang))
        if kind == "text" and "\n" in value.strip():
            raise InvalidValue(msg("a single line is expected", lang))
        return value
    if (problem := magnitude_problem(value, lang)) is not None and kind in NUMERIC_TYPES:
        raise InvalidValue(problem)
    if kind == "percent":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidValue(msg("{value!r} is not a number", lang, value=value))
        if not 0 <= value <= 100:
            raise InvalidValue(msg("a percentage is between 0 and 100", lang))
        return value
    if kind in NUMERIC_TYPES:
        amount = Amount.from_stored(value)
        if amount is None:
            try:
                typed = _as_typed(lambda: Amount.parse(str(value), lang, kind == "money"), value)
            except TooBig as exc:  # `~1000000000000000000` written by hand
                raise InvalidValue(str(exc)) from None
            if typed is not None:
                raise InvalidValue(_write_as(value, typed.stored(), lang))
            raise InvalidValue(msg("{value!r} is not a number", lang, value=value))
        return amount
    if kind == "date":
        date = ApproxDate.from_stored(value)
        if date is None:
            typed_date = _as_typed(lambda: ApproxDate.parse(str(value), lang), value)
            if typed_date is not None:
                raise InvalidValue(_write_as(value, typed_date.stored(), lang))
            raise InvalidValue(
                msg(
                    "“{value}” is not a date (2027, 2027-03, 2027-Q1 or 2027-03-15)",
                    lang,
                    value=value,
                )
            )
        return date
    if kind == "boolean":
        if not isinstance(value, bool):
            raise InvalidValue(msg("{value!r}: write true or false", lang, value=value))
        return value
    if kind in ("select", "scale"):
        if isinstance(value, bool) or value not in question.choice_ids:
            raise InvalidValue(
                msg(
                    "{value!r} is not one of the choices ({choices})",
                    lang,
                    value=value,
                    choices=", ".join(map(str, question.choice_ids)),
                )
            )
        return value
    if question.is_multi:
        if not isinstance(value, list):
            raise InvalidValue(msg("a list is expected", lang))
        return value
    if kind == "reference":
        if not isinstance(value, str):
            raise InvalidValue(msg("text is expected", lang))
        return value
    if kind == "list":
        if not isinstance(value, list):
            raise InvalidValue(msg("a list is expected", lang))
        return value
    return value


def _rules(question: Question, value: Any, lang: str, items: Items | None) -> list[str]:
    problems: list[str] = []
    kind = question.type
    if kind == "multiselect":
        for chosen in value:
            if chosen not in question.choice_ids:
                problems.append(
                    msg(
                        "{value!r} is not one of the choices ({choices})",
                        lang,
                        value=chosen,
                        choices=", ".join(map(str, question.choice_ids)),
                    )
                )
        problems += _duplicates(value, lang)
    if kind == "reference" and items is not None:
        known = list(dict.fromkeys(item_id for item_id, _ in items.get(question.to or "", [])))
        for ref in value if isinstance(value, list) else [value]:
            if ref not in known:
                problems.append(
                    msg(
                        "{value!r} is not an item of {target} ({choices})",
                        lang,
                        value=ref,
                        target=question.to,
                        choices=", ".join(known) or msg("no items yet", lang),
                    )
                )
        if isinstance(value, list):
            problems += _duplicates(value, lang)
    low: float | None = None  # what `min` checks
    high: float | None = None  # what `max` checks
    unit = ""
    if isinstance(value, Amount):  # an approximate amount: its bounds (a floor has no top)
        low, high, unit = value.low, value.high, "number"
    elif kind in NUMERIC_TYPES:
        low = high = value
        unit = "number"
    elif kind in ("text", "textarea"):
        low = high = len(value)
        unit = "length"
    elif kind in ("list", "multiselect") or question.is_multi:
        low = high = len(value)
        unit = "items"
    if question.min is not None and low is not None and low < question.min:
        problems.append(rule_message(question, "min", lang, unit, question.min))
    if question.max is not None and high is not None and high > question.max:
        problems.append(rule_message(question, "max", lang, unit, question.max))
    if question.pattern and isinstance(value, str) and not re.search(question.pattern, value):
        problems.append(rule_message(question, "pattern", lang))
    return problems


def _duplicates(values: list[Any], lang: str) -> list[str]:
    seen: set[Any] = set()
    problems = []
    for value in values:
        if value in seen:
            problems.append(msg("{value!r} is chosen twice", lang, value=value))
        seen.add(value)
    return problems


def rule_message(
    question: Question, rule: str, lang: str, unit: str = "", limit: float | None = None
) -> str:
    custom = question.messages.get(rule)  # type: ignore[call-overload]
    if custom:
        return text(custom, lang)
    if rule in ("min", "max"):
        shown = int(limit) if limit is not None and float(limit).is_integer() else limit
        return msg(_LIMITS[rule, unit], lang, limit=shown)
    if rule == "pattern":
        return msg("does not match the expected format", lang)
    return msg("an answer is required", lang)


_LIMITS = {
    ("min", "number"): N_("must be at least {limit}"),
    ("max", "number"): N_("must be at most {limit}"),
    ("min", "length"): N_("must be at least {limit} characters long"),
    ("max", "length"): N_("must be at most {limit} characters long"),
    ("min", "items"): N_("at least {limit} items expected"),
    ("max", "items"): N_("at most {limit} items"),
}


def order_problem(
    question: Question,
    value: Any,
    earlier: Question,
    earlier_value: Any,
    lang: str,
    owner: str | None = None,
) -> str | None:
    """A date that comes before the one it cannot precede (`not_before`): an action's end
    before its start, a measure before its indicator's baseline (`owner`: that indicator).
    Approximate dates overlap without conflict (`2016` and `2016-03`)."""
    later_date, earlier_date = as_date(value), as_date(earlier_value)
    if later_date is None or earlier_date is None or not later_date.surely_before(earlier_date):
        return None
    if owner is not None:
        return msg(
            "earlier than “{other}” of {item} ({date})",
            lang,
            other=text(earlier.label, lang),
            item=owner,
            date=earlier_date.said(lang, "long"),
        )
    return msg(
        "earlier than “{other}” ({date})",
        lang,
        other=text(earlier.label, lang),
        date=earlier_date.said(lang, "long"),
    )


def total_problem(
    owner: Question,
    field: Question,
    figures: Sequence[Any],
    limits: Sequence[tuple[Question, Any]],
    lang: str,
) -> str | None:
    """A list's figures added up beyond the product of other answers (`total_at_most`): 40 dots
    on the needs when 3 voters had 5 each. Approximate figures count for their lower bound (what
    is sure); nothing is said while a factor is not an exact number."""
    factors = [as_number(value) for _, value in limits]
    if not factors or any(factor is None for factor in factors):
        return None
    most = math.prod(factor for factor in factors if factor is not None)
    amounts = [as_amount(figure) for figure in figures]
    total = sum(amount.low or 0 for amount in amounts if amount is not None)
    if total <= most:
        return None
    return msg(
        "“{field}” ({list}): {total} in all, more than the {most} possible ({product})",
        lang,
        field=text(field.label, lang),
        list=text(owner.label, lang),
        total=_figure(total),
        most=_figure(most),
        product=" × ".join(
            f"{text(question.label, lang)} {_figure(as_number(value) or 0)}"
            for question, value in limits
        ),
    )


def _figure(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _as_typed(read: Any, value: Any) -> Any:
    """What a value written by hand in the file means when read as typed text, or None."""
    if not isinstance(value, str):
        return None
    try:
        return read()
    except TooBig:
        raise
    except (DateError, AmountError):
        return None


def _write_as(value: Any, stored: Any, lang: str) -> str:
    """A hand-written `10/2019` in a file: say how the file writes it (`2019-10`)."""
    return msg("“{value}”: write it {stored} in the file", lang, value=value, stored=stored)


def computed_choice(
    question: Question, answers: Mapping[str, Any], item: Mapping[str, Any]
) -> str | None:
    """An item's choice left unanswered that its questionnaire computes from the item's other
    answers (the funding family from its source: a template default): the choice the interview
    proposes, the analysis counts and the export writes; None when nothing computes it.

    One rule for all of them, so that a family never written to the file (by `set` or `import`)
    is the same in `show`, the roadmap and the spreadsheet.
    """
    from coconstruct.model import conditions

    if question.type != "select" or not isinstance(question.default, str):
        return None
    if not conditions.is_template(question.default):
        return None
    computed = conditions.computed_default(question.default, {**answers, "item": item})
    return computed if computed in {str(c) for c in question.choice_ids} else None
