"""Answers as values: turning typed text into a typed answer, and checking any answer's rules.

The interview, `set` and `validate` all go through here, so a value accepted by one is accepted
by the others, with the same message in the same language. What depends on a question's type is
its type's (`question.kind`, model/question_types/); what is the same for every type (an empty
answer, `required`, the rules' messages, dates in order, totals) is here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import N_, msg
from coconstruct.model.amounts import (
    Amount,
    AmountError,
    NotANumber,
    UnclearNumber,
    said_decimal,
    too_big,
    within_limit,
)
from coconstruct.model.dates import ApproxDate
from coconstruct.model.text import normalize_text, text

if TYPE_CHECKING:  # the questionnaire's questions know their type, which uses what is here
    from coconstruct.model.questionnaire import Question, Questionnaire


class InvalidValue(ValueError):
    """A value that breaks a type or rule; its message is already in the user's language."""

    unclear: UnclearNumber | None = None  # a number that reads two ways, when that is why


#: items of each list, as (id, title) pairs, for references
Items = Mapping[str, Sequence[tuple[str, str]]]


def items_index(questionnaire: Questionnaire, answers: dict[str, Any]) -> Items:
    """Every list's items as (id, title), for references."""
    return {q.id: list_items(q, answers.get(q.id)) for q in questionnaire.questions() if q.is_list}


def list_items(question: Question, raw: Any) -> list[tuple[str, str]]:
    """One list's items as (id, title)."""
    return [
        (str(item.get("id")), item_title(question, item))
        for item in (raw if isinstance(raw, list) else [])
        if isinstance(item, dict) and item.get("id") is not None
    ]


def item_title(question: Question, item: Mapping[str, Any]) -> str:
    return str(item.get(question.item_title or "", "") or "")


def parse(question: Question, raw: str, lang: str, items: Items | None = None) -> Any:
    """Turn text typed by a person (interview, `set`) into the answer to store; "" means none."""
    return question.kind.parse(normalize_text(raw), lang, items)


def parse_number(raw: str, lang: str) -> int | float:
    """A plain number typed in `lang` (`12,5`, `12.5 %`): a percentage, a figure of a table."""
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
    return int(number) if number == number.to_integral_value() else float(number)


def check(question: Question, value: Any, lang: str, items: Items | None = None) -> list[str]:
    """Every problem with a stored answer (type, choices, references, rules), in `lang`."""
    if is_empty(value):
        return [rule_message(question, "required", lang)] if question.required else []
    try:
        value = coerce(question, value, lang)
    except InvalidValue as exc:
        return [str(exc)]
    return question.kind.problems(value, lang, items)


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


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def coerce(question: Question, value: Any, lang: str) -> Any:
    """Check that a value read from YAML has the question's type; return it in canonical form."""
    return question.kind.coerce(value, lang)


def rule_message(
    question: Question, rule: str, lang: str, unit: str = "", limit: float | None = None
) -> str:
    """What a broken rule says: the question's own message (`messages:`) or ours, with the
    limit and what it counts (`unit`: `value`, `length` or `items`)."""
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
    ("min", "value"): N_("must be at least {limit}"),
    ("max", "value"): N_("must be at most {limit}"),
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


def computed_choice(
    question: Question, answers: Mapping[str, Any], item: Mapping[str, Any]
) -> str | None:
    """An item's choice left unanswered that its questionnaire computes from the item's other
    answers (the funding family from its source: a template default): the choice the interview
    proposes, the analysis counts and the export writes; None when nothing computes it.

    One rule for all of them, so that a family never written to the file (by `set` or `import`)
    is the same in `show`, the roadmap and the spreadsheet.
    """
    return question.kind.computed_choice(answers, item)
