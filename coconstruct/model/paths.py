"""Where an answer lives, written one way everywhere: the answer-path grammar.

    territory_name          a question
    needs[N2]               an item of a list, by its stable id
    needs[N2].priority      a field of that item
    needs[+].title          a field of an item to add (`set`)

`set` reads paths, `run --ask` reads them, `deferred:` stores them, `validate` and `show` print
them. A `Spot` is a path resolved against a questionnaire: the question (or the list's field) it
names, its list, and the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from coconstruct.errors import UsageError
from coconstruct.language.messages import msg

if TYPE_CHECKING:
    from coconstruct.model.questionnaire import Question, Questionnaire

NEW = "+"  # the item of `needs[+].title`: one to add
_PATH = re.compile(
    r"^(?P<question>[a-z][a-z0-9_]*)"
    r"(?:\[(?P<item>[^\]\s]+)\](?:\.(?P<field>[a-z][a-z0-9_]*))?)?$"
)


class PathError(UsageError):
    """A path that does not parse, or names nothing in the questionnaire or the file."""


@dataclass(frozen=True)
class AnswerPath:
    question: str
    item: str | None = None  # an item id, or NEW
    field: str | None = None

    @classmethod
    def parse(cls, text: str, lang: str | None = None) -> AnswerPath:
        found = _PATH.match(text.strip())
        if found is None:
            raise PathError(
                msg(
                    "{path}: not an answer path (such as population, needs[N2].priority)",
                    lang,
                    path=text.strip(),
                ),
                lang=lang,
            )
        return cls(found["question"], found["item"], found["field"])

    def __str__(self) -> str:
        if self.item is None:
            return self.question
        text = f"{self.question}[{self.item}]"
        return f"{text}.{self.field}" if self.field else text

    @property
    def is_new_item(self) -> bool:
        return self.item == NEW

    def with_item(self, item_id: str) -> AnswerPath:
        return replace(self, item=item_id)

    def within(self, other: AnswerPath) -> bool:
        """Whether this path is `other` or inside it (`needs[N2].title` is within `needs`)."""
        return self.question == other.question and (
            other.item is None
            or (self.item == other.item and (other.field is None or self.field == other.field))
        )


def parse(text: str, lang: str | None = None) -> AnswerPath:
    return AnswerPath.parse(text, lang)


def within(path: str, other: AnswerPath) -> bool:
    """Whether a path as a file writes it (`deferred:`) is `other` or inside it; False when it
    names no answer."""
    try:
        return AnswerPath.parse(path).within(other)
    except PathError:
        return False


@dataclass(frozen=True)
class Spot:
    """A question, or a field of one list item (`item_id` None: an item not made yet)."""

    question: Question
    parent: Question | None = None
    item_id: str | None = None

    @property
    def top(self) -> Question:
        """The top-level question: the list for a field, else the question itself."""
        return self.parent or self.question

    @property
    def path(self) -> AnswerPath:
        if self.parent is None:
            return AnswerPath(self.question.id)
        return AnswerPath(self.parent.id, self.item_id or NEW, self.question.id)

    def __str__(self) -> str:
        return str(self.path)


def locate(questionnaire: Questionnaire, path: AnswerPath, lang: str | None = None) -> list[Spot]:
    """The spots a path names in a questionnaire (an item path: each of the list's fields).

    Item ids are not checked here (they live in the answers file, see Editor.spots).
    """
    question = questionnaire.question(path.question)
    if question is None:
        raise PathError(
            msg(
                "{path}: no question {qid} in questionnaire {questionnaire}",
                lang,
                path=path,
                qid=path.question,
                questionnaire=questionnaire.id,
            ),
            hint=msg(
                "question ids: coconstruct questionnaires show {id}", lang, id=questionnaire.id
            ),
            lang=lang,
        )
    if path.item is None:
        return [Spot(question)]
    if not question.is_list:
        raise PathError(
            msg("{path}: {qid} is not a list, it has no items", lang, path=path, qid=question.id),
            lang=lang,
        )
    item_id = None if path.is_new_item else path.item
    if path.field is None:
        return [Spot(field, question, item_id) for field in question.fields or []]
    field = question.field(path.field)
    if field is None:
        raise PathError(
            msg(
                "{path}: {qid} items have no field {field} (fields: {fields})",
                lang,
                path=path,
                qid=question.id,
                field=path.field,
                fields=", ".join(f.id for f in question.fields or []),
            ),
            lang=lang,
        )
    return [Spot(field, question, item_id)]
