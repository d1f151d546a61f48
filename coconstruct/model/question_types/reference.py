"""`reference`: the id of an item of another list (`N2`), or several with `multiple: true`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from coconstruct.language.messages import msg
from coconstruct.model.question_types.common import (
    Definition,
    Describe,
    Entry,
    Measure,
    Offer,
    Problem,
    QuestionType,
    Schema,
    duplicates,
)
from coconstruct.model.values import InvalidValue, Items

if TYPE_CHECKING:
    from coconstruct.model.formatting import Formatter
    from coconstruct.model.questionnaire import Questionnaire


def item_label(item_id: str, title: str) -> str:
    """An item as people recognise it: `N2 · Eau potable` (its id alone when it has no title)."""
    return f"{item_id} · {title}" if title else item_id


class Reference(QuestionType):
    """Items of the list `to` names, cited by their stable ids (a renumbered item is followed)."""

    name = "reference"
    keys = frozenset({"to", "multiple"})

    @property
    def entry(self) -> Entry:
        return Entry.SEVERAL if self.question.multiple else Entry.ONE

    @property
    def several(self) -> bool:
        return self.question.multiple

    @property
    def cites(self) -> str:
        return self.question.to or ""

    def read(self, raw: str, lang: str, items: Items | None) -> Any:
        known = list((items or {}).get(self.cites, []))
        parts = [p.strip() for p in raw.split(",")] if self.several else [raw]
        refs = [self._item(part, known, lang) for part in parts if part]
        return refs if self.several else refs[0]

    def _item(self, raw: str, known: list[tuple[str, str]], lang: str) -> str:
        """The item typed text names, by its id or its title."""
        wanted = raw.casefold()
        for item_id, title in known:
            if item_id.casefold() == wanted or (title and title.casefold() == wanted):
                return item_id
        listed = ", ".join(item_id for item_id, _ in known) or msg("no items yet", lang)
        raise InvalidValue(self._unknown(raw, listed, lang))

    def _unknown(self, value: Any, listed: str, lang: str) -> str:
        return msg(
            "{value!r} is not an item of {target} ({choices})",
            lang,
            value=value,
            target=self.question.to,
            choices=listed,
        )

    def coerce(self, value: Any, lang: str) -> Any:
        if self.several and not isinstance(value, list):
            raise InvalidValue(msg("a list is expected", lang))
        if not self.several and not isinstance(value, str):
            raise InvalidValue(msg("text is expected", lang))
        return value

    def own_problems(self, value: Any, lang: str, items: Items | None) -> list[str]:
        if items is None:  # the other lists are not known here: only the type is checked
            return []
        known = list(dict.fromkeys(item_id for item_id, _ in items.get(self.cites, [])))
        listed = ", ".join(known) or msg("no items yet", lang)
        refs = value if isinstance(value, list) else [value]
        problems = [self._unknown(ref, listed, lang) for ref in refs if ref not in known]
        if isinstance(value, list):
            problems += duplicates(value, lang)
        return problems

    def measure(self, value: Any) -> Measure | None:
        return Measure(len(value), len(value), "items") if self.several else None

    def display(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> str:
        titles = dict((items or {}).get(self.cites, []))
        refs = value if isinstance(value, list) else [value]
        return ", ".join(item_label(str(ref), titles.get(str(ref), "")) for ref in refs)

    def cell(self, value: Any, lang: str, fmt: Formatter, items: Items | None) -> Any:
        # the cited items' ids: each list's sheet has its items' ids
        return ", ".join(str(ref) for ref in (value if isinstance(value, list) else [value]))

    def schema(self, questionnaire: Questionnaire, lang: str, describe: Describe) -> Schema:
        target = questionnaire.question(self.cites)
        prefix = target.item_prefix if target else ""
        item = {"type": "string", "pattern": f"^{prefix}[0-9]+$"}
        return item if not self.several else {"type": "array", "uniqueItems": True, "items": item}

    def options(self, lang: str, items: Items) -> list[Offer]:
        known = items.get(self.cites, [])
        return [(item_id, item_label(item_id, title), "") for item_id, title in known]

    def definition_problems(self, at: Definition) -> Iterator[Problem]:
        to = self.question.to
        if to is None:
            yield (
                at.at("type"),
                msg("{name}: a reference needs `to:` (the id of a list question)", name=at.name),
            )
        elif to not in at.lists:
            yield at.at("to"), msg("{name}: `to: {to}` is not a list question", name=at.name, to=to)

    def outline(self, lang: str) -> str:
        return f"→ {self.question.to}{'[]' if self.several else ''}"
