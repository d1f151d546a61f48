"""What an Editor reads of its document, read once and kept up to date edit by edit.

The answers as plain values (conditions and defaults read them) and each list's (id, title)
pairs (references): an edit refreshes only the answer, the item or the list it changed, so that
an import of thousands of rows never reads the whole file again per cell.
"""

from __future__ import annotations

from typing import Any

from coconstruct.model import values
from coconstruct.model.answers_file import AnswersFile, as_loaded, as_plain
from coconstruct.model.paths import Spot
from coconstruct.model.questionnaire import Question, Questionnaire


class Readings:
    """The plain answers and the items of one document, kept up to date."""

    def __init__(self, doc: AnswersFile, questionnaire: Questionnaire) -> None:
        self.doc, self.q = doc, questionnaire
        self._answers: dict[str, Any] | None = None
        self._plain_items: dict[str, dict[str, dict[str, Any]]] = {}  # list → id → item
        self._items: dict[str, list[tuple[str, str]]] | None = None
        self._item_rows: dict[str, dict[str, int]] = {}  # list → id → its row in _items

    def answers(self) -> dict[str, Any]:
        """The answers as plain values (conditions and defaults read these); cached."""
        if self._answers is None:
            self._answers = self.doc.plain()
            self._plain_items = {}
        return self._answers

    def items(self) -> values.Items:
        """Every list's items as (id, title), for references; cached."""
        if self._items is None:
            self._items = {
                q.id: values.list_items(q, self.answers().get(q.id))
                for q in self.q.questions()
                if q.is_list
            }
            self._item_rows = {}
        return self._items

    def changed(self) -> None:
        """Forget what was read: the document changed (by hand, not through the Editor)."""
        self._answers = None
        self._items = None
        self.doc.forget()

    def reread(self, question_id: str) -> None:
        """One top-level answer changed (a list replaced, reordered, an item gone): read it
        again, and only it."""
        if self._answers is not None:
            if question_id in self.doc.answers:
                self._answers[question_id] = as_loaded(self.doc.answers[question_id])
            else:
                self._answers.pop(question_id, None)
            self._plain_items.pop(question_id, None)
        question = self.q.question(question_id)
        if self._items is not None and question is not None and question.is_list:
            self._items[question_id] = values.list_items(question, self.answers().get(question_id))
            self._item_rows.pop(question_id, None)

    def refresh(self, spot: Spot) -> None:
        """One answer changed: the plain answers and the items follow it."""
        if spot.parent is None:
            self.reread(spot.question.id)
            return
        list_id, item_id, field_id = spot.parent.id, spot.item_id or "", spot.question.id
        item = self.doc.item(list_id, item_id)
        if self._answers is not None:
            plain = self._plain_item(list_id, item_id)
            if plain is None or item is None:
                self.reread(list_id)
                return
            if field_id in item:
                plain[field_id] = as_loaded(item[field_id])
            else:
                plain.pop(field_id, None)
        if self._items is not None and field_id == spot.parent.item_title and item is not None:
            rows = self._item_rows.get(list_id)
            if rows is None:
                rows = {row[0]: n for n, row in enumerate(self._items.get(list_id, []))}
                self._item_rows[list_id] = rows
            if item_id in rows:
                self._items[list_id][rows[item_id]] = (
                    item_id,
                    values.item_title(spot.parent, as_plain(item)),
                )
            else:
                self.reread(list_id)

    def _plain_item(self, list_id: str, item_id: str) -> dict[str, Any] | None:
        """An item of the plain answers, by id."""
        found = self._plain_items.get(list_id)
        if found is None:
            raw = self.answers().get(list_id)
            items = raw if isinstance(raw, list) else []
            found = {str(i.get("id")): i for i in reversed(items) if isinstance(i, dict)}
            self._plain_items[list_id] = found
        return found.get(item_id)

    def added(self, question: Question, item: Any) -> None:
        """A new item at the end of its list: the plain answers and the items follow."""
        item_id = str(item.get("id"))
        if self._answers is not None:
            raw = self._answers.get(question.id)
            if not isinstance(raw, list):
                self.reread(question.id)
            else:
                plain = as_loaded(item)
                raw.append(plain)
                if question.id in self._plain_items:
                    self._plain_items[question.id].setdefault(item_id, plain)
        if self._items is not None:
            entries = self._items.setdefault(question.id, [])
            rows = self._item_rows.get(question.id)
            if rows is not None:
                rows.setdefault(item_id, len(entries))
            entries.append((item_id, values.item_title(question, item)))
