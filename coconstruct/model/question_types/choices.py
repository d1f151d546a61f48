"""`select`, `multiselect` and `scale`: answers chosen among the question's `choices`."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg
from coconstruct.model.question_types.common import (
    Definition,
    Describe,
    Entry,
    Measure,
    Problem,
    QuestionType,
    Schema,
    duplicates,
)
from coconstruct.model.text import text
from coconstruct.model.values import InvalidValue, Items, as_number

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire

#: between the labels of several choices in a cell: a label may hold a comma
MULTI_SEPARATOR = "; "


class Choices(QuestionType):
    """Choices offered by the questionnaire (`choices:`, or a list of `choice_lists:`)."""

    keys = frozenset({"choices"})

    def choose(self, raw: str, lang: str) -> str | int:
        """The choice typed text names: its id, its label in any language, or the start of one
        label only (« Intercommunalité » for « Intercommunalité (EPCI) »)."""
        wanted = raw.casefold()
        choices = self.question.choices or []
        for choice in choices:
            if str(choice.id).casefold() == wanted:
                return choice.id
        for choice in choices:
            if any(label.casefold() == wanted for label in choice.label.values()):
                return choice.id
        starting = {
            choice.id
            for choice in choices
            for label in choice.label.values()
            if label.casefold().startswith(wanted)
        }
        if len(starting) == 1:
            return starting.pop()
        raise InvalidValue(self.not_a_choice(raw, lang))

    def not_a_choice(self, value: Any, lang: str) -> str:
        return msg(
            "{value!r} is not one of the choices ({choices})",
            lang,
            value=value,
            choices=", ".join(map(str, self.question.choice_ids)),
        )

    def label(self, value: Any, lang: str) -> str:
        """A choice as people read it: its label in `lang` (its id when it is no choice)."""
        choice = self.question.choice(value)
        return text(choice.label, lang) if choice is not None else str(value)

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        return self.label(value, lang)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        return self.label(value, lang)

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        return {"enum": self.question.choice_ids, "description": self.described(lang)}

    def described(self, lang: str) -> str:
        """The question's help, then what each choice id means (editors show it as one types)."""
        question = self.question
        listed = "; ".join(f"{c.id} = {text(c.label, lang)}" for c in question.choices or [])
        help_text = text(question.help, lang) if question.help else None
        return f"{help_text}\n{listed}" if help_text else listed

    def definition_problems(self, at: Definition) -> Iterator[Problem]:
        question, name = self.question, at.name
        if not question.choices:
            if question.choices_from is None:  # an unknown `choices_from` is said at its name
                yield (
                    at.at("type"),
                    msg("{name}: a {type} question needs choices", name=name, type=self.name),
                )
            return
        ids = [c.id for c in question.choices]
        for c_index, choice in enumerate(question.choices):
            cpath = ("choices", c_index)
            if ids.count(choice.id) > 1:
                yield (
                    at.at(*cpath, "id"),
                    msg("{name}: choice {id} is listed twice", name=name, id=choice.id),
                )
            if (problem := self.id_problem(choice.id, name)) is not None:
                yield at.at(*cpath, "id"), problem
            for key in ("label", "help"):
                if missing := at.missing_langs(getattr(choice, key)):
                    yield (
                        at.at(*cpath, key),
                        msg(
                            "{name}: choice {id}: missing language {languages}",
                            name=name,
                            id=choice.id,
                            languages=", ".join(missing),
                        ),
                    )

    def id_problem(self, choice_id: str | int, name: str) -> str | None:
        """What is wrong with a choice's id: ids are short lowercase words, stable in files."""
        if isinstance(choice_id, str) and re.fullmatch(r"[a-z0-9_]+", choice_id):
            return None
        return msg("{name}: choice ids are lowercase words ([a-z0-9_]+)", name=name)


class OneChoice(Choices):
    """One choice, stored as its id."""

    @property
    def entry(self) -> Entry:
        return Entry.ONE

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        return self.choose(raw, lang)

    def coerce(self, value: Any, lang: str) -> Any:
        if isinstance(value, bool) or value not in self.question.choice_ids:
            raise InvalidValue(self.not_a_choice(value, lang))
        return value


class Select(OneChoice):
    """One choice among labelled options: a kind of territory, a funding family."""

    name = "select"

    def computed_choice(self, answers: Mapping[str, Any], item: Mapping[str, Any]) -> str | None:
        """The choice its template default computes from the item's other answers (the funding
        family from its source), when that names one of its choices."""
        from coconstruct.model import conditions  # Jinja: only when a default is computed

        default = self.question.default
        if not isinstance(default, str) or not conditions.is_template(default):
            return None
        computed = conditions.computed_default(default, {**answers, "item": item})
        return computed if computed in {str(c) for c in self.question.choice_ids} else None


class Scale(OneChoice):
    """A level, stored as its integer id; its digit answers it in the interview."""

    name = "scale"
    column = "level"

    @property
    def entry(self) -> Entry:
        return Entry.LEVEL

    def label(self, value: Any, lang: str) -> str:
        choice = self.question.choice(value)
        if choice is None:
            return str(value)
        return f"{choice.id} · {text(choice.label, lang)}"

    def gauge(self, value: Any) -> str:
        """A level as ●●●○○, out of the scale's highest level; « — » for no level of it."""
        levels = [c.id for c in self.question.choices or [] if isinstance(c.id, int)]
        if isinstance(value, bool) or not isinstance(value, int) or value not in levels:
            return "—"  # a 9 on a 1–5 scale is no level: validate reports it
        return "●" * value + "○" * (max(levels) - value)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        if as_number(value) is not None:
            return value  # a number, so that a spreadsheet sorts and averages levels
        return QuestionType.cell(self, value, lang, fmt, items)

    def id_problem(self, choice_id: str | int, name: str) -> str | None:
        if isinstance(choice_id, int):
            return None
        return msg("{name}: scale levels have integer ids", name=name)


class Multiselect(Choices):
    """Several choices, stored as a list of ids; `min` and `max` count them."""

    name = "multiselect"

    @property
    def entry(self) -> Entry:
        return Entry.SEVERAL

    @property
    def several(self) -> bool:
        return True

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        return [self.choose(part.strip(), lang) for part in raw.split(",") if part.strip()]

    def coerce(self, value: Any, lang: str) -> Any:
        if not isinstance(value, list):
            raise InvalidValue(msg("a list is expected", lang))
        return value

    def own_problems(self, value: Any, lang: str, items: Items | None) -> list[str]:
        ids = self.question.choice_ids
        problems = [self.not_a_choice(chosen, lang) for chosen in value if chosen not in ids]
        return problems + duplicates(value, lang)

    def measure(self, value: Any) -> Measure:
        return Measure(len(value), len(value), "items")

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        return ", ".join(self.label(chosen, lang) for chosen in value)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        if isinstance(value, list):
            return MULTI_SEPARATOR.join(Choices.label(self, chosen, lang) for chosen in value)
        return QuestionType.cell(self, value, lang, fmt, items)

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        return {
            "type": "array",
            "uniqueItems": True,
            "items": {"enum": self.question.choice_ids},
            "description": self.described(lang),
        }
