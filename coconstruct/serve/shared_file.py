"""The answers file, as the room sees it and writes it: through the one Editor, under one lock.

`serve` is the file's single writer while it holds the file lock; with `run --serve` the interview
shares the same Editor (and so the same document in memory). Every edit and every save happens
while holding `Workshop.lock`: the interview holds it except while it waits for the facilitator to
type (see `SharedPrompter`), the server takes it for a post-it accepted or a vote closed. Neither
can overwrite the other's answers, since there is only one document.

Post-its become items with `set`'s own code (assignments.apply), checked first on a copy, so a
refused post-it leaves nothing half-made in the document.
"""

from __future__ import annotations

import copy
import datetime as dt
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coconstruct.editing import final
from coconstruct.editing.assignments import apply
from coconstruct.editing.editor import Editor, next_free_id
from coconstruct.errors import CoconstructError
from coconstruct.interview.protocol import Ask, Menu, Prompter
from coconstruct.language.messages import msg
from coconstruct.model.answers_file import AnswersFile
from coconstruct.model.questionnaire import Question

# the lists a post-it may go to, in the order the phone offers them
POSTIT_LISTS = ("needs", "resources", "partners")
VOTED_LIST = "needs"
QUESTIONS_LIST, WORDS_LIST = "open_questions", "vision_words"  # the open question, its words


@dataclass(frozen=True)
class Kind:
    """What a post-it of one list holds: its title, its kind (a choice) and one line of text."""

    list: str
    title: Question
    category: Question
    description: Question | None


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    category: str | None
    description: str


@dataclass(frozen=True)
class Snapshot:
    """What the pages show of the file: its items by list, its title; compared to spot changes."""

    territory: str
    title: str
    language: str
    items: Mapping[str, tuple[Item, ...]]

    @property
    def needs(self) -> tuple[Item, ...]:
        return self.items.get(VOTED_LIST, ())

    def ids(self, list_id: str = VOTED_LIST) -> set[str]:
        return {item.id for item in self.items.get(list_id, ())}


class Workshop:
    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        self.lock = threading.Lock()
        self.kinds = _kinds(editor)

    @property
    def doc(self) -> AnswersFile:
        return self.editor.doc

    @property
    def lang(self) -> str:
        return self.editor.lang

    def snapshot(self) -> Snapshot:
        with self.lock:
            return self._snapshot()

    def _snapshot(self) -> Snapshot:
        doc = self.editor.doc
        items: dict[str, tuple[Item, ...]] = {}
        for list_id, kind in self.kinds.items():
            rows = []
            for item in doc.items(list_id):
                description = item.get(kind.description.id) if kind.description else None
                category = item.get(kind.category.id)
                rows.append(
                    Item(
                        str(item.get("id")),
                        str(item.get(kind.title.id) or item.get("id")),
                        None if category is None else str(category),
                        str(description or ""),
                    )
                )
            items[list_id] = tuple(rows)
        return Snapshot(
            territory=str(doc.get("territory_name") or ""),
            title=str(doc.get("workshop_title") or ""),
            language=self.editor.lang,
            items=items,
        )

    # --- writes -----------------------------------------------------------------------------

    def add_item(self, list_id: str, title: str, category: str, description: str) -> str:
        """A post-it accepted: the list's next item, with `set`'s checks; returns its id."""
        kind = self.kinds[list_id]
        assignments = [
            f"{list_id}[+].{kind.title.id}={title}",
            f"{list_id}[+].{kind.category.id}={category}",
        ]
        if description and kind.description is not None:
            assignments.append(f"{list_id}[+].{kind.description.id}={description}")
        with self.lock:
            question = self.editor.q.question(list_id)
            assert question is not None
            item_id = next_free_id(question, self.editor.doc)
            self._write(assignments)
            return item_id

    def remove_item(self, list_id: str, item_id: str) -> bool:
        """An accepted post-it taken back: its item leaves the file, unless another answer cites
        it (False then, nothing changed). An item already gone is fine."""
        from coconstruct.editing import citations

        with self.lock:
            question = self.editor.q.question(list_id)
            assert question is not None
            if self.editor.doc.item(list_id, item_id) is None:
                return True
            if citations.cited_in(self.editor, question, item_id):
                return False
            doc, q = self.editor.doc, self.editor.q
            if doc.status == "final":  # a list with a minimum may not lose its last item
                before = final.errors(doc, q)
                trial = AnswersFile(copy.deepcopy(doc.data), doc.path)
                Editor(trial, q, self.lang).remove_item(question, item_id)
                final.keep_valid(trial, q, before, hint=self._final_hint())
            self.editor.remove_item(question, item_id)
            self.editor.save()
            return True

    def unmerge(self, list_id: str, item_id: str, line: str) -> bool:
        """A merged post-it taken back: its line leaves the item's description, if it is still
        the description's last (False when the description changed since, nothing changed)."""
        field = self.kinds[list_id].description
        with self.lock:
            item = self.editor.doc.item(list_id, item_id)
            if item is None or field is None:
                return True
            before = str(item.get(field.id) or "")
            if before == line:
                after = ""
            elif before.endswith("\n" + line):
                after = before[: -len(line) - 1]
            else:
                return False
            self._write([f"{list_id}[{item_id}].{field.id}={after}"])
            return True

    @staticmethod
    def merged_line(title: str, description: str) -> str:
        return f"{title} — {description}" if description else title

    def merge(self, list_id: str, item_id: str, title: str, description: str) -> None:
        """A post-it joins an existing item: its words are added to the item's description."""
        field = self.kinds[list_id].description
        if field is None:
            raise ValueError(f"{list_id} items have no description to add a post-it to")
        with self.lock:
            item = self.editor.doc.item(list_id, item_id)
            if item is None:
                raise KeyError(item_id)
            before = str(item.get(field.id) or "")
            line = self.merged_line(title, description)
            self._write(
                [
                    f"{list_id}[{item_id}].{field.id}={before}\n{line}"
                    if before
                    else f"{list_id}[{item_id}].{field.id}={line}"
                ]
            )

    def write_results(
        self, votes: Mapping[str, int], voters: int, dots: int, day: dt.date
    ) -> list[str]:
        """The room's vote as answers: every need's dots, the date, the voters, the dots each."""
        with self.lock:
            needs = [str(item.get("id")) for item in self.editor.doc.items(VOTED_LIST)]
            # each assignment is checked as it is made: the last vote's voters go first, or more
            # dots on a need than that vote's voters × dots would be refused half-way
            assignments = ["vote_voters=", f"vote_dots={dots}"]
            assignments += [f"{VOTED_LIST}[{n}].votes={votes.get(n, 0)}" for n in needs]
            assignments += [f"vote_date={day.isoformat()}", f"vote_voters={voters}"]
            self._write(assignments)
            return needs

    def write_words(
        self, question: str, day: dt.date, respondents: int, words: Sequence[tuple[str, int]]
    ) -> str:
        """An open question closed: a new item of `open_questions` (its text, date and base),
        and one item of `vision_words` per word with how many said it; one save. Its id."""
        with self.lock:
            asked = self.editor.q.question(QUESTIONS_LIST)
            if asked is None or self.editor.q.question(WORDS_LIST) is None:
                raise CoconstructError(
                    msg(
                        "The questionnaire has no list {name} to write the words to",
                        self.editor.lang,
                        name=QUESTIONS_LIST,
                    ),
                    lang=self.editor.lang,
                )
            item_id = next_free_id(asked, self.editor.doc)
            assignments = [
                f"{QUESTIONS_LIST}[+].text={question}",
                f"{QUESTIONS_LIST}[+].date={day.isoformat()}",
                f"{QUESTIONS_LIST}[+].respondents={respondents}",
            ]
            for word, n in words:
                assignments += [
                    f"{WORDS_LIST}[+].word={word}",
                    f"{WORDS_LIST}[+].count={n}",
                    f"{WORDS_LIST}[+].question={item_id}",
                ]
            self._write(assignments)
            return item_id

    def written_question(self, question: str, respondents: int) -> str | None:
        """The item of `open_questions` that holds this question as closed with this base (a
        close written to the file just before a crash), or None."""
        with self.lock:
            for item in self.editor.doc.items(QUESTIONS_LIST):
                if item.get("text") == question and item.get("respondents") == respondents:
                    return str(item.get("id"))
        return None

    def _write(self, assignments: list[str]) -> None:
        """Check on a copy (nothing half-made when refused), then apply and save; lock held.

        A final file stays valid: a change that would leave answers missing is refused with
        them named (the room keeps the post-it waiting, the vote open, the journal its data)."""
        doc, q = self.editor.doc, self.editor.q
        before = final.errors(doc, q) if doc.status == "final" else set()
        trial = AnswersFile(copy.deepcopy(doc.data), doc.path)
        apply(Editor(trial, q, self.editor.lang), assignments)
        final.keep_valid(trial, q, before, hint=self._final_hint())
        apply(self.editor, assignments)
        self.editor.save()

    def _final_hint(self) -> str:
        return msg(
            "complete it once the room is closed, or put it back in draft: coconstruct set "
            "{file} --status draft",
            self.lang,
            file=self.editor.doc.path,
        )


def _kinds(editor: Editor) -> dict[str, Kind]:
    """Each post-it list's title, kind and description fields, read from the questionnaire."""
    kinds = {}
    for list_id in POSTIT_LISTS:
        question = editor.q.question(list_id)
        if question is None or not question.is_list or not question.item_title:
            continue
        fields = question.fields or []
        title = question.field(question.item_title)
        category = next((f for f in fields if f.type == "select" and f.required), None)
        description = next((f for f in fields if f.type == "textarea"), None)
        if title is not None and category is not None:
            kinds[list_id] = Kind(list_id, title, category, description)
    return kinds


class SharedPrompter:
    """The interview's prompter in `run --serve`: the lock is let go while the facilitator types.

    The interview works on the shared document only while it holds the workshop's lock; the
    server's writes wait for it (milliseconds), and the server hears when the interview goes
    back to waiting, to show the room what was typed.
    """

    def __init__(
        self,
        inner: Prompter,
        lock: threading.Lock,
        idle: Callable[[], None],
        section: Callable[[str, float, int | None], None] | None = None,
    ):
        self._inner = inner
        self._lock = lock
        self._idle = idle
        self._section = section  # the section shown, its seconds spent and timebox: the timer

    @property
    def lang(self) -> str:
        return str(getattr(self._inner, "lang", ""))

    @lang.setter
    def lang(self, value: str) -> None:
        self._inner.lang = value  # type: ignore[attr-defined]

    def _waiting(self, call: Callable[[], Any]) -> Any:
        self._lock.release()
        try:
            self._idle()
            return call()
        finally:
            self._lock.acquire()

    def ask(self, request: Ask) -> Any:
        self._where(request)
        return self._waiting(lambda: self._inner.ask(request))

    def choose(self, menu: Menu) -> Any:
        self._where(menu)
        return self._waiting(lambda: self._inner.choose(menu))

    def _where(self, request: Ask | Menu) -> None:
        header = getattr(request, "header", None)
        if self._section is not None and header is not None:
            self._section(header.section, header.elapsed_seconds, header.timebox_minutes)

    def notice(self, message: str) -> None:
        self._inner.notice(message)
