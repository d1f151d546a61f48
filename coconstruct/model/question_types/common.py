"""What every question type is: the base class of the types, and what they share.

A type is a class with a `name` (what a questionnaire writes in `type:`). An instance is bound to
one question of that type (`question.kind`) and carries everything that depends on the type:
reading typed text (`parse`), checking a stored answer (`coerce`, `problems`), showing it as a
room reads it (`answer`), writing it in a spreadsheet cell and reading a cell back (`cell`,
`cell_text`), describing it in the answers' JSON Schema (`schema`), the input the interview asks
for (`entry`, `options`, `unit_hint`) and what its definition must say (`definition_problems`).
What is the same for every type (an empty answer, `required`, `min`/`max`/`pattern`, the
fallbacks for a hand-edited answer of the wrong type) is done here, once.

No terminal, no disk; the formatter (babel) is handed in, so that start-up stays light.
"""

from __future__ import annotations

import datetime as dt
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from coconstruct.language.messages import msg
from coconstruct.model.text import text
from coconstruct.model.values import Items, is_empty, rule_message

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Question, Questionnaire
    from coconstruct.model.text import LocalText

#: where a problem of a questionnaire definition is: (line, column) in its file, if known
Position = tuple[int, int] | None
#: one problem of a questionnaire definition, where it is and what it is
Problem = tuple[Position, str]
#: one option of a chosen answer: (value, label, help)
Offer = tuple[Any, str, str]
#: a JSON Schema, or a part of one
Schema = dict[str, Any]
#: another question's whole JSON Schema (a list describes its fields with it)
Describe = Callable[["Question"], Schema]


class Entry(Enum):
    """How an answer is given: the input the interview asks a user interface for."""

    LINE = "line"  # one line typed
    LINES = "lines"  # several lines typed
    ONE = "one"  # one option chosen in a list
    LEVEL = "level"  # one level of a scale, chosen in a list or with its digit
    SEVERAL = "several"  # options ticked in a list

    @property
    def typed(self) -> bool:
        """Typed as text (rather than chosen among options)."""
        return self in (Entry.LINE, Entry.LINES)


@dataclass(frozen=True)
class Measure:
    """What `min` and `max` check of an answer: its lowest and highest figure (a range has two, a
    floor no top), and what they count: `value`, `length` (characters) or `items`."""

    low: float | None
    high: float | None
    unit: str


@dataclass(frozen=True)
class Definition:
    """A question's place in its questionnaire, for the checks of a type's own keys."""

    name: str  # the question's id, as messages name it
    path: tuple[int | str, ...]  # where it is in the file's data: ("sections", 0, "questions", 2)
    where: Callable[..., Position]  # a path in the file's data → its position
    missing_langs: Callable[[LocalText | None], list[str]]  # languages a text lacks
    lists: frozenset[str]  # the ids of the questionnaire's list questions
    top: bool  # a top-level question, not a field of a list
    #: the checks of a list's field, at its path (a list checks its fields as questions)
    field_problems: Callable[[Question, tuple[int | str, ...]], Iterator[Problem]]

    def at(self, *keys: int | str) -> Position:
        """The position of a key of the question (or of the question itself)."""
        return self.where(*self.path, *keys)


class QuestionType(ABC):
    """A question's type, bound to one question of that type.

    A subclass with a `name` is a type the questionnaire format knows (the registry finds it);
    one without is a family that types share (`Numeric`, `Choices`…). A type says at least how
    it reads typed text (`read`), checks a stored value (`coerce`) and describes its answers in
    the JSON Schema (`schema`); everything else has a default that fits most types.
    """

    #: what `type:` says in a questionnaire
    name: ClassVar[str] = ""
    #: the definition keys only this type takes (`choices`, `to`, `fields`, `not_before`…):
    #: another type that has them is refused by the questionnaire checks
    keys: ClassVar[frozenset[str]] = frozenset()
    #: the kind of spreadsheet column its answers fill (tables/sheets.py)
    column: ClassVar[str] = "text"
    #: the room's own words (what a translation changes, never a table's short column)
    words: ClassVar[bool] = False
    #: an answer on several lines: shown whole, compared word by word, never in a narrow column
    multiline: ClassVar[bool] = False
    #: its answer is a list of items with fields of their own
    holds_items: ClassVar[bool] = False
    #: a migration may `convert` a value `into` this type (see `converted`)
    convertible: ClassVar[bool] = False

    def __init__(self, question: Question) -> None:
        self.question = question

    @property
    def entry(self) -> Entry:
        """How the interview asks for an answer."""
        return Entry.LINE

    @property
    def several(self) -> bool:
        """Its answer is a list of choices or of items' ids."""
        return False

    @property
    def cites(self) -> str | None:
        """The list whose items its answers name (a reference's `to`); None for other types."""
        return None

    # --- typed text ----------------------------------------------------------------------------

    def parse(self, raw: str, lang: str, items: Items | None = None) -> Any:
        """Text typed by a person (normalised) as the answer to store; nothing typed is none."""
        raw = self.trimmed(raw)
        if raw == "":
            return [] if self.several else None
        return self.read(raw, lang, items)

    def trimmed(self, raw: str) -> str:
        """Typed text without what is not part of the answer (surrounding blanks)."""
        return raw.strip()

    @abstractmethod
    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        """Trimmed text, not empty, as the answer to store; InvalidValue when it is not one."""

    # --- stored answers ------------------------------------------------------------------------

    @abstractmethod
    def coerce(self, value: Any, lang: str) -> Any:
        """A value read from the file, in canonical form; InvalidValue when it is not of this
        type (the same message `validate`, `set` and the interview give)."""

    def problems(self, value: Any, lang: str, items: Items | None = None) -> list[str]:
        """What breaks the question's rules in a coerced answer: the type's own problems (a
        choice not offered, an item that does not exist), then `min`, `max` and `pattern`."""
        question = self.question
        problems = self.own_problems(value, lang, items)
        measure = self.measure(value)
        if measure is not None:
            low, high, unit = measure.low, measure.high, measure.unit
            if question.min is not None and low is not None and low < question.min:
                problems.append(rule_message(question, "min", lang, unit, question.min))
            if question.max is not None and high is not None and high > question.max:
                problems.append(rule_message(question, "max", lang, unit, question.max))
        if question.pattern and isinstance(value, str) and not re.search(question.pattern, value):
            problems.append(rule_message(question, "pattern", lang))
        return problems

    def own_problems(self, value: Any, lang: str, items: Items | None) -> list[str]:
        """The problems of a coerced answer that only this type has."""
        return []

    def measure(self, value: Any) -> Measure | None:
        """What `min` and `max` check of a coerced answer; None when they mean nothing for it."""
        return None

    # --- as people read it ---------------------------------------------------------------------

    def answer(self, value: Any, lang: str, fmt: Formatter, items: Items | None = None) -> str:
        """One line a room can read: labels rather than ids, formatted numbers, item titles;
        « — » for no answer."""
        if is_empty(value):
            return "—"
        try:
            return self.display(value, lang, fmt, items)
        except (TypeError, ValueError, ArithmeticError):
            # a hand-edited answer of the wrong type: shown as written; validate reports it
            return as_written(value)

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        """A given answer as a room reads it (an answer of another type may raise)."""
        return as_written(value)

    def as_input(self, value: Any, fmt: Formatter) -> str:
        """A given answer as text to pre-fill a typed prompt with (`parse` reads it back)."""
        return str(value)

    def gauge(self, value: Any) -> str | None:
        """The answer as a gauge (●●●○○) when the type's answers are levels; None otherwise."""
        return None

    # --- spreadsheets --------------------------------------------------------------------------

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        """A given answer as a spreadsheet cell: a number, a date or a boolean when it is exactly
        one, else the text a room reads (which `cell_text` reads back as `set` does)."""
        from coconstruct.model.formatting import NONE  # loaded already: `fmt` comes from it

        shown = self.answer(value, lang, fmt, items)
        return str(value) if shown in (NONE, "—") else shown  # never an answer shown as missing

    def cell_text(self, value: Any, lang: str, fmt: Formatter, numbers: str | None) -> str:
        """A spreadsheet cell (not empty) as the text `set` is given for this question, in the
        answers file's language (`lang`, `fmt`); `numbers`: the language the table writes
        numbers in, when it is known."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=" ")
        if isinstance(value, dt.date):
            return str(value)
        if isinstance(value, int | float):
            return str(int(value)) if float(value).is_integer() else str(value)
        return str(value)

    # --- the answers' JSON Schema --------------------------------------------------------------

    @abstractmethod
    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        """What the JSON Schema says of an answer, besides its title and help and that it may be
        left empty (schema.py adds those); `describe` gives another question's whole schema."""

    # --- the interview -------------------------------------------------------------------------

    def options(self, lang: str, items: Items) -> list[Offer]:
        """What a chosen answer is chosen from: the question's choices."""
        return [
            (choice.id, text(choice.label, lang), text(choice.help, lang))
            for choice in self.question.choices or []
        ]

    def unit_hint(self, lang: str, currency: str) -> str | None:
        """What to type, shown where it is typed: `(habitants)`, `(€)`; None when nothing is."""
        return None

    def computed_choice(self, answers: Mapping[str, Any], item: Mapping[str, Any]) -> str | None:
        """The answer its questionnaire computes for it when left unanswered (a choice a template
        default names); None for types that compute none."""
        return None

    # --- the questionnaire ---------------------------------------------------------------------

    def definition_problems(self, at: Definition) -> Iterator[Problem]:
        """What is wrong with the keys this type takes (`keys`), in the questionnaire's file."""
        return iter(())

    def outline(self, lang: str) -> str:
        """The type as a questionnaire's outline shows it (`questionnaires show`)."""
        return self.name

    @classmethod
    def converted(cls, value: Any, lang: str) -> Any:
        """A value given for another type as an answer of this one (a migration's `convert`,
        when `convertible`), or None when it does not convert."""
        raise NotImplementedError(f"question type {cls.name} converts no value")


def as_written(value: Any) -> str:
    """An answer as it is written in the file, on one line."""
    return " ".join(str(value).split())


def duplicates(values: list[Any], lang: str) -> list[str]:
    """What is chosen twice in several choices or references."""
    seen: set[Any] = set()
    problems = []
    for value in values:
        key = value if isinstance(value, Hashable) else repr(value)  # a mapping typed by hand
        if key in seen:
            problems.append(msg("{value!r} is chosen twice", lang, value=value))
        seen.add(key)
    return problems


def write_as(value: Any, stored: Any, lang: str) -> str:
    """A hand-written `10/2019` in a file: say how the file writes it (`2019-10`)."""
    return msg("“{value}”: write it {stored} in the file", lang, value=value, stored=stored)
