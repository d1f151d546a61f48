"""`date`: a day, a month, a quarter or a year, as precise as it is known."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg
from coconstruct.model.dates import UNKNOWN, ApproxDate, DateError, is_unknown, typed_unknown
from coconstruct.model.question_types.common import Describe, QuestionType, Schema, write_as
from coconstruct.model.text import text
from coconstruct.model.values import InvalidValue, Items, as_date

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire


class Date(QuestionType):
    """A date stored as precise as it was given (`2027-03-15`, `2027-03`, `2027-Q1`, `2027`);
    `not_before` names the date it cannot come before."""

    name = "date"
    column = "date"
    keys = frozenset({"not_before"})
    convertible = True

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        if typed_unknown(raw):  # « inconnue »: a date known not to be known is an answer
            return UNKNOWN
        try:
            return ApproxDate.parse(raw, lang).stored()
        except DateError as exc:
            raise InvalidValue(str(exc)) from None

    def coerce(self, value: Any, lang: str) -> Any:
        if is_unknown(value):
            return UNKNOWN
        date = ApproxDate.from_stored(value)
        if date is not None:
            return date
        if isinstance(value, str):  # typed by hand in the file: say how the file writes it
            try:
                typed = ApproxDate.parse(value, lang)
            except DateError:
                pass
            else:
                raise InvalidValue(write_as(value, typed.stored(), lang))
        raise InvalidValue(
            msg(
                "“{value}” is not a date (2027, 2027-03, 2027-Q1 or 2027-03-15)",
                lang,
                value=value,
            )
        )

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        return fmt.date(value)  # as the roadmap says it: « octobre 2021 », « 19 novembre 2026 »

    def as_input(self, value: Any, fmt: Formatter) -> str:
        if is_unknown(value):
            return msg("date not known", fmt.lang)
        return fmt.numeric_date(value)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        date = as_date(value)
        if date is None:
            return super().cell(value, lang, fmt, items)
        # a day is a spreadsheet's date, a year its number; a month or a quarter is said,
        # never made a day
        if date.precision == "year":
            return date.start.year
        return date.start if date.precision == "day" else fmt.date(value, "medium")

    def cell_text(self, value: Any, lang: str, fmt: Formatter, numbers: str | None) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
            return str(int(value))  # a year, as a spreadsheet's number
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return self.as_input(value, fmt)
        return super().cell_text(value, lang, fmt, numbers)

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        # a year (2014), a month (2016-10), a quarter (2025-Q2), a day, or `unknown`
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1800, "maximum": 2200},
                {"type": "string", "pattern": r"^\d{4}(-(\d{2}(-\d{2})?|Q[1-4]))?$"},
                {"const": UNKNOWN},
            ]
        }

    def unit_hint(self, lang: str, currency: str) -> str | None:
        if self.question.unit:  # what the question takes: `AAAA` for a year
            return f"({text(self.question.unit, lang)})"
        # a day, a month or a year is an answer: the placeholder says all three, not only a day
        return msg("(YYYY-MM-DD, YYYY-MM or YYYY)", lang)

    @classmethod
    def converted(cls, value: Any, lang: str) -> Any:
        if is_unknown(value) or (isinstance(value, str) and typed_unknown(value)):
            return UNKNOWN
        date = ApproxDate.from_stored(value)
        if date is None and isinstance(value, str):
            try:
                date = ApproxDate.parse(value, lang)
            except DateError:
                return None
        return None if date is None else date.stored()
