"""Where an item is cited, and how the answers citing it follow it.

A reference names an item by its stable id (`N2`), never by its place in its list. Removing an
item says first where it is cited (`cited_in`: removing it is then a conscious choice), and takes
it out of those answers (`uncite`); a merge that gives an item a new id has every answer citing
it, and `deferred:`, follow it (`renumber`). The changes go through the Editor's document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coconstruct.editing.editor import Editor
from coconstruct.model.paths import AnswerPath, within
from coconstruct.model.questionnaire import Question, text


@dataclass(frozen=True)
class Citation:
    """Where an item is cited: `A1 (Besoins servis)`, or a question's label."""

    path: AnswerPath
    label: str


def cited_in(editor: Editor, target: Question, item_id: str) -> list[Citation]:
    """Every answer that cites an item of `target`: a field of a list's item, or a question."""
    found = []
    for question in editor.q.questions():
        for field in question.fields or []:
            if field.kind.cites == target.id:
                for item in editor.doc.items(question.id):
                    if item_id in _refs(item.get(field.id)):
                        label = f"{item.get('id')} ({text(field.label, editor.lang)})"
                        path = AnswerPath(question.id, str(item.get("id")), field.id)
                        found.append(Citation(path, label))
        cites = question.kind.cites == target.id
        if cites and item_id in _refs(editor.doc.get(question.id)):
            found.append(Citation(AnswerPath(question.id), text(question.label, editor.lang)))
    return found


def uncite(editor: Editor, citation: Citation, item_id: str) -> None:
    """Take `item_id` out of the answer that cites it (the item is being removed)."""
    doc, q = editor.doc, editor.q
    path = citation.path
    if path.item is None:
        question = q.question(path.question)
        kept = [r for r in _refs(doc.get(path.question)) if r != item_id]
        if question is not None and question.multiple:
            doc.set(q, path.question, kept)
        else:
            doc.unset(path.question)
    else:
        item = doc.item(path.question, path.item)
        parent = q.question(path.question)
        field = parent.field(path.field or "") if parent is not None else None
        if item is not None and parent is not None and field is not None:
            kept = [r for r in _refs(item.get(field.id)) if r != item_id]
            if field.multiple:
                doc.set_field(parent, item, field.id, kept)
            else:
                item.pop(field.id, None)
    editor.changed()


def renumber(editor: Editor, question: Question, old_id: str, new_id: str) -> list[Citation]:
    """Give an item a new id, and every answer citing it and `deferred:` follow (a merge
    whose two sides made an item with the same id keeps both). Returns what cited it."""
    item = editor.doc.item(question.id, old_id)
    if item is None:
        return []
    cited = cited_in(editor, question, old_id)
    item["id"] = new_id
    for citation in cited:
        _recite(editor, citation.path, old_id, new_id)
    moved = AnswerPath(question.id, old_id)
    editor.doc.set_deferred(
        [
            str(AnswerPath.parse(p).with_item(new_id)) if within(p, moved) else p
            for p in editor.deferred
        ]
    )
    editor.changed()
    return cited


def _recite(editor: Editor, path: AnswerPath, old_id: str, new_id: str) -> None:
    """`old_id` → `new_id` in the answer at `path`, in place (its style and order kept)."""
    if path.item is None:
        container: Any = editor.doc.answers
        key: str | None = path.question
    else:
        container = editor.doc.item(path.question, path.item)
        key = path.field
    if container is None or key is None:
        return
    value = container.get(key)
    if isinstance(value, list):
        for index, ref in enumerate(value):
            if str(ref) == old_id:
                value[index] = new_id
    elif str(value) == old_id:
        container[key] = new_id


def _refs(value: Any) -> list[str]:
    return [str(r) for r in (value if isinstance(value, list) else [value]) if r is not None]
