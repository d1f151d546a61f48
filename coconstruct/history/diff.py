"""What changed between two versions of an answers file, answer by answer, item by item.

Both versions are read as every command reads them (`AnswersFile`, through the questionnaire's
migrations when one is older), then compared by question id and by list-item id: a reordered
list is a few moves, not a change of every item; an item whose title changed is renamed, not
removed and added. The result is plain values (`Change`); `history/describe.py` says them in
words, `render --compare` turns them into the roadmap's « Évolutions » section.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from coconstruct.model.answers_file import HEADER_KEYS, KEPT_KEY, AnswersFile, as_plain
from coconstruct.model.questionnaire import Question, Questionnaire

# The kinds of change, in the order a reader wants them for one answer or item.
STATUS = "status"  # the file's status (draft → final)
HEADER = "header"  # another header key (language, questionnaire)
SET = "set"  # an answer given where there was none
CLEARED = "cleared"  # an answer taken away
CHANGED = "changed"  # an answer changed
ITEM_ADDED = "item-added"
ITEM_REMOVED = "item-removed"
ITEM_MOVED = "item-moved"
ITEM_RENAMED = "item-renamed"  # its title changed (the id did not)
DEFERRED = "deferred"  # a question set aside, to review
UNDEFERRED = "undeferred"  # no longer set aside
KEPT = "kept"  # a value a migration kept aside appeared, changed or went


@dataclass(frozen=True)
class Change:
    """One change, in plain values (`old`/`new`: None when absent)."""

    kind: str
    path: str  # an answer path: population, needs[N3], needs[N3].priority; or a header key
    old: Any = None
    new: Any = None
    old_index: int | None = None  # an item's place in its list, from 1 (moves)
    new_index: int | None = None

    @property
    def question(self) -> str:
        """The top-level question id (`needs` for needs[N3].priority)."""
        return self.path.split("[", 1)[0].split(".", 1)[0]

    @property
    def item(self) -> str | None:
        if "[" not in self.path:
            return None
        return self.path.split("[", 1)[1].split("]", 1)[0]

    @property
    def field(self) -> str | None:
        rest = self.path.split("]", 1)
        return rest[1][1:] if len(rest) == 2 and rest[1].startswith(".") else None


@dataclass
class Version:
    """One side of a comparison: its document and how to name it (`atelier.yaml@HEAD~2`)."""

    doc: AnswersFile
    name: str
    date: str | None = None  # the commit's date (ISO), when it comes from git


@dataclass
class Diff:
    old: Version
    new: Version
    questionnaire: Questionnaire
    changes: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.changes)

    @property
    def lang(self) -> str:
        return self.questionnaire.lang(self.new.doc.language)


def compare(old: Version, new: Version, questionnaire: Questionnaire) -> Diff:
    """Every change from `old` to `new` (both at the questionnaire's version: see `migrated`)."""
    return Diff(old, new, questionnaire, list(changes(old.doc, new.doc, questionnaire)))


def migrated(doc: AnswersFile, questionnaire: Questionnaire) -> AnswersFile:
    """The document as the current questionnaire reads it (older versions through migrations)."""
    from coconstruct.model.migrations import migrate, outdated

    if outdated(doc, questionnaire) and doc.migration is None:
        doc.migration = migrate(doc, questionnaire, doc.language)
    return doc


def changes(old: AnswersFile, new: AnswersFile, q: Questionnaire) -> Iterator[Change]:
    for key in HEADER_KEYS:
        if key == "questionnaire_version":
            continue  # both are read at the questionnaire's version
        before, after = as_plain(old.data.get(key)), as_plain(new.data.get(key))
        if before != after:
            yield Change(STATUS if key == "status" else HEADER, key, before, after)
    before, after = old.answers, new.answers
    known = [question.id for question in q.questions()]
    others = [k for k in _union(list(before), list(after)) if str(k) not in set(known)]
    for key in [*known, *map(str, others)]:
        question = q.question(key)
        had, has = key in before, key in after
        if not had and not has:
            continue
        old_value = as_plain(before.get(key)) if had else None
        new_value = as_plain(after.get(key)) if has else None
        if question is not None and question.is_list:
            yield from _list_changes(question, old_value, new_value)
        else:
            yield from _answer(key, had, has, old_value, new_value)
    yield from _deferred(old.deferred, new.deferred)
    kept_old = as_plain(old.data.get(KEPT_KEY)) or {}
    kept_new = as_plain(new.data.get(KEPT_KEY)) or {}
    for key in _union(list(kept_old), list(kept_new)):
        if kept_old.get(key) != kept_new.get(key):
            yield Change(KEPT, str(key), kept_old.get(key), kept_new.get(key))


def _answer(path: str, had: bool, has: bool, old: Any, new: Any) -> Iterator[Change]:
    """One answer: an empty answer (`key:`) counts as given-and-empty, as the file says."""
    if had and has:
        if old != new:
            yield Change(CHANGED, path, old, new)
    elif has:
        yield Change(SET, path, None, new)
    else:
        yield Change(CLEARED, path, old, None)


def _list_changes(question: Question, old: Any, new: Any) -> Iterator[Change]:
    old_items = _by_id(old)
    new_items = _by_id(new)
    title = question.item_title or "title"
    for item_id, item in old_items.items():
        if item_id not in new_items:
            yield Change(ITEM_REMOVED, f"{question.id}[{item_id}]", item, None)
    old_order = list(old_items)
    new_order = list(new_items)
    for index, item_id in enumerate(new_order, 1):
        if item_id not in old_items:
            yield Change(
                ITEM_ADDED, f"{question.id}[{item_id}]", None, new_items[item_id], new_index=index
            )
    common_old = [i for i in old_order if i in new_items]
    common_new = [i for i in new_order if i in old_items]
    stayed = set(_longest_common(common_old, common_new))
    for item_id in common_new:
        if item_id not in stayed:
            yield Change(
                ITEM_MOVED,
                f"{question.id}[{item_id}]",
                old_items[item_id].get(title),
                new_items[item_id].get(title),
                old_order.index(item_id) + 1,
                new_order.index(item_id) + 1,
            )
    fields = [f.id for f in question.fields or []]
    for item_id in common_new:
        before, after = old_items[item_id], new_items[item_id]
        if before == after:
            continue
        extra = [str(k) for k in _union(list(before), list(after)) if k not in fields]
        for key in [*fields, *extra]:
            if key == "id" or (key not in before and key not in after):
                continue
            path = f"{question.id}[{item_id}].{key}"
            if key == title and key in before and key in after and before[key] != after[key]:
                yield Change(ITEM_RENAMED, path, before[key], after[key])
                continue
            yield from _answer(path, key in before, key in after, before.get(key), after.get(key))
    if isinstance(old, list) != isinstance(new, list) and not (old_items or new_items):
        yield from _answer(question.id, old is not None, new is not None, old, new)


def _deferred(old: list[str], new: list[str]) -> Iterator[Change]:
    for path in new:
        if path not in old:
            yield Change(DEFERRED, path)
    for path in old:
        if path not in new:
            yield Change(UNDEFERRED, path)


def _by_id(value: Any) -> dict[str, dict[str, Any]]:
    """A list's items by id, in order (items without an id cannot be followed: left out)."""
    found: dict[str, dict[str, Any]] = {}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict) and item.get("id") not in (None, ""):
            found.setdefault(str(item["id"]), item)
    return found


def _union(first: Sequence[Any], second: Sequence[Any]) -> list[Any]:
    return list(dict.fromkeys([*first, *second]))


def _longest_common(a: list[str], b: list[str]) -> list[str]:
    """The longest common subsequence: the items that kept their relative order."""
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            rows[i][j] = (
                rows[i + 1][j + 1] + 1 if a[i] == b[j] else max(rows[i + 1][j], rows[i][j + 1])
            )
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i, j = i + 1, j + 1
        elif rows[i + 1][j] >= rows[i][j + 1]:
            i += 1
        else:
            j += 1
    return out
