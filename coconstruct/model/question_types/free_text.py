"""`text` and `textarea`: the room's own words, on one line or several."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg
from coconstruct.model.question_types.common import Describe, Entry, Measure, QuestionType, Schema
from coconstruct.model.values import InvalidValue, Items

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire


#: what people type between the digits of a code: spaces (no-break ones too) and dots
_SEPARATORS = re.compile(r"[\s.\u00a0\u202f]")


class FreeText(QuestionType):
    """Words typed by the room; `min` and `max` count characters, `pattern` applies."""

    words = True

    def coerce(self, value: Any, lang: str) -> Any:
        if not isinstance(value, str):
            raise InvalidValue(msg("text is expected", lang))
        return value

    def measure(self, value: Any) -> Measure:
        return Measure(len(value), len(value), "length")

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        return str(value)

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        question = self.question
        schema: dict[str, Any] = {"type": "string"}
        if question.min is not None:
            schema["minLength"] = int(question.min)
        if question.max is not None:
            schema["maxLength"] = int(question.max)
        if question.pattern:
            schema["pattern"] = question.pattern
        return schema


class Text(FreeText):
    """One line: a name, a code, a short title."""

    name = "text"
    convertible = True

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        line = " ".join(raw.split("\n"))
        pattern = self.question.pattern
        if pattern and not re.search(pattern, line):
            # a code typed as printed (« 200 046 977 », « 38.185 »): its pattern says what it is
            compact = _SEPARATORS.sub("", line)
            if compact != line and re.search(pattern, compact):
                return compact
        return line

    def coerce(self, value: Any, lang: str) -> Any:
        value = super().coerce(value, lang)
        if "\n" in value.strip():
            raise InvalidValue(msg("a single line is expected", lang))
        return value

    @classmethod
    def converted(cls, value: Any, lang: str) -> Any:
        return value if isinstance(value, str) else str(value)


class Textarea(FreeText):
    """Several lines, kept as typed (the file writes them as a literal block)."""

    name = "textarea"
    multiline = True

    @property
    def entry(self) -> Entry:
        return Entry.LINES

    def trimmed(self, raw: str) -> str:
        return raw.strip("\n").rstrip()  # the lines' own indentation is part of the answer

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        return raw

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        # as `set` and the interview store typed text: a literal block's last newline is not
        # a line of the answer (a cell would show it as an empty line)
        return str(value).strip("\n").rstrip()
