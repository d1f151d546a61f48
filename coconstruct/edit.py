"""`set`: edit answers from the command line with the interview's own checks.

Path syntax: `QUESTION=VALUE` for a top-level answer, `LIST[ID].FIELD=VALUE` for a field of a
list item addressed by its stable id, `LIST[+].FIELD=VALUE` to add an item (every `[+]` of the
same list in one command refers to that one new item). An empty VALUE removes the answer.
Multiple choices and references are comma-separated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coconstruct import values
from coconstruct.answers import AnswersFile
from coconstruct.errors import UsageError
from coconstruct.questionnaire import Questionnaire
from coconstruct.validation import items_index

_PATH = re.compile(
    r"^(?P<question>[a-z][a-z0-9_]*)(?:\[(?P<item>[^\]]+)\]\.(?P<field>[a-z][a-z0-9_]*))?$"
)


@dataclass(frozen=True)
class Change:
    path: str
    value: Any

    def __str__(self) -> str:
        if values.is_empty(self.value):
            return f"{self.path}: removed"
        return f"{self.path} = {values.display(self.value)}"


def apply(doc: AnswersFile, questionnaire: Questionnaire, assignments: list[str]) -> list[Change]:
    """Apply every assignment in memory, or raise before anything is changed on disk."""
    lang = questionnaire.lang(doc.language)
    new_items: dict[str, str] = {}
    changes = []
    for assignment in assignments:
        path, sep, raw = assignment.partition("=")
        path = path.strip()
        match = _PATH.match(path)
        if not sep or not match:
            raise UsageError(
                f'{assignment!r}: expected PATH=VALUE, such as territory_name="Val d\'Orbière" '
                "or needs[N2].priority=4"
            )
        qid, item_ref, field_id = match["question"], match["item"], match["field"]
        question = questionnaire.question(qid)
        if question is None:
            raise UsageError(f"{path}: no question {qid!r} in questionnaire {questionnaire.id}")
        if item_ref is None:
            if question.is_list:
                raise UsageError(
                    f"{path}: {qid} is a list; set a field of one item, such as "
                    f"{qid}[{question.item_prefix}1].{(question.fields or [question])[0].id}=…"
                )
            value = _parse(question, raw, path, lang, doc, questionnaire)
            if values.is_empty(value):
                doc.unset(qid)
            else:
                doc.set(questionnaire, qid, value)
            changes.append(Change(path, value))
            continue
        if not question.is_list:
            raise UsageError(f"{path}: {qid} is not a list, it has no items")
        field = question.field(field_id)
        if field is None:
            known = ", ".join(f.id for f in question.fields or [])
            raise UsageError(f"{path}: {qid} items have no field {field_id!r} (fields: {known})")
        if item_ref == "+":
            if qid not in new_items:
                new_items[qid] = str(doc.add_item(questionnaire, question)["id"])
            item_ref = new_items[qid]
        item = doc.item(qid, item_ref)
        if item is None:
            ids = ", ".join(str(i.get("id")) for i in doc.items(qid)) or "none yet"
            raise UsageError(
                f"{path}: no item {item_ref!r} in {qid} (items: {ids}); use {qid}[+] to add one"
            )
        value = _parse(field, raw, path, lang, doc, questionnaire)
        if values.is_empty(value):
            item.pop(field_id, None)
        else:
            doc.set_field(question, item, field_id, value)
        changes.append(Change(f"{qid}[{item_ref}].{field_id}", value))
    return changes


def _parse(
    question: Any, raw: str, path: str, lang: str, doc: AnswersFile, questionnaire: Questionnaire
) -> Any:
    if question.is_list:
        raise UsageError(f"{path}: lists are edited item by item")
    items = items_index(questionnaire, doc.plain())
    try:
        value = values.parse(question, raw, lang, items)
        # an empty value removes an answer, except a required one (the interview refuses it too)
        problems = values.check(question, value, lang, items)
    except values.InvalidValue as exc:
        problems = [str(exc)]
    if problems:
        raise UsageError(f"{path}: {problems[0]}")
    return value
