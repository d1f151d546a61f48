"""`number`, `money` and `percent`: figures, read and written as each language writes them.

A number or an amount of money may be approximate: estimated (`~200000`), a floor (`>=700000`),
a range (`15000-20000`) or not known (`unknown`); `min` and `max` apply to every figure given.
A percentage is one exact figure between 0 and 100.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from coconstruct.language.messages import msg
from coconstruct.model.amounts import Amount, AmountError, TooBig, magnitude_problem
from coconstruct.model.question_types.common import (
    Describe,
    Measure,
    QuestionType,
    Schema,
    write_as,
)
from coconstruct.model.text import text
from coconstruct.model.values import InvalidValue, Items, as_amount, as_number, parse_number

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire


class Numeric(QuestionType):
    """A figure; `min` and `max` apply to every figure an answer gives."""

    #: what the JSON Schema says of any answer of the type, before the question's `min`/`max`
    bounds: ClassVar[dict[str, Any]] = {"type": "number"}
    #: an amount of money, in the questionnaire's currency
    money: ClassVar[bool] = False

    def coerce(self, value: Any, lang: str) -> Any:
        if (problem := magnitude_problem(value, lang)) is not None:
            raise InvalidValue(problem)
        return self.figure(value, lang)

    @abstractmethod
    def figure(self, value: Any, lang: str) -> Any:
        """A stored value of a sensible size as this type's answer (see `coerce`)."""

    def measure(self, value: Any) -> Measure:
        if isinstance(value, Amount):  # an approximate amount: its bounds (a floor has no top)
            return Measure(value.low, value.high, "value")
        return Measure(value, value, "value")

    def as_input(self, value: Any, fmt: Formatter) -> str:
        if isinstance(value, int | float):
            return fmt.figure(value)  # every decimal kept: `1 200,5` is typed back as it was
        return str(value)

    def cell_text(self, value: Any, lang: str, fmt: Formatter, numbers: str | None) -> str:
        if isinstance(value, str) and numbers:
            value = self.read_figure(value, numbers, lang, fmt)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self.as_input(value, fmt)
        return super().cell_text(value, lang, fmt, numbers)

    @abstractmethod
    def read_figure(self, raw: str, numbers: str, lang: str, fmt: Formatter) -> Any:
        """Text of a spreadsheet's number column, read in the language the table writes numbers
        in (`numbers`): an exact number, or an approximate amount as the answers file's language
        types it (`fmt`: « au moins 700 000 € » for `at least €700,000`). Text that is no number
        there is left as it is, for `set` to say what is wrong with it in the file's language;
        a number that reads two ways is refused here, never left to the file's language to
        guess (InvalidValue in `lang`)."""

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        question = self.question
        schema = dict(self.bounds)
        if question.min is not None:
            schema["minimum"] = question.min
        if question.max is not None:
            schema["maximum"] = question.max
        return schema


class Amounts(Numeric):
    """A figure that may be approximate (estimated, a floor, a range, not known)."""

    convertible = True

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        try:
            return Amount.parse(raw, lang, money=self.money).stored()
        except AmountError as exc:
            raise InvalidValue(str(exc)) from None

    def figure(self, value: Any, lang: str) -> Any:
        amount = Amount.from_stored(value)
        if amount is not None:
            return amount
        if isinstance(value, str):  # typed by hand in the file: say how the file writes it
            try:
                typed = Amount.parse(value, lang, self.money)
            except TooBig as exc:  # `~1000000000000000000`
                raise InvalidValue(str(exc)) from None
            except AmountError:
                pass
            else:
                raise InvalidValue(write_as(value, typed.stored(), lang))
        raise InvalidValue(msg("{value!r} is not a number", lang, value=value))

    def cell_text(self, value: Any, lang: str, fmt: Formatter, numbers: str | None) -> str:
        if isinstance(value, Amount):  # a figure and its kind, from a workbook's two columns
            if value.kind == "exact":
                return self.as_input(value.stored(), fmt)
            return str(fmt.amount(value.stored(), money=self.money, precise=True))
        return super().cell_text(value, lang, fmt, numbers)

    def read_figure(self, raw: str, numbers: str, lang: str, fmt: Formatter) -> Any:
        try:
            amount = Amount.parse(raw, numbers, money=self.money)
        except AmountError as exc:
            if exc.unclear is not None:
                raise InvalidValue(exc.unclear.message(raw, lang)) from None
            return raw
        stored = amount.stored()
        if amount.kind == "exact":
            return stored
        return fmt.amount(stored, money=self.money, precise=True)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        if as_number(value) is not None:
            return value
        if as_amount(value) is not None:  # the text a room reads, never a made-up figure
            return fmt.amount(value, self.money, precise=True)
        return super().cell(value, lang, fmt, items)

    @classmethod
    def converted(cls, value: Any, lang: str) -> Any:
        amount = Amount.from_stored(value)
        if amount is None and isinstance(value, str):
            try:
                amount = Amount.parse(value, lang, money=cls.money)
            except AmountError:
                return None
        return None if amount is None else amount.stored()


class Number(Amounts):
    """A count or a measure, with its `unit` (habitants) and `unit_one` (habitant); `integer`:
    a count, in whole numbers only."""

    name = "number"
    column = "number"
    keys = frozenset({"total_at_most", "integer"})

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        if not self.question.integer:
            return super().read(raw, lang, items)
        try:
            amount = Amount.parse(raw, lang, money=False, whole=True)
        except AmountError as exc:
            raise InvalidValue(str(exc)) from None
        if not amount.whole:
            raise InvalidValue(msg("“{value}” is not a whole number", lang, value=raw))
        return amount.stored()

    def figure(self, value: Any, lang: str) -> Any:
        amount = super().figure(value, lang)
        if self.question.integer and isinstance(amount, Amount) and not amount.whole:
            raise InvalidValue(msg("“{value}” is not a whole number", lang, value=value))
        return amount

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        schema = super().schema(questionnaire, lang, describe)
        if self.question.integer:
            schema["type"] = "integer"
        return schema

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        question = self.question
        return fmt.amount(
            value,
            money=False,
            unit=text(question.unit, lang) or "",
            unit_one=text(question.unit_one, lang) or "",
        )

    def unit_hint(self, lang: str, currency: str) -> str | None:
        return f"({text(self.question.unit, lang)})" if self.question.unit else None


class Money(Amounts):
    """An amount in the questionnaire's `currency`."""

    name = "money"
    column = "money"
    money = True
    bounds: ClassVar[dict[str, Any]] = {"type": "number", "minimum": 0}

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        # exact or approximate: « ≈ 3 000 000 € », « 15 000 € à 20 000 € »
        return fmt.amount(value)

    def unit_hint(self, lang: str, currency: str) -> str | None:
        return "(€)" if currency == "EUR" else f"({currency})"


class Percent(Numeric):
    """A percentage, stored as typed: 12 is 12 %."""

    name = "percent"
    column = "percent"
    bounds: ClassVar[dict[str, Any]] = {"type": "number", "minimum": 0, "maximum": 100}

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        return parse_number(raw, lang)

    def figure(self, value: Any, lang: str) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidValue(msg("{value!r} is not a number", lang, value=value))
        if not 0 <= value <= 100:
            raise InvalidValue(msg("a percentage is between 0 and 100", lang))
        return value

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        return fmt.percent(value / 100, _decimals(value))

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        if as_number(value) is not None:
            return value
        return super().cell(value, lang, fmt, items)

    def read_figure(self, raw: str, numbers: str, lang: str, fmt: Formatter) -> Any:
        try:
            return parse_number(raw, numbers)
        except InvalidValue as exc:
            if exc.unclear is not None:
                raise InvalidValue(exc.unclear.message(raw, lang)) from None
            return raw

    def unit_hint(self, lang: str, currency: str) -> str | None:
        return "(%)"


def _decimals(value: float) -> int:
    """As many decimals as the value has (up to 6): 12,5 % stays 12,5 %."""
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0
