"""Three versions of an answers file merged into one, by question id and list-item id.

git calls the merge driver with the common ancestor (base), our version (ours: the file it
keeps) and theirs. Lines do not matter here, answers do:

- an answer or an item field changed on one side only takes that side's value;
- items added on both sides all survive; when both sides made an item with the same id (each
  added its `N13`), theirs is renumbered to the next free id, and every answer citing it follows
  (`Editor.renumber`);
- an item removed on one side and left alone on the other is removed; removed on one side and
  changed on the other is a conflict over that item;
- a list reordered on one side only takes that order, new items go after the item they follow;
- the same answer changed differently on both sides is a conflict: the file is written with
  standard conflict markers around that answer only, and `validate` points at them.

The merge edits our round-trip document through the Editor, so comments, key order and quoting
survive; theirs' answers are taken as nodes, with their own comments. The common ancestor is
read fast (values only).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coconstruct.editing import citations
from coconstruct.editing.editor import Editor
from coconstruct.history.diff import migrated
from coconstruct.model.answers_file import KEPT_KEY, AnswersFile, as_plain
from coconstruct.model.paths import AnswerPath
from coconstruct.model.questionnaire import Question, Questionnaire
from coconstruct.model.yamlio.write import dump_yaml

MISSING: Any = object()  # no key at all (an empty answer `key:` is None, and is an answer)


@dataclass(frozen=True)
class Conflict:
    path: str  # status, population, needs[N3] (the whole item), needs[N3].priority
    ours: Any  # the node, or MISSING
    theirs: Any


@dataclass
class Merged:
    text: str
    conflicts: list[Conflict] = field(default_factory=list)
    renumbered: list[tuple[str, str, str]] = field(default_factory=list)  # list, old id, new id
    # a final file the merge would leave invalid: the errors neither side had (question,
    # message); the file is written as a draft and the merge is not concluded
    invalid: list[tuple[str, str]] = field(default_factory=list)


def merge_texts(
    base: str,
    ours: str,
    theirs: str,
    path: Path,
    questionnaire: str | None = None,
    marker_size: int = 7,
) -> Merged:
    """Merge three versions' texts; `path` names the file (and finds its questionnaire)."""
    from coconstruct.model.validation import questionnaire_for

    base_doc = AnswersFile.parse(base, path, comments=False)
    ours_doc = AnswersFile.parse(ours, path)
    theirs_doc = AnswersFile.parse(theirs, path)
    q = questionnaire_for(ours_doc, questionnaire)
    for doc in (base_doc, ours_doc, theirs_doc):
        migrated(doc, q)
    return _Merge(base_doc, ours_doc, theirs_doc, q, marker_size).run()


class _Merge:
    def __init__(
        self, base: AnswersFile, ours: AnswersFile, theirs: AnswersFile, q: Questionnaire, size: int
    ) -> None:
        self.base, self.ours, self.theirs, self.q = base, ours, theirs, q
        # the errors of both sides as they came, to tell those the merge makes (a final file)
        self.before: set[tuple[str, str]] = set()
        if "final" in (ours.status, theirs.status):
            from coconstruct.editing import final

            self.before = final.errors(ours, q) | final.errors(theirs, q)
        self.editor = Editor(ours, q)
        self.size = size
        self.result = Merged("")
        self.token = f"coconstruct-conflict-{secrets.token_hex(6)}"
        self.placeholders: dict[str, Conflict] = {}

    def run(self) -> Merged:
        self.renumber()
        for key in ("language", "status"):
            self.header(key)
        base, ours, theirs = self.base.answers, self.ours.answers, self.theirs.answers
        order = [question.id for question in self.q.questions()]
        keys = [k for k in dict.fromkeys([*order, *map(str, [*ours, *theirs, *base])])]
        for key in keys:
            question = self.q.question(key)
            if question is not None and question.is_list and self._has_items(key):
                self.merge_list(question)
            else:
                self.merge_answer(
                    AnswerPath(key), _get(base, key), _get(ours, key), _get(theirs, key)
                )
        self.deferred()
        self.kept()
        self.stay_valid()
        self.result.text = self.write()
        return self.result

    def stay_valid(self) -> None:
        """A final file is never left invalid: when the merged answers have errors neither side
        had (an item one side added without a field the other made required…), the file is
        written as a draft and the merge is reported unconcluded, those errors named."""
        if self.placeholders or self.ours.status != "final":
            return  # conflict markers are said as such; a draft may be incomplete
        from coconstruct.editing import final

        new = sorted(final.errors(self.ours, self.q) - self.before)
        if new:
            self.ours.set_status("draft")
            self.result.invalid = new

    # --- one answer ----------------------------------------------------------------------------

    def merge_answer(self, path: AnswerPath, base: Any, ours: Any, theirs: Any) -> None:
        b, o, t = _plain(base), _plain(ours), _plain(theirs)
        if o == t or t == b:
            return  # the same on both sides, or theirs did not touch it: ours stands
        if o == b:
            self.editor.put(path, None if theirs is MISSING else theirs)
            return
        self.conflict(path, ours, theirs)

    def header(self, key: str) -> None:
        b, o, t = (_plain(_get(doc.data, key)) for doc in (self.base, self.ours, self.theirs))
        if o == t or t == b:
            return
        if o == b:
            self.ours.data[key] = self.theirs.data[key]
            return
        conflict = Conflict(
            key, self.ours.data.get(key, MISSING), self.theirs.data.get(key, MISSING)
        )
        self.ours.data[key] = self._placeholder(conflict)

    def conflict(self, path: AnswerPath, ours: Any, theirs: Any) -> None:
        conflict = Conflict(str(path), ours, theirs)
        if path.item is not None and path.field is None:  # a whole item: its place in the list
            seq = self.ours.answers[path.question]
            index = next(i for i, item in enumerate(seq) if _item_id(item) == path.item)
            seq[index] = self._placeholder(conflict)
            self.editor.changed()
            return
        self.editor.put(path, self._placeholder(conflict))

    def _placeholder(self, conflict: Conflict) -> str:
        key = f"{self.token}-{len(self.placeholders)}"
        self.placeholders[key] = conflict
        self.result.conflicts.append(conflict)
        return key

    # --- lists -----------------------------------------------------------------------------

    def _has_items(self, key: str) -> bool:
        return any(
            isinstance(_get(doc.answers, key), list) for doc in (self.base, self.ours, self.theirs)
        )

    def renumber(self) -> None:
        """Both sides made an item with the same id and different content: theirs moves on."""
        for question in self.q.questions():
            if not question.is_list:
                continue
            base = _items(self.base, question.id)
            ours = _items(self.ours, question.id)
            theirs = _items(self.theirs, question.id)
            taken = {*base, *ours, *theirs}
            theirs_editor = Editor(self.theirs, self.q)
            for item_id, item in list(theirs.items()):
                if item_id in base or item_id not in ours or _plain(item) == _plain(ours[item_id]):
                    continue
                new_id = _next_id(question, taken)
                taken.add(new_id)
                citations.renumber(theirs_editor, question, item_id, new_id)
                self.result.renumbered.append((question.id, item_id, new_id))

    def merge_list(self, question: Question) -> None:
        base = _items(self.base, question.id)
        ours = _items(self.ours, question.id)
        theirs = _items(self.theirs, question.id)
        for item_id, item in base.items():
            in_ours, in_theirs = item_id in ours, item_id in theirs
            if in_ours and in_theirs:
                self.merge_item(question, item_id, item, ours[item_id], theirs[item_id])
            elif in_ours and _plain(ours[item_id]) != _plain(item):
                self.conflict(AnswerPath(question.id, item_id), ours[item_id], MISSING)
            elif in_ours:
                self.editor.remove_item(question, item_id)  # theirs removed it, ours left it be
            elif in_theirs and _plain(theirs[item_id]) != _plain(item):
                # ours removed it, theirs changed it: it comes back, between markers
                self.editor.insert_item(question, theirs[item_id], self._place(question, item_id))
                self.conflict(AnswerPath(question.id, item_id), MISSING, theirs[item_id])
        self.reorder(question, base, theirs)
        for item_id, item in theirs.items():
            if item_id not in base and self.ours.item(question.id, item_id) is None:
                self.editor.insert_item(question, item, self._place(question, item_id))

    def merge_item(
        self, question: Question, item_id: str, base: Any, ours: Any, theirs: Any
    ) -> None:
        if _plain(ours) == _plain(theirs) or _plain(theirs) == _plain(base):
            return
        keys = dict.fromkeys([*map(str, ours), *map(str, theirs), *map(str, base)])
        for key in keys:
            if key == "id":
                continue
            path = AnswerPath(question.id, item_id, key)
            self.merge_answer(path, _get(base, key), _get(ours, key), _get(theirs, key))

    def reorder(self, question: Question, base: dict[str, Any], theirs: dict[str, Any]) -> None:
        """Theirs' order of the items both kept, when only theirs reordered them."""
        ours_now = list(_items(self.ours, question.id))
        shared = [i for i in ours_now if i in base and i in theirs]
        base_order = [i for i in base if i in shared]
        theirs_order = [i for i in theirs if i in shared]
        if shared != base_order or theirs_order == base_order:
            return  # ours reordered (ours stands), or theirs did not
        slots = [index for index, item_id in enumerate(ours_now) if item_id in shared]
        wanted = list(ours_now)
        for slot, item_id in zip(slots, theirs_order, strict=True):
            wanted[slot] = item_id
        for index, item_id in enumerate(wanted):
            self.editor.move_item(question, item_id, index)

    def _place(self, question: Question, item_id: str) -> int:
        """Where theirs' item goes in ours: after the item it follows in theirs, and after the
        items ours added there (ours' N6 before theirs' N6 renumbered N7: ids stay in order)."""
        theirs = list(_items(self.theirs, question.id))
        ours = list(_items(self.ours, question.id))
        base = _items(self.base, question.id)
        before = theirs[: theirs.index(item_id)]
        for previous in reversed(before):
            if previous in ours:
                place = ours.index(previous) + 1
                while place < len(ours) and ours[place] not in base and ours[place] not in theirs:
                    place += 1  # an item only ours added, right there: it came first
                return place
        return 0 if before == [] and ours and theirs.index(item_id) == 0 else len(ours)

    # --- the rest of the file ------------------------------------------------------------------

    def deferred(self) -> None:
        base, ours, theirs = self.base.deferred, self.ours.deferred, self.theirs.deferred
        kept = [p for p in ours if p in theirs or p not in base]
        added = [p for p in theirs if p not in base and p not in kept]
        merged = kept + added
        if merged != ours:
            self.ours.set_deferred(merged)

    def kept(self) -> None:
        base, ours, theirs = (doc.data.get(KEPT_KEY) for doc in (self.base, self.ours, self.theirs))
        if not isinstance(theirs, dict) or _plain(theirs) == _plain(base):
            return
        if ours is None:
            self.ours.data[KEPT_KEY] = theirs
            return
        for key, value in theirs.items():
            if key not in ours:
                ours[key] = value

    # --- writing -----------------------------------------------------------------------------

    def write(self) -> str:
        text = self.ours.dump()
        if not self.placeholders:
            return text
        lines = text.split("\n")
        out = []
        for line in lines:
            key = next((k for k in self.placeholders if k in line), None)
            if key is None:
                out.append(line)
                continue
            out += self._markers(line, key)
        return "\n".join(out)

    def _markers(self, line: str, key: str) -> list[str]:
        conflict = self.placeholders[key]
        indent = len(line) - len(line.lstrip(" "))
        name = line.strip().split(":", 1)[0]
        whole_item = line.lstrip(" ").startswith("- ")
        ours = _render(conflict.ours, name, whole_item, indent)
        theirs = _render(conflict.theirs, name, whole_item, indent)
        size = self.size
        return [
            f"{'<' * size} ours ({conflict.path})",
            *ours,
            "=" * size,
            *theirs,
            f"{'>' * size} theirs ({conflict.path})",
        ]


def _render(value: Any, name: str, whole_item: bool, indent: int) -> list[str]:
    """One side of a conflict as the file would hold it, at the placeholder's indentation."""
    if value is MISSING:
        return []
    text = dump_yaml({"x": [value]}).split("\n", 1)[1] if whole_item else dump_yaml({name: value})
    lines = [line for line in text.rstrip("\n").split("\n")]
    first = len(lines[0]) - len(lines[0].lstrip(" "))
    shift = indent - first
    return [(" " * shift + line) if shift >= 0 else line[-shift:] for line in lines]


def _get(container: Any, key: str) -> Any:
    if isinstance(container, dict) and key in container:
        return container[key]
    return MISSING


def _plain(value: Any) -> Any:
    return value if value is MISSING else as_plain(value)


def _item_id(item: Any) -> str | None:
    return str(item.get("id")) if isinstance(item, dict) else None


def _items(doc: AnswersFile, question_id: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in doc.items(question_id):
        if item.get("id") not in (None, ""):
            found.setdefault(str(item["id"]), item)
    return found


def _next_id(question: Question, taken: set[str]) -> str:
    prefix = question.item_prefix or "I"
    used = [
        int(i[len(prefix) :]) for i in taken if i.startswith(prefix) and i[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(used, default=0) + 1}"


__all__ = ["Conflict", "Merged", "merge_texts"]


def run_driver(base: Path, ours: Path, theirs: Path, marker_size: int, name: Path) -> Merged | None:
    """git's merge driver: merge into `ours` (written atomically); None when the files could not
    be merged by id (not answers files, broken YAML…): then git's own line merge does it, so that
    nothing is ever lost (`git merge-file`, markers where lines conflict)."""
    from coconstruct.errors import CoconstructError
    from coconstruct.model import fsio
    from coconstruct.model.yamlio.read import read_text

    try:
        merged = merge_texts(
            read_text(base), read_text(ours), read_text(theirs), name, marker_size=marker_size
        )
    except (CoconstructError, RecursionError, ValueError, KeyError, TypeError):
        return None
    fsio.atomic_write(ours, merged.text)
    return merged


def line_merge(base: Path, ours: Path, theirs: Path, marker_size: int) -> int:
    """git's own three-way line merge into `ours`; its exit code (0: clean)."""
    import subprocess

    done = subprocess.run(
        [
            "git",
            "merge-file",
            f"--marker-size={marker_size}",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            str(ours),
            str(base),
            str(theirs),
        ],
        check=False,
    )
    return done.returncode
