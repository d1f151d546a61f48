"""`list`: items with fields of their own (needs, partners, actions), each with a stable id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coconstruct.language.locales import locale_for
from coconstruct.language.messages import msg
from coconstruct.model.question_types.common import (
    Definition,
    Describe,
    Measure,
    Problem,
    QuestionType,
    Schema,
)
from coconstruct.model.values import InvalidValue, Items

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire


class ItemList(QuestionType):
    """Items asked field by field, each with a stable id (`item_prefix` N gives N1, N2…);
    `min` and `max` count the items. Lists are not nested."""

    name = "list"
    column = "count"  # the single answers' sheet counts the items; each list has its own sheet
    keys = frozenset({"fields", "item_prefix", "item_title"})
    holds_items = True

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        raise InvalidValue(msg("text is expected", lang))  # items are added field by field

    def coerce(self, value: Any, lang: str) -> Any:
        if not isinstance(value, list):
            raise InvalidValue(msg("a list is expected", lang))
        return value

    def measure(self, value: Any) -> Measure:
        return Measure(len(value), len(value), "items")

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        """`3 items: Mobilité, Eau, Logement`: how many, then their titles."""
        title = self.question.item_title or ""
        names = [
            str(item.get(title, "") or item.get("id")) for item in value if isinstance(item, dict)
        ]
        colon = locale_for(lang).plain_colon
        count = msg("1 item", lang) if len(names) == 1 else msg("{n} items", lang, n=len(names))
        return count + (colon + ", ".join(names) if names else "")

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        return len(value) if isinstance(value, list) else None

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        question = self.question
        fields = question.fields or []
        return {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"] + [f.id for f in fields if f.required and not f.when],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": f"^{question.item_prefix}[0-9]+$"}
                }
                | {f.id: describe(f) for f in fields},
            },
        }

    def definition_problems(self, at: Definition) -> Iterator[Problem]:
        question, name = self.question, at.name
        if not at.top:
            yield at.at("type"), msg("{name}: lists cannot be nested in a list", name=name)
        if not question.fields:
            yield at.at("type"), msg("{name}: a list needs fields", name=name)
        if not question.item_prefix:
            yield (
                at.at("type"),
                msg("{name}: a list needs an item_prefix (such as N for N1, N2…)", name=name),
            )
        field_ids = [f.id for f in question.fields or []]
        if question.item_title and question.item_title not in field_ids:
            yield (
                at.at("item_title"),
                msg(
                    "{name}: item_title {title} is not one of its fields",
                    name=name,
                    title=question.item_title,
                ),
            )
        for f_index, field in enumerate(question.fields or []):
            fpath = (*at.path, "fields", f_index)
            if field.id == "id":
                yield (
                    at.where(*fpath, "id"),
                    msg("{name}: `id` is reserved for the item id", name=name),
                )
            if field_ids.count(field.id) > 1:
                yield (
                    at.where(*fpath, "id"),
                    msg("{name}: field id {id} is used twice", name=name, id=field.id),
                )
            yield from at.field_problems(field, fpath)

    def outline(self, lang: str) -> str:
        prefix = self.question.item_prefix
        return msg("list", lang) + f" {prefix}1, {prefix}2…"
