"""The one editing core: every change to an answers file goes through an Editor.

`run` (the interview), `set`, and what writes answers next (migrations, the room's web page, merges)
apply the same rules here, so that the same edits leave the same file, byte for byte:

- a typed answer is parsed and checked as `values` says, with messages in the file's language;
- a list item is made with its first answer and keeps a stable id (`N1`, `N2`…, never reused);
- storing an answer takes it off the `deferred:` list, and later answers that still hold their old
  computed default follow the new one (`volunteering_value` after `volunteering_hours`);
- removing an item takes its fields off `deferred:`; where it is cited is said first, and the
  answers citing it follow it (citations.py).

An Editor changes the document in memory; `save()` writes it (atomically, durably). The caller
holds the file's lock.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from coconstruct.editing.readings import Readings
from coconstruct.language.messages import msg
from coconstruct.model import conditions, values
from coconstruct.model.answers_file import AnswersFile, as_plain
from coconstruct.model.paths import AnswerPath, PathError, Spot, locate, within
from coconstruct.model.question_types.reference import item_label
from coconstruct.model.questionnaire import Question, Questionnaire, text


@dataclass(frozen=True)
class Recomputed:
    """An answer that followed its computed default after another answer changed."""

    spot: Spot
    value: Any


class Editor:
    """Edits of one answers document against its questionnaire."""

    def __init__(
        self, doc: AnswersFile, questionnaire: Questionnaire, lang: str | None = None
    ) -> None:
        self.doc = doc
        self.q = questionnaire
        self.lang = questionnaire.lang(lang or doc.language)
        self._read = Readings(doc, questionnaire)  # the answers and items, kept up to date
        self._computed: list[tuple[int, Question, list[Question]]] | None = None
        self._totals: list[tuple[Question, Question, list[str]]] | None = None
        # the new item the interview is typing (list id, item id), out of the file until done
        self.pending: tuple[str, str] | None = None

    # --- reading ---------------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The answers as plain values (conditions and defaults read these); cached."""
        return self._read.answers()

    def items(self) -> values.Items:
        """Every list's items as (id, title), for references; cached."""
        return self._read.items()

    def changed(self) -> None:
        """Forget what was read: the document changed (by hand, not through the Editor)."""
        self._read.changed()

    def answered(self) -> int:
        """How many answers the file holds, counted as the analysis counts them (show, report)."""
        from coconstruct.model.completeness import completeness

        return completeness(self.answers(), self.q).answered

    @property
    def deferred(self) -> list[str]:
        return self.doc.deferred

    def stored(self, spot: Spot) -> tuple[bool, Any]:
        """Whether the file has a key for this answer, and its value."""
        if spot.parent is None:
            answers = self.doc.answers
            return spot.question.id in answers, answers.get(spot.question.id)
        item = self.doc.item(spot.parent.id, spot.item_id or "")
        if item is None:
            return False, None
        return spot.question.id in item, item.get(spot.question.id)

    def item_values(self, parent: Question, item_id: str) -> dict[str, Any]:
        item = self.doc.item(parent.id, item_id)
        return {str(k): as_plain(v) for k, v in item.items()} if item is not None else {}

    def item_name(self, parent: Question, item_id: str) -> str:
        """`N2 · Eau potable`: an item as people recognise it."""
        item = self.doc.item(parent.id, item_id)
        title = item.get(parent.item_title or "", "") if item is not None else ""
        return item_label(item_id, str(title or ""))

    def place(self, parent: Question, item_id: str) -> str:
        """`Besoins › N2 · Eau potable`: an item in its list, as the interview's header says it."""
        return f"{text(parent.label, self.lang)} › {self.item_name(parent, item_id)}"

    def describe(self, path: str) -> str:
        """A path as the room reads it: `Code INSEE`, `Besoins › N2 · Eau potable › Priorité`.
        One rule for every screen that names an answer (the closing screen, `show`).

        What is not a path of this file (a header key, a removed item) is shown as written.
        """
        try:
            parsed = AnswerPath.parse(path)
            spots = locate(self.q, parsed)
        except PathError:
            return path
        question = self.q.question(parsed.question)
        if question is None or not spots:
            return path
        if parsed.item is None:
            return text(question.label, self.lang)
        if self.doc.item(question.id, parsed.item) is None:
            return path
        name = self.place(question, parsed.item)
        if parsed.field is None:
            return name
        return f"{name} › {text(spots[0].question.label, self.lang)}"

    def context(self, spot: Spot) -> dict[str, Any]:
        """What `when:` and defaults of this spot see: the answers, and `item` inside a list."""
        if spot.parent is None:
            return self.answers()
        return {**self.answers(), "item": self.item_values(spot.parent, spot.item_id or "")}

    def shown(self, spot: Spot, item: dict[str, Any] | None = None) -> bool:
        """Whether the question applies (`when:`) given the answers so far."""
        context = self.answers()
        if spot.parent is not None:
            if item is None:
                item = self.item_values(spot.parent, spot.item_id or "")
            context = {**context, "item": item}
        return conditions.is_shown(spot.question.when, context)

    def default(self, spot: Spot, context: dict[str, Any] | None = None) -> Any:
        """The question's default over `context`, typed; None when it has none or it is invalid."""
        default = spot.question.default
        if default is None:
            return None
        raw = conditions.computed_default(
            default, self.context(spot) if context is None else context
        )
        if isinstance(raw, str):
            try:
                # Jinja renders numbers the Python way (1200.5), hence English parsing.
                raw = values.parse(spot.question, raw, "en", self.items())
            except values.InvalidValue:
                return None
        if values.is_empty(raw) or values.check(spot.question, raw, self.lang, self.items()):
            return None
        return raw

    def spots(self, path: str | AnswerPath) -> list[Spot]:
        """The spots a path names in this file (PathError when it names nothing)."""
        parsed = path if isinstance(path, AnswerPath) else AnswerPath.parse(path, self.lang)
        found = locate(self.q, parsed, self.lang)
        by_id = parsed.item is not None and not parsed.is_new_item
        if by_id and self.doc.item(parsed.question, parsed.item or "") is None:
            ids = ", ".join(str(i.get("id")) for i in self.doc.items(parsed.question))
            raise PathError(
                msg(
                    "{path}: no item {item} in {list} (items: {ids})",
                    self.lang,
                    path=parsed,
                    item=parsed.item,
                    list=parsed.question,
                    ids=ids or msg("none yet", self.lang),
                ),
                hint=msg("{list}[+] adds one", self.lang, list=parsed.question),
                lang=self.lang,
            )
        return found

    def is_open(self, question: Question) -> bool:
        """Not answered yet: no key at all, or a list item missing a shown required field.

        A question set aside (deferred) is not open: it waits for the end of the interview.
        """
        deferred = set(self.deferred)
        if question.id in deferred:
            return False
        if question.id not in self.doc.answers:
            return True
        if not question.is_list:
            return False
        for item in self.doc.items(question.id):
            plain = {str(k): as_plain(v) for k, v in item.items()}
            for field in question.fields or []:
                spot = Spot(field, question, str(item.get("id")))
                if (
                    field.required
                    and values.is_empty(item.get(field.id))
                    and str(spot.path) not in deferred
                    and self.shown(spot, plain)
                ):
                    return True
        return False

    # --- checking ----------------------------------------------------------------------------

    def accept(self, spot: Spot, reply: Any) -> Any:
        """The answer to store for a reply, or InvalidValue with every problem, in the file's
        language. Text is parsed as typed (French numbers and dates included); anything else is
        already a value (a choice made in a list)."""
        question = spot.question
        if isinstance(reply, str):
            value = values.parse(question, reply, self.lang, self.items())
        else:
            value = reply
        problems = values.check(question, value, self.lang, self.items())
        problems += self._order_problems(spot, value)
        problems += self._total_problems(spot, value)
        if problems:
            raise values.InvalidValue(msg("; ", self.lang).join(problems))
        return None if values.is_empty(value) else value

    def _total_problems(self, spot: Spot, value: Any) -> list[str]:
        """A list's figures over the product of other answers (`total_at_most`), with this
        value in place: one need's `votes`, or `vote_voters` or `vote_dots` themselves."""
        if self._totals is None:
            self._totals = [
                (owner, field, field.total_at_most)
                for owner in self.q.questions()
                for field in owner.fields or []
                if field.total_at_most
            ]
        answers = self.answers()
        problems = []
        for owner, field, names in self._totals:
            in_owner = spot.parent is not None and spot.parent.id == owner.id
            if in_owner and spot.question.id != field.id:
                continue
            if not in_owner and (spot.parent is not None or spot.question.id not in names):
                continue
            raw = answers.get(owner.id)
            items = [item for item in raw if isinstance(item, dict)] if raw else []
            figures = [item.get(field.id) for item in items]
            if in_owner:
                ids = [str(item.get("id")) for item in items]
                if spot.item_id in ids:
                    figures[ids.index(spot.item_id)] = value
                else:
                    figures.append(value)
            limits = [
                (limit, value if name == spot.question.id else answers.get(name))
                for name in names
                if (limit := self.q.question(name)) is not None
            ]
            problem = values.total_problem(owner, field, figures, limits, self.lang)
            if problem is not None:
                problems.append(problem)
        return problems

    def _order_problems(self, spot: Spot, value: Any) -> list[str]:
        """Dates in order: a value that comes before the date it cannot precede, or after one
        that cannot precede it (`end` and `start` of the same item)."""
        siblings = spot.parent.fields or [] if spot.parent is not None else list(self.q.questions())
        item = (
            self.item_values(spot.parent, spot.item_id or "")
            if spot.parent is not None
            else self.answers()
        )
        problems = []
        question = spot.question
        for other in siblings:
            if question.not_before_warns or other.not_before_warns:
                continue  # said by `validate`, never refused
            if question.not_before == other.id:
                problem = values.order_problem(
                    question, value, other, item.get(other.id), self.lang
                )
            elif other.not_before == question.id:
                problem = values.order_problem(
                    other, item.get(other.id), question, value, self.lang
                )
                if problem is not None:
                    problem = msg(
                        "later than “{other}” ({date})",
                        self.lang,
                        other=text(other.label, self.lang),
                        date=values.as_date(item.get(other.id)).said(self.lang, "long"),  # type: ignore[union-attr]
                    )
            else:
                continue
            if problem is not None:
                problems.append(problem)
        return problems

    # --- editing -----------------------------------------------------------------------------

    def store(self, spot: Spot, value: Any) -> tuple[Spot, list[Recomputed]]:
        """Store an answer (a new item is made first); returns the spot and what followed.

        A top-level None is written `key:` (seen, left empty: a resumed interview goes past
        it); a list field's None is no key at all.
        """
        spot = self._made(spot)
        if spot.parent is not None and self.doc.item(spot.parent.id, spot.item_id or "") is None:
            return spot, []
        following = self._following(spot)
        if spot.parent is None:
            self.doc.set(self.q, spot.question.id, value)
        else:
            item = self.doc.item(spot.parent.id, spot.item_id or "")
            assert item is not None
            if value is None:
                item.pop(spot.question.id, None)
            else:
                self.doc.set_field(spot.parent, item, spot.question.id, value)
        self.undefer(spot.path)
        self._read.refresh(spot)
        return spot, self._follow(following)

    def clear(self, spot: Spot) -> list[Recomputed]:
        """Remove an answer altogether (`set QUESTION=`): no key is left."""
        if spot.parent is None:
            following = self._following(spot)
            self.doc.unset(spot.question.id)
            self.undefer(spot.path)
            self._read.refresh(spot)
            return self._follow(following)
        return self.store(spot, None)[1]

    def defer(self, spot: Spot) -> Spot:
        """Set a question aside (`deferred:`); a list never seen gets `[]` so it counts as seen."""
        spot = self._made(spot)
        path = str(spot.path)
        if path not in self.deferred:
            self.doc.set_deferred([*self.deferred, path])
        if (
            spot.parent is None
            and spot.question.is_list
            and spot.question.id not in self.doc.answers
        ):
            self.doc.set(self.q, spot.question.id, [])
            self._read.reread(spot.question.id)
        return spot

    def undefer(self, path: AnswerPath | str) -> None:
        path = str(path)
        if path in self.deferred:
            self.doc.set_deferred([p for p in self.deferred if p != path])

    def seen(self, question: Question) -> None:
        """A list left without items still counts as seen (`key: []`)."""
        if question.id not in self.doc.answers:
            self.doc.set(self.q, question.id, [])
            self._read.reread(question.id)

    def add_item(self, question: Question) -> str:
        """Append an item with the next free stable id; returns the id."""
        item = self.doc.add_item(self.q, question)
        self._read.added(question, item)
        return str(item["id"])

    def remove_item(self, question: Question, item_id: str) -> None:
        """Remove an item and take its fields off `deferred:` (see `citations.cited_in` first)."""
        self.doc.remove_item(question.id, item_id)
        gone = AnswerPath(question.id, item_id)
        self.doc.set_deferred([p for p in self.deferred if not within(p, gone)])
        self._read.reread(question.id)

    def move_item(self, question: Question, item_id: str, index: int) -> None:
        """Move an item to `index` (0: first; the length of the list: last)."""
        ids = [str(item.get("id")) for item in self.doc.items(question.id)]
        if item_id not in ids:
            return
        old = ids.index(item_id)
        new = min(index - 1 if index > old else index, len(ids) - 1)
        if new != old:
            self.doc.move_item(question.id, item_id, new - old)
            self._read.reread(question.id)

    def put(self, path: AnswerPath, value: Any) -> None:
        """Store a value as another writer of this file stored it (a merge takes one side's
        answer): no parsing, no checks, no computed default followed, the `deferred:` list left
        to the caller. `value` None takes the answer away."""
        question = self.q.question(path.question)
        if path.item is None:
            if value is None:
                self.doc.unset(path.question)
            elif question is not None:
                self.doc.set(self.q, path.question, value)
            else:  # a key the questionnaire does not know: kept where it is, or at the end
                self.doc.answers[path.question] = value
        else:
            item = self.doc.item(path.question, path.item)
            if item is None or path.field is None:
                return
            if value is None:
                item.pop(path.field, None)
            elif question is not None:
                self.doc.set_field(question, item, path.field, value)
            else:
                item[path.field] = value
        self._read.reread(path.question)

    def insert_item(self, question: Question, item: Any, index: int) -> None:
        """Put an item of another version of the file (its id, its comments) at `index`."""
        self.doc.insert_item(self.q, question, item, index)
        self._read.reread(question.id)

    def save(self) -> None:
        """Write the file; the new item the interview is typing (`pending`) is left out, whoever
        saves meanwhile (the room): it is not an item until its last field is answered."""
        seq = self.doc.answers.get(self.pending[0]) if self.pending else None
        last = seq[-1] if isinstance(seq, list) and seq else None
        if self.pending is None or not isinstance(last, dict) or last.get("id") != self.pending[1]:
            self.doc.save()
            return
        assert isinstance(seq, list)
        seq.pop()  # always the last item: a new one is appended
        try:
            self.doc.save()
        finally:
            seq.append(last)

    # --- inside ------------------------------------------------------------------------------

    def _made(self, spot: Spot) -> Spot:
        """The spot of an item that exists: a new item (`item_id` None) is made now."""
        if spot.parent is not None and spot.item_id is None:
            return Spot(spot.question, spot.parent, self.add_item(spot.parent))
        return spot

    def _following(self, changed: Spot) -> list[tuple[Spot, Any]]:
        """Before `changed` changes: the later answers that hold their computed default, with it
        (they follow the change)."""
        found = []
        for spot in self._dependents(changed):
            present, stored = self.stored(spot)
            if not present or values.is_empty(stored):
                continue
            old = self.default(spot)
            if old is not None and as_plain(stored) == as_plain(old):
                found.append((spot, old))
        return found

    def _follow(self, following: list[tuple[Spot, Any]]) -> list[Recomputed]:
        """After the change: each of them takes its new computed default."""
        followed = []
        for spot, old in following:
            new = self.default(spot)
            if new is None or new == old:
                continue
            if spot.parent is None:
                self.doc.set(self.q, spot.question.id, new)
            else:
                item = self.doc.item(spot.parent.id, spot.item_id or "")
                if item is None:
                    continue
                self.doc.set_field(spot.parent, item, spot.question.id, new)
            self._read.refresh(spot)
            followed.append(Recomputed(spot, new))
        return followed

    def _dependents(self, changed: Spot) -> Iterator[Spot]:
        """Questions with a computed default after `changed`."""
        if self._computed is None:
            # the questions with a computed default, each with its rank (once per Editor)
            self._computed = [
                (rank, question, [f for f in question.fields or [] if _computed(f)])
                for rank, question in enumerate(self.q.questions())
                if _computed(question) or any(_computed(f) for f in question.fields or [])
            ]
        # a default reads an answer only by naming it (`population`, `item.source`,
        # `attribute='amount'`): one that names neither the changed answer nor its list cannot
        # follow it, and is not computed at all (Jinja is then not even imported)
        names = {changed.question.id, changed.top.id}
        if changed.parent is not None:
            fields = [f.id for f in changed.parent.fields or []]
            later = fields.index(changed.question.id) + 1
            for field in changed.parent.fields or []:
                if field.id in fields[later:] and _computed(field) and _names(field, names):
                    yield Spot(field, changed.parent, changed.item_id or "")
        top = self.q.order.get(changed.top.id, -1)
        for rank, question, fields_computed in self._computed:
            if rank <= top:
                continue
            if question.is_list:
                for field in fields_computed:
                    if not _names(field, names):
                        continue
                    for item in self.doc.items(question.id):
                        yield Spot(field, question, str(item.get("id")))
            elif _names(question, names):
                yield Spot(question)


def next_free_id(question: Question, doc: AnswersFile) -> str:
    """The id the next item of a list will get (`N13`), to name it before it exists."""
    return doc.next_id(question)


def _computed(question: Question) -> bool:
    return isinstance(question.default, str) and conditions.is_template(question.default)


def _names(question: Question, names: set[str]) -> bool:
    """Whether the computed default of `question` names one of `names` (as a whole word)."""
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", str(question.default)))
    return not words.isdisjoint(names)
