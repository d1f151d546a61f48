"""`boolean`: yes or no."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg
from coconstruct.model.question_types.common import Describe, Entry, Offer, QuestionType, Schema
from coconstruct.model.values import InvalidValue, Items

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire

# what a person may type for yes and for no, in either language
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}


class Boolean(QuestionType):
    """Yes or no, stored as `true` or `false`."""

    name = "boolean"
    column = "boolean"

    @property
    def entry(self) -> Entry:
        return Entry.ONE

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise InvalidValue(msg("{value!r}: answer yes or no", lang, value=raw))

    def coerce(self, value: Any, lang: str) -> Any:
        if not isinstance(value, bool):
            raise InvalidValue(msg("{value!r}: write true or false", lang, value=value))
        return value

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        if not isinstance(value, bool):  # `peut-être` written by hand: as it is
            return super().display(value, lang, fmt, items)
        return msg("Yes", lang) if value else msg("No", lang)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        return value if isinstance(value, bool) else super().cell(value, lang, fmt, items)

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        return {"type": "boolean"}

    def options(self, lang: str, items: Items) -> list[Offer]:
        return [(True, msg("Yes", lang), ""), (False, msg("No", lang), "")]
